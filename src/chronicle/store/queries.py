"""Reading actors, event mentions and stated counts back from the store, with filters."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from chronicle.errors import NotFoundError, QueryError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class ActorSummary:
    """A canonical actor with the names the corpus calls it by and how often it is mentioned."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    mentions: int
    documents: int
    events: int
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EventActorRef:
    """An actor as one event mention names it: the canonical actor and the words used."""

    actor_id: str
    name: str
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class StoredEvent:
    """An event mention read from the store, with its document and evidence sentence."""

    id: int
    document_id: str
    document_title: str | None
    published: str | None
    published_basis: str
    type: str
    mode: str | None
    context: str | None
    status: str
    trigger: str
    trigger_start: int
    trigger_end: int
    start: int
    end: int
    evidence: str
    date: str | None
    date_granularity: str | None
    date_basis: str
    date_certain: bool
    duration: str | None
    duration_qualifier: str | None
    duration_text: str | None
    location: str | None
    confidence: float
    sources: tuple[EventActorRef, ...]
    targets: tuple[EventActorRef, ...]


@dataclass(frozen=True)
class StoredCount:
    """A stated count read from the store."""

    document_id: str
    what: str
    event_type: str
    mode: str | None
    count: int
    qualifier: str | None
    as_of: str | None
    evidence: str
    start: int
    end: int
    actors: tuple[EventActorRef, ...]


def resolve_actor(conn: sqlite3.Connection, ref: str) -> list[str]:
    """Actor ids that ``ref`` names: an id, a canonical name, or a name the texts use (case-insensitive).

    Raises:
        NotFoundError: nothing in the store is called ``ref``.
    """
    rows = conn.execute("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?)", (ref, ref)).fetchall()
    if not rows:
        rows = conn.execute("SELECT DISTINCT actor_id FROM actor_mentions WHERE lower(text) = lower(?)", (ref,)).fetchall()
    if not rows:
        raise NotFoundError(f"no actor is called '{ref}' in this store (try `chronicle actors` to list them)")
    return sorted({row[0] for row in rows})


