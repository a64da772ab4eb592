"""Every input kind, on real files: text, HTML (UTF-8 and cp1252), RSS, Atom, JSONL, CSV sidecar,
WARC (plain and gzip), folders, globs, single files and mojibake repair."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import chronicle
from chronicle import DateBasis, ItemStatus
from chronicle.ingest.decode import decode_payload
from chronicle.ingest.html import declared_charset


def docs_by_origin(db: Path) -> dict[str, chronicle.Document]:
    with chronicle.open(db) as corpus:
        return {d.origin: corpus.document(d.id) for d in corpus.documents()}


def body_paragraphs(text: str) -> list[str]:
    """The long sentence-like paragraphs of a sample article (its body, without furniture)."""
    return [p.strip() for p in text.splitlines() if len(p.split()) >= 15 and p.strip().endswith((".", '"', "”"))]


# -- the sample corpus ---------------------------------------------------------------------------


def test_sample_corpus_builds(examples_build, examples_dir: Path) -> None:
    report = examples_build.report
    assert report.rejections == ()
    assert report.count(ItemStatus.ADDED) == 15
    docs = docs_by_origin(examples_build.db)
    assert len(docs) == 15
    for kind in ("text", "html"):
        for path in sorted((examples_dir / kind).iterdir()):
            assert str(path) in docs, f"{path.name} did not become a document"
            assert docs[str(path)].word_count >= 40
    # The sidecar only adds metadata: it is neither a document nor a rejection.
    assert not any(o.origin.endswith("metadata.csv") for o in report.outcomes)


def test_text_article_keeps_body_and_byline(examples_build, examples_dir: Path) -> None:
    path = examples_dir / "text" / "2018-06-12-singapore-summit.txt"
    doc = docs_by_origin(examples_build.db)[str(path)]
    assert doc.title == "Trump and Kim sign broad pledge on denuclearization at first-ever summit in Singapore"
    assert doc.authors == ("Daniel Okafor-Reyes",)
    assert (doc.published.basis, doc.published.value) == (DateBasis.STATED, "2018-06-12")
    for paragraph in body_paragraphs(path.read_text(encoding="utf-8")):
        assert paragraph in doc.text
    for debris in ("Sign in", "Newsletters", "Subscribe now", "All rights reserved", "Share: Facebook"):
        assert debris not in doc.text


def test_html_article_metadata(examples_build, examples_dir: Path) -> None:
    doc = docs_by_origin(examples_build.db)[str(examples_dir / "html" / "2016-05-27-obama-hiroshima.html")]
    assert doc.title == "Obama becomes first sitting U.S. president to visit Hiroshima"
    assert (doc.published.basis, doc.published.value) == (DateBasis.METADATA, "2016-05-27")
    assert doc.publisher is not None and doc.publisher.value == "Atlas Daily"
    assert "<p>" not in doc.text and "</" not in doc.text


def test_html_without_date_is_never_given_one(examples_build, examples_dir: Path) -> None:
    doc = docs_by_origin(examples_build.db)[str(examples_dir / "html" / "undated-abe-pearl-harbor.html")]
    assert doc.published.value is None
    # Its only possible bound is the dated Hiroshima visit it speaks of in the past tense, which
    # shares too few names to be trusted for a past mention.
    assert doc.published.basis is DateBasis.UNKNOWN
    assert "cookies" not in doc.text.lower()


def test_cp1252_html_decodes_with_the_right_characters(examples_build, examples_dir: Path) -> None:
    path = examples_dir / "html" / "encoding-latin1-brexit.html"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the file really is not UTF-8
    decoded = decode_payload(raw, declared_charset(raw))
    assert decoded.encoding == "windows-1252"
    assert "€1 a week" in decoded.text
    assert "Hélène Marchetti-Boyd" in decoded.text
    assert "café" in decoded.text

    doc = docs_by_origin(examples_build.db)[str(path)]
    assert doc.encoding == "windows-1252"
    assert doc.authors == ("Hélène Marchetti-Boyd",)
    assert "the UK’s withdrawal" in doc.text
    assert "“This is a good deal for both sides" in doc.text
    for garbage in ("\ufffd", "Ã", "â€"):
        assert garbage not in doc.text


def test_rss_feed_yields_two_documents_with_metadata(examples_build, examples_dir: Path) -> None:
    feed = examples_dir / "feeds" / "diplomacy.rss"
    docs = {o: d for o, d in docs_by_origin(examples_build.db).items() if o.startswith(str(feed))}
    assert sorted(docs) == [f"{feed}#entry1", f"{feed}#entry2"]
    first, second = docs[f"{feed}#entry1"], docs[f"{feed}#entry2"]
    assert first.title == "Koreas pledge denuclearization and end to war as Kim crosses border for summit"
    assert (first.published.basis, first.published.value) == (DateBasis.METADATA, "2018-04-27")
    assert first.authors == ("Ji-hoon Castellanos",)
    assert first.url == "https://example-news.test/diplomacy/2018/04/27/moon-kim-panmunjom-summit"
    assert (second.published.basis, second.published.value) == (DateBasis.METADATA, "2021-09-15")
    assert second.authors == ("Priya Haldane-Moore",)
    for doc in (first, second):
        assert doc.publisher is not None and doc.publisher.value == "Example News - Diplomacy"
        assert "<p>" not in doc.text
    assert "PANMUNJOM, South Korea — North Korean leader Kim Jong Un stepped across" in first.text


def test_jsonl_yields_three_documents_with_their_fields(examples_build, examples_dir: Path) -> None:
    path = examples_dir / "jsonl" / "wire.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) == 3
    docs = docs_by_origin(examples_build.db)
    for number, record in enumerate(records, start=1):
        doc = docs[f"{path}#L{number}"]
        assert doc.title == record["title"]
        assert doc.url == record["url"]
        assert doc.publisher is not None and doc.publisher.value == record["publisher"]
        assert doc.authors == tuple(record["authors"])
        assert (doc.published.basis, doc.published.value) == (DateBasis.METADATA, record["published"])
        assert "jsonl" in doc.published.evidence


def test_csv_sidecar_adds_metadata(examples_build, examples_dir: Path) -> None:
    rows = {r["file"]: r for r in csv.DictReader((examples_dir / "metadata.csv").open(encoding="utf-8"))}
    docs = docs_by_origin(examples_build.db)
    doc = docs[str(examples_dir / "text" / "china-japan-korea-trilateral.txt")]
    assert (doc.published.basis, doc.published.value) == (DateBasis.METADATA, "2019-12-24")
    assert "metadata.csv" in doc.published.evidence
    assert doc.publisher is not None and doc.publisher.value == "Asia Pacific Wire"
    assert doc.authors == ("Sun-hee Pemberton",)
    assert doc.url == rows["china-japan-korea-trilateral.txt"]["url"]
    assert doc.title == rows["china-japan-korea-trilateral.txt"]["title"]
    # A row that only gives a publisher changes only the publisher.
    wire = docs[str(examples_dir / "text" / "singapore-summit-wire.txt")]
    assert wire.publisher is not None and wire.publisher.value == "Harbor Times"
    assert wire.published.basis is not DateBasis.METADATA


# -- WARC ----------------------------------------------------------------------------------------

WARC_URL = "https://news.test/world/iran-deal"


def write_warc(path: Path, html: str, gzip: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                WARC_URL,
                "response",
                payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2015-07-20T10:00:00Z"},
            )
        )
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(range(64))),
                http_headers=headers,
            )
        )


@pytest.fixture
def warc_article(sample_text) -> tuple[str, list[str]]:
    paragraphs = body_paragraphs(sample_text("2015-07-14-iran-nuclear-deal.txt"))
    assert sum(len(p.split()) for p in paragraphs) >= 60
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Iran and six world powers strike nuclear deal</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
        "<h1>Iran and six world powers strike nuclear deal</h1>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    return html, paragraphs


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_non_html_record_is_rejected(tmp_path: Path, warc_article, name: str, gzip: bool) -> None:
    warc = tmp_path / name
    write_warc(warc, warc_article[0], gzip)
    report = chronicle.build([warc], db=tmp_path / "warc.db")
    codes = [o.code for o in report.rejections]
    assert "warc-not-html" in codes
    reason = next(o.reason for o in report.rejections if o.code == "warc-not-html")
    assert "https://news.test/logo.png" in reason and "image/png" in reason
    with chronicle.open(tmp_path / "warc.db") as corpus:
        assert "warc-not-html" in [r.code for r in corpus.rejections()]


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_response_becomes_a_document(tmp_path: Path, warc_article, name: str, gzip: bool) -> None:
    """Regression: reading the record offset before the payload made warcio skip the record, so every
    HTML response came out empty and was rejected as 'empty'."""
    html, paragraphs = warc_article
    warc = tmp_path / name
    write_warc(warc, html, gzip)
    report = chronicle.build([warc], db=tmp_path / "warc.db")
    assert [o.code for o in report.rejections] == ["warc-not-html"]
    with chronicle.open(tmp_path / "warc.db") as corpus:
        docs = corpus.documents()
    assert len(docs) == 1
    doc = docs[0]
    assert doc.url == WARC_URL
    assert doc.origin.startswith(f"{warc}#")
    assert paragraphs[0] in doc.text
    # Nothing on the page dates it: the crawl date bounds the publication date from above.
    assert doc.published.basis is DateBasis.INFERRED
    assert doc.published.value is None
    assert doc.published.window_end == "2015-07-20"
    assert "2015-07-20" in doc.published.evidence


# -- paths: folders, globs, single files ---------------------------------------------------------


@pytest.fixture
def nested_corpus(tmp_path: Path, examples_dir: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "asia" / "korea").mkdir(parents=True)
    (root / "europe").mkdir()
    (root / ".cache").mkdir()
    text = examples_dir / "text"
    shutil.copy(text / "2018-06-12-singapore-summit.txt", root / "asia" / "korea" / "singapore.txt")
    shutil.copy(text / "china-japan-korea-trilateral.txt", root / "asia" / "trilateral.txt")
    shutil.copy(text / "2019-minsk-normandy-paris.txt", root / "europe" / "normandy.txt")
    shutil.copy(text / "2015-07-14-iran-nuclear-deal.txt", root / "iran.txt")
    shutil.copy(text / "undated-paris-agreement-signing.txt", root / ".cache" / "hidden.txt")
    shutil.copy(examples_dir / "html" / "2016-05-27-obama-hiroshima.html", root / "europe" / "hiroshima.html")
    return root


def test_folder_is_read_recursively_skipping_hidden(tmp_path: Path, nested_corpus: Path) -> None:
    report = chronicle.build([nested_corpus], db=tmp_path / "c.db")
    origins = sorted(Path(o.origin).relative_to(nested_corpus).as_posix() for o in report.outcomes)
    assert origins == ["asia/korea/singapore.txt", "asia/trilateral.txt", "europe/hiroshima.html", "europe/normandy.txt", "iran.txt"]
    assert report.count(ItemStatus.ADDED) == 5


def test_glob_pattern(tmp_path: Path, nested_corpus: Path) -> None:
    report = chronicle.build([f"{nested_corpus}/**/*.txt"], db=tmp_path / "g.db")
    origins = sorted(Path(o.origin).relative_to(nested_corpus).as_posix() for o in report.outcomes)
    assert origins == ["asia/korea/singapore.txt", "asia/trilateral.txt", "europe/normandy.txt", "iran.txt"]
    assert all(o.status is ItemStatus.ADDED for o in report.outcomes)


def test_glob_matching_nothing_is_not_found(tmp_path: Path, nested_corpus: Path) -> None:
    pattern = f"{nested_corpus}/**/*.nothing"
    report = chronicle.build([pattern], db=tmp_path / "n.db")
    assert [(o.origin, o.status, o.code) for o in report.outcomes] == [(pattern, ItemStatus.REJECTED, "not-found")]
    assert report.nothing_read


def test_single_file(tmp_path: Path, nested_corpus: Path) -> None:
    path = nested_corpus / "europe" / "normandy.txt"
    report = chronicle.build([path], db=tmp_path / "s.db")
    assert [(o.origin, o.status) for o in report.outcomes] == [(str(path), ItemStatus.ADDED)]
    with chronicle.open(tmp_path / "s.db") as corpus:
        (doc,) = corpus.documents()
    assert doc.title == "Putin and Zelensky agree on ceasefire and prisoner swap at Paris summit"
    assert (doc.published.basis, doc.published.value) == (DateBasis.STATED, "2019-12-10")


def test_the_same_file_given_twice_is_read_once(tmp_path: Path, nested_corpus: Path) -> None:
    path = nested_corpus / "iran.txt"
    report = chronicle.build([path, f"{nested_corpus}/./iran.txt", f"{nested_corpus}/ira*.txt"], db=tmp_path / "t.db")
    assert len(report.outcomes) == 1 and report.outcomes[0].status is ItemStatus.ADDED


# -- mojibake ------------------------------------------------------------------------------------

MOJIBAKE_ARTICLE = """Japan’s Abe and Trump agree to keep up pressure on North Korea

