"""Finding event triggers in a parsed sentence and deciding which of them are events.

A trigger is a word (or a run of words) that matches a lexicon sense and meets the sense's
constraints; each token keeps its most specific sense. A trigger that completes another one
("refused to deploy", "demanded the removal", "suspended aid deliveries") is that trigger's
content rather than an event of its own, and is *absorbed* into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chronicle.events.lexicon import EventLexicon, Sense
from chronicle.events.syntax import PLURAL_PRONOUNS, SentenceView

HYPHENS = frozenset({"-", "–", "—"})
# prepositions whose object can be what a trigger acts on ("withdraw from", "sanctions on")
OBJECT_PREPS = frozenset(
    {"of", "from", "to", "into", "on", "against", "over", "for", "with", "at", "upon", "out", "toward", "towards"}
)
# prepositions introducing the content of a verbal act ("accused of", "blamed for", "agreed to")
CONTENT_PREPS = frozenset({"to", "for", "of", "on", "upon", "about", "over", "against", "into"})
# named-entity labels a proper noun trigger may not carry ("March" is a month, "Summit" may be a name)
_NOT_EVENT_ENTS = frozenset({"PERSON", "GPE", "DATE", "NORP", "LOC", "TIME", "CARDINAL", "MONEY", "ORDINAL", "PERCENT",
                             "QUANTITY", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dobj", "acomp", "npadvmod", "oprd", "agent", "dative"})
# how a trigger may hang below the trigger it completes
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acl", "attr", "oprd", "acomp",
                              "nsubjpass", "dative", "compound", "amod", "conj", "nmod", "advcl", "poss", "appos"})
# how an object phrase may be built ("part of a military aid program")
_OBJECT_PATH_DEPS = frozenset(
    {"dobj", "nsubjpass", "dative", "pobj", "prep", "compound", "amod", "nmod", "conj", "appos"}
)
# how an agent noun may hang below the event it is a party of ("thousands of protesters rallied")
_PARTY_PATH_DEPS = frozenset(
    {"pobj", "prep", "compound", "amod", "conj", "appos", "nsubj", "nsubjpass", "dobj", "agent"}
)
# prepositions by which an event noun tells the setting of an event of the same type ("killed in an attack")
_SAME_EVENT_PREPS = frozenset({"in", "during", "with", "by", "through", "amid", "via", "for", "over"})
# dependencies no content hangs by
_LOOSE_DEPS = frozenset({"relcl", "parataxis", "appos", "npadvmod", "advmod", "punct", "dep"})
_MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST"})
_CLAUSAL = frozenset({"xcomp", "ccomp", "dobj", "acl", "pcomp", "advcl"})
_NOMINAL_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "compound", "attr", "appos", "dative", "oprd", "npadvmod", "ROOT"}
)


@dataclass
class Trigger:
    """A matched trigger: the words (token span ``first..last`` inclusive), the syntactic head
    ``anchor``, the sense chosen for it, and the triggers it absorbed (closest first)."""

    anchor: int
    first: int
    last: int
    sense: Sense
    contents: list["Trigger"] = field(default_factory=list)
    absorbed_by: "Trigger | None" = None
    via: str = ""  # the dependency by which this trigger hangs below the one that absorbed it

    @property
    def type(self) -> str:
        """The event type, after an order or a vow took the type of what it orders or vows
        ("ordered the paper to suspend publication" is COERCE; "vowed to fight" a THREATEN)."""
        if self.sense.pos != "noun":
            for content in self.contents:
                mapped = self.sense.content.get(content.type)
                if mapped and content.via in _CLAUSAL:
                    return mapped
        return self.sense.type


def _match_words(view: SentenceView, i: int, sense: Sense) -> tuple[int, int, int] | None:
    """(first, last, anchor) of ``sense``'s words starting at token ``i``, or None."""
    words = sense.words
    if len(words) == 1:
        return i, i, i
    picked = [i]
    j = i
    last = view.sentence.last
    for w in words[1:]:
        j += 1
        while j < last and view.lower(j) in HYPHENS:
            j += 1
        if j >= last or (view.lemma(j) != w and view.lower(j) != w):
            picked = []
            break
        picked.append(j)
    if picked:
        inside = set(picked)
        anchor = next((k for k in picked if view.head(k) not in inside), picked[-1])
        return picked[0], picked[-1], anchor
    if sense.pos == "verb" and len(words) == 2:
        # a particle or preposition separated from its verb ("called the strike off")
        for c in view.kids(i):
            if view.dep(c) in _PARTICLE_DEPS and (view.lower(c) == words[1] or view.lemma(c) == words[1]):
                return i, i, i
    return None


