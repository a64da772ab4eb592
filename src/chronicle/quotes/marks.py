"""Quotation marks: the spans of text a writer put between double quotation marks.

Curly marks say which way they face; a straight mark (or two apostrophes, '') opens when no
quotation is open and closes the one that is. Single marks are left alone: inside a quotation they nest, and elsewhere they are
more often apostrophes than quotes. A paragraph (a line of the clean text) that leaves a quotation
open ends it at the paragraph's end: news style opens every paragraph of a long quotation and
closes only the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
MARKS = OPENING | CLOSING | {STRAIGHT}
_MARK = re.compile("[\"“”„«»]|''|``")


@dataclass(frozen=True)
class QuoteSpan:
    """Characters ``[start, end)`` from the opening mark to just after the closing mark.

    ``closed`` is False for a quotation its paragraph leaves open (``end`` is then the paragraph's
    end, trailing spaces excluded).
    """

    start: int
    end: int
    closed: bool = True


def quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """Every top-level double-quoted span of ``text``, in order; never spans a line break."""
    spans: list[QuoteSpan] = []
    line_start = 0
    for line in text.split("\n"):
        if _MARK.search(line):
            spans.extend(_line_spans(line, line_start))
        line_start += len(line) + 1
    return tuple(spans)


def last_inner(text: str, span: QuoteSpan) -> str:
    """The last character inside the quotation (before its closing mark, and any nested one)."""
    if not span.closed:
        return text[span.end - 1 : span.end]
    end = span.end
    while end > span.start + 1 and text[end - 1] in "\"”»'’`":
        end -= 1
    return text[end - 1 : end]


def _marks(line: str) -> list[tuple[int, int, str]]:
    """``(position, length, kind)`` of the double marks of a line; kind "open", "close" or "straight".

    Two apostrophes ('') stand for a straight double mark and two backticks (``) for an opening
    one, as in texts typed for old newswire systems.
    """
    found = []
    for match in _MARK.finditer(line):
        mark = match.group()
        if mark == "''":
            found.append((match.start(), 2, "straight"))
        elif mark == "``" or mark in OPENING:
            found.append((match.start(), len(mark), "open"))
        elif mark in CLOSING:
            found.append((match.start(), 1, "close"))
        else:
            found.append((match.start(), 1, "straight"))
    return found


def _line_spans(line: str, offset: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for i, length, kind in _marks(line):
        if opened is None:
            # a closing curly mark with nothing open is a stray (or a mis-typed opening before a word)
            if kind != "close" or _opens(line, i, length):
                opened = i
            continue
        if kind == "open" and not _closes(line, i, length):
            continue  # a second opening while one is open: keep the first
        spans.append(QuoteSpan(offset + opened, offset + i + length))
        opened = None
    if opened is not None:
        end = len(line.rstrip())
        if end > opened + 2:
            spans.append(QuoteSpan(offset + opened, offset + end, closed=False))
    return spans


def _opens(line: str, i: int, length: int = 1) -> bool:
    """A mark that stands before a word and after a space or the line's start."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + length] if i + length < len(line) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _closes(line: str, i: int, length: int = 1) -> bool:
    """A mark that stands after a word and before a space, punctuation or the line's end."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + length] if i + length < len(line) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)—–-")