def most_mentioned_actor(conn: sqlite3.Connection, ref: str) -> sqlite3.Row:
    """The ``actors`` row (plus its mention count ``n``) of the most mentioned actor ``ref`` names.

    Raises:
        NotFoundError: nothing in the store is called ``ref``.
    """
    ids = resolve_actor(conn, ref)
    row = conn.execute(
        "SELECT a.*, (SELECT COUNT(*) FROM actor_mentions m WHERE m.actor_id = a.id) AS n FROM actors a "
        f"WHERE a.id IN ({placeholders(ids)}) ORDER BY n DESC, a.id LIMIT 1",
        ids,
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no actor is called '{ref}' in this store")
    return row


def actor_naming(conn: sqlite3.Connection, actor_id: str) -> tuple[list[sqlite3.Row], list[sqlite3.Row]]:
    """How the texts name an actor: (text, n) rows of the words used and (how, n) rows of how
    each mention was resolved, most frequent first."""
    aliases = conn.execute(
        "SELECT text, COUNT(*) AS n FROM actor_mentions WHERE actor_id = ? GROUP BY text ORDER BY n DESC, text", (actor_id,)
    ).fetchall()
    how = conn.execute(
        "SELECT how, COUNT(*) AS n FROM actor_mentions WHERE actor_id = ? GROUP BY how ORDER BY n DESC, how", (actor_id,)
    ).fetchall()
    return aliases, how


def list_actors(
    conn: sqlite3.Connection,
    *,
    kind: str | None = None,
    country: str | None = None,
    name: str | None = None,
    limit: int | None = None,
) -> list[ActorSummary]:
    """Actors with at least one mention, most mentioned first, optionally filtered."""
    where = ["1 = 1"]
    params: list[object] = []
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if country:
        where.append("a.country = ?")
        params.append(country.upper())
    if name:
        where.append("(a.name LIKE ? OR a.id IN (SELECT actor_id FROM actor_mentions WHERE text LIKE ?))")
        params.extend([f"%{name}%", f"%{name}%"])
    rows = conn.execute(
        "SELECT a.*, COUNT(m.seq) AS n, COUNT(DISTINCT m.document_id) AS docs, "
        "(SELECT COUNT(DISTINCT ea.event_id) FROM event_actors ea WHERE ea.actor_id = a.id) AS events "
        "FROM actors a JOIN actor_mentions m ON m.actor_id = a.id "
        f"WHERE {' AND '.join(where)} GROUP BY a.id ORDER BY n DESC, a.name LIMIT ?",
        (*params, -1 if limit is None else limit),
    ).fetchall()
    result = []
    for row in rows:
        aliases = conn.execute(
            "SELECT text, COUNT(*) c FROM actor_mentions WHERE actor_id = ? GROUP BY text ORDER BY c DESC, text", (row["id"],)
        ).fetchall()
        result.append(
            ActorSummary(
                row["id"], row["name"], row["kind"], row["country"], row["sector"], row["role"],
                row["n"], row["docs"], row["events"], tuple(a["text"] for a in aliases),
            )
        )
    return result


def list_events(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field name
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document: str | None = None,
    include_copies: bool = False,
    limit: int | None = None,
) -> list[StoredEvent]:
    """Event mentions matching every filter given, in date order (undated last).

    ``actor`` and each side of ``dyad`` are names or ids (see ``resolve_actor``); ``since``/``until``
    are ISO dates or prefixes (``2018``, ``2018-02``) compared with the event's date. Mentions from
    near-duplicate copies are left out unless ``include_copies``.

    Raises:
        NotFoundError: an actor filter names no actor.
        QueryError: a date filter is not an ISO date.
    """
    where = ["1 = 1"]
    params: list[object] = []
    if not include_copies:
        where.append("d.status = 'ok'")
    for side in ([actor] if actor else []) + list(dyad or ()):
        ids = resolve_actor(conn, side)
        where.append(f"e.id IN (SELECT event_id FROM event_actors WHERE actor_id IN ({_marks(ids)}))")
        params.extend(ids)
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if status:
        where.append("e.status = ?")
        params.append(status.lower())
    dates, values = date_range_conditions("e.date_value", "e.date_value IS NOT NULL", since, until)
    where += dates
    params += values
    if document:
        where.append("e.document_id LIKE ? || '%'")
        params.append(document)
    rows = conn.execute(
        "SELECT e.*, d.title, d.published, d.published_basis, substr(d.text, e.start + 1, e.\"end\" - e.start) AS evidence "
        "FROM event_mentions e JOIN documents d ON d.id = e.document_id "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY e.date_value IS NULL, e.date_value, d.seq, e.seq LIMIT ?",
        (*params, -1 if limit is None else limit),
    ).fetchall()
    return [_event(conn, row) for row in rows]


def list_counts(conn: sqlite3.Connection, *, document: str | None = None) -> list[StoredCount]:
    """Stated counts, in document order."""
    where, params = ("WHERE c.document_id LIKE ? || '%'", [document]) if document else ("", [])
    rows = conn.execute(
        "SELECT c.*, substr(d.text, c.start + 1, c.\"end\" - c.start) AS evidence FROM stated_counts c "
        f"JOIN documents d ON d.id = c.document_id {where} ORDER BY d.seq, c.seq",
        params,
    ).fetchall()
    result = []
    for row in rows:
        actors = conn.execute(
            'SELECT s.*, a.name, a.country, a.sector FROM stated_count_actors s JOIN actors a ON a.id = s.actor_id '
            "WHERE s.count_id = ? ORDER BY s.seq",
            (row["id"],),
        ).fetchall()
        result.append(
            StoredCount(
                row["document_id"], row["what"], row["event_type"], row["mode"], row["count"], row["qualifier"],
                row["as_of"], row["evidence"], row["start"], row["end"], tuple(_ref(a) for a in actors),
            )
        )
    return result


def _event(conn: sqlite3.Connection, row: sqlite3.Row) -> StoredEvent:
    actors = conn.execute(
        "SELECT ea.*, a.name, a.country, a.sector FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
        "WHERE ea.event_id = ? ORDER BY ea.role, ea.seq",
        (row["id"],),
    ).fetchall()
    return StoredEvent(
        id=row["id"],
        document_id=row["document_id"],
        document_title=row["title"],
        published=row["published"],
        published_basis=row["published_basis"],
        type=row["type"],
        mode=row["mode"],
        context=row["context"],
        status=row["status"],
        trigger=row["trigger"],
        trigger_start=row["trigger_start"],
        trigger_end=row["trigger_end"],
        start=row["start"],
        end=row["end"],
        evidence=row["evidence"],
        date=row["date_value"],
        date_granularity=row["date_granularity"],
        date_basis=row["date_basis"],
        date_certain=bool(row["date_certain"]),
        duration=row["duration_value"],
        duration_qualifier=row["duration_qualifier"],
        duration_text=row["duration_text"],
        location=row["location"],
        confidence=row["confidence"],
        sources=tuple(_ref(a) for a in actors if a["role"] == "source"),
        targets=tuple(_ref(a) for a in actors if a["role"] == "target"),
    )


def _ref(row: sqlite3.Row) -> EventActorRef:
    return EventActorRef(row["actor_id"], row["name"], row["country"], row["sector"], row["text"], row["start"], row["end"])


def placeholders(values: object) -> str:
    """``?, ?, ?`` for as many values as given (for ``IN (...)`` clauses)."""
    return ", ".join("?" for _ in values)  # type: ignore[attr-defined]


_marks = placeholders


def check_date_prefix(value: str) -> str:
    """Return ``value`` when it is an ISO date or prefix (``2018``, ``2018-02``, ``2018-02-14``).

    Raises:
        QueryError: it is not.
    """
    if not _DATE.match(value):
        raise QueryError(f"'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def date_range_conditions(column: str, dated: str, since: str | None, until: str | None) -> tuple[list[str], list[object]]:
    """SQL conditions keeping rows whose ``column`` falls between the date prefixes ``since`` and
    ``until`` (inclusive, compared at each prefix's length); ``dated`` is the condition a row
    must also meet to count as dated.

    Raises:
        QueryError: a bound is not an ISO date or prefix.
    """
    where: list[str] = []
    params: list[object] = []
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            where.append(f"{dated} AND substr({column}, 1, {len(check_date_prefix(value))}) {op} ?")
            params.append(value)
    return where, params


@dataclass(frozen=True)
class QuoteSource:
    """One document that carries a quote: where, when, and the words around it."""

    document_id: str
    title: str | None
    publisher: str | None
    published: str | None
    published_basis: str
    cue: str | None
    source: str | None
    start: int
    end: int


@dataclass(frozen=True)
class StoredQuote:
    """What an actor said, once, with every document that carries it.

    The same words reported by several outlets are one ``StoredQuote`` with several ``sources``;
    ``date`` is the earliest known publication date among them (or the reported event's date).
    """

    text: str
    direct: bool
    kind: str
    speaker_id: str | None
    speaker: str | None
    speaker_country: str | None
    date: str | None
    event_type: str | None
    sources: tuple[QuoteSource, ...]


def list_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    direct_only: bool = False,
    include_copies: bool = False,
    limit: int | None = None,
) -> list[StoredQuote]:
    """Quotes matching every filter, the same words carried by several documents shown once, by date.

    ``speaker`` and ``about`` are actor names or ids (``about``: the actor is named inside the
    quoted words); ``since``/``until`` are ISO dates or prefixes compared with the date.

    Raises:
        NotFoundError: an actor filter names no actor.
        QueryError: a date filter is not an ISO date.
    """
    where = ["1 = 1"]
    params: list[object] = []
    if not include_copies:
        where.append("d.status = 'ok'")
    if speaker:
        ids = resolve_actor(conn, speaker)
        where.append(f"q.speaker_id IN ({_marks(ids)})")
        params.extend(ids)
    if about:
        ids = resolve_actor(conn, about)
        where.append(
            "EXISTS (SELECT 1 FROM actor_mentions m WHERE m.document_id = q.document_id "
            f'AND m.start >= q.start AND m."end" <= q."end" AND m.actor_id IN ({_marks(ids)}))'
        )
        params.extend(ids)
    if direct_only:
        where.append("q.direct = 1")
    for value in (since, until):
        if value:
            check_date_prefix(value)
    rows = conn.execute(
        "SELECT q.*, d.title, d.publisher, d.published, d.published_basis, a.name AS speaker_name, "
        "a.country AS speaker_country, e.type AS event_type, e.date_value AS event_date "
        "FROM quotes q JOIN documents d ON d.id = q.document_id "
        "LEFT JOIN actors a ON a.id = q.speaker_id "
        "LEFT JOIN event_mentions e ON e.document_id = q.document_id AND e.seq = q.event_seq "
        f"WHERE {' AND '.join(where)} ORDER BY d.seq, q.seq",
        params,
    ).fetchall()
    grouped: dict[tuple[str, str | None], list[sqlite3.Row]] = {}
    for row in rows:
        key = (" ".join(row["text"].lower().split()).strip(" \"'“”‘’.,"), row["speaker_id"])
        grouped.setdefault(key, []).append(row)
    result: list[StoredQuote] = []
    for group in grouped.values():
        first = group[0]
        dates = sorted(r["event_date"] or r["published"] for r in group if (r["event_date"] or r["published"]))
        date = dates[0] if dates else None
        if since and (date is None or date[: len(since)] < since):
            continue
        if until and (date is None or date[: len(until)] > until):
            continue
        result.append(
            StoredQuote(
                text=first["text"],
                direct=bool(first["direct"]),
                kind=first["kind"],
                speaker_id=first["speaker_id"],
                speaker=first["speaker_name"],
                speaker_country=first["speaker_country"],
                date=date,
                event_type=first["event_type"],
                sources=tuple(
                    QuoteSource(
                        r["document_id"], r["title"], r["publisher"], r["published"], r["published_basis"],
                        r["cue"], r["source"], r["start"], r["end"],
                    )
                    for r in group
                ),
            )
        )
    result.sort(key=lambda q: (q.date is None, q.date or ""))
    return result[:limit] if limit is not None else result
