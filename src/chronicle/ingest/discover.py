"""Expand the paths a user gives (files, folders, globs) into input files with their format."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".csv": "sidecar",
    ".tsv": "sidecar",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
}
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:RDF")


@dataclass(frozen=True)
class InputFile:
    """A file to ingest. ``format`` is text, html, jsonl, parquet, sidecar, warc, feed, unsupported or missing."""

    path: str
    format: str


def file_format(path: Path) -> str:
    """Return the ingest format of ``path`` from its name (and, for ``.xml``, its first bytes)."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    fmt = _FORMATS.get(path.suffix.lower(), "unsupported")
    if fmt == "xml":
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return "unsupported"
        fmt = "feed" if any(marker in head for marker in _FEED_MARKERS) else "unsupported"
    return fmt


def discover(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[InputFile]:
    """Yield every input file under ``paths`` once, in a stable order.

    Folders are walked recursively (hidden files and folders are skipped); a path that does not
    exist is tried as a glob pattern (``**`` allowed); a path that matches nothing is yielded with
    format ``missing`` so the build can record it. Paths in ``exclude`` (the store's own files)
    are never yielded.
    """
    seen: set[str] = {str(Path(p).resolve()) for p in exclude}
    for raw in paths:
        for path in _expand(str(raw)):
            key = str(path.resolve()) if path.exists() else str(path)
            if key in seen:
                continue  # given twice, or one of the excluded files
            seen.add(key)
            yield InputFile(str(path), file_format(path) if path.exists() else "missing")


def _expand(raw: str) -> Iterator[Path]:
    path = Path(raw)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path).parts
            if child.is_file() and not any(part.startswith(".") for part in rel):
                yield child
    elif path.exists():
        yield path
    elif any(ch in raw for ch in "*?["):
        matches = sorted(glob.glob(raw, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        dirs = [Path(m) for m in matches if Path(m).is_dir()]
        if not files and not dirs:
            yield path
        yield from files
        for folder in dirs:
            yield from _expand(str(folder))
    else:
        yield path
