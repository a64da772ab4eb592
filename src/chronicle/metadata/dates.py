"""Explicit calendar dates in text ("January 14, 2020", "14 Jan 2020", "2020-01-14").

Only fully stated dates are read here; relative and partial expressions belong to the time stage.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
_YEAR_ONLY = re.compile(r"\b(?:in|since|of|during|from|by)\s+((?:19|20)\d\d)\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|KST|JST|EST|EDT|BST|CET))?\b", re.I)
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A fully stated calendar date found in text."""

    start: int
    end: int
    date: dt.date
    text: str


def find_dates(text: str) -> list[DateMention]:
    """Return every fully stated, valid calendar date in ``text`` in order of position."""
    found: dict[int, DateMention] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                date = dt.date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                continue
            if not any(m.start <= match.start() < m.end for m in found.values()):
                found[match.start()] = DateMention(match.start(), match.end(), date, match.group(0))
    return [found[k] for k in sorted(found)]


def find_years(text: str) -> list[tuple[int, str]]:
    """Return (year, phrase) for years stated on their own ("in 2017")."""
    return [(int(m.group(1)), m.group(0)) for m in _YEAR_ONLY.finditer(text)]


def strip_dates(text: str) -> str:
    """Return ``text`` without its stated dates, clock times and weekday names."""
    for mention in reversed(find_dates(text)):
        text = text[: mention.start] + " " + text[mention.end :]
    return _WEEKDAY.sub(" ", _TIME.sub(" ", text))


def weekdays_in(text: str) -> set[int]:
    """Return the weekdays (0 = Monday) named in ``text``."""
    return {WEEKDAYS.index(m.group(1).lower()) for m in _WEEKDAY.finditer(text)}
