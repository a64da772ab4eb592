"""Calendar arithmetic and TIMEX3 value formatting for points of time at a granularity.

A *point* is a ``Point(gran, date)``: the calendar unit (day, week, month, quarter, ...) that
contains ``date``. Shifting moves it by whole units; ``format_point`` writes the TIMEX3 value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GRANULARITIES = ("day", "weekend", "week", "month", "quarter", "half", "season", "year", "decade", "century")

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class Point:
    """A calendar unit of granularity ``gran`` containing ``date`` (``season`` set for seasons)."""

    gran: str
    date: dt.date
    season: str | None = None


def add_months(d: dt.date, months: int) -> dt.date:
    """Return ``d`` moved by ``months`` calendar months (day clipped to the month's length)."""
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if year < 1:
        return dt.date(1, 1, 1)
    if year > 9999:
        return dt.date(9999, 12, 31)
    last = _month_length(year, month)
    return dt.date(year, month, min(d.day, last))


def _month_length(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def add_years(d: dt.date, years: int) -> dt.date:
    return add_months(d, 12 * years)


def shift(point: Point, n: int) -> Point:
    """Move ``point`` by ``n`` units of its own granularity."""
    g, d = point.gran, point.date
    try:
        if g == "day":
            d = d + dt.timedelta(days=n)
        elif g in ("week", "weekend"):
            d = d + dt.timedelta(days=7 * n)
        elif g == "month":
            d = add_months(d, n)
        elif g == "quarter":
            d = add_months(d, 3 * n)
        elif g == "half":
            d = add_months(d, 6 * n)
        elif g in ("year", "season"):
            d = add_years(d, n)
        elif g == "decade":
            d = add_years(d, 10 * n)
        elif g == "century":
            d = add_years(d, 100 * n)
    except OverflowError:
        pass
    return Point(g, d, point.season)


def season_point(year: int, code: str) -> Point:
    """The season ``code`` (SP, SU, FA, WI) of ``year``."""
    return Point("season", dt.date(year, _SEASON_START[code], 1), code)


def season_of(d: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def format_point(point: Point) -> str:
    """The TIMEX3 value of ``point`` (``1998-02-14``, ``1998-W07``, ``1998-Q3``, ``199``, ...)."""
    g, d = point.gran, point.date
    if g == "day":
        return d.isoformat()
    if g == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if g == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if g == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if g == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if g == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if g == "season":
        return f"{d.year:04d}-{point.season or season_of(d)}"
    if g == "year":
        return f"{d.year:04d}"
    if g == "decade":
        return f"{d.year // 10:03d}"
    if g == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {g!r}")


def unknown_value(gran: str, season: str | None = None) -> str:
    """The TIMEX3 value of a point of granularity ``gran`` whose position is unknown."""
    return {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "half": "XXXX-HX",
        "season": f"XXXX-{season or 'XX'}",
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
    }[gran]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)`` or None when it does not exist."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """The latest date on or before ``anchor`` falling on ISO ``weekday`` (1 = Monday)."""
    return anchor - dt.timedelta(days=(anchor.isoweekday() - weekday) % 7)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    """The earliest date on or after ``anchor`` falling on ISO ``weekday``."""
    return anchor + dt.timedelta(days=(weekday - anchor.isoweekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of the month (``n = -1``: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return weekday_on_or_after(first, weekday) + dt.timedelta(days=7 * (n - 1))
    last = dt.date(year, month, _month_length(year, month))
    return weekday_on_or_before(last, weekday)


def closest_year(anchor: dt.date, month: int, day: int | None, direction: str | None) -> int:
    """The year putting ``month``/``day`` nearest to ``anchor``, leaning towards ``direction``.

    ``direction`` is ``"before"``, ``"past"``, ``"future"``, ``"nearest"`` or None. ``"before"``
    (a period that ended, a starting point) takes the last occurrence. A future cue takes the next
    occurrence within eleven months; a past cue the last one unless the next is less than a
    third as far away; with no cue the last one unless the next is less than
    half as far away (news mostly reports what happened).
    """
    past: tuple[int, int] | None = None
    future: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            if (year, month) == (anchor.year, anchor.month):
                return year  # the anchor lies inside that month
            d = dt.date(year, month, 15)
        else:
            d = safe_date(year, month, day) or dt.date(year, month, 28)
        delta = (d - anchor).days
        if delta <= 0 and (past is None or -delta < past[1]):
            past = (year, -delta)
        elif delta > 0 and (future is None or delta < future[1]):
            future = (year, delta)
    assert past is not None and future is not None
    if direction == "before":
        return past[0]
    if direction == "future" and future[1] <= 330:
        return future[0]
    if direction == "past":
        return future[0] if future[1] * 3 < past[1] else past[0]
    if direction == "nearest":
        return past[0] if past[1] <= future[1] else future[0]
    # news reports mostly look back: the past occurrence unless the next one is much nearer
    return future[0] if future[1] * 2 < past[1] else past[0]
