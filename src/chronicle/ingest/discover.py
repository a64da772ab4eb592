"""Expand the paths a user gives (files, folders, globs) into input files with their format."""

from __future__ import annotations

import glob
import os
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
        for path, key, exists in _expand(str(raw)):
            if key in seen:
                continue  # given twice, or one of the excluded files
            seen.add(key)
            yield InputFile(path, file_format(Path(path)) if exists else "missing")


def _expand(raw: str) -> Iterator[tuple[str, str, bool]]:
    """(path as it will be named, resolved key, whether it exists) of every file ``raw`` stands for."""
    path = Path(raw)
    if path.is_dir():
        yield from _walk(path)
    elif path.exists():
        yield str(path), str(path.resolve()), True
    elif any(ch in raw for ch in "*?["):
        matches = sorted(glob.glob(raw, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        dirs = [Path(m) for m in matches if Path(m).is_dir()]
        if not files and not dirs:
            yield str(path), str(path), False
        for file in files:
            yield str(file), str(file.resolve()), True
        for folder in dirs:
            yield from _walk(folder)
    else:
        yield str(path), str(path), False


def _walk(folder: Path) -> Iterator[tuple[str, str, bool]]:
    """Every visible file under ``folder``, ordered by path parts (as sorted Paths order them).

    The folder is resolved once; its files' keys are built from it (resolving each of a hundred
    thousand files would cost more than reading the new ones).
    """
    root = str(folder)
    resolved = str(folder.resolve())
    found: list[tuple[str, ...]] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(current, root)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        found.extend(parts + (name,) for name in files if not name.startswith("."))
    for parts in sorted(found):
        yield os.path.join(root, *parts), os.path.join(resolved, *parts), True