def _pos_ok(view: SentenceView, anchor: int, sense: Sense) -> bool:
    tok = view.tok(anchor)
    if sense.pos == "verb":  # a gerund the tagger took for a noun ("Dining with Trump was ...") still counts
        return view.is_verb(anchor) or (tok.tag.startswith("NN") and tok.text.lower().endswith("ing"))
    if sense.pos == "noun":
        if tok.pos == "PROPN":
            return tok.ent not in _NOT_EVENT_ENTS
        if tok.tag == "VBG":
            return tok.dep in _NOMINAL_DEPS
        return tok.pos == "NOUN" or tok.tag.startswith("NN")
    if sense.pos == "adj":
        return tok.pos == "ADJ" or tok.tag in ("JJ", "VBN")
    return True


def object_heads(view: SentenceView, anchor: int, preps: frozenset[str] | None = None) -> list[int]:
    """Heads of what the trigger at ``anchor`` acts on: its object (the passive subject of a
    passive verb) and the objects of prepositions attached to it."""
    found = list(view.kids(anchor, "dobj", "dative", "attr", "oprd", "nsubjpass"))
    found.extend(o for _, o in view.prep_objects(anchor, preps or OBJECT_PREPS))
    for p in view.kids(anchor, "prt"):  # "pulled out of Lebanon"
        found.extend(o for _, o in view.prep_objects(p, OBJECT_PREPS))
    return found


def _has_object(view: SentenceView, anchor: int, sense: Sense) -> bool:
    """One of the sense's objects is in an object phrase of the trigger: a lemma anywhere in it,
    or ("@actor", "@state", "@igo", ...) a named actor of that kind at the head of a direct object
    ("arrested 100 Palestinians", "called Abe"; not "welcomed Reagan's statement")."""
    heads = object_heads(view, anchor, sense.preps or None)
    tokens = [t for h in heads for t in view.phrase(h, possessor=False)]  # "Reagan's statement" names no president
    lemmas = {view.lemma(t) for t in tokens} | {view.lower(t) for t in tokens}
    direct = view.kids(anchor, "dobj", "dative", "attr", "oprd", "nsubjpass")
    if sense.preps:
        direct += [o for _, o in view.prep_objects(anchor, sense.preps)]
    core = [t for h in direct for t in view.core(h, possessor=False)]
    for obj in sense.objects:
        if obj.startswith("@"):
            kind = obj[1:]
            for t in core:
                m = view.mention_at.get(t)
                if m is not None and (kind == "actor" or m.actor.kind == kind):
                    return True
        elif all(w in lemmas for w in obj.split()):
            return True
    return False


def subject_tokens(view: SentenceView, anchor: int) -> list[int]:
    """The subject phrase of the trigger's own clause (empty when it has none)."""
    found: list[int] = []
    for c in view.kids(anchor, "nsubj"):
        found.extend(view.phrase(c))
    return found


def has_partner(view: SentenceView, anchor: int, lexicon: EventLexicon) -> bool:
    """A conversation needs someone to talk with: a "with" party, a medium ("by phone") or a
    plural or coordinated subject ("Abe and Trump spoke", "the two leaders talked")."""
    if view.prep_objects(anchor, {"with"}):
        return True
    phone = dict(lexicon.cues.consult).get("phone", ())
    near = {view.lemma(o) for _, o in view.prep_objects(anchor, ("by", "over", "on", "via", "through"))}
    near |= {view.lemma(m) for m in view.kids(anchor, "compound", "amod", "npadvmod")}
    if any(cue in near for cue in phone):
        return True
    for s in view.kids(anchor, "nsubj"):
        if view.kids(s, "conj") or (view.is_pronoun(s) and view.lower(s) in PLURAL_PRONOUNS):
            return True
        if view.lemma(s) in lexicon.grammar.groups and any(
            view.lower(q) in lexicon.grammar.group_quantifiers for q in view.kids(s)
        ):
            return True
    return False


def _constraints_ok(view: SentenceView, anchor: int, sense: Sense, lexicon: EventLexicon) -> bool:
    if sense.objects and not _has_object(view, anchor, sense):
        return False
    if sense.preps and not any(
        view.lower(c) in sense.preps for c in view.kids(anchor, "prep", "agent", "prt", "advmod", "dative")
    ):
        return False
    for rule in sense.without:
        if rule.startswith("prep:"):
            if any(view.lower(c) == rule[5:] for c in view.kids(anchor, "prep")):
                return False
        elif view.kids(anchor, rule):
            return False
    if sense.subjects:
        lemmas = {view.lemma(t) for t in subject_tokens(view, anchor)}
        if not lemmas & sense.subjects:
            return False
    if sense.partner and not has_partner(view, anchor, lexicon):
        return False
    return True


def find_triggers(view: SentenceView, lexicon: EventLexicon) -> list[Trigger]:
    """Every token's best-matching sense in the sentence (blocking readings included), in text order."""
    best: dict[int, Trigger] = {}
    for i in view.tokens():
        keys = {view.lemma(i), view.lower(i)}
        seen: set[int] = set()
        for key in keys:
            for sense in lexicon.senses_starting(key):
                if id(sense) in seen:
                    continue
                seen.add(id(sense))
                matched = _match_words(view, i, sense)
                if matched is None:
                    continue
                first, last, anchor = matched
                if not _pos_ok(view, anchor, sense) or not _constraints_ok(view, anchor, sense, lexicon):
                    continue
                cand = Trigger(anchor, first, last, sense)
                old = best.get(anchor)
                if old is None or _rank(cand) > _rank(old):
                    best[anchor] = cand
    found = [best[a] for a in sorted(best)]
    # a longer match covering another's head wins: "aid group" is no aid, "riot police" no riot
    return [
        t for t in found
        if not any(u is not t and u.first <= t.anchor <= u.last and u.last - u.first > t.last - t.first for u in found)
    ]


