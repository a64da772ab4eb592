"""Deduplicated events as plain records, and the timeline view over them.

Each ``TimelineEvent`` is one real-world happening (a row of ``events``) with everything an analyst
needs to trust it: its participants, the documents and outlets that report it (``sources``), and every sentence
that does, with offsets into the document's clean text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chronicle.store.queries import date_range_conditions, placeholders, resolve_actor
from chronicle.views.plover import load_plover_scale

__all__ = [
    "Evidence",
    "Participant",
    "SourceDocument",
    "StatedDuration",
    "TimelineEvent",
    "load_events",
    "timeline",
]

_CHUNK = 500


@dataclass(frozen=True)
class Participant:
    """An actor taking part in an event: ``role`` is "source", "target" or "both"; ``mentions``
    counts the event's mentions that name it."""

    actor_id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str
    mentions: int


@dataclass(frozen=True)
class SourceDocument:
    """A document that reports an event (one outlet's article)."""

    document_id: str
    publisher: str | None
    title: str | None
    published: str | None
    published_basis: str
    published_end: str | None  # latest possible date of an undated document, when inferred
    origin: str
    url: str | None


@dataclass(frozen=True)
class Evidence:
    """One sentence reporting the event: the mention, its words and what it states."""

    mention_id: int
    document_id: str
    publisher: str | None
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    status: str
    mode: str | None
    date: str | None
    date_basis: str
    duration: str | None
    duration_qualifier: str | None
    duration_text: str | None
    actors: tuple[str, ...]  # actor ids the sentence names as parties
    names: tuple[tuple[str, str, str], ...] = ()  # (actor id, "source"/"target", words used)


@dataclass(frozen=True)
class StatedDuration:
    """A duration as the sources state it ("PT1H", "MORE_THAN"), with the documents stating it."""

    value: str
    qualifier: str | None
    texts: tuple[str, ...]
    documents: tuple[str, ...]

    @property
    def label(self) -> str:
        """The value in words with its qualifier: "more than 1 h", "75 min", "over 10 years"."""
        words = {"MORE_THAN": "more than", "LESS_THAN": "less than", "APPROX": "about",
                 "EQUAL_OR_MORE": "at least", "EQUAL_OR_LESS": "at most"}
        prefix = words.get(self.qualifier or "", (self.qualifier or "").lower())
        return f"{prefix} {duration_words(self.value)}".strip()


_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_DURATION_UNITS = (("year", "years"), ("month", "months"), ("week", "weeks"), ("day", "days"), ("h", "h"), ("min", "min"), ("s", "s"))


def duration_words(value: str) -> str:
    """A TIMEX3 duration in words: "PT75M" → "75 min", "PT2H30M" → "2 h 30 min", "P3W" → "3 weeks";
    a value it cannot read ("PXW") is returned as it is."""
    found = _DURATION.match(value)
    if not found or not any(found.groups()):
        return value
    parts = []
    for amount, (one, many) in zip(found.groups(), _DURATION_UNITS):
        if amount:
            number = amount.rstrip("0").rstrip(".") if "." in amount else amount
            parts.append(f"{number} {one if number == '1' else many}")
    return " ".join(parts)


