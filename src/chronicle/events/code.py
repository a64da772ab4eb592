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

from chronicle.events.arguments import Parties, Resolver, find_parties, is_symmetric, unique
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
_NO_SPEAKER = frozenset({"this", "that", "it", "which", "what", "there"})
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
    return code_document(text, parse, mentions, timexes, published)[0]


def find_stated_counts(
    text: str, parse: Parse, mentions: tuple[ActorMention, ...], published: dt.date | None
) -> tuple[StatedCount, ...]:
    """Counts of events the text states, in text order, each with its actors and the date it holds at.

    ``parse`` must have analysed the sentences to read; ``mentions`` are the document's actor
    mentions; a count holds as of ``published`` (``as_of`` None when the date is unknown). The
    actors are those of the counted events' clause, with "the two leaders" read as the last two
    people named. Raises ``KnowledgeError`` if the packaged lexicon is broken.
    """
    return code_document(text, parse, mentions, (), published)[1]


def code_document(
    text: str,
    parse: Parse,
    mentions: tuple[ActorMention, ...],
    timexes: tuple[Timex, ...],
    published: dt.date | None,
) -> tuple[tuple[EventMention, ...], tuple[StatedCount, ...]]:
    """``extract_events`` and ``find_stated_counts`` in one pass over the sentences: (events, counts)."""
    events: list[EventMention] = []
    counts: list[StatedCount] = []
    for kind, record in code_sentences(text, parse, mentions, timexes, published, load_event_lexicon()):
        if kind == "event":
            events.append(record)  # type: ignore[arg-type]
        else:
            counts.append(record)  # type: ignore[arg-type]
    return tuple(events), tuple(counts)


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
    previous_subjects: list[ActorMention] = []
    for index, sentence in enumerate(parse.sentences):
        if not sentence.parsed:
            continue
        view = SentenceView.build(text, parse, index, mentions, timexes, lexicon.lemma_of)
        res = Resolver(view, lexicon, mentions)
        res.previous_subjects = previous_subjects
        triggers = absorb(view, find_triggers(view, lexicon), lexicon)
        res.anchors = {t.anchor for t in triggers}
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
        roots = [i for i in view.tokens() if view.head(i) is None]
        previous_subjects = [m for r in roots[:1] for m in res.subject(r)]


def _reported_demands(
    view: SentenceView, triggers: list[Trigger], res: Resolver, lexicon: EventLexicon
) -> list[tuple[Trigger, Parties]]:
    """"Russia said Sudan must return the helicopter": a demand by the speaker on the one who must act."""
    g = lexicon.grammar
    found = []
    for r in view.tokens():
        if view.lemma(r) not in g.reporting or not view.is_verb(r):
            continue
        subjects = view.kids(r, "nsubj")
        if view.kids(r, "neg") or not subjects or all(view.lower(s) in _NO_SPEAKER for s in subjects):
            continue  # "this is not to say that X should": no one demands anything
        speakers = [m for s in view.kids(r, "nsubj") for m in res.phrase_actors(s)]
        for c in view.kids(r, "ccomp"):
            modal = next((a for a in view.kids(c, "aux") if view.lower(a) in g.deontic_report), None)
            if modal is None:
                continue
            doers = [m for s in view.kids(c, "nsubj", "nsubjpass") if not view.is_pronoun(s)
                     for m in res.phrase_actors(s)]
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
            parties = Parties(unique(speakers), unique(doers), parsed_source=bool(speakers), parsed_target=True)
            found.append((demand, parties))
    return found


def _participants(parties: Parties) -> list[ActorMention]:
    return unique(parties.sources + parties.partners)


def _antecedent(trigger: Trigger, mode: str | None, history: History, index: int) -> EventMention | None:
    """The event a definite event noun with no parties of its own refers back to: the last one of
    its type and mode, else the last interaction between two parties in the previous sentence,
    else the last one of its type."""
    recent = [(i, e) for i, e in reversed(history) if index - i <= _LOOKBACK and (e.sources or e.targets)]
    same = [e for _, e in recent if e.type == trigger.type and e.mode == mode]
    dyadic = [e for i, e in recent if index - i <= 1 and e.sources and e.targets]
    kind = [e for _, e in recent if e.type == trigger.type]
    return (same or dyadic or kind or [None])[0]


def _names_own_parties(view: SentenceView, a: int) -> bool:
    """The event noun carries names of its own ("the inter-Korea summit", "talks with X"), even
    ones the actor stage could not resolve: it is no bare reference back."""
    if view.prep_objects(a, ("with", "between")):
        return True
    modifiers = view.kids(a, "compound", "nmod", "amod", "poss")
    return any(view.tok(t).pos == "PROPN" for m in modifiers for t in view.phrase(m))


