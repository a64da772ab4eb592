"""The briefing: everything the report shows, gathered from the views as plain records.

The HTML and Markdown templates only lay this out; every item carries the anchor of the
evidence it rests on (``m<mention id>`` for an event's sentence, ``q<n>`` for a quote,
``c<n>`` for a stated count, ``d<document id>`` for a document).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from chronicle.store.queries import ActorSummary, StoredQuote, list_actors, list_quotes
from chronicle.views import (
    ActorProfile,
    DyadSummary,
    PeriodCount,
    SourceComparison,
    TimelineEvent,
    actor_profile,
    dyad_summary,
    source_comparison,
    timeline,
)
from chronicle.views.sources import outlet_name

__all__ = ["Briefing", "DocumentEvidence", "Overview", "Sentence", "gather_briefing"]


@dataclass(frozen=True)
class Sentence:
    """A piece of evidence: its anchor, the text split around the highlighted words, what it supports."""

    anchor: str
    before: str
    marked: str
    after: str
    label: str  # what it is evidence for: "CONSULT event 17", "quote", "stated count"
    target: str  # anchor of the item it supports


@dataclass
class DocumentEvidence:
    """One document's sentences cited by the report, in text order."""

    anchor: str
    document_id: str
    outlet: str
    title: str | None
    published: str
    origin: str
    url: str | None
    sentences: list[tuple[int, Sentence]] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    """Counts over the whole store."""

    documents: int
    near_duplicates: int
    rejected: int
    words: int
    first_published: str | None
    last_published: str | None
    undated_documents: int
    mentions: int
    events: int
    multi_source_events: int
    actors: int
    quotes: int
    outlets: int
    by_status: tuple[tuple[str, int], ...]
    by_quad: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class QuoteItem:
    """A quote with the anchor of its place in the evidence."""

    anchor: str
    quote: StoredQuote
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class CountItem:
    """A stated count beside the corpus's documented events, anchored to its sentence."""

    anchor: str
    text: str
    documented: tuple[int, ...]
    undated: tuple[int, ...]


@dataclass(frozen=True)
class DyadItem:
    """A dyad section: its summary, the periods its chart and table count (occurred events per
    month and type, or per year when none is dated to the month) and count checks."""

    anchor: str
    summary: DyadSummary
    periods: tuple[PeriodCount, ...]
    counts: tuple[CountItem, ...]


@dataclass(frozen=True)
class Briefing:
    """Everything the report shows."""

    title: str
    overview: Overview
    actors: tuple[ActorSummary, ...]
    profiles: tuple[ActorProfile, ...]
    events: tuple[TimelineEvent, ...]
    events_total: int
    dyads: tuple[DyadItem, ...]
    quotes: tuple[QuoteItem, ...]
    quotes_total: int
    sources: SourceComparison
    evidence: tuple[DocumentEvidence, ...]
    outlets: dict[str, str]  # document id -> outlet name

    @property
    def shown(self) -> frozenset[int]:
        """Ids of the events the report lists (links to other events are left out)."""
        return frozenset(e.id for e in self.events)


def _split(text: str, start: int, end: int, mark_start: int | None, mark_end: int | None) -> tuple[str, str, str]:
    sentence = text[start:end]
    if mark_start is None or mark_end is None or not (start <= mark_start < mark_end <= end):
        return sentence, "", ""
    a, b = mark_start - start, mark_end - start
    return sentence[:a], sentence[a:b], sentence[b:]


