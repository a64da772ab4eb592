"""Dating undated articles from the happenings dated articles report (corpus stage)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import chronicle
from chronicle.clean import load_lexicon
from chronicle.corpus.dating import find_clues


def test_a_scheduled_summit_is_a_clue_that_the_article_came_first() -> None:
    text = "Japan requested the call just ahead of Trump's scheduled summit with Chinese President Xi Jinping in Florida."
    (clue,) = [c for c in find_clues(text, load_lexicon()) if c.event == "meeting"]
    assert clue.relation == "before"
    assert {"trump", "jinping", "florida"} <= clue.names


def test_countries_and_a_distant_happening_word_are_no_clue() -> None:
    text = (
        '"Japan is closely watching what measures China might take," Abe told reporters, breaking with '
        "his typical protocol of not commenting on summits between other leaders."
    )
    assert find_clues(text, load_lexicon()) == ()


def test_a_later_dated_article_bounds_an_earlier_undated_one(tmp_path: Path, seeds_dir: Path, examples_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seeds_dir / "002_a5ee3e9932943c80.txt", folder / "nikkei.txt")
    db = tmp_path / "store.db"
    chronicle.build([folder], db=db)
    with chronicle.open(db) as corpus:
        assert corpus.document(str(folder / "nikkei.txt")).published.basis == "unknown"

    # The dated report of the Mar-a-Lago summit arrives in a later build: the undated article is
    # re-dated incrementally, without rebuilding anything.
    shutil.copy(examples_dir / "html" / "2017-04-07-mar-a-lago.html", folder / "mar-a-lago.html")
    report = chronicle.build([folder], db=db)
    assert report.added == 1
    with chronicle.open(db) as corpus:
        published = corpus.document(str(folder / "nikkei.txt")).published
    assert published.basis == "inferred" and published.value is None
    assert (published.window_start, published.window_end) == (None, "2017-04-07")
    assert "2017-04-07" in published.evidence

    # Re-running changes nothing, and the document's own evidence is kept apart.
    before = sqlite3.connect(db).execute("SELECT published_end, base_basis, base_end FROM documents ORDER BY id").fetchall()
    chronicle.build([folder], db=db)
    after = sqlite3.connect(db).execute("SELECT published_end, base_basis, base_end FROM documents ORDER BY id").fetchall()
    assert before == after
    assert ("2017-04-07", "unknown", None) in after

    # When the dated article is edited away, the bound it gave goes with it.
    (folder / "mar-a-lago.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    chronicle.build([folder], db=db)
    with chronicle.open(db) as corpus:
        assert corpus.document(str(folder / "nikkei.txt")).published.basis == "unknown"
