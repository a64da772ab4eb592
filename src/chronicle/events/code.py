"""The event coder: from a parsed text, its actor mentions and timexes to PLOVER event mentions.

Per parsed sentence: find triggers, let the triggers that complete others be absorbed, read each
remaining trigger's parties, status, mode, time, length and place. Two readings span sentences:
a definite event noun with no parties of its own ("the call lasted 35 minutes") takes those of the
last event it can refer to, and a meeting with one named side takes its other side from the last
meeting of that side the text reported.

Symmetric events (meetings, calls, talks, agreements and cooperation between equals) list every
party both as a source and as a target: the event is A→B and B→A at once. Visits, hosting and
mediation keep the visitor, host or mediator as the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from chronicle.events.arguments import Parties, Resolver, find_parties, unique
from chronicle.events.attributes import (
    cue_mode, find_date, find_duration, find_location, near_lemmas, sentence_lemmas,
)
from chronicle.events.counts import count_of, stated_count
from chronicle.events.lexicon import EventLexicon, Sense, load_event_lexicon
from chronicle.events.status import event_status
from chronicle.events.syntax import SentenceView
from chronicle.events.triggers import Trigger, absorb, find_triggers
from chronicle.models import ActorKind, ActorMention, EventMention, EventStatus, Parse, StatedCount, Timex

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_DIRECTED_CONSULT = frozenset({"visit", "host", "third-party"})
# how far back (in sentences) a definite event noun or a one-sided meeting looks for its parties
_LOOKBACK = 3
# the demand read from "X said Y must do Z"
_REPORTED_DEMAND = Sense(type="REQUEST", pos="verb", words=("must",), absorbs=True, weight=0.45)

History = list[tuple[int, EventMention]]


def extract_events(
    text: str,
    parse: Parse,
    mentions: tuple[ActorMention, ...],
    timexes: tuple[Timex, ...],
    published: dt.date | None,
) -> tuple[EventMention, ...]:
    """Code the events ``text`` reports, in text order.

    Reads the sentences of ``parse`` that were analysed (``Sentence.parsed``); ``mentions`` are
    the document's actor mentions, ``timexes`` its temporal expressions (for durations and
    dates), ``published`` its publication date (None when unknown: dates then fall back to basis
    "unknown"). Returns ``EventMention`` records; stated counts ("held 14 summits") are left to
    ``find_stated_counts``. Raises ``KnowledgeError`` if the packaged lexicon is broken.
    """
    lexicon = load_event_lexicon()
    return tuple(r for kind, r in code_sentences(text, parse, mentions, timexes, published, lexicon) if kind == "event")


def find_stated_counts(
    text: str, parse: Parse, mentions: tuple[ActorMention, ...], published: dt.date | None
) -> tuple[StatedCount, ...]:
    """Counts of events the text states, in text order, each with its actors and the date it holds at.

    ``parse`` must have analysed the sentences to read; ``mentions`` are the document's actor
    mentions; a count holds as of ``published`` (``as_of`` None when the date is unknown). The
    actors are those of the counted events' clause, with "the two leaders" read as the last two
    people named. Raises ``KnowledgeError`` if the packaged lexicon is broken.
    """
    lexicon = load_event_lexicon()
    return tuple(r for kind, r in code_sentences(text, parse, mentions, (), published, lexicon) if kind == "count")


def code_sentences(
    text: str,
    parse: Parse,
    mentions: tuple[ActorMention, ...],
    timexes: tuple[Timex, ...],
    published: dt.date | None,
    lexicon: EventLexicon,
) -> Iterator[tuple[str, EventMention | StatedCount]]:
    """Yield ("event", EventMention) and ("count", StatedCount) records in text order."""
    mentions = tuple(sorted(mentions, key=lambda m: m.start))
    history: History = []
    for index, sentence in enumerate(parse.sentences):
        if not sentence.parsed:
            continue
        view = SentenceView.build(text, parse, index, mentions, timexes, lexicon.lemma_of)
        res = Resolver(view, lexicon, mentions)
        triggers = absorb(view, find_triggers(view, lexicon), lexicon)
        demands = _reported_demands(view, triggers, res, lexicon)
        kept = sorted([t for t in triggers if t.absorbed_by is None] + [d for d, _ in demands], key=lambda t: t.anchor)
        given = {id(d): p for d, p in demands}
        for trigger in kept:
            parties = given.get(id(trigger)) or find_parties(trigger, view, res, lexicon)
            if count_of(view, trigger, lexicon) is not None:
                mode = _mode(trigger, view, parties, lexicon, None)
                actors = unique(parties.sources + parties.targets)
                count = stated_count(view, trigger, actors, mode, published, lexicon)
                if count is not None:
                    yield "count", count
                continue
            event = _event(trigger, view, parties, lexicon, published, history)
            history.append((index, event))
            yield "event", event


def _reported_demands(
    view: SentenceView, triggers: list[Trigger], res: Resolver, lexicon: EventLexicon
) -> list[tuple[Trigger, Parties]]:
    """"Russia said Sudan must return the helicopter": a demand by the speaker on the one who must act."""
    g = lexicon.grammar
    found = []
    for r in view.tokens():
        if view.lemma(r) not in g.reporting or not view.is_verb(r):
            continue
        speakers = [m for s in view.kids(r, "nsubj") for m in res.phrase_actors(s)]
        for c in view.kids(r, "ccomp"):
            modal = next((a for a in view.kids(c, "aux") if view.lower(a) in g.deontic_report), None)
            if modal is None:
                continue
            doers = [m for s in view.kids(c, "nsubj", "nsubjpass") if not view.is_pronoun(s) for m in res.phrase_actors(s)]
            speaker_ids = {m.actor.id for m in speakers}
            doers = [m for m in doers if m.actor.id not in speaker_ids]
            if not doers:
                continue
            demand = Trigger(modal, modal, c, _REPORTED_DEMAND)
            inside = set(view.subtree(c))
            for t in triggers:
                if t.absorbed_by is None and t.anchor in inside:
                    t.absorbed_by = demand
                    demand.contents.append(t)
            demand.contents.sort(key=lambda t: abs(t.anchor - c))
            found.append((demand, Parties(unique(speakers), unique(doers), bool(speakers), True)))
    return found


def _participants(parties: Parties) -> list[ActorMention]:
    return unique(parties.sources + parties.targets)


def _is_symmetric(trigger: Trigger, mode: str | None) -> bool:
    if trigger.type == "CONSULT":
        return mode not in _DIRECTED_CONSULT
    return trigger.sense.symmetric and trigger.type == trigger.sense.type


def _discourse(trigger: Trigger, view: SentenceView, parties: Parties, history: History, index: int) -> str | None:
    """Fill parties from earlier events; returns a mode taken over from the event referred back to."""
    recent = [e for i, e in reversed(history) if index - i <= _LOOKBACK]
    if not parties.sources and not parties.targets and trigger.sense.pos == "noun":
        definite = any(view.lower(d) in _DEFINITE for d in view.kids(trigger.anchor, "det")) or any(
            view.is_pronoun(p) for p in view.kids(trigger.anchor, "poss")
        )
        if definite:
            same = [e for e in recent if e.type == trigger.type and (e.sources or e.targets)]
            dyadic = [e for i, e in reversed(history) if index - i <= 1 and e.sources and e.targets]
            antecedent = (same or dyadic or [None])[0]
            if antecedent is not None:
                parties.sources = list(antecedent.sources)
                parties.targets = list(antecedent.targets)
                parties.inferred = True
                return antecedent.mode if antecedent.type == trigger.type else None
    if trigger.type == "CONSULT":
        present = _participants(parties)
        if len(present) == 1:
            for e in recent:
                others = [m for m in (*e.sources, *e.targets) if m.actor.id != present[0].actor.id]
                if e.type == "CONSULT" and others and len(others) < len(e.sources) + len(e.targets):
                    parties.targets = unique(parties.targets + others)
                    parties.inferred = True
                    break
    return None


def _content_mode(trigger: Trigger, lexicon: EventLexicon) -> str | None:
    if not trigger.contents:
        return None
    content = trigger.contents[0]
    table = lexicon.grammar.content_modes.get(trigger.type)
    if table is None:
        return None
    ctype, cmode, ccontext = content.type, content.sense.mode, content.sense.context
    for key in (f"{ctype}:{cmode}", f"{ctype}@{ccontext}", ctype, "*"):
        if key in table:
            return table[key]
    return None


def _mode(trigger: Trigger, view: SentenceView, parties: Parties, lexicon: EventLexicon, place: ActorMention | None) -> str | None:
    kind = trigger.type
    cues = lexicon.cues
    if kind != trigger.sense.type and trigger.contents:
        return trigger.contents[0].sense.mode  # "ordered the paper to suspend publication": censor
    if kind in ("REQUEST", "REJECT", "THREATEN"):
        return _content_mode(trigger, lexicon) or trigger.sense.mode
    if kind == "ASSAULT":
        return trigger.sense.mode or cue_mode(cues.assault, sentence_lemmas(view))
    if kind == "MOBILIZE":
        if trigger.sense.mode not in (None, "troops"):
            return trigger.sense.mode
        return cue_mode(cues.mobilize, near_lemmas(view, trigger.anchor)) or cue_mode(cues.mobilize, sentence_lemmas(view)) or trigger.sense.mode
    if kind != "CONSULT":
        return trigger.sense.mode
    mode = trigger.sense.mode
    cue = cue_mode(cues.consult, near_lemmas(view, trigger.anchor))
    if cue == "phone" or (cue == "multilateral" and mode != "phone"):
        mode = cue
    if mode in (None, "meeting"):
        people = _participants(parties)
        countries = {m.actor.country for m in people if m.actor.country}
        if len(countries) >= 3 or any(m.actor.kind == ActorKind.IGO for m in people):
            return "multilateral"
        if place is not None and place.actor.country and countries:
            return "third-party" if place.actor.country not in countries else ("visit" if len(countries) > 1 else mode)
    return mode


def _visit_sides(parties: Parties, place: ActorMention) -> None:
    """A meeting in one party's country: the others are visiting and that party is hosting."""
    people = _participants(parties)
    hosts = [m for m in people if m.actor.country == place.actor.country]
    guests = [m for m in people if m.actor.country != place.actor.country]
    parties.sources, parties.targets = guests, hosts


