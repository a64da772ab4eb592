"""Dyad summaries: what two actors did with each other, counted by period, type, mode and quad
category, beside the counts the articles themselves state."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass

from chronicle.errors import QueryError
from chronicle.store.queries import resolve_actor
from chronicle.views.events import TimelineEvent, timeline
from chronicle.views.plover import load_plover_scale

__all__ = ["ActorRef", "CountCheck", "DyadSummary", "PeriodCount", "dyad_summary"]


@dataclass(frozen=True)
class ActorRef:
    """An actor as a view names it."""

    id: str
    name: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class PeriodCount:
    """Events of one type and mode in one period ("2018" or "2018-02"), with their ids."""

    period: str
    type: str
    mode: str | None
    quad: str | None
    events: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.events)


@dataclass(frozen=True)
class CountCheck:
    """A count an article states beside what the corpus documents.

    ``documented`` are the occurred events of the counted type (and modes) between the two actors
    dated on or before ``as_of`` (all of them when the count has no date).
    """

    what: str
    event_type: str
    mode: str | None
    stated: int
    qualifier: str | None
    as_of: str | None
    document_id: str
    publisher: str | None
    evidence: str
    sentence: str
    start: int
    end: int
    documented: tuple[int, ...]
    undated: tuple[int, ...] = ()  # matching events that cannot be placed before or after ``as_of``

    @property
    def sentence_text(self) -> str:
        """A readable comparison: "articles state 33 phone calls (CONSULT/phone); this corpus documents 4"."""
        stated = f"{'more than ' if self.qualifier == 'MORE_THAN' else ''}{self.stated}"
        kind = f"{self.event_type}{'/' + self.mode if self.mode else ''}"
        when = f" by {self.as_of}" if self.as_of else ""
        extra = f" (and {len(self.undated)} undated)" if self.undated else ""
        return f"articles state {stated} {self.what} ({kind}){when}; this corpus documents {len(self.documented)}{extra}"


@dataclass(frozen=True)
class DyadSummary:
    """Two actors' dealings: their events in date order, counts of occurred events by year and
    by month (per type and mode), by quad category, the other statuses, and stated counts."""

    a: ActorRef
    b: ActorRef
    events: tuple[TimelineEvent, ...]
    by_year: tuple[PeriodCount, ...]
    by_month: tuple[PeriodCount, ...]
    by_quad: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    undated: tuple[int, ...]  # occurred events without a calendar date
    mean_score: float | None  # mean PLOVER conflict–cooperation score of the occurred events
    counts: tuple[CountCheck, ...]


def _actor(conn: sqlite3.Connection, ref: str) -> tuple[ActorRef, list[str]]:
    ids = resolve_actor(conn, ref)
    row = conn.execute(
        f"SELECT a.*, (SELECT COUNT(*) FROM actor_mentions m WHERE m.actor_id = a.id) AS n FROM actors a "
        f"WHERE a.id IN ({', '.join('?' * len(ids))}) ORDER BY n DESC, a.id LIMIT 1",
        ids,
    ).fetchone()
    return ActorRef(row["id"], row["name"], row["country"], row["sector"]), ids


def _periods(events: list[TimelineEvent], length: int) -> tuple[PeriodCount, ...]:
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for event in events:
        if event.dated and len(event.date or "") >= length:
            groups[(event.date[:length], event.type, event.mode or "")].append(event.id)  # type: ignore[index]
    scale = load_plover_scale()
    return tuple(
        PeriodCount(period, t, mode or None, scale.quad(t), tuple(ids))
        for (period, t, mode), ids in sorted(groups.items())
    )


def dyad_summary(conn: sqlite3.Connection, a: str, b: str) -> DyadSummary:
    """Summarise what actors ``a`` and ``b`` (names, aliases or ids) did with each other.

    Raises:
        NotFoundError: either side names no actor.
        QueryError: both sides name the same actor.
    """
    first, first_ids = _actor(conn, a)
    second, second_ids = _actor(conn, b)
    if set(first_ids) & set(second_ids):
        raise QueryError(f"'{a}' and '{b}' name the same actor: a dyad needs two")
    events = timeline(conn, dyad=(first.id, second.id))
    occurred = [e for e in events if e.status == "occurred"]
    scale = load_plover_scale()
    quads = Counter(e.quad or "unknown" for e in occurred)
    scores = [e.score for e in occurred if e.score is not None]
    return DyadSummary(
        a=first,
        b=second,
        events=tuple(events),
        by_year=_periods(occurred, 4),
        by_month=_periods(occurred, 7),
        by_quad=tuple(sorted(quads.items(), key=lambda kv: -kv[1])),
        by_status=tuple(sorted(Counter(e.status for e in events).items(), key=lambda kv: -kv[1])),
        undated=tuple(e.id for e in occurred if not e.dated),
        mean_score=round(sum(scores) / len(scores), 2) if scores else None,
        counts=tuple(_count_checks(conn, set(first_ids), set(second_ids), occurred, scale)),
    )


def _count_checks(conn: sqlite3.Connection, first: set[str], second: set[str], occurred: list[TimelineEvent], scale) -> list[CountCheck]:  # type: ignore[no-untyped-def]
    rows = conn.execute(
        "SELECT c.*, d.publisher, d.text FROM stated_counts c JOIN documents d ON d.id = c.document_id "
        "WHERE d.status = 'ok' ORDER BY d.seq, c.seq"
    ).fetchall()
    checks = []
    for row in rows:
        named = {r[0] for r in conn.execute("SELECT actor_id FROM stated_count_actors WHERE count_id = ?", (row["id"],))}
        if not (named & first and named & second):
            continue
        modes = scale.modes_counted(row["mode"])
        kind = [e for e in occurred if e.type == row["event_type"] and (modes is None or (e.mode or "") in modes)]
        documented = tuple(e.id for e in kind if row["as_of"] is None or _on_or_before(e, row["as_of"]))
        undated = tuple(e.id for e in kind if row["as_of"] and not e.dated and not (e.latest or e.reported))
        text = row["text"]
        start, end = _sentence(text, row["start"], row["end"])
        checks.append(
            CountCheck(
                what=row["what"], event_type=row["event_type"], mode=row["mode"], stated=row["count"],
                qualifier=row["qualifier"], as_of=row["as_of"], document_id=row["document_id"],
                publisher=row["publisher"], evidence=text[row["start"] : row["end"]], sentence=text[start:end],
                start=start, end=end, documented=documented, undated=undated,
            )
        )
    return checks


def _on_or_before(event: TimelineEvent, day: str) -> bool:
    if event.dated:
        return (event.date or "")[: len(day)] <= day
    bound = event.latest or event.reported
    return bound is not None and bound <= day


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from the last full stop or line break before it to the next one after."""
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(ends) + (text[min(ends)] == ".") if ends else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, right
