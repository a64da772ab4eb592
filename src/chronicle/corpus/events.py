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

Where ``corpus.coref.cluster_mentions`` has only trigger words and sentence context to go on (as in
ECB+), Chronicle's own mentions carry resolved PLOVER types, actor ids and dates: the stage decides
on those, and uses words only to tell whether two articles tell one story.

The stage is incremental: it places only the mentions not yet in an event, comparing each with the
events of its own article, of its nearest article, and of its actors (same type and status) with a
member dated within ``SUPPORT_DAYS`` of it (no other event can have dates supporting the pair).
Stored events are found through the block index, table ``event_blocks``: one row per actor, type,
status and week of an event's dates, so a run reads the events its new mentions may join and not
the corpus; the cost of a run grows with its new mentions, not with the store. A document that is retired takes its mentions out of their events; an event that lost
members is dissolved and its remaining mentions are placed again, so no event keeps a link that
only the retired document made.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice

from chronicle.corpus.event_documents import DocumentSimilarity
from chronicle.corpus.event_summary import summarise_event
from chronicle.corpus.event_dates import (
    MentionDate,
    date_agreement,
    date_weeks,
    mention_date,
    parse_day,
    supporting_weeks,
)

__all__ = ["DedupReport", "deduplicate_events"]


# TF-IDF cosine of two articles at which they are taken to tell the same story: lower when the
# dates give some support, higher when they say nothing (and then each article must also be the
# other's nearest in the corpus).
SIMILAR_WITH_SUPPORT = 0.2
SIMILAR_WITHOUT_SUPPORT = 0.3
# Document frequencies from fewer articles than this cannot tell a story's own words from its
# topic's: similarity alone then never merges.
SIMILARITY_MIN_DOCUMENTS = 10
SIMILARITY_SAMPLE = 8
# Across documents, events dated this far from a mention are not compared with it at all (what
# could support the pair is a stated day or publication dates within a week of each other).
NEAR_DAYS = 62


@dataclass(frozen=True)
class DedupReport:
    """What one run of the stage did: mentions placed, events created and events re-formed."""

    placed: int
    created: int
    dissolved: int


@dataclass(frozen=True, slots=True)
class _Mention:
    id: int
    doc: str
    doc_seq: int
    seq: int
    type: str
    mode: str | None
    status: str
    actors: frozenset[str]
    when: MentionDate
    published: dt.date | None  # the document's date, when it has one


@dataclass(slots=True)
class _Event:
    id: int
    type: str
    status: str
    size: int = 0  # member mentions
    lo: dt.date | None = None  # earliest and latest date its members state or are published on
    hi: dt.date | None = None
    actors: set[str] = field(default_factory=set)
    documents: dict[str, None] = field(default_factory=dict)  # in the order they joined
    modes: set[str] = field(default_factory=set)
    # Each distinct date its members have, with the documents saying it: a mention's dates are
    # compared once per distinct date, not once per member, so a much-reported event stays cheap.
    whens: dict[MentionDate, set[str]] = field(default_factory=dict)

    def add(self, mention: _Mention) -> None:
        self.size += 1
        self.actors |= mention.actors
        self.documents[mention.doc] = None
        if mention.mode:
            self.modes.add(mention.mode)
        self.whens.setdefault(mention.when, set()).add(mention.doc)
        if mention.when.lo is not None:
            self.lo = min(self.lo, mention.when.lo) if self.lo else mention.when.lo
        if mention.when.hi is not None:
            self.hi = max(self.hi, mention.when.hi) if self.hi else mention.when.hi

    def near(self, mention: _Mention) -> bool:
        """False when the event's dates lie far from the mention's: a cheap test before the full one."""
        if mention.when.lo is None or mention.when.hi is None or self.lo is None or self.hi is None:
            return True
        margin = dt.timedelta(days=NEAR_DAYS)
        return self.lo - margin <= mention.when.hi and mention.when.lo <= self.hi + margin


