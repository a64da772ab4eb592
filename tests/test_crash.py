"""A build killed with SIGKILL in the middle, then run again, ends with exactly the store a clean
build makes: no half-written documents, nothing lost, nothing doubled."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import chronicle
from chronicle import ItemStatus

ARTICLES = 150
# Columns left out of the comparison: ``seq`` numbers rows in insertion order.
SKIP = frozenset({"seq"})
COMPARED = ("documents", "document_lines", "removed_lines", "sources", "files", "minhash_bands", "line_seen")

# The child build reports progress after each file and sleeps a little there, so that the kill
# lands while batches are still being written (the callback is part of the public API; it does
# not change what is stored).
CHILD = """
import sys, time
import chronicle
corpus, db = sys.argv[1], sys.argv[2]
chronicle.build(
    [corpus],
    db=db,
    settings=chronicle.Settings(batch_size=5),
    progress=lambda p: time.sleep(0.02) if p.phase == "process" else None,
)
"""


@pytest.fixture
def corpus(tmp_path: Path, examples_dir: Path) -> Path:
    """150 small distinct articles: the sample texts, each copy with its own numbered sentence."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    sources = sorted((examples_dir / "text").glob("*.txt"))
    for i in range(ARTICLES):
        text = sources[i % len(sources)].read_text(encoding="utf-8").rstrip("\n")
        note = (
            f"In a later note, correspondent number {i} added that delegates from {i + 3} missions kept meeting "
            f"until late that evening in room {1000 + i}."
        )
        (folder / f"article-{i:03d}.txt").write_text(f"{text}\n\n{note}\n", encoding="utf-8")
    return folder


def count_rows(db: Path, table: str) -> int:
    """Rows in ``table``, read through a read-only connection (0 while the store is being created)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_kill_then_rerun_gives_the_same_store(tmp_path: Path, corpus: Path, dump_tables) -> None:
    db = tmp_path / "killed" / "store.db"
    db.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while count_rows(db, "documents") == 0:
            assert proc.poll() is None, f"the build ended before it could be killed: {proc.communicate()[1].decode()[-2000:]}"
            assert time.monotonic() < deadline, "no document was written within 60 s"
            time.sleep(0.01)
        proc.kill()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # The interrupted store is consistent and holds part of the corpus, in whole documents.
    partial = count_rows(db, "documents")
    assert 0 < partial < ARTICLES, f"the kill should land mid-build, found {partial} documents"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute(
            "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.document_id = d.id) "
            "OR NOT EXISTS (SELECT 1 FROM sources s WHERE s.document_id = d.id)"
        ).fetchone()[0]
        assert orphans == 0
        recorded = conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
        unfinished = conn.execute("SELECT COUNT(*) FROM builds WHERE finished IS NULL").fetchone()[0]
    finally:
        conn.close()
    assert unfinished == 1

    # Run the build again, to completion, in this process.
    resumed = chronicle.build([corpus], db=db, settings=chronicle.Settings(batch_size=5))
    assert len(resumed.outcomes) == ARTICLES
    assert resumed.count(ItemStatus.UNCHANGED) == recorded
    assert resumed.added == ARTICLES - recorded
    assert resumed.rejections == ()

    # A reference store built from scratch in one go.
    reference = tmp_path / "reference" / "store.db"
    clean = chronicle.build([corpus], db=reference, settings=chronicle.Settings(batch_size=5))
    assert clean.added == ARTICLES

    assert count_rows(db, "documents") == ARTICLES
    got, want = dump_tables(db, COMPARED, SKIP), dump_tables(reference, COMPARED, SKIP)
    for table in COMPARED:
        assert len(got[table]) == len(want[table]), f"{table}: {len(got[table])} rows, expected {len(want[table])}"
        assert got[table] == want[table], f"table {table} differs from a clean build"

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The full-text index agrees with the documents table (raises if it does not).
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')")
    finally:
        conn.close()
    with chronicle.open(db) as resumed_corpus, chronicle.open(reference) as reference_corpus:
        for word in ("Singapore", "Zelensky", "correspondent"):
            assert sorted(h.document_id for h in resumed_corpus.search(word, limit=200)) == sorted(
                h.document_id for h in reference_corpus.search(word, limit=200)
            )
