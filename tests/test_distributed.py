"""The Ray engine gives the very records the local engine gives; records and shards round-trip."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import chronicle
from chronicle.cli import app
from chronicle.distributed import shards
from chronicle.distributed.records import RecordError, from_json, to_json
from chronicle.errors import EngineError
from chronicle.ingest import InputFile, SidecarIndex, read_items
from chronicle.models import Rejection, SourceItem
from chronicle.pipeline import process_item

ray = pytest.importorskip("ray", reason="the Ray engine's tests need chronicle[ray]")

# Every table that holds what a build found (the build log differs by design).
RECORD_TABLES = (
    "documents", "document_lines", "removed_lines", "timexes", "sources", "files", "minhash_bands", "line_seen",
    "happenings", "date_clues", "actors", "actor_mentions", "event_mentions", "event_actors", "stated_counts",
    "quotes", "events", "event_members",
)


def _dump(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dump = {}
        for table in RECORD_TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "mtime_ns"]
            dump[table] = sorted(conn.execute(f"SELECT {', '.join(repr(c) for c in columns)} FROM {table}").fetchall(), key=repr)
        return dump
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, examples_dir: Path) -> Path:
    """The seeds and the sample corpus (text, HTML, JSONL, feeds, WARC) copied into one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(seeds_dir, folder / "seeds")
    shutil.copytree(examples_dir, folder / "examples")
    extra = folder / "extra"
    extra.mkdir()
    seed_text = sorted(seeds_dir.glob("*.txt"))[1].read_text(encoding="utf-8")
    (extra / "menu.txt").write_text("Sign in\nMenu\nSubscribe\n", encoding="utf-8")  # no article: rejected
    lines = [json.dumps({"text": seed_text, "url": "https://wire.test/1"}), "{not json", json.dumps({"title": "no body"})]
    (extra / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sample = sorted((examples_dir / "text").glob("*.txt"))[2].read_text(encoding="utf-8")
    rows = [{"text": sample + "\n\nOfficials said more talks would follow.", "url": "https://archive.test/1", "published": "2019-06-01"}, {"text": "", "url": "https://archive.test/2", "published": None}]
    pq.write_table(pa.Table.from_pylist(rows), extra / "archive.parquet")
    return folder


@pytest.fixture(scope="module")
def ray_here() -> Iterator[None]:
    """Ray started once on this machine for the tests that follow (the engine then leaves it running)."""
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=3, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    if started:
        ray.shutdown()


def test_ray_and_local_engines_store_identical_records(tmp_path: Path, corpus: Path) -> None:
    local, on_ray = tmp_path / "local.db", tmp_path / "ray.db"
    chronicle.build([corpus], db=local, settings=chronicle.Settings(workers=1))
    assert not ray.is_initialized()
    report = chronicle.build([corpus], db=on_ray, settings=chronicle.Settings(engine="ray", workers=2))
    assert not ray.is_initialized(), "Ray started for the build is stopped after it"
    assert report.added >= 20 and report.count(chronicle.ItemStatus.DUPLICATE) >= 1
    assert {o.code for o in report.rejections} == {"no-article", "malformed-jsonl", "jsonl-no-text", "parquet-no-text"}
    mine, theirs = _dump(local), _dump(on_ray)
    for table in RECORD_TABLES:
        assert mine[table] == theirs[table], f"table {table} differs between the engines"
    # Not trivially equal: the corpus gave actors, events and quotes.
    assert all(len(mine[t]) > 5 for t in ("documents", "actors", "event_mentions", "events", "quotes"))
    assert not (tmp_path / "ray.db.shards").exists(), "shards written for loading only are removed"


def test_incremental_builds_on_ray_match_local(tmp_path: Path, corpus: Path, ray_here: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths as a user types them, relative to the working folder: origins must read the same.
    monkeypatch.chdir(tmp_path)
    shutil.copytree(corpus / "seeds", tmp_path / "corpus")
    folder, local, on_ray = Path("corpus"), Path("local.db"), Path("ray.db")
    ray_settings = chronicle.Settings(engine="ray", workers=2)
    chronicle.build([folder], db=local)
    chronicle.build([folder], db=on_ray, settings=ray_settings)
    again = chronicle.build([folder], db=on_ray, settings=ray_settings)
    assert again.added == 0 and again.count(chronicle.ItemStatus.UNCHANGED) == again.items
    # A new article and a changed one.
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nThe two leaders spoke again by telephone on Friday.\n", encoding="utf-8")
    (folder / "extra.txt").write_text((corpus / "examples" / "text" / sorted(p.name for p in (corpus / "examples" / "text").glob("*.txt"))[0]).read_text(encoding="utf-8"), encoding="utf-8")
    mine = chronicle.build([folder], db=local)
    theirs = chronicle.build([folder], db=on_ray, settings=ray_settings)
    assert theirs.added == mine.added == 2
    assert theirs.count(chronicle.ItemStatus.UNCHANGED) == mine.count(chronicle.ItemStatus.UNCHANGED) == 4
    assert _dump(local) == _dump(on_ray)
    with chronicle.open(on_ray) as store:
        assert all(d.origin.startswith("corpus/") for d in store.documents())


def test_kept_shards_hold_every_record(tmp_path: Path, seeds_dir: Path, ray_here: None) -> None:
    db, kept = tmp_path / "store.db", tmp_path / "shards"
    report = chronicle.build([seeds_dir], db=db, settings=chronicle.Settings(engine="ray", workers=1, shards=str(kept)))
    table = pq.read_table(kept)
    assert table.num_rows == report.items
    assert set(table.column("kind").to_pylist()) == {"document"}
    with chronicle.open(db) as store:
        stored = {d.id: d for d in store.documents()}
    assert set(table.column("document_id").to_pylist()) == set(stored)
    for row in table.to_pylist():
        record = from_json(row["record"])
        assert record.id == row["document_id"] and record.title == stored[record.id].title
        assert row["events"] == len(record.events) and row["words"] == record.word_count


def test_records_round_trip_through_json(seed_files: dict[str, Path]) -> None:
    settings = chronicle.Settings()
    for path in seed_files.values():
        (item,) = read_items(InputFile(str(path), "text"), settings, SidecarIndex())
        assert isinstance(item, SourceItem)
        doc = process_item(item, settings)
        assert from_json(to_json(doc)) == doc
    assert doc.events and doc.actor_mentions and doc.timexes
    rejection = Rejection("x.txt", "abc", "no-article", "only 3 words")
    assert from_json(to_json(rejection)) == rejection
    with pytest.raises(RecordError):
        from_json('{"record": "Document", "id": 3}')


def test_shards_are_read_in_input_order_however_they_overlap(tmp_path: Path) -> None:
    def shard(name: str, keys: list[tuple[int, int]]) -> None:
        rows = [{**{n: None for n in shards.SCHEMA.names}, "file_index": f, "item_index": i, "kind": "unchanged"} for f, i in keys]
        pq.write_table(pa.Table.from_pylist(rows, schema=shards.SCHEMA), tmp_path / name)

    shard("c.parquet", [(4, 0), (4, 1), (5, 0)])
    shard("a.parquet", [(0, 0), (2, 0), (2, 1)])
    shard("b.parquet", [(1, 0), (3, 0), (1, 1)])  # overlaps a and is out of order itself
    shard("empty.parquet", [])
    keys = [(r["file_index"], r["item_index"]) for r in shards.read_in_order(tmp_path)]
    assert keys == [(0, 0), (1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (4, 0), (4, 1), (5, 0)]
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(EngineError, match="bad.parquet"):
        list(shards.read_in_order(tmp_path))


def test_ray_engine_without_ray_says_how_to_install_it(tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(EngineError, match=r"pip install 'chronicle\[ray\]'"):
        chronicle.build([seeds_dir], db=tmp_path / "store.db", settings=chronicle.Settings(engine="ray"))


def test_cli_refuses_ray_options_without_the_ray_engine(tmp_path: Path, seeds_dir: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--address", "auto"])
    assert result.exit_code == 2
    assert "--engine ray" in result.output
    result = CliRunner().invoke(app, ["build", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--engine", "spark"])
    assert result.exit_code == 2 and "engine must be one of local, ray" in result.output


def test_a_ray_build_on_the_command_line_shows_its_own_report_not_rays_log(tmp_path: Path, seeds_dir: Path) -> None:
    # A real user's run, in its own process: Ray's lines about starting, finished datasets and
    # disabled progress bars would bury the build's report.
    done = subprocess.run(
        [str(Path(sys.executable).with_name("chronicle")), "build", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--engine", "ray", "--workers", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "added" in done.stdout
    for chatter in ("INFO", "WARNING", "Progress bars", "Token authentication", "deprecated"):
        assert chatter not in done.stderr, done.stderr
