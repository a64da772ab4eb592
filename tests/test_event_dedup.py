"""Event deduplication on real stores: the seeds' calls and meetings once each, re-builds that change
nothing, a new article joining the event it reports, a near-duplicate copy counted once, and an
edited article whose mentions leave their event."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

import chronicle
from chronicle.corpus.event_dates import date_agreement, mention_date

ABE, TRUMP = "person:shinzo-abe", "person:donald-trump"

NEW_ARTICLE = """Abe and Trump discuss North Korea in 75-minute phone call
By Staff Reporter
December 23, 2019 09:15

TOKYO — Japanese Prime Minister Shinzo Abe and U.S. President Donald Trump held a 75-minute telephone call on Dec. 21, 2019, a government spokesman said on Monday, as both leaders weighed how to respond to North Korea's warning of a "Christmas gift".

The spokesman said the two leaders spent most of the call on North Korea and agreed to stay in close contact over the holidays.

Abe told reporters in Tokyo that he had briefed Trump on his plans for a trilateral meeting with the leaders of China and South Korea in Chengdu later in the week.
"""

EDITED_ARTICLE = """Abe and Trump discuss trade in phone call
By Staff Reporter
December 9, 2019 09:15

TOKYO — Japanese Prime Minister Shinzo Abe and U.S. President Donald Trump held a telephone call on Dec. 6, 2019, a government spokesman said on Monday, focusing on the trade agreement the two countries signed in October.

The spokesman said the two leaders also discussed the situation in Hong Kong and agreed to stay in close contact.

Abe told reporters in Tokyo that the agreement would take effect on January 1 and that farmers would be supported.
"""


def _events(db: Path) -> list[dict[str, object]]:
    """Every event with its type, status, date, durations and member mentions' documents and actors."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        result = []
        for event in conn.execute("SELECT * FROM events ORDER BY id"):
            members = conn.execute(
                "SELECT e.id, d.origin, d.status, (SELECT group_concat(actor_id) FROM event_actors a WHERE a.event_id = e.id) AS actors "
                "FROM event_members m JOIN event_mentions e ON e.id = m.mention_id JOIN documents d ON d.id = e.document_id "
                "WHERE m.event_id = ? ORDER BY e.id",
                (event["id"],),
            ).fetchall()
            actors = set()
            for m in members:
                actors |= set((m["actors"] or "").split(",")) - {""}
            result.append(
                dict(event)
                | {
                    "mentions": [m["id"] for m in members],
                    "origins": sorted({Path(m["origin"]).name for m in members}),
                    "statuses": {m["status"] for m in members},
                    "actors": actors,
                }
            )
        return result
    finally:
        conn.close()


def _abe_trump(events: list[dict[str, object]], mode: str, status: str = "occurred") -> list[dict[str, object]]:
    return [
        e for e in events
        if e["type"] == "CONSULT" and e["mode"] == mode and e["status"] == status and {ABE, TRUMP} <= e["actors"]  # type: ignore[operator]
    ]


@pytest.fixture(scope="module")
def seed_events(build_seeds: Path) -> list[dict[str, object]]:
    return _events(build_seeds)


def test_the_seeds_phone_calls_are_one_event_each(seed_events: list[dict[str, object]]) -> None:
    calls = _abe_trump(seed_events, "phone")
    dated = sorted(str(e["date_value"]) for e in calls if e["date_value"])
    # Feb 2 and Feb 14, 2018 (twelve days apart: two calls), Dec 21, 2019; each once.
    assert dated == ["2018-02-02", "2018-02-14", "2019-12-21"]
    by_day = {e["date_value"]: e for e in calls}
    december = by_day["2019-12-21"]
    # "a 75-minute phone call ... last month", "the phone conference on Dec. 21", "Trump called Abe",
    # "after the telephone call": one call, told four times by one article.
    assert december["origins"] == ["000_5192a8e1cde6226f.txt"] and len(december["mentions"]) >= 3
    assert '"PT75M"' in str(december["durations"])
    february = by_day["2018-02-14"]
    assert '"PT1H"' in str(february["durations"]) and "MORE_THAN" in str(february["durations"])
    assert len(february["mentions"]) >= 3 and len(by_day["2018-02-02"]["mentions"]) == 1
    # The undated Nikkei article's 35-minute call is one event, not merged into a dated call.
    undated = [e for e in calls if not e["date_value"]]
    assert len(undated) == 1 and '"PT35M"' in str(undated[0]["durations"])
    assert undated[0]["origins"] == ["002_a5ee3e9932943c80.txt"]


