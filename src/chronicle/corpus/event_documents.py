"""How alike two stored articles are: TF-IDF cosine, and each article's nearest neighbour.

Document frequencies come from the store's full-text index (the number of documents matching a
word), so nothing is precomputed and a growing corpus needs no upkeep; vectors and answers are
cached for one run of the event stage.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter

__all__ = ["DocumentSimilarity"]

_WORD = re.compile(r"[^\W\d_]{3,}")
_NEIGHBOUR_WORDS = 12  # a document's strongest words, searched to find its nearest document


class DocumentSimilarity:
    """TF-IDF cosine of two stored documents, document frequencies read from the full-text index."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.total = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        self._frequency: dict[str, int] = {}
        self._vectors: dict[str, dict[str, float]] = {}
        self._pairs: dict[tuple[str, str], float] = {}
        self._nearest: dict[str, str | None] = {}

    def __call__(self, a: str, b: str) -> float:
        """The cosine of two documents' TF-IDF vectors (0 when either has no shared word)."""
        key = (a, b) if a < b else (b, a)
        if key not in self._pairs:
            x, y = self._vector(a), self._vector(b)
            self._pairs[key] = sum(w * y[t] for t, w in x.items() if t in y)
        return self._pairs[key]

    def nearest(self, doc: str) -> str | None:
        """The original document most like ``doc`` (full-text search for its strongest words)."""
        if doc not in self._nearest:
            vector = self._vector(doc)
            words = sorted(vector, key=vector.__getitem__, reverse=True)[:_NEIGHBOUR_WORDS]
            found = None
            if words:
                rows = self.conn.execute(
                    "SELECT d.id FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                    "WHERE documents_fts MATCH ? AND d.status = 'ok' AND d.id != ? ORDER BY bm25(documents_fts) LIMIT 1",
                    (" OR ".join(f'"{w}"' for w in words), doc),
                ).fetchall()
                found = rows[0][0] if rows else None
            self._nearest[doc] = found
        return self._nearest[doc]

    def mutual(self, a: str, b: str) -> bool:
        """True when each of the two documents is the other's nearest."""
        return self.nearest(a) == b and self.nearest(b) == a

    def _vector(self, doc: str) -> dict[str, float]:
        if doc not in self._vectors:
            row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
            counts = Counter(_WORD.findall(row[0].lower())) if row else Counter()
            vector = {}
            for word, n in counts.items():
                frequency = self._document_frequency(word)
                # Words of one document cannot link two; the commonest weigh nothing.
                if frequency > 1:
                    vector[word] = (1.0 + math.log(n)) * math.log((self.total + 1) / frequency)
            norm = math.sqrt(sum(v * v for v in vector.values()))
            self._vectors[doc] = {t: v / norm for t, v in vector.items()} if norm else {}
        return self._vectors[doc]

    def _document_frequency(self, word: str) -> int:
        if word not in self._frequency:
            try:
                row = self.conn.execute(
                    "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?", (f'"{word}"',)
                ).fetchone()
                self._frequency[word] = int(row[0])
            except sqlite3.OperationalError:
                self._frequency[word] = 0
        return self._frequency[word]
