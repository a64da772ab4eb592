"""The exportable tables as flat rows: deduplicated events, actors, quotes, documents.

Every row is a dict of plain values (str, int, float, bool, None, or a list of str) so any
writer can take it; the columns of each table are fixed, in order.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from chronicle.store.queries import list_actors, list_quotes
from chronicle.views.events import TimelineEvent, timeline
from chronicle.views.sources import outlet_name

__all__ = ["COLUMNS", "TABLES", "event_row", "table_rows"]

COLUMNS: dict[str, list[str]] = {
    "events": [
        "id", "date", "date_granularity", "date_basis", "type", "mode", "context", "status", "quad", "score",
        "source_ids", "sources", "target_ids", "targets", "durations", "location", "mentions", "documents",
        "outlets", "evidence", "evidence_document", "evidence_start", "evidence_end", "disagreements",
    ],
    "actors": ["id", "name", "kind", "country", "sector", "role", "mentions", "documents", "event_mentions", "aliases"],
    "quotes": [
        "text", "direct", "kind", "speaker_id", "speaker", "speaker_country", "date", "event_type", "documents",
        "outlets", "cues", "first_document", "first_start", "first_end",
    ],
    "documents": [
        "id", "origin", "url", "title", "publisher", "authors", "published", "published_basis", "published_start",
        "published_end", "published_evidence", "language", "words", "status", "near_duplicate_of", "similarity",
    ],
}
TABLES = tuple(COLUMNS)


def event_row(event: TimelineEvent) -> dict[str, Any]:
    """A flat row of a deduplicated event (lists stay lists; disagreements as JSON text)."""
    lead = event.lead
    return {
        "id": event.id,
        "date": event.date,
        "date_granularity": event.date_granularity,
        "date_basis": event.date_basis,
        "type": event.type,
        "mode": event.mode,
        "context": event.context,
        "status": event.status,
        "quad": event.quad,
        "score": event.score,
        "source_ids": [p.actor_id for p in event.participants if p.role in ("source", "both")],
        "sources": list(event.names("source")),
        "target_ids": [p.actor_id for p in event.participants if p.role in ("target", "both")],
        "targets": list(event.names("target")),
        "durations": [d.label for d in event.durations],
        "location": event.location,
        "mentions": len(event.evidence),
        "documents": [s.document_id for s in event.sources],
        "outlets": list(dict.fromkeys(outlet_name(s) for s in event.sources)),
        "evidence": lead.sentence,
        "evidence_document": lead.document_id,
        "evidence_start": lead.start,
        "evidence_end": lead.end,
        "disagreements": json.dumps(event.disagreements, ensure_ascii=False) if event.disagreements else None,
    }


def table_rows(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """Return the rows of ``table`` ("events", "actors", "quotes" or "documents").

    Events are the deduplicated events in date order; quotes are each quote once with every
    document carrying it; documents include near-duplicate copies (see ``status``).

    Raises:
        ValueError: ``table`` is not one of ``TABLES`` (the CLI only offers those).
    """
    if table == "events":
        return [event_row(e) for e in timeline(conn)]
    if table == "actors":
        return [
            {
                "id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector, "role": a.role,
                "mentions": a.mentions, "documents": a.documents, "event_mentions": a.events, "aliases": list(a.aliases),
            }
            for a in list_actors(conn)
        ]
    if table == "quotes":
        return [
            {
                "text": q.text, "direct": q.direct, "kind": q.kind, "speaker_id": q.speaker_id, "speaker": q.speaker,
                "speaker_country": q.speaker_country, "date": q.date, "event_type": q.event_type,
                "documents": [s.document_id for s in q.sources],
                "outlets": list(dict.fromkeys(s.publisher for s in q.sources if s.publisher)),
                "cues": list(dict.fromkeys(s.cue for s in q.sources if s.cue)),
                "first_document": q.sources[0].document_id, "first_start": q.sources[0].start, "first_end": q.sources[0].end,
            }
            for q in list_quotes(conn)
        ]
    if table == "documents":
        rows = conn.execute(
            "SELECT id, origin, url, title, publisher, authors, published, published_basis, published_start, "
            "published_end, published_evidence, language, word_count, status, near_duplicate_of, similarity "
            "FROM documents ORDER BY seq"
        ).fetchall()
        columns = COLUMNS["documents"]
        return [
            {c: row[c] for c in columns if c not in ("authors", "words")}
            | {"authors": json.loads(row["authors"]), "words": row["word_count"]}
            for row in rows
        ]
    raise ValueError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
