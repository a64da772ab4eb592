"""Quotation marks: the spans of text a writer put between double quotation marks.

Curly marks say which way they face; a straight mark opens when no quotation is open and closes
the one that is. Single marks are left alone: inside a quotation they nest, and elsewhere they are
more often apostrophes than quotes. A paragraph (a line of the clean text) that leaves a quotation
open ends it at the paragraph's end: news style opens every paragraph of a long quotation and
closes only the last.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
MARKS = OPENING | CLOSING | {STRAIGHT}


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
        if any(c in MARKS for c in line):
            spans.extend(_line_spans(line, line_start))
        line_start += len(line) + 1
    return tuple(spans)


def _line_spans(line: str, offset: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for i, c in enumerate(line):
        if c not in MARKS:
            continue
        if opened is None:
            # a closing curly mark with nothing open is a stray (or a mis-typed opening before a word)
            if c in OPENING or c == STRAIGHT or (c in CLOSING and _opens(line, i)):
                opened = i
            continue
        if c in OPENING and not _closes(line, i):
            continue  # a second opening while one is open: keep the first
        spans.append(QuoteSpan(offset + opened, offset + i + 1))
        opened = None
    if opened is not None:
        end = len(line.rstrip())
        if end > opened + 1:
            spans.append(QuoteSpan(offset + opened, offset + end, closed=False))
    return spans


def _opens(line: str, i: int) -> bool:
    """A mark that stands before a word and after a space or the line's start."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _closes(line: str, i: int) -> bool:
    """A mark that stands after a word and before a space, punctuation or the line's end."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)—–-")
