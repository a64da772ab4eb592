"""Read every supported input format into ``SourceItem``s (or ``Rejection``s), streaming.

Container formats (JSONL, Parquet, WARC, RSS/Atom) yield one item per article; a bad item inside a
container is a rejection of that item alone, never of the whole file.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from chronicle.config import Settings
from chronicle.errors import RejectedInput
from chronicle.ingest.discover import InputFile
from chronicle.ingest.parquet import parquet_rows
from chronicle.ingest.sidecar import SidecarIndex
from chronicle.models import Rejection, SourceItem, SourceMetadata

Item = SourceItem | Rejection


def content_hash(payload: bytes, sidecar: SourceMetadata | None = None) -> str:
    """Return the hex digest that identifies an input item: its raw bytes and its sidecar row.

    A sidecar row that changes makes the item new, so its metadata is taken up again.
    """
    digest = hashlib.blake2b(payload, digest_size=16)
    if sidecar is not None:
        digest.update(b"\0sidecar\0" + metadata_fingerprint(sidecar).encode("utf-8"))
    return digest.hexdigest()


def metadata_fingerprint(meta: SourceMetadata | None) -> str:
    """A short, stable fingerprint of a metadata row ('' when there is none)."""
    if meta is None:
        return ""
    return hashlib.blake2b(repr(meta).encode("utf-8"), digest_size=8).hexdigest()


def read_items(source: InputFile, settings: Settings, sidecars: SidecarIndex) -> Iterator[Item]:
    """Yield the article items of one input file, in file order.

    Never raises for bad content: unreadable files, oversize items, malformed lines and the like
    come out as ``Rejection``s with a reason.
    """
    reader = _READERS.get(source.format)
    if reader is None:
        yield _reject_file(source)
        return
    try:
        yield from reader(source, settings, sidecars)
    except OSError as exc:
        yield Rejection(source.path, "", "unreadable", f"cannot read the file: {exc.strerror or exc}")


def _reject_file(source: InputFile) -> Rejection:
    if source.format == "missing":
        return Rejection(source.path, "", "not-found", "no such file, folder or matching glob")
    suffix = Path(source.path).suffix or "(none)"
    return Rejection(
        source.path,
        "",
        "unsupported-format",
        f"unsupported file type {suffix}: expected .txt, .html, .jsonl, .parquet, .csv/.tsv, .warc(.gz) or an RSS/Atom feed",
    )


def _too_large(origin: str, size: int, settings: Settings) -> Rejection:
    return Rejection(
        origin,
        "",
        "too-large",
        f"{size:,} bytes is over the size limit of {settings.max_item_bytes:,} bytes (setting max_item_bytes)",
    )


def _read_single(source: InputFile, settings: Settings, sidecars: SidecarIndex) -> Iterator[Item]:
    path = Path(source.path)
    size = path.stat().st_size
    if size > settings.max_item_bytes:
        yield _too_large(source.path, size, settings)
        return
    payload = path.read_bytes()
    sidecar = sidecars.lookup(path=source.path)
    yield SourceItem(
        origin=source.path,
        kind=source.format,
        payload=payload,
        raw_hash=content_hash(payload, sidecar),
        sidecar=sidecar,
    )


def _authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(a.strip() for a in value.replace(" and ", ";").replace(",", ";").split(";") if a.strip())
    if isinstance(value, list):
        # A list column may hold nulls (Parquet): those are no author.
        return tuple(str(a).strip() for a in value if a is not None and str(a).strip())
    return ()


def _read_jsonl(source: InputFile, settings: Settings, sidecars: SidecarIndex) -> Iterator[Item]:
    with open(source.path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            origin = f"{source.path}#L{number}"
            if not line.strip():
                continue
            if len(line) > settings.max_item_bytes:
                yield _too_large(origin, len(line), settings)
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                detail = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
                yield Rejection(origin, content_hash(line), "malformed-jsonl", f"line {number} is not valid JSON: {detail}")
                continue
            if not isinstance(record, dict):
                yield Rejection(origin, content_hash(line), "malformed-jsonl", f"line {number} is JSON but not an object")
                continue
            yield _record_item(record, line, origin, f"line {number}", "jsonl", sidecars)


def _read_parquet(source: InputFile, settings: Settings, sidecars: SidecarIndex) -> Iterator[Item]:
    try:
        for number, row in parquet_rows(source.path):
            # The row's canonical form plays the part of a JSONL line: it is what identifies the
            # item (the same row always hashes the same) and what is measured against the limit.
            canonical = json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
            origin = f"{source.path}#row{number}"
            if len(canonical) > settings.max_item_bytes:
                yield _too_large(origin, len(canonical), settings)
                continue
            yield _record_item(row, canonical, origin, f"row {number}", "parquet", sidecars)
    except RejectedInput as exc:
        yield Rejection(source.path, "", exc.code, exc.reason)


def _record_item(record: dict[str, Any], raw: bytes, origin: str, label: str, fmt: str, sidecars: SidecarIndex) -> Item:
    """The item for one article record (a JSONL object or a Parquet row) whose identifying bytes are ``raw``.

    ``text`` is the body, or else ``html``; a record with neither is rejected as ``<fmt>-no-text``.
    """
    body, kind = record.get("text"), "text"
    if not (isinstance(body, str) and body.strip()):
        body, kind = record.get("html"), "html"
    if not (isinstance(body, str) and body.strip()):
        return Rejection(origin, content_hash(raw), f"{fmt}-no-text", f"{label} has no non-empty 'text' or 'html' field")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    sidecar = sidecars.lookup(url=url)
    return SourceItem(
        origin=origin,
        kind=kind,
        payload=body.encode("utf-8"),
        raw_hash=content_hash(raw, sidecar),
        metadata=SourceMetadata(
            title=_str(record.get("title")),
            published=_published(record.get("published")),
            publisher=_str(record.get("publisher")),
            authors=_authors(record.get("authors")),
            url=url,
            origin=fmt,
        ),
        sidecar=sidecar,
    )


def _published(value: object) -> str | None:
    """A date as given (a string) or, from a typed column, its ISO date in its own time zone."""
    if isinstance(value, dt.date):  # datetime.datetime included
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return _str(value)


def _str(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _read_warc(source: InputFile, settings: Settings, sidecars: SidecarIndex) -> Iterator[Item]:
    with open(source.path, "rb") as handle:
        records = ArchiveIterator(handle)
        responses = 0
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                responses += 1
                origin = f"{source.path}#response{responses}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                if "html" not in ctype.lower():
                    yield Rejection(origin, "", "warc-not-html", f"response for {url} is {ctype or 'of unknown type'}, not HTML")
                    continue
                payload = record.content_stream().read(settings.max_item_bytes + 1)
                if len(payload) > settings.max_item_bytes:
                    yield _too_large(origin, len(payload), settings)
                    continue
                warc_date = record.rec_headers.get_header("WARC-Date") or ""
                sidecar = sidecars.lookup(url=url)
                yield SourceItem(
                    origin=origin,
                    kind="html",
                    payload=payload,
                    raw_hash=content_hash(payload, sidecar),
                    metadata=SourceMetadata(url=url, origin="warc"),
                    sidecar=sidecar,
                    crawled=warc_date[:10] or None,
                )
        except ArchiveLoadFailed as exc:
            yield Rejection(source.path, "", "malformed-warc", f"the WARC file is damaged: {exc}")


def _read_feed(source: InputFile, settings: Settings, sidecars: SidecarIndex) -> Iterator[Item]:
    path = Path(source.path)
    size = path.stat().st_size
    if size > settings.max_item_bytes * 20:
        yield _too_large(source.path, size, settings)
        return
    parsed = feedparser.parse(path.read_bytes())
    if not parsed.entries:
        problem = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield Rejection(source.path, "", "malformed-feed", f"no feed entries could be read{problem}")
        return
    publisher = _str(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries, start=1):
        origin = f"{source.path}#entry{index}"
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        payload = (body or "").encode("utf-8")
        if not payload.strip():
            yield Rejection(origin, "", "feed-no-text", f"feed entry {index} has no content or summary")
            continue
        stamp = _feed_date(entry)
        authors = tuple(a.get("name", "").strip() for a in entry.get("authors", []) if a.get("name"))
        url = _str(entry.get("link"))
        title = _str(entry.get("title"))
        sidecar = sidecars.lookup(url=url)
        meta_bytes = repr((title, stamp, publisher, authors, url)).encode("utf-8")
        yield SourceItem(
            origin=origin,
            kind="html",
            payload=payload,
            raw_hash=content_hash(payload + b"\0" + meta_bytes, sidecar),
            metadata=SourceMetadata(
                title=title,
                published=stamp,
                publisher=publisher,
                authors=authors,
                url=url,
                origin="feed",
            ),
            sidecar=sidecar,
        )


def _feed_date(entry: dict) -> str | None:  # type: ignore[type-arg]
    """The entry's date as stated (its own time zone), not converted to UTC."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else None


_READERS = {
    "text": _read_single,
    "html": _read_single,
    "jsonl": _read_jsonl,
    "parquet": _read_parquet,
    "warc": _read_warc,
    "feed": _read_feed,
}
