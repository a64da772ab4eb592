"""The SQLite store: idempotent and incremental builds, duplicates, WAL, schema version, search, lookups."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import chronicle
from chronicle import ItemStatus
from chronicle.store.schema import SCHEMA_VERSION

NEW_ARTICLE = """Japan and Australia sign defence pact in Tokyo

By Mariko Lindgren-Ueda

TOKYO — Japan and Australia signed a defence agreement on Thursday that will make it easier for their troops to train and operate in each other's countries, the first such pact Tokyo has concluded with any nation other than the United States in six decades.

Prime Minister Fumio Kishida and his Australian counterpart Scott Morrison signed the Reciprocal Access Agreement by video link, with both leaders describing it as a landmark in the security relationship between the two democracies.

The deal sets out the legal framework for visiting forces, including how criminal cases involving soldiers will be handled, an issue that had held up negotiations for several years.

Officials in both capitals said the agreement reflected shared concern about China's growing military activity in the region, though neither leader named Beijing in public remarks after the signing.
"""


def copy_text_corpus(examples_dir: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for path in sorted((examples_dir / "text").glob("*.txt")):
        copies.append(Path(shutil.copy(path, folder / path.name)))
    shutil.copy(examples_dir / "metadata.csv", folder / "metadata.csv")
    return copies


# -- idempotence and incrementality --------------------------------------------------------------


def test_second_build_is_a_no_op(tmp_path: Path, examples_dir: Path, dump_tables) -> None:
    db = tmp_path / "store.db"
    first = chronicle.build([examples_dir], db=db)
    assert first.added == 15
    tables = dump_tables(db)
    fts = dump_tables(db, ("documents_fts",))

    second = chronicle.build([examples_dir], db=db)
    assert second.added == 0
    assert len(second.outcomes) == len(first.outcomes)
    assert all(o.status is ItemStatus.UNCHANGED for o in second.outcomes)
    assert sorted((o.origin, o.document_id) for o in second.outcomes) == sorted((o.origin, o.document_id) for o in first.outcomes)
    assert dump_tables(db) == tables
    assert dump_tables(db, ("documents_fts",)) == fts

    conn = sqlite3.connect(db)
    try:
        builds = conn.execute("SELECT added, unchanged, finished FROM builds ORDER BY id").fetchall()
    finally:
        conn.close()
    assert [(b[0], b[1]) for b in builds] == [(15, 0), (0, 15)]
    assert all(b[2] for b in builds)


def test_incremental_build_reads_only_the_new_file(tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "articles"
    copies = copy_text_corpus(examples_dir, folder)
    db = tmp_path / "store.db"
    first = chronicle.build([folder], db=db)
    assert first.added == len(copies) == 6

    new = folder / "2022-01-06-japan-australia-pact.txt"
    new.write_text(NEW_ARTICLE, encoding="utf-8")
    second = chronicle.build([folder], db=db)
    assert second.added == 1
    assert second.count(ItemStatus.ADDED) == 1
    assert second.count(ItemStatus.UNCHANGED) == 6
    assert [o.origin for o in second.outcomes if o.status is ItemStatus.ADDED] == [str(new)]

    with chronicle.open(db) as corpus:
        assert corpus.stats().documents == 7
        doc = corpus.document(str(new))
    assert doc.title == "Japan and Australia sign defence pact in Tokyo"
    assert doc.authors == ("Mariko Lindgren-Ueda",)

    third = chronicle.build([folder], db=db)
    assert third.added == 0 and third.count(ItemStatus.UNCHANGED) == 7


def test_exact_duplicate_is_stored_once(tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "articles"
    copy_text_corpus(examples_dir, folder)
    original = folder / "2019-minsk-normandy-paris.txt"
    copy = folder / "zz-copy-of-normandy.txt"
    shutil.copy(original, copy)
    db = tmp_path / "store.db"
    report = chronicle.build([folder], db=db)
    outcomes = {o.origin: o for o in report.outcomes}
    assert outcomes[str(original)].status is ItemStatus.ADDED
    assert outcomes[str(copy)].status is ItemStatus.DUPLICATE
    assert outcomes[str(copy)].document_id == outcomes[str(original)].document_id
    with chronicle.open(db) as corpus:
        assert corpus.stats().documents == 6
        sources = corpus.sources(outcomes[str(original)].document_id)
        assert sorted(s.origin for s in sources) == sorted([str(original), str(copy)])
        assert corpus.document(str(copy)).id == outcomes[str(original)].document_id


def test_near_duplicate_is_linked_to_the_original(tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "articles"
    copy_text_corpus(examples_dir, folder)
    original = folder / "2018-06-12-singapore-summit.txt"
    text = original.read_text(encoding="utf-8")
    changed = "Mr. Trump left Singapore on Tuesday evening. Mr. Kim's plane departed a few hours later."
    assert changed in text
    variant = (
        text.replace("Sign in\nNewsletters\n", "Log in\nMy account\nMenu\n")
        .replace(changed, "Mr. Trump flew out of Singapore late on Tuesday, and Mr. Kim's aircraft left shortly after.")
        .replace("Share: Facebook | Twitter | Email | Print\n", "Share on WhatsApp | Telegram | Email\nMost read\n")
    )
    assert variant != text
    (folder / "zz-singapore-syndicated.txt").write_text(variant, encoding="utf-8")
    db = tmp_path / "store.db"
    report = chronicle.build([folder], db=db)
    outcomes = {Path(o.origin).name: o for o in report.outcomes}
    assert outcomes["2018-06-12-singapore-summit.txt"].status is ItemStatus.ADDED
    near = outcomes["zz-singapore-syndicated.txt"]
    assert near.status is ItemStatus.NEAR_DUPLICATE
    original_id = outcomes["2018-06-12-singapore-summit.txt"].document_id
    assert original_id in (near.reason or "")
    assert report.added == 7  # near-duplicates are stored

    with chronicle.open(db) as corpus:
        doc = corpus.document(near.document_id)
        assert doc.status == "near_duplicate"
        assert doc.near_duplicate_of == original_id
        assert doc.similarity is not None and 0.8 <= doc.similarity < 1.0
        assert "flew out of Singapore" in doc.text
        assert corpus.document(original_id).status == "ok"
        assert corpus.stats().near_duplicates == 1
        without = corpus.documents(include_near_duplicates=False)
        assert near.document_id not in [d.id for d in without] and len(without) == 6
    # Unrelated articles are not linked to anything.
    others = [o for name, o in outcomes.items() if name != "zz-singapore-syndicated.txt"]
    assert all(o.status is ItemStatus.ADDED for o in others)


# -- the SQLite file -----------------------------------------------------------------------------


def test_store_is_in_wal_mode_with_the_current_schema(examples_build) -> None:
    conn = sqlite3.connect(f"file:{examples_build.db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert SCHEMA_VERSION >= 1


def test_newer_schema_is_refused(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "store.db"
    chronicle.build([examples_dir / "text" / "2018-06-12-singapore-summit.txt"], db=db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(chronicle.SchemaVersionError, match="upgrade"):
        chronicle.open(db)
    with pytest.raises(chronicle.SchemaVersionError):
        chronicle.build([examples_dir / "text" / "2019-minsk-normandy-paris.txt"], db=db)
    assert issubclass(chronicle.SchemaVersionError, chronicle.StoreError)
    conn = sqlite3.connect(db)
    try:  # the refused build wrote nothing
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    finally:
        conn.close()


def test_opening_a_missing_or_foreign_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(chronicle.StoreError, match="no Chronicle store"):
        chronicle.open(tmp_path / "absent.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all " * 200)
    with pytest.raises(chronicle.StoreError):
        chronicle.open(junk)
    with pytest.raises(chronicle.StoreError):
        chronicle.build([tmp_path], db=junk)


# -- reading: search and lookups -----------------------------------------------------------------


def test_search_finds_a_word_with_a_snippet(examples_build) -> None:
    with chronicle.open(examples_build.db) as corpus:
        hits = corpus.search("Panmunjom")
        assert hits, "expected a match for a word of the RSS article"
        top = hits[0]
        doc = corpus.document(top.document_id)
        assert "Panmunjom" in doc.text
        assert "[Panmunjom]" in top.snippet
        assert top.title == doc.title
        assert all("panmunjom" in corpus.document(h.document_id).text.lower() for h in hits)
        # Porter stemming: the plural finds the singular.
        summit = {h.document_id for h in corpus.search("summit")}
        assert summit and {h.document_id for h in corpus.search("summits")} == summit
        assert corpus.search("xylophonequartz") == []


def test_search_query_errors(examples_build) -> None:
    with chronicle.open(examples_build.db) as corpus:
        with pytest.raises(chronicle.QueryError):
            corpus.search("   ")
        # Unbalanced FTS syntax falls back to plain words instead of failing.
        hits = corpus.search('Putin"')
        assert hits and all("putin" in corpus.document(h.document_id).text.lower() for h in hits)


def test_document_by_prefix_and_origin(examples_build, examples_dir: Path) -> None:
    with chronicle.open(examples_build.db) as corpus:
        listed = corpus.documents()
        target = listed[0]
        by_prefix = corpus.document(target.id[:8])
        assert by_prefix.id == target.id
        assert by_prefix.lines, "a single document comes with its kept lines"
        assert corpus.document(target.id) == by_prefix
        by_origin = corpus.document(str(examples_dir / "text" / "2015-07-14-iran-nuclear-deal.txt"))
        assert by_origin.title == "Iran and six world powers strike nuclear deal after marathon talks in Vienna"
        for ref in ("ffffffffffff", "0000", "not-a-document", str(examples_dir / "text" / "missing.txt")):
            with pytest.raises(chronicle.NotFoundError):
                corpus.document(ref)
        assert issubclass(chronicle.NotFoundError, chronicle.ChronicleError)


def test_listing_order_and_limits(examples_build) -> None:
    with chronicle.open(examples_build.db) as corpus:
        everything = corpus.documents()
        assert [d.id for d in corpus.iter_documents()] == [d.id for d in everything]
        assert [d.id for d in corpus.documents(limit=3, offset=2)] == [d.id for d in everything[2:5]]
        added_order = [o.document_id for o in examples_build.report.outcomes if o.status is ItemStatus.ADDED]
        assert [d.id for d in everything] == added_order


# -- the repetition index ------------------------------------------------------------------------

REPEATED = "Edition of the morning desk team"


@pytest.mark.parametrize("copies, removed", [(3, True), (2, False)])
def test_line_repeated_across_articles_is_furniture(tmp_path: Path, examples_dir: Path, copies: int, removed: bool) -> None:
    """A short line found in ``repetition_min_documents`` (3) unrelated articles is removed from each."""
    names = ["2015-07-14-iran-nuclear-deal.txt", "china-japan-korea-trilateral.txt", "singapore-summit-wire.txt"]
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in names[:copies]:
        text = (examples_dir / "text" / name).read_text(encoding="utf-8")
        (folder / name).write_text(f"{REPEATED}\n{text}", encoding="utf-8")
    db = tmp_path / "store.db"
    report = chronicle.build([folder], db=db)
    assert report.count(ItemStatus.ADDED) == copies
    with chronicle.open(db) as corpus:
        docs = [corpus.document(d.id) for d in corpus.documents()]
    for doc in docs:
        rules = [r.rule for r in doc.removed if r.text == REPEATED]
        if removed:
            assert REPEATED not in doc.text
            assert rules == ["repeated-across-corpus"]
        else:
            assert REPEATED in doc.text
            assert rules == []


# -- changed inputs ------------------------------------------------------------------------------


def test_an_edited_article_replaces_its_old_version(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "pact.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    db = tmp_path / "store.db"
    first = chronicle.build([folder], db=db)
    (old_id,) = [o.document_id for o in first.outcomes]

    article.write_text(NEW_ARTICLE.replace("in six decades", "in more than sixty years"), encoding="utf-8")
    second = chronicle.build([folder], db=db)
    assert [o.status for o in second.outcomes] == [ItemStatus.ADDED]  # not a near-duplicate of its stale self
    with chronicle.open(db) as corpus:
        docs = corpus.documents()
        assert [d.id for d in docs] == [second.outcomes[0].document_id]
        assert "more than sixty years" in docs[0].text
        assert corpus.search("decades") == []  # the old text left the full-text index too
        with pytest.raises(chronicle.NotFoundError):
            corpus.document(old_id)


def test_a_changed_sidecar_row_updates_the_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pact.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    sidecar = folder / "meta.csv"
    sidecar.write_text("file,publisher,published\npact.txt,Harbour Courier,2021-01-06\n", encoding="utf-8")
    db = tmp_path / "store.db"
    chronicle.build([folder], db=db)
    sidecar.write_text("file,publisher,published\npact.txt,Harbour Courier,2022-01-06\n", encoding="utf-8")
    again = chronicle.build([folder], db=db)
    assert again.count(ItemStatus.ADDED) == 1
    with chronicle.open(db) as corpus:
        (doc,) = corpus.documents()
    assert doc.published.value == "2022-01-06"
    assert doc.published.basis == "metadata"


def test_copies_of_a_retired_original_become_originals(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    original = folder / "a.txt"
    original.write_text(NEW_ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("Advertisement\n\n" + NEW_ARTICLE.replace("Thursday", "Thursday morning"), encoding="utf-8")
    db = tmp_path / "store.db"
    first = chronicle.build([folder], db=db)
    assert sorted(o.status for o in first.outcomes) == [ItemStatus.ADDED, ItemStatus.NEAR_DUPLICATE]

    original.write_text(NEW_ARTICLE.replace("in six decades", "in more than sixty years"), encoding="utf-8")
    chronicle.build([folder], db=db)
    with chronicle.open(db) as corpus:
        copy = corpus.document(str(folder / "b.txt"))
        edited = corpus.document(str(original))
        # The copy outlived its original, so it is the original now; the edited article is its copy.
        assert copy.status == "ok" and copy.near_duplicate_of is None
        assert edited.status == "near_duplicate" and edited.near_duplicate_of == copy.id
        assert len(corpus.documents()) == 2