TOKYO — Japan’s Prime Minister Shinzo Abe said on Wednesday that he and U.S. President Donald Trump agreed in a telephone call to keep up maximum pressure on North Korea until it takes concrete steps to give up its nuclear weapons.

Abe said the two leaders confirmed the unshakeable bond of the Japan-U.S. alliance, and that Tokyo would coordinate closely with Washington and Seoul in the weeks ahead of the Olympics.

The call came amid concern in Tokyo that the thaw between the two Koreas could weaken the international campaign of sanctions against Pyongyang’s weapons programmes.
"""


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    garbled = MOJIBAKE_ARTICLE.encode("utf-8").decode("cp1252")
    assert "Japanâ€™s" in garbled and "â€”" in garbled
    path = tmp_path / "mojibake.txt"
    path.write_text(garbled, encoding="utf-8")
    report = chronicle.build([path], db=tmp_path / "m.db")
    assert report.outcomes[0].status is ItemStatus.ADDED
    with chronicle.open(tmp_path / "m.db") as corpus:
        (doc,) = corpus.documents()
    assert doc.title == "Japan’s Abe and Trump agree to keep up pressure on North Korea"
    assert "TOKYO — Japan’s Prime Minister" in doc.text
    assert "Pyongyang’s weapons" in doc.text
    assert "â€" not in doc.text
    assert "mojibake repaired" in doc.encoding


def test_utf16_with_byte_order_mark(tmp_path: Path, sample_text) -> None:
    text = sample_text("2015-07-14-iran-nuclear-deal.txt").replace("Federica Mogherini", "Federica Mogherini, the café-loving envoy,")
    path = tmp_path / "utf16.txt"
    path.write_text(text, encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    report = chronicle.build([path], db=tmp_path / "u.db")
    assert report.outcomes[0].status is ItemStatus.ADDED
    with chronicle.open(tmp_path / "u.db") as corpus:
        (doc,) = corpus.documents()
    assert doc.encoding == "utf-16"
    assert "the café-loving envoy" in doc.text
    assert doc.title == "Iran and six world powers strike nuclear deal after marathon talks in Vienna"


def test_jsonl_html_field_and_bad_lines(tmp_path: Path, sample_text) -> None:
    paragraphs = body_paragraphs(sample_text("2019-minsk-normandy-paris.txt"))
    html = "<html><body><article><h1>Putin and Zelensky meet in Paris</h1>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs) + "</article></body></html>"
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"html": html, "url": "https://wire.test/paris", "published": "2019-12-10T18:00:00+01:00"}),
        "",
        json.dumps({"title": "a record without any text", "text": "   "}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = chronicle.build([path], db=tmp_path / "j.db")
    assert [(o.origin, o.status, o.code) for o in report.outcomes] == [
        (f"{path}#L1", ItemStatus.ADDED, None),
        (f"{path}#L3", ItemStatus.REJECTED, "jsonl-no-text"),
        (f"{path}#L4", ItemStatus.REJECTED, "malformed-jsonl"),
    ]
    with chronicle.open(tmp_path / "j.db") as corpus:
        (doc,) = corpus.documents()
    assert doc.url == "https://wire.test/paris"
    assert (doc.published.basis, doc.published.value) == (DateBasis.METADATA, "2019-12-10")
    assert paragraphs[0] in doc.text and "<p>" not in doc.text


# -- Atom ----------------------------------------------------------------------------------------

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Gazette</title>
  <id>urn:uuid:6a0c6e1e-harbour-gazette</id>
  <updated>2018-06-13T00:00:00Z</updated>
  <entry>
    <title>Trump and Kim sign pledge at Singapore summit</title>
    <link href="https://harbour.test/2018/06/12/singapore-summit"/>
    <id>urn:uuid:entry-1</id>
    <published>{published}</published>
    <updated>2018-06-12T12:00:00Z</updated>
    <author><name>Jane Doe-Smith</name></author>
    <content type="html">{content}</content>
  </entry>
  <entry>
    <title>An entry without any text</title>
    <link href="https://harbour.test/2018/06/12/empty"/>
    <id>urn:uuid:entry-2</id>
    <updated>2018-06-12T12:00:00Z</updated>
  </entry>
</feed>
"""


