"""``chronicle annotate`` and ``chronicle.annotate``: one text's full analysis, no store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle.annotate import annotate
from chronicle.cli import app
from chronicle.errors import ConfigError

SENTENCE = "Prime Minister Shinzo Abe said he and U.S. President Donald Trump agreed in a 75-minute phone call on Wednesday to keep up pressure on North Korea."


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_annotate_a_sentence_without_cleaning() -> None:
    result = annotate(SENTENCE, published="2018-02-15", clean=False)
    assert result.text == SENTENCE
    for m in result.actor_mentions:
        assert SENTENCE[m.start : m.end] == m.text
    ids = {m.actor.id for m in result.actor_mentions}
    assert {"person:shinzo-abe", "person:donald-trump", "state:PRK"} <= ids
    types = {e.type for e in result.events}
    assert "AGREE" in types or "CONSULT" in types
    for e in result.events:
        assert SENTENCE[e.trigger_start : e.trigger_end] == e.trigger
    calls = [e for e in result.events if e.mode == "phone"]
    assert calls and calls[0].duration is not None and calls[0].duration.value == "PT75M"
    wednesday = [t for t in result.timexes if t.text.startswith("Wednesday")]
    assert wednesday and wednesday[0].value == "2018-02-14"


def test_annotate_rejects_a_bad_date() -> None:
    with pytest.raises(ConfigError, match="not a publication date"):
        annotate(SENTENCE, published="15/02/2018")


def test_annotate_cli_on_a_seed_file_cleans_and_dates_it(runner: CliRunner, seed_files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["annotate", str(seed_files["000"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["published"]["value"] == "2020-01-14"
    assert data["removed"], "web debris is removed and listed"
    assert data["events"] and data["actors"]
    text = data["text"]
    for mention in data["actors"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]


def test_annotate_cli_jsonl_prints_one_object_per_line(runner: CliRunner, tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "a", "text": SENTENCE, "published": "2018-02-15"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "b", "text": "Russia's foreign minister met his Chinese counterpart in Beijing on Monday."}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["annotate", str(records), "--no-clean", "--format", "json"])
    assert result.exit_code == 1, "a malformed line is reported and the batch goes on"
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line["id"] for line in lines][0] == "a" and lines[-1]["id"] == "b"
    assert "error" in lines[1]
    assert lines[0]["text"] == SENTENCE
    assert any(e["type"] == "CONSULT" for e in lines[2]["events"])


def test_annotate_cli_table(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(path), "--published", "2018-02-15"])
    assert result.exit_code == 0, result.output
    assert "Events" in result.stdout and "Actor mentions" in result.stdout
