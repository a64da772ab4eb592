"""Actor profiles: who an actor is, what the texts call it, what it did and with whom, what it said."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass

from chronicle.store.queries import StoredQuote, actor_naming, list_quotes, most_mentioned_actor
from chronicle.views.dyads import ActorRef
from chronicle.views.events import TimelineEvent, timeline

__all__ = ["ActorProfile", "actor_profile"]


@dataclass(frozen=True)
class ActorProfile:
    """One actor as the corpus knows it.

    ``aliases`` are the words the texts use for it, with how often; ``resolved_by`` how its
    mentions were recognised (name, alias, title, metonymy, coreference, ...); ``as_source`` /
    ``as_target`` count the events it takes part in as an actor or as a recipient (an event of
    equals counts for both); ``partners`` the actors it shares most events with.
    """

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    aliases: tuple[tuple[str, int], ...]
    resolved_by: tuple[tuple[str, int], ...]
    mentions: int
    documents: int
    as_source: int
    as_target: int
    by_type: tuple[tuple[str, int], ...]
    partners: tuple[tuple[ActorRef, int], ...]
    events: tuple[TimelineEvent, ...]
    quotes: tuple[StoredQuote, ...]


def actor_profile(conn: sqlite3.Connection, actor: str, *, partners: int = 10) -> ActorProfile:
    """Return the profile of ``actor`` (a name, an alias the texts use, or an id).

    When the reference names several actors, the most mentioned one is profiled.

    Raises:
        NotFoundError: nothing in the store is called ``actor``.
    """
    row = most_mentioned_actor(conn, actor)
    actor_id = row["id"]
    aliases, how = actor_naming(conn, actor_id)
    spread = conn.execute(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT document_id) AS docs FROM actor_mentions WHERE actor_id = ?", (actor_id,)
    ).fetchone()
    events = timeline(conn, actor=actor_id)
    others: Counter[str] = Counter()
    names: dict[str, ActorRef] = {}
    for event in events:
        for p in event.participants:
            if p.actor_id != actor_id:
                others[p.actor_id] += 1
                names[p.actor_id] = ActorRef(p.actor_id, p.name, p.country, p.sector)
    own = [next((p for p in e.participants if p.actor_id == actor_id), None) for e in events]
    return ActorProfile(
        id=actor_id,
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        sector=row["sector"],
        role=row["role"],
        aliases=tuple((r["text"], r["n"]) for r in aliases),
        resolved_by=tuple((r["how"], r["n"]) for r in how),
        mentions=spread["n"],
        documents=spread["docs"],
        as_source=sum(1 for p in own if p is not None and p.role in ("source", "both")),
        as_target=sum(1 for p in own if p is not None and p.role in ("target", "both")),
        by_type=tuple(sorted(Counter(e.type for e in events).items(), key=lambda kv: (-kv[1], kv[0]))),
        partners=tuple((names[a], n) for a, n in sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))[:partners]),
        events=tuple(events),
        quotes=tuple(list_quotes(conn, speaker=actor_id)),
    )