def _rank(t: Trigger) -> tuple[int, float, int]:
    return t.sense.specificity, t.sense.weight, t.last - t.first


def _occurred_evidence(view: SentenceView, trigger: Trigger) -> bool:
    """The trigger's own phrase says it took place: a stated length ("the call, which lasted
    35 minutes") or a past-tense relative clause."""
    for t in view.subtree(trigger.anchor, stop=frozenset({"ccomp", "xcomp", "advcl"})):
        tx = view.timex_at.get(t)
        if tx is not None and tx.type == "DURATION":
            return True
    return any(view.tok(r).tag == "VBD" for r in view.kids(trigger.anchor, "relcl"))


def _absorbs(view: SentenceView, gov: Trigger, child: Trigger, path: list[int], lexicon: EventLexicon) -> bool:
    """Whether ``gov`` takes ``child`` as its content; ``path`` runs from the child up to just below ``gov``."""
    top = path[-1]
    top_dep = view.dep(top)
    via = [view.dep(n) for n in path]
    if (child.sense.agentive and top_dep in ("nsubj", "nsubjpass", "dobj", "agent", "pobj")
            and all(d in _PARTY_PATH_DEPS for d in via)):
        return True  # "protesters rallied", "police dispersed the protesters": a party, not another event
    if (gov.sense.type == "SUPPORT" and not gov.sense.objects and top_dep == "dobj" and len(path) == 1
            and child.sense.pos == "noun" and child.type in _MATERIAL
            and view.lemma(gov.anchor) in lexicon.grammar.support):
        gov.absorbed_by = child  # "approved a loan": the loan is the event, approving it the support verb
        return False
    if gov.sense.absorbs or child.type in gov.sense.content:
        if top_dep in ("prep",) and view.lower(top) not in CONTENT_PREPS:
            return False
        if top_dep == "advcl" and not any(view.lower(a) == "to" for a in view.kids(top, "aux")):
            return False
        if top_dep in ("nsubj", "npadvmod", "appos", "mark"):
            return False
        return all(d in _COMPLEMENT_DEPS for d in via)
    if child.sense.type == gov.sense.type:
        # one event told twice: "killed ... in a bomb attack", "granted asylum", "imposed a curfew"
        if len(path) == 1 and top_dep in ("dobj", "nsubjpass"):
            return view.lemma(gov.anchor) not in lexicon.grammar.topic_objects  # "discussed a meeting": two
        return len(path) == 2 and via[0] == "pobj" and view.lower(top) in _SAME_EVENT_PREPS
    if top_dep in ("dobj", "nsubjpass", "dative") and all(d in _OBJECT_PATH_DEPS for d in via):
        return view.lemma(gov.anchor) not in lexicon.grammar.support or bool(gov.sense.objects)
    if top_dep == "advcl" and child.sense.type in ("REQUEST", "ACCUSE") and any(
        view.lower(a) == "to" for a in view.kids(top, "aux")
    ):
        return True  # the stated aim of a protest or a summons: "blocked streets to demand reforms"
    return False


def absorb(view: SentenceView, triggers: list[Trigger], lexicon: EventLexicon) -> list[Trigger]:
    """Attach each trigger that completes another to it; return the triggers that remain events."""
    by_anchor = {t.anchor: t for t in triggers}
    for child in sorted(triggers, key=lambda t: -len(list(view.ancestors(t.anchor)))):
        if child.sense.type == "NONE" or _occurred_evidence(view, child):
            continue
        path = [child.anchor]
        for node, _ in view.ancestors(child.anchor):
            gov = by_anchor.get(node)
            if gov is not None:
                if _absorbs(view, gov, child, path, lexicon):
                    child.absorbed_by = gov
                    child.via = view.dep(path[-1])
                    gov.contents.append(child)
                break
            if len(path) >= 4 or view.dep(path[-1]) in _LOOSE_DEPS:
                break
            if view.dep(path[-1]) == "ccomp" and view.lemma(node) in lexicon.grammar.reporting:
                break  # a reported clause keeps its own events
            path.append(node)
    for gov in triggers:
        gov.contents.sort(key=lambda c: abs(c.anchor - gov.anchor))
    kept = []
    for t in triggers:
        if t.absorbed_by is not None:
            continue
        if t.sense.type == "NONE" and t.type == "NONE":
            for c in t.contents:  # a blocked reading or an idle governor frees what it took
                c.absorbed_by = None
                kept.append(c)
            continue
        kept.append(t)
    return sorted(kept, key=lambda t: t.anchor)
