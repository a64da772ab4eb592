"""Rules for expressions resolved against the document date or an earlier mention: today,
last month, two weeks ago, on Thursday, the next day, a year earlier, this morning, ..."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from chronicle.time.calendar import (
    Point,
    format_point,
    season_point,
    shift,
    unknown_value,
    weekday_on_or_after,
    weekday_on_or_before,
)
from chronicle.time.context import Context, Result, Rule
from chronicle.time.grammar import compile_rule, parse_number
from chronicle.time.lexicon import lexicon
from chronicle.time.rules_dates import edge_mod
from chronicle.time.tense import lead_direction

_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _with_part(day: dt.date | None, part: str | None) -> tuple[str, str]:
    """(type, value) of a day, optionally with a part of day (TMO, TAF, TEV, TNI)."""
    code = _PARTS.get((part or "").lower())
    base = day.isoformat() if day else "XXXX-XX-XX"
    return ("TIME", f"{base}T{code}") if code else ("DATE", base)


def weekday_date(wd: int, ctx: Context, start: int, end: int, rel: str = "") -> tuple[dt.date | None, bool]:
    """The date meant by a weekday name, by its relative word or the tense of its clause."""
    rel = " ".join(rel.lower().split())
    if rel in ("the previous", "the preceding", "the following", "the next") and ctx.ref_day():
        ref = ctx.ref_day()
        assert ref is not None
        if rel in ("the previous", "the preceding"):
            return weekday_on_or_before(ref - dt.timedelta(days=1), wd), True
        return weekday_on_or_after(ref + dt.timedelta(days=1), wd), True
    if ctx.anchor is None:
        return None, False
    a = ctx.anchor
    if rel in ("last", "this past", "past"):
        return weekday_on_or_before(a - dt.timedelta(days=1), wd), True
    if rel in ("next", "this coming", "coming"):
        return weekday_on_or_after(a + dt.timedelta(days=1), wd), True
    lead = lead_direction(ctx.text, start, weekday=True)
    tense = lead or ctx.tense(start, end)
    possessive = ctx.text[start:end].endswith(("'s", "’s")) or ctx.text[end:end + 2] in ("'s", "’s")
    if not rel and possessive and not lead:
        tense = "past"  # "Wednesday's ruling": a day named by what happened on it
    if rel == "this" and tense is None:
        tense = "future"
    if tense == "future":
        return weekday_on_or_after(a, wd), False
    return weekday_on_or_before(a, wd), False


def day_of_reference(phrase: str | None, m: re.Match[str], ctx: Context) -> tuple[dt.date | None, bool]:
    """The day a clock time is on: its own day phrase if any, else the last day mentioned."""
    if not phrase:
        return ctx.ref_day(), False
    p = " ".join(phrase.lower().split())
    if p in _DAY_WORDS:
        return (ctx.anchor + dt.timedelta(days=_DAY_WORDS[p]) if ctx.anchor else None), True
    wd = lexicon().weekday(p.split()[0].rstrip(","))
    if wd:
        return weekday_date(wd, ctx, m.start(), m.end())
    if "day" in p and ("same" in p or "next" in p or "following" in p or "previous" in p):
        ref = ctx.ref_day()
        if ref is None:
            return None, False
        return ref + dt.timedelta(days=0 if "same" in p else (-1 if "previous" in p else 1)), True
    from chronicle.time.rules_dates import _month_day  # a "Nov. 9" phrase

    sub = re.match(r"(?P<wd>)?(?P<mon>\S+)\s+(?P<day>\d+)\w*(?:,?\s+(?P<year>\d{4}))?", phrase)
    if sub:
        res = _month_day(sub, ctx)
        if res and res.point:
            return res.point.date, res.certain
    return ctx.ref_day(), False


# --- today, yesterday, tonight, this morning, last night -------------------------------------

def _deictic_day(m: re.Match[str], ctx: Context) -> Result | None:
    word = m.group("word").lower()
    part = m.group("part")
    if word == "tonight":
        part = "night"
    if word in ("last", "this"):
        offset = -1 if word == "last" and part.lower() == "night" else 0
    else:
        offset = _DAY_WORDS[word]
    if word == "the day before yesterday":
        offset = -2
    day = ctx.anchor + dt.timedelta(days=offset) if ctx.anchor else None
    typ, value = _with_part(day, part)
    mod = edge_mod((m.group("mod") or "").lower().replace("earlier", "early").replace("later", "late"))
    if mod and (m.group("mod") or "").lower() in ("earlier", "later"):
        mod = None
    return Result(typ, value, mod=mod, certain=day is not None, point=Point("day", day) if day else None,
                  anchor=ctx.anchor_iso())


def _mid_part(m: re.Match[str], ctx: Context) -> Result | None:
    """mid-afternoon, mid-morning yesterday: a part of the day the text is talking about."""
    day, certain = day_of_reference(m.group("dayref"), m, ctx)
    _, value = _with_part(day, m.group("part"))
    return Result("TIME", value, mod="MID", certain=certain and day is not None,
                  point=Point("day", day) if day else None, anchor=ctx.anchor_iso())


# --- last week, this year, next month, the following year, earlier this year -------------------

def _relative_unit(m: re.Match[str], ctx: Context) -> Result | None:
    rel = " ".join((m.group("rel") or "").lower().split())
    unit = " ".join(m.group("unit").lower().split()).replace("fiscal ", "").replace("calendar ", "")
    lx = lexicon()
    modw = (m.group("mod") or "").lower().strip(" -")
    mod = edge_mod(modw.replace("earlier", "").replace("later", "").strip() or None)
    season = lx.seasons.get(unit)
    gran = "season" if season else {"week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter",
                                    "year": "year", "decade": "decade", "century": "century"}.get(unit)
    if gran is None:
        return None
    anaphoric = rel in ("previous", "following", "same", "that", "the previous", "the following", "the same",
                        "the next", "the preceding", "preceding", "that same")
    step = {"last": -1, "past": -1, "the past": -1, "previous": -1, "the previous": -1, "preceding": -1,
            "the preceding": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1, "following": 1,
            "the following": 1, "the next": 1, "this coming": 1, "upcoming": 1}.get(rel, 0)
    base_day = ctx.ref_day() if anaphoric else ctx.anchor
    finer = {"week": ("day", "week"), "weekend": ("day", "week"), "month": ("day", "week", "month"),
             "quarter": ("day", "week", "month", "quarter"), "year": ("day", "week", "month", "quarter", "half",
                                                                     "season", "year")}.get(gran, ())
    if anaphoric and ctx.last_point is not None and ctx.last_point.gran in finer:
        base_day = ctx.last_point.date
    if base_day is None:
        return Result("DATE", unknown_value(gran, season), mod=mod, certain=False)
    if season:
        point = _season(base_day, season, step, rel)
    elif gran == "weekend":
        sat = weekday_on_or_before(base_day, 6) if step <= 0 and ctx.tense(m.start(), m.end()) != "future" \
            else weekday_on_or_after(base_day, 6)
        point = shift(Point("weekend", sat), step if step < 0 or rel in ("next",) else 0)
    else:
        point = shift(Point(gran, base_day), step)
    value = format_point(point)
    return Result("DATE", value, mod=mod, point=point, certain=True, anchor=base_day.isoformat())


def _season(base: dt.date, code: str, step: int, rel: str) -> Point:
    """The season ``code`` before (step < 0), around (0) or after (step > 0) ``base``."""
    options = [season_point(y, code) for y in (base.year - 2, base.year - 1, base.year, base.year + 1)]
    if step < 0:
        ended = [p for p in options if _end(p) <= base]
        return ended[-1]
    if step > 0:
        return next(p for p in options if p.date > base)
    current = [p for p in options if p.date <= base < _end(p)]
    if current:
        return current[0]
    return season_point(base.year, code)


def _end(season: Point) -> dt.date:
    return shift(Point("month", season.date), 3).date


# --- two weeks ago, a year earlier, three days later --------------------------------------------

_ANAPHORIC_DIRS = {"earlier": -1, "before": -1, "later": 1, "after": 1, "afterward": 1, "afterwards": 1}


def _ago(m: re.Match[str], ctx: Context) -> Result | None:
    lx = lexicon()
    unit = lx.unit(m.group("unit"))
    if unit is None:
        return None
    gran, _, mult = unit
    direction = " ".join(m.group("dir").lower().split())
    n = parse_number(m.group("num")) if m.group("num") else "X"
    mod = _MODS.get(" ".join((m.group("mod") or "").lower().split()))
    if n is None:
        return None
    future = direction in ("from now", "hence", "later")
    anaphoric = direction in ("earlier", "later")
    if anaphoric and gran not in ("year", "month", "quarter", "decade", "century"):
        return None  # "three days later/earlier": TimeBank marks the duration (see the duration rule)
    if isinstance(n, str):
        return Result("DATE", "FUTURE_REF" if future else "PAST_REF", mod=mod)
    sign = 1 if future else -1
    base_gran = {"weekend": "week", "decade": "year", "century": "year", "millennium": "year"}.get(gran, gran)
    if gran in ("hour", "minute", "second"):
        base_gran = "day"
    amount = int(n * mult) if float(n * mult).is_integer() else None
    if amount is None and gran not in ("hour", "minute", "second"):
        if gran == "year" and n * 12 == int(n * 12):
            base_gran, amount = "month", int(n * 12)
        else:
            return None
    if gran == "year" and amount == 1 and ctx.last_quarter is not None and ctx.here - ctx.last_point_at <= 600:
        point = shift(ctx.reported_quarter(), sign * 4)  # type: ignore[arg-type]
        return Result("DATE", format_point(point), mod=mod, point=point, anchor=ctx.anchor_iso(), remember=False)
    ref = ctx.ref_day() if anaphoric else ctx.anchor
    if ref is None:
        return Result("DATE", unknown_value(base_gran), mod=mod, certain=False)
    if gran in ("hour", "minute", "second"):
        return Result("DATE", ref.isoformat(), mod=mod, anchor=ref.isoformat(), remember=False)
    point = shift(Point(base_gran, ref), sign * (amount or 0))
    if base_gran == "week" and (amount or 0) <= 2:
        point = Point("day", point.date)
    return Result("DATE", format_point(point), mod=mod, point=point, anchor=ref.isoformat(), remember=False)


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


_MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "upwards of": "MORE_THAN", "longer than": "MORE_THAN", "in excess of": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "shorter than": "LESS_THAN", "barely": "LESS_THAN",
    "within": "LESS_THAN", "not quite": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "some more than": "MORE_THAN", "an estimated": "APPROX", "close to": "APPROX",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "a minimum of": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "a maximum of": "EQUAL_OR_LESS", "as many as": "EQUAL_OR_LESS", "as long as": "EQUAL_OR_LESS",
}
MOD_WORDS = "|".join(sorted((k.replace(" ", r"\s+") for k in _MODS), key=len, reverse=True))


def mod_of(word: str | None) -> str | None:
    """TIMEX3 mod of a quantity modifier ("more than" → MORE_THAN, "about" → APPROX)."""
    return _MODS.get(" ".join((word or "").lower().split()))


# --- weekdays -----------------------------------------------------------------------------

def _weekday(m: re.Match[str], ctx: Context) -> Result | None:
    wd = lexicon().weekday(m.group("wd"))
    if wd is None:
        return None
    rel = m.group("rel") or ""
    day, certain = weekday_date(wd, ctx, m.start(), m.end(), rel)
    part = m.group("part") or m.group("part0")
    modw = (m.group("mod") or "").lower()
    mod = edge_mod(modw) if modw in ("early", "late", "mid") else None
    if day is None:
        code = _PARTS.get((part or "").lower())
        return Result("TIME" if code else "DATE", f"XXXX-WXX-{wd}" + (f"T{code}" if code else ""), mod=mod, certain=False)
    # A weekday's morning or night ("talks on Wednesday night") mostly stands for the day itself
    # and TimeBank values it as the plain date; an evening or afternoon is the stretch of the day
    # (TEV, TAF). The part stays in the span and in Timex.text either way.
    kept = part if (part or "").lower() in ("evening", "afternoon") else None
    typ, value = _with_part(day, kept)
    return Result(typ, value, mod=mod, certain=certain, point=Point("day", day), anchor=ctx.anchor_iso())


def _accept_weekday(m: re.Match[str], text: str) -> bool:
    # "Sun" (newspaper), "Wed" abbreviations are only taken with a trailing period (see grammar)
    before = text[max(0, m.start() - 6):m.start()]
    return not re.search(r"(?:Black|Super|Cyber|Ash|Good|Palm|Easter|Bloody)\s+$", before)


# --- the next day, the previous day, that day, the day before ---------------------------------

def _anaphoric_day(m: re.Match[str], ctx: Context) -> Result | None:
    words = " ".join(m.group(0).lower().split())
    ref = ctx.ref_day()
    offset = 0
    if re.search(r"previous|preceding|before|earlier(?!\s+that)|prior", words) and not words.startswith("earlier that"):
        offset = -1
    elif re.search(r"next|following|after|later(?!\s+that)", words) and not words.startswith("later that"):
        offset = 1
    if re.search(r"\bthe\s+day\s+before\s+yesterday\b", words):
        ref, offset = ctx.anchor, -2
    part = m.group("part")
    day = ref + dt.timedelta(days=offset) if ref else None
    typ, value = _with_part(day, part)
    return Result(typ, value, certain=day is not None, point=Point("day", day) if day else None,
                  anchor=ref.isoformat() if ref else None)


def _the_weekend(m: re.Match[str], ctx: Context) -> Result | None:
    start = m.end("pre")
    if ctx.anchor is None:
        return Result("DATE", "XXXX-WXX-WE", certain=False, start=start)
    pre = m.group("pre").lower()
    future = bool(re.match(r"until|ahead|by|before", pre)) or (
        not pre.startswith(("over", "during", "after")) and ctx.tense(m.start(), m.end()) == "future")
    sat = weekday_on_or_after(ctx.anchor, 6) if future else weekday_on_or_before(ctx.anchor, 7) - dt.timedelta(days=1)
    point = Point("weekend", sat)
    return Result("DATE", format_point(point), point=point, anchor=ctx.anchor_iso(), start=start, certain=False)


def _the_season(m: re.Match[str], ctx: Context) -> Result | None:
    code = lexicon().seasons[m.group("season").lower()]
    mod = edge_mod(m.group("mod"))
    if ctx.anchor is None:
        return Result("DATE", f"XXXX-{code}", mod=mod, certain=False)
    tense = ctx.tense(m.start(), m.end())
    point = _season(ctx.anchor, code, 1 if tense == "future" else 0, "")
    if tense != "future" and point.date > ctx.anchor:
        point = shift(point, -1)
    return Result("DATE", format_point(point), mod=mod, point=point, certain=False, anchor=ctx.anchor_iso())


def _unit_edge(m: re.Match[str], ctx: Context) -> Result | None:
    modw = " ".join((m.group("mod") or m.group("mod2") or "").lower().split())
    unit = (m.group("unit") or m.group("unit2")).lower()
    mod = {"early in": "START", "earlier in": None, "late in": "END", "later in": None, "the rest of": None,
           "the remainder of": None}.get(modw, edge_mod(modw))
    base = ctx.ref_day() if unit == "day" else ctx.anchor
    if base is None:
        return Result("DATE", unknown_value(unit), mod=mod, certain=False)
    point = Point(unit, base)
    return Result("DATE", format_point(point), mod=mod, point=point, anchor=base.isoformat(), remember=False)


def _year_earlier_adj(m: re.Match[str], ctx: Context) -> Result | None:
    base = ctx.reported_quarter() if ctx.last_quarter is not None else ctx.anchor_point("year")
    if base is None:
        return Result("DATE", "XXXX", certain=False)
    point = shift(base, -4 if base.gran == "quarter" else -1)
    return Result("DATE", format_point(point), anchor=ctx.anchor_iso(), remember=False)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The relative-date rules, compiled once."""
    units = r"week|month|year|quarter|weekend|decade|century|(?:fiscal|calendar)\s+year|{season}"
    return (
        Rule("deictic_day", compile_rule(
            r"{L}(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow|"
            r"the\s+day\s+before\s+yesterday|(?:last|this)(?=\s+(?:morning|afternoon|evening|night)))"
            r"(?:['’]s)?(?:\s+(?P<part>morning|afternoon|evening|night))?{R}"), _deictic_day,
            accept=_accept_deictic_day, priority=1),
        Rule("relative_unit", compile_rule(
            r"{L}(?:(?P<mod>early|late|earlier|later|the\s+(?:end|beginning|start|middle|rest|remainder)\s+of|"
            r"mid|(?:the\s+)?(?:first|second)\s+half\s+of)[\s-]+)?"
            r"(?P<rel>last|this|next|(?:the\s+)?past|(?:the\s+)?coming|(?:the\s+)?previous|(?:the\s+)?preceding|"
            r"(?:the\s+)?following|current|upcoming|(?:the\s+)?same|that(?:\s+same)?|this\s+past|this\s+coming|"
            r"the\s+next)\s+(?P<unit>" + units + r")(?:['’]s)?{R}"), _relative_unit,
            accept=_accept_relative_unit, priority=2),
        Rule("ago", compile_rule(
            r"{L}(?:(?P<mod>" + MOD_WORDS + r")\s+)?(?:(?P<num>{number}|{vague})[\s-]+|(?=(?:years|months|weeks|days|decades)\s+ago))(?P<unit>{unit})"
            r"(?:\s+or\s+(?:so|more|two|three))?\s+(?P<dir>ago|earlier|later|from\s+now|hence)"
            r"(?!\s+(?:than|of)\b){R}"),
            _ago, priority=1),
        Rule("weekday", compile_rule(
            r"{L}(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?"
            r"(?:(?P<part0>morning|afternoon|evening|night)\s+(?:of\s+)?)?"
            r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past|the\s+previous|the\s+preceding|"
            r"the\s+following|the\s+next)\s+)?(?P<wd>{weekday})(?:['’]s)?"
            r"(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?{R}"),
            _weekday, accept=_accept_weekday, priority=3),
        Rule("anaphoric_day", compile_rule(
            r"{L}(?:(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)"
            r"|the\s+(?:previous|preceding|next|following|same)\s+(?:day|morning|afternoon|evening|night)"
            r"|the\s+day\s+(?:before|after|earlier|later)(?=\s*[,.;:!?)\"'`]|\s*$)"
            r"|that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night))"
            r"(?P<part>){R}"),
            lambda m, c: _anaphoric_day_part(m, c), priority=1),
        Rule("the_weekend", compile_rule(
            r"{L}(?P<pre>(?:over|during|at|for|on|by|through|until|ahead\s+of|after|before)\s+)the\s+weekend{R}"),
            _the_weekend, priority=4),
        Rule("unit_edge", compile_rule(
            r"{L}(?:(?P<mod>the\s+(?:end|beginning|start|middle|rest|remainder)\s+of|(?:early|earlier|late|later)\s+in)"
            r"\s+the\s+(?P<unit>week|month|year|day)|(?P<mod2>early|late|mid)[\s-](?P<unit2>week|month|year)){R}"),
            _unit_edge, priority=3),
        Rule("mid_part", compile_rule(
            r"{L}mid[\s-]?(?P<part>morning|afternoon)(?:,?\s+(?P<dayref>today|yesterday|tomorrow|{weekday}))?{R}"),
            _mid_part, priority=2),
        Rule("the_season", compile_rule(
            r"{L}the\s+(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>{season})(?!\s+of\b){R}"),
            _the_season, priority=5),
        Rule("year_earlier_adj", compile_rule(r"{L}year[\s-](?:earlier|ago){R}"), _year_earlier_adj, priority=6),
    )


