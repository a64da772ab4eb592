"""Rules for durations (75 minutes, a 75-minute call, the past three months, more than an hour),
sets (every week, annually) and reference words (now, recently, the future)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from chronicle.time.calendar import Point, format_point, shift
from chronicle.time.context import Context, Result, Rule
from chronicle.time.grammar import compile_rule, format_amount, parse_number
from chronicle.time.lexicon import alternation, lexicon
from chronicle.time.rules_relative import MOD_WORDS, mod_of
from chronicle.time.tense import lead_direction

_TIME_UNITS = frozenset({"H", "M", "S"})
_SHORT = frozenset({"second", "minute", "hour", "day", "week", "weekend"})


def duration_value(n: float | str, gran: str, designator: str, mult: int) -> str:
    """TIMEX3 duration value: (75, minute) → PT75M, (3, year) → P3Y, ("X", decade) → PXDE."""
    if isinstance(n, str):
        big = {"decade": "DE", "century": "CE", "millennium": "ML"}.get(gran)
        if big:
            return f"P{n}{big}"
        code = "Q" if gran == "quarter" else designator
        return f"PT{n}{code}" if gran in ("hour", "minute", "second") else f"P{n}{code}"
    if gran == "quarter":
        amount, code = n * 3, "M"
    elif gran == "weekend":
        amount, code = n * 2, "D"
    else:
        amount, code = n * mult, designator
    time_unit = gran in ("hour", "minute", "second")
    if not float(amount).is_integer():
        mixed = _mixed(amount, code, time_unit)
        if mixed:
            return mixed
    prefix = "PT" if time_unit else "P"
    return f"{prefix}{format_amount(amount)}{code}"


# A fractional amount is written TimeML-style with the next smaller unit: PT2H30M, P2Y6M.
_SMALLER = {("Y", False): ("M", 12, False), ("W", False): ("D", 7, False), ("D", False): ("H", 24, True),
            ("H", True): ("M", 60, True), ("M", True): ("S", 60, True)}


def _mixed(amount: float, code: str, time_unit: bool) -> str | None:
    """``2.5, "H"`` → ``PT2H30M``; None when the fraction is not a whole number of the smaller unit."""
    smaller = _SMALLER.get((code, time_unit))
    if smaller is None:
        return None
    code2, factor, time2 = smaller
    whole = int(amount)
    rest = round((amount - whole) * factor, 6)
    if not rest.is_integer():
        return None
    big = f"{whole}{code}" if whole else ""
    if time_unit:
        return f"PT{big}{int(rest)}{code2}"
    return f"P{big}T{int(rest)}{code2}" if time2 else f"P{big}{int(rest)}{code2}"


def _duration(m: re.Match[str], ctx: Context) -> Result | None:
    lx = lexicon()
    unit = lx.unit(m.group("unit"))
    if unit is None:
        return None
    gran, designator, mult = unit
    num_txt = m.group("num")
    n = parse_number(num_txt)
    if n is None:
        return None
    if m.group("num2") and parse_number(m.group("num2")) is None:
        return None
    if m.group("later") and gran not in _SHORT:
        return None  # "a year earlier" is a date (see the ago rule)
    if m.group("half") and not isinstance(n, str):
        n += 0.5  # "a minute and a half"
    if not m.group("mod") and not m.group("rel") and not m.group("later") and gran in _POINT_UNITS \
            and re.search(r"(?i)(?<![\w-])in\s+$", ctx.text[max(0, m.start() - 4):m.start()]) \
            and ctx.tense(m.start(), m.end()) == "future":
        return _point_ahead(m, ctx, n, gran, mult)
    value = duration_value(n, gran, designator, mult)
    mod = mod_of(m.group("mod"))
    end = None
    if m.group("later"):  # "three days later": TimeBank marks the length "three days" (DURATION)
        end = m.start("later")
        while end > m.start() and ctx.text[end - 1].isspace():
            end -= 1
    return Result("DURATION", value, mod=mod, certain=not isinstance(n, str), end=end)


_POINT_UNITS = frozenset({"day", "week", "month", "year", "decade"})


def _point_ahead(m: re.Match[str], ctx: Context, n: float | str, gran: str, mult: int) -> Result:
    """"will be redeemed in five years": the time that far ahead of the document date (a DATE at
    the unit's granularity); a vague or alternative amount ("in a year or two") is FUTURE_REF."""
    whole = not isinstance(n, str) and float(n).is_integer()
    if ctx.anchor is None or not whole or m.group("num2") or m.group("numb") or m.group("orso"):
        return Result("DATE", "FUTURE_REF", certain=False, anchor=ctx.anchor_iso())
    base = "year" if gran == "decade" else gran
    point = shift(Point(base, ctx.anchor), int(n) * mult)  # type: ignore[arg-type]
    if base == "week" and int(n) <= 2:
        point = Point("day", point.date)  # "in two weeks": a day, like "two weeks ago"
    return Result("DATE", format_point(point), point=point, anchor=ctx.anchor_iso(), remember=False)


_VAGUE = r"(?:several|many|a\s+few|few|some)$"
_COUNTED = re.compile(r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozen|hundred|"
                      r"thousand|several|many))\s+(?:\w+\s+)?(?-i:[a-z]+)s\s+$", re.I)


def _accept_duration(m: re.Match[str], text: str) -> bool:
    num = " ".join(m.group("num").lower().split())
    unit = m.group("unit").lower()
    before = text[max(0, m.start() - 25):m.start()]
    after = text[m.end():m.end() + 20]
    if re.match(r"\s+a\s+(?:day|week|year)\b", after) and re.fullmatch(r"24|seven|7|365|52", num):
        return False  # "24 hours a day", "seven days a week": all the time, not a length
    if num in ("a", "an", "one", "per") and re.search(r"(?:[\d%]\s*|\btimes\s+|\btwice\s+|\bonce\s+|\bcents?\s+|"
                                                    r"\bdollars?\s+|\bpercent\s+|\bmillion\s+|\bbillion\s+|\ba\s+)$",
                                                    before, re.I):
        return False  # "$5 a year", "twice a day": a rate, see the set rule
    if num in ("a", "an", "per") and _COUNTED.search(before):
        return False  # "four flights a week", "24 hours a day": a rate TimeBank leaves untagged
    if unit.startswith("quarter") and re.match(r"\s+of\b", after) and not re.match(_VAGUE, num):
        return False  # "three-quarters of its stake": a fraction
    if unit.startswith("second") and num in ("a", "an", "the"):
        return False
    if num in ("a", "an", "one") and unit in ("day",) and re.match(r"\s+(?:when|that|of\s+(?:mourning|rage|action))", after, re.I):
        return False
    if num == "one" and unit in ("day",) and not m.group("mod") and not m.group("rel"):
        # "one day" = some day (FUTURE_REF) unless clearly a length
        if not re.search(r"(?:for|lasted|last|than|only|just|in)\s+$", before, re.I) and not m.group(0).endswith("-day"):
            return False
    if re.match(r"[\s-]+old\b", after) or m.group(0).lower().endswith("-old"):
        return False  # an age: "a 52-year-old", "37 years old"
    return not is_title_word(m.group("unit"))


def is_title_word(word: str) -> bool:
    """A capitalised unit word inside running text is part of a name ("60 Minutes", "This Week")."""
    return word[:1].isupper() and not word.isupper()


def _bare_plural(m: re.Match[str], ctx: Context) -> Result | None:
    unit = lexicon().unit(m.group("unit"))
    if unit is None:
        return None
    gran, designator, mult = unit
    return Result("DURATION", duration_value("X", gran, designator, mult), certain=False,
                  start=m.start("unit"), end=m.end("unit2") if m.group("unit2") else m.end("unit"))


def _set_every(m: re.Match[str], ctx: Context) -> Result | None:
    lx = lexicon()
    word = m.group("what")
    n = parse_number(m.group("n")) if m.group("n") else 1
    if isinstance(n, str) or n is None:
        n = 1
    if m.group("other"):
        n = 2
    wd = lx.weekday(word) if word[0].isupper() else None
    if wd:
        return Result("SET", f"XXXX-WXX-{wd}")
    month = lx.month(word) if word[0].isupper() else None
    if month:
        return Result("SET", f"XXXX-{month:02d}")
    low = word.lower()
    if low in ("morning", "afternoon", "evening", "night"):
        return Result("SET", f"TXX{ {'morning': 'MO', 'afternoon': 'AF', 'evening': 'EV', 'night': 'NI'}[low]}".replace(" ", ""))
    unit = lx.unit(low)
    if unit is None:
        return None
    gran, designator, mult = unit
    return Result("SET", duration_value(n, gran, designator, mult))


def _set_rate(m: re.Match[str], ctx: Context) -> Result | None:
    unit = lexicon().unit(m.group("unit"))
    if unit is None:
        return None
    gran, designator, mult = unit
    return Result("SET", duration_value(1, gran, designator, mult))


def _accept_rate(m: re.Match[str], text: str) -> bool:
    before = text[max(0, m.start() - 25):m.start()]
    # "twice a week" is a SET; "$5 a year", "700 seats a week" are rates TimeBank leaves untagged
    return bool(re.search(r"(?:\btimes|\btwice|\bonce|\bthrice)\s+$", before, re.I))


_FUNCTION_WORDS = frozenset(
    "and or but to in at on by for from with of as since until through basis than the a an".split())


def _accept_set_adverb(m: re.Match[str], text: str) -> bool:
    """"pays quarterly", "held here annually" — not "its quarterly dividend", "rise 8% annually",
    "average daily volume"."""
    before = text[max(0, m.start() - 30):m.start()]
    if re.search(r"(?:\d%?|\bpercent|\bmillion|\bbillion)(?:\s+[a-z]+)?\s+$", before):
        return False  # "rise 8.5% annually", "10,000 units annually": the rate of a quantity
    if re.search(r"\baverage\s+$", before, re.I):
        return False  # "average daily volume": a statistic, not a recurrence
    if not m.group(0).lower().startswith("quarterly"):
        return True  # gold TimeML tags "daily rally", "weekly address", "hourly earnings" as sets too
    after = re.match(r"\s+([A-Za-z]+)", text[m.end():m.end() + 20])
    if after and after.group(1).islower() and after.group(1) not in _FUNCTION_WORDS:
        return False
    before = text[max(0, m.start() - 12):m.start()]
    return not re.search(r"\b(?:a|an|the|its|their|his|her|our|first|initial|average|regular)\s+$", before)


def _set_adverb(m: re.Match[str], ctx: Context) -> Result | None:
    value = lexicon().sets.get(m.group(0).lower())
    return Result("SET", value) if value else None


def _reference(m: re.Match[str], ctx: Context) -> Result | None:
    key = " ".join(m.group(0).lower().replace("’", "'").split())
    value = lexicon().references.get(key)
    if value is None:
        if key in ("current", "currently"):
            value = "PRESENT_REF"
        elif key.startswith("recent"):
            value = "PAST_REF"
        else:
            return None
    return Result("DATE", value, anchor=ctx.anchor_iso())


def _accept_reference(m: re.Match[str], text: str) -> bool:
    # "the future of our peoples": the prospects of something, not a time
    return not (m.group(0).lower().endswith("future") and re.match(r"\s+of\b", text[m.end():m.end() + 4]))


def _accept_current(m: re.Match[str], text: str) -> bool:
    after = text[m.end():m.end() + 25].lower()
    return not re.match(r"\s+(?:account|affairs|events|law|rules|dollars|liabilities|assets|\w+ly\b)", after)


def _vague_span(m: re.Match[str], ctx: Context) -> Result | None:
    """recent weeks, the coming months, the next few days, the past several years."""
    unit = lexicon().unit(m.group("unit"))
    if unit is None:
        return None
    gran, designator, mult = unit
    return Result("DURATION", duration_value("X", gran, designator, mult), certain=False)


def _the_year(m: re.Match[str], ctx: Context) -> Result | None:
    words = " ".join(m.group(0).lower().split())
    after = ctx.text[m.end():m.end() + 12].lower()
    if re.match(r"\s+(?:ended|ending|to\s+(?:date|\w+\s+\d))", after):
        return Result("DURATION", "P1Y")
    if ctx.anchor is None:
        return Result("DATE", "XXXX", certain=False)
    if re.fullmatch(r"year-end", words):
        # "by year-end", "since year-end": the closing day of the current year, or of the last
        # one when the clause looks back from it
        back = lead_direction(ctx.text, m.start()) == "past"
        day = dt.date(ctx.anchor.year - (1 if back else 0), 12, 31)
        return Result("DATE", day.isoformat(), point=Point("day", day), anchor=ctx.anchor_iso(), remember=False)
    point = Point("year", ctx.anchor)
    if "latest" in words or "last" in words or "previous" in words or "past" in words:
        point = shift(point, -1)
    mod = "END" if "end" in words else None
    return Result("DATE", format_point(point), mod=mod, point=point, anchor=ctx.anchor_iso())


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The duration, set and reference rules, compiled once."""
    lx = lexicon()
    refs = alternation(lx.references).replace("'", "['’]")
    sets = alternation(lx.sets)
    return (
        Rule("duration", compile_rule(
            r"{L}(?:(?P<mod>" + MOD_WORDS + r")\s+)?(?:(?:each\s+of\s+)?the\s+)?"
            r"(?:(?P<rel>past|last|next|first|previous|coming|following|final|latest|remaining|initial|ensuing|"
            r"entire|whole|better\s+part\s+of\s+the|last|another|additional)\s+)?"
            r"(?P<num>{number}|{vague})(?:\s+(?:to|or|-)\s+(?P<numb>{number}))?"
            r"(?:\s+(?:more|additional|full|straight|consecutive|long|extra|short|"
            r"long|successive))?[\s-]+(?P<unit>{unit})(?P<half>\s+and\s+a\s+half)?"
            r"(?:\s+(?:or|to)\s+(?P<num2>{number})(?:[\s-]+(?P<unit2>{unit}))?|(?P<orso>\s+or\s+so)|-(?:long|old)|"
            r"\s+(?P<later>(?:later|earlier)(?!\s+(?:than|in|on|at|this|that|today)\b)))?{R}"),
            _duration, accept=_accept_duration, priority=4),
        Rule("bare_plural", compile_rule(
            r"{L}(?:for|over|within|in|after|took|take|takes|taking|lasted|last|spent|spend|spends|"
            r"of|the|recent)\s+(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes)"
            r"(?:\s+(?:or|and)\s+(?P<unit2>years|months|weeks|days))?(?!\s+(?:of|old|ago|earlier|later)\b){R}"),
            _bare_plural, priority=7),
        Rule("vague_span", compile_rule(
            r"{L}(?:the\s+)?(?:recent|coming|(?:the\s+)?(?:past|last|next|coming)\s+(?:few|several))\s+"
            r"(?P<unit>days|weeks|months|quarters|years|decades)(?!\s+(?:of|old|ago)\b){R}"),
            _vague_span, priority=5),
        Rule("set_every", compile_rule(
            r"{L}(?:every|each|per)\s+(?:(?P<other>other)\s+|(?P<n>{number})\s+)?"
            r"(?P<what>{unit_sg}|{weekday}|{month}|morning|afternoon|evening|night)s?{R}"), _set_every, priority=3),
        Rule("set_rate", compile_rule(r"{L}(?:a|an|per)\s+(?P<unit>day|week|month|year|hour|minute|quarter){R}"),
             _set_rate, accept=_accept_rate, priority=3),
        Rule("set_adverb", compile_rule(r"{L}" + sets + r"{R}"), _set_adverb, accept=_accept_set_adverb, priority=5),
        Rule("reference", compile_rule(r"{L}" + refs + r"{R}"), _reference, accept=_accept_reference, priority=3),
        Rule("one_day", compile_rule(
            r"{L}(?:will|would|could|may|might|can|shall)\s+(?:\w+ly\s+)?(?P<w>one\s+day){R}"),
            lambda m, c: Result("DATE", "FUTURE_REF", start=m.start("w"), anchor=c.anchor_iso()), priority=3),
        Rule("current", compile_rule(r"{L}current{R}"), _reference, accept=_accept_current, priority=8),
        Rule("the_year", compile_rule(
            r"{L}(?:(?:the\s+)?(?:end\s+of\s+the\s+|latest\s+|current\s+|full\s+|previous\s+|past\s+)?"
            r"(?:fiscal\s+|calendar\s+)?year(?=\s+(?:ended|ending|to\s+date)|\s*[,.;]|\s+(?:as\s+a\s+whole|earlier|before))"
            r"|(?:the\s+)?year[’']s\s+end|(?:around\s+)?year[\s-]end|the\s+(?:current|full|latest)\s+(?:fiscal\s+)?year)"
            r"{R}"), _the_year, accept=_accept_the_year, priority=6),
    )


def _accept_the_year(m: re.Match[str], text: str) -> bool:
    t = m.group(0).lower()
    before = text[max(0, m.start() - 12):m.start()].lower()
    if t.startswith("year") and re.search(r"\b(?:a|an|per|each|every)\s+$", before):
        return False  # "$1.76 a year."
    if t.startswith("year") or "end" in t or "current" in t or "full" in t or "latest" in t:
        return True
    return bool(re.search(r"(?:for|in|during|throughout|of)\s+$", before)) and t.startswith("the")
