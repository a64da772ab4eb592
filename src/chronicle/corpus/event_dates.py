"""Dates of event mentions, compared at their granularity: can two reports be of one happening?

A mention's date is a TIMEX3 value with a granularity and a basis (its own words, or only the
publication date of its article); an undated article may still have a latest possible date. The
comparison says whether two such dates exclude one happening, allow it, or support it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "DAY_GRANULARITIES",
    "FULL_DATE",
    "SUPPORT_DAYS",
    "MentionDate",
    "date_agreement",
    "date_weeks",
    "mention_date",
    "parse_day",
    "supporting_weeks",
]

FULL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_PARTIAL = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d{2}|XX)(?:-(\d))?$")
DAY_GRANULARITIES = ("day", "time")

REPORT_LAG_DAYS = 7  # a report published this long after a stated day still supports it
SAME_NEWS_DAYS = 2  # two reports dated only by publication this close may tell one happening
DAY_TOLERANCE = 1  # outlets in different time zones may date one happening a day apart
# Two dates farther apart than this never support each other (``date_agreement`` above 0): the
# widest gap that does is a report published a week after the day it states.
SUPPORT_DAYS = max(REPORT_LAG_DAYS, SAME_NEWS_DAYS, DAY_TOLERANCE) + 1


@dataclass(frozen=True)
class MentionDate:
    """What a mention's date says: an interval when the year is known, else the known parts.

    ``kind`` is "day" (a stated day or time), "span" (a stated month, week or year), "partial" (a
    stated value with unknown parts), "published" (the document's date only), "window" (an undated
    document's latest possible date) or "none".
    """

    kind: str
    lo: dt.date | None = None
    hi: dt.date | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO weekday, 1 = Monday


def mention_date(value: str | None, granularity: str | None, basis: str, window_end: str | None = None) -> MentionDate:
    """What an event mention's stored date says (value, granularity and basis as ``EventDate`` has
    them; ``window_end`` the latest possible date of an undated document)."""
    if not value or basis == "unknown":
        end = parse_day(window_end)
        return MentionDate("window", hi=end) if end else MentionDate("none")
    if basis == "document":
        day = parse_day(value[:10])
        return MentionDate("published", day, day) if day else MentionDate("none")
    week = _WEEK.match(value)
    if week:
        year, number, weekday = week.groups()
        if year.isdigit() and number.isdigit():
            monday = dt.date.fromisocalendar(int(year), int(number), 1)
            if weekday:
                day = monday + dt.timedelta(days=int(weekday) - 1)
                return MentionDate("day", day, day)
            return MentionDate("span", monday, monday + dt.timedelta(days=6))
        return MentionDate("partial", weekday=int(weekday)) if weekday else MentionDate("none")
    full = FULL_DATE.match(value)
    if full:
        year, month, day = (int(part) if part else None for part in full.groups())
        try:
            if day is not None and month is not None:
                date = dt.date(year, month, day)
                return MentionDate("day", date, date)
            if month is not None:
                last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
                return MentionDate("span", dt.date(year, month, 1), last)
            return MentionDate("span", dt.date(year, 1, 1), dt.date(year, 12, 31))
        except ValueError:
            return MentionDate("none")
    partial = _PARTIAL.match(value)
    if partial:
        _, month, day = partial.groups()
        known_month = int(month) if month and month.isdigit() else None
        known_day = int(day) if day and day.isdigit() else None
        if known_month or known_day:
            return MentionDate("partial", month=known_month, day=known_day)
    return MentionDate("none")


def parse_day(value: str | None) -> dt.date | None:
    """The ISO day at the start of ``value``, or None when there is none."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def date_agreement(x: MentionDate, y: MentionDate, status: str, *, same_document: bool) -> int:
    """How the dates of two mentions of one status bear on their being one happening.

    Returns -1 (they cannot be), 0 (they can be, nothing more), 1 (some support) or 2 (the same
    day stated on both sides). Two stated days a day apart support each other only across
    documents (outlets in different time zones); within one they are two days.
    """
    if x.kind == "none" or y.kind == "none":
        return 0
    if x.kind == "published" and y.kind == "published":
        return 1 if abs((x.lo - y.lo).days) <= SAME_NEWS_DAYS else 0  # type: ignore[operator]
    if y.kind in ("published", "window") and x.kind not in ("published", "window"):
        x, y = y, x
    if x.kind in ("published", "window"):
        return _bound(x, y, status)
    if x.kind == "partial" or y.kind == "partial":
        return _partial(x, y)
    assert x.lo and x.hi and y.lo and y.hi
    if x.lo <= y.hi and y.lo <= x.hi:
        if x.kind == "day" and y.kind == "day":
            return 2
        return 1 if "day" in (x.kind, y.kind) or (x.lo, x.hi) == (y.lo, y.hi) else 0
    if x.kind == "day" and y.kind == "day" and not same_document and abs((x.lo - y.lo).days) <= DAY_TOLERANCE:
        return 1
    return -1


def date_weeks(when: MentionDate) -> range:
    """The weeks (seven-day periods counted from the first day of the calendar) a date covers;
    an empty range when it is no interval (a partial date, a window, none)."""
    if when.lo is None or when.hi is None:
        return range(0)
    return range(when.lo.toordinal() // 7, when.hi.toordinal() // 7 + 1)


def supporting_weeks(when: MentionDate) -> range:
    """The weeks another date must touch to support ``when`` (``date_agreement`` above 0): those
    within ``SUPPORT_DAYS`` of it. Empty when ``when`` is no interval."""
    if when.lo is None or when.hi is None:
        return range(0)
    margin = dt.timedelta(days=SUPPORT_DAYS)
    return range((when.lo - margin).toordinal() // 7, (when.hi + margin).toordinal() // 7 + 1)


def _bound(bound: MentionDate, stated: MentionDate, status: str) -> int:
    """A publication date or window against another date: it bounds what occurred or was planned.

    Only a stated day close to a publication date supports the pair; the rest merely fits or not.
    """
    if stated.kind in ("window", "published", "partial") or stated.lo is None or stated.hi is None:
        return 0
    limit = bound.hi if bound.kind == "window" else bound.lo
    assert limit is not None
    near = bound.kind == "published" and stated.kind == "day"
    if status == "occurred":
        if stated.lo > limit:
            return -1
        return 1 if near and (limit - stated.hi).days <= REPORT_LAG_DAYS else 0
    if status == "planned" and bound.kind == "published":
        if stated.hi < limit:
            return -1
        return 1 if near and (stated.lo - limit).days <= REPORT_LAG_DAYS else 0
    return 0


def _partial(x: MentionDate, y: MentionDate) -> int:
    """Dates with unknown parts ("XXXX-05", a bare weekday) clash only on a part both know."""
    for p, q in ((x, y), (y, x)):
        if p.kind == "partial" and q.kind != "partial" and q.lo is not None and q.hi is not None:
            if q.kind == "day":
                known = {"month": q.lo.month, "day": q.lo.day, "weekday": q.lo.isoweekday()}
            elif q.lo.month == q.hi.month:  # a month (or a week inside one)
                known = {"month": q.lo.month}
            else:
                return 0
            return -1 if any(getattr(p, k) is not None and getattr(p, k) != v for k, v in known.items()) else 0
    clash = any(
        getattr(x, part) is not None and getattr(y, part) is not None and getattr(x, part) != getattr(y, part)
        for part in ("month", "day", "weekday")
    )
    return -1 if clash else 0