@dataclass(frozen=True)
class TimelineEvent:
    """A deduplicated event with its participants, reports and evidence.

    ``date`` is the best date the sources give (``date_basis``: "timex" when a sentence states it,
    "document" when only a publication date dates it, "unknown"); ``reported`` the earliest
    publication date among its documents and ``latest`` the earliest window end of its undated
    documents — bounds for an event without a date. ``disagreements`` maps a field ("date",
    "duration") to the values the sources give when they differ.
    """

    id: int
    type: str
    mode: str | None
    context: str | None
    status: str
    quad: str | None
    score: float | None
    date: str | None
    date_granularity: str | None
    date_basis: str
    date_certain: bool
    reported: str | None
    latest: str | None
    durations: tuple[StatedDuration, ...]
    location: str | None
    participants: tuple[Participant, ...]
    sources: tuple[SourceDocument, ...]
    evidence: tuple[Evidence, ...]
    disagreements: dict[str, list[dict[str, object]]]

    @property
    def dated(self) -> bool:
        """True when the date is a calendar date or period (no unknown parts)."""
        return bool(self.date) and "X" not in (self.date or "")

    @property
    def sort_key(self) -> tuple[int, str, str, int]:
        """Dated events by date, then events bounded by their reports, then the rest."""
        if self.dated:
            return (0, self.date or "", "", self.id)
        bound = self.latest or self.reported
        return (1, bound or "9999", "", self.id) if bound else (2, "", "", self.id)

    @property
    def date_label(self) -> str:
        """The date as a reader should see it, with what it rests on: "2018-02-14",
        "2020-01-14 (publication date)", "undated (a Thursday; before 2017-04-07)"."""
        if self.dated:
            return f"{self.date} (publication date)" if self.date_basis == "document" else str(self.date)
        notes = [_partial_label(self.date)] if self.date else []
        if self.latest:
            notes.append(f"before {self.latest}")
        elif self.reported:
            notes.append(f"reported {self.reported}")
        notes = [n for n in notes if n]
        return f"undated ({'; '.join(notes)})" if notes else "undated"

    @property
    def between(self) -> str:
        """Who did it to whom: "A → B"; parties acting alike are joined: "A — B", "A — B → C"."""
        sources, targets = self.names("source"), self.names("target")
        alike = [n for n in sources if n in targets]
        acting = [n for n in sources if n not in targets]
        acted_on = [n for n in targets if n not in sources]
        left = "; ".join(acting) if acting else " — ".join(alike)
        if acting and alike:
            left = f"{left} (with {' — '.join(alike)})"
        return f"{left or '?'} → {'; '.join(acted_on)}" if acted_on else left

    @property
    def lead(self) -> Evidence:
        """The sentence that states the event best: a stated date first, then the most parties named."""
        order = {id(e): i for i, e in enumerate(self.evidence)}
        return max(
            self.evidence,
            key=lambda e: (
                e.date_basis == "timex" and "X" not in (e.date or "X"), len(e.actors), e.duration is not None, -order[id(e)],
            ),
        )

    @property
    def publishers(self) -> tuple[str, ...]:
        """The outlets reporting the event (documents without a publisher are left out)."""
        return tuple(dict.fromkeys(r.publisher for r in self.sources if r.publisher))

    def names(self, role: str) -> tuple[str, ...]:
        """Names of the participants in ``role`` ("source" or "target"; "both" counts for each)."""
        return tuple(p.name for p in self.participants if p.role in (role, "both"))


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _partial_label(value: str | None) -> str:
    """Words for a date with unknown parts: "XXXX-05" → "May, year unknown"; "XXXX-WXX-4" → "a Thursday"."""
    week = re.match(r"^[\dX]{4}-W[\dX]{2}-(\d)$", value or "")
    if week:
        return f"a {_DAY_NAMES[int(week.group(1)) - 1]}"
    parts = re.match(r"^XXXX-(\d{2})(?:-(\d{2}))?$", value or "")
    if parts and 1 <= int(parts.group(1)) <= 12:
        day = f" {int(parts.group(2))}" if parts.group(2) else ""
        return f"{_MONTH_NAMES[int(parts.group(1)) - 1]}{day}, year unknown"
    return ""


def load_events(conn: sqlite3.Connection, ids: Sequence[int]) -> list[TimelineEvent]:
    """Return the events with these ids (in the order given), with participants, reports and evidence."""
    scale = load_plover_scale()
    rows: dict[int, sqlite3.Row] = {}
    members: dict[int, list[sqlite3.Row]] = defaultdict(list)
    actors: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for part in _chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        for row in conn.execute(f"SELECT * FROM events WHERE id IN ({marks})", part):
            rows[row["id"]] = row
        for row in conn.execute(
            "SELECT em.event_id AS event, e.*, substr(d.text, e.start + 1, e.\"end\" - e.start) AS sentence, "
            "d.publisher, d.title, d.published, d.published_basis, d.published_end, d.origin, d.url "
            "FROM event_members em JOIN event_mentions e ON e.id = em.mention_id JOIN documents d ON d.id = e.document_id "
            f"WHERE em.event_id IN ({marks}) ORDER BY d.seq, e.seq",
            part,
        ):
            members[row["event"]].append(row)
    mention_ids = [m["id"] for group in members.values() for m in group]
    for part in _chunks(mention_ids):
        for row in conn.execute(
            "SELECT ea.event_id AS mention, ea.role, ea.actor_id, ea.text, a.name, a.kind, a.country, a.sector "
            "FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
            f"WHERE ea.event_id IN ({', '.join('?' * len(part))}) ORDER BY ea.role, ea.seq",
            part,
        ):
            actors[row["mention"]].append(row)
    return [_event(rows[i], members[i], actors, scale) for i in ids if i in rows]