def write_atom(path: Path, paragraphs: list[str], published: str) -> None:
    content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    path.write_text(ATOM.format(published=published, content=escape(content)), encoding="utf-8")


@pytest.mark.parametrize("name", ["gazette.atom", "gazette.xml"])
def test_atom_feed(tmp_path: Path, sample_text, name: str) -> None:
    paragraphs = body_paragraphs(sample_text("2018-06-12-singapore-summit.txt"))
    feed = tmp_path / name
    write_atom(feed, paragraphs, "2018-06-12T08:00:00Z")
    report = chronicle.build([feed], db=tmp_path / "a.db")
    statuses = {o.origin: (o.status, o.code) for o in report.outcomes}
    assert statuses == {
        f"{feed}#entry1": (ItemStatus.ADDED, None),
        f"{feed}#entry2": (ItemStatus.REJECTED, "feed-no-text"),
    }
    with chronicle.open(tmp_path / "a.db") as corpus:
        (doc,) = corpus.documents()
    assert doc.title == "Trump and Kim sign pledge at Singapore summit"
    assert doc.url == "https://harbour.test/2018/06/12/singapore-summit"
    assert doc.authors == ("Jane Doe-Smith",)
    assert doc.publisher is not None and doc.publisher.value == "Harbour Gazette"
    assert (doc.published.basis, doc.published.value) == (DateBasis.METADATA, "2018-06-12")
    for paragraph in paragraphs:
        assert paragraph in doc.text
    assert doc.title_evidence == "feed field 'title'"


