"""Who did it and to whom: the source and target actors of a trigger, read from the parse.

Sources come from the subject (or the "by" agent of a passive), a noun trigger's possessor or
modifier ("Abe's conversation", "a US offer"), the subject of the support verb of an event noun
("held talks"), and, for what someone said, the speaker. Targets come from the object, the
objects of prepositions such as "with", "to", "against" and "on", and the content of a demand or
threat ("demanded that the US cancel"). Pronouns left unresolved by the actor stage are read as
the speaker of the clause they are reported in, or the nearest fitting actor before them; "the two
leaders" are the last two people named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chronicle.events.lexicon import EventLexicon
from chronicle.events.syntax import PLURAL_PRONOUNS, SentenceView
from chronicle.events.triggers import Trigger
from chronicle.models import ActorKind, ActorMention

# prepositions introducing a trigger's target
TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "from", "over", "between",
                "onto")
# prepositions attaching an event noun to the clause of its participants ("agreed in talks", "after the call")
SETTING_PREPS = frozenset({"in", "at", "after", "before", "during", "for", "following", "since", "upon", "ahead",
                           "throughout", "amid", "despite", "via", "through", "over", "on", "as"})
# types whose target may be the place where they happened ("imposed a curfew in Cizre")
PLACE_TARGET_TYPES = frozenset(
    {"COERCE", "SANCTION", "CONCEDE", "ASSAULT", "MOBILIZE", "RETREAT", "AID", "PROTEST", "ACCUSE"}
)
# CONSULT modes with a direction: the visitor, host or mediator is the source
DIRECTED_CONSULT = frozenset({"visit", "host", "third-party"})
# types whose event noun names its target with "of"
OF_TARGET_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "THREATEN", "ASSAULT", "COERCE", "SANCTION"})
# modes in which what is moved, disarmed or withdrawn is the one acting
SELF_MOVING_MODES = frozenset({"disarm", "withdraw"})
# types whose source may be the speaker who reports them ("said removing sanctions is out of the question")
SPEAKER_SOURCE_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONCEDE"})
# participles linking a group to its home: "a newspaper based in Beirut"
_BASED = frozenset({"base", "headquarter", "locate", "station", "operate"})
_RELATIVES = frozenset({"who", "which", "that", "whom"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours"})
_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})
_NEUTER = frozenset({"it", "its"})


@dataclass
class Parties:
    """The actors of one event: sources and targets, and how they were found."""

    sources: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    parsed_source: bool = False
    parsed_target: bool = False
    partners: list[ActorMention] = field(default_factory=list)  # the other side of an event between equals
    inferred: bool = False  # some came from the discourse rather than the sentence's parse


def unique(mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions with one per actor, first kept."""
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.actor.id not in seen:
            seen.add(m.actor.id)
            out.append(m)
    return out


