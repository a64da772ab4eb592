"""The web app's queries: paged, filtered and aggregated reads of the deduplicated record.

The library views (``chronicle.views``) load every event an actor or a dyad takes part in; a page
shows one screenful, so these queries page and aggregate in SQL and load only the events shown.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass, field

from chronicle.store.queries import (
    actor_naming,
    date_range_conditions,
    most_mentioned_actor,
    placeholders as _marks,
    resolve_actor,
)
from chronicle.views import TimelineEvent, load_events, load_plover_scale

_DATED = "ev.date_value GLOB '[0-9][0-9][0-9][0-9]*'"
STATUSES = ("occurred", "planned", "hypothetical", "negated")
ACTOR_FACET_EVENTS = 5_000


@dataclass(frozen=True)
class EventFilter:
    """Filters over deduplicated events; every field is optional and they combine with AND.

    ``actor`` and ``other`` are actor references (both given: the dyad); ``source`` a publisher;
    ``since``/``until`` ISO dates or prefixes; ``documents`` restricts to events reported by them.
    """

    actor: str | None = None
    other: str | None = None
    type: str | None = None
    status: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    documents: tuple[str, ...] | None = None
    picked: str | None = None  # a temporary table of the events known to match (see ``settle``)

    def settle(self, conn: sqlite3.Connection) -> "EventFilter":
        """The same filter with its matching events worked out once, into a temporary table of this
        connection, so that a page's several queries (count, page, facets) do not each evaluate
        the subqueries again."""
        if self.picked is not None or self == EventFilter():
            return self  # nothing to narrow: the whole events table
        where, params = self.where(conn)
        name = f"picked_{conn.execute('SELECT COUNT(*) FROM sqlite_temp_master').fetchone()[0]}"
        conn.execute(f"CREATE TEMP TABLE {name} (id INTEGER PRIMARY KEY)")
        conn.execute(f"INSERT INTO temp.{name} SELECT ev.id FROM events ev WHERE {where}", params)
        return dataclasses.replace(self, picked=name)

    def where(self, conn: sqlite3.Connection) -> tuple[str, list[object]]:
        """Return the SQL condition on ``events ev`` and its parameters.

        Raises:
            NotFoundError: an actor reference names no actor.
            QueryError: a date is not an ISO date or prefix.
        """
        where = ["1 = 1"]
        params: list[object] = []
        if self.picked is not None:  # they already satisfy every other condition
            return f"ev.id IN (SELECT id FROM temp.{self.picked})", []
        for side in (self.actor, self.other):
            if side:
                ids = resolve_actor(conn, side)
                where.append(
                    "ev.id IN (SELECT em.event_id FROM event_members em JOIN event_actors ea ON ea.event_id = em.mention_id "
                    f"WHERE ea.actor_id IN ({_marks(ids)}))"
                )
                params.extend(ids)
        if self.type:
            where.append("ev.type = ?")
            params.append(self.type.upper())
        if self.status:
            where.append("ev.status = ?")
            params.append(self.status.lower())
        if self.source:
            where.append(
                "ev.id IN (SELECT em.event_id FROM event_members em JOIN event_mentions e ON e.id = em.mention_id "
                "JOIN documents d ON d.id = e.document_id WHERE d.publisher = ?)"
            )
            params.append(self.source)
        if self.documents is not None:
            where.append(
                "ev.id IN (SELECT em.event_id FROM event_members em JOIN event_mentions e ON e.id = em.mention_id "
                f"WHERE e.document_id IN ({_marks(self.documents) or 'NULL'}))"
            )
            params.extend(self.documents)
        dates, values = date_range_conditions("ev.date_value", _DATED, self.since, self.until)
        where += dates
        params += values
        return " AND ".join(where), params


@dataclass(frozen=True)
class EventPage:
    """One page of events matching a filter, with how many match in all."""

    events: tuple[TimelineEvent, ...]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class Facets:
    """Counts of the matching events by type, status, reporting outlet and actor (id, name, count)."""

    types: tuple[tuple[str, int], ...] = ()
    statuses: tuple[tuple[str, int], ...] = ()
    sources: tuple[tuple[str, int], ...] = ()
    actors: tuple[tuple[str, str, int], ...] = ()
    actors_sampled: bool = False  # the actor counts come from the first ACTOR_FACET_EVENTS events only


@dataclass(frozen=True)
class ActorInfo:
    """The header of an actor page: who it is, what the texts call it and how it was recognised."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    mentions: int
    documents: int
    aliases: tuple[tuple[str, int], ...]
    resolved_by: tuple[tuple[str, int], ...]
    roles: tuple[tuple[str, int], ...]  # event mentions naming it as source / target