def _confidence(trigger: Trigger, parties: Parties) -> float:
    """The sense's reliability, raised when the parse gave a source (+0.2) and a target (+0.1),
    lowered when parties came from earlier sentences (-0.1) or none were found (-0.1)."""
    score = trigger.sense.weight + 0.2 * parties.parsed_source + 0.1 * parties.parsed_target
    if parties.inferred:
        score -= 0.1
    if not parties.sources and not parties.targets:
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)


def _event(
    trigger: Trigger,
    view: SentenceView,
    parties: Parties,
    lexicon: EventLexicon,
    published: dt.date | None,
    history: History,
) -> EventMention:
    g = lexicon.grammar
    kind = trigger.type
    status = event_status(view, trigger.anchor, g)
    if status == EventStatus.NEGATED and trigger.sense.negated and kind == trigger.sense.type:
        kind, status = trigger.sense.negated, EventStatus.OCCURRED
    inherited_mode = _discourse(trigger, view, parties, history, view.index)
    located = find_location(view, trigger.anchor, lexicon)
    place = located[1] if located else None
    mode = _mode(trigger, view, parties, lexicon, place)
    if kind == "CONSULT" and mode is None and inherited_mode is not None:
        mode = inherited_mode
    if kind != trigger.type:  # a refusal coded from a negated agreement
        mode = None
    if _is_symmetric(trigger, mode) and kind == trigger.type and not parties.from_content:
        everyone = _participants(parties)
        parties.sources, parties.targets = list(everyone), list(everyone)
    elif kind == "CONSULT" and mode == "visit" and place is not None and trigger.sense.mode != "visit":
        _visit_sides(parties, place)
    date = find_date(view, trigger.anchor, published)
    if status == EventStatus.OCCURRED and date.basis == "timex" and published is not None and date.value:
        if _after(date.value, published) and not view.is_past(view.clause_head(trigger.anchor)):
            status = EventStatus.PLANNED
    context = trigger.sense.context or next((c.sense.context for c in trigger.contents if c.sense.context), None)
    if context is None:
        context = cue_mode(lexicon.cues.contexts, sentence_lemmas(view))
    start, end, text = view.span_text(trigger.first, trigger.last)
    return EventMention(
        type=kind,
        mode=mode,
        context=context,
        status=status,
        trigger_start=start,
        trigger_end=end,
        trigger=text,
        start=view.sentence.start,
        end=view.sentence.end,
        sources=tuple(parties.sources),
        targets=tuple(parties.targets),
        date=date,
        duration=find_duration(view, trigger.anchor, lexicon),
        location=located[0] if located else None,
        confidence=_confidence(trigger, parties),
    )


def _after(value: str, published: dt.date) -> bool:
    """The TIMEX3 date ``value`` lies wholly after ``published`` (False when unknown)."""
    if "X" in value:
        return False
    iso = published.isoformat()
    n = len(value[:10])
    if n == 10:
        return value[:10] > iso
    if n == 7 and value[4] == "-":
        return value[:7] > iso[:7]
    if n == 4 and value.isdigit():
        return value > iso[:4]
    return False
