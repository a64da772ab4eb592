"""Bad input: each bad item is a recorded rejection with a clear code; the batch goes on.

Every bad file is made at test time inside tmp_path.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import chronicle
from chronicle import ItemStatus

FRENCH = (
    "Sommet franco-allemand à Paris\n\n"
    "Le président de la République a reçu mardi à l'Élysée le chancelier allemand pour un dîner de travail consacré "
    "à l'avenir de l'Union européenne et à la guerre en Ukraine. Les deux dirigeants ont évoqué la situation économique "
    "du continent, la transition énergétique et le financement de la défense commune.\n\n"
    "Selon l'entourage du président, les discussions ont été franches et constructives, et les deux pays souhaitent "
    "présenter des propositions communes avant le prochain Conseil européen. Les ministres des affaires étrangères se "
    "retrouveront la semaine prochaine à Berlin pour préparer les prochaines étapes de cette coopération renforcée.\n"
)

NAV_ONLY_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>World - Example News</title></head>
<body>
<header><a href="/">Example News</a></header>
<nav><ul>
  <li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
  <li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li>
</ul></nav>
<footer><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></footer>
</body></html>
"""

SHORT_ARTICLE = """Leaders meet in Geneva

GENEVA — The foreign ministers of the two countries met on Thursday in Geneva for three hours of talks on a prisoner exchange, the first such meeting in more than a year, officials from both delegations said afterwards.

Both sides described the talks as useful and agreed to meet again next month, but gave no details of the list of prisoners under discussion or of the timetable for any release.
"""


