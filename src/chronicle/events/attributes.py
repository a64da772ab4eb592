"""An event's circumstances: how long it lasted, when and where it happened, its mode and context.

Durations and dates come from the temporal stage's timexes that the parse attaches to the
trigger ("a 75-minute phone call", "the talks, which lasted more than an hour", "met on
Wednesday"); a date falls back on the publication date (basis "document") or stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re

from chronicle.events.lexicon import EventLexicon
from chronicle.events.syntax import SentenceView
from chronicle.models import ActorMention, Duration, EventDate, Timex

QUALIFIERS = frozenset({"MORE_THAN", "LESS_THAN", "APPROX", "EQUAL_OR_MORE", "EQUAL_OR_LESS"})
_LOCATION_PREPS = ("in", "at", "near", "outside", "inside")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# how a mention of a state must have been found to name a place ("in Tokyo", not "in the Japanese view")
_PLACE_HOW = frozenset({"name", "capital", "metonymy", "alias"})
_NEAR_DEPS = frozenset({"compound", "amod", "nmod", "prep", "pobj", "npadvmod", "nummod", "advmod", "agent"})
_GRANULARITY = (
    (re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T"), "time"),
    (re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$"), "day"),
    (re.compile(r"^[\dX]{4}-W[\dX]{2}"), "week"),
    (re.compile(r"^[\dX]{4}-[\dX]{2}$"), "month"),
    (re.compile(r"^[\dX]{4}$"), "year"),
)


def granularity(value: str) -> str | None:
    """"day", "month", "year", "week" or "time" for a TIMEX3 date value; None for anything else."""
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    return None


def _timex_tokens(view: SentenceView, kinds: tuple[str, ...]) -> dict[Timex, list[int]]:
    found: dict[Timex, list[int]] = {}
    for i, tx in view.timex_at.items():
        if tx.type in kinds:
            found.setdefault(tx, []).append(i)
    return found


def _support_verb(view: SentenceView, anchor: int, lexicon: EventLexicon) -> int | None:
    parent = view.head(anchor)
    if (parent is not None and view.dep(anchor) in ("dobj", "attr", "nsubjpass")
            and view.lemma(parent) in lexicon.grammar.support):
        return parent
    return None


def find_duration(view: SentenceView, anchor: int, lexicon: EventLexicon) -> Duration | None:
    """The stated length of the event at ``anchor``: a DURATION timex in its phrase or clause."""
    own = set(view.subtree(anchor, stop=frozenset({"ccomp", "xcomp", "advcl", "conj"})))
    support = _support_verb(view, anchor, lexicon)
    if support is not None:
        for p in view.kids(support, "prep", "npadvmod"):
            own.update(view.subtree(p))
    best: tuple[int, Timex] | None = None
    for tx, toks in _timex_tokens(view, ("DURATION",)).items():
        if any(t in own for t in toks):
            distance = min(abs(t - anchor) for t in toks)
            if best is None or distance < best[0]:
                best = (distance, tx)
    if best is None:
        return None
    tx = best[1]
    if not tx.value.startswith("P"):
        return None
    return Duration(tx.start, tx.end, tx.text, tx.value, tx.mod if tx.mod in QUALIFIERS else None)


def find_date(view: SentenceView, anchor: int, published: dt.date | None) -> EventDate:
    """When the event at ``anchor`` happened: a DATE or TIME timex of its clause, else the document date."""
    clause = view.clause_head(anchor)
    own = set(view.subtree(anchor, stop=frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj"})))
    best: tuple[tuple[int, int], Timex] | None = None
    for tx, toks in _timex_tokens(view, ("DATE", "TIME")).items():
        if granularity(tx.value) is None:
            continue
        inside = any(t in own for t in toks)
        if not inside and not any(view.clause_head(t) == clause for t in toks):
            continue
        key = (0 if inside else 1, min(abs(t - anchor) for t in toks))
        if best is None or key < best[0]:
            best = (key, tx)
    if best is not None:
        tx = best[1]
        return EventDate(tx.value, granularity(tx.value), "timex", tx.certain and "X" not in tx.value, tx.start, tx.end)
    if published is not None:
        return EventDate(published.isoformat(), "day", "document", False)
    return EventDate(None, None, "unknown", False)


def find_location(view: SentenceView, anchor: int, lexicon: EventLexicon) -> tuple[str, ActorMention | None] | None:
    """(place as written, the state actor it names if any) from "in/at X" attached to the trigger."""
    heads = [anchor]
    support = _support_verb(view, anchor, lexicon)
    if support is not None:
        heads.append(support)
    heads.extend(view.kids(anchor, "dobj"))  # "blocked streets in Hong Kong"
    for h in heads:
        for _, o in view.prep_objects(h, _LOCATION_PREPS):
            place = _place(view, o, depth=0)
            if place is not None:
                return place
    return None


def _place(view: SentenceView, token: int, depth: int) -> tuple[str, ActorMention | None] | None:
    for ent in view.parse.entities:
        if ent.first <= token < ent.last and ent.label in _PLACE_LABELS:
            return ent.text, view.mention_at.get(token)
    mention = view.mention_at.get(token)
    if mention is not None and mention.actor.kind == "state" and mention.how in _PLACE_HOW:
        return mention.text, mention
    if depth < 2:
        for _, o in view.prep_objects(token, ("of", "in")):
            found = _place(view, o, depth + 1)
            if found is not None:
                return found
    return None


def _contains(sequence: list[str], cue: str) -> bool:
    words = cue.split()
    n = len(words)
    return any(sequence[k : k + n] == words for k in range(len(sequence) - n + 1))


def cue_mode(table: tuple[tuple[str, tuple[str, ...]], ...], lemmas: list[str]) -> str | None:
    """The first name in ``table`` with a cue among ``lemmas`` (a lemma sequence)."""
    present = set(lemmas)
    for name, cues in table:
        # a cue can only match when its first word is present: most cues are ruled out by a set lookup
        if any(cue.split(" ", 1)[0] in present and _contains(lemmas, cue) for cue in cues):
            return name
    return None


def near_lemmas(view: SentenceView, anchor: int) -> list[str]:
    """Lemmas of the words modifying a trigger, and of its prepositional phrases, in order."""
    toks = view.subtree(anchor, keep=_NEAR_DEPS)
    return [view.lemma(t) for t in toks]


def sentence_lemmas(view: SentenceView) -> list[str]:
    return [view.lemma(t) for t in view.tokens()]
