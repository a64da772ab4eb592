"""Reading ECB+ files: which mentions are scored and which gold cluster each belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.errors import InputError
from chronicle.evaluate.ecbplus import read_ecbplus

# A small article in the ECB+ layout, written for this test: sentence 0 is the source address,
# sentence 1 and 2 are text; only sentence 1 is listed as annotated.
ARTICLE = """<Document doc_name="9_1ecbplus.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="0" number="1">:</token>
<token t_id="3" sentence="0" number="2">//example.org/quake</token>
<token t_id="4" sentence="1" number="0">A</token>
<token t_id="5" sentence="1" number="1">quake</token>
<token t_id="6" sentence="1" number="2">struck</token>
<token t_id="7" sentence="1" number="3">Lima</token>
<token t_id="8" sentence="1" number="4">and</token>
<token t_id="9" sentence="1" number="5">officials</token>
<token t_id="10" sentence="1" number="6">said</token>
<token t_id="11" sentence="1" number="7">nothing</token>
<token t_id="12" sentence="1" number="8">broke</token>
<token t_id="13" sentence="1" number="9">.</token>
<token t_id="14" sentence="2" number="0">It</token>
<token t_id="15" sentence="2" number="1">shook</token>
<token t_id="16" sentence="2" number="2">buildings</token>
<token t_id="17" sentence="2" number="3">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"  >
  <token_anchor t_id="5"/>
</ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"  >
  <token_anchor t_id="6"/>
</ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="3"  >
  <token_anchor t_id="10"/>
</ACTION_REPORTING>
<NEG_ACTION_OCCURRENCE m_id="4"  >
  <token_anchor t_id="12"/>
</NEG_ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="5"  >
  <token_anchor t_id="15"/>
</ACTION_OCCURRENCE>
<LOC_GEO m_id="6"  >
  <token_anchor t_id="7"/>
</LOC_GEO>
<ACTION_OCCURRENCE m_id="7" RELATED_TO="" TAG_DESCRIPTOR="the_lima_quake" instance_id="ACT100" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="10" note="ACT100" >
  <source m_id="1" />
  <source m_id="2" />
  <target m_id="7" />
</CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="11" >
  <source m_id="3" />
  <target m_id="8" />
</INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "9").mkdir()
    (tmp_path / "9" / "9_1ecbplus.xml").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n9,1ecbplus,1\n", encoding="utf-8"
    )
    return tmp_path


def test_scored_mentions_and_their_gold_clusters(corpus: Path) -> None:
    [document] = read_ecbplus(corpus)
    assert document.topic == "9"
    assert document.skip == frozenset({0})
    assert document.sentences[1][:3] == ("A", "quake", "struck")
    by_id = {m.m_id: m for m in document.mentions}
    # Mention 5 lies in an unlisted sentence; 6 is a location; 7 is an instance, not text.
    assert set(by_id) == {"1", "2", "3", "4"}
    assert by_id["1"].cluster == by_id["2"].cluster == "ACT100"
    assert by_id["3"].cluster == "9_1ecbplus.xml:intra:11"
    assert by_id["4"].cluster == "9_1ecbplus.xml:4"  # a singleton
    assert by_id["4"].tag == "NEG_ACTION_OCCURRENCE"
    assert (by_id["2"].sentence, by_id["2"].tokens, by_id["2"].text) == (1, (2,), "struck")


def test_tokenised_record_names_mentions_by_file_and_markable(corpus: Path) -> None:
    [document] = read_ecbplus(corpus)
    record = document.tokenised()
    assert [span.id for span in record.mentions] == [f"9_1ecbplus.xml#{m}" for m in ("1", "2", "3", "4")]
    assert record.skip == frozenset({0})


def test_missing_parts_are_input_errors(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="topic"):
        read_ecbplus(corpus, topics=["9", "44"])
    with pytest.raises(InputError, match="not found"):
        read_ecbplus(tmp_path / "nowhere")
    (corpus / "ECBplus_coreference_sentences.csv").unlink()
    with pytest.raises(InputError, match="ECBplus_coreference_sentences.csv"):
        read_ecbplus(corpus)
