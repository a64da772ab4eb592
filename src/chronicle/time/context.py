"""What a rule's resolver sees: the text, the anchor date and what the text mentioned before.

A ``Context`` lives for one call of ``find_timexes`` only; it records the last fully specified
day and the last resolved point so that anaphoric expressions ("the next day", "a year
earlier", "the quarter") can be resolved against them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from chronicle.time.calendar import Point, format_point, shift, unknown_value
from chronicle.time.tense import sentence_bounds, tense_near


@dataclass(frozen=True)
class Result:
    """What a resolver returns for one match (``start``/``end`` trim the match when set)."""

    type: str
    value: str
    mod: str | None = None
    certain: bool = True
    point: Point | None = None  # recorded as the latest mention when given
    start: int | None = None
    end: int | None = None
    anchor: str | None = None
    remember: bool = True  # False: a derived value ("a year earlier") that later mentions must not chain on


@dataclass(frozen=True)
class Rule:
    """A named pattern, a context-free filter and a resolver; lower ``priority`` wins ties."""

    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], "Context"], Result | None]
    accept: Callable[[re.Match[str], str], bool] | None = None
    priority: int = 5


@dataclass
class Context:
    """Per-call state of the tagger (never shared between calls)."""

    text: str
    anchor: dt.date | None
    last_day: dt.date | None = None
    last_day_at: int = -1
    last_point: Point | None = None
    last_point_at: int = -1
    last_quarter: Point | None = None
    last_gran: str | None = None  # granularity (or DURATION/SET/TIME) of the latest timex
    last_end: int = -1
    here: int = 0
    _tense_cache: dict[int, str | None] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> str | None:
        if start not in self._tense_cache:
            self._tense_cache[start] = tense_near(self.text, start, end)
        return self._tense_cache[start]

    def ref_day(self) -> dt.date | None:
        """The last fully specified day mentioned, else the anchor."""
        return self.last_day or self.anchor

    def recent_point(self, reach: int = 400) -> Point | None:
        """The last point mentioned within ``reach`` characters before the current match."""
        if self.last_point is not None and self.here - self.last_point_at <= reach:
            return self.last_point
        return None

    def same_sentence(self, offset: int) -> bool:
        left, _ = sentence_bounds(self.text, self.here, self.here + 1)
        return offset >= left

    def reported_quarter(self) -> Point | None:
        """The last quarter mentioned, as the base of a year-ago comparison: a quarter after the
        anchor's (an outlook, "the third quarter of 1990") cannot be the one being reported, so
        the quarter before the anchor's stands in for it."""
        q = self.last_quarter
        if q is None or self.anchor is None:
            return q
        current = Point("quarter", self.anchor)
        if (q.date.year, (q.date.month - 1) // 3) > (current.date.year, (current.date.month - 1) // 3):
            return shift(current, -1)
        return q

    def anchor_point(self, gran: str) -> Point | None:
        return Point(gran, self.anchor) if self.anchor else None

    def value_of(self, point: Point | None, gran: str, season: str | None = None) -> str:
        return format_point(point) if point is not None else unknown_value(gran, season)

    def relative(self, gran: str, n: int, *, anaphoric: bool = False) -> tuple[Point | None, str | None]:
        """The point ``n`` units of ``gran`` from the anchor (or from the last mention if anaphoric)."""
        base = self.ref_day() if anaphoric else self.anchor
        if base is None:
            return None, None
        return shift(Point(gran, base), n), base.isoformat()

    def anchor_iso(self) -> str | None:
        return self.anchor.isoformat() if self.anchor else None