class _Block:
    """The dated events of one type, status and actor, indexed by the weeks their members' dates cover.

    Only dates can support a match across articles without the articles being each other's
    nearest, so an undated event is found through its articles instead (see ``_candidates``).
    """

    def __init__(self) -> None:
        self.weeks: dict[int, set[int]] = defaultdict(set)

    def add(self, event_id: int, weeks: Iterable[int]) -> None:
        for week in weeks:
            self.weeks[week].add(event_id)

    def near(self, weeks: range) -> set[int]:
        """The events whose dates touch one of ``weeks``."""
        found: set[int] = set()
        for week in weeks:
            if week in self.weeks:
                found |= self.weeks[week]
        return found


def _event_weeks(event: _Event) -> set[int]:
    """The weeks its members' dates cover: only there can a mention's dates support it."""
    return {week for when in event.whens for week in date_weeks(when)}


def _agreements(mention: _Mention, event: _Event) -> tuple[int, int]:
    """The lowest and highest ``date_agreement`` of the mention with the event's members."""
    low, high = 2, -1
    for when, documents in event.whens.items():
        own = mention.doc in documents
        for same_document in ((True,) if own else ()) + ((False,) if len(documents) > own else ()):
            agreement = date_agreement(mention.when, when, mention.status, same_document=same_document)
            low, high = min(low, agreement), max(high, agreement)
    return low, high


def _modes_agree(mention: _Mention, event: _Event, strict: bool) -> bool:
    """Every stated mode of the event fits the mention's ("meeting" fits "visit"); ``strict``: the
    event must state a mode too, and one only when the mention states none."""
    modes = event.modes
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


