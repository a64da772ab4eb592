"""``annotate``: the full analysis of one text, without a store.

With cleaning (the default) the text goes through the same per-document pipeline as a build
(decoding, cleaning, metadata and publication date, time, language, actors, events), so offsets
index the clean text that is returned. Without cleaning the text is analysed exactly as given
and every offset indexes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chronicle.analysis import analyse_text, load_toolkit
from chronicle.config import Settings
from chronicle.errors import ConfigError
from chronicle.ingest.readers import content_hash
from chronicle.models import (
    ActorMention,
    DateBasis,
    EventMention,
    PublishedDate,
    Quote,
    Rejection,
    RemovedLine,
    SourceItem,
    SourceMetadata,
    StatedCount,
    Timex,
)
from chronicle.pipeline import document_id, process_item


@dataclass(frozen=True)
class Annotation:
    """What Chronicle reads in one text. ``rejection`` is set (and the rest empty) when it could not be read."""

    id: str
    origin: str
    text: str
    published: PublishedDate
    removed: tuple[RemovedLine, ...] = ()
    timexes: tuple[Timex, ...] = ()
    actor_mentions: tuple[ActorMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    counts: tuple[StatedCount, ...] = ()
    quotes: tuple[Quote, ...] = ()
    rejection: Rejection | None = None


def annotate(
    text: str | bytes,
    *,
    published: str | dt.date | None = None,
    clean: bool = True,
    html: bool = False,
    origin: str = "<text>",
    settings: Settings | None = None,
) -> Annotation:
    """Analyse one article (or sentence) and return everything found in it.

    ``published`` (an ISO date) overrides any date the text states; without it a cleaned text is
    dated from its own evidence and an uncleaned one is undated, so relative dates stay unresolved.
    ``html`` marks ``text`` as an HTML page (implies cleaning).

    Raises:
        ConfigError: ``published`` is not an ISO date, or ``html`` is asked without cleaning.
        LanguageModelError, KnowledgeError: the language stages cannot be set up.
    """
    settings = settings or Settings()
    day = _date(published)
    toolkit = load_toolkit(settings)
    if not clean:
        if html:
            raise ConfigError("an HTML page cannot be analysed without cleaning")
        body = text.decode("utf-8") if isinstance(text, bytes) else text
        date = (
            PublishedDate(DateBasis.METADATA, day.isoformat(), evidence="given by the caller")
            if day
            else PublishedDate.unknown("no date given (the text is analysed as given, without looking for one)")
        )
        found = analyse_text(body, day, toolkit)
        return Annotation(
            document_id(body), origin, body, date, (), found.timexes, found.actor_mentions, found.events, found.counts,
            found.quotes,
        )
    payload = text if isinstance(text, bytes) else text.encode("utf-8")
    sidecar = SourceMetadata(published=day.isoformat(), origin="caller") if day else None
    item = SourceItem(origin, "html" if html else "text", payload, content_hash(payload, sidecar), sidecar=sidecar)
    # A single sentence is a fine thing to annotate: no minimum length, every language.
    result = process_item(item, settings.replace(min_words=1, accept_languages=()), toolkit=toolkit)
    if isinstance(result, Rejection):
        return Annotation(document_id(payload.decode("utf-8", "replace")), origin, "", PublishedDate.unknown(), rejection=result)
    return Annotation(
        result.id, origin, result.text, result.published, result.removed, result.timexes,
        result.actor_mentions, result.events, result.counts, result.quotes,
    )


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ConfigError(f"'{value}' is not a publication date: use YYYY-MM-DD") from exc


