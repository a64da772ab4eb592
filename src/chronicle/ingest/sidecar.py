"""CSV/TSV metadata sidecars: rows keyed by file name or URL that add metadata to articles."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.errors import RejectedInput
from chronicle.ingest.decode import decode_payload
from chronicle.models import SourceMetadata

_KEY_COLUMNS = ("file", "filename", "file_name", "path", "name")
_ALIASES = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_date", "pubdate", "publication_date"),
    "publisher": ("publisher", "source", "outlet", "site", "sitename"),
    "authors": ("authors", "author", "byline"),
    "url": ("url", "link", "source_url"),
}


@dataclass(frozen=True)
class SidecarIndex:
    """Metadata rows from every sidecar of a build, looked up by file name, path or URL."""

    by_key: dict[str, SourceMetadata] = field(default_factory=dict)

    def lookup(self, path: str | None = None, url: str | None = None) -> SourceMetadata | None:
        """Return the sidecar row for an article's path (full, or bare file name) or URL."""
        for key in (url, path, Path(path).name if path else None):
            if key and key in self.by_key:
                return self.by_key[key]
        return None


def read_sidecar(path: Path) -> list[tuple[str, SourceMetadata]]:
    """Parse one sidecar file into (key, metadata) pairs.

    Raises:
        RejectedInput: the file cannot be decoded or has no file/url column.
    """
    text = decode_payload(path.read_bytes()).text
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = {c.strip().lower(): c for c in (reader.fieldnames or [])}
    key_col = next((columns[c] for c in _KEY_COLUMNS if c in columns), None)
    url_col = next((columns[c] for c in _ALIASES["url"] if c in columns), None)
    if key_col is None and url_col is None:
        raise RejectedInput(
            "sidecar-no-key", f"metadata sidecar has no file or url column (columns: {', '.join(columns) or 'none'})"
        )

    def pick(row: dict[str, str], name: str) -> str | None:
        for alias in _ALIASES[name]:
            if alias in columns and (row.get(columns[alias]) or "").strip():
                return row[columns[alias]].strip()
        return None

    pairs: list[tuple[str, SourceMetadata]] = []
    for row in reader:
        authors = pick(row, "authors")
        meta = SourceMetadata(
            title=pick(row, "title"),
            published=pick(row, "published"),
            publisher=pick(row, "publisher"),
            authors=tuple(a.strip() for a in authors.replace("|", ";").split(";") if a.strip()) if authors else (),
            url=pick(row, "url"),
            origin=f"sidecar {path.name}",
        )
        for key in ((row.get(key_col) or "").strip() if key_col else "", meta.url or ""):
            if key:
                pairs.append((key, meta))
    return pairs


def load_sidecars(paths: Iterable[str]) -> tuple[SidecarIndex, list[tuple[str, RejectedInput]]]:
    """Load every sidecar; return the index and the (path, error) of sidecars that could not be read."""
    by_key: dict[str, SourceMetadata] = {}
    errors: list[tuple[str, RejectedInput]] = []
    for raw in paths:
        try:
            for key, meta in read_sidecar(Path(raw)):
                by_key[key] = meta
        except RejectedInput as exc:
            errors.append((raw, exc))
        except (OSError, csv.Error) as exc:
            errors.append((raw, RejectedInput("sidecar-unreadable", f"cannot read metadata sidecar: {exc}")))
    return SidecarIndex(by_key), errors
