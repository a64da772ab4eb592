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
TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "from", "over", "between", "onto")
# prepositions whose object phrase may name a noun trigger's author ("calls by", "appeal from")
AUTHOR_PREPS = ("by", "from")
# prepositions attaching an event noun to the clause of its participants ("agreed in talks", "after the call")
SETTING_PREPS = frozenset({"in", "at", "after", "before", "during", "for", "following", "since", "upon", "ahead",
                           "throughout", "amid", "despite", "via", "through", "over", "on"})
# types whose target may be the place where they happened ("imposed a curfew in Cizre")
PLACE_TARGET_TYPES = frozenset({"COERCE", "SANCTION", "CONCEDE", "ASSAULT", "MOBILIZE", "RETREAT", "AID", "PROTEST", "ACCUSE"})
# types whose source may be the speaker who reports them ("said removing sanctions is out of the question")
SPEAKER_SOURCE_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONCEDE"})
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
    inferred: bool = False  # some came from the discourse rather than the sentence's parse
    from_content: bool = False  # the targets are those of what was demanded, refused or threatened


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

    # ------------------------------------------------------------ phrases

    def phrase_actors(self, i: int, depth: int = 0) -> list[ActorMention]:
        """The actors the noun phrase headed by token ``i`` names (its conjuncts included)."""
        v = self.view
        found: list[ActorMention] = []
        head = v.mention_at.get(i)
        if head is not None:
            found.append(head)
            for m in v.kids(i, "amod", "compound", "nmod"):
                if v.kids(m, "conj") or v.dep(m) == "conj":
                    found.extend(self._mods(m))
        elif v.is_pronoun(i):
            found.extend(self.pronoun(i))
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
        for c in v.kids(i, "conj"):
            found.extend(self.phrase_actors(c, depth))
        return unique(found)

    def _mods(self, i: int) -> list[ActorMention]:
        v = self.view
        out = []
        m = v.mention_at.get(i)
        if m is not None:
            out.append(m)
        for c in v.kids(i, "conj", "compound"):
            out.extend(self._mods(c))
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
        found: list[ActorMention] = []
        if reported:
            found = self.speaker(i)
        if not found and word not in _FIRST_PERSON:
            found = self._nearest(i, word)
        tok = v.tok(i)
        return [ActorMention(tok.start, tok.end, tok.text, m.actor, "coreference", v.index) for m in unique(found)]

    def _nearest(self, i: int, word: str) -> list[ActorMention]:
        v = self.view

        def fits(m: ActorMention) -> bool:
            if word in _PERSONAL:
                return m.actor.kind == ActorKind.PERSON
            if word in _NEUTER:
                return m.actor.kind != ActorKind.PERSON
            return True

        start = v.tok(i).start
        inside = [m for m in v.mentions if m.end <= start and fits(m) and m.how != "coreference"]
        if inside:
            return [inside[0]] if word not in PLURAL_PRONOUNS else inside[:1]
        earlier = [m for m in self.before if fits(m)]
        return earlier[-1:]

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
        for s in v.kids(verb, "nsubj", "csubj"):
            if v.lower(s) in _RELATIVES and v.dep(verb) == "relcl":
                head = v.head(verb)
                return self.phrase_actors(head) if head is not None else []
            return self.phrase_actors(s)
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
            return self.subject(parent, depth + 1)
        if dep in ("conj", "advcl", "ccomp", "pcomp", "prep", "pobj", "acomp"):
            if dep == "conj" and v.kids(verb, "nsubjpass"):
                return []
            if v.is_verb(parent) or v.tok(parent).pos == "AUX":
                return self.subject(parent, depth + 1)
            return self.subject(parent, depth + 1) if dep in ("prep", "pobj", "pcomp") else []
        if dep == "acl" and v.tok(verb).tag == "VBG":
            return self.phrase_actors(parent)
        return []


def _prep_actors(res: Resolver, node: int, preps: tuple[str, ...]) -> tuple[list[ActorMention], list[ActorMention]]:
    """(actors of "between" objects, actors of the other listed prepositions) attached to ``node``."""
    between, other = [], []
    for word, o in res.view.prep_objects(node, preps):
        (between if word == "between" else other).extend(res.phrase_actors(o))
    return between, other