def test_a_meeting_that_took_place_is_apart_from_the_one_planned(seed_events: list[dict[str, object]]) -> None:
    held = [e for e in _abe_trump(seed_events, "meeting") if "003_46de02463e92e281.txt" in e["origins"]]  # type: ignore[operator]
    planned = [e for e in _abe_trump(seed_events, "meeting", "planned") if "003_46de02463e92e281.txt" in e["origins"]]  # type: ignore[operator]
    # The New York dinner ("lasted over two and a half hours") is one event of several mentions;
    # the summit "as scheduled on Wednesday" is another.
    assert len(held) == 1 and len(held[0]["mentions"]) >= 3  # type: ignore[arg-type]
    assert "PT2H30M" in str(held[0]["durations"])
    assert len(planned) == 1
    assert not set(held[0]["mentions"]) & set(planned[0]["mentions"])  # type: ignore[arg-type]


def test_every_mention_of_an_original_is_in_exactly_one_event(build_seeds: Path) -> None:
    conn = sqlite3.connect(f"file:{build_seeds}?mode=ro", uri=True)
    try:
        unplaced = conn.execute(
            "SELECT COUNT(*) FROM event_mentions e JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN event_members m ON m.mention_id = e.id WHERE d.status = 'ok' AND m.mention_id IS NULL"
        ).fetchone()[0]
        stale = conn.execute(
            "SELECT COUNT(*) FROM events ev WHERE members != (SELECT COUNT(*) FROM event_members m WHERE m.event_id = ev.id) OR members = 0"
        ).fetchone()[0]
        total = conn.execute("SELECT COUNT(*) FROM event_mentions").fetchone()[0]
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()
    assert unplaced == 0 and stale == 0
    assert 0 < events < total  # some mentions were merged


@pytest.mark.parametrize(
    ("left", "right", "same_document", "expected"),
    [
        (("2018-02-02", "day", "timex"), ("2018-02-14", "day", "timex"), True, -1),  # twelve days apart
        (("2019-12", "month", "timex"), ("2019-12-21", "day", "timex"), True, 1),  # the month holds the day
        (("2019-12-21", "day", "timex"), ("2019-12-21", "day", "timex"), False, 2),
        (("2019-12-21", "day", "timex"), ("2019-12-22", "day", "timex"), False, 1),  # a day apart across outlets
        (("2019-12-21", "day", "timex"), ("2019-12-23", "day", "document"), False, 1),  # reported two days later
        (("2019-12-21", "day", "timex"), ("2020-01-14", "day", "document"), False, 0),  # a month later: fits, no more
        (("2019-12-21", "day", "timex"), ("2019-12-20", "day", "document"), False, -1),  # reported before it happened
        (("XXXX-WXX-4", "week", "timex"), ("2017-04-06", "day", "timex"), False, 0),  # a Thursday
        (("XXXX-WXX-4", "week", "timex"), ("2017-04-07", "day", "timex"), False, -1),  # not a Thursday
        (("XXXX-05", "month", "timex"), ("2018-06-12", "day", "timex"), False, -1),
    ],
)
def test_date_agreement(left: tuple[str, str, str], right: tuple[str, str, str], same_document: bool, expected: int) -> None:
    a, b = mention_date(*left), mention_date(*right)
    assert date_agreement(a, b, "occurred", same_document=same_document) == expected
    assert date_agreement(b, a, "occurred", same_document=same_document) == expected


def test_dates_bound_by_publication_and_windows() -> None:
    stated = mention_date("2019-12-21", "day", "timex")
    # A planned event cannot be earlier than the article announcing it.
    assert date_agreement(stated, mention_date("2019-12-23", "day", "document"), "planned", same_document=False) == -1
    assert date_agreement(stated, mention_date("2019-12-19", "day", "document"), "planned", same_document=False) == 1
    # An undated article known to precede April 7, 2017 cannot report a call of 2019.
    window = mention_date(None, None, "unknown", "2017-04-07")
    assert date_agreement(window, stated, "occurred", same_document=False) == -1
    assert date_agreement(window, mention_date("2017-04-06", "day", "timex"), "occurred", same_document=False) == 0
    assert mention_date(None, None, "unknown").kind == "none"