class Resolver:
    """Reads actor phrases of one sentence, with the document's mentions for what came before."""

    def __init__(self, view: SentenceView, lexicon: EventLexicon, document_mentions: tuple[ActorMention, ...]) -> None:
        self.view = view
        self.lexicon = lexicon
        self.before = tuple(m for m in document_mentions if m.start < view.sentence.start)
        self.anchors: set[int] = set()  # tokens that are triggers of events in this sentence
        self._resolving: set[int] = set()
        self.previous_subjects: list[ActorMention] = []  # actors of the previous sentence's main subject

    # ------------------------------------------------------------ phrases

    def phrase_actors(self, i: int, depth: int = 0) -> list[ActorMention]:
        """The actors the noun phrase headed by token ``i`` names (its conjuncts included).

        The actor named at the head comes first ("Romanian officials"); without one, the actors
        of its modifiers ("Israeli soldiers"), possessor ("Nicaragua's government"), "of / in /
        from" phrase ("forces in Guinea"), apposition, or the place it is "based in". A person
        the actor tables give no country is followed by the states of its apposition or
        modifiers ("Sidhoum, Algeria's leading activist").
        """
        v = self.view
        found: list[ActorMention] = []
        head = v.mention_at.get(i)
        if head is not None:
            found.append(head)
            for m in v.kids(i, "amod", "compound", "nmod"):
                if v.kids(m, "conj") or v.dep(m) == "conj":
                    found.extend(self._mods(m))
            if head.actor.country is None and head.actor.kind != ActorKind.IGO and depth < 2:
                for a in v.kids(i, "appos", "amod", "compound", "nmod", "poss"):
                    found.extend(m for m in self.phrase_actors(a, depth + 1) if m.actor.kind == ActorKind.STATE)
        elif v.is_pronoun(i):
            found.extend(self.pronoun(i))
        elif v.kids(i, "nsubj") and depth < 2:  # misparses: "The Red Cross operating in Iraq said", "Abe last spoke"
            found.extend(m for s in v.kids(i, "nsubj") for m in self.phrase_actors(s, depth + 1))
        else:
            group = self.group(i)
            if group:
                found.extend(group)
            else:
                for m in v.kids(i, "amod", "compound", "nmod"):
                    found.extend(self._mods(m))
                if not found:
                    for p in v.kids(i, "poss"):
                        found.extend(self.phrase_actors(p, depth + 1))
                if not found and depth < 2:
                    for _, o in v.prep_objects(i, ("of", "in", "from", "at", "for")):
                        found.extend(self.phrase_actors(o, depth + 1))
                        if found:
                            break
                if not found:
                    for a in v.kids(i, "appos"):
                        found.extend(self.phrase_actors(a, depth + 1))
                if not found and depth < 2:
                    for acl in v.kids(i, "acl"):
                        if v.lemma(acl) in _BASED:
                            for _, o in v.prep_objects(acl, ("in", "at", "from")):
                                found.extend(self.phrase_actors(o, depth + 1))
        for c in v.kids(i, "conj"):
            found.extend(self.phrase_actors(c, depth))
        return unique(found)

    def _mods(self, i: int, depth: int = 0) -> list[ActorMention]:
        """Actors named by a modifier and the words inside it ("Vietnamese-led", "U.S.-Soviet")."""
        v = self.view
        out = []
        m = v.mention_at.get(i)
        if m is not None:
            out.append(m)
        if depth < 3:
            for c in v.kids(i, "conj", "compound", "npadvmod", "amod", "nmod", "advmod"):
                out.extend(self._mods(c, depth + 1))
        return out

    def speaker(self, i: int) -> list[ActorMention]:
        """The subject of the verb of saying that reports the clause of token ``i`` (empty if none)."""
        v = self.view
        for a, dep in v.ancestors(i):
            if dep == "ccomp" and v.lemma(a) in self.lexicon.grammar.reporting:
                for s in v.kids(a, "nsubj"):
                    if not v.is_pronoun(s) or s in v.mention_at:
                        return self.phrase_actors(s)
                    return self.pronoun(s, reported=False)
                return []
        return []

    def pronoun(self, i: int, reported: bool = True) -> list[ActorMention]:
        """Antecedent actors of an unresolved pronoun, as mentions spanning the pronoun."""
        v = self.view
        word = v.lower(i)
        if i in v.mention_at:
            return [v.mention_at[i]]
        if i in self._resolving:  # "he and Trump": the pronoun is part of the phrase searched
            return []
        self._resolving.add(i)
        found: list[ActorMention] = []
        if reported:
            found = self.speaker(i)
        if not found and word not in _FIRST_PERSON:
            found = self._nearest(i, word)
        self._resolving.discard(i)
        tok = v.tok(i)
        return [ActorMention(tok.start, tok.end, tok.text, m.actor, "coreference", v.index) for m in unique(found)]

    def _nearest(self, i: int, word: str) -> list[ActorMention]:
        """Antecedents of a pronoun outside reported speech: an earlier subject of the sentence, the
        main subject of the previous sentence, else the nearest fitting actor named before."""
        v = self.view
        plural = word in PLURAL_PRONOUNS

        def fits(m: ActorMention) -> bool:
            if word in _PERSONAL:
                return m.actor.kind == ActorKind.PERSON
            if word in _NEUTER:
                return m.actor.kind != ActorKind.PERSON
            return True

        for t in range(i - 1, v.sentence.first - 1, -1):
            if v.dep(t) in ("nsubj", "nsubjpass") and not v.is_pronoun(t):
                found = [m for m in self.phrase_actors(t) if fits(m)]
                if found and (len(found) > 1) == plural:
                    return found if plural else found[:1]
        previous = [m for m in self.previous_subjects if fits(m)]
        if previous and (len(previous) > 1) == plural:
            return previous if plural else previous[:1]
        start = v.tok(i).start
        inside = [m for m in v.mentions if m.end <= start and fits(m) and m.how != "coreference"]
        if inside:
            return inside[:1]
        return [m for m in self.before if fits(m)][-1:]

    def group(self, i: int) -> list[ActorMention]:
        """"The two leaders", "both sides", "the two": the last distinct actors named before, as mentions."""
        v = self.view
        g = self.lexicon.grammar
        lemma = v.lemma(i)
        quantified = any(v.lower(q) in g.group_quantifiers for q in v.kids(i, "nummod", "det", "predet", "amod"))
        if lemma in g.groups and quantified:
            kind = g.groups[lemma]
        elif v.lower(i) in ("both", "two") and v.dep(i) in ("nsubj", "nsubjpass", "dobj", "pobj"):
            kind = "any"
        else:
            return []
        phrase = v.phrase(i)
        start, end = v.tok(phrase[0]).start, v.tok(phrase[-1]).end
        earlier = [m for m in (*self.before, *v.mentions) if m.end <= start]
        chosen: list[ActorMention] = []
        for m in reversed(earlier):
            if kind == "person" and m.actor.kind != ActorKind.PERSON:
                continue
            if kind == "state" and m.actor.kind != ActorKind.STATE:
                continue
            if kind == "any" and m.actor.kind not in (ActorKind.PERSON, ActorKind.STATE):
                continue
            if all(c.actor.id != m.actor.id for c in chosen):
                chosen.append(m)
            if len(chosen) == 2:
                break
        if len(chosen) < 2:
            return []
        text = v.text[start:end]
        return [ActorMention(start, end, text, m.actor, "coreference", v.index) for m in reversed(chosen)]

    # ------------------------------------------------------------ clauses

    def subject(self, verb: int, depth: int = 0) -> list[ActorMention]:
        """The actors doing what ``verb`` says: its subject, or the controller of its clause."""
        v = self.view
        subjects = v.kids(verb, "nsubj", "csubj")
        if subjects:
            if v.dep(verb) == "relcl" and any(v.lower(s) in _RELATIVES for s in subjects):
                head = v.head(verb)
                return self.phrase_actors(head) if head is not None else []
            # all subjects: a dateline parsed as a second subject ("TOKYO -- Abe urged") names no one
            return unique([m for s in subjects for m in self.phrase_actors(s)])
        if depth >= 4:
            return []
        parent = v.head(verb)
        if parent is None:
            return []
        dep = v.dep(verb)
        if dep == "xcomp":
            if v.lemma(parent) in self.lexicon.grammar.object_control:
                for o in v.kids(parent, "dobj"):
                    return self.phrase_actors(o)
            found = self.subject(parent, depth + 1)
            if not found:  # "Abe is set to meet", "Trump was forced to resign"
                found = unique([m for s in v.kids(parent, "nsubjpass") for m in self.phrase_actors(s)])
            return found
        if dep in ("conj", "advcl", "ccomp", "pcomp", "prep", "pobj", "acomp"):
            if dep == "conj" and v.kids(verb, "nsubjpass"):
                return []
            if v.is_verb(parent) or v.tok(parent).pos == "AUX":
                return self.subject(parent, depth + 1)
            return self.subject(parent, depth + 1) if dep in ("prep", "pobj", "pcomp") else []
        if dep == "acl" and not v.kids(verb, "agent"):  # "militiamen armed with", "youths resorted to"
            found = self.phrase_actors(parent)
            grand = v.head(parent)
            if not found and grand is not None and v.dep(parent) in ("dobj", "attr") and v.is_verb(grand):
                found = self.subject(grand, depth + 1)  # "issued a declaration demanding"
            return found
        return []


