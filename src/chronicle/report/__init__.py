"""The report: a briefing on the corpus as one self-contained HTML file (or Markdown).

The HTML file needs nothing but a browser: styles, the plotly.js bundle (once, in the head), the
charts' figures and a few lines of script are inline, nothing is fetched. Article text is untrusted:
the templates escape everything they print (HTML autoescaping; Markdown output escapes markup
characters too) and the charts escape the text of their hover labels, which plotly.js reads as HTML.
The Markdown report has no charts: its tables carry the same counts.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateError, select_autoescape

import chronicle
from chronicle.errors import ChronicleError
from chronicle.report.briefing import Briefing, gather_briefing
from chronicle.report.chart import ChartError, dyad_chart, plotly_bundle, timeline_chart

__all__ = ["Briefing", "ReportError", "gather_briefing", "render_html", "render_markdown", "write_report"]


class ReportError(ChronicleError):
    """The report cannot be rendered or written."""


def _environment(markdown: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("chronicle.report", "templates"),
        autoescape=False if markdown else select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_markdown_text if markdown else None,
    )
    return env


# Enough to keep printed text from opening a tag, a link, code or emphasis, or a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def _markdown_text(value: object) -> object:
    """Markdown output: printed values cannot open HTML tags, links or emphasis, nor break a table row."""
    if value is None or isinstance(value, (int, float)):
        return "" if value is None else value
    text = " ".join(str(value).split()).replace("&", "&amp;")
    return _MARKDOWN_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)


def _context(briefing: Briefing, store: str) -> dict[str, object]:
    return {
        "b": briefing,
        "store": store,
        "version": chronicle.__version__,
        "shown": briefing.shown,
        "profiled": {p.id for p in briefing.profiles},
    }


def _charts(briefing: Briefing) -> dict[str, object]:
    return {
        "plotly_js": plotly_bundle(),
        # The chart starts a few years before the first article: older dates are history recalled.
        "chart": timeline_chart(briefing.events, briefing.outlets, first_year=_first_year(briefing)),
        "charts": [dyad_chart(d.anchor, d.periods) for d in briefing.dyads],
    }


HISTORY_YEARS = 3


def _first_year(briefing: Briefing) -> int | None:
    first = briefing.overview.first_published
    return int(first[:4]) - HISTORY_YEARS if first else None


def render_html(briefing: Briefing, store: str = "") -> str:
    """Return the briefing as one self-contained HTML document, its charts drawn by the plotly.js
    bundle it embeds.

    Raises:
        ReportError: the template cannot be rendered or plotly cannot draw the charts.
    """
    try:
        context = _context(briefing, store) | _charts(briefing)
        return _environment(False).get_template("report.html.j2").render(context)
    except ChartError as exc:
        raise ReportError(f"cannot draw the report's charts: {exc}") from exc
    except TemplateError as exc:
        raise ReportError(f"cannot render the HTML report: {exc}") from exc


def render_markdown(briefing: Briefing, store: str = "") -> str:
    """Return the briefing as Markdown (anchors as inline HTML ``<a id>``, article text escaped).

    Raises:
        ReportError: the template cannot be rendered.
    """
    try:
        text = _environment(True).get_template("report.md.j2").render(_context(briefing, store))
    except TemplateError as exc:
        raise ReportError(f"cannot render the Markdown report: {exc}") from exc
    return re.sub(r"\n{3,}", "\n\n", text)


def write_report(conn: sqlite3.Connection, path: str | Path, *, fmt: str = "html", dyads: int = 3) -> int:
    """Gather the briefing from the store behind ``conn`` and write it to ``path``; return its size in bytes.

    ``fmt`` is "html" or "md"; ``dyads`` how many of the busiest actor pairs get a section.

    Raises:
        ReportError: the format is unknown, rendering fails or the file cannot be written.
        KnowledgeError: a packaged table the views need cannot be read.
    """
    if fmt not in ("html", "md"):
        raise ReportError(f"unknown report format '{fmt}': choose html or md")
    store = conn.execute("PRAGMA database_list").fetchone()[2] or "(in memory)"
    briefing = gather_briefing(conn, dyads=dyads)
    text = render_html(briefing, Path(store).name) if fmt == "html" else render_markdown(briefing, Path(store).name)
    data = text.encode("utf-8")
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise ReportError(f"cannot write the report to {path}: {exc}") from exc
    return len(data)
