"""Chart geometry for the report: computed here, drawn as inline SVG by the template.

No plotting library is embedded: the report stays one small file that works offline, and every
label goes through the template's escaping like any other text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from chronicle.views import TimelineEvent

__all__ = ["BarChart", "TimelineChart", "bar_chart", "timeline_chart"]

QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


def css_name(label: str) -> str:
    """A class name for a label: "verbal cooperation" → "verbal-cooperation"."""
    return "-".join(label.lower().split())


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    event_id: int
    status: str
    quad: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Lane:
    y: float
    label: str


@dataclass(frozen=True)
class TimelineChart:
    """Dated events as dots on a time axis, one lane per PLOVER quad category."""

    width: int
    height: int
    left: int
    dots: tuple[Dot, ...]
    ticks: tuple[Tick, ...]
    lanes: tuple[Lane, ...]
    earlier: int = 0  # dated events before ``cutoff`` (history the articles recall), not drawn
    cutoff: int | None = None


def _day(value: str) -> dt.date | None:
    parts = value[:10].split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 7, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def timeline_chart(
    events: Sequence[TimelineEvent], width: int = 960, lane_height: int = 46, first_year: int | None = None
) -> TimelineChart | None:
    """Return the chart of the dated events (a year alone is placed mid-year), or None when none is dated.

    Events before ``first_year`` (the past the articles recall: "the 1953 armistice") are counted,
    not drawn, so they do not squeeze the years the corpus reports on.
    """
    dated = [(e, _day(e.date or "")) for e in events if e.dated]
    dated = [(e, d) for e, d in dated if d is not None]
    earlier = sum(1 for _, d in dated if first_year is not None and d.year < first_year)
    dated = [(e, d) for e, d in dated if first_year is None or d.year >= first_year]
    if not dated:
        return None
    left, right, top = 170, 20, 10
    first = min(d for _, d in dated)
    last = max(d for _, d in dated)
    first = dt.date(first.year, 1, 1)
    last = dt.date(last.year, 12, 31)
    span = max((last - first).days, 1)
    usable = width - left - right

    def x_of(day: dt.date) -> float:
        return round(left + usable * (day - first).days / span, 1)

    lanes = tuple(Lane(top + lane_height * i + lane_height / 2, label) for i, label in enumerate((*QUADS, "other")))
    lane_of = {lane.label: lane for lane in lanes}
    taken: dict[tuple[str, int], int] = {}
    dots = []
    for event, day in dated:
        lane = lane_of.get(event.quad or "other", lanes[-1])
        x = x_of(day)
        # Events close in time stack within their lane instead of hiding each other.
        slot = (lane.label, int(x // 8))
        k = taken.get(slot, 0)
        taken[slot] = k + 1
        offset = ((k + 1) // 2) * 9 * (1 if k % 2 else -1)
        y = lane.y + max(min(offset, lane_height / 2 - 6), -(lane_height / 2 - 6))
        title = f"{event.date_label} · {event.type}{' (' + event.mode + ')' if event.mode else ''} · {event.status} · {event.between}"
        if event.durations:
            title += " · " + "; ".join(d.label for d in event.durations)
        title += f" · {len(event.sources)} source{'s' if len(event.sources) != 1 else ''}"
        dots.append(
            Dot(x, round(y, 1), 4 + 1.5 * min(len(event.sources) - 1, 4), event.id, event.status,
                css_name(event.quad or "other"), title)
        )
    years = range(first.year, last.year + 1)
    if len(years) <= 2:
        ticks = tuple(
            Tick(x_of(dt.date(y, m, 1)), f"{y}-{m:02d}") for y in years for m in (1, 4, 7, 10)
        )
    else:
        step = max(1, len(years) // 12)
        ticks = tuple(Tick(x_of(dt.date(y, 1, 1)), str(y)) for y in years[::step])
    return TimelineChart(width, int(top * 2 + lane_height * len(lanes) + 20), left, tuple(dots), ticks, lanes, earlier, first_year)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    quad: str
    title: str


@dataclass(frozen=True)
class BarChart:
    """Stacked bars: occurred events per year, split by quad category."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[Tick, ...]
    top: int  # the largest yearly total


def bar_chart(years: Sequence[tuple[str, Sequence[tuple[str, int]]]], width: int = 420, height: int = 160) -> BarChart | None:
    """Return stacked bars for (year, ((quad, count), ...)) rows, or None when there are none."""
    if not years:
        return None
    base, top_margin = height - 22, 8
    largest = max(sum(n for _, n in quads) for _, quads in years) or 1
    slot = (width - 20) / len(years)
    bar_width = min(48.0, slot * 0.7)
    bars, labels = [], []
    for i, (year, quads) in enumerate(years):
        x = 10 + slot * i + (slot - bar_width) / 2
        y = float(base)
        for quad, n in sorted(quads, key=lambda q: QUADS.index(q[0]) if q[0] in QUADS else 9):
            h = (base - top_margin) * n / largest
            y -= h
            bars.append(Bar(round(x, 1), round(y, 1), round(bar_width, 1), round(h, 1), css_name(quad), f"{year}: {n} × {quad}"))
        labels.append(Tick(round(x + bar_width / 2, 1), year))
    return BarChart(width, height, tuple(bars), tuple(labels), largest)
