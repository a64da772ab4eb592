"""Corpus stage: event deduplication — one event per real-world happening, across documents.

Every event mention of an original document (near-duplicate copies are left out, so a copy never
counts twice) belongs to exactly one event (tables ``events`` and ``event_members``). A mention
joins an event when all of these hold for the event's members:

* the same PLOVER type and status (a planned meeting is not the meeting that took place), and a
  compatible mode (equal, unstated on one side, or a general mode and one refining it: a meeting
  and a visit);
* overlapping actors by actor id: one set inside the other, or at least two actors shared; across
  documents a single actor ties a mention to an event only when both name exactly that actor;
* compatible dates: values are compared at their granularity ("2019-12" holds "2019-12-21";
  "2018-02-02" and "2018-02-14" are two days), a weekday or month of an unknown year must match,
  a date taken from the publication date only bounds an event that occurred (it cannot be later)
  or was planned (it cannot be earlier), and an undated article's inferred window bounds it too.

Within one document compatible mentions are one event. Across documents compatibility is not
enough; the stage also wants positive evidence: the same day stated on both sides, or a stated day
and a report published within a week of it, or two reports published within two days of each other
(and then articles whose distinctive words are somewhat alike: TF-IDF cosine over the corpus's
document frequencies). When the dates say nothing, only an event that occurred is matched, and
only between two articles that are alike and each the other's nearest in the corpus (intentions
and speculation recur from article to article; a happening told twice is one story).
A mention naming no actor joins only the one event of its type, status and mode in its own
document, if there is exactly one.

The stage is incremental: it places only the mentions not yet in an event, comparing each with the
events of its block (type, status, and an actor it names). A document that is retired takes its
mentions out of their events; an event that lost members is dissolved and its remaining mentions
are placed again, so no event keeps a link that only the retired document made.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["DedupReport", "deduplicate_events"]

_FULL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_PARTIAL = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d{2}|XX)(?:-(\d))?$")
_WORD = re.compile(r"[^\W\d_]{3,}")

REPORT_LAG_DAYS = 7  # a report published this long after a stated day still supports it
SAME_NEWS_DAYS = 2  # two reports dated only by publication this close may tell one happening
DAY_TOLERANCE = 1  # outlets in different time zones may date one happening a day apart
# TF-IDF cosine of two articles at which they are taken to tell the same story: lower when the
# dates give some support, higher when they say nothing (and then each article must also be the
# other's nearest in the corpus).
SIMILAR_WITH_SUPPORT = 0.2
SIMILAR_WITHOUT_SUPPORT = 0.3
# Document frequencies from fewer articles than this cannot tell a story's own words from its
# topic's: similarity alone then never merges.
SIMILARITY_MIN_DOCUMENTS = 10
_NEIGHBOUR_WORDS = 12  # a document's strongest words, searched to find its nearest document
_DAY_GRANULARITIES = ("day", "time")


@dataclass(frozen=True)
class DedupReport:
    """What one run of the stage did: mentions placed, events created and events re-formed."""

    placed: int
    created: int
    dissolved: int


@dataclass(frozen=True)
class _When:
    """What a mention's date says: an interval when the year is known, else the known parts.

    ``kind`` is "day" (a stated day or time), "span" (a stated month, week or year), "partial" (a
    stated value with unknown parts), "published" (the document's date only), "window" (an undated
    document's latest possible date) or "none".
    """

    kind: str
    lo: dt.date | None = None
    hi: dt.date | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO weekday, 1 = Monday


def _when(value: str | None, granularity: str | None, basis: str, window_end: str | None) -> _When:
    if not value or basis == "unknown":
        end = _date(window_end)
        return _When("window", hi=end) if end else _When("none")
    if basis == "document":
        day = _date(value[:10])
        return _When("published", day, day) if day else _When("none")
    week = _WEEK.match(value)
    if week:
        year, number, weekday = week.groups()
        if year.isdigit() and number.isdigit():
            monday = dt.date.fromisocalendar(int(year), int(number), 1)
            if weekday:
                day = monday + dt.timedelta(days=int(weekday) - 1)
                return _When("day", day, day)
            return _When("span", monday, monday + dt.timedelta(days=6))
        return _When("partial", weekday=int(weekday)) if weekday else _When("none")
    full = _FULL.match(value)
    if full:
        year, month, day = (int(part) if part else None for part in full.groups())
        try:
            if day is not None and month is not None:
                date = dt.date(year, month, day)
                return _When("day", date, date)
            if month is not None:
                last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
                return _When("span", dt.date(year, month, 1), last)
            return _When("span", dt.date(year, 1, 1), dt.date(year, 12, 31))
        except ValueError:
            return _When("none")
    partial = _PARTIAL.match(value)
    if partial:
        _, month, day = partial.groups()
        known_month = int(month) if month and month.isdigit() else None
        known_day = int(day) if day and day.isdigit() else None
        if known_month or known_day:
            return _When("partial", month=known_month, day=known_day)
    return _When("none")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class _Mention:
    id: int
    doc: str
    doc_seq: int
    seq: int
    type: str
    mode: str | None
    status: str
    actors: frozenset[str]
    when: _When
    published: dt.date | None  # the document's date, when it has one


@dataclass
class _Event:
    id: int
    type: str
    status: str
    members: list[_Mention] = field(default_factory=list)

    @property
    def actors(self) -> frozenset[str]:
        return frozenset().union(*(m.actors for m in self.members))

    @property
    def documents(self) -> set[str]:
        return {m.doc for m in self.members}


def _agreement(a: _Mention, b: _Mention) -> int:
    """How the dates of two mentions bear on their being one happening.

    Returns -1 (they cannot be), 0 (they can be, nothing more), 1 (some support) or 2 (the same
    day stated on both sides).
    """
    x, y = a.when, b.when
    if x.kind == "none" or y.kind == "none":
        return 0
    if x.kind == "published" and y.kind == "published":
        return 1 if abs((x.lo - y.lo).days) <= SAME_NEWS_DAYS else 0  # type: ignore[operator]
    if y.kind in ("published", "window") and x.kind not in ("published", "window"):
        x, y = y, x
    if x.kind in ("published", "window"):
        return _bound(x, y, a.status)
    if x.kind == "partial" or y.kind == "partial":
        return _partial(x, y)
    assert x.lo and x.hi and y.lo and y.hi
    if x.lo <= y.hi and y.lo <= x.hi:
        if x.kind == "day" and y.kind == "day":
            return 2
        return 1 if "day" in (x.kind, y.kind) or (x.lo, x.hi) == (y.lo, y.hi) else 0
    if x.kind == "day" and y.kind == "day" and a.doc != b.doc and abs((x.lo - y.lo).days) <= DAY_TOLERANCE:
        return 1
    return -1


def _bound(bound: _When, stated: _When, status: str) -> int:
    """A publication date or window against another date: it bounds what occurred or was planned.

    Only a stated day close to a publication date supports the pair; the rest merely fits or not.
    """
    if stated.kind in ("window", "published", "partial") or stated.lo is None or stated.hi is None:
        return 0
    limit = bound.hi if bound.kind == "window" else bound.lo
    assert limit is not None
    near = bound.kind == "published" and stated.kind == "day"
    if status == "occurred":
        if stated.lo > limit:
            return -1
        return 1 if near and (limit - stated.hi).days <= REPORT_LAG_DAYS else 0
    if status == "planned" and bound.kind == "published":
        if stated.hi < limit:
            return -1
        return 1 if near and (stated.lo - limit).days <= REPORT_LAG_DAYS else 0
    return 0


def _partial(x: _When, y: _When) -> int:
    """Dates with unknown parts ("XXXX-05", a bare weekday) clash only on a part both know."""
    for p, q in ((x, y), (y, x)):
        if p.kind == "partial" and q.kind != "partial" and q.lo is not None and q.hi is not None:
            if q.kind == "day":
                known = {"month": q.lo.month, "day": q.lo.day, "weekday": q.lo.isoweekday()}
            elif q.lo.month == q.hi.month:  # a month (or a week inside one)
                known = {"month": q.lo.month}
            else:
                return 0
            return -1 if any(getattr(p, k) is not None and getattr(p, k) != v for k, v in known.items()) else 0
    clash = any(
        getattr(x, part) is not None and getattr(y, part) is not None and getattr(x, part) != getattr(y, part)
        for part in ("month", "day", "weekday")
    )
    return -1 if clash else 0


def _modes_agree(mention: _Mention, event: _Event, strict: bool) -> bool:
    """Every stated mode of the event fits the mention's ("meeting" fits "visit"); ``strict``: the
    event must state a mode too, and one only when the mention states none."""
    modes = {m.mode for m in event.members if m.mode}
    if mention.mode is None:
        return not strict or len(modes) <= 1
    # Imported here: the views package reads the store, which runs this stage.
    from chronicle.views.plover import load_plover_scale

    scale = load_plover_scale()
    return all(scale.modes_agree(mention.mode, mode) for mode in modes) and (not strict or bool(modes))


def _actors_agree(mention: _Mention, event: _Event, same_document: bool) -> bool:
    mine, theirs = mention.actors, event.actors
    shared = mine & theirs
    if not shared:
        return False
    if len(shared) >= 2:
        return True
    if same_document:
        return mine <= theirs or theirs <= mine
    return mine == theirs


class _Similarity:
    """TF-IDF cosine of two stored documents, document frequencies read from the full-text index."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.total = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        self._frequency: dict[str, int] = {}
        self._vectors: dict[str, dict[str, float]] = {}
        self._pairs: dict[tuple[str, str], float] = {}
        self._nearest: dict[str, str | None] = {}

    def __call__(self, a: str, b: str) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in self._pairs:
            x, y = self._vector(a), self._vector(b)
            self._pairs[key] = sum(w * y[t] for t, w in x.items() if t in y)
        return self._pairs[key]

    def nearest(self, doc: str) -> str | None:
        """The original document most like ``doc`` (full-text search for its strongest words)."""
        if doc not in self._nearest:
            vector = self._vector(doc)
            words = sorted(vector, key=vector.__getitem__, reverse=True)[:_NEIGHBOUR_WORDS]
            found = None
            if words:
                rows = self.conn.execute(
                    "SELECT d.id FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                    "WHERE documents_fts MATCH ? AND d.status = 'ok' AND d.id != ? ORDER BY bm25(documents_fts) LIMIT 1",
                    (" OR ".join(f'"{w}"' for w in words), doc),
                ).fetchall()
                found = rows[0][0] if rows else None
            self._nearest[doc] = found
        return self._nearest[doc]

    def mutual(self, a: str, b: str) -> bool:
        """True when each of the two documents is the other's nearest."""
        return self.nearest(a) == b and self.nearest(b) == a

    def _vector(self, doc: str) -> dict[str, float]:
        if doc not in self._vectors:
            row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
            counts = Counter(_WORD.findall(row[0].lower())) if row else Counter()
            vector = {}
            for word, n in counts.items():
                frequency = self._document_frequency(word)
                # Words of one document cannot link two; the commonest weigh nothing.
                if frequency > 1:
                    vector[word] = (1.0 + math.log(n)) * math.log((self.total + 1) / frequency)
            norm = math.sqrt(sum(v * v for v in vector.values()))
            self._vectors[doc] = {t: v / norm for t, v in vector.items()} if norm else {}
        return self._vectors[doc]

    def _document_frequency(self, word: str) -> int:
        if word not in self._frequency:
            try:
                row = self.conn.execute(
                    "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?", (f'"{word}"',)
                ).fetchone()
                self._frequency[word] = int(row[0])
            except sqlite3.OperationalError:
                self._frequency[word] = 0
        return self._frequency[word]


class _Placer:
    """Places mentions into events, keeping the blocks it has read in memory for one run."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.events: dict[int, _Event] = {}
        self.blocks: dict[tuple[str, str, str], set[int]] = {}
        self.by_document: dict[tuple[str, str, str], set[int]] = {}
        self.similarity = _Similarity(conn)
        self.touched: set[int] = set()
        self.created = 0

    def place(self, mention: _Mention) -> None:
        if mention.actors:
            chosen = self._best(mention, self._candidates(mention))
        else:
            chosen = self._only_in_document(mention)
        if chosen is None:
            cur = self.conn.execute(
                "INSERT INTO events(type, status, date_basis) VALUES (?, ?, 'unknown')", (mention.type, mention.status)
            )
            chosen = _Event(int(cur.lastrowid or 0), mention.type, mention.status)
            self.events[chosen.id] = chosen
            self.created += 1
        self._in_document(mention).add(chosen.id)
        self.conn.execute("INSERT INTO event_members(mention_id, event_id) VALUES (?, ?)", (mention.id, chosen.id))
        chosen.members.append(mention)
        for actor in mention.actors:
            self._block(mention.type, mention.status, actor).add(chosen.id)
        self.touched.add(chosen.id)

    def _candidates(self, mention: _Mention) -> list[_Event]:
        ids: set[int] = set()
        for actor in mention.actors:
            ids |= self._block(mention.type, mention.status, actor)
        self._load(ids)
        return [self.events[i] for i in sorted(ids)]

    def _block(self, type_: str, status: str, actor: str) -> set[int]:
        key = (type_, status, actor)
        if key not in self.blocks:
            rows = self.conn.execute(
                "SELECT DISTINCT em.event_id FROM event_actors ea JOIN event_members em ON em.mention_id = ea.event_id "
                "JOIN events ev ON ev.id = em.event_id WHERE ea.actor_id = ? AND ev.type = ? AND ev.status = ?",
                (actor, type_, status),
            )
            self.blocks[key] = {row[0] for row in rows}
        return self.blocks[key]

    def _load(self, ids: Iterable[int]) -> None:
        missing = [i for i in ids if i not in self.events]
        for chunk in range(0, len(missing), 500):
            part = missing[chunk : chunk + 500]
            rows = self.conn.execute(
                f"SELECT ev.id AS event, ev.type AS event_type, ev.status AS event_status, {_MENTION_COLUMNS} "
                f"FROM events ev JOIN event_members em ON em.event_id = ev.id {_MENTION_JOINS} "
                f"WHERE ev.id IN ({', '.join('?' * len(part))}) ORDER BY e.id",
                part,
            ).fetchall()
            for row, mention in zip(rows, _mentions(self.conn, rows)):
                event = self.events.setdefault(row["event"], _Event(row["event"], row["event_type"], row["event_status"]))
                event.members.append(mention)

    def _in_document(self, mention: _Mention) -> set[int]:
        """The events of the mention's type and status that hold a mention of its document."""
        key = (mention.doc, mention.type, mention.status)
        if key not in self.by_document:
            rows = self.conn.execute(
                "SELECT DISTINCT em.event_id FROM event_mentions e JOIN event_members em ON em.mention_id = e.id "
                "JOIN events ev ON ev.id = em.event_id WHERE e.document_id = ? AND ev.type = ? AND ev.status = ?",
                key,
            )
            self.by_document[key] = {row[0] for row in rows}
        return self.by_document[key]

    def _best(self, mention: _Mention, candidates: Sequence[_Event]) -> _Event | None:
        best: tuple[tuple[float, ...], _Event] | None = None
        for event in candidates:
            same_document = mention.doc in event.documents
            if not _modes_agree(mention, event, strict=False) or not _actors_agree(mention, event, same_document):
                continue
            agreements = [_agreement(mention, m) for m in event.members]
            if min(agreements) < 0:
                continue
            support = max(agreements)
            similar = 0.0
            if not same_document and support < 2:
                if not support and (mention.status != "occurred" or self.similarity.total < SIMILARITY_MIN_DOCUMENTS):
                    continue
                closest = max(event.documents, key=lambda d: self.similarity(mention.doc, d))
                similar = self.similarity(mention.doc, closest)
                if similar < (SIMILAR_WITH_SUPPORT if support else SIMILAR_WITHOUT_SUPPORT):
                    continue
                if not support and not self.similarity.mutual(mention.doc, closest):
                    continue
            shared = len(mention.actors & event.actors) / len(mention.actors | event.actors)
            score = (float(same_document), float(support), shared, similar, -_distance(mention, event), float(len(event.members)))
            if best is None or score > best[0]:
                best = (score, event)
        return best[1] if best else None

    def _only_in_document(self, mention: _Mention) -> _Event | None:
        ids = self._in_document(mention)
        self._load(ids)
        fitting = [
            self.events[i] for i in sorted(ids)
            if _modes_agree(mention, self.events[i], strict=True)
            and min(_agreement(mention, m) for m in self.events[i].members) >= 0
        ]
        return fitting[0] if len(fitting) == 1 else None


def _distance(mention: _Mention, event: _Event) -> float:
    """Days between the mention's document date and the nearest stated day of the event.

    Breaks ties: "the second call this month" in an article of February 14 is that day's call
    rather than the one of February 2.
    """
    days = [m.when.lo for m in event.members if m.when.kind == "day" and m.when.lo]
    if not days or mention.published is None:
        return 0.0
    return float(min(abs((mention.published - d).days) for d in days))


_MENTION_COLUMNS = (
    "e.id, e.document_id, d.seq AS doc_seq, e.seq, e.type, e.mode, e.status, e.date_value, "
    "e.date_granularity, e.date_basis, d.published, d.published_end"
)
_MENTION_JOINS = "JOIN event_mentions e ON e.id = em.mention_id JOIN documents d ON d.id = e.document_id"


def _mentions(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[_Mention]:
    actors: dict[int, set[str]] = defaultdict(set)
    ids = [row["id"] for row in rows]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for event_id, actor_id in conn.execute(
            f"SELECT event_id, actor_id FROM event_actors WHERE event_id IN ({', '.join('?' * len(part))})", part
        ):
            actors[event_id].add(actor_id)
    return [
        _Mention(
            id=row["id"], doc=row["document_id"], doc_seq=row["doc_seq"], seq=row["seq"], type=row["type"],
            mode=row["mode"], status=row["status"], actors=frozenset(actors[row["id"]]),
            when=_when(row["date_value"], row["date_granularity"], row["date_basis"], row["published_end"]),
            published=_date(row["published"]),
        )
        for row in rows
    ]


_KIND_ORDER = {"day": 0, "span": 1, "partial": 2, "published": 3, "window": 4, "none": 5}


def deduplicate_events(conn: sqlite3.Connection) -> DedupReport:
    """Place every event mention of an original document not yet in an event; return what was done.

    Runs inside the caller's transaction. Re-running with nothing new changes nothing.
    """
    # Members whose document is no longer an original (or is gone) leave their events.
    conn.execute(
        "DELETE FROM event_members WHERE mention_id NOT IN "
        "(SELECT e.id FROM event_mentions e JOIN documents d ON d.id = e.document_id WHERE d.status = 'ok')"
    )
    damaged = [
        row[0]
        for row in conn.execute(
            "SELECT ev.id FROM events ev LEFT JOIN (SELECT event_id, COUNT(*) AS n FROM event_members GROUP BY event_id) m "
            "ON m.event_id = ev.id WHERE COALESCE(m.n, 0) != ev.members"
        )
    ]
    for chunk in range(0, len(damaged), 500):
        part = damaged[chunk : chunk + 500]
        marks = ", ".join("?" * len(part))
        conn.execute(f"DELETE FROM event_members WHERE event_id IN ({marks})", part)
        conn.execute(f"DELETE FROM events WHERE id IN ({marks})", part)
    rows = conn.execute(
        f"SELECT {_MENTION_COLUMNS} FROM event_mentions e JOIN documents d ON d.id = e.document_id "
        "LEFT JOIN event_members em ON em.mention_id = e.id WHERE d.status = 'ok' AND em.mention_id IS NULL"
    ).fetchall()
    pending = _mentions(conn, rows)
    # The best-dated mentions found the events; weaker ones then join them; mentions naming no
    # actor come last, when their document's events are known.
    pending.sort(key=lambda m: (not m.actors, _KIND_ORDER[m.when.kind], m.doc_seq, m.seq))
    placer = _Placer(conn)
    for mention in pending:
        placer.place(mention)
    for event_id in sorted(placer.touched):
        summarise_event(conn, event_id)
    return DedupReport(placed=len(pending), created=placer.created, dissolved=len(damaged))


_GRANULARITY_RANK = {"time": 5, "day": 5, "week": 3, "month": 2, "year": 1}


def summarise_event(conn: sqlite3.Connection, event_id: int) -> None:
    """Recompute an event's row (mode, best date, durations, location, disagreements) from its members."""
    rows = conn.execute(
        "SELECT e.*, d.publisher FROM event_members em JOIN event_mentions e ON e.id = em.mention_id "
        "JOIN documents d ON d.id = e.document_id WHERE em.event_id = ? ORDER BY d.seq, e.seq",
        (event_id,),
    ).fetchall()
    if not rows:
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return
    best = max(rows, key=_date_rank)
    dated = best["date_value"] is not None and best["date_basis"] != "unknown"
    durations: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for row in rows:
        if row["duration_value"]:
            durations[(row["duration_value"], row["duration_qualifier"])].append(row["id"])
    stated_days = defaultdict(list)
    for row in rows:
        if row["date_basis"] == "timex" and row["date_granularity"] in _DAY_GRANULARITIES and _FULL.match(row["date_value"] or ""):
            stated_days[row["date_value"][:10]].append(row["document_id"])
    disagreements: dict[str, list[dict[str, object]]] = {}
    if len(durations) > 1:
        disagreements["duration"] = [
            {"value": value, "qualifier": qualifier, "mentions": ids} for (value, qualifier), ids in durations.items()
        ]
    if len(stated_days) > 1:
        disagreements["date"] = [{"value": day, "documents": sorted(set(docs))} for day, docs in sorted(stated_days.items())]
    conn.execute(
        "UPDATE events SET mode = ?, context = ?, date_value = ?, date_granularity = ?, date_basis = ?, date_certain = ?, "
        "durations = ?, location = ?, disagreements = ?, members = ?, documents = ? WHERE id = ?",
        (
            _most_common(row["mode"] for row in rows),
            _most_common(row["context"] for row in rows),
            best["date_value"] if dated else None,
            best["date_granularity"] if dated else None,
            best["date_basis"] if dated else "unknown",
            int(best["date_certain"]) if dated else 0,
            json.dumps(
                [{"value": v, "qualifier": q, "mentions": ids} for (v, q), ids in durations.items()], ensure_ascii=False
            ),
            _most_common(row["location"] for row in rows),
            json.dumps(disagreements, ensure_ascii=False),
            len(rows),
            len({row["document_id"] for row in rows}),
            event_id,
        ),
    )


def _date_rank(row: sqlite3.Row) -> tuple[int, int, int, int]:
    """A fully stated date beats the publication date, which beats a date with unknown parts."""
    value, basis = row["date_value"] or "", row["date_basis"]
    if not value or basis == "unknown":
        return (0, 0, 0, 0)
    if basis == "document":
        return (2, 0, 0, 0)
    if "X" in value:
        # "XXXX-05" still says something; "XXXX-WXX" (some week) does not.
        return (1, 0, 0, 0) if re.search(r"\d", value) else (0, 0, 0, 0)
    return (3, _GRANULARITY_RANK.get(row["date_granularity"] or "", 0), int(row["date_certain"]), 0)


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
