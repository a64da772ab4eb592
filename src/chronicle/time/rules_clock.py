"""Rules for holidays (Thanksgiving, Election Day, ...) and clock times (9 a.m. Friday, noon)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from chronicle.time.calendar import Point, nth_weekday, safe_date
from chronicle.time.context import Context, Result, Rule
from chronicle.time.grammar import compile_rule
from chronicle.time.lexicon import alternation, lexicon


# --- holidays -------------------------------------------------------------------------------

def _holiday_date(rule: str, year: int) -> dt.date | None:
    if rule == "election":
        return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    if ":" in rule:
        n, wd, month = (int(x) for x in rule.split(":"))
        return nth_weekday(year, month, wd, n)
    month, day = (int(x) for x in rule.split("-"))
    return safe_date(year, month, day)


def _holiday(m: re.Match[str], ctx: Context) -> Result | None:
    name = " ".join(m.group("name").lower().replace("’", "'").split())
    rule = lexicon().holidays.get(name)
    if rule is None:
        return None
    if m.group("year"):
        d = _holiday_date(rule, int(m.group("year")))
    elif ctx.anchor is None:
        return Result("DATE", "XXXX-XX-XX", certain=False)
    else:
        rel = (m.group("rel") or "").lower()
        tense = {"last": "past", "next": "future"}.get(rel) or ctx.tense(m.start(), m.end())
        cands = [d for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
                 if (d := _holiday_date(rule, y))]
        past = [d for d in cands if d <= ctx.anchor]
        future = [d for d in cands if d > ctx.anchor]
        if tense == "future" and future:
            d = future[0]
        elif tense == "past" and past:
            d = past[-1]
        else:
            d = min(cands, key=lambda x: abs((x - ctx.anchor).days))
    if d is None:
        return None
    return Result("DATE", d.isoformat(), point=Point("day", d), anchor=ctx.anchor_iso())


# --- clock times ----------------------------------------------------------------------------

def _clock(m: re.Match[str], ctx: Context) -> Result | None:
    from chronicle.time.rules_relative import day_of_reference

    word = (m.group("word") or "").lower()
    if word:
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[word]
        clock = "T24" if word == "midnight" else f"T{hh:02d}:{mm:02d}"
    else:
        hh = int(m.group("h") or m.group("h2"))
        mm = int(m.group("mi") or 0)
        part = m.group("part") or m.group("part2")
        ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm.startswith("p") and hh < 12:
            hh += 12
        elif ampm.startswith("a") and hh == 12:
            hh = 0
        elif part and part.lower() in ("afternoon", "evening", "night") and hh < 12:
            hh += 12
        if hh > 24 or mm > 59:
            return None
        clock = f"T{hh:02d}:{mm:02d}"
    day, certain = day_of_reference(m.group("dayref"), m, ctx)
    if day is None:
        return Result("TIME", f"XXXX-XX-XX{clock}", certain=False)
    return Result("TIME", f"{day.isoformat()}{clock}", certain=certain, anchor=ctx.anchor_iso())


def _clock_pattern(dayref: str) -> re.Pattern[str]:
    src = (
        r"{L}(?:(?:about|around|approximately|roughly)\s+)?"
        r"(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b|o['’]clock)"
        r"(?:\s+in\s+the\s+(?P<part>morning|afternoon|evening|night))?"
        r"|(?P<h2>\d{{1,2}})\s+in\s+the\s+(?P<part2>morning|afternoon|evening|night)"
        r"|(?P<word>noon|midday|midnight))"
        r"(?:\s+(?:local\s+time|(?-i:[ECMP][SD]T|GMT|UTC)))?"
        r"(?:(?:,\s*|\s+)(?:on\s+)?(?P<dayref>" + dayref + r"))?(?![\w])"
    )
    return compile_rule(src)


def _accept_clock(m: re.Match[str], text: str) -> bool:
    return not (m.group("word") and re.search(r"(?i)\bhigh\s+$", text[max(0, m.start() - 6):m.start()]))  # an idiom


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The holiday and clock-time rules, compiled once."""
    holidays = alternation(lexicon().holidays).replace("'", "['’]")
    dayref = (r"(?:{weekday}|today|tonight|yesterday|tomorrow|"
              r"{month}\s+{day}(?:,?\s+{year})?|(?:the\s+)?(?:same|next|following|previous)\s+day)")
    return (
        Rule("holiday", compile_rule(
            r"{L}(?:(?P<rel>last|this|next)\s+)?(?-i:(?=[A-Z]))(?P<name>" + holidays + r")(?:,?\s+(?P<year>{year}))?{R}"),
            _holiday, priority=2),
        Rule("clock", _clock_pattern(dayref), _clock, accept=_accept_clock, priority=1),
    )
