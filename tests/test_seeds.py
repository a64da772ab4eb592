"""Acceptance on the user's corpus: 5 scraped news pages in ../shared/seeds.

Built once per session with ``chronicle.build`` and read back with ``chronicle.open``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import chronicle
from chronicle import DateBasis, LineKind

SEED_IDS = ("000", "001", "002", "003", "004")

DEBRIS = (
    "Get more with myNEWS",
    "A personalised news feed",
    "{{numberReadArticles}}",
    "Subscribe to get unlimited access",
    "Try 3 months for $9",
    "ArrowArtboardCreated with Sketch",
    "Copyright © Chosunilbo",
    "All Headlines Back to Top",
    "Subscription Options",
    "Research Areas",
    "print PRINT",
)
# Trailing tag lines that must not survive as lines of their own.
TAG_LINES = {
    "003": ("Ambassador", "Trending Japan"),
    "004": ("Pivotal Places", "Publications & Project Lists"),
}
HEADLINES = {
    "000": "Trump Increasingly Asks Abe for Advice on N.Korea",
    "001": "Donald Trump and Shinzo Abe agree to keep pressure up on North Korea",
    "002": "Abe tries to keep Trump-Xi talks laser-focused on Pyongyang",
    "003": "Japan’s Abe, Trump to continue close coordination on N. Korea",
    "004": "Can Abe Help Trump Prepare for the North Korea Summit?",
}
SENTENCE_END = (".", "?", "!", "”", '"')


def collapse(text: str) -> str:
    return " ".join(text.split())


def kept_lines(doc: chronicle.Document, kind: LineKind | None = None) -> list[str]:
    return [doc.line_text(line) for line in doc.lines if kind is None or line.kind is kind]


def test_exactly_five_documents_stored(build_seeds: Path, seed_files: dict[str, Path]) -> None:
    assert tuple(seed_files) == SEED_IDS
    with chronicle.open(build_seeds) as corpus:
        docs = corpus.documents()
        sources = corpus.sources()
    assert len(docs) == 5
    assert sorted(Path(d.origin).name for d in docs) == sorted(p.name for p in seed_files.values())
    assert [s.status for s in sources] == ["added"] * 5
    assert all(d.status == "ok" for d in docs)


@pytest.mark.parametrize("debris", DEBRIS)
def test_debris_is_absent_from_every_document(seed_docs: dict[str, chronicle.Document], debris: str) -> None:
    assert len(seed_docs) == 5
    for seed, doc in seed_docs.items():
        assert debris not in doc.text, f"seed {seed} keeps site debris {debris!r}"


@pytest.mark.parametrize("seed, tags", sorted(TAG_LINES.items()))
def test_trailing_tag_lines_are_removed(seed_docs: dict[str, chronicle.Document], seed: str, tags: tuple[str, ...]) -> None:
    doc = seed_docs[seed]
    lines = {collapse(line).lstrip("•*- ").strip() for line in doc.text.splitlines()}
    removed = {collapse(r.text).lstrip("•*- ").strip() for r in doc.removed}
    for tag in tags:
        assert tag not in lines, f"seed {seed} keeps the tag line {tag!r}"
        assert tag in removed, f"seed {seed}: tag line {tag!r} is not recorded as removed"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_no_body_sentence_is_lost(seed_docs: dict[str, chronicle.Document], seed_files: dict[str, Path], seed: str) -> None:
    """Every long raw line that ends like a sentence is in the clean text, verbatim."""
    clean = collapse(seed_docs[seed].text)
    sentences = [
        collapse(raw)
        for raw in seed_files[seed].read_text(encoding="utf-8").splitlines()
        if len(raw.split()) >= 15 and collapse(raw).endswith(SENTENCE_END)
    ]
    assert len(sentences) >= 5, f"seed {seed}: expected several article paragraphs in the raw file"
    lost = [s for s in sentences if s not in clean]
    assert not lost, f"seed {seed} lost {len(lost)} body sentence(s): {lost}"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_headline_is_the_title(seed_docs: dict[str, chronicle.Document], seed: str) -> None:
    doc = seed_docs[seed]
    assert doc.title == HEADLINES[seed]
    assert kept_lines(doc, LineKind.HEADLINE) == [HEADLINES[seed]]


def test_seed_001_photo_captions_are_kept_as_captions(seed_docs: dict[str, chronicle.Document], seed_files: dict[str, Path]) -> None:
    raw = seed_files["001"].read_text(encoding="utf-8").splitlines()
    expected = [
        collapse(line)
        for line in raw
        if "during a dinner in Tokyo" in line or line.rstrip().endswith("Photo: Kyodo")
    ]
    assert len(expected) == 2, "the seed should hold two photo captions"
    captions = [collapse(text) for text in kept_lines(seed_docs["001"], LineKind.CAPTION)]
    assert captions == expected


def test_seed_000_date_is_stated(seed_docs: dict[str, chronicle.Document]) -> None:
    published = seed_docs["000"].published
    assert published.basis is DateBasis.STATED
    assert published.value == "2020-01-14"
    assert "January 14, 2020" in published.evidence


def test_seed_001_date_is_stated_by_the_caption(seed_docs: dict[str, chronicle.Document]) -> None:
    published = seed_docs["001"].published
    assert published.basis is DateBasis.STATED
    assert published.value == "2018-02-14"
    assert "caption" in published.evidence.lower()


@pytest.mark.parametrize("seed", ("002", "003", "004"))
def test_undated_seeds_are_unknown_or_inferred_never_today(seed_docs: dict[str, chronicle.Document], seed: str) -> None:
    published = seed_docs[seed].published
    today = dt.date.today().isoformat()
    assert published.basis in (DateBasis.UNKNOWN, DateBasis.INFERRED)
    assert published.value is None
    assert today not in (published.window_start, published.window_end)
    assert published.evidence.strip()
    if published.basis is DateBasis.INFERRED:
        assert published.window_start or published.window_end, "an inferred date needs a window"
        for bound in (published.window_start, published.window_end):
            if bound:
                dt.date.fromisoformat(bound)
    else:
        assert published.window_start is None and published.window_end is None


def test_dates_in_the_store_listing(build_seeds: Path) -> None:
    with chronicle.open(build_seeds) as corpus:
        stats = corpus.stats()
    assert (stats.first_published, stats.last_published) == ("2018-02-14", "2020-01-14")


@pytest.mark.parametrize(
    "seed, authors",
    [("000", ("Lee Ha-won", "Kim Jin-myung")), ("004", ("Pamela Kennedy",)), ("001", ()), ("002", ()), ("003", ())],
)
def test_authors(seed_docs: dict[str, chronicle.Document], seed: str, authors: tuple[str, ...]) -> None:
    doc = seed_docs[seed]
    assert doc.authors == authors
    if authors:
        assert "byline" in doc.authors_evidence


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_removed_line_has_a_rule(seed_docs: dict[str, chronicle.Document], seed: str) -> None:
    doc = seed_docs[seed]
    for removed in doc.removed:
        assert removed.rule.strip(), f"seed {seed}: removed line {removed.number} {removed.text!r} has no rule"
        assert removed.number >= 1


@pytest.mark.parametrize("seed", SEED_IDS)
def test_kept_lines_match_the_clean_text(seed_docs: dict[str, chronicle.Document], seed: str) -> None:
    """The kept lines' offsets cover the clean text exactly, in order, with their source line numbers."""
    doc = seed_docs[seed]
    assert "\n\n".join(kept_lines(doc)) == doc.text
    numbers = [line.number for line in doc.lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert doc.language == "en"


def test_demo_build_with_the_sample_corpus_keeps_the_same_seed_documents(
    seeds_dir: Path, examples_dir: Path, seed_docs: dict[str, chronicle.Document], tmp_path: Path
) -> None:
    """``make demo`` builds the sample corpus and the seeds together: the seeds come out the same."""
    db = tmp_path / "demo.db"
    report = chronicle.build([examples_dir, seeds_dir], db=db)
    assert report.rejections == ()
    assert report.count(chronicle.ItemStatus.ADDED) == 20
    with chronicle.open(db) as corpus:
        for seed, doc in seed_docs.items():
            combined = corpus.document(doc.origin)
            assert combined.id == doc.id, f"seed {seed} is cleaned differently next to the sample corpus"
            assert combined.status == "ok"
            if doc.published.value is not None:
                assert combined.published == doc.published
            else:
                # Next to dated articles an undated seed's window may only narrow, never move.
                assert combined.published.value is None
                start, end = combined.published.window_start, combined.published.window_end
                if doc.published.window_start:
                    assert start is not None and start >= doc.published.window_start
                if doc.published.window_end:
                    assert end is not None and end <= doc.published.window_end


def test_undated_seeds_are_bounded_by_the_dated_sample_articles(examples_dir: Path, seeds_dir: Path, tmp_path: Path) -> None:
    """The Nikkei seed calls the Trump-Xi Florida summit "scheduled"; a dated sample article puts
    the end of that summit on 2017-04-07, so the seed was written on or before that day."""
    db = tmp_path / "demo.db"
    chronicle.build([examples_dir, seeds_dir], db=db)
    with chronicle.open(db) as corpus:
        nikkei = corpus.document(str(seeds_dir / "002_a5ee3e9932943c80.txt"))
        diplomat = corpus.document(str(seeds_dir / "004_6ceb2ecdab5cf8e8.txt"))
    assert nikkei.published.basis == "inferred" and nikkei.published.value is None
    assert nikkei.published.window_end == "2017-04-07"
    assert "scheduled summit" in nikkei.published.evidence
    # "Trump's potential meeting with ... Kim Jong-un in May" precedes the Singapore summit.
    assert diplomat.published.window_start == "2017-01-01"
    assert diplomat.published.window_end == "2018-06-12"
