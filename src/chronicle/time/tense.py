"""Cheap tense cues: does the clause around a temporal expression talk about the future or the past?

No parser: the words of the same sentence shortly before the expression (and a few after it)
are searched for future markers (will, 'll, shall, going to, plans to, is to, scheduled, ...) and
past markers (past auxiliaries, -ed verbs, "said"). The nearest marker wins; none means unknown.
A few words right before a date fix its direction whatever the verb ("payable Dec. 1", "since
March"): see ``lead_direction``.
"""

from __future__ import annotations

import re

_FUTURE = (
    r"will|'ll|shall|wo(?=n't)|going\s+to|plans?\s+to|planned\s+to|planning\s+to|plan\s+to|"
    r"(?:is|are|am|be|were|was)\s+(?:due\s+)?to(?!\s+(?:have|be\s+\w+ed))|"
    r"scheduled|slated|set\s+to|expects?\s+to|expected\s+to|intends?\s+to|hopes?\s+to|"
    r"would|might|may|should|aims?\s+to|wants?\s+to|"
    r"upcoming|tomorrow|planning|"
    r"effective|begins|starts|opens|resumes|meets|meet|ends|expires|arrives|leaves|visits|travels|returns|departs|"
    r"to\s+(?:be|begin|start|resume|meet|visit|hold|leave|return|open|close|travel|vote|decide|"
    r"announce|sign|arrive|attend|fly|go|come|hear|rule|take|make|face|end|report)"
)
_PAST = (
    r"was|were|had|did|said|told|ago|last|earlier|yesterday|met|went|came|took|left|made|began|"
    r"held|gave|saw|spoke|got|became|fell|rose|won|lost|sent|put|set\s+off|announced|bought|sold|paid|"
    r"fought|brought|thought|caught|built|spent|kept|struck|wrote|broke|chose|drove|flew|grew|knew|threw|"
    r"drew|stood|shot|ran|found|began|been|has|have|"
    r"\w+ed"
)
_CUE = re.compile(rf"(?i)(?<![\w'])(?:(?P<fut>{_FUTURE})|(?P<past>{_PAST}))(?![\w'])")
_NOT_PAST_ED = frozenset({"need", "seed", "speed", "feed", "bed", "red", "shed", "united", "limited", "based",
                          "related", "proposed", "expected", "scheduled", "planned", "supposed", "red", "hundred",
                          "indeed", "breed", "wed", "ted", "reed", "bled", "fled", "led", "proceed", "exceed",
                          "succeed", "naked", "wicked", "sacred", "kindred"})
_PARTICIPLES = frozenset({"paid", "made", "held", "set", "put", "sent", "found", "built", "kept", "brought",
                          "sold", "bought", "given", "taken", "shot", "struck", "won", "lost", "left", "told"})
_BEFORE_PARTICIPLE = re.compile(
    r"(?i)(?<![\w'])(?:be|being|been|the|a|an|its|their|his|her|our|these|those)\s+(?:\w+ly\s+)?$")
_PAST_AUX = re.compile(r"(?i)\b(?:had(?:\s+been)?|(?:was|were)(?=\s+(?:\w+ly\s+)?(?:scheduled|due|slated|set)))\s+(?:\w+ly\s+)?$")
_SENT_END = re.compile(r"[.!?]['\"”’]*\s+(?=[A-Z\"“'`(])|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int, reach: int = 240) -> tuple[int, int]:
    """Approximate start and end offsets of the sentence containing ``text[start:end]``."""
    lo = max(0, start - reach)
    left = lo
    for m in _SENT_END.finditer(text, lo, start):
        left = m.end()
    hi = min(len(text), end + reach)
    m = _SENT_END.search(text, end, hi)
    right = m.start() + 1 if m else hi
    return left, right


def tense_near(text: str, start: int, end: int) -> str | None:
    """``"future"``, ``"past"`` or None: the tense the clause around ``text[start:end]`` suggests.

    Looks up to ~100 characters back and ~50 forward within the sentence; the cue nearest to the
    expression wins, a cue before it counting a little more than one after it.
    """
    left, right = sentence_bounds(text, start, end, reach=120)
    lo = max(left, start - 100)
    last: str | None = None
    for m in _CUE.finditer(text, lo, start):
        kind = _kind(m, text)
        if kind == "future" and _PAST_AUX.search(text, max(lo, m.start() - 12), m.start()):
            kind = "past"  # "was scheduled to", "had been due to"
        if kind:
            last = kind
    if last:
        return last
    for m in _CUE.finditer(text, end, min(right, end + 50)):
        kind = _kind(m, text)
        if kind:
            return kind
    return None


# Words right before a date that fix its direction whatever the verb: a deadline, a payment,
# an effective date or an earliest time lies ahead ("payable Dec. 1", "by Jan. 14", "holders of
# record Nov. 10", "postponed until Tuesday", "as early as Tuesday"); the end of a period or a
# starting point lies behind ("the quarter ended Sept. 30", "since March"). A sentence-initial
# "Until Thursday, they had ..." or "not until" looks back, so only a lower-case "until" that
# follows no "not" counts.
_LEAD = re.compile(
    r"(?<![\w'])(?:(?P<fut>(?i:by|payable|record|expires?|effective|due|as\s+(?:early|soon)\s+as)"
    r"|(?<!not\s)(?<!up\s)(?:until|till))|(?P<past>(?i:ended|since)))\s+(?:(?i:early|late|mid)[\s-]+)?$"
)


def lead_direction(text: str, start: int, *, weekday: bool = False) -> str | None:
    """``"future"`` or ``"past"`` when the words just before ``start`` fix a date's direction, else None.

    With ``weekday`` only the words that hold for a day of this week count ("until", "as early as",
    "since"): "had filed reports by Wednesday" looks back a few days, "by February" ahead.
    """
    m = _LEAD.search(text, max(0, start - 24), start)
    if m is None:
        return None
    if weekday and not re.match(r"(?i)until|till|as|since", m.group(0)):
        return None
    return "future" if m.group("fut") else "past"


def _kind(m: re.Match[str], text: str) -> str | None:
    if m.group("fut"):
        return "future"
    word = m.group("past").lower()
    if word in _NOT_PAST_ED:
        return None
    if word.endswith("ed") or word in _PARTICIPLES:
        # A participle after "be" ("will be paid", "must be returned") takes its tense from the
        # auxiliary before it; after a determiner ("the reduced dividend") it is an adjective.
        if _BEFORE_PARTICIPLE.search(text, max(0, m.start() - 16), m.start()):
            return None
    return "past"