def _discourse(
    trigger: Trigger, view: SentenceView, parties: Parties, mode: str | None, history: History, lexicon: EventLexicon
) -> str | None:
    """Fill parties from earlier events; returns a mode taken over from the event referred back to."""
    index = view.index
    a = trigger.anchor
    definite = trigger.sense.pos == "noun" and (
        any(view.lower(d) in _DEFINITE for d in view.kids(a, "det")) or bool(view.kids(a, "poss"))
    )
    bare = not parties.sources and not parties.partners and not parties.targets
    if bare and definite and not _names_own_parties(view, a):
        antecedent = _antecedent(trigger, mode, history, index)
        if antecedent is not None:
            parties.sources = list(antecedent.sources)
            others = [m for m in antecedent.targets if m not in antecedent.sources]
            if is_symmetric(trigger):
                parties.partners = others
            else:
                parties.targets = others
            parties.inferred = True
            return antecedent.mode if antecedent.type == trigger.type else None
    if trigger.type != "CONSULT" or not is_symmetric(trigger):
        return None
    # a definite "the call" or "Abe's phone call" names again a call the text reported, however far back
    recent = [e for i, e in reversed(history) if e.type == "CONSULT" and (definite or index - i <= _LOOKBACK)
              and (not definite or mode is None or e.mode == mode)]
    present = _participants(parties)
    # a meeting has two sides; when the text names one, the other is the side of the last
    # meeting of that one: "Dining with Trump was ...", "Abe said they exchanged views"
    named_partner = bool(view.prep_objects(a, ("with", "between"))) or (
        bool(view.kids(a, "dobj")) and view.lemma(a) not in lexicon.grammar.topic_objects)
    lone_subject = len(parties.sources) == 1 and not parties.partners and not named_partner
    lone_partner = not parties.sources and len(parties.partners) == 1
    if len(present) == 1 and (lone_subject or lone_partner):
        for e in recent:
            ids = {m.actor.id for m in (*e.sources, *e.targets)}
            if present[0].actor.id in ids and len(ids) > 1:
                parties.partners = unique(parties.partners + [m for m in (*e.sources, *e.targets)
                                                              if m.actor.id != present[0].actor.id])
                parties.inferred = True
                break
    if mode is None:
        ids = {m.actor.id for m in _participants(parties)}
        for e in recent:  # the same parties' meeting just reported: "the talks", "Abe's conversation with Trump"
            if e.mode and ids and {m.actor.id for m in (*e.sources, *e.targets)} == ids:
                return e.mode
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


def _mode(
    trigger: Trigger, view: SentenceView, parties: Parties, lexicon: EventLexicon, place: ActorMention | None
) -> str | None:
    """The mode: from what was demanded, refused or threatened, the weapons named, the medium or
    setting of a meeting, else the trigger's sense."""
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
        return (cue_mode(cues.mobilize, near_lemmas(view, trigger.anchor))
                or cue_mode(cues.mobilize, sentence_lemmas(view)) or trigger.sense.mode)
    if kind != "CONSULT":
        return trigger.sense.mode
    mode = trigger.sense.mode
    cue = cue_mode(cues.consult, near_lemmas(view, trigger.anchor))
    if cue == "phone" or (cue == "multilateral" and mode != "phone"):
        mode = cue
    if mode in (None, "meeting"):
        people = unique(_participants(parties) + parties.targets)
        countries = {m.actor.country for m in people if m.actor.country}
        if len(countries) >= 3 or any(m.actor.kind == ActorKind.IGO for m in people):
            return "multilateral"
        if place is not None and place.actor.country and countries:
            return "third-party" if place.actor.country not in countries else ("visit" if len(countries) > 1 else mode)
    return mode


def _visit_sides(parties: Parties, place: ActorMention) -> None:
    """A meeting in one party's country: the others are visiting and that party is hosting."""
    people = unique(_participants(parties) + parties.targets)
    hosts = [m for m in people if m.actor.country == place.actor.country]
    guests = [m for m in people if m.actor.country != place.actor.country]
    parties.sources, parties.targets, parties.partners = guests, hosts, []


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
    if (status == EventStatus.NEGATED and trigger.sense.negated and kind == trigger.sense.type
            and trigger.sense.pos != "noun"):
        kind, status = trigger.sense.negated, EventStatus.OCCURRED  # "did not agree", "will not accept"
    located = find_location(view, trigger.anchor, lexicon)
    place = located[1] if located else None
    mode = _mode(trigger, view, parties, lexicon, None)
    inherited_mode = _discourse(trigger, view, parties, mode, history, lexicon)
    if kind == "PROTEST" and not parties.sources and place is not None:
        parties.sources = [place]  # unnamed protesters are people of the place they protest in
        parties.inferred = True
    mode = _mode(trigger, view, parties, lexicon, place)
    if kind == "CONSULT" and mode is None and inherited_mode is not None:
        mode = inherited_mode
    if kind != trigger.type:  # a refusal coded from a negated agreement
        mode = None
    everyone = _participants(parties)
    if kind == "CONSULT" and mode == "visit" and place is not None and trigger.sense.mode != "visit":
        _visit_sides(parties, place)
    elif is_symmetric(trigger) and kind == trigger.type and len(everyone) > 1:
        parties.sources = list(everyone)
        parties.targets = unique(everyone + parties.targets)
    else:
        parties.sources = list(everyone)
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
