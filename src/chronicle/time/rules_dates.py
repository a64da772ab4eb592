"""Rules for calendar dates: month-day(-year), month-year, months, years, decades, centuries,
seasons of a year, quarters and halves."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from chronicle.time.calendar import Point, add_months, closest_year, format_point, safe_date, shift
from chronicle.time.context import Context, Result, Rule
from chronicle.time.grammar import compile_rule, parse_number
from chronicle.time.lexicon import lexicon
from chronicle.time.tense import lead_direction

_EDGE_MODS = {
    "early": "START", "the beginning of": "START", "the start of": "START", "beginning": "START",
    "late": "END", "the end of": "END", "end": "END", "the last half of": "END",
    "mid": "MID", "the middle of": "MID", "middle": "MID",
    "around": "APPROX", "about": "APPROX",
}


def edge_mod(word: str | None) -> str | None:
    """TIMEX3 mod for an edge word (early → START, late → END, mid → MID)."""
    if not word:
        return None
    return _EDGE_MODS.get(" ".join(word.lower().replace("-", " ").split()))


def _num(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _year_of(ctx: Context, month: int, day: int | None, m: re.Match[str]) -> tuple[int | None, bool]:
    if ctx.anchor is None:
        return None, False
    return closest_year(ctx.anchor, month, day, _direction(ctx, m)), False


def _direction(ctx: Context, m: re.Match[str]) -> str | None:
    lead = lead_direction(ctx.text, m.start())
    if lead == "past":
        return "before"  # "ended Sept. 30", "since March": never a date still to come
    return lead or ctx.tense(m.start(), m.end())


# --- month day, year ------------------------------------------------------------------------

def _month_day(m: re.Match[str], ctx: Context) -> Result | None:
    lx = lexicon()
    month = lx.month(m.group("mon"))
    day = _num(m.group("day"))
    if month is None or not 1 <= day <= 31:
        return None
    year = m.group("year")
    certain = True
    wd = lx.weekday(m.group("wd")) if m.group("wd") else None
    if year:
        y: int | None = int(year)
    elif ctx.anchor is not None and wd:
        # the weekday tells the year: take the candidate year whose date falls on it
        options = [yy for yy in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1)
                   if (d := safe_date(yy, month, day)) and d.isoweekday() == wd]
        y = options[0] if options else _year_of(ctx, month, day, m)[0]
    elif ctx.anchor is not None and "rel" in m.groupdict() and m.group("rel"):
        rel = m.group("rel").lower().split()[-1]
        y = closest_year(ctx.anchor, month, day, "past" if rel in ("last", "past") else "future")
    else:
        y, certain = _year_of(ctx, month, day, m)
    if y is None:
        return Result("DATE", f"XXXX-{month:02d}-{day:02d}", certain=False)
    d = safe_date(y, month, day)
    if d is None:
        return None
    return Result("DATE", d.isoformat(), certain=certain, point=Point("day", d),
                  anchor=None if year else ctx.anchor_iso())


def _accept_month_day(m: re.Match[str], text: str) -> bool:
    # a dateline: "WASHINGTON, August 11 (Xinhua) --"
    if re.match(r"\s*\((?-i:[A-Z])", text[m.end():m.end() + 4]) and \
            re.search(r"(?:^|\n)\s*(?-i:[A-Z][A-Z .]+),\s*$", text[max(0, m.start() - 40):m.start()]):
        return False
    return True


def _day_month(m: re.Match[str], ctx: Context) -> Result | None:
    return _month_day(m, ctx)


# --- month (year) ---------------------------------------------------------------------------

_MAY_OK_BEFORE = re.compile(
    r"(?i)(?:\b(?:in|since|until|till|by|of|during|through|from|before|after|early|late|mid|last|next|this|"
    r"between|and|to|or|around|throughout|each|every|past|since)\s+|-)$"
)


def _accept_month(m: re.Match[str], text: str) -> bool:
    word = m.group("mon")
    if m.group("rel") or m.group("mod") or m.group("year"):
        return True
    before = text[max(0, m.start() - 20):m.start()]
    if word.lower().rstrip(".") == "may" or word.endswith("."):
        return bool(_MAY_OK_BEFORE.search(before))
    after = text[m.end():m.end() + 20]
    if word == "March" and re.match(r"\s+(?:for|of|on|against|to|through)\s", after) and \
            re.search(r"(?i)\b(?:the|a|annual|first|second|third|peace|protest)\s+(?:``|[\"“])?$", before):
        return False  # a procession: "the annual March for Life", "the March of the Mothers"
    if re.match(r"\s+(?-i:[A-Z][a-z]+)", after) and not re.match(r"\s+(?-i:[A-Z][a-z]+day\b|The\b|In\b|A\b)", after):
        return False  # a name: "April Glaspie", "August Busch"
    return True


def _month(m: re.Match[str], ctx: Context) -> Result | None:
    month = lexicon().month(m.group("mon"))
    if month is None:
        return None
    mod = edge_mod(m.group("mod"))
    rel = (m.group("rel") or "").lower().split()
    year_txt = m.group("year")
    if year_txt:
        y: int | None
        yt = year_txt.lower().split()
        if yt[0].isdigit():
            y = int(yt[0])
        elif yt[0] in ("nineteen", "eighteen", "two"):
            y = spelled_year(year_txt)
            if y is None:
                return None
        elif ctx.anchor is None:
            y = None
        else:
            y = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}.get(yt[0], 0)
    elif ctx.anchor is None:
        y = None
    elif rel and rel[-1] in ("last", "past"):
        y = ctx.anchor.year if month < ctx.anchor.month - 1 else ctx.anchor.year - 1
    elif rel and rel[-1] in ("next", "coming"):
        y = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    elif rel == ["this"]:
        y = ctx.anchor.year
    else:
        y = closest_year(ctx.anchor, month, None, _direction(ctx, m))
    if y is None:
        return Result("DATE", f"XXXX-{month:02d}", mod=mod, certain=False)
    point = Point("month", dt.date(y, month, 1))
    return Result("DATE", format_point(point), mod=mod, point=point,
                  certain=bool(year_txt and year_txt.lower().split()[0] not in ("this", "last", "next")),
                  anchor=ctx.anchor_iso())


# --- years, decades, centuries --------------------------------------------------------------

def _accept_year(m: re.Match[str], text: str) -> bool:
    if m.group("mod"):
        return True
    before = text[max(0, m.start() - 12):m.start()]
    after = text[m.end():m.end() + 14]
    if re.search(r"(?:[$#£€]\s*|\d[\s,.]*|No\.\s*|Nos?\s+|Room\s+|Flight\s+|page\s+|Route\s+|Highway\s+|about\s+|some\s+|nearly\s+)$", before, re.I):
        return False
    if re.match(r"\s*(?:%|percent|shares|people|troops|feet|miles|tons|workers|jobs|points|members|students|"
                r"cars|units|employees|barrels|acres|soldiers|dollars|yen|marks|[-–]\d|\d|/)", after, re.I):
        return False
    return True


def _year(m: re.Match[str], ctx: Context) -> Result | None:
    y = int(m.group("year"))
    mod_word = (m.group("mod") or "").lower()
    mod = edge_mod(mod_word.strip(" -"))
    if "half" in mod_word:
        half = 1 if "first" in mod_word else 2
        return Result("DATE", f"{y:04d}-H{half}", point=Point("half", dt.date(y, 1 if half == 1 else 7, 1)))
    point = Point("year", dt.date(y, 1, 1))
    return Result("DATE", f"{y:04d}", mod=mod, point=point)


def _season_year(m: re.Match[str], ctx: Context) -> Result | None:
    from chronicle.time.calendar import season_point

    code = lexicon().seasons[m.group("season").lower()]
    ytxt = m.group("year")
    if ytxt.isdigit():
        y = int(ytxt)
    else:
        words = ytxt.lower().replace("-", " ").split()
        rest = parse_number(" ".join(words[1:]))
        if rest is None or isinstance(rest, str) or rest >= 100:
            return None
        y = (1900 if words[0] == "nineteen" else 1800) + int(rest)
    point = season_point(y, code)
    return Result("DATE", format_point(point), mod=edge_mod(m.group("mod")), point=point)


def spelled_year(text: str) -> int | None:
    """The year a spelled-out year names ("nineteen ninety-seven" → 1997, "two thousand one"
    → 2001), or None when the words are not a year."""
    words = text.lower().replace("-", " ").split()
    if words[0] == "two":
        rest = parse_number(" ".join(w for w in words[2:] if w != "and")) if len(words) > 2 else 0
        if rest is None or isinstance(rest, str):
            return None
        return 2000 + int(rest)
    rest = parse_number(" ".join(words[1:]))
    if rest is None or isinstance(rest, str) or rest >= 100:
        return None
    return (1900 if words[0] == "nineteen" else 1800) + int(rest)


def _spelled_year(m: re.Match[str], ctx: Context) -> Result | None:
    y = spelled_year(m.group("y"))
    if y is None:
        return None
    return Result("DATE", f"{y:04d}", point=Point("year", dt.date(y, 1, 1)))


_SPELLED_YEAR = (
    r"(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|"
    r"two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?"
)

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _decade(m: re.Match[str], ctx: Context) -> Result | None:
    mod = edge_mod((m.group("mod") or "").strip(" -"))
    if m.group("word"):
        d = _DECADE_WORDS[m.group("word").lower()]
        return Result("DATE", f"19{d}", mod=mod)
    century = m.group("cent")
    digit = m.group("dec")
    if century is None:
        century = "19" if ctx.anchor is None or int(digit) > ctx.anchor.year % 100 // 10 else str(ctx.anchor.year // 100)
    return Result("DATE", f"{century}{digit}", mod=mod)


def _century(m: re.Match[str], ctx: Context) -> Result | None:
    word = m.group("n").lower()
    n = lexicon().ordinals.get(word)
    if n is None:
        digits = re.sub(r"\D", "", word)
        n = int(digits) if digits else None
    if not n:
        return None
    return Result("DATE", f"{n - 1:02d}", mod=edge_mod(m.group("mod")))


# --- quarters and halves --------------------------------------------------------------------

def _quarter(m: re.Match[str], ctx: Context) -> Result | None:
    text = m.group(0).lower()
    words = re.sub(r"[’']s?\b|,", " ", text).replace("-", " ").split()
    unit = m.group("unit").lower()
    ords = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
    n = next((ords[w] for w in words if w in ords), None)
    if n is None and ("final" in words or ("last" in words and "year" not in words)):
        n = 4 if unit == "quarter" else 2
    years = [int(w) for w in words if re.fullmatch(r"1\d\d\d|20\d\d", w)]
    joined = " ".join(words)
    back = bool(re.search(r"year (?:earlier|ago)|last year|corresponding|previous year|prior year", joined))
    if unit == "period" and n is None and not years and not back and not re.search(r"latest|same|comparable|current", joined):
        return None
    gran = "half" if unit == "half" else "quarter"
    months = 6 if gran == "half" else 3
    certain = bool(years) and n is not None
    if n is not None:
        if years:
            y: int | None = years[0]
        elif ctx.anchor is None:
            y = None
        else:
            y = ctx.anchor.year + (1 if "next" in words else 0)
        if y is None:
            return Result("DATE", f"XXXX-{'H' if gran == 'half' else 'Q'}{n}", certain=False)
        point = Point(gran, dt.date(y, (n - 1) * months + 1, 1))
        if not years and ctx.anchor is not None and gran == "quarter" and "next" not in words and not back:
            current = (ctx.anchor.month - 1) // 3 + 1
            if n > current + 1 and ctx.tense(m.start(), m.end()) != "future":
                point = shift(point, -4)
    elif gran == "half":
        return None
    elif not back and ctx.last_quarter is None and (end := _period_end(m, ctx)) is not None:
        # "the quarter ended Sept. 30" covers the three months before that day; a fiscal quarter
        # ending early in a calendar quarter ("ended July 31") lies mostly in the one before.
        # A quarter named before ("its fiscal first quarter") keeps its own number.
        point = Point("quarter", add_months(end, -1))
    elif "current" in words and ctx.anchor is not None:
        point = Point("quarter", ctx.anchor)
    elif "latest" in words and ctx.anchor is not None and not years:
        point = shift(Point("quarter", ctx.anchor), -1)
    elif ctx.last_quarter is not None:
        point = (ctx.reported_quarter() if back else ctx.last_quarter) or ctx.last_quarter
        if years:
            point = Point("quarter", point.date.replace(year=years[0]))
    elif years:
        return Result("DATE", f"{years[0]:04d}", point=Point("year", dt.date(years[0], 1, 1)))
    elif ctx.anchor is not None:
        point = shift(Point("quarter", ctx.anchor), -1)
    else:
        return Result("DATE", "XXXX-QX", certain=False)
    if back and not years:
        point = shift(point, -4 if gran == "quarter" else -2)
    # a comparison period ("the year-ago period", "the 1988 period") is not the quarter under report
    return Result("DATE", format_point(point), point=point, certain=certain, anchor=ctx.anchor_iso(),
                  remember=not back and not (years and n is None))


@lru_cache(maxsize=1)
def _ended_pattern() -> re.Pattern[str]:
    return compile_rule(
        r"\s+(?P<verb>ended|ending)\s+(?P<mon>{month})\s+(?P<day>{day})(?:,?\s+(?P<year>{year}))?{R_NUM}")


def _period_end(m: re.Match[str], ctx: Context) -> dt.date | None:
    """The closing day of a period named just after it ("... ended Sept. 30"), else None."""
    e = _ended_pattern().match(ctx.text, m.end())
    if e is None:
        return None
    month, day = lexicon().month(e.group("mon")), _num(e.group("day"))
    if month is None:
        return None
    if e.group("year"):
        year = int(e.group("year"))
    elif ctx.anchor is not None:
        year = closest_year(ctx.anchor, month, day, "past" if e.group("verb").lower() == "ended" else "future")
    else:
        return None
    return safe_date(year, month, day)


def _week_of(m: re.Match[str], ctx: Context) -> Result | None:
    day = _month_day(m, ctx)
    if day is None or day.point is None:
        return Result("DATE", "XXXX-WXX", certain=False) if day is not None else None
    point = Point("week", day.point.date)
    return Result("DATE", format_point(point), certain=day.certain, point=point, anchor=day.anchor)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The date rules, compiled once."""
    return (
        Rule("month_day", compile_rule(
            r"{L}(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?:(?P<wd>{weekday}),?\s+(?:the\s+)?)?"
            r"(?P<mon>{month})\s+(?P<day>{day})(?!\d|:\d)"
            r"(?:(?:,\s*|\s+)(?P<year>{year}))?{R_NUM}"), _month_day, priority=1),
        Rule("week_of", compile_rule(
            r"{L}the\s+week\s+of\s+(?P<wd>)(?P<mon>{month})\s+(?P<day>{day})(?!\d|:\d)"
            r"(?:(?:,\s*|\s+)(?P<year>{year}))?{R_NUM}"), _week_of, priority=1),
        Rule("day_month", compile_rule(
            r"{L}(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<day>{day})\s+(?:of\s+)?(?P<mon>{month})"
            r"(?:,?\s+(?P<year>{year}))?{R_NUM}"), _day_month, priority=2),
        Rule("month", compile_rule(
            r"{L}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming)\s+|"
            r"(?P<mod>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]*)?"
            r"(?P<mon>{month})(?:,?\s+(?:of\s+)?(?P<year>{year}(?!\d)|(?:this|last|next)\s+year|"
            + _SPELLED_YEAR + r"))?{R}"),
            _month, accept=_accept_month, priority=3),
        Rule("year", compile_rule(
            r"{L}(?P<mod>(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|"
            r"(?:the\s+)?(?:first|second|last)\s+half\s+of|fiscal(?:\s+year)?|calendar(?:\s+year)?|"
            r"the\s+year|the\s+fiscal\s+year|post|pre)[\s-]+)?(?P<year>{year})(?:'s)?{R_NUM}"),
            _year, accept=_accept_year, priority=6),
        Rule("season_year", compile_rule(
            r"{L}(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>{season})\s+(?:of\s+)?"
            r"(?P<year>{year}|(?:nineteen|eighteen)[\s-]+\w+(?:[\s-]\w+)?){R}"), _season_year, priority=2),
        Rule("spelled_year", compile_rule(r"{L}(?:the\s+year\s+)?(?P<y>" + _SPELLED_YEAR + r"){R}"),
            _spelled_year, priority=4),
        Rule("decade", compile_rule(
            r"{L}(?:the\s+)?(?:(?P<mod>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
            r"(?:(?P<cent>1[0-9]|20)(?P<dec>\d)0'?s|(?P<word>twenties|thirties|forties|fifties|"
            r"sixties|seventies|eighties|nineties)){R}"),
            _decade, priority=3),
        Rule("decade_short", compile_rule(
            r"{L}(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?['’](?P<dec>\d)0s(?P<cent>)(?P<word>){R}"),
            lambda m, c: _decade_short(m, c), priority=3),
        Rule("century", compile_rule(
            r"{L}(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ordinal})"
            r"[\s-]+century{R}"), _century, priority=3),
        Rule("iso_date", compile_rule(r"{L}(?P<year>{year})-(?P<mon>\d\d)-(?P<day>\d\d){R_NUM}"),
             lambda m, c: _numeric(m, c), priority=1),
        Rule("us_date", compile_rule(r"{L}(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>\d{{4}}|\d\d){R_NUM}"),
             lambda m, c: _numeric(m, c), priority=1),
        Rule("quarter", compile_rule(
            r"{L}(?:(?:the|its|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s|{year}['’]s|a)\s+)?"
            r"(?:(?:latest|current|previous|prior|recent|comparable|corresponding|same|flat|year[\s-]earlier|"
            r"year[\s-]ago|fiscal|calendar|{year}|first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+)"
            r"{{0,4}}(?P<unit>quarter|half|period)(?!s)(?:\s+(?:of|in)\s+(?:{year}|(?:this|last|next)\s+year|"
            r"fiscal\s+{year}))?(?:\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|"
            r"of\s+this\s+year|of\s+next\s+year))?{R}"),
            _quarter, accept=_accept_quarter, priority=2),
    )


