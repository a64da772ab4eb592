"""Quotation spans: curly and straight marks, two-apostrophe marks, paragraphs left open."""

from __future__ import annotations

from chronicle.quotes.marks import QuoteSpan, last_inner, quote_spans


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in quote_spans(text)]


def test_curly_quotes_include_their_marks() -> None:
    text = "“Dialogue for the sake of dialogue would be meaningless,” Abe said. “We talked thoroughly.”"
    assert _texts(text) == [
        "“Dialogue for the sake of dialogue would be meaningless,”",
        "“We talked thoroughly.”",
    ]


def test_straight_quotes_pair_in_order() -> None:
    text = 'Trump had declared, "If China is not going to solve North Korea, we will." He left.'
    assert _texts(text) == ['"If China is not going to solve North Korea, we will."']


def test_two_apostrophes_are_a_double_mark_and_single_marks_nest() -> None:
    text = "''We're a content provider,'' he said, citing the motto 'news first'."
    assert _texts(text) == ["''We're a content provider,''"]
    nested = "“You say you ‘accept responsibility,’” Merkley said."
    spans = quote_spans(nested)
    assert len(spans) == 1 and nested[spans[0].start : spans[0].end] == "“You say you ‘accept responsibility,’”"
    assert last_inner(nested, spans[0]) == ","


def test_apostrophes_are_not_quotes() -> None:
    assert quote_spans("Trump's team said it was the candidate's choice.") == ()


def test_a_paragraph_left_open_ends_at_its_line() -> None:
    text = "“The first paragraph runs on.  \n“And the second closes,” she said."
    spans = quote_spans(text)
    assert spans[0] == QuoteSpan(0, len("“The first paragraph runs on."), closed=False)
    assert text[spans[1].start : spans[1].end] == "“And the second closes,”"
    assert spans[1].closed


def test_a_mistyped_closing_mark_still_closes() -> None:
    text = "He called it “Mostly False.“ and moved on."
    assert _texts(text) == ["“Mostly False.“"]
