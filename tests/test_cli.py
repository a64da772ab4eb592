"""The ``chronicle`` command line, driven through typer's CliRunner (the real app, real files)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chronicle
from chronicle.cli import app

COMMANDS = ("build", "documents", "inspect", "search", "rejections")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def flat(text: str) -> str:
    """Output without line breaks and table padding (Rich wraps long cells)."""
    return " ".join(text.split())


def test_build_prints_the_summary(runner: CliRunner, tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["build", str(seeds_dir), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Build of" in result.stdout
    assert re.search(r"added\W+5\b", result.stdout)
    assert re.search(r"rejected\W+0\b", result.stdout)
    with chronicle.open(db) as corpus:
        assert corpus.stats().documents == 5

    again = runner.invoke(app, ["build", str(seeds_dir), "--db", str(db), "--quiet"])
    assert again.exit_code == 0
    assert re.search(r"unchanged\W+5\b", again.stdout)
    assert "Nothing new" in again.stdout


def test_build_strict_exits_1_on_a_rejection(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(examples_dir / "text" / "2018-06-12-singapore-summit.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    strict = runner.invoke(app, ["build", str(folder), "--db", str(db), "--strict", "-q"])
    assert strict.exit_code == 1, strict.output
    assert "Rejected inputs" in strict.stdout and "empty" in strict.stdout
    # Without --strict the same situation is a success.
    relaxed = runner.invoke(app, ["build", str(folder), "--db", str(tmp_path / "r.db"), "-q"])
    assert relaxed.exit_code == 0, relaxed.output
    listed = runner.invoke(app, ["rejections", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert [(Path(r["input"]).name, r["code"]) for r in rows] == [("empty.txt", "empty")]
    assert rows[0]["reason"]


@pytest.mark.parametrize("what", ["missing-path", "empty-file"])
def test_build_exits_2_when_nothing_can_be_read(runner: CliRunner, tmp_path: Path, what: str) -> None:
    if what == "missing-path":
        target = tmp_path / "no" / "such" / "file.txt"
    else:
        target = tmp_path / "empty.txt"
        target.write_bytes(b"")
    result = runner.invoke(app, ["build", str(target), "--db", str(tmp_path / "n.db"), "-q"])
    assert result.exit_code == 2, result.output
    assert "Nothing could be read" in result.stderr
    assert ("not-found" if what == "missing-path" else "empty") in result.stdout


def test_build_with_settings_options(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "Sommet à Paris\n\n"
        "Le président de la République a reçu mardi à l'Élysée le chancelier allemand pour un dîner de travail consacré "
        "à l'avenir de l'Union européenne, à la transition énergétique et au financement de la défense commune du "
        "continent. Les deux dirigeants ont promis de présenter des propositions communes avant le prochain Conseil "
        "européen, selon l'entourage du président, qui a décrit des discussions franches et constructives.\n",
        encoding="utf-8",
    )
    rejected = runner.invoke(app, ["build", str(french), "--db", str(tmp_path / "a.db"), "-q"])
    assert rejected.exit_code == 2 and "language" in rejected.stdout
    accepted = runner.invoke(app, ["build", str(french), "--db", str(tmp_path / "b.db"), "-q", "--languages", ""])
    assert accepted.exit_code == 0, accepted.output
    assert re.search(r"added\W+1\b", accepted.stdout)
    config = tmp_path / "chronicle.toml"
    config.write_text("[chronicle]\nmin_words = 10000\n", encoding="utf-8")
    strict_words = runner.invoke(app, ["build", str(examples_dir / "text"), "--db", str(tmp_path / "c.db"), "-q", "--config", str(config)])
    assert strict_words.exit_code == 2 and "no-article" in strict_words.stdout
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("colour = 'blue'\n", encoding="utf-8")
    invalid = runner.invoke(app, ["build", str(examples_dir / "text"), "--db", str(tmp_path / "d.db"), "-q", "--config", str(bad_config)])
    assert invalid.exit_code == 2
    assert "colour" in invalid.stderr


def test_documents_json(runner: CliRunner, build_seeds: Path) -> None:
    result = runner.invoke(app, ["documents", "--db", str(build_seeds), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 5
    for row in rows:
        assert {"id", "published", "basis", "status", "title"} <= set(row)
    by_title = {row["title"]: row for row in rows}
    first = by_title["Trump Increasingly Asks Abe for Advice on N.Korea"]
    assert (first["published"], first["basis"], first["status"]) == ("2020-01-14", "stated", "ok")
    with chronicle.open(build_seeds) as corpus:
        ids = {d.id for d in corpus.documents()}
    assert all(any(i.startswith(row["id"]) for i in ids) for row in rows)


def test_documents_csv(runner: CliRunner, build_seeds: Path) -> None:
    result = runner.invoke(app, ["documents", "--db", str(build_seeds), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header = rows[0]
    assert {"id", "published", "basis", "status", "title"} <= set(header)
    assert len(rows) == 6
    titles = [dict(zip(header, row))["title"] for row in rows[1:]]
    assert "Japan’s Abe, Trump to continue close coordination on N. Korea" in titles


def test_documents_table_and_limit(runner: CliRunner, build_seeds: Path) -> None:
    result = runner.invoke(app, ["documents", "--db", str(build_seeds), "--limit", "2", "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2
    table = runner.invoke(app, ["documents", "--db", str(build_seeds)])
    assert table.exit_code == 0
    assert table.stdout.startswith("Documents in")
    for value in ("stated", "inferred", "unknown", "basis", "status"):
        assert value in table.stdout


def test_inspect_by_id_prefix(runner: CliRunner, build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        doc = next(d for d in corpus.documents() if d.title == "Trump Increasingly Asks Abe for Advice on N.Korea")
        full = corpus.document(doc.id)
    result = runner.invoke(app, ["inspect", doc.id[:8], "--db", str(build_seeds)])
    assert result.exit_code == 0, result.output
    assert "Removed lines" in result.stdout
    assert "Kept lines" in result.stdout
    assert "copyright" in result.stdout
    assert full.removed and all(r.rule in flat(result.stdout) for r in full.removed)

    as_json = runner.invoke(app, ["inspect", doc.id[:8], "--db", str(build_seeds), "--format", "json"])
    data = json.loads(as_json.stdout)
    assert data["id"] == doc.id
    assert data["metadata"]["published"][0] == "2020-01-14"
    assert {r["rule"] for r in data["removed"]} == {r.rule for r in full.removed}


def test_inspect_unknown_id(runner: CliRunner, build_seeds: Path) -> None:
    result = runner.invoke(app, ["inspect", "ffffffffffff", "--db", str(build_seeds)])
    assert result.exit_code == 2
    assert "ffffffffffff" in result.stderr


def test_search_finds_a_word(runner: CliRunner, build_seeds: Path) -> None:
    result = runner.invoke(app, ["search", "Pyongyang", "--db", str(build_seeds), "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    titles = {h["title"] for h in hits}
    assert "Abe tries to keep Trump-Xi talks laser-focused on Pyongyang" in titles
    assert all("[Pyongyang]" in h["snippet"] or "Pyongyang" in h["title"] for h in hits)
    table = runner.invoke(app, ["search", "Pyongyang", "--db", str(build_seeds)])
    assert table.exit_code == 0 and "matches for 'Pyongyang'" in table.stdout
    empty = runner.invoke(app, ["search", "  ", "--db", str(build_seeds)])
    assert empty.exit_code == 2


def test_documents_without_near_duplicates(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    original = examples_dir / "text" / "2018-06-12-singapore-summit.txt"
    shutil.copy(original, folder / "a.txt")
    shutil.copy(examples_dir / "text" / "2015-07-14-iran-nuclear-deal.txt", folder / "b.txt")
    text = original.read_text(encoding="utf-8")
    (folder / "c.txt").write_text(text.replace("Sign in\n", "Log in\nMenu\n").replace("about 40 minutes", "about 45 minutes"), encoding="utf-8")
    db = tmp_path / "nd.db"
    built = runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    assert built.exit_code == 0 and re.search(r"near-duplicate\W+1\b", built.stdout)
    every = json.loads(runner.invoke(app, ["documents", "--db", str(db), "--format", "json"]).stdout)
    apart = json.loads(runner.invoke(app, ["documents", "--db", str(db), "--format", "json", "--no-near-duplicates"]).stdout)
    assert sorted(r["status"] for r in every) == ["near_duplicate", "ok", "ok"]
    assert [r["status"] for r in apart] == ["ok", "ok"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_for_every_command(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout
    assert "--db" in result.stdout


def test_top_level_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", ["documents", "rejections", "search", "inspect"])
def test_missing_db_is_an_error_naming_the_path(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    args = {"search": ["search", "word"], "inspect": ["inspect", "abcd1234"]}.get(command, [command])
    result = runner.invoke(app, [*args, "--db", "nowhere/missing.db"])
    assert result.exit_code == 2
    assert "nowhere/missing.db" in flat(result.stderr)
    assert not (tmp_path / "nowhere").exists(), "a read command must not create a store"


def test_documents_csv_has_a_header_even_when_empty(runner: CliRunner, tmp_path: Path) -> None:
    """Regression: with no documents the CSV output was a bare newline, without the header row."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "e.db"
    assert runner.invoke(app, ["build", str(empty), "--db", str(db), "-q"]).exit_code == 2
    result = runner.invoke(app, ["documents", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0
    header = next(csv.reader(io.StringIO(result.stdout)), [])
    assert {"id", "published", "basis", "status", "title"} <= set(header)


def test_build_does_not_ingest_its_own_store(runner: CliRunner, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: `chronicle build .` with the default store in the folder rejected chronicle.db, -wal and
    -shm as unsupported-format on every run, so --strict always exited 1."""
    shutil.copy(examples_dir / "text" / "2015-07-14-iran-nuclear-deal.txt", tmp_path / "iran.txt")
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["build", ".", "-q"])
    assert first.exit_code == 0 and (tmp_path / "chronicle.db").exists()
    second = runner.invoke(app, ["build", ".", "-q", "--strict"])
    assert "unsupported-format" not in second.stdout
    assert second.exit_code == 0
