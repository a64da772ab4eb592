"""Stated counts: "the two leaders have held 14 summits and spoke over the telephone 33 times so far".

A count is a number attached to an event noun ("14 summits", "three rounds of talks") or to
"times" after an event verb ("spoke ... 33 times", "met twice"). It is a record of its own, not an
event: the event coder leaves such aggregates out.
"""

from __future__ import annotations

import datetime as dt

from chronicle.events.lexicon import EventLexicon
from chronicle.events.syntax import SentenceView
from chronicle.events.triggers import Trigger
from chronicle.models import ActorMention, StatedCount


def _number(view: SentenceView, i: int, lexicon: EventLexicon) -> int | None:
    word = view.lower(i).replace(",", "")
    if word.isdigit():
        return int(word)
    return lexicon.grammar.numbers.get(word)


def count_of(view: SentenceView, trigger: Trigger, lexicon: EventLexicon) -> tuple[int, int, int, str] | None:
    """(count, first token, counted token, counted word) when ``trigger`` is stated as a number of
    events rather than one event; None otherwise."""
    g = lexicon.grammar
    a = trigger.anchor
    if trigger.sense.pos == "noun":
        for n in view.kids(a, "nummod"):
            value = _number(view, n, lexicon)
            if value is not None and value > 1:
                return value, n, a, view.tok(a).text
        head = view.head(a)
        # "three rounds of talks": the number sits on "rounds"
        if head is not None and view.dep(a) == "pobj":
            counted = view.head(head)
            if counted is not None and view.lemma(counted) in g.count_nouns:
                for n in view.kids(counted, "nummod"):
                    value = _number(view, n, lexicon)
                    if value is not None:
                        return value, n, counted, view.tok(counted).text
        return None
    for c in view.kids(a, "npadvmod", "dobj", "advmod", "obj"):
        if view.lemma(c) in g.count_nouns:
            for n in view.kids(c, "nummod"):
                value = _number(view, n, lexicon)
                if value is not None:
                    return value, n, c, view.tok(c).text
        if view.lower(c) in g.count_adverbs:
            return g.count_adverbs[view.lower(c)], c, c, view.tok(c).text
    return None


def count_qualifier(view: SentenceView, first: int, lexicon: EventLexicon) -> tuple[str | None, int]:
    """The qualifier words just before a count ("more than 14") and the token they start at."""
    best: tuple[str | None, int] = (None, first)
    for phrase, qualifier in lexicon.grammar.qualifiers.items():
        words = phrase.split()
        start = first - len(words)
        if start < view.sentence.first:
            continue
        if [view.lower(k) for k in range(start, first)] == words and (best[0] is None or start < best[1]):
            best = (qualifier, start)
    return best


def stated_count(
    view: SentenceView,
    trigger: Trigger,
    actors: list[ActorMention],
    mode: str | None,
    published: dt.date | None,
    lexicon: EventLexicon,
) -> StatedCount | None:
    """The ``StatedCount`` a counted trigger states, or None when the trigger is a single event."""
    counted = count_of(view, trigger, lexicon)
    if counted is None:
        return None
    value, number_token, counted_token, what = counted
    qualifier, start_token = count_qualifier(view, number_token, lexicon)
    last = max(counted_token, number_token, trigger.last if trigger.sense.pos == "noun" else number_token)
    first = min(start_token, trigger.first if trigger.sense.pos == "noun" else start_token)
    start, end = view.tok(first).start, view.tok(last).end
    return StatedCount(
        what=what,
        event_type=trigger.type,
        mode=mode,
        count=value,
        qualifier=qualifier,
        actors=tuple(actors),
        as_of=published.isoformat() if published is not None else None,
        start=start,
        end=end,
    )
