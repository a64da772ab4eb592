"""Actors, events and stated counts through a real build: the store, the API and the CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chronicle
from chronicle.cli import app

ABE = "person:shinzo-abe"
TRUMP = "person:donald-trump"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _cli_json(runner: CliRunner, *args: str) -> list | dict:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seed_consultations_are_stored_between_both_leaders(build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        consults = corpus.events(dyad=("Abe", "Trump"), type="CONSULT")
    assert len(consults) >= 4
    for event in consults:
        ids = {a.actor_id for a in (*event.sources, *event.targets)}
        assert {ABE, TRUMP} <= ids, event
        assert event.evidence and event.trigger in event.evidence
    modes = {e.mode for e in consults}
    assert "phone" in modes
    assert modes - {"phone", None}, "meetings as well as calls"


def test_durations_and_planned_meetings_are_kept(build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        consults = corpus.events(dyad=("Abe", "Trump"), type="CONSULT")
        planned = corpus.events(actor="Abe", status="planned")
    durations = {e.duration for e in consults if e.duration}
    assert "PT75M" in durations or "PT1H" in durations
    assert planned, "the coming meetings are planned, not occurred"
    assert all(e.status == "planned" for e in planned)


def test_north_korea_is_one_actor(build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        found = corpus.actors(country="PRK", kind="state")
    assert [a.id for a in found] == ["state:PRK"]
    aliases = set(found[0].aliases)
    assert {"North Korea", "Pyongyang"} <= aliases
    assert "the North" in aliases or "North" in aliases


def test_trump_is_a_person_everywhere(build_seeds: Path) -> None:
    conn = sqlite3.connect(f"file:{build_seeds}?mode=ro", uri=True)
    try:
        kinds = {row[0] for row in conn.execute("SELECT DISTINCT a.kind FROM actor_mentions m JOIN actors a ON a.id = m.actor_id WHERE m.text = 'Trump'")}
    finally:
        conn.close()
    assert kinds == {"person"}


def test_stated_counts_of_summits_and_calls(build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        counts = corpus.counts()
    by_number = {c.count: c for c in counts}
    assert 14 in by_number and 33 in by_number
    assert by_number[33].mode == "phone"
    assert by_number[14].event_type == "CONSULT" and by_number[14].mode != "phone"
    for number in (14, 33):
        assert {ABE, TRUMP} <= {a.actor_id for a in by_number[number].actors}


def test_events_cli_filters_and_formats(runner: CliRunner, build_seeds: Path) -> None:
    db = str(build_seeds)
    rows = _cli_json(runner, "events", "--db", db, "--dyad", "Abe,Trump", "--format", "json")
    assert rows and all({"sources", "targets", "evidence", "date"} <= set(r) for r in rows)
    phone = _cli_json(runner, "events", "--db", db, "--dyad", "Abe,Trump", "--type", "consult", "--format", "json")
    assert {r["type"] for r in phone} == {"CONSULT"}
    csv_out = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--limit", "3"])
    assert csv_out.exit_code == 0 and csv_out.stdout.startswith("date,type,mode,status,source,target")
    assert len(csv_out.stdout.strip().splitlines()) <= 4
    table = runner.invoke(app, ["events", "--db", db, "--actor", "Trump", "--limit", "5"])
    assert table.exit_code == 0 and "event mentions" in table.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--actor", "Nobody Atall"], "no actor is called"),
        (["--since", "last year"], "is not a date"),
        (["--dyad", "Abe"], "two actors"),
    ],
)
def test_events_cli_bad_filters_are_clear_errors(runner: CliRunner, build_seeds: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["events", "--db", str(build_seeds), *args])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_actors_cli(runner: CliRunner, build_seeds: Path) -> None:
    rows = _cli_json(runner, "actors", "--db", str(build_seeds), "--format", "json")
    ids = [r["id"] for r in rows]
    assert ABE in ids and TRUMP in ids and "state:PRK" in ids
    assert len(ids) == len(set(ids))
    abe = rows[ids.index(ABE)]
    assert abe["country"] == "JPN" and abe["kind"] == "person" and "Abe" in abe["aliases"]
    japan = _cli_json(runner, "actors", "--db", str(build_seeds), "--country", "jpn", "--format", "json")
    assert japan and all(r["country"] == "JPN" for r in japan)


def test_counts_cli(runner: CliRunner, build_seeds: Path) -> None:
    rows = _cli_json(runner, "counts", "--db", str(build_seeds), "--format", "json")
    assert {14, 33} <= {r["count"] for r in rows}


def test_rebuild_adds_no_events_and_an_edit_replaces_them(tmp_path: Path, seed_files: dict[str, Path]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    copy = folder / "seed.txt"
    shutil.copy(seed_files["001"], copy)
    db = tmp_path / "c.db"
    chronicle.build([folder], db=db)

    def events() -> list[tuple]:
        conn = sqlite3.connect(db)
        try:
            return conn.execute("SELECT document_id, type, trigger, start FROM event_mentions ORDER BY 1, 4").fetchall()
        finally:
            conn.close()

    first = events()
    assert first
    chronicle.build([folder], db=db)
    assert events() == first
    copy.write_text(seed_files["000"].read_text(encoding="utf-8"), encoding="utf-8")
    chronicle.build([folder], db=db)
    after = events()
    assert after and {row[0] for row in after}.isdisjoint({row[0] for row in first})
    conn = sqlite3.connect(db)
    try:
        orphans = conn.execute("SELECT COUNT(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM event_mentions)").fetchone()[0]
    finally:
        conn.close()
    assert orphans == 0


def test_two_workers_store_the_same_records(tmp_path: Path, seeds_dir: Path, dump_tables) -> None:  # type: ignore[no-untyped-def]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    chronicle.build([seeds_dir], db=one)
    chronicle.build([seeds_dir], db=two, settings=chronicle.Settings(workers=2))
    tables = ("documents", "actors", "actor_mentions", "event_mentions", "event_actors", "stated_counts")
    skip = frozenset({"id", "event_id", "count_id"})
    assert dump_tables(one, tables, skip) == dump_tables(two, tables, skip)


def test_quotes_are_stored_with_their_speakers(runner: CliRunner, build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        abe = corpus.quotes(speaker="Abe")
        hua = corpus.quotes(speaker="Hua Chunying", direct_only=True)
    dialogue = [q for q in abe if "Dialogue for the sake of dialogue" in q.text]
    assert dialogue and dialogue[0].direct
    assert dialogue[0].date == "2018-02-14", "linked to the phone call of that day"
    assert hua and all(q.speaker_id == hua[0].speaker_id for q in hua)
    rows = _cli_json(runner, "quotes", "--db", str(build_seeds), "--speaker", "Trump", "--format", "json")
    assert any("If China is not going to solve North Korea" in r["text"] for r in rows)
    assert all(r["speaker_id"] == TRUMP for r in rows)
    assert all(r["sources"] for r in rows)
