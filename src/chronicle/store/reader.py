"""Reading the store: the ``Corpus`` object behind ``chronicle.open``."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chronicle.errors import NotFoundError, QueryError
from chronicle.models import Document, ItemOutcome, ItemStatus
from chronicle.store.codec import document_from_row
from chronicle.store.database import connect
from chronicle.store.queries import (
    ActorSummary,
    StoredCount,
    StoredEvent,
    StoredQuote,
    list_actors,
    list_counts,
    list_events,
    list_quotes,
)

_HEX = re.compile(r"^[0-9a-f]{4,32}$")


@dataclass(frozen=True)
class SearchHit:
    """A document matching a full-text query, with a snippet around the match."""

    document_id: str
    title: str | None
    published: str | None
    published_basis: str
    snippet: str
    score: float


@dataclass(frozen=True)
class SourceRecord:
    """One input item and what the builds did with it."""

    origin: str
    status: str
    document_id: str | None
    code: str | None
    reason: str | None


@dataclass(frozen=True)
class CorpusStats:
    """Counts over the whole store."""

    documents: int
    near_duplicates: int
    sources: int
    rejected: int
    words: int
    first_published: str | None
    last_published: str | None


class Corpus:
    """Read access to a Chronicle store. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn = connect(path, readonly=True)

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection to the store."""
        self._conn.close()

    def stats(self) -> CorpusStats:
        """Return counts of documents, near-duplicates, sources, rejections and words."""
        row = self._conn.execute(
            "SELECT COUNT(*) n, SUM(status = 'near_duplicate') nd, COALESCE(SUM(word_count), 0) w, "
            "MIN(published) lo, MAX(published) hi FROM documents"
        ).fetchone()
        src = self._conn.execute("SELECT COUNT(*) n, SUM(status = 'rejected') r FROM sources").fetchone()
        return CorpusStats(row["n"], row["nd"] or 0, src["n"], src["r"] or 0, row["w"], row["lo"], row["hi"])

    def iter_documents(self, *, include_near_duplicates: bool = True) -> Iterator[Document]:
        """Yield every document in the order it was added (without its line lists)."""
        where = "" if include_near_duplicates else "WHERE status = 'ok'"
        for row in self._conn.execute(f"SELECT * FROM documents {where} ORDER BY seq"):
            yield document_from_row(row)

    def documents(self, *, include_near_duplicates: bool = True, limit: int | None = None, offset: int = 0) -> list[Document]:
        """Return documents in the order they were added (without their line lists)."""
        where = "" if include_near_duplicates else "WHERE status = 'ok'"
        rows = self._conn.execute(
            f"SELECT * FROM documents {where} ORDER BY seq LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset)
        )
        return [document_from_row(row) for row in rows]

    def document(self, ref: str) -> Document:
        """Return one document with its kept and removed lines and its temporal expressions.

        ``ref`` is a document id or a unique prefix of one (at least 4 hex characters), or an origin.

        Raises:
            NotFoundError: no document, or several, match ``ref``.
        """
        rows = []
        if _HEX.match(ref):
            rows = self._conn.execute("SELECT * FROM documents WHERE id LIKE ? || '%' LIMIT 2", (ref,)).fetchall()
        if not rows:
            rows = self._conn.execute(
                "SELECT d.* FROM sources s JOIN documents d ON d.id = s.document_id WHERE s.origin = ? LIMIT 1", (ref,)
            ).fetchall()
        if not rows:
            raise NotFoundError(f"no document matches '{ref}'")
        if len(rows) > 1:
            raise NotFoundError(f"'{ref}' matches several documents: give more of the id")
        row = rows[0]
        lines = self._conn.execute("SELECT * FROM document_lines WHERE document_id = ? ORDER BY seq", (row["id"],)).fetchall()
        removed = self._conn.execute("SELECT * FROM removed_lines WHERE document_id = ? ORDER BY seq", (row["id"],)).fetchall()
        timexes = self._conn.execute("SELECT * FROM timexes WHERE document_id = ? ORDER BY seq", (row["id"],)).fetchall()
        return document_from_row(row, lines, removed, timexes)

    def sources(self, document_id: str | None = None) -> list[SourceRecord]:
        """Return the input items (all, or those that yielded ``document_id``) and their status."""
        if document_id is None:
            rows = self._conn.execute("SELECT * FROM sources ORDER BY rowid")
        else:
            rows = self._conn.execute("SELECT * FROM sources WHERE document_id = ? ORDER BY rowid", (document_id,))
        return [SourceRecord(r["origin"], r["status"], r["document_id"], r["code"], r["reason"]) for r in rows]

    def rejections(self) -> list[ItemOutcome]:
        """Return every recorded rejection with its code and reason."""
        rows = self._conn.execute("SELECT * FROM sources WHERE status = 'rejected' ORDER BY rowid")
        return [ItemOutcome(r["origin"], ItemStatus.REJECTED, None, r["code"], r["reason"]) for r in rows]

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and text (SQLite FTS5 syntax; plain words work as AND).

        Raises:
            QueryError: the query is empty or cannot be parsed even as plain words.
        """
        if not query.strip():
            raise QueryError("the search query is empty")
        try:
            return self._search(query, limit)
        except sqlite3.OperationalError:
            quoted = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
            try:
                return self._search(quoted, limit)
            except sqlite3.OperationalError as exc:
                raise QueryError(f"cannot search for {query!r}: {exc}") from exc

    def _search(self, query: str, limit: int) -> list[SearchHit]:
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.published, d.published_basis, "
            "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snip, bm25(documents_fts) AS score "
            "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?",
            (query, limit),
        )
        return [SearchHit(r["id"], r["title"], r["published"], r["published_basis"], r["snip"], -r["score"]) for r in rows]

    # -- what the language stages found ---------------------------------------------------------

    def actors(
        self, *, kind: str | None = None, country: str | None = None, name: str | None = None, limit: int | None = None
    ) -> list[ActorSummary]:
        """Actors the corpus mentions, most mentioned first, with their aliases (see ``queries.list_actors``)."""
        return list_actors(self._conn, kind=kind, country=country, name=name, limit=limit)

    def events(self, **filters: object) -> list[StoredEvent]:
        """Event mentions matching the filters ``actor``, ``dyad``, ``type``, ``status``, ``since``,
        ``until``, ``document``, ``include_copies``, ``limit`` (see ``queries.list_events``).

        Raises:
            NotFoundError: an actor filter names no actor.
            QueryError: a date filter is not an ISO date.
        """
        return list_events(self._conn, **filters)  # type: ignore[arg-type]

    def counts(self, document: str | None = None) -> list[StoredCount]:
        """Stated counts ("14 summits and 33 phone calls so far"), with their actors and evidence."""
        return list_counts(self._conn, document=document)

    def quotes(self, **filters: object) -> list[StoredQuote]:
        """What actors said, each quote once with all the documents carrying it; filters ``speaker``,
        ``about``, ``since``, ``until``, ``direct_only``, ``include_copies``, ``limit`` (see ``queries.list_quotes``).

        Raises:
            NotFoundError: an actor filter names no actor.
            QueryError: a date filter is not an ISO date.
        """
        return list_quotes(self._conn, **filters)  # type: ignore[arg-type]