_GENERIC_AGE = re.compile(
    r"(?i)['’]s\s+(?:\w+\s+)?(?:world|youth|society|generation|young|children|kids|standards|economy|culture|era|"
    r"age|times|technology|technologies|computers|families|women|men|people)\b")


def _accept_deictic_day(m: re.Match[str], text: str) -> bool:
    word = m.group("word")
    # "USA Today", "VOA Today": a capitalised "Today" after a name inside a sentence is a title
    if word == "Today" and re.search(r"(?-i:[A-Z][A-Za-z]*)\s+$", text[max(0, m.start() - 12):m.start()]):
        return False
    # "today's world", "today's youth": the present age in general, not the day of the report
    return not (word.lower() in ("today", "tomorrow") and _GENERIC_AGE.match(text, m.end() - 2))


def _accept_relative_unit(m: re.Match[str], text: str) -> bool:
    unit = m.group("unit")
    return not unit[:1].isupper() or unit.isupper()  # "ABC's This Week": a name


def _anaphoric_day_part(m: re.Match[str], ctx: Context) -> Result | None:
    text = m.group(0).lower()
    part = next((p for p in ("morning", "afternoon", "evening", "night") if p in text), None)
    res = _anaphoric_day(m, ctx)
    if res is None or part is None:
        return res
    typ, value = _with_part(res.point.date if res.point else None, part)
    return Result(typ, value, certain=res.certain, point=res.point, anchor=res.anchor)
