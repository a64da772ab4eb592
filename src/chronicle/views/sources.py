"""Source comparison: which outlets report which events, and where their versions differ."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlparse

from chronicle.views.events import SourceDocument, TimelineEvent, load_events

__all__ = ["EventVersion", "OutletCoverage", "SharedEvent", "SourceComparison", "outlet_name", "source_comparison"]


def outlet_name(source: SourceDocument) -> str:
    """The outlet of a document: its publisher, else its web site, else its file name."""
    if source.publisher:
        return source.publisher
    if source.url:
        host = urlparse(source.url).netloc
        if host:
            return host.removeprefix("www.")
    return f"unnamed ({PurePosixPath(source.origin.split('#')[0]).name or source.document_id[:12]})"


@dataclass(frozen=True)
class OutletCoverage:
    """One outlet: its documents, the events they report and how many of those others report too."""

    outlet: str
    documents: tuple[str, ...]
    events: tuple[int, ...]
    shared: tuple[int, ...]


@dataclass(frozen=True)
class EventVersion:
    """One document's version of an event: the dates, durations and participants it states."""

    outlet: str
    document_id: str
    published: str | None
    dates: tuple[str, ...]  # dates the document's sentences state for the event (not its own date)
    durations: tuple[str, ...]
    participants: tuple[str, ...]  # actor names
    mentions: tuple[int, ...]


@dataclass(frozen=True)
class SharedEvent:
    """An event reported by several documents, each version, and the fields on which they differ."""

    event: TimelineEvent
    versions: tuple[EventVersion, ...]
    differences: tuple[str, ...]  # "date", "duration", "participants"


@dataclass(frozen=True)
class SourceComparison:
    """Outlets and the events they share; ``disagreements`` are the shared events whose versions differ."""

    outlets: tuple[OutletCoverage, ...]
    shared: tuple[SharedEvent, ...]

    @property
    def disagreements(self) -> tuple[SharedEvent, ...]:
        return tuple(s for s in self.shared if s.differences)


def source_comparison(conn: sqlite3.Connection) -> SourceComparison:
    """Compare the outlets of the corpus: coverage, events reported by several documents, differences."""
    by_outlet_docs: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for row in conn.execute("SELECT id, publisher, url, origin, title, published, published_basis, published_end FROM documents WHERE status = 'ok' ORDER BY seq"):
        source = SourceDocument(
            row["id"], row["publisher"], row["title"], row["published"], row["published_basis"], row["published_end"],
            row["origin"], row["url"],
        )
        names[row["id"]] = outlet_name(source)
        by_outlet_docs[names[row["id"]]].add(row["id"])
    events_of_doc: dict[str, set[int]] = defaultdict(set)
    documents_of_event: dict[int, set[str]] = defaultdict(set)
    for event_id, document_id in conn.execute(
        "SELECT DISTINCT em.event_id, e.document_id FROM event_members em JOIN event_mentions e ON e.id = em.mention_id"
    ):
        events_of_doc[document_id].add(event_id)
        documents_of_event[event_id].add(document_id)
    multi = sorted(i for i, docs in documents_of_event.items() if len(docs) > 1)
    outlets = []
    for outlet, docs in by_outlet_docs.items():
        events = sorted(set().union(*(events_of_doc[d] for d in docs)))
        outlets.append(OutletCoverage(outlet, tuple(sorted(docs)), tuple(events), tuple(i for i in events if i in set(multi))))
    outlets.sort(key=lambda o: (-len(o.events), o.outlet))
    shared = [_shared(event, names) for event in sorted(load_events(conn, multi), key=lambda e: e.sort_key)]
    return SourceComparison(tuple(outlets), tuple(shared))


def _shared(event: TimelineEvent, names: dict[str, str]) -> SharedEvent:
    by_document: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for evidence in event.evidence:
        by_document[evidence.document_id].append(evidence)
    who = {p.actor_id: p.name for p in event.participants}
    versions = []
    for source in event.sources:
        items = by_document[source.document_id]
        dates = tuple(dict.fromkeys(e.date for e in items if e.date and e.date_basis == "timex"))
        durations = tuple(dict.fromkeys(
            f"{e.duration_qualifier.lower().replace('_', ' ') + ' ' if e.duration_qualifier else ''}{e.duration}"
            for e in items if e.duration
        ))
        actors = tuple(dict.fromkeys(who[a] for e in items for a in e.actors if a in who))
        versions.append(
            EventVersion(
                outlet=names.get(source.document_id, outlet_name(source)), document_id=source.document_id,
                published=source.published, dates=dates, durations=durations, participants=actors,
                mentions=tuple(e.mention_id for e in items),
            )
        )
    differences = []
    if _dates_differ([v.dates for v in versions]):
        differences.append("date")
    stated = [set(v.durations) for v in versions if v.durations]
    if len(stated) > 1 and any(s != stated[0] for s in stated):
        differences.append("duration")
    named = [set(v.participants) for v in versions if v.participants]
    if len(named) > 1 and any(s != named[0] for s in named):
        differences.append("participants")
    return SharedEvent(event, tuple(versions), tuple(differences))


def _dates_differ(per_document: list[tuple[str, ...]]) -> bool:
    """True when two documents state dates for the event that cannot both hold ("2018-02-14" and
    "2018-02-15"; "2019-12" and "2019-12-21" are compatible)."""
    stated = [[d for d in dates if "X" not in d] for dates in per_document]
    stated = [dates for dates in stated if dates]
    for i, left in enumerate(stated):
        for right in stated[i + 1 :]:
            if not any(a.startswith(b) or b.startswith(a) for a in left for b in right):
                return True
    return False
