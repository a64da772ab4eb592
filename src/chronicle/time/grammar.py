"""Regex building blocks of the temporal tagger (built once from the lexicon) and number parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chronicle.time.lexicon import alternation, lexicon

# A word boundary that also works after abbreviations ending in "." and before hyphens.
L = r"(?<![\w$£€.,/:-])"
R = r"(?![\w%$]|-(?!\s))"
# Not followed by another digit group (1,500) or a decimal part.
R_NUM = r"(?![\w%$]|[.,:/-]\d)"


@dataclass(frozen=True)
class Fragments:
    """Regex sources shared by the rules (all meant for case-insensitive patterns)."""

    month: str  # a month name or abbreviation, capitalised
    weekday: str  # a weekday name, capitalised
    number: str  # a count: digits, number words, "a", "a couple of", fractions
    vague: str  # few, several, some, many
    unit: str  # a unit word, singular or plural
    unit_sg: str  # a unit word, singular only
    season: str
    part_of_day: str
    ordinal: str
    year: str  # a four-digit year 1000-2099
    day: str  # a day of month 1-31 with optional ordinal suffix


@lru_cache(maxsize=1)
def fragments() -> Fragments:
    lx = lexicon()
    full_months = [m for m in lx.months if (len(m) > 3 and m != "sept") or m == "may"]
    abbrevs = [m for m in lx.months if m not in full_months and m != "may"]
    month = rf"(?:{alternation(full_months, capitalised=True)}|{alternation(abbrevs, capitalised=True)}\.?)(?![\w])"
    full_days = [d for d in lx.weekdays if len(d) > 5]
    weekday = rf"(?:{alternation(full_days, capitalised=True)}|(?-i:Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)\.(?=\s))"
    words = [w for w in lx.numbers if w not in ("a", "an", "zero", "single", "couple", "hundred", "dozen")]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units_w = "one|two|three|four|five|six|seven|eight|nine"
    word_num = (
        rf"(?:(?:{tens})(?:[\s-](?:{units_w}))?|{alternation(words)})"
        rf"(?:[\s-]hundred(?:\s+(?:and\s+)?(?:{tens}|{alternation(words)}))?|[\s-]thousand)?"
    )
    digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    half = r"(?:\s+and\s+(?:a|one)[\s-]half|\s+\d/\d|\s+1/2|\s*½)"
    number = (
        rf"(?:(?:{digits}|{word_num}){half}?|(?:a\s+)?(?:couple|pair)\s+of|(?:a|one)[\s-]half|half\s+an?|a\s+dozen|an?)"
    )
    vague = r"(?:a\s+few|a\s+number\s+of|several|few|some|many|a\s+couple\s+of|multiple|numerous)"
    unit_sg = alternation(lx.units)
    unit = rf"(?:centuries|{unit_sg}s?)"
    season = alternation(lx.seasons)
    part = r"(?:morning|afternoon|evening|night)"
    ordinal = alternation(lx.ordinals)
    year = r"(?:1[0-9]\d\d|20\d\d)"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    return Fragments(month, weekday, number, vague, unit, unit_sg, season, part, ordinal, year, day)


_FRACTION = re.compile(r"(?:\s+and\s+(?:a|one)[\s-]half|\s+1/2|\s*½)$", re.I)
_SLASH = re.compile(r"\s+(\d)/(\d)$")


def parse_number(text: str) -> float | str | None:
    """The value of a count phrase: ``"75"`` → 75, ``"two and a half"`` → 2.5, ``"several"`` → "X".

    Returns None when the phrase is not a number.
    """
    lx = lexicon()
    t = " ".join(text.lower().replace("-", " ").split())
    if t in ("a couple of", "couple of", "a pair of", "pair of"):
        return 2
    if t in lx.vague_numbers or t in ("multiple", "numerous"):
        return "X"
    extra = 0.0
    m = _FRACTION.search(t)
    if m:
        extra, t = 0.5, t[: m.start()].strip()
    else:
        m = _SLASH.search(t)
        if m and int(m.group(2)):
            extra, t = int(m.group(1)) / int(m.group(2)), t[: m.start()].strip()
    if t in ("a half", "one half", "half a", "half an"):
        return 0.5
    if t in ("a pair of",):
        return 2
    if t == "a dozen":
        return 12
    digits = t.replace(",", "")
    try:
        return float(digits) + extra
    except ValueError:
        pass
    total = 0
    current = 0
    seen = False
    for word in t.split():
        if word == "and":
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word in lx.numbers:
            current += lx.numbers[word]
        else:
            return None
        seen = True
    return float(total + current) + extra if seen else None


def format_amount(n: float) -> str:
    """``75.0`` → ``"75"``, ``2.5`` → ``"2.5"``."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def compile_rule(source: str) -> re.Pattern[str]:
    """Compile a rule's pattern (case-insensitive, verbose) with the shared fragments substituted."""
    f = fragments()
    subs = {name: getattr(f, name) for name in Fragments.__dataclass_fields__}
    subs.update(L=L, R=R, R_NUM=R_NUM)
    return re.compile(source.format(**subs), re.I | re.X)