def gather_briefing(
    conn: sqlite3.Connection,
    *,
    title: str = "Chronicle briefing",
    dyads: int = 3,
    key_actors: int = 15,
    profiles: int = 6,
    max_events: int = 400,
    max_quotes: int = 60,
) -> Briefing:
    """Gather the briefing from the store: overview, key actors and their profiles, the timeline
    (at most ``max_events`` events, those with most sources first when cut), the busiest dyads,
    quotes, the source comparison and the evidence sentences they cite.

    Raises:
        KnowledgeError: a packaged table the views need cannot be read.
    """
    everything = timeline(conn)
    summaries = [dyad_summary(conn, a, b) for a, b in _busiest_pairs(everything, dyads)]
    chosen = everything
    if len(everything) > max_events:
        # The events of the dyad sections stay, then those most sources report.
        keep = {e.id for s in summaries for e in s.events}
        keep |= {e.id for e in sorted(everything, key=lambda e: (-len(e.sources), -len(e.evidence), e.id))[:max_events]}
        chosen = [e for e in everything if e.id in keep]
    actors = list_actors(conn, limit=key_actors)
    profile_list = [actor_profile(conn, a.id) for a in actors[:profiles]]
    quotes_all = list_quotes(conn)
    quotes = sorted(quotes_all, key=lambda q: (-len(q.sources), not q.direct, q.date or "9999"))[:max_quotes]
    comparison = source_comparison(conn)
    outlets = {
        row["id"]: outlet_name_row(row)
        for row in conn.execute("SELECT id, publisher, url, origin, title, published, published_basis, published_end FROM documents")
    }
    evidence: dict[str, DocumentEvidence] = {}
    texts: dict[str, str] = {}

    def document(doc_id: str) -> DocumentEvidence:
        if doc_id not in evidence:
            row = conn.execute(
                "SELECT id, title, origin, url, published, published_basis, published_start, published_end, text "
                "FROM documents WHERE id = ?", (doc_id,),
            ).fetchone()
            texts[doc_id] = row["text"]
            published = row["published"] or (
                f"undated ({row['published_basis']}" + (f", before {row['published_end']}" if row["published_end"] else "") + ")"
            )
            evidence[doc_id] = DocumentEvidence(
                f"d{doc_id[:12]}", doc_id, outlets.get(doc_id, doc_id[:12]), row["title"], published, row["origin"],
                row["url"] if (row["url"] or "").startswith(("http://", "https://")) else None,
            )
        return evidence[doc_id]

    cited: set[int] = set()
    for event in chosen:
        for item in event.evidence:
            if item.mention_id in cited:
                continue
            cited.add(item.mention_id)
            holder = document(item.document_id)
            before, marked, after = _split(texts[item.document_id], item.start, item.end, item.trigger_start, item.trigger_end)
            holder.sentences.append(
                (item.start, Sentence(f"m{item.mention_id}", before, marked, after, f"{event.type} event {event.id}", f"e{event.id}"))
            )
    quote_items = []
    for n, quote in enumerate(quotes, 1):
        first = quote.sources[0]
        holder = document(first.document_id)
        text = texts[first.document_id]
        holder.sentences.append(
            (first.start, Sentence(f"q{n}", "", text[first.start : first.end], "", f"quote of {quote.speaker or 'an unknown speaker'}", f"quote{n}"))
        )
        quote_items.append(QuoteItem(f"q{n}", quote, tuple(dict.fromkeys(outlets.get(s.document_id, "") for s in quote.sources))))
    dyad_items = []
    counter = 0
    for rank, summary in enumerate(summaries):
        counts = []
        for check in summary.counts:
            counter += 1
            holder = document(check.document_id)
            text = texts[check.document_id]
            start = text.find(check.evidence, check.start) if check.evidence else -1
            before, marked, after = _split(text, check.start, check.end, start if start >= 0 else None, start + len(check.evidence) if start >= 0 else None)
            holder.sentences.append((check.start, Sentence(f"c{counter}", before, marked, after, "stated count", f"dyad{rank}")))
            counts.append(CountItem(f"c{counter}", check.sentence_text, check.documented, check.undated))
        dyad_items.append(DyadItem(f"dyad{rank}", summary, summary.by_month or summary.by_year, tuple(counts)))
    for holder in evidence.values():
        holder.sentences.sort(key=lambda pair: pair[0])
    return Briefing(
        title=title,
        overview=_overview(conn, everything, len(quotes_all), len({outlets[d] for d in outlets})),
        actors=tuple(actors),
        profiles=tuple(profile_list),
        events=tuple(chosen),
        events_total=len(everything),
        dyads=tuple(dyad_items),
        quotes=tuple(quote_items),
        quotes_total=len(quotes_all),
        sources=comparison,
        evidence=tuple(sorted(evidence.values(), key=lambda d: (d.published, d.outlet))),
        outlets=outlets,
    )


def outlet_name_row(row: sqlite3.Row) -> str:
    """The outlet name of a ``documents`` row (see ``views.outlet_name``)."""
    from chronicle.views.events import SourceDocument

    return outlet_name(
        SourceDocument(row["id"], row["publisher"], row["title"], row["published"], row["published_basis"],
                       row["published_end"], row["origin"], row["url"])
    )


def _busiest_pairs(events: list[TimelineEvent], n: int) -> list[tuple[str, str]]:
    """The actor pairs sharing the most occurred events (people and states only; ids, ordered)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for event in events:
        if event.status != "occurred":
            continue
        ids = sorted({p.actor_id for p in event.participants if p.kind in ("person", "state")})
        pairs.update(combinations(ids, 2))
    return [pair for pair, _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _overview(conn: sqlite3.Connection, events: list[TimelineEvent], quotes: int, outlets: int) -> Overview:
    row = conn.execute(
        "SELECT COUNT(*) AS n, SUM(status = 'near_duplicate') AS nd, COALESCE(SUM(word_count), 0) AS w, "
        "MIN(published) AS lo, MAX(published) AS hi, SUM(published IS NULL) AS undated FROM documents"
    ).fetchone()
    rejected = conn.execute("SELECT COUNT(*) FROM sources WHERE status = 'rejected'").fetchone()[0]
    mentions = conn.execute("SELECT COUNT(*) FROM event_members").fetchone()[0]
    actors = conn.execute("SELECT COUNT(DISTINCT actor_id) FROM actor_mentions").fetchone()[0]
    return Overview(
        documents=row["n"], near_duplicates=row["nd"] or 0, rejected=rejected, words=row["w"],
        first_published=row["lo"], last_published=row["hi"], undated_documents=row["undated"] or 0,
        mentions=mentions, events=len(events), multi_source_events=sum(1 for e in events if len(e.sources) > 1),
        actors=actors, quotes=quotes, outlets=outlets,
        by_status=tuple(sorted(Counter(e.status for e in events).items(), key=lambda kv: -kv[1])),
        by_quad=tuple(sorted(Counter(e.quad or "unknown" for e in events if e.status == "occurred").items(), key=lambda kv: -kv[1])),
    )
