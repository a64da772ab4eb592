"""Publication dates: stated in the text, given as metadata, inferred as a window, or unknown."""

from __future__ import annotations

import datetime as dt
import re

from chronicle.clean.cleaner import CleanText
from chronicle.clean.features import Lexicon, words_of
from chronicle.metadata.dates import find_dates, find_years, weekdays_in
from chronicle.models import DateBasis, LineKind, PublishedDate, SourceMetadata

_FUTURE = re.compile(r"\b(?:will|would|shall|plans?|planned|expected|scheduled|next|until|by\s+(?:19|20)\d\d)\b", re.I)
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"])")


def parse_metadata_date(value: str | None) -> dt.date | None:
    """Read an ISO 8601 date/datetime or a written date from a metadata field."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        pass
    found = find_dates(value)
    return found[0].date if found else None


def publication_date(
    clean: CleanText,
    lexicon: Lexicon,
    sidecar: SourceMetadata | None,
    given: tuple[tuple[str | None, str], ...],
    crawled: str | None,
) -> PublishedDate:
    """Decide the publication date of a document and say how it is known.

    Precedence: a user's sidecar, a dateline or byline date in the text, the item's own metadata
    (JSONL, feed, HTML), a photo-caption date the text ties to the reported event, an inferred
    window, and otherwise ``unknown`` — never the current date.
    """
    if sidecar and (date := parse_metadata_date(sidecar.published)):
        return PublishedDate(DateBasis.METADATA, date.isoformat(), evidence=f"{sidecar.origin}: published {sidecar.published}")
    for line, text in clean.of_kind(LineKind.DATELINE) + clean.of_kind(LineKind.BYLINE):
        if found := find_dates(text):
            return PublishedDate(DateBasis.STATED, found[0].date.isoformat(), evidence=f"dateline (line {line.number}): '{text}'")
    for value, origin in given:
        if date := parse_metadata_date(value):
            return PublishedDate(DateBasis.METADATA, date.isoformat(), evidence=f"{origin} metadata: {value}")
    if tied := _caption_date(clean, lexicon):
        return tied
    return _inferred(clean, crawled)


def _lead(clean: CleanText) -> str:
    headline = " ".join(text for _, text in clean.of_kind(LineKind.HEADLINE))
    body = [text for _, text in clean.of_kind(LineKind.BODY)[:2]]
    return " ".join([headline, *body])


def _event_keys(text: str, lexicon: Lexicon) -> set[str]:
    return {lexicon.event_words[w.lower()] for w in words_of(text) if w.lower() in lexicon.event_words}


def _caption_date(clean: CleanText, lexicon: Lexicon) -> PublishedDate | None:
    """A caption date counts when its sentence names the event the lead reports, on a matching weekday."""
    lead = _lead(clean)
    lead_events = _event_keys(lead, lexicon)
    lead_days = weekdays_in(lead)
    for line, text in clean.of_kind(LineKind.CAPTION):
        for sentence in _SENTENCE.split(text):
            for mention in find_dates(sentence):
                shared = _event_keys(sentence, lexicon) & lead_events
                if not shared:
                    continue
                weekday = mention.date.weekday()
                if lead_days and weekday not in lead_days:
                    continue
                day_name = mention.date.strftime("%A")
                check = f"; {day_name} matches the weekday the text gives" if lead_days else ""
                return PublishedDate(
                    DateBasis.STATED,
                    mention.date.isoformat(),
                    evidence=(
                        f"photo caption (line {line.number}) dates the {'/'.join(sorted(shared))} the article "
                        f"reports: '{mention.text}'{check}"
                    ),
                )
    return None


def _inferred(clean: CleanText, crawled: str | None) -> PublishedDate:
    lower: dt.date | None = None
    reason = ""
    for line in clean.lines:
        if line.kind is LineKind.CAPTION:
            continue
        for sentence in _SENTENCE.split(clean.text[line.start : line.end]):
            if _FUTURE.search(sentence):
                continue
            candidates = [(m.date, m.text) for m in find_dates(sentence)]
            candidates += [(dt.date(year, 1, 1), phrase) for year, phrase in find_years(sentence)]
            for date, phrase in candidates:
                if lower is None or date > lower:
                    lower, reason = date, f"the text refers to '{phrase}' as past (line {line.number})"
    upper = parse_metadata_date(crawled)
    if lower is None and upper is None:
        return PublishedDate.unknown()
    if lower and upper and lower > upper:
        lower = None
    reasons = [r for r in (reason if lower else "", f"the page was fetched on {crawled}" if upper else "") if r]
    return PublishedDate(
        DateBasis.INFERRED,
        window_start=lower.isoformat() if lower else None,
        window_end=upper.isoformat() if upper else None,
        evidence="; ".join(reasons),
    )
