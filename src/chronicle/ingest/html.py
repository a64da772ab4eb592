"""HTML pages: main text with trafilatura, publication date with htmldate (metadata only)."""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass

import htmldate
import trafilatura

from chronicle.errors import RejectedInput

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class HtmlExtract:
    """What an HTML page yields: main text (one paragraph per line) and its metadata."""

    text: str
    title: str | None
    author: str | None
    sitename: str | None
    date: str | None  # from the page's own metadata (meta tags, JSON-LD, <time>), never guessed


def declared_charset(payload: bytes) -> str | None:
    """Return the charset an HTML page declares in a ``<meta>`` tag, if any."""
    match = _CHARSET.search(payload[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the main article text and metadata of an HTML page.

    The date comes from htmldate without its extensive text search, so a date is only reported
    when the page's markup states it.

    Raises:
        RejectedInput: ``no-article`` when the page holds no extractable article text.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except (ValueError, TypeError, AttributeError) as exc:  # malformed markup deep in lxml
            raise RejectedInput("no-article", f"the HTML page could not be parsed: {exc}") from exc
        if doc is None or not (doc.text or "").strip():
            raise RejectedInput("no-article", "the HTML page holds no article text (navigation or empty page)")
        try:
            date = htmldate.find_date(html, extensive_search=False, original_date=True, url=url)
        except (ValueError, TypeError):
            date = None
    return HtmlExtract(
        text=doc.text,
        title=(doc.title or "").strip() or None,
        author=(doc.author or "").strip() or None,
        sitename=(doc.sitename or "").strip() or None,
        date=date,
    )