def is_symmetric(trigger: Trigger) -> bool:
    """Events between equals: meetings, calls and talks (not visits, hosting or mediation), and
    senses the lexicon marks symmetric (agreeing, cooperating, signing)."""
    if trigger.type == "CONSULT":
        return trigger.sense.mode not in DIRECTED_CONSULT
    return trigger.sense.symmetric and trigger.type == trigger.sense.type


def find_parties(trigger: Trigger, view: SentenceView, res: Resolver, lexicon: EventLexicon) -> Parties:
    """Sources, partners and targets of ``trigger`` from the sentence alone (before any discourse filling)."""
    a = trigger.anchor
    pos = trigger.sense.pos
    g = lexicon.grammar
    parties = Parties()
    symmetric = is_symmetric(trigger)
    with_preps = ("with", "between") if symmetric else ()
    target_preps = tuple(p for p in TARGET_PREPS if p not in with_preps)

    def add_objects(objects: list[ActorMention]) -> None:
        (parties.partners if symmetric else parties.targets).extend(objects)

    if pos == "verb" and view.is_verb(a):
        # a reduced passive: "a camp attacked by militiamen"
        reduced = view.dep(a) == "acl" and view.tok(a).tag == "VBN" and bool(view.kids(a, "agent"))
        passive = bool(view.kids(a, "nsubjpass") or view.kids(a, "auxpass")) or reduced
        if passive:
            for ag in view.kids(a, "agent"):
                for o in view.kids(ag, "pobj"):
                    parties.sources.extend(res.phrase_actors(o))
            patients = [m for s in view.kids(a, "nsubjpass") for m in res.phrase_actors(s)]
            if reduced and view.head(a) is not None:
                patients += res.phrase_actors(view.head(a))
            if not parties.sources and trigger.sense.mode in SELF_MOVING_MODES:
                parties.sources.extend(patients)  # "guerrillas have been demobilized", "peacekeepers were shipped out"
            else:
                parties.targets.extend(patients)
        else:
            parties.sources.extend(res.subject(a))
            if view.lemma(a) not in g.topic_objects:  # "discussed the deployment": a topic, not a party
                add_objects([m for o in view.kids(a, "dobj", "dative", "oprd") for m in res.phrase_actors(o)])
        _preps(res, a, with_preps, target_preps, parties)
    elif pos in ("noun", "verb"):  # nouns, and gerunds tagged as nouns
        for p in view.kids(a, "poss"):
            parties.sources.extend(res.phrase_actors(p))
        for m in view.kids(a, "compound", "amod", "nmod"):
            parties.sources.extend(res._mods(m))
        authors = ("by", "from") if trigger.type in SPEAKER_SOURCE_TYPES else ("by",)
        parties.sources.extend(m for _, o in view.prep_objects(a, authors) for m in res.phrase_actors(o))
        noun_targets = tuple(p for p in target_preps if p not in authors)
        if trigger.type in OF_TARGET_TYPES:  # "defiance of Chinese authorities", "criticism of Israel"
            noun_targets += ("of",)
        _preps(res, a, with_preps, noun_targets, parties)
        for _, o in view.prep_objects(a, ("of",)):  # "a suspension of air links with Serbia"
            _preps(res, o, with_preps, tuple(p for p in target_preps if p not in authors), parties)
        parent, dep = view.head(a), view.dep(a)
        if parent is not None and dep in ("dobj", "attr", "nsubjpass", "oprd") and view.lemma(parent) in g.support:
            if dep == "nsubjpass":
                parties.sources.extend(m for ag in view.kids(parent, "agent") for o in view.kids(ag, "pobj")
                                       for m in res.phrase_actors(o))
            else:
                parties.sources.extend(res.subject(parent))
            _preps(res, parent, with_preps, target_preps, parties)
            parties.targets.extend(m for d in view.kids(parent, "dative") for m in res.phrase_actors(d))
        elif parent is not None and dep == "pobj" and not parties.sources:
            _setting(trigger, view, res, parent, parties)
        verbless = not view.is_verb(view.clause_head(a))
        if trigger.type == "CONSULT" and not (parties.sources or parties.partners) and verbless:
            # a caption without a verb: "Abe, Trump and their wives during a dinner in Tokyo"
            start = view.tok(a).start
            parties.partners.extend(m for m in view.mentions if m.end <= start
                                    and m.actor.kind in (ActorKind.PERSON, ActorKind.STATE))
    else:  # adjectives and phrases: the subject of their clause ("Vietnam is committed to")
        head = view.clause_head(a)
        for node in (a, head):
            subjects = view.kids(node, "nsubj", "nsubjpass")
            if subjects:
                parties.sources.extend(m for s in subjects for m in res.phrase_actors(s))
                break
        else:
            parties.sources.extend(res.subject(a))
        parties.targets.extend(m for _, o in view.prep_objects(a, TARGET_PREPS) for m in res.phrase_actors(o))
    parties.parsed_source = bool(parties.sources or parties.partners)
    if not parties.sources and trigger.type in SPEAKER_SOURCE_TYPES:
        parties.sources.extend(res.speaker(a))
    if not parties.targets and trigger.contents and (trigger.sense.absorbs or trigger.type != trigger.sense.type):
        _content_targets(trigger, view, res, lexicon, parties)
    if not parties.targets and trigger.type in SPEAKER_SOURCE_TYPES:
        _clause_targets(a, view, res, parties)
    if not parties.targets and trigger.type in PLACE_TARGET_TYPES:
        for _, o in view.prep_objects(a, ("in", "inside", "near", "outside")):
            parties.targets.extend(res.phrase_actors(o))
    parties.sources = unique(parties.sources)
    ids = {m.actor.id for m in parties.sources}
    parties.partners = unique([m for m in parties.partners if m.actor.id not in ids])
    ids |= {m.actor.id for m in parties.partners}
    parties.targets = unique([m for m in parties.targets if m.actor.id not in ids])
    parties.parsed_target = bool(parties.targets or parties.partners)
    return parties


