"""A read-only view of a ``Parse`` for walking dependency trees: children, subtree edges, lines."""

from __future__ import annotations

from bisect import bisect_right

from chronicle.models import Parse, Token

# Closing marks and sentence punctuation that never begin or end a content, source or cue span.
EDGE_PUNCT = frozenset({",", ".", ";", ":", "—", "–", "-", "--", "(", ")", "...", "…", "'s"})
QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "„", "«", "»"})


class Tree:
    """Children, subtree edges, sentence and line of every token of one parsed text.

    Unparsed tokens (``head`` -1) are their own subtree. ``left[i]``/``right[i]`` are the first
    and last token indices of token ``i``'s subtree (spaCy's trees are projective, so a subtree
    is the contiguous run between them).
    """

    def __init__(self, text: str, parse: Parse) -> None:
        self.text = text
        self.parse = parse
        self.tokens: tuple[Token, ...] = parse.tokens
        n = len(self.tokens)
        self.children: list[list[int]] = [[] for _ in range(n)]
        self.left = list(range(n))
        self.right = list(range(n))
        self.sentence = [0] * n
        for s, sentence in enumerate(parse.sentences):
            for i in range(sentence.first, sentence.last):
                self.sentence[i] = s
        for token in self.tokens:
            if token.head >= 0 and token.head != token.i:
                self.children[token.head].append(token.i)
        for token in self.tokens:
            i = token.i
            current = token
            steps = 0
            while current.head >= 0 and current.head != current.i and steps < 64:
                parent = current.head
                if i < self.left[parent]:
                    self.left[parent] = i
                if i > self.right[parent]:
                    self.right[parent] = i
                current = self.tokens[parent]
                steps += 1
        self._line_starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
        self._token_starts = [t.start for t in self.tokens]

    # ------------------------------------------------------------ positions

    def line_of(self, char: int) -> int:
        """Index of the line (paragraph) holding character ``char``."""
        return bisect_right(self._line_starts, char) - 1

    def line_start(self, line: int) -> int:
        """Character offset of the start of line ``line``."""
        return self._line_starts[line]

    def line_end(self, line: int) -> int:
        """Character offset of the end of line ``line`` (before its newline)."""
        if line + 1 < len(self._line_starts):
            return self._line_starts[line + 1] - 1
        return len(self.text)

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char`` (``len(tokens)`` when none)."""
        return bisect_right(self._token_starts, char - 1)

    def tokens_within(self, start: int, end: int) -> range:
        """Indices of the tokens lying inside characters ``[start, end)``."""
        first = self.token_at(start)
        last = first
        while last < len(self.tokens) and self.tokens[last].end <= end:
            last += 1
        return range(first, last)

    # ------------------------------------------------------------ trees

    def parsed(self, i: int) -> bool:
        return self.tokens[i].head >= 0

    def child(self, i: int, *deps: str) -> int | None:
        """The first child of ``i`` with one of ``deps``, or None."""
        for c in self.children[i]:
            if self.tokens[c].dep in deps:
                return c
        return None

    def nearest_child(self, i: int, *deps: str) -> int | None:
        """The child of ``i`` with one of ``deps`` closest to ``i``, or None (a misparse may give a
        verb two subjects; the nearer is the likelier)."""
        found = [c for c in self.children[i] if self.tokens[c].dep in deps]
        return min(found, key=lambda c: abs(c - i)) if found else None

    def is_ancestor(self, ancestor: int, i: int) -> bool:
        """True when ``ancestor`` dominates ``i`` (or is ``i``)."""
        return self.left[ancestor] <= i <= self.right[ancestor] and self._dominates(ancestor, i)

    def _dominates(self, ancestor: int, i: int) -> bool:
        current = i
        for _ in range(64):
            if current == ancestor:
                return True
            head = self.tokens[current].head
            if head < 0 or head == current:
                return False
            current = head
        return False

    def depth(self, i: int) -> int:
        """Number of heads above token ``i`` (0 for a root or an unparsed token)."""
        steps = 0
        current = self.tokens[i]
        while current.head >= 0 and current.head != current.i and steps < 64:
            current = self.tokens[current.head]
            steps += 1
        return steps

    def trim(self, first: int, last: int, keep_quotes: bool = True) -> tuple[int, int]:
        """Token range ``[first, last)`` without punctuation at either edge.

        Quotation marks are kept when ``keep_quotes`` (they belong to a quoted content).
        """
        while first < last and self._edge(first, keep_quotes):
            first += 1
        while last > first and self._edge(last - 1, keep_quotes):
            last -= 1
        return first, last

    def _edge(self, i: int, keep_quotes: bool) -> bool:
        word = self.tokens[i].text
        if word in QUOTE_TOKENS:
            return not keep_quotes
        return word in EDGE_PUNCT or (self.tokens[i].pos == "PUNCT" and word not in ("?", "!"))

    def chars(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``[first, last)``."""
        return self.tokens[first].start, self.tokens[last - 1].end

    def words(self, first: int, last: int) -> tuple[str, ...]:
        return tuple(t.text.lower() for t in self.tokens[first:last])
