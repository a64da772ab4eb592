"""A document seen by the actor resolver: tokens cut into pieces, sentence by sentence.

Tokens are cut further at hyphens and slashes ("U.S.-South" → "U.S.", "-", "South") and at a
full stop glued to a capitalised word ("N.Korea"), so that names inside such tokens can be matched;
a span of pieces always maps back to characters of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.models import Parse, Sentence, Token

_CUT = re.compile(r"[-/]|(?<=[a-z]\.)(?=[A-Z])|(?:(?<=^[A-Z]\.)|(?<=[-/][A-Z]\.))(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Piece:
    """A part of a token: character span, text, and the index of its token in the parse."""

    start: int
    end: int
    text: str
    token: int


@dataclass(frozen=True)
class SentenceView:
    """One sentence: its index, the sentence record and its pieces ``[first, last)`` in the document."""

    index: int
    sentence: Sentence
    first: int
    last: int


class DocumentView:
    """Pieces of a parsed text with the lookups the resolver needs (read-only after construction)."""

    def __init__(self, text: str, parse: Parse) -> None:
        self.text = text
        self.parse = parse
        pieces: list[Piece] = []
        sentences: list[SentenceView] = []
        for n, sentence in enumerate(parse.sentences):
            first = len(pieces)
            for token in parse.tokens[sentence.first : sentence.last]:
                pieces.extend(_cut(token))
            sentences.append(SentenceView(n, sentence, first, len(pieces)))
        self.pieces: tuple[Piece, ...] = tuple(pieces)
        self.sentences: tuple[SentenceView, ...] = tuple(sentences)
        self.entity_at: dict[int, int] = {}  # first token of an entity → index in parse.entities
        for k, entity in enumerate(parse.entities):
            self.entity_at.setdefault(entity.first, k)
        self._piece_of_char = {p.start: k for k, p in enumerate(pieces)}
        self._piece_ending = {p.end: k for k, p in enumerate(pieces)}

    def span(self, first: int, last: int) -> str:
        """The text of pieces ``[first, last)``."""
        return self.text[self.pieces[first].start : self.pieces[last - 1].end]

    def token(self, piece: int) -> Token:
        """The token a piece belongs to."""
        return self.parse.tokens[self.pieces[piece].token]

    def parsed(self, piece: int) -> bool:
        """True when the piece's sentence has tags, dependencies and entities."""
        return self.token(piece).head >= 0

    def piece_starting(self, char: int) -> int | None:
        """Index of the piece that starts at character ``char``, or None."""
        return self._piece_of_char.get(char)

    def piece_ending(self, char: int) -> int | None:
        """Index of the piece that ends at character ``char``, or None."""
        return self._piece_ending.get(char)

    def sentence_of_piece(self, piece: int) -> SentenceView:
        """The sentence holding a piece."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].first <= piece:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]

    def glued(self, left: int, right: int) -> bool:
        """True when piece ``right`` follows piece ``left`` with no space between them."""
        return self.pieces[left].end == self.pieces[right].start


def first_piece(form: str) -> str:
    """The first piece a written form starts with once tokenised and cut, lower-cased
    ("Al-Qaeda" → "al", "Washington, D.C." → "washington")."""
    word = form.split()[0] if form.split() else ""
    parts = [p for p in _CUT.split(word) if p]
    return (parts[0] if parts else word).rstrip(",;:").lower()


def piece_bound(form: str) -> int:
    """An upper bound on the pieces a written form is cut into."""
    return len(form.split()) + 2 * sum(1 for ch in form if not ch.isalnum() and not ch.isspace())


def _cut(token: Token) -> list[Piece]:
    text = token.text
    if len(text) < 3 or not _CUT.search(text):
        return [Piece(token.start, token.end, text, token.i)]
    pieces: list[Piece] = []
    position = 0
    for match in _CUT.finditer(text):
        if match.start() > position:
            pieces.append(Piece(token.start + position, token.start + match.start(), text[position : match.start()], token.i))
        if match.end() > match.start():  # the hyphen or slash itself is a piece
            pieces.append(Piece(token.start + match.start(), token.start + match.end(), match.group(), token.i))
        position = match.end()
    if position < len(text):
        pieces.append(Piece(token.start + position, token.end, text[position:], token.i))
    return pieces
