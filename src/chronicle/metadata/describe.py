"""Title, publisher and authors with the evidence each came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from chronicle.clean.cleaner import CleanText
from chronicle.clean.features import Lexicon
from chronicle.ingest.html import HtmlExtract
from chronicle.metadata.published import publication_date
from chronicle.models import Attribute, LineKind, PublishedDate, SourceItem

_NAME = r"[A-Z0-9][\w'’&-]*(?:\.[\w'’&-]+)*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z0-9][\w'’&-]*(?:\.[\w'’&-]+)*){0,5}"
_PUBLISHER_CUES = (
    (re.compile(rf"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*,?\s*)?(?:by\s+)?({_NAME})", re.I), "copyright line"),
    (re.compile(rf"\baccess to (?:the )?({_NAME})"), "subscription notice"),
    (re.compile(rf"^({_NAME}):\s+(?:news|analysis|the|your)\b", re.I), "site tagline"),
)
_BYLINE_PREFIX = re.compile(r"^(?:by|written by|reporting by|words by)\s+", re.I)
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata of one document, each value with its evidence."""

    title: str | None
    title_evidence: str
    publisher: Attribute | None
    authors: tuple[str, ...]
    authors_evidence: str
    published: PublishedDate


def describe(clean: CleanText, item: SourceItem, html: HtmlExtract | None, lexicon: Lexicon) -> DocumentMeta:
    """Gather a document's metadata from its sidecar row, its own metadata and its text."""
    side, meta = item.sidecar, item.metadata
    headline = clean.of_kind(LineKind.HEADLINE)
    title, title_evidence = _first(
        (side.title if side else None, f"{side.origin if side else ''} title"),
        (meta.title, f"{meta.origin} field 'title'"),
        (html.title if html else None, "HTML title"),
        (headline[0][1] if headline else None, f"headline (line {headline[0][0].number})" if headline else ""),
    )
    byline = _byline_authors(clean, lexicon)
    authors, authors_evidence = _first(
        (side.authors if side else None, f"{side.origin if side else ''} authors"),
        (meta.authors, f"{meta.origin} field 'authors'"),
        (byline[0], byline[1]),
        (tuple(a.strip() for a in html.author.split(";")) if html and html.author else None, "HTML author metadata"),
    )
    given = ((meta.published, meta.origin),) + (((html.date, "HTML"),) if html else ())
    return DocumentMeta(
        title=title,
        title_evidence=title_evidence if title else "no headline found",
        publisher=_publisher(clean, item, html),
        authors=tuple(authors or ()),
        authors_evidence=authors_evidence if authors else "no byline found",
        published=publication_date(clean, lexicon, side, given, item.crawled),
    )


def _first(*candidates):  # type: ignore[no-untyped-def]
    for value, evidence in candidates:
        if value:
            return value, evidence
    return None, ""


def _byline_authors(clean: CleanText, lexicon: Lexicon) -> tuple[tuple[str, ...] | None, str]:
    for line, text in clean.of_kind(LineKind.BYLINE):
        names = _BYLINE_PREFIX.sub("", text).split("|")[0]
        authors = tuple(
            n.strip(" .")
            for n in _SPLIT_AUTHORS.split(names)
            if n.strip()
            and n.strip()[0].isupper()
            and len(n.split()) <= 5
            and not any(w.lower() in lexicon.organisation_words for w in n.split())
        )
        if authors:
            return authors, f"byline (line {line.number}): '{text}'"
    return None, ""


def _publisher(clean: CleanText, item: SourceItem, html: HtmlExtract | None) -> Attribute | None:
    side, meta = item.sidecar, item.metadata
    if side and side.publisher:
        return Attribute(side.publisher, f"{side.origin} publisher")
    if meta.publisher:
        return Attribute(meta.publisher, f"{meta.origin} field 'publisher'")
    if html and html.sitename:
        return Attribute(html.sitename, "HTML site name")
    for removed in clean.removed:
        for pattern, cue in _PUBLISHER_CUES:
            if match := pattern.search(removed.text):
                name = match.group(1).strip(" .,&|")
                if name and not name.isdigit():
                    return Attribute(name, f"{cue} (line {removed.number}): '{removed.text.strip()}'")
    url = (side.url if side else None) or meta.url
    if url and (host := urlsplit(url).hostname):
        return Attribute(host.removeprefix("www."), f"URL host of {url}")
    return None