@pytest.fixture(scope="module")
def grown(build_seeds: Path, seed_files: dict[str, Path], seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The seeds store copied, re-built as it is, grown by a new article and a near-duplicate copy
    of seed 000, then re-built with the new article edited into another story."""
    root = tmp_path_factory.mktemp("grown")
    db = root / "store.db"
    shutil.copy(build_seeds, db)
    before = _events(db)
    chronicle.build([seeds_dir], db=db)
    rebuilt = _events(db)
    extra = root / "extra"
    extra.mkdir()
    article = extra / "call-report.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    copy = seed_files["000"].read_text(encoding="utf-8").replace("so far", "so far this term")
    (extra / "copy-of-000.txt").write_text(copy, encoding="utf-8")
    report = chronicle.build([seeds_dir, extra], db=db)
    added = _events(db)
    article.write_text(EDITED_ARTICLE, encoding="utf-8")
    chronicle.build([seeds_dir, extra], db=db)
    edited = _events(db)
    return {"before": before, "rebuilt": rebuilt, "added": added, "edited": edited, "report": report, "db": db}


def test_rebuilding_changes_no_event(grown: dict[str, object]) -> None:
    assert grown["rebuilt"] == grown["before"]


def test_a_new_article_joins_the_event_it_reports(grown: dict[str, object]) -> None:
    before = {e["id"]: e for e in grown["before"]}  # type: ignore[union-attr]
    december = [e for e in _abe_trump(grown["added"], "phone") if e["date_value"] == "2019-12-21"]  # type: ignore[arg-type]
    assert len(december) == 1
    event = december[0]
    assert event["origins"] == ["000_5192a8e1cde6226f.txt", "call-report.txt"]
    assert event["id"] in before  # the existing event took the new mentions: no re-clustering
    assert '"PT75M"' in str(event["durations"]) and event["documents"] == 2
    # The events of the seeds the new article does not touch are as they were.
    untouched = [e for e in grown["added"] if e["id"] in before and e["id"] != event["id"]]  # type: ignore[union-attr]
    assert {e["id"]: e["mentions"] for e in untouched} == {
        i: e["mentions"] for i, e in before.items() if i in {u["id"] for u in untouched}
    }


def test_a_near_duplicate_copy_is_never_counted_twice(grown: dict[str, object]) -> None:
    from chronicle.models import ItemStatus

    report = grown["report"]
    assert report.count(ItemStatus.NEAR_DUPLICATE) == 1  # type: ignore[union-attr]
    events = grown["added"]
    assert all(e["statuses"] == {"ok"} for e in events)  # type: ignore[union-attr]
    assert not any("copy-of-000.txt" in e["origins"] for e in events)  # type: ignore[union-attr]


def test_an_edited_article_leaves_its_event(grown: dict[str, object]) -> None:
    edited = grown["edited"]
    december = [e for e in _abe_trump(edited, "phone") if e["date_value"] == "2019-12-21"]  # type: ignore[arg-type]
    assert len(december) == 1 and december[0]["origins"] == ["000_5192a8e1cde6226f.txt"]
    assert december[0]["documents"] == 1
    # The edited article reports another call, on another day: an event of its own.
    sixth = [e for e in _abe_trump(edited, "phone") if e["date_value"] == "2019-12-06"]  # type: ignore[arg-type]
    assert len(sixth) == 1 and sixth[0]["origins"] == ["call-report.txt"]
    assert all(e["mentions"] and e["members"] == len(e["mentions"]) for e in edited)  # type: ignore[union-attr]


# -- the stage on stores written directly: blocking and the block index --------------------------


def _add_article(conn: sqlite3.Connection, name: str, published: str, mentions: list[tuple[str, str | None, list[str]]]) -> None:
    """Store an article published on ``published`` with CONSULT mentions (stated day, actors)."""
    seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
    conn.execute(
        "INSERT INTO documents(id, seq, origin, raw_hash, title_evidence, authors, authors_evidence, published, "
        "published_basis, published_evidence, base_basis, base_evidence, language, language_score, encoding, text, "
        "word_count, status, minhash) VALUES (?, ?, ?, '', '', '[]', '', ?, 'stated', '', 'stated', '', 'en', 1.0, "
        "'utf-8', '', 0, 'ok', x'')",
        (name, seq, f"{name}.txt", published),
    )
    for n, (status, day, actors) in enumerate(mentions):
        cur = conn.execute(
            "INSERT INTO event_mentions(document_id, seq, type, status, trigger_start, trigger_end, trigger, start, "
            "\"end\", date_value, date_granularity, date_basis, date_certain, confidence) "
            "VALUES (?, ?, 'CONSULT', ?, 0, 4, 'call', 0, 4, ?, ?, ?, 1, 1.0)",
            (name, n, status, day or published, "day", "timex" if day else "document"),
        )
        for k, actor in enumerate(actors):
            conn.execute("INSERT OR IGNORE INTO actors(id, name, kind) VALUES (?, ?, 'state')", (actor, actor))
            conn.execute(
                "INSERT INTO event_actors(event_id, role, seq, actor_id, start, \"end\", text) VALUES (?, ?, ?, ?, 0, 1, 'x')",
                (cur.lastrowid, "source" if k == 0 else "target", k, actor),
            )


def _run(conn: sqlite3.Connection) -> object:
    from chronicle.corpus.events import deduplicate_events

    conn.execute("BEGIN")
    report = deduplicate_events(conn)
    conn.execute("COMMIT")
    return report


def _membership(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT e.document_id, m.event_id FROM event_members m JOIN event_mentions e ON e.id = m.mention_id"))


@pytest.fixture()
def busy_store(tmp_path: Path) -> sqlite3.Connection:
    """Japan and the United States consulting every fortnight for eight years, one article each."""
    from chronicle.store import connect

    conn = connect(tmp_path / "busy.db")
    conn.execute("BEGIN")
    day = dt.date(2012, 1, 3)
    for n in range(200):
        _add_article(conn, f"call{n:03d}", (day + dt.timedelta(days=1)).isoformat(), [("occurred", day.isoformat(), ["JPN", "USA"])])
        day += dt.timedelta(days=14)
    conn.execute("COMMIT")
    yield conn
    conn.close()


def test_calls_a_fortnight_apart_stay_apart_and_a_second_report_joins(busy_store: sqlite3.Connection) -> None:
    report = _run(busy_store)
    assert report.placed == 200 and report.created == 200  # type: ignore[attr-defined]
    events = _membership(busy_store)
    # A second outlet reports the 81st call a day later; a third names only one side of it.
    day = busy_store.execute("SELECT date_value FROM event_mentions WHERE document_id = 'call080'").fetchone()[0]
    published = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    _add_article(busy_store, "second", published, [("occurred", day, ["USA", "JPN"])])
    _add_article(busy_store, "one-sided", published, [("occurred", day, ["JPN"])])
    report = _run(busy_store)
    after = _membership(busy_store)
    target = "call080"
    assert after["second"] == events[target]  # joined the stored event: nothing re-clustered
    assert after["one-sided"] not in events.values()  # one actor of two is not the same call
    assert {doc: after[doc] for doc in events} == events
    assert report.created == 1  # type: ignore[attr-defined]


def test_a_new_report_reads_only_the_stored_events_near_its_date(
    busy_store: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronicle.corpus import events as stage

    _run(busy_store)
    _add_article(busy_store, "late", "2016-06-01", [("occurred", "2016-05-31", ["JPN", "USA"])])
    loaded: list[int] = []
    load = stage._Placer._load

    def counting(self: object, ids: object) -> None:
        ids = list(ids)  # type: ignore[call-overload]
        loaded.extend(i for i in ids if i not in self.events)  # type: ignore[attr-defined]
        load(self, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(stage._Placer, "_load", counting)
    _run(busy_store)
    # 200 stored events share the report's actors, type and status; only those dated within a
    # week or so of it can support a match, and only they are read.
    assert 0 < len(set(loaded)) <= 3


def test_a_store_without_block_index_is_indexed_once(busy_store: sqlite3.Connection) -> None:
    _run(busy_store)
    rows = busy_store.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM event_blocks").fetchone()
    assert tuple(rows) == (400, 200)  # two actors, one week each
    # As a store written before the index existed: the next run indexes every event again.
    busy_store.execute("DELETE FROM event_blocks")
    events = _membership(busy_store)
    _add_article(busy_store, "again", "2012-01-04", [("occurred", "2012-01-03", ["JPN", "USA"])])
    _run(busy_store)
    after = _membership(busy_store)
    assert after.pop("again") == events["call000"] and after == events
    assert tuple(busy_store.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM event_blocks").fetchone()) == (400, 200)
