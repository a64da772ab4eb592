"""chronicle.evaluate.tempeval: reading TimeML, scoring TIMEX3s, and the TBAQ accuracy gate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from chronicle.errors import InputError
from chronicle.evaluate import GoldTimex, TempevalScore, evaluate_folder, read_tml, score

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "tempeval3" / "TBAQ-cleaned"

# Pinned floors (figures reached on TBAQ, rounded down by about 0.01).
RELAXED_F1_FLOOR = 0.939
STRICT_F1_FLOOR = 0.835
VALUE_F1_FLOOR = 0.821
TYPE_ACCURACY_FLOOR = 0.955

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2018-02-14" temporalFunction="false" functionInDocument="CREATION_TIME">2018-02-14</TIMEX3></DCT>
<TITLE>Abe and Trump talk</TITLE>
<TEXT>
TOKYO _ Abe and Trump <EVENT eid="e1" class="OCCURRENCE">agreed</EVENT> in talks on <TIMEX3 tid="t1" type="DATE" value="2018-02-14" temporalFunction="true" functionInDocument="NONE">Wednesday</TIMEX3> night &amp; that the pressure would last <TIMEX3 tid="t2" type="DURATION" value="P1Y" temporalFunction="false" functionInDocument="NONE">a year</TIMEX3>. They last spoke on <TIMEX3 tid="t3" type="DATE" value="2018-02-02" temporalFunction="true" functionInDocument="NONE">February 2</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml_file(tmp_path: Path) -> Path:
    path = tmp_path / "docs" / "TEST001.tml"
    path.parent.mkdir()
    path.write_text(TML, encoding="utf-8")
    return path


def test_read_tml_offsets_are_into_text_without_tags(tml_file: Path):
    doc = read_tml(tml_file)
    assert doc.name == "TEST001.tml"
    assert doc.dct == dt.date(2018, 2, 14)
    assert "<" not in doc.text and "&amp;" not in doc.text and "night & that" in doc.text
    assert [doc.text[g.start:g.end] for g in doc.gold] == ["Wednesday", "a year", "February 2"]
    assert doc.gold[1] == GoldTimex(doc.gold[1].start, doc.gold[1].end, "DURATION", "P1Y")
    assert len(doc.gold) == 3  # the creation time is not scored


def test_read_tml_rejects_broken_files(tmp_path: Path):
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(InputError):
        read_tml(bad)
    no_dct = tmp_path / "nodct.tml"
    no_dct.write_text("<TimeML><TEXT>Friday</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(InputError):
        read_tml(no_dct)


def test_score_relaxed_strict_and_value():
    gold = {"d": [GoldTimex(0, 9, "DATE", "2018-02-14"), GoldTimex(20, 26, "DURATION", "P1Y"),
                  GoldTimex(40, 50, "DATE", "2018-02-02")]}
    system = {"d": [GoldTimex(0, 15, "DATE", "2018-02-14"),  # relaxed match, same value
                    GoldTimex(20, 26, "DURATION", "P2Y"),  # strict match, wrong value
                    GoldTimex(60, 65, "DATE", "2018")]}  # spurious
    s = score(gold, system)
    assert (s.gold, s.system, s.relaxed_matches, s.strict_matches, s.value_matches) == (3, 3, 2, 1, 1)
    assert s.relaxed_f1 == pytest.approx(2 / 3)
    assert s.strict_f1 == pytest.approx(1 / 3)
    assert s.value_f1 == pytest.approx(1 / 3)
    assert s.value_accuracy == pytest.approx(0.5)
    assert s.type_accuracy == 1.0


def test_score_matches_one_to_one():
    gold = {"d": [GoldTimex(0, 6, "DATE", "2018-02-12"), GoldTimex(11, 18, "DATE", "2018-02-13")]}
    system = {"d": [GoldTimex(0, 18, "DATE", "2018-02-12")]}  # one span over both
    s = score(gold, system)
    assert (s.relaxed_matches, s.relaxed_precision, s.relaxed_recall) == (1, 1.0, 0.5)


def test_scores_add_up():
    a = score({"x": [GoldTimex(0, 3, "DATE", "1")]}, {"x": [GoldTimex(0, 3, "DATE", "1")]})
    b = score({"y": [GoldTimex(0, 3, "DATE", "1")]}, {})
    total = a + b
    assert isinstance(total, TempevalScore)
    assert (total.documents, total.gold, total.system, total.value_matches) == (2, 2, 1, 1)
    assert total.as_dict()["relaxed_recall"] == 0.5


def test_evaluate_folder_writes_one_json_line_per_document(tml_file: Path, tmp_path: Path):
    response = tmp_path / "response.jsonl"
    s = evaluate_folder(tml_file.parent, response_path=response)
    assert s.documents == 1 and s.gold == 3
    assert s.relaxed_matches == 3 and s.value_matches >= 2
    (line,) = response.read_text(encoding="utf-8").splitlines()
    row = json.loads(line)
    assert row["doc"] == "TEST001.tml"
    assert {"start", "end", "type", "value"} <= set(row["timexes"][0])


def test_evaluate_folder_counts_identical_copies_once(tml_file: Path, tmp_path: Path):
    copy = tmp_path / "docs" / "testpipeline" / "TEST001.tml"
    copy.parent.mkdir()
    copy.write_text(TML, encoding="utf-8")
    response = tmp_path / "response.jsonl"
    s = evaluate_folder(tml_file.parent, response_path=response)
    assert (s.documents, s.gold) == (1, 3)
    assert len(response.read_text(encoding="utf-8").splitlines()) == 1
    # a file of the same name with other content is a different document: both are scored
    copy.write_text(TML.replace("a year", "a month").replace('"P1Y"', '"P1M"'), encoding="utf-8")
    assert evaluate_folder(tml_file.parent).documents == 2


@pytest.mark.slow
def test_tbaq_root_gives_256_documents():
    if not (TBAQ / "testpipeline").is_dir():
        pytest.skip(f"TempEval-3 TBAQ benchmark not available at {TBAQ}")
    assert evaluate_folder(TBAQ).documents == 256


def test_evaluate_folder_needs_a_folder(tmp_path: Path):
    with pytest.raises(InputError):
        evaluate_folder(tmp_path / "missing")


@pytest.mark.slow
def test_tbaq_accuracy_gate():
    """TempEval-3 task A on TBAQ (TimeBank + AQUAINT, 256 documents) against pinned floors."""
    if not (TBAQ / "TimeBank").is_dir() or not (TBAQ / "AQUAINT").is_dir():
        pytest.skip(f"TempEval-3 TBAQ benchmark not available at {TBAQ}")
    s = evaluate_folder(TBAQ / "TimeBank") + evaluate_folder(TBAQ / "AQUAINT")
    report = s.as_dict()
    assert s.documents == 256, report
    assert s.relaxed_f1 >= RELAXED_F1_FLOOR, report
    assert s.strict_f1 >= STRICT_F1_FLOOR, report
    assert s.value_f1 >= VALUE_F1_FLOOR, report
    assert s.type_accuracy >= TYPE_ACCURACY_FLOOR, report