def _event(row: sqlite3.Row, members: list[sqlite3.Row], actors: dict[int, list[sqlite3.Row]], scale) -> TimelineEvent:  # type: ignore[no-untyped-def]
    roles: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    info: dict[str, sqlite3.Row] = {}
    for member in members:
        named = set()
        for actor in actors.get(member["id"], ()):
            roles[actor["actor_id"]].add(actor["role"])
            info[actor["actor_id"]] = actor
            named.add(actor["actor_id"])
        counts.update(named)
    participants = tuple(
        Participant(
            actor_id=a, name=info[a]["name"], kind=info[a]["kind"], country=info[a]["country"], sector=info[a]["sector"],
            role="both" if len(roles[a]) > 1 else next(iter(roles[a])), mentions=counts[a],
        )
        for a in sorted(counts, key=lambda a: (-counts[a], info[a]["name"]))
    )
    sources = tuple(
        {
            m["document_id"]: SourceDocument(
                m["document_id"], m["publisher"], m["title"], m["published"], m["published_basis"], m["published_end"],
                m["origin"], m["url"],
            )
            for m in members
        }.values()
    )
    evidence = tuple(
        Evidence(
            mention_id=m["id"], document_id=m["document_id"], publisher=m["publisher"], sentence=m["sentence"],
            start=m["start"], end=m["end"], trigger=m["trigger"], trigger_start=m["trigger_start"],
            trigger_end=m["trigger_end"], status=m["status"], mode=m["mode"], date=m["date_value"],
            date_basis=m["date_basis"], duration=m["duration_value"], duration_qualifier=m["duration_qualifier"],
            duration_text=m["duration_text"], actors=tuple(dict.fromkeys(a["actor_id"] for a in actors.get(m["id"], ()))),
            names=tuple((a["actor_id"], a["role"], a["text"]) for a in actors.get(m["id"], ())),
        )
        for m in members
    )
    by_mention = {m["id"]: m for m in members}
    durations = tuple(
        StatedDuration(
            value=d["value"], qualifier=d["qualifier"],
            texts=tuple(dict.fromkeys(by_mention[i]["duration_text"] or "" for i in d["mentions"] if i in by_mention)),
            documents=tuple(dict.fromkeys(by_mention[i]["document_id"] for i in d["mentions"] if i in by_mention)),
        )
        for d in json.loads(row["durations"] or "[]")
    )
    published = sorted(m["published"] for m in members if m["published"])
    windows = sorted(m["published_end"] for m in members if m["published_end"] and not m["published"])
    return TimelineEvent(
        id=row["id"], type=row["type"], mode=row["mode"], context=row["context"], status=row["status"],
        quad=scale.quad(row["type"]), score=scale.score(row["type"], row["mode"]),
        date=row["date_value"], date_granularity=row["date_granularity"], date_basis=row["date_basis"],
        date_certain=bool(row["date_certain"]), reported=published[0] if published else None,
        latest=windows[0] if windows else None, durations=durations, location=row["location"],
        participants=participants, sources=sources, evidence=evidence,
        disagreements=json.loads(row["disagreements"] or "{}"),
    )


def _chunks(values: list, size: int = _CHUNK) -> Iterable[list]:  # type: ignore[type-arg]
    for start in range(0, len(values), size):
        yield values[start : start + size]


def event_ids(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field name
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[int]:
    """Ids of the events matching every filter (see ``timeline``), unordered.

    Raises:
        NotFoundError: an actor filter names no actor.
        QueryError: a date filter is not an ISO date.
    """
    where = ["1 = 1"]
    params: list[object] = []
    sides = [actor] if actor else []
    sides += list(dyad) if dyad else []
    for side in sides:
        ids = resolve_actor(conn, side)
        where.append(
            "ev.id IN (SELECT em.event_id FROM event_members em JOIN event_actors ea ON ea.event_id = em.mention_id "
            f"WHERE ea.actor_id IN ({placeholders(ids)}))"
        )
        params.extend(ids)
    if type:
        where.append("ev.type = ?")
        params.append(type.upper())
    if status:
        where.append("ev.status = ?")
        params.append(status.lower())
    dates, values = date_range_conditions("ev.date_value", "ev.date_value GLOB '[0-9]*'", since, until)
    where += dates
    params += values
    return [row[0] for row in conn.execute(f"SELECT ev.id FROM events ev WHERE {' AND '.join(where)}", params)]


def timeline(
    conn: sqlite3.Connection,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field name
    since: str | None = None,
    until: str | None = None,
    *,
    status: str | None = None,
    limit: int | None = None,
) -> list[TimelineEvent]:
    """Deduplicated events in date order: dated ones first, then those bounded only by their reports.

    ``actor`` and each side of ``dyad`` are actor names, aliases or ids (an event qualifies when
    one of its mentions names the actor); ``type`` a PLOVER type; ``since``/``until`` ISO dates or
    prefixes compared with the event's date (undated events are then left out); ``status``
    occurred, planned, hypothetical or negated.

    Raises:
        NotFoundError: an actor filter names no actor.
        QueryError: a date filter is not an ISO date.
    """
    ids = event_ids(conn, actor=actor, dyad=dyad, type=type, status=status, since=since, until=until)
    events = sorted(load_events(conn, ids), key=lambda e: e.sort_key)
    return events[:limit] if limit is not None else events
