"""Shared fixtures: where the corpora are, stores built once per session, table dumps.

Everything here uses the real library on real files: corpora are read from disk, stores are real
SQLite files under pytest's temporary directories.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import chronicle

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples" / "articles"

# Tables whose content is the store's state (``builds`` is a log of runs and differs by design).
STATE_TABLES = ("documents", "document_lines", "removed_lines", "sources", "files", "minhash_bands", "line_seen")


@dataclass(frozen=True)
class Built:
    """A store built once for a test session, and the report of that build."""

    db: Path
    report: chronicle.BuildReport


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The user's corpus (5 scraped news pages) in ../shared/seeds next to the repository."""
    if not SEEDS.is_dir() or not sorted(SEEDS.glob("*.txt")):
        pytest.skip(f"the user's seed corpus is not available: expected .txt files in {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_files(seeds_dir: Path) -> dict[str, Path]:
    """Seed files by their 3-digit prefix ("000" ... "004")."""
    return {path.name[:3]: path for path in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The sample corpus shipped in the repository."""
    assert EXAMPLES.is_dir(), f"the sample corpus is missing at {EXAMPLES}"
    return EXAMPLES


@pytest.fixture(scope="session")
def build_seeds(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the seeds; returns its path (open it read-only only)."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    chronicle.build([seeds_dir], db=db)
    return db


@pytest.fixture(scope="session")
def seed_docs(build_seeds: Path) -> dict[str, chronicle.Document]:
    """The seed documents (with kept and removed lines) by the seed file's 3-digit prefix."""
    with chronicle.open(build_seeds) as corpus:
        return {Path(d.origin).name[:3]: corpus.document(d.id) for d in corpus.documents()}


@pytest.fixture(scope="session")
def examples_build(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A store built once from the sample corpus (open it read-only only)."""
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    report = chronicle.build([examples_dir], db=db)
    return Built(db, report)


@pytest.fixture(scope="session")
def sample_text(examples_dir: Path) -> Callable[[str], str]:
    """Return the text of a sample article in examples/articles/text by file name."""

    def read(name: str) -> str:
        return (examples_dir / "text" / name).read_text(encoding="utf-8")

    return read


def _dump(db: Path, tables: tuple[str, ...] = STATE_TABLES, skip_columns: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dump: dict[str, list[tuple]] = {}
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in skip_columns]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f"SELECT {quoted} FROM {table}").fetchall()
            dump[table] = sorted(rows, key=repr)
        return dump
    finally:
        conn.close()


@pytest.fixture(scope="session")
def dump_tables() -> Callable[..., dict[str, list[tuple]]]:
    """Return a function giving the sorted rows of the store's state tables (optionally without some columns)."""
    return _dump