def test_feed_date_keeps_the_stated_local_date(tmp_path: Path, sample_text) -> None:
    """Regression: feed dates were converted to UTC, so 2018-06-12T01:30:00+09:00 was dated 2018-06-11
    while the same timestamp in JSONL or HTML metadata keeps its stated date."""
    paragraphs = body_paragraphs(sample_text("2018-06-12-singapore-summit.txt"))
    feed = tmp_path / "gazette.atom"
    write_atom(feed, paragraphs, "2018-06-12T01:30:00+09:00")
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text(
        json.dumps({"text": "\n\n".join(paragraphs[:6]), "published": "2018-06-12T01:30:00+09:00"}) + "\n", encoding="utf-8"
    )
    chronicle.build([feed, jsonl], db=tmp_path / "tz.db")
    docs = docs_by_origin(tmp_path / "tz.db")
    assert docs[f"{jsonl}#L1"].published.value == "2018-06-12"
    assert docs[f"{feed}#entry1"].published.value == "2018-06-12"


def test_dates_are_never_today(examples_build) -> None:
    today = dt.date.today().isoformat()
    for doc in docs_by_origin(examples_build.db).values():
        assert today not in (doc.published.value, doc.published.window_start, doc.published.window_end)


# -- hard-wrapped plain text ---------------------------------------------------------------------

