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
        self._children: dict[int, list[int]] = {}
        self.left = list(range(n))
        self.right = list(range(n))
        self.sentence = [0] * n
        roots = []
        for s, sentence in enumerate(parse.sentences):
            self.sentence[sentence.first : sentence.last] = [s] * (sentence.last - sentence.first)
            if not sentence.parsed:
                continue
            for token in self.tokens[sentence.first : sentence.last]:
                if token.head >= 0 and token.head != token.i:
                    self._children.setdefault(token.head, []).append(token.i)
                else:
                    roots.append(token.i)
        # subtree edges bottom-up: a node is finished after all its children (iterative post-order)
        for root in roots:
            stack = [(root, False)]
            while stack:
                node, done = stack.pop()
                if done:
                    for c in self._children.get(node, ()):
                        if self.left[c] < self.left[node]:
                            self.left[node] = self.left[c]
                        if self.right[c] > self.right[node]:
                            self.right[node] = self.right[c]
                    continue
                stack.append((node, True))
                stack.extend((c, False) for c in self._children.get(node, ()))
        self._line_starts = [0]
        k = text.find("\n")
        while k >= 0:
            self._line_starts.append(k + 1)
            k = text.find("\n", k + 1)
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

    def kids(self, i: int) -> list[int] | tuple[()]:
        """The dependents of token ``i`` in text order (none for an unparsed token)."""
        return self._children.get(i, ())

    def child(self, i: int, *deps: str) -> int | None:
        """The first child of ``i`` with one of ``deps``, or None."""
        for c in self._children.get(i, ()):
            if self.tokens[c].dep in deps:
                return c
        return None

    def nearest_child(self, i: int, *deps: str) -> int | None:
        """The child of ``i`` with one of ``deps`` closest to ``i``, or None (a misparse may give a
        verb two subjects; the nearer is the likelier)."""
        found = [c for c in self._children.get(i, ()) if self.tokens[c].dep in deps]
        return min(found, key=lambda c: abs(c - i)) if found else None

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
