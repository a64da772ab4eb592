"""``chronicle timex`` and ``chronicle evaluate tempeval`` through the real CLI; timexes in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chronicle
from chronicle.cli import app

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "tempeval3" / "TBAQ-cleaned"


def test_timex_json_gives_offsets_into_the_text() -> None:
    text = "A source said the phone conference on Dec. 21 lasted 75 minutes, last month."
    result = CliRunner().invoke(app, ["timex", text, "--anchor", "2020-01-14", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    by_text = {r["text"]: r for r in rows}
    assert by_text["Dec. 21"]["value"] == "2019-12-21"
    assert by_text["last month"]["value"] == "2019-12"
    assert by_text["75 minutes"]["value"] == "PT75M"
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]


def test_timex_without_anchor_leaves_unknown_parts(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The ministers met on Thursday.", encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", "--file", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["value"].startswith("XXXX")


def test_timex_refuses_a_bad_anchor() -> None:
    result = CliRunner().invoke(app, ["timex", "on Monday", "--anchor", "14/01/2020"])
    assert result.exit_code == 2


@pytest.mark.skipif(not TBAQ.is_dir(), reason="../shared/benchmarks/tempeval3 is not beside the repository")
def test_evaluate_tempeval_writes_the_raw_predictions(tmp_path: Path) -> None:
    response = tmp_path / "response.jsonl"
    result = CliRunner().invoke(app, ["evaluate", "tempeval", str(TBAQ / "AQUAINT"), "--response", str(response), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = {row["metric"]: row["value"] for row in json.loads(result.stdout)}
    assert figures["documents"] == 73
    assert figures["relaxed_f1"] > 0.85
    lines = [json.loads(line) for line in response.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 73
    assert {"doc", "timexes"} <= set(lines[0])
    assert all({"start", "end", "type", "value"} <= set(t) for line in lines for t in line["timexes"])


def test_stored_documents_carry_anchored_timexes(build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        docs = {d.title: d for d in corpus.documents()}
        chosun = corpus.document(docs["Trump Increasingly Asks Abe for Advice on N.Korea"].id)
        undated = corpus.document(docs["Abe tries to keep Trump-Xi talks laser-focused on Pyongyang"].id)
    values = {t.text: t.value for t in chosun.timexes}
    assert values["Dec. 21"] == "2019-12-21" and values["last month"] == "2019-12"
    assert all(chosun.text[t.start : t.end] == t.text for t in chosun.timexes)
    # No publication date: weekdays stay relative instead of being resolved against today.
    thursday = [t for t in undated.timexes if t.text.startswith("Thursday")]
    assert thursday and all(t.value.startswith("XXXX") for t in thursday)


@pytest.mark.parametrize("command", [["timex"], ["evaluate"], ["evaluate", "tempeval"]])
def test_help(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout
