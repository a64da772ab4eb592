"""Deduplicated events as PLOVER records (the field names of PLOVER's JSON event format).

One record per event, its text the sentence that states the event best. As in PLOVER, intent is
coded in the type: an announced or conditional cooperative event becomes an AGREE, a conflictual
one a THREATEN (the event coder's own rules); a negated event is no record. Chronicle's own
fields (``status``, ``mentions``, ``outlets``) are added beside PLOVER's, as the format allows.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import chronicle
from chronicle.events.lexicon import load_event_lexicon
from chronicle.views.events import TimelineEvent, timeline
from chronicle.views.plover import load_plover_scale
from chronicle.views.sources import outlet_name

__all__ = ["plover_record", "plover_records"]


def plover_record(event: TimelineEvent) -> dict[str, Any] | None:
    """Return the PLOVER record of an event, or None for a negated event (PLOVER codes none).

    Raises:
        KnowledgeError: the packaged event lexicon or PLOVER scale cannot be read.
    """
    if event.status == "negated":
        return None
    grammar = load_event_lexicon().grammar
    scale = load_plover_scale()
    intent = event.status in ("planned", "hypothetical")
    code = grammar.plover_intent.get(event.type, event.type) if intent else event.type
    mode = event.mode if code == event.type and event.mode not in grammar.local_modes else None
    lead = event.lead
    written = {actor_id: text for actor_id, _, text in lead.names}
    for item in event.evidence:
        for actor_id, _, text in item.names:
            written.setdefault(actor_id, text)

    def entities(role: str) -> list[dict[str, Any]]:
        return [
            {"actorText": written.get(p.actor_id, p.name), "entityName": p.name, "code": p.country, "sector": p.sector}
            for p in event.participants
            if p.role in (role, "both")
        ]

    return {
        "id": f"CHRONICLE-E{event.id}",
        "date": event.date if event.dated else None,
        "dateGranularity": event.date_granularity if event.dated else None,
        "event": code,
        "mode": mode,
        "context": event.context,
        "source": entities("source"),
        "target": entities("target"),
        "eventText": lead.trigger,
        "text": lead.sentence,
        "quad_code": scale.quad_code(code),
        "event_scale": scale.score(code, mode),
        "language": "en",
        "publication": "; ".join(dict.fromkeys(outlet_name(s) for s in event.sources)),
        "coder": "Chronicle",
        "version": chronicle.__version__,
        "status": event.status,
        "mentions": [e.mention_id for e in event.evidence],
        "documents": [s.document_id for s in event.sources],
    }


def plover_records(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Return the PLOVER records of every deduplicated event in date order (negated ones left out)."""
    records = (plover_record(e) for e in timeline(conn))
    return [r for r in records if r is not None]