def _accept_quarter(m: re.Match[str], text: str) -> bool:
    t = m.group(0).lower()
    if t.startswith("a ") and not re.search(r"first|second|third|fourth|flat", t):
        return False
    if m.group("unit").lower() == "half":
        if re.match(r"\s+of\s+(?:the\b|['’])", text[m.end():m.end() + 12]):
            return False
        return bool(re.search(r"first|second|last|1st|2nd", t))
    if m.group("unit").lower() == "quarter":
        after = text[m.end():m.end() + 12].lower()
        has_ord = re.search(r"first|second|third|fourth|1st|2nd|3rd|4th|final|latest|current|year", t)
        if re.match(r"\s+(?:percent|point|mile|century|inch|cent)\b", after) or (
                re.match(r"\s+of\b", after) and not has_ord):
            return False
        if re.search(r"(?:three|two|one)[\s-]*$", text[max(0, m.start() - 8):m.start()].lower()):
            return False
        before = text[max(0, m.start() - 12):m.start()].lower()
        if re.search(r"(?:one|three|a|\d)[\s-]*$", before) and not re.search(r"first|second|third|fourth|final|last|latest|current|the|its", t):
            return False
        if t.strip() == "quarter":
            return False
    return True


def _decade_short(m: re.Match[str], ctx: Context) -> Result | None:
    return Result("DATE", f"19{m.group('dec')}", mod=edge_mod(m.group("mod")))


def _numeric(m: re.Match[str], ctx: Context) -> Result | None:
    y = int(m.group("year"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    d = safe_date(y, int(m.group("mon")), int(m.group("day")))
    if d is None:
        return None
    return Result("DATE", d.isoformat(), point=Point("day", d))
