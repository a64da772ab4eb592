"""``chronicle evaluate plover`` and ``chronicle evaluate polnear`` through the CLI, on a few real records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle.cli import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_evaluate_plover_writes_scores_and_predictions(runner: CliRunner, tmp_path: Path) -> None:
    source = SHARED / "plover" / "gsr_dev.json"
    if not source.is_file():
        pytest.skip("the PLOVER records are not beside the repository")
    records = json.loads(source.read_text(encoding="utf-8"))[:12]
    subset = tmp_path / "some.json"
    subset.write_text(json.dumps(records), encoding="utf-8")
    response = tmp_path / "response.jsonl"
    result = runner.invoke(app, ["evaluate", "plover", str(subset), "--response", str(response), "--format", "json"])
    assert result.exit_code == 0, result.output
    metrics = {row["metric"]: row["value"] for row in json.loads(result.stdout)}
    assert any("accuracy" in name for name in metrics)
    lines = [json.loads(line) for line in response.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [r["id"] for r in records]
    assert all(isinstance(line["events"], list) for line in lines)


def test_evaluate_polnear_writes_scores_and_predictions(runner: CliRunner, tmp_path: Path) -> None:
    dev = SHARED / "polnear" / "dev"
    if not dev.is_dir():
        pytest.skip("PolNeAR is not beside the repository")
    texts = sorted((dev / "text").glob("*.txt"))[:2]
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for text in texts:
        shutil.copy(text, tmp_path / "text" / text.name)
        for ann in sorted((dev / "attributions").glob(text.stem + "*.ann"))[:1]:
            shutil.copy(ann, tmp_path / "attributions" / ann.name)
    response = tmp_path / "response.jsonl"
    result = runner.invoke(app, ["evaluate", "polnear", str(tmp_path), "--response", str(response), "--format", "json"])
    assert result.exit_code == 0, result.output
    metrics = {row["metric"]: row["value"] for row in json.loads(result.stdout)}
    assert "direct.overlap_f1" in metrics and "reporting.source_accuracy" in metrics
    lines = [json.loads(line) for line in response.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and all("attributions" in line for line in lines)


def test_evaluate_polnear_on_a_missing_folder_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "polnear", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in " ".join(result.stderr.split())