def _preps(
    res: Resolver, node: int, with_preps: tuple[str, ...], target_preps: tuple[str, ...], parties: Parties
) -> None:
    """Partners ("with", "between" for events between equals) and targets from prepositions on ``node``."""
    for word, o in res.view.prep_objects(node, (*with_preps, *target_preps)):
        actors = res.phrase_actors(o)
        if word in with_preps:
            parties.partners.extend(actors)
        elif word == "between":
            parties.targets.extend(actors)
        else:
            parties.targets.extend(actors)


def _setting(trigger: Trigger, view: SentenceView, res: Resolver, prep: int, parties: Parties) -> None:
    """An event noun in a prepositional phrase of a clause ("agreed in telephone talks", "told
    reporters after the call"): the clause's subject took part in it."""
    verb = view.head(prep)
    if view.lower(prep) not in SETTING_PREPS or verb is None or not view.is_verb(verb):
        return
    subjects = view.kids(verb, "nsubj")
    if any(s in res.anchors for s in subjects):
        return  # "Abe's visit comes after the summit": the subject is another event
    doers = res.subject(verb)
    if not doers and view.lemma(verb) in res.lexicon.grammar.support:  # "were engaged in ethnic cleansing"
        doers = [m for s in view.kids(verb, "nsubjpass") for m in res.phrase_actors(s)]
    parties.sources.extend(doers)
    if trigger.type != "CONSULT":
        parties.targets.extend(m for o in view.kids(verb, "dobj") for m in res.phrase_actors(o))
        parties.targets.extend(m for _, o in view.prep_objects(verb, ("against",)) for m in res.phrase_actors(o))