@dataclass(frozen=True)
class Dyad:
    """Two actors and how many deduplicated events name both."""

    a_id: str
    a_name: str
    b_id: str
    b_name: str
    events: int


@dataclass(frozen=True)
class CountCheck:
    """A count an article states between two actors, beside the occurred events the corpus documents."""

    what: str
    event_type: str
    mode: str | None
    stated: int
    qualifier: str | None
    as_of: str | None
    document_id: str
    evidence: str
    documented: int
    undated: int


@dataclass(frozen=True)
class PeriodRow:
    """Events of one type and mode in one month (or year)."""

    period: str
    type: str
    mode: str | None
    count: int


@dataclass(frozen=True)
class DocumentMarks:
    """What the stages found in one document, as spans of its clean text."""

    actors: tuple[tuple[int, int, str, str], ...] = ()  # start, end, actor id, actor name
    events: tuple[tuple[int, int, int, int, int, str, str, int | None], ...] = ()
    # mention id, sentence start, end, trigger start, end, type, status, deduplicated event id
    timexes: tuple[tuple[int, int, str, str], ...] = ()  # start, end, type, value
    quotes: tuple[tuple[int, int, str | None], ...] = field(default=())  # start, end, speaker


def event_page(conn: sqlite3.Connection, flt: EventFilter, *, offset: int = 0, limit: int | None = 50) -> EventPage:
    """Return the events matching ``flt`` in date order (dated first), ``limit`` of them from ``offset``.

    Raises:
        NotFoundError: an actor reference names no actor.
        QueryError: a date is not an ISO date or prefix.
    """
    where, params = flt.where(conn)
    total = conn.execute(f"SELECT COUNT(*) FROM events ev WHERE {where}", params).fetchone()[0]
    ids = [
        row[0]
        for row in conn.execute(
            f"SELECT ev.id FROM events ev WHERE {where} ORDER BY NOT ({_DATED}), ev.date_value, ev.id LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, max(offset, 0)),
        )
    ]
    return EventPage(tuple(load_events(conn, ids)), total, offset, limit if limit is not None else total)


def facets(conn: sqlite3.Connection, flt: EventFilter) -> Facets:
    """Return counts of the events matching ``flt`` by type, status, outlet (top 20) and actor (top 15).

    Raises:
        NotFoundError, QueryError: as ``EventFilter.where``.
    """
    where, params = flt.where(conn)
    by_type: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for kind, status, n in conn.execute(
        f"SELECT ev.type, ev.status, COUNT(*) FROM events ev WHERE {where} GROUP BY ev.type, ev.status", params
    ):
        by_type[kind] = by_type.get(kind, 0) + n
        by_status[status] = by_status.get(status, 0) + n
    types = sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    statuses = sorted(by_status.items(), key=lambda kv: (-kv[1], kv[0]))
    # The members of the matching events: driven by the request's table of them when there is one.
    if flt.picked is not None:
        # CROSS JOIN keeps SQLite from reordering the joins (it would scan an index for the GROUP BY)
        members, cond, args = f"FROM temp.{flt.picked} p CROSS JOIN event_members em ON em.event_id = p.id", "1 = 1", []
    else:
        members, cond, args = "FROM events ev JOIN event_members em ON em.event_id = ev.id", where, params
    sources = conn.execute(
        f"SELECT d.publisher, COUNT(DISTINCT em.event_id) n {members} CROSS JOIN event_mentions e ON e.id = em.mention_id "
        f"CROSS JOIN documents d ON d.id = e.document_id WHERE d.publisher IS NOT NULL AND {cond} "
        "GROUP BY d.publisher ORDER BY n DESC, d.publisher LIMIT 20",
        args,
    ).fetchall()
    sampled = flt.picked is not None and sum(by_type.values()) > ACTOR_FACET_EVENTS
    if sampled:
        # Past this many events the actor counts come from a sample of them, to keep the page fast.
        members = (
            f"FROM (SELECT id FROM temp.{flt.picked} ORDER BY id LIMIT {ACTOR_FACET_EVENTS}) p "
            "CROSS JOIN event_members em ON em.event_id = p.id"
        )
    top = conn.execute(
        f"SELECT ea.actor_id, COUNT(DISTINCT em.event_id) n {members} CROSS JOIN event_actors ea ON ea.event_id = em.mention_id "
        f"WHERE {cond} GROUP BY ea.actor_id ORDER BY n DESC, ea.actor_id LIMIT 15",
        args,
    ).fetchall()
    names = dict(
        conn.execute(f"SELECT id, name FROM actors WHERE id IN ({_marks([r[0] for r in top]) or 'NULL'})", [r[0] for r in top]).fetchall()
    )
    actors = tuple((r[0], names.get(r[0], r[0]), r[1]) for r in top)
    return Facets(tuple(types), tuple(statuses), tuple(map(tuple, sources)), actors, sampled)  # type: ignore[arg-type]


