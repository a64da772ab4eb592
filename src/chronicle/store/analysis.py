"""Writing what the language stages found (actors, events, stated counts, quotes) for one document."""

from __future__ import annotations

import json
import sqlite3

from chronicle.models import Actor, Document


def write_analysis(conn: sqlite3.Connection, doc: Document) -> None:
    """Insert ``doc``'s actor mentions, event mentions and stated counts (inside the caller's transaction)."""
    actors: dict[str, Actor] = {}
    for mention in doc.actor_mentions:
        actors.setdefault(mention.actor.id, mention.actor)
    for event in doc.events:
        for mention in (*event.sources, *event.targets):
            actors.setdefault(mention.actor.id, mention.actor)
    for count in doc.counts:
        for mention in count.actors:
            actors.setdefault(mention.actor.id, mention.actor)
    for quote in doc.quotes:
        if quote.speaker is not None:
            actors.setdefault(quote.speaker.id, quote.speaker)
    conn.executemany(
        "INSERT OR IGNORE INTO actors(id, name, kind, country, sector, role) VALUES (?, ?, ?, ?, ?, ?)",
        [(a.id, a.name, a.kind.value, a.country, a.sector, a.role) for a in actors.values()],
    )
    conn.executemany(
        'INSERT INTO actor_mentions(document_id, seq, start, "end", text, actor_id, kind, how, sentence) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (doc.id, i, m.start, m.end, m.text, m.actor.id, m.actor.kind.value, m.how, m.sentence)
            for i, m in enumerate(doc.actor_mentions)
        ],
    )
    for i, event in enumerate(doc.events):
        date = event.date
        duration = event.duration
        cur = conn.execute(
            "INSERT INTO event_mentions(document_id, seq, type, mode, context, status, trigger_start, trigger_end, "
            'trigger, start, "end", date_value, date_granularity, date_basis, date_certain, date_start, date_end, '
            "duration_value, duration_qualifier, duration_text, duration_start, duration_end, location, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id, i, event.type, event.mode, event.context, event.status.value, event.trigger_start,
                event.trigger_end, event.trigger, event.start, event.end,
                date.value if date else None, date.granularity if date else None,
                date.basis if date else "unknown", int(date.certain) if date else 0,
                date.start if date else None, date.end if date else None,
                duration.value if duration else None, duration.qualifier if duration else None,
                duration.text if duration else None, duration.start if duration else None,
                duration.end if duration else None, event.location, event.confidence,
            ),
        )
        event_id = cur.lastrowid
        conn.executemany(
            'INSERT INTO event_actors(event_id, role, seq, actor_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(event_id, "source", k, m.actor.id, m.start, m.end, m.text) for k, m in enumerate(event.sources)]
            + [(event_id, "target", k, m.actor.id, m.start, m.end, m.text) for k, m in enumerate(event.targets)],
        )
    for i, count in enumerate(doc.counts):
        cur = conn.execute(
            'INSERT INTO stated_counts(document_id, seq, what, event_type, mode, count, qualifier, as_of, start, "end") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, i, count.what, count.event_type, count.mode, count.count, count.qualifier, count.as_of, count.start, count.end),
        )
        conn.executemany(
            'INSERT INTO stated_count_actors(count_id, seq, actor_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
            [(cur.lastrowid, k, m.actor.id, m.start, m.end, m.text) for k, m in enumerate(count.actors)],
        )


    conn.executemany(
        'INSERT INTO quotes(document_id, seq, start, "end", parts, text, direct, kind, cue, cue_start, cue_end, '
        "source, source_start, source_end, speaker_id, event_seq, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                doc.id, i, q.start, q.end, json.dumps([list(p) for p in q.parts]), q.text, int(q.direct), q.kind,
                q.cue, q.cue_start, q.cue_end, q.source, q.source_start, q.source_end,
                q.speaker.id if q.speaker else None, q.event, q.sentence,
            )
            for i, q in enumerate(doc.quotes)
        ],
    )


def delete_analysis(conn: sqlite3.Connection, doc_id: str) -> None:
    """Remove everything ``write_analysis`` wrote for a document (inside the caller's transaction)."""
    # Its mentions leave their deduplicated events; the event stage re-forms the events they left.
    conn.execute("DELETE FROM event_members WHERE mention_id IN (SELECT id FROM event_mentions WHERE document_id = ?)", (doc_id,))
    conn.execute("DELETE FROM event_actors WHERE event_id IN (SELECT id FROM event_mentions WHERE document_id = ?)", (doc_id,))
    conn.execute("DELETE FROM event_mentions WHERE document_id = ?", (doc_id,))
    conn.execute(
        "DELETE FROM stated_count_actors WHERE count_id IN (SELECT id FROM stated_counts WHERE document_id = ?)", (doc_id,)
    )
    conn.execute("DELETE FROM stated_counts WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM quotes WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM actor_mentions WHERE document_id = ?", (doc_id,))