WRAPPED_PARAGRAPHS = [
    "Leaders meet in Geneva",
    "GENEVA — The foreign ministers of the two countries met on Thursday in Geneva for three hours of talks on a "
    "prisoner exchange, the first such meeting in more than a year, officials from both delegations said afterwards.",
    "The talks were held at a lakeside villa lent by the Swiss government, which has acted as an intermediary between "
    "the two capitals since their embassies were closed. Neither minister spoke to reporters on arrival.",
    "Both sides described the talks as useful and agreed to meet again next month, but gave no details of the list of "
    "prisoners under discussion or of the timetable for any release.",
]


def test_hard_wrapped_text_keeps_every_sentence(tmp_path: Path) -> None:
    """Regression: the cleaner judged each physical line, so an article hard-wrapped at 78 columns kept
    only 19 body words and was rejected as 'no-article' (longer ones lost their wrapped last paragraph)."""
    path = tmp_path / "wrapped.txt"
    path.write_text("\n\n".join(textwrap.fill(p, 78) for p in WRAPPED_PARAGRAPHS) + "\n", encoding="utf-8")
    report = chronicle.build([path], db=tmp_path / "w.db")
    assert [(o.status, o.code) for o in report.outcomes] == [(ItemStatus.ADDED, None)]
    with chronicle.open(tmp_path / "w.db") as corpus:
        (doc,) = corpus.documents()
    clean = " ".join(doc.text.split())
    for paragraph in WRAPPED_PARAGRAPHS[1:]:
        assert paragraph in clean


# -- known problems ------------------------------------------------------------------------------


def test_latin1_text_file_decodes_accented_letters(tmp_path: Path, sample_text) -> None:
    """A Latin-1 .txt (no charset declaration possible) once came out as cp1250: 'seńoras'."""
    text = sample_text("china-japan-korea-trilateral.txt")
    for fancy, plain in (("—", "-"), ("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(fancy, plain)
    text = text.replace("Chengdu", "Chengdu, whose café owners and señoras cheered,", 1)
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    report = chronicle.build([path], db=tmp_path / "l.db")
    assert report.outcomes[0].status is ItemStatus.ADDED
    with chronicle.open(tmp_path / "l.db") as corpus:
        (doc,) = corpus.documents()
    assert "café owners and señoras cheered" in doc.text


def test_feed_headline_is_kept_in_the_text(examples_build, examples_dir: Path) -> None:
    feed = examples_dir / "feeds" / "diplomacy.rss"
    doc = docs_by_origin(examples_build.db)[f"{feed}#entry1"]
    assert doc.text.startswith(doc.title)