def monthly_counts(conn: sqlite3.Connection, flt: EventFilter) -> list[tuple[str, str, int]]:
    """Return (month, PLOVER type, events) for the dated events matching ``flt``, in month order."""
    where, params = flt.where(conn)
    rows = conn.execute(
        f"SELECT substr(ev.date_value, 1, 7) m, ev.type, COUNT(*) n FROM events ev "
        f"WHERE {where} AND ev.date_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY m, ev.type ORDER BY m, ev.type",
        params,
    ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def actor_info(conn: sqlite3.Connection, ref: str) -> ActorInfo:
    """Return the header of ``ref``'s page (an actor id, name or alias; the most mentioned match).

    Raises:
        NotFoundError: nothing in the store is called ``ref``.
    """
    row = most_mentioned_actor(conn, ref)
    aid = row["id"]
    aliases, how = actor_naming(conn, aid)
    docs = conn.execute("SELECT COUNT(DISTINCT document_id) FROM actor_mentions WHERE actor_id = ?", (aid,)).fetchone()[0]
    roles = conn.execute(
        "SELECT role, COUNT(DISTINCT event_id) n FROM event_actors WHERE actor_id = ? GROUP BY role ORDER BY role", (aid,)
    ).fetchall()
    return ActorInfo(
        aid, row["name"], row["kind"], row["country"], row["sector"], row["role"], row["n"], docs,
        tuple((r[0], r[1]) for r in aliases), tuple((r[0], r[1]) for r in how), tuple((r[0], r[1]) for r in roles),
    )


def top_dyads(conn: sqlite3.Connection, *, actor: str | None = None, limit: int | None = 20) -> list[Dyad]:
    """Return pairs of actors named together in events, most events first (those of ``actor`` when given)."""
    # With an actor, start from its own mentions (indexed) rather than from every pair in the store.
    source, where, params = (
        ("(SELECT DISTINCT event_id FROM event_actors WHERE actor_id = ?) m", "AND (a1.actor_id = ? OR a2.actor_id = ?)", [actor, actor, actor])
        if actor
        else ("(SELECT DISTINCT event_id FROM event_actors) m", "", [])
    )
    rows = conn.execute(
        "SELECT a1.actor_id x, a2.actor_id y, COUNT(DISTINCT em.event_id) n, ax.name xn, ay.name yn "
        f"FROM {source} JOIN event_actors a1 ON a1.event_id = m.event_id "
        "JOIN event_actors a2 ON a2.event_id = m.event_id AND a2.actor_id > a1.actor_id "
        "JOIN event_members em ON em.mention_id = m.event_id "
        "JOIN actors ax ON ax.id = a1.actor_id JOIN actors ay ON ay.id = a2.actor_id "
        f"WHERE 1 = 1 {where} GROUP BY x, y ORDER BY n DESC, xn, yn LIMIT ?",
        (*params, -1 if limit is None else limit),
    ).fetchall()
    return [Dyad(r["x"], r["xn"], r["y"], r["yn"], r["n"]) for r in rows]


def dyad_periods(conn: sqlite3.Connection, flt: EventFilter) -> list[PeriodRow]:
    """Return occurred events matching ``flt`` counted by year, type and mode."""
    where, params = flt.where(conn)
    rows = conn.execute(
        f"SELECT substr(ev.date_value, 1, 4) p, ev.type, ev.mode, COUNT(*) n FROM events ev WHERE {where} "
        f"AND ev.status = 'occurred' AND {_DATED} GROUP BY p, ev.type, ev.mode ORDER BY p, ev.type, ev.mode",
        params,
    ).fetchall()
    return [PeriodRow(r[0], r[1], r[2], r[3]) for r in rows]


def count_checks(conn: sqlite3.Connection, a: str, b: str) -> list[CountCheck]:
    """Return the counts articles state between actors ``a`` and ``b`` (ids) beside the occurred
    events the corpus documents of that type (and modes) on or before the count's date."""
    scale = load_plover_scale()
    rows = conn.execute(
        "SELECT c.*, substr(d.text, c.start + 1, c.\"end\" - c.start) AS evidence FROM stated_counts c "
        "JOIN documents d ON d.id = c.document_id WHERE d.status = 'ok' "
        "AND c.id IN (SELECT count_id FROM stated_count_actors WHERE actor_id = ?) "
        "AND c.id IN (SELECT count_id FROM stated_count_actors WHERE actor_id = ?) ORDER BY d.seq, c.seq",
        (a, b),
    ).fetchall()
    checks = []
    for row in rows:
        flt = EventFilter(actor=a, other=b, type=row["event_type"], status="occurred")
        where, params = flt.where(conn)
        modes = scale.modes_counted(row["mode"])
        if modes is not None:
            where += f" AND COALESCE(ev.mode, '') IN ({_marks(sorted(modes))})"
            params.extend(sorted(modes))
        dated = conn.execute(
            f"SELECT COUNT(*) FROM events ev WHERE {where} AND {_DATED}"
            + (" AND substr(ev.date_value, 1, ?) <= ?" if row["as_of"] else ""),
            (*params, *((len(row["as_of"]), row["as_of"]) if row["as_of"] else ())),
        ).fetchone()[0]
        undated = conn.execute(f"SELECT COUNT(*) FROM events ev WHERE {where} AND NOT ({_DATED})", params).fetchone()[0]
        checks.append(
            CountCheck(
                row["what"], row["event_type"], row["mode"], row["count"], row["qualifier"], row["as_of"],
                row["document_id"], row["evidence"], dated, undated,
            )
        )
    return checks


def document_marks(conn: sqlite3.Connection, document_id: str) -> DocumentMarks:
    """Return the actor mentions, event mentions, timexes and quotes found in one document."""
    actors = conn.execute(
        'SELECT m.start, m."end", m.actor_id, a.name FROM actor_mentions m JOIN actors a ON a.id = m.actor_id '
        "WHERE m.document_id = ? ORDER BY m.start",
        (document_id,),
    ).fetchall()
    events = conn.execute(
        'SELECT e.id, e.start, e."end", e.trigger_start, e.trigger_end, e.type, e.status, em.event_id '
        "FROM event_mentions e LEFT JOIN event_members em ON em.mention_id = e.id WHERE e.document_id = ? ORDER BY e.start",
        (document_id,),
    ).fetchall()
    timexes = conn.execute(
        'SELECT start, "end", type, value FROM timexes WHERE document_id = ? ORDER BY start', (document_id,)
    ).fetchall()
    quotes = conn.execute(
        'SELECT q.start, q."end", a.name FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_id '
        "WHERE q.document_id = ? ORDER BY q.start",
        (document_id,),
    ).fetchall()
    return DocumentMarks(
        tuple(tuple(r) for r in actors),  # type: ignore[misc]
        tuple(tuple(r) for r in events),  # type: ignore[misc]
        tuple(tuple(r) for r in timexes),  # type: ignore[misc]
        tuple(tuple(r) for r in quotes),  # type: ignore[misc]
    )


def publishers(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Return the outlets in the store with how many documents each has."""
    rows = conn.execute(
        "SELECT publisher, COUNT(*) n FROM documents WHERE publisher IS NOT NULL GROUP BY publisher ORDER BY n DESC, publisher"
    )
    return [(r[0], r[1]) for r in rows]


def document_ids(conn: sqlite3.Connection, *, source: str | None = None, since: str | None = None, until: str | None = None,
                 actor: str | None = None) -> set[str] | None:
    """Return the ids of documents passing the document facets, or None when no facet is set.

    Raises:
        NotFoundError: ``actor`` names no actor.
    """
    if not (source or since or until or actor):
        return None
    where, params = ["1 = 1"], []  # type: tuple[list[str], list[object]]
    if source:
        where.append("publisher = ?")
        params.append(source)
    dates, values = date_range_conditions("published", "published IS NOT NULL", since, until)
    where += dates
    params += values
    if actor:
        ids = resolve_actor(conn, actor)
        where.append(f"id IN (SELECT document_id FROM actor_mentions WHERE actor_id IN ({_marks(ids)}))")
        params.extend(ids)
    return {r[0] for r in conn.execute(f"SELECT id FROM documents WHERE {' AND '.join(where)}", params)}