def _clause_targets(a: int, view: SentenceView, res: Resolver, parties: Parties) -> None:
    """Targets of a demand, threat or promise whose content names no trigger: the one who must act
    ("demanded that the Turkish government provide"), else whom the act is aimed at ("threatened to
    deliver blows to the United States")."""
    source_ids = {m.actor.id for m in parties.sources}
    for c in view.kids(a, "ccomp", "xcomp", "acl"):
        doers = [m for s in view.kids(c, "nsubj", "nsubjpass") if not view.is_pronoun(s)
                 for m in res.phrase_actors(s) if m.actor.id not in source_ids]
        aimed = [m for o in view.kids(c, "dobj", "dative") for m in res.phrase_actors(o)]
        aimed += [m for _, o in view.prep_objects(c, TARGET_PREPS) for m in res.phrase_actors(o)]
        found = doers or [m for m in aimed if m.actor.id not in source_ids]
        if found:
            parties.targets.extend(found)
            return
    for o in view.kids(a, "dobj"):  # "threatened further action against Russia"
        for m in (m for _, p in view.prep_objects(o, TARGET_PREPS) for m in res.phrase_actors(p)):
            if m.actor.id not in source_ids:
                parties.targets.append(m)


def _content_targets(
    trigger: Trigger, view: SentenceView, res: Resolver, lexicon: EventLexicon, parties: Parties
) -> None:
    """Targets read from what was demanded, refused or threatened."""
    content = trigger.contents[0]
    inner = find_parties(content, view, res, lexicon)
    source_ids = {m.actor.id for m in parties.sources}
    doers = [m for m in inner.sources if m.actor.id not in source_ids]
    if trigger.type in ("REQUEST", "ACCUSE") and doers:
        parties.targets.extend(doers)
    elif inner.targets:
        parties.targets.extend(inner.targets)
    elif doers:
        parties.targets.extend(doers)
