"""The report's charts, drawn with plotly: figures built here, embedded as JSON, drawn by plotly.js.

The HTML report carries the plotly.js bundle of the installed ``plotly`` package once, inline, so the
file still works offline; each chart is a ``<div>`` holding its figure as JSON in a ``data-figure``
attribute. plotly.js renders hover labels and legend names as a small subset of HTML (``<b>``,
``<br>``, ``<a href>``), so every piece of text that comes from an article is HTML-escaped here
before it enters a figure: plotly.js then shows ``&lt;script&gt;`` as the text ``<script>``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from chronicle.errors import ChronicleError
from chronicle.views import PeriodCount, TimelineEvent

__all__ = ["Chart", "ChartError", "QUADS", "dyad_chart", "plotly_bundle", "timeline_chart"]

QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
_LANES = (*QUADS, "other")
COLOURS = {
    "verbal cooperation": "#4c9f70",
    "material cooperation": "#17643f",
    "verbal conflict": "#e0a030",
    "material conflict": "#c0392b",
    "other": "#8a939c",
}
# Planned, hypothetical and negated events did not happen: drawn hollow, so the eye skips them.
SYMBOLS = {"occurred": "circle", "planned": "circle-open", "hypothetical": "diamond-open", "negated": "x-thin-open"}
HOVER_SENTENCE = 160  # characters of the lead sentence shown on hover
HOVER_WIDTH = 80  # characters per line of a hover label
_CONFIG = {"displaylogo": False, "responsive": True}


class ChartError(ChronicleError):
    """A chart cannot be drawn: plotly is missing or carries no plotly.js bundle."""


@dataclass(frozen=True)
class Chart:
    """One chart of the report: the id of its ``<div>``, what it shows (for screen readers), its
    plotly figure and config as JSON (``<``, ``>`` and ``/`` written as escapes, so the JSON can sit
    in HTML), and notes on what it leaves out."""

    anchor: str
    label: str
    figure: str
    config: str
    points: int
    earlier: int = 0  # dated events before ``cutoff`` (history the articles recall), not drawn
    cutoff: int | None = None


@cache
def plotly_bundle() -> str:
    """Return the plotly.js bundle shipped inside the installed ``plotly`` package (a few MB).

    Raises:
        ChartError: plotly is not installed or its bundle cannot be read.
    """
    try:
        from plotly.offline import get_plotlyjs

        bundle = get_plotlyjs()
    except (ImportError, OSError) as exc:
        raise ChartError(f"cannot embed plotly.js: {exc} (install plotly)") from exc
    # The bundle goes inline into a <script> element, which the first "</script" would end.
    if "</script" in bundle.lower():
        raise ChartError("the installed plotly.js bundle cannot be embedded inline: it contains '</script'")
    return bundle


def _to_json(figure: object) -> str:
    from plotly.io import to_json

    # to_json writes <, > and / as \u escapes: the JSON cannot close an element or a script.
    return to_json(figure, validate=True, pretty=False)


def _escape(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def _day(value: str) -> dt.date | None:
    parts = value[:10].split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 7, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _hover(event: TimelineEvent, outlets: dict[str, str]) -> str:
    """The hover label of an event, every part escaped; ``<br>`` is the only markup."""
    what = event.type + (f" ({event.mode})" if event.mode else "")
    lines = [f"<b>{_escape(event.date_label)} · {_escape(what)}</b> · {_escape(event.status)}"]
    if event.between:
        lines.append(_escape(event.between))
    if event.durations:
        lines.append(_escape("; ".join(d.label for d in event.durations)))
    names = list(dict.fromkeys(outlets.get(s.document_id, s.document_id[:12]) for s in event.sources))
    lines.append(f"{len(names)} source{'s' if len(names) != 1 else ''}: {_escape(', '.join(names))}")
    if event.evidence:
        sentence = " ".join(event.lead.sentence.split())
        if len(sentence) > HOVER_SENTENCE:
            sentence = sentence[: HOVER_SENTENCE - 1].rstrip() + "…"
        lines.extend(_escape(line) for line in textwrap.wrap(f"“{sentence}”", HOVER_WIDTH))
    lines.append("click: the event and its evidence")
    return "<br>".join(lines)


def timeline_chart(
    events: Sequence[TimelineEvent], outlets: dict[str, str] | None = None, first_year: int | None = None
) -> Chart | None:
    """Return the timeline: dated events as points on a time axis, one lane and colour per PLOVER
    quad category, a symbol per status, size by number of sources; or None when no event is dated.

    Each point carries the anchor of its event (``e<id>``) and its status in ``customdata``; the
    report's script follows the anchor on click. Events before ``first_year`` (the past the articles
    recall: "the 1953 armistice") are counted, not drawn, so they do not squeeze the years the corpus
    reports on. A year alone is placed mid-year.

    Raises:
        ChartError: plotly is not installed.
    """
    try:
        # Imported when a chart is drawn: the Markdown report and the rest of the CLI do without it.
        import plotly.graph_objects as go
    except ImportError as exc:
        raise ChartError(f"cannot draw the timeline: {exc} (install plotly)") from exc
    outlets = outlets or {}
    dated = [(e, _day(e.date or "")) for e in events if e.dated]
    dated = [(e, d) for e, d in dated if d is not None]
    earlier = sum(1 for _, d in dated if first_year is not None and d.year < first_year)
    dated = [(e, d) for e, d in dated if first_year is None or d.year >= first_year]
    if not dated:
        return None
    lane_of = {label: i for i, label in enumerate(reversed(_LANES))}
    taken: dict[tuple[str, int], int] = {}
    figure = go.Figure()
    for quad in _LANES:
        members = [(e, d) for e, d in dated if (e.quad if e.quad in QUADS else "other") == quad]
        if not members:
            continue
        xs, ys, texts, data, symbols, sizes = [], [], [], [], [], []
        # An occurred event first: the legend draws a trace with its first point's symbol.
        for event, day in sorted(members, key=lambda pair: (pair[0].status != "occurred", pair[1], pair[0].id)):
            # Events within a week of each other in one lane fan out instead of hiding each other.
            slot = (quad, day.toordinal() // 7)
            k = taken.get(slot, 0)
            taken[slot] = k + 1
            offset = min((k + 1) // 2, 4) * 0.09 * (1 if k % 2 else -1)
            xs.append(day.isoformat())
            ys.append(lane_of[quad] + offset)
            texts.append(_hover(event, outlets))
            data.append([f"e{event.id}", event.status])
            symbols.append(SYMBOLS.get(event.status, "circle"))
            sizes.append(8 + 3 * min(len(event.sources) - 1, 4))
        figure.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="markers", name=_escape(quad), text=texts, customdata=data,
                hovertemplate="%{text}<extra></extra>",
                marker={"color": COLOURS[quad], "symbol": symbols, "size": sizes, "line": {"width": 1.5, "color": COLOURS[quad]}},
            )
        )
    figure.update_layout(
        template="plotly_white", height=360, margin={"l": 150, "r": 20, "t": 10, "b": 40},
        hovermode="closest", hoverlabel={"align": "left"},
        legend={"orientation": "h", "y": -0.15},
        yaxis={
            "tickvals": list(lane_of.values()), "ticktext": list(lane_of), "range": [-0.6, len(_LANES) - 0.4],
            "zeroline": False, "fixedrange": True,
        },
        xaxis={"type": "date"},
    )
    return Chart(
        "timeline-chart", "Events over time by PLOVER quad category", _to_json(figure), json.dumps(_CONFIG),
        len(dated), earlier, first_year,
    )


def dyad_chart(anchor: str, periods: Sequence[PeriodCount]) -> Chart | None:
    """Return stacked bars of a dyad's occurred events per period (month, or year when ``periods``
    are years), one colour per event type and mode, or None when there is no period. Each bar
    segment carries the anchor of its row in the dyad's period table (``<anchor>-p<n>``, n counting
    rows of ``periods``), which links its events.

    Raises:
        ChartError: plotly is not installed.
    """
    if not periods:
        return None
    try:
        import plotly.graph_objects as go
    except ImportError as exc:
        raise ChartError(f"cannot draw the dyad chart: {exc} (install plotly)") from exc
    monthly = len(periods[0].period) == 7
    starts = [_day(p.period + ("-01" if monthly else "-01-01")) for p in periods]
    known = [d for d in starts if d is not None]
    if not known:
        return None
    # A margin of one period each side keeps a lone month from filling the whole width.
    margin = dt.timedelta(days=31 if monthly else 366)
    span = [(min(known) - margin).isoformat(), (max(known) + 2 * margin).isoformat()]
    groups: dict[str, list[tuple[int, PeriodCount]]] = {}
    for n, period in enumerate(periods):
        what = period.type + (f" ({period.mode})" if period.mode else "")
        groups.setdefault(what, []).append((n, period))
    figure = go.Figure()
    for what, rows in sorted(groups.items(), key=lambda kv: -sum(p.count for _, p in kv[1])):
        figure.add_trace(
            go.Bar(
                # A month is drawn as its whole span, so bars stand where they fall in time.
                x=[p.period for _, p in rows], y=[p.count for _, p in rows], name=_escape(what),
                xperiod="M1" if monthly else "M12", xperiodalignment="middle",
                width=[(24 if monthly else 300) * 86_400_000] * len(rows),
                customdata=[[f"{anchor}-p{n}"] for n, _ in rows],
                text=[_escape(f"{p.period}: {p.count} × {what}" + (f" ({p.quad})" if p.quad else "")) for _, p in rows],
                textposition="none", hovertemplate="%{text}<br>click: the events<extra></extra>",
            )
        )
    figure.update_layout(
        template="plotly_white", barmode="stack", height=260, margin={"l": 40, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": -0.25}, xaxis={"type": "date", "range": span, "tickformat": "%b %Y" if monthly else "%Y"}, yaxis={"title": {"text": "events"}, "rangemode": "tozero"},
    )
    return Chart(f"{anchor}-chart", "Occurred events per month by type and mode", _to_json(figure), json.dumps(_CONFIG), len(periods))
