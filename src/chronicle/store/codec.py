"""Rows to records and back."""

from __future__ import annotations

import json
import sqlite3
from array import array

from chronicle.models import Attribute, DateBasis, Document, Line, LineKind, PublishedDate, RemovedLine, Timex


def pack_minhash(values: tuple[int, ...]) -> bytes:
    return array("I", values).tobytes()


def unpack_minhash(blob: bytes) -> tuple[int, ...]:
    values = array("I")
    values.frombytes(blob)
    return tuple(values)


def document_row(doc: Document, seq: int) -> dict[str, object]:
    """Return the ``documents`` row of ``doc``."""
    return {
        "id": doc.id,
        "seq": seq,
        "origin": doc.origin,
        "raw_hash": doc.raw_hash,
        "url": doc.url,
        "title": doc.title,
        "title_evidence": doc.title_evidence,
        "publisher": doc.publisher.value if doc.publisher else None,
        "publisher_evidence": doc.publisher.evidence if doc.publisher else None,
        "authors": json.dumps(list(doc.authors), ensure_ascii=False),
        "authors_evidence": doc.authors_evidence,
        "published": doc.published.value,
        "published_basis": doc.published.basis.value,
        "published_start": doc.published.window_start,
        "published_end": doc.published.window_end,
        "published_evidence": doc.published.evidence,
        # What the document alone says about its date; corpus stages refine published_* from it.
        "base_basis": doc.published.basis.value,
        "base_start": doc.published.window_start,
        "base_end": doc.published.window_end,
        "base_evidence": doc.published.evidence,
        "language": doc.language,
        "language_score": doc.language_score,
        "encoding": doc.encoding,
        "text": doc.text,
        "word_count": doc.word_count,
        "status": doc.status,
        "near_duplicate_of": doc.near_duplicate_of,
        "similarity": doc.similarity,
        "minhash": pack_minhash(doc.minhash),
    }


def document_from_row(
    row: sqlite3.Row,
    lines: list[sqlite3.Row] | None = None,
    removed: list[sqlite3.Row] | None = None,
    timexes: list[sqlite3.Row] | None = None,
) -> Document:
    """Rebuild a ``Document`` from its row (and, when given, its line rows)."""
    publisher = Attribute(row["publisher"], row["publisher_evidence"] or "") if row["publisher"] else None
    return Document(
        id=row["id"],
        origin=row["origin"],
        raw_hash=row["raw_hash"],
        url=row["url"],
        title=row["title"],
        title_evidence=row["title_evidence"],
        publisher=publisher,
        authors=tuple(json.loads(row["authors"])),
        authors_evidence=row["authors_evidence"],
        published=PublishedDate(
            DateBasis(row["published_basis"]),
            row["published"],
            row["published_start"],
            row["published_end"],
            row["published_evidence"],
        ),
        language=row["language"],
        language_score=row["language_score"],
        encoding=row["encoding"],
        text=row["text"],
        lines=tuple(Line(LineKind(r["kind"]), r["start"], r["end"], r["number"]) for r in lines or ()),
        removed=tuple(RemovedLine(r["number"], r["text"], r["rule"], r["detail"]) for r in removed or ()),
        minhash=unpack_minhash(row["minhash"]),
        timexes=tuple(
            Timex(r["start"], r["end"], r["text"], r["type"], r["value"], r["anchor"], bool(r["certain"]), r["mod"])
            for r in timexes or ()
        ),
        status=row["status"],
        near_duplicate_of=row["near_duplicate_of"],
        similarity=row["similarity"],
    )
