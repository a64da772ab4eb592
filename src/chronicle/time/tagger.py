"""Find temporal expressions in a text and normalise them (the stage's entry point)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from chronicle.time.context import Context, Result, Rule
from chronicle.time.model import Timex
from chronicle.time import rules_clock, rules_dates, rules_durations, rules_relative

_TRIM = " \t\n,;:"


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule of the tagger, compiled once."""
    return rules_dates.rules() + rules_clock.rules() + rules_relative.rules() + rules_durations.rules()


def _candidates(text: str) -> list[tuple[int, int, int, int, Rule, object]]:
    found = []
    for index, rule in enumerate(all_rules()):
        for m in rule.pattern.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            if end <= start:
                continue
            if rule.accept is not None and not rule.accept(m, text):
                continue
            found.append((start, end, rule.priority, index, rule, m))
    return found


def _select(found: list) -> list[tuple[tuple, list]]:
    """Keep the longest non-overlapping candidates (ties: lower priority number, then earlier).

    Each kept candidate comes with the candidates it displaced (overlapping it alone), best
    first, to fall back on when its resolver declines.
    """
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0], c[3]))
    taken: list[tuple[tuple, list]] = []
    for cand in found:
        s, e = cand[0], cand[1]
        hits = [t for t in taken if s < t[0][1] and t[0][0] < e]
        if not hits:
            taken.append((cand, []))
        elif len(hits) == 1:
            hits[0][1].append(cand)
    taken.sort(key=lambda t: t[0][0])
    return taken


def find_timexes(text: str, anchor: dt.date | None) -> tuple[Timex, ...]:
    """Find DATE, TIME, DURATION and SET expressions in ``text`` and normalise them.

    ``anchor`` is the document's creation date: deictic expressions ("last month", "on
    Thursday") resolve against it, anaphoric ones ("the next day") against the last fully
    specified date mentioned before them (else the anchor). With ``anchor=None`` the parts that
    depend on it stay unknown (``XXXX-12-21``, ``XXXX-WXX-4``). Returns the timexes in text order.
    Raises ``TypeError`` when ``text`` is not a string or ``anchor`` not a date.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if anchor is not None and not isinstance(anchor, dt.date):
        raise TypeError(f"anchor must be a datetime.date or None, not {type(anchor).__name__}")
    ctx = Context(text=text, anchor=anchor)
    out: list[Timex] = []
    for best, alternatives in _select(_candidates(text)):
        result: Result | None = None
        for start, end, _, _, rule, m in [best, *alternatives]:
            if out and start < out[-1].end:
                continue
            ctx.here = start
            result = rule.resolve(m, ctx)  # type: ignore[arg-type]
            if result is not None:
                break
        if result is None:
            continue
        s = result.start if result.start is not None else start
        e = result.end if result.end is not None else end
        out.append(Timex(s, e, text[s:e], result.type, result.value, result.anchor, result.certain, result.mod))
        ctx.last_gran = result.point.gran if result.point is not None else result.type
        ctx.last_end = e
        if result.point is not None and result.remember:
            ctx.last_point, ctx.last_point_at = result.point, start
            if result.point.gran == "day":
                ctx.last_day, ctx.last_day_at = result.point.date, start
            elif result.point.gran == "quarter":
                ctx.last_quarter = result.point
    return tuple(out)


@lru_cache(maxsize=1)
def _as_of_pattern() -> re.Pattern[str]:
    from chronicle.time.grammar import L, R
    from chronicle.time.lexicon import alternation, lexicon

    return re.compile(L + alternation(lexicon().as_of_now) + R, re.I)


def find_as_of_now(text: str, anchor: dt.date | None) -> tuple[Timex, ...]:
    """Find cumulative "as of now" markers ("33 times so far", "thus far", "to date").

    TimeBank and TempEval-3 do not annotate these as TIMEX3s, so ``find_timexes`` leaves them
    out; this returns them as DATE timexes valued ``PRESENT_REF`` (anchored to ``anchor``) for
    callers that need to know a count or state holds as of the document date.
    Raises ``TypeError`` when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    iso = anchor.isoformat() if isinstance(anchor, dt.date) else None
    return tuple(Timex(m.start(), m.end(), m.group(0), "DATE", "PRESENT_REF", iso)
                 for m in _as_of_pattern().finditer(text))