class _Placer:
    """Places mentions into events, keeping the events and blocks it has read in memory for one run.

    Stored events are read from the store's block index (table ``event_blocks``) only for the
    actors, type, status and weeks a mention needs, so a run reads what its new mentions touch.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.events: dict[int, _Event] = {}
        self.blocks: dict[tuple[str, str, str], _Block] = {}
        self.fetched: dict[tuple[str, str, str], set[int]] = defaultdict(set)  # weeks read from the store
        self.by_document: dict[tuple[str, str, str], set[int]] = {}
        self.similarity = DocumentSimilarity(conn)
        self.stored = conn.execute("SELECT 1 FROM event_blocks LIMIT 1").fetchone() is not None
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
        joining = mention.actors - chosen.actors
        chosen.add(mention)
        # An actor new to the event is indexed at all its dates; the others at the new one.
        weeks = date_weeks(mention.when)
        for actor in chosen.actors:
            self._block(mention.type, mention.status, actor).add(chosen.id, _event_weeks(chosen) if actor in joining else weeks)
        self.touched.add(chosen.id)

    def _candidates(self, mention: _Mention) -> list[_Event]:
        """The events the mention may join: those of its own article, those of its nearest article
        (the only way across articles without dates), and those of its actors dated near it."""
        ids = set(self._in_document(mention))
        if mention.status == "occurred" and self.similarity.total >= SIMILARITY_MIN_DOCUMENTS:
            nearest = self.similarity.nearest(mention.doc)
            if nearest is not None:
                ids |= self._in_document(mention, nearest)
        if mention.when.lo is not None and mention.when.hi is not None:
            weeks = supporting_weeks(mention.when)
            counts: Counter[int] = Counter()
            for actor in mention.actors:
                self._fetch(mention.type, mention.status, actor, weeks)
                counts.update(self._block(mention.type, mention.status, actor).near(weeks))
            # Across articles an event must share two actors with a mention naming two or more,
            # or name exactly the one actor of a mention naming one (see ``_actors_agree``).
            needed = 2 if len(mention.actors) >= 2 else 1
            ids |= {event_id for event_id, n in counts.items() if n >= needed}
        self._load(ids)
        return [self.events[i] for i in sorted(ids)]

    def _block(self, type_: str, status: str, actor: str) -> _Block:
        key = (type_, status, actor)
        if key not in self.blocks:
            self.blocks[key] = _Block()
        return self.blocks[key]

    def _fetch(self, type_: str, status: str, actor: str, weeks: range) -> None:
        """Read into the block the stored events of the actor, type and status dated in ``weeks``."""
        if not self.stored:
            return
        done = self.fetched[(type_, status, actor)]
        missing = [week for week in weeks if week not in done]
        if not missing:
            return
        rows = self.conn.execute(
            "SELECT DISTINCT event_id FROM event_blocks WHERE actor_id = ? AND type = ? AND status = ? AND week BETWEEN ? AND ?",
            (actor, type_, status, missing[0], missing[-1]),
        )
        ids = [row[0] for row in rows]
        done.update(range(missing[0], missing[-1] + 1))
        self._load(ids)
        block = self._block(type_, status, actor)
        for event_id in ids:
            block.add(event_id, _event_weeks(self.events[event_id]))

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
                event.add(mention)

    def _in_document(self, mention: _Mention, doc: str | None = None) -> set[int]:
        """The events of the mention's type and status that hold a mention of its document (or of ``doc``)."""
        key = (doc or mention.doc, mention.type, mention.status)
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
            if not same_document and not event.near(mention):
                continue
            if not _modes_agree(mention, event, strict=False) or not _actors_agree(mention, event, same_document):
                continue
            low, support = _agreements(mention, event)
            if low < 0:
                continue
            similar = 0.0
            if not same_document and support == 1:
                # The first articles of a much-reported event stand for it.
                similar = max(self.similarity(mention.doc, d) for d in islice(event.documents, SIMILARITY_SAMPLE))
                if similar < SIMILAR_WITH_SUPPORT:
                    continue
            elif not same_document and support == 0:
                if mention.status != "occurred" or self.similarity.total < SIMILARITY_MIN_DOCUMENTS:
                    continue
                # Only the article's nearest, if it is in the event and the nearness is mutual.
                nearest = self.similarity.nearest(mention.doc)
                if nearest is None or nearest not in event.documents or not self.similarity.mutual(mention.doc, nearest):
                    continue
                similar = self.similarity(mention.doc, nearest)
                if similar < SIMILAR_WITHOUT_SUPPORT:
                    continue
            shared = len(mention.actors & event.actors) / len(mention.actors | event.actors)
            score = (float(same_document), float(support), shared, similar, -_distance(mention, event), float(event.size))
            if best is None or score > best[0]:
                best = (score, event)
        return best[1] if best else None

    def _only_in_document(self, mention: _Mention) -> _Event | None:
        ids = self._in_document(mention)
        self._load(ids)
        fitting = [
            self.events[i] for i in sorted(ids)
            if _modes_agree(mention, self.events[i], strict=True) and _agreements(mention, self.events[i])[0] >= 0
        ]
        return fitting[0] if len(fitting) == 1 else None

    def index(self, ids: Iterable[int]) -> None:
        """Write the block rows of the events ``ids`` (reading them first if need be)."""
        ids = sorted(ids)
        self._load(ids)
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            self.conn.execute(f"DELETE FROM event_blocks WHERE event_id IN ({', '.join('?' * len(part))})", part)
            self.conn.executemany(
                "INSERT OR IGNORE INTO event_blocks(actor_id, type, status, week, event_id) VALUES (?, ?, ?, ?, ?)",
                (row for event_id in part for row in _block_rows(self.events[event_id])),
            )


def _block_rows(event: _Event) -> Iterable[tuple[str, str, str, int, int]]:
    weeks = sorted(_event_weeks(event)) or [-1]
    for actor in sorted(event.actors) or [""]:
        for week in weeks:
            yield (actor, event.type, event.status, week, event.id)


def _distance(mention: _Mention, event: _Event) -> float:
    """Days between the mention's document date and the nearest stated day of the event.

    Breaks ties: "the second call this month" in an article of February 14 is that day's call
    rather than the one of February 2.
    """
    days = [when.lo for when in event.whens if when.kind == "day" and when.lo]
    if not days or mention.published is None:
        return 0.0
    return float(min(abs((mention.published - d).days) for d in days))


