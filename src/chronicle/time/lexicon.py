"""The tagger's word lists, read once from ``chronicle/data/time_lexicon.toml`` (immutable, cached)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Lexicon:
    """Read-only word tables of the temporal tagger (keys are lower case)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    vague_numbers: Mapping[str, str]
    units: Mapping[str, tuple[str, str, int]]
    seasons: Mapping[str, str]
    parts_of_day: Mapping[str, str]
    sets: Mapping[str, str]
    references: Mapping[str, str]
    holidays: Mapping[str, str]
    as_of_now: Mapping[str, str]  # cumulative markers ("so far"), not TIMEX3s

    def unit(self, word: str) -> tuple[str, str, int] | None:
        """``(granularity, designator, multiplier)`` of a unit word, singular or plural, any case."""
        w = " ".join(word.lower().replace("-", " ").split())
        if w in self.units:
            return self.units[w]
        if w == "centuries":
            return self.units["century"]
        if w.endswith("s") and w[:-1] in self.units:
            return self.units[w[:-1]]
        return None

    def month(self, word: str) -> int | None:
        return self.months.get(word.lower().rstrip("."))

    def weekday(self, word: str) -> int | None:
        return self.weekdays.get(word.lower().rstrip(".").removesuffix("'s"))


def _freeze(table: dict) -> Mapping:
    return MappingProxyType({str(k).lower(): (tuple(v) if isinstance(v, list) else v) for k, v in table.items()})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and return the packaged lexicon (cached; the tables are read-only)."""
    raw = resources.files("chronicle.data").joinpath("time_lexicon.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    return Lexicon(**{name: _freeze(data[name]) for name in Lexicon.__dataclass_fields__})


def alternation(words: object, *, capitalised: bool = False) -> str:
    """A regex alternation of ``words`` (longest first); ``capitalised`` demands a capital initial."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    parts = []
    for w in items:
        esc = re.escape(w).replace(r"\ ", r"\s+")
        if capitalised:
            esc = f"(?-i:{re.escape(w[0].upper())}){esc[1:] if not esc.startswith(chr(92)) else esc[2:]}"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"