def with_stray_ff(text: str) -> bytes:
    """Valid UTF-8 with one stray 0xff byte inserted in the middle of a word."""
    data = text.encode("utf-8")
    middle = data.index(b"Trump", len(data) // 2)
    return data[:middle] + b"\xff" + data[middle:]


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path):
    """One folder with two good articles and one of every kind of bad input, built once."""
    root = tmp_path_factory.mktemp("bad")
    folder = root / "inbox"
    folder.mkdir()
    text = examples_dir / "text"
    shutil.copy(text / "2018-06-12-singapore-summit.txt", folder / "good-singapore.txt")
    shutil.copy(text / "2015-07-14-iran-nuclear-deal.txt", folder / "good-iran.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n\t \n")
    (folder / "nul-bytes.txt").write_bytes(b"North Korea\x00\x00\x00\x01\x02" * 40)
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    seed_like = (text / "2018-06-12-singapore-summit.txt").read_text(encoding="utf-8").replace('"', "”")
    assert seed_like.count("”") >= 4  # several multi-byte characters: clearly UTF-8
    (folder / "damaged-utf8.txt").write_bytes(with_stray_ff(seed_like))
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    good_line = json.dumps({"text": (text / "undated-paris-agreement-signing.txt").read_text(encoding="utf-8"), "title": "Paris accord"})
    other_line = json.dumps({"text": (text / "2019-minsk-normandy-paris.txt").read_text(encoding="utf-8")})
    (folder / "wire.jsonl").write_text(good_line + "\n" + '{"text": "unterminated string, }\n' + other_line + "\n", encoding="utf-8")
    (folder / "navigation.html").write_text(NAV_ONLY_HTML, encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    missing = root / "no-such-folder" / "lost.txt"
    db = root / "bad.db"
    report = chronicle.build([folder, missing], db=db)
    return folder, missing, db, report


def outcome(report: chronicle.BuildReport, origin: str | Path) -> chronicle.ItemOutcome:
    matches = [o for o in report.outcomes if o.origin == str(origin)]
    assert len(matches) == 1, f"expected one outcome for {origin}, got {matches}"
    return matches[0]


@pytest.mark.parametrize(
    "name, code",
    [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("nul-bytes.txt", "binary"),
        ("image.html", "binary"),
        ("damaged-utf8.txt", "invalid-utf8"),
        ("french.txt", "language"),
        ("wire.jsonl#L2", "malformed-jsonl"),
        ("navigation.html", "no-article"),
        ("report.pdf", "unsupported-format"),
    ],
)
def test_bad_item_is_a_rejection_with_a_code(bad_batch, name: str, code: str) -> None:
    folder, _, _, report = bad_batch
    result = outcome(report, f"{folder}/{name}")
    assert result.status is ItemStatus.REJECTED
    assert result.code == code
    assert result.reason and len(result.reason) > 10
    assert result.document_id is None


def test_missing_path_is_not_found(bad_batch) -> None:
    _, missing, _, report = bad_batch
    result = outcome(report, missing)
    assert (result.status, result.code) == (ItemStatus.REJECTED, "not-found")


def test_reasons_are_readable(bad_batch) -> None:
    folder, _, _, report = bad_batch
    assert "0xff" in outcome(report, folder / "damaged-utf8.txt").reason
    assert "'fr'" in outcome(report, folder / "french.txt").reason
    assert "line 2" in outcome(report, f"{folder}/wire.jsonl#L2").reason
    assert ".pdf" in outcome(report, folder / "report.pdf").reason
    assert "PNG" in outcome(report, folder / "image.html").reason


def test_the_batch_continues_and_good_items_are_stored(bad_batch) -> None:
    folder, _, db, report = bad_batch
    added = sorted(o.origin for o in report.outcomes if o.status is ItemStatus.ADDED)
    assert added == sorted(
        [str(folder / "good-iran.txt"), str(folder / "good-singapore.txt"), f"{folder}/wire.jsonl#L1", f"{folder}/wire.jsonl#L3"]
    )
    assert not report.nothing_read
    with chronicle.open(db) as corpus:
        docs = corpus.documents()
    assert sorted(d.origin for d in docs) == added
    jsonl_first = next(d for d in docs if d.origin.endswith("#L1"))
    assert jsonl_first.title == "Paris accord"


def test_rejections_are_persisted(bad_batch) -> None:
    folder, missing, db, report = bad_batch
    with chronicle.open(db) as corpus:
        stored = {r.origin: r.code for r in corpus.rejections()}
        stats = corpus.stats()
    assert stored == {o.origin: o.code for o in report.rejections}
    assert stored[str(missing)] == "not-found"
    assert stored[f"{folder}/wire.jsonl#L2"] == "malformed-jsonl"
    assert len(stored) == 10
    assert stats.rejected == 10 and stats.documents == 4


def test_other_language_is_accepted_when_all_languages_are(tmp_path: Path) -> None:
    path = tmp_path / "french.txt"
    path.write_text(FRENCH, encoding="utf-8")
    assert len(FRENCH.split()) >= 60
    report = chronicle.build([path], db=tmp_path / "fr.db", settings=chronicle.Settings(accept_languages=()))
    assert [o.status for o in report.outcomes] == [ItemStatus.ADDED]
    with chronicle.open(tmp_path / "fr.db") as corpus:
        (doc,) = corpus.documents()
    assert doc.language == "fr"
    assert "Élysée" in doc.text


def test_too_large(tmp_path: Path, sample_text) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    small = folder / "short.txt"
    small.write_text(SHORT_ARTICLE, encoding="utf-8")
    big = folder / "long.txt"
    big.write_text(sample_text("2018-06-12-singapore-summit.txt"), encoding="utf-8")
    jsonl = folder / "lines.jsonl"
    jsonl.write_text(
        json.dumps({"text": SHORT_ARTICLE}) + "\n" + json.dumps({"text": sample_text("2015-07-14-iran-nuclear-deal.txt")}) + "\n",
        encoding="utf-8",
    )
    limit = 1500
    assert small.stat().st_size < limit < big.stat().st_size
    settings = chronicle.Settings(max_item_bytes=limit)
    report = chronicle.build([folder], db=tmp_path / "big.db", settings=settings)
    assert (outcome(report, big).status, outcome(report, big).code) == (ItemStatus.REJECTED, "too-large")
    assert "max_item_bytes" in outcome(report, big).reason
    assert outcome(report, f"{jsonl}#L2").code == "too-large"
    # The first JSONL line holds the same article as short.txt: stored once (the JSONL file is read first).
    assert outcome(report, f"{jsonl}#L1").status is ItemStatus.ADDED
    assert outcome(report, small).status is ItemStatus.DUPLICATE
    assert outcome(report, small).document_id == outcome(report, f"{jsonl}#L1").document_id


def test_too_short_text_is_no_article(tmp_path: Path) -> None:
    path = tmp_path / "stub.txt"
    path.write_text("Breaking news\n\nThe two leaders met on Friday. More soon.\n", encoding="utf-8")
    report = chronicle.build([path], db=tmp_path / "stub.db")
    assert [(o.status, o.code) for o in report.outcomes] == [(ItemStatus.REJECTED, "no-article")]
    assert "min_words" in report.outcomes[0].reason


def test_damaged_utf8_with_a_single_multibyte_character(tmp_path: Path, sample_text) -> None:
    """Regression: damaged UTF-8 was refused only with >= 2 well-formed multi-byte sequences; with one em dash
    the file was decoded as cp1250 and stored with a stray '˙' in the headline."""
    text = sample_text("2019-minsk-normandy-paris.txt")
    assert len([ch for ch in text if ord(ch) > 127]) == 1  # one em dash, the rest is ASCII
    data = text.encode("utf-8")
    cut = data.index(b"Zelensky")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    report = chronicle.build([path], db=tmp_path / "d.db")
    assert [(o.status, o.code) for o in report.outcomes] == [(ItemStatus.REJECTED, "invalid-utf8")]


def test_a_later_bad_build_touches_nothing_stored(tmp_path: Path, examples_dir: Path, dump_tables) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("2018-06-12-singapore-summit.txt", "china-japan-korea-trilateral.txt", "2019-minsk-normandy-paris.txt"):
        shutil.copy(examples_dir / "text" / name, folder / name)
    db = tmp_path / "store.db"
    first = chronicle.build([folder], db=db)
    assert first.count(ItemStatus.ADDED) == 3
    with chronicle.open(db) as corpus:
        before = [corpus.document(d.id) for d in corpus.documents()]
    tables_before = dump_tables(db, ("documents", "document_lines", "removed_lines", "minhash_bands"))

    # Bad input arrives in the same folder, and elsewhere.
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "broken.jsonl").write_text("{oops\n[1, 2]\n", encoding="utf-8")
    second = chronicle.build([folder, tmp_path / "missing.txt"], db=db)
    assert second.count(ItemStatus.ADDED) == 0
    assert second.count(ItemStatus.UNCHANGED) == 3
    assert sorted(o.code for o in second.rejections) == sorted(
        ["empty", "binary", "language", "malformed-jsonl", "malformed-jsonl", "not-found"]
    )

    with chronicle.open(db) as corpus:
        after = [corpus.document(d.id) for d in corpus.documents()]
        assert len(corpus.rejections()) == 6
    assert after == before
    assert dump_tables(db, ("documents", "document_lines", "removed_lines", "minhash_bands")) == tables_before
