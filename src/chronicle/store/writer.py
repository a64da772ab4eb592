"""Writing the store: one writer, batched transactions, idempotent and safe to interrupt.

Each batch is one transaction: a crash or Ctrl-C loses at most the batch in flight, and never
leaves half a document behind. A file is marked as done only in the transaction that writes its
last item, so an interrupted file is read again (its finished items come back as unchanged).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from chronicle.config import Settings
from chronicle.errors import StoreError
from chronicle.models import Document, ItemOutcome, ItemStatus, Rejection
from chronicle.corpus.actors import reconcile_actors
from chronicle.corpus.dating import affected_by_new, anchor_undated
from chronicle.corpus.events import DedupReport, deduplicate_events
from chronicle.store.analysis import delete_analysis, write_analysis
from chronicle.store.codec import document_row


@dataclass(frozen=True)
class FileDone:
    """Marks that every item of a file is in the batch stream (so the file can be skipped next time)."""

    path: str
    size: int
    mtime_ns: int
    meta_sig: str = ""  # fingerprint of the sidecar row that applies to the file


@dataclass(frozen=True)
class Pending:
    """A processed item waiting to be written, with the file it came from."""

    file: str
    result: Document | Rejection


class StoreWriter:
    """The single writer of a store."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings) -> None:
        self.conn = conn
        self.settings = settings
        self._rows = settings.minhash_permutations // settings.minhash_bands
        self._redate_all = False

    # -- incrementality -------------------------------------------------------------------------

    def file_unchanged(self, path: str, size: int, mtime_ns: int, meta_sig: str = "") -> bool:
        """True when this file (same size, modification time and sidecar row) was fully processed before."""
        row = self.conn.execute("SELECT size, mtime_ns, meta_sig FROM files WHERE path = ?", (path,)).fetchone()
        return row is not None and (row["size"], row["mtime_ns"], row["meta_sig"]) == (size, mtime_ns, meta_sig)

    def stored_outcomes(self, path: str) -> list[ItemOutcome]:
        """The outcomes recorded for a file's items, as a build that skips the file reports them."""
        rows = self.conn.execute("SELECT * FROM sources WHERE file = ? ORDER BY rowid", (path,)).fetchall()
        return [_stored_outcome(row) for row in rows]

    def stored_outcome(self, origin: str, raw_hash: str) -> ItemOutcome | None:
        """The recorded outcome of this exact item, if it was processed before."""
        row = self.conn.execute("SELECT * FROM sources WHERE origin = ? AND raw_hash = ?", (origin, raw_hash)).fetchone()
        return _stored_outcome(row) if row is not None and raw_hash else None

    def stored_items(self, paths: Iterable[str]) -> frozenset[tuple[str, str]]:
        """(origin, raw hash) of every item already recorded from these files."""
        found: set[tuple[str, str]] = set()
        for path in paths:
            rows = self.conn.execute("SELECT origin, raw_hash FROM sources WHERE file = ? AND raw_hash != ''", (path,))
            found.update((row[0], row[1]) for row in rows)
        return frozenset(found)

    # -- repetition index -----------------------------------------------------------------------

    def record_lines(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (line key, body signature) pairs to the repetition index."""
        with self._transaction():
            self.conn.executemany("INSERT OR IGNORE INTO line_seen(line_key, body_sig) VALUES (?, ?)", pairs)

    def boilerplate(self) -> frozenset[str]:
        """Keys of lines seen in at least ``repetition_min_documents`` different articles."""
        rows = self.conn.execute(
            "SELECT line_key FROM line_seen GROUP BY line_key HAVING COUNT(*) >= ?",
            (self.settings.repetition_min_documents,),
        )
        return frozenset(row[0] for row in rows)

    # -- writing --------------------------------------------------------------------------------

    def write(self, batch: Sequence[Pending | FileDone], build_id: int) -> list[ItemOutcome]:
        """Write one batch in one transaction, log it under ``build_id``, return each item's outcome."""
        outcomes: list[ItemOutcome] = []
        with self._transaction():
            for entry in batch:
                if isinstance(entry, FileDone):
                    self.conn.execute(
                        "INSERT OR REPLACE INTO files(path, size, mtime_ns, meta_sig) VALUES (?, ?, ?, ?)",
                        (entry.path, entry.size, entry.mtime_ns, entry.meta_sig),
                    )
                elif isinstance(entry.result, Rejection):
                    outcomes.append(self._write_rejection(entry.file, entry.result))
                else:
                    outcomes.append(self._write_document(entry.file, entry.result))
            self._log(build_id, outcomes)
        return outcomes

    def log_outcomes(self, build_id: int, outcomes: Sequence[ItemOutcome]) -> None:
        """Log outcomes that needed no writing (unchanged items) under ``build_id``."""
        with self._transaction():
            self._log(build_id, outcomes)

    def _log(self, build_id: int, outcomes: Sequence[ItemOutcome]) -> None:
        start = self.conn.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM build_outcomes WHERE build_id = ?", (build_id,)
        ).fetchone()[0]
        self.conn.executemany(
            "INSERT INTO build_outcomes(build_id, seq, origin, status, document_id, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(build_id, start + i, o.origin, o.status.value, o.document_id, o.code, o.reason) for i, o in enumerate(outcomes, 1)],
        )

    def anchor_undated(self) -> int:
        """Run the corpus dating stage for what new documents could affect; return how many windows changed.

        New documents are those the stage has not seen yet (so an interrupted build's documents are
        taken up by the next one). Affected are the new undated documents and the undated documents
        whose clues share a name with a new document's happenings — every undated document when a
        dated one was retired.
        """
        with self._transaction():
            if self._redate_all:
                changed = anchor_undated(self.conn)
            else:
                changed = anchor_undated(self.conn, affected_by_new(self.conn))
            self.conn.execute("UPDATE documents SET dated_by_corpus = 1 WHERE dated_by_corpus = 0")
            self._redate_all = False
            return changed

    def reconcile_actors(self) -> int:
        """Run the corpus actor stage (one actor per real entity); return how many ids were merged."""
        with self._transaction():
            return reconcile_actors(self.conn)

    def deduplicate_events(self) -> DedupReport:
        """Run the corpus event stage: place new event mentions into deduplicated events."""
        with self._transaction():
            return deduplicate_events(self.conn)

    def start_build(self) -> int:
        with self._transaction():
            cur = self.conn.execute("INSERT INTO builds(started) VALUES (?)", (_now(),))
        return int(cur.lastrowid or 0)

    def finish_build(self, build_id: int, counts: Mapping[ItemStatus, int]) -> None:
        counts = {status: counts.get(status, 0) for status in ItemStatus}
        with self._transaction():
            self.conn.execute(
                "UPDATE builds SET finished=?, added=?, duplicate=?, near_duplicate=?, rejected=?, unchanged=? WHERE id=?",
                (
                    _now(),
                    counts[ItemStatus.ADDED],
                    counts[ItemStatus.DUPLICATE],
                    counts[ItemStatus.NEAR_DUPLICATE],
                    counts[ItemStatus.REJECTED],
                    counts[ItemStatus.UNCHANGED],
                    build_id,
                ),
            )

    def _write_rejection(self, file: str, rejection: Rejection) -> ItemOutcome:
        self._retire_previous(rejection.origin, rejection.raw_hash)
        self._record_source(rejection.origin, file, rejection.raw_hash, ItemStatus.REJECTED, None, rejection.code, rejection.reason)
        return ItemOutcome(rejection.origin, ItemStatus.REJECTED, None, rejection.code, rejection.reason)

    def _write_document(self, file: str, doc: Document) -> ItemOutcome:
        self._retire_previous(doc.origin, doc.raw_hash)
        if self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
            self._record_source(doc.origin, file, doc.raw_hash, ItemStatus.DUPLICATE, doc.id, None, None)
            return ItemOutcome(doc.origin, ItemStatus.DUPLICATE, doc.id, None, "the same clean text is already stored")
        bands = self._bands(doc.minhash)
        match = self._near_duplicate(doc, bands)
        if match is not None:
            doc = replace(doc, status="near_duplicate", near_duplicate_of=match[0], similarity=round(match[1], 4))
        seq = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
        row = document_row(doc, seq)
        self.conn.execute(
            f"INSERT INTO documents({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
        )
        self.conn.executemany(
            'INSERT INTO document_lines(document_id, seq, kind, start, "end", number) VALUES (?, ?, ?, ?, ?, ?)',
            [(doc.id, i, line.kind.value, line.start, line.end, line.number) for i, line in enumerate(doc.lines)],
        )
        self.conn.executemany(
            "INSERT INTO removed_lines(document_id, seq, number, text, rule, detail) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc.id, i, r.number, r.text, r.rule, r.detail) for i, r in enumerate(doc.removed)],
        )
        self.conn.executemany(
            'INSERT INTO timexes(document_id, seq, start, "end", text, type, value, mod, anchor, certain) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, i, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, int(t.certain)) for i, t in enumerate(doc.timexes)],
        )
        self.conn.executemany(
            "INSERT INTO happenings(document_id, seq, event, names, date, sentence) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc.id, i, h.event, " ".join(sorted(h.names)), h.date, h.sentence) for i, h in enumerate(doc.happenings)],
        )
        self.conn.executemany(
            "INSERT INTO happening_names(name, document_id, seq) VALUES (?, ?, ?)",
            [(name, doc.id, i) for i, h in enumerate(doc.happenings) for name in sorted(h.names)],
        )
        self.conn.executemany(
            "INSERT INTO date_clues(document_id, seq, event, names, relation, sentence) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc.id, i, c.event, " ".join(sorted(c.names)), c.relation, c.sentence) for i, c in enumerate(doc.date_clues)],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO clue_names(name, document_id) VALUES (?, ?)",
            sorted({(name, doc.id) for c in doc.date_clues for name in c.names}),
        )
        self.conn.execute("INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)", (seq, doc.title or "", doc.text))
        write_analysis(self.conn, doc)
        self.conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands(band, bucket, document_id) VALUES (?, ?, ?)",
            [(band, bucket, doc.id) for band, bucket in bands],
        )
        status = ItemStatus.NEAR_DUPLICATE if match else ItemStatus.ADDED
        self._record_source(doc.origin, file, doc.raw_hash, status, doc.id, None, None)
        reason = f"near-duplicate of {match[0]} (similarity {match[1]:.2f})" if match else None
        return ItemOutcome(doc.origin, status, doc.id, None, reason)

    def _retire_previous(self, origin: str, raw_hash: str) -> None:
        """An input that changed replaces what it gave before: its old document goes, unless another
        input still yields it; copies linked to the old document become originals."""
        row = self.conn.execute("SELECT raw_hash, document_id FROM sources WHERE origin = ?", (origin,)).fetchone()
        if row is None or row["raw_hash"] == raw_hash or row["document_id"] is None:
            return
        doc_id = row["document_id"]
        self.conn.execute("UPDATE sources SET document_id = NULL WHERE origin = ?", (origin,))
        if self.conn.execute("SELECT 1 FROM sources WHERE document_id = ? LIMIT 1", (doc_id,)).fetchone():
            return
        old = self.conn.execute("SELECT seq, title, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        self.conn.execute(
            "UPDATE documents SET status = 'ok', near_duplicate_of = NULL, similarity = NULL WHERE near_duplicate_of = ?",
            (doc_id,),
        )
        if self.conn.execute("SELECT 1 FROM happenings WHERE document_id = ? LIMIT 1", (doc_id,)).fetchone():
            self._redate_all = True  # windows elsewhere may have leant on what this document dated
        delete_analysis(self.conn, doc_id)
        for table in (
            "document_lines", "removed_lines", "timexes", "happenings", "happening_names", "date_clues", "clue_names",
            "minhash_bands",
        ):
            self.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
        self.conn.execute(
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
            (old["seq"], old["title"] or "", old["text"]),
        )
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def _record_source(self, origin: str, file: str, raw_hash: str, status: ItemStatus, doc_id: str | None, code: str | None, reason: str | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sources(origin, file, raw_hash, status, document_id, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (origin, file, raw_hash, status.value, doc_id, code, reason),
        )

    def _bands(self, signature: tuple[int, ...]) -> list[tuple[int, str]]:
        rows = self._rows
        return [
            (band, hashlib.blake2b(repr(signature[band * rows : (band + 1) * rows]).encode(), digest_size=8).hexdigest())
            for band in range(len(signature) // rows)
        ]

    def _near_duplicate(self, doc: Document, bands: list[tuple[int, str]]) -> tuple[str, float] | None:
        if not bands:
            return None
        values = ", ".join("(?, ?)" for _ in bands)
        params = [v for pair in bands for v in pair]
        candidates = self.conn.execute(
            # A join from the probe's buckets (CROSS JOIN keeps that order) looks each bucket up in
            # the index; a row-value IN list would scan the whole table for every document.
            f"WITH probe(band, bucket) AS (VALUES {values}) "
            f"SELECT DISTINCT d.id, d.minhash, d.near_duplicate_of FROM probe "
            f"CROSS JOIN minhash_bands b ON b.band = probe.band AND b.bucket = probe.bucket "
            f"JOIN documents d ON d.id = b.document_id "
            # Copies are compared with originals only, never with each other.
            f"WHERE d.status = 'ok'",
            params,
        ).fetchall()
        best: tuple[str, float] | None = None
        mine = np.asarray(doc.minhash, dtype=np.uint32)
        for row in candidates:
            other = np.frombuffer(row["minhash"], dtype=np.uint32)
            if other.shape != mine.shape:
                continue
            similarity = float(np.count_nonzero(other == mine)) / len(mine)
            if similarity >= self.settings.near_duplicate_threshold and (best is None or similarity > best[1]):
                best = (row["near_duplicate_of"] or row["id"], similarity)
        return best

    def _transaction(self) -> "_Transaction":
        return _Transaction(self.conn)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write the store: {exc}") from exc

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                raise StoreError(f"cannot commit to the store: {error}") from error
        else:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"cannot write the store: {exc}") from exc


def _stored_outcome(row: sqlite3.Row) -> ItemOutcome:
    if row["status"] == ItemStatus.REJECTED.value:
        return ItemOutcome(row["origin"], ItemStatus.REJECTED, None, row["code"], row["reason"])
    return ItemOutcome(row["origin"], ItemStatus.UNCHANGED, row["document_id"], None, f"already {row['status']}")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