_MENTION_COLUMNS = (
    "e.id, e.document_id, d.seq AS doc_seq, e.seq, e.type, e.mode, e.status, e.date_value, "
    "e.date_granularity, e.date_basis, d.published, d.published_end"
)
_MENTION_JOINS = "JOIN event_mentions e ON e.id = em.mention_id JOIN documents d ON d.id = e.document_id"


def _mentions(conn: sqlite3.Connection, rows: Iterable[sqlite3.Row]) -> list[_Mention]:
    """The mentions of ``rows`` (``_MENTION_COLUMNS``) with their actors, read 500 at a time."""
    # Dates, actor sets and names recur across mentions: one object each keeps a large run small.
    shared: dict[object, object] = {}

    def one(value: object) -> object:
        return shared.setdefault(value, value)

    result: list[_Mention] = []
    rows = iter(rows)
    while part := list(islice(rows, 500)):
        actors: dict[int, set[str]] = defaultdict(set)
        ids = [row["id"] for row in part]
        for event_id, actor_id in conn.execute(
            f"SELECT event_id, actor_id FROM event_actors WHERE event_id IN ({', '.join('?' * len(ids))})", ids
        ):
            actors[event_id].add(actor_id)
        for row in part:
            date = ("date", row["date_value"], row["date_granularity"], row["date_basis"], row["published_end"])
            if date not in shared:
                shared[date] = mention_date(*date[1:])
            published = ("published", row["published"])
            if published not in shared:
                shared[published] = parse_day(row["published"])
            result.append(
                _Mention(
                    id=row["id"], doc=one(row["document_id"]), doc_seq=row["doc_seq"], seq=row["seq"],  # type: ignore[arg-type]
                    type=one(row["type"]), mode=one(row["mode"]), status=one(row["status"]),  # type: ignore[arg-type]
                    actors=one(frozenset(actors[row["id"]])),  # type: ignore[arg-type]
                    when=shared[date], published=shared[published],  # type: ignore[arg-type]
                )
            )
    return result


_KIND_ORDER = {"day": 0, "span": 1, "partial": 2, "published": 3, "window": 4, "none": 5}


def deduplicate_events(conn: sqlite3.Connection) -> DedupReport:
    """Place every event mention of an original document not yet in an event; return what was done.

    Reads only the new mentions and the stored events they may join (through the block index),
    so a run costs about as much as its new mentions, whatever the size of the store. Runs
    inside the caller's transaction. Re-running with nothing new changes nothing.
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
        conn.execute(f"DELETE FROM event_blocks WHERE event_id IN ({marks})", part)
        conn.execute(f"DELETE FROM events WHERE id IN ({marks})", part)
    placer = _Placer(conn)
    # Events stored before the block index existed are indexed once.
    placer.index(
        row[0]
        for row in conn.execute(
            "SELECT id FROM events ev WHERE NOT EXISTS (SELECT 1 FROM event_blocks b WHERE b.event_id = ev.id)"
        ).fetchall()
    )
    placer.stored = conn.execute("SELECT 1 FROM event_blocks LIMIT 1").fetchone() is not None
    pending = _mentions(
        conn,
        conn.execute(
            f"SELECT {_MENTION_COLUMNS} FROM event_mentions e JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN event_members em ON em.mention_id = e.id WHERE d.status = 'ok' AND em.mention_id IS NULL"
        ),
    )
    # The best-dated mentions found the events; weaker ones then join them; mentions naming no
    # actor come last, when their document's events are known.
    pending.sort(key=lambda m: (not m.actors, _KIND_ORDER[m.when.kind], m.doc_seq, m.seq))
    for mention in pending:
        placer.place(mention)
    for event_id in sorted(placer.touched):
        summarise_event(conn, event_id)
    placer.index(placer.touched)
    return DedupReport(placed=len(pending), created=placer.created, dissolved=len(damaged))