def find_parties(trigger: Trigger, view: SentenceView, res: Resolver, lexicon: EventLexicon) -> Parties:
    """Sources and targets of ``trigger`` from the sentence alone (before any discourse filling)."""
    a = trigger.anchor
    pos = trigger.sense.pos
    g = lexicon.grammar
    parties = Parties()
    between: list[ActorMention] = []
    partners: list[ActorMention] = []  # "with" parties of an event between equals
    if pos == "verb" and view.is_verb(a):
        passive = bool(view.kids(a, "nsubjpass") or view.kids(a, "auxpass"))
        if passive:
            for ag in view.kids(a, "agent"):
                for o in view.kids(ag, "pobj"):
                    parties.sources.extend(res.phrase_actors(o))
            for s in view.kids(a, "nsubjpass"):
                parties.targets.extend(res.phrase_actors(s))
        else:
            parties.sources.extend(res.subject(a))
            for o in view.kids(a, "dobj", "dative", "oprd"):
                parties.targets.extend(res.phrase_actors(o))
        between, others = _prep_actors(res, a, TARGET_PREPS)
        partners = [m for w, o in view.prep_objects(a, ("with",)) for m in res.phrase_actors(o)]
        parties.targets.extend(others)
    elif pos == "noun":
        for p in view.kids(a, "poss"):
            parties.sources.extend(res.phrase_actors(p))
        for m in view.kids(a, "compound", "amod", "nmod"):
            parties.sources.extend(res._mods(m))
        authors = [m for _, o in view.prep_objects(a, AUTHOR_PREPS) for m in res.phrase_actors(o)]
        between, others = _prep_actors(res, a, tuple(p for p in TARGET_PREPS if p != "from"))
        partners = [m for w, o in view.prep_objects(a, ("with",)) for m in res.phrase_actors(o)]
        parties.sources.extend(authors)
        parties.targets.extend(others)
        parent, dep = view.head(a), view.dep(a)
        if parent is not None and dep in ("dobj", "attr", "nsubjpass", "oprd") and view.lemma(parent) in g.support:
            if dep == "nsubjpass":
                for ag in view.kids(parent, "agent"):
                    parties.sources.extend(m for o in view.kids(ag, "pobj") for m in res.phrase_actors(o))
            else:
                parties.sources.extend(res.subject(parent))
            b2, o2 = _prep_actors(res, parent, TARGET_PREPS)
            between += b2
            parties.targets.extend(o2)
            partners += [m for w, o in view.prep_objects(parent, ("with",)) for m in res.phrase_actors(o)]
            for d in view.kids(parent, "dative"):
                parties.targets.extend(res.phrase_actors(d))
        elif parent is not None and dep == "pobj":
            prep_head = view.head(parent)
            if view.lower(parent) in SETTING_PREPS and prep_head is not None and view.is_verb(prep_head):
                parties.sources.extend(res.subject(prep_head))
                for o in view.kids(prep_head, "dobj"):
                    parties.targets.extend(res.phrase_actors(o))
    else:  # adjectives and phrases: the subject of their clause
        head = view.clause_head(a)
        if head != a and view.kids(head, "nsubj"):
            parties.sources.extend(res.subject(head))
        else:
            parties.sources.extend(res.subject(a))
        parties.targets.extend(m for _, o in view.prep_objects(a, TARGET_PREPS) for m in res.phrase_actors(o))
    parties.parsed_source = bool(parties.sources)
    if not parties.sources and trigger.type in SPEAKER_SOURCE_TYPES:
        parties.sources.extend(res.speaker(a))
    if trigger.sense.symmetric or (trigger.type == "CONSULT" and trigger.sense.mode not in ("visit", "host", "third-party")):
        parties.sources.extend(between)
        parties.sources.extend(partners)
    else:
        parties.targets.extend(between)
    if not parties.targets and trigger.contents:
        _content_targets(trigger, view, res, lexicon, parties)
    if not parties.targets and trigger.type in PLACE_TARGET_TYPES:
        for _, o in view.prep_objects(a, ("in", "inside", "near", "outside")):
            parties.targets.extend(res.phrase_actors(o))
    parties.sources = unique(parties.sources)
    ids = {m.actor.id for m in parties.sources}
    parties.targets = unique([m for m in parties.targets if m.actor.id not in ids])
    parties.parsed_target = bool(parties.targets)
    return parties


def _content_targets(trigger: Trigger, view: SentenceView, res: Resolver, lexicon: EventLexicon, parties: Parties) -> None:
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
    parties.from_content = bool(parties.targets)
