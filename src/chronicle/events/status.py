"""Whether an event took place, is planned, is only supposed, or is denied.

Read from the trigger's own words first (a negation, a future or modal auxiliary, "potential",
"upcoming", an "if" clause), then from the clauses it hangs on: the verb that governs an
infinitive ("plans to meet", "refused to attend"), the support verb of an event noun ("did not
hold talks"), the clause a "when" or "after" clause depends on ("will take it up again when
meeting"). A clause reported by "say" keeps its own tense.
"""

from __future__ import annotations

from chronicle.events.lexicon import Grammar
from chronicle.events.syntax import SentenceView
from chronicle.models import EventStatus

OCCURRED, PLANNED, HYPOTHETICAL, NEGATED = (
    EventStatus.OCCURRED, EventStatus.PLANNED, EventStatus.HYPOTHETICAL, EventStatus.NEGATED
)
# edges through which a governing clause lends its status to what it governs
_INHERIT = frozenset({"xcomp", "advcl", "prep", "pobj", "pcomp", "dobj", "nsubjpass", "nsubj", "attr", "oprd",
                      "conj", "appos", "compound", "acl", "npadvmod", "dative", "amod", "poss", "nmod", "acomp"})
# prepositions whose object is an earlier event, whatever the clause around it says
_PAST_REFERENCE = frozenset({"after", "following", "since"})
# edges through which a negation reaches the event ("did not hold talks", "refused to attend")
_NEGATE = frozenset({"xcomp", "dobj", "nsubjpass", "attr", "acomp"})


def _reported_in_past(view: SentenceView, node: int, grammar: Grammar) -> bool:
    """``node``'s clause is reported by a past-tense verb of saying ("said they would")."""
    for a, dep in view.ancestors(node):
        if dep == "ccomp" and view.lemma(a) in grammar.reporting:
            return view.tok(a).tag in ("VBD", "VBN")
        if dep not in ("conj", "xcomp", "advcl", "ccomp", "aux"):
            return False
    return False


def _own(view: SentenceView, node: int, grammar: Grammar, negation: bool) -> EventStatus | None:
    """The status the words attached to ``node`` give its clause, if any."""
    kids = view.kids(node)
    if negation and any(
        view.dep(c) == "neg" or (view.lemma(c) in grammar.negations and view.dep(c) in ("advmod", "det", "neg"))
        for c in kids
    ):
        return NEGATED
    if any(view.lemma(c) in grammar.negating_determiners and view.dep(c) in ("det", "advmod") for c in kids):
        return NEGATED if negation else None
    for c in view.kids(node, "advcl"):
        if any(view.lemma(m) in grammar.conditionals for m in view.kids(c, "mark")):
            return HYPOTHETICAL
        if view.lemma(c) in ("schedule", "plan") and any(view.lower(m) == "as" for m in view.kids(c, "mark", "advmod")):
            return PLANNED  # "as scheduled on Wednesday"
    if any(view.lemma(m) in grammar.conditionals for m in view.kids(node, "mark")):
        return HYPOTHETICAL
    for a in view.kids(node, "aux", "auxpass"):
        word = view.lower(a)
        if word in grammar.future_auxiliaries:
            return PLANNED
        if word in grammar.future_in_past and _reported_in_past(view, node, grammar):
            return PLANNED
        if word in grammar.hypothetical_auxiliaries:
            return HYPOTHETICAL
        if word in grammar.deontic_auxiliaries and word not in ("have", "need"):
            return PLANNED
    for m in view.kids(node, "amod", "compound", "nmod"):
        lemma, word = view.lemma(m), view.lower(m)
        if lemma in grammar.planned_modifiers or word in grammar.planned_modifiers:
            return PLANNED
        if lemma in grammar.hypothetical_modifiers or word in grammar.hypothetical_modifiers:
            return HYPOTHETICAL
    return None


def _governor(view: SentenceView, node: int, parent: int, dep: str, grammar: Grammar) -> EventStatus | None:
    """The status a governing word lends through the edge ``dep`` ("plan to", "unable to")."""
    lemma = view.lemma(parent)
    if dep == "xcomp" or (dep == "ccomp" and lemma not in grammar.reporting):
        if lemma in grammar.negating_verbs or lemma in grammar.negated_adjectives:
            return NEGATED
        if lemma in grammar.planned_verbs or lemma in grammar.planned_adjectives:
            return PLANNED
        if lemma == "go" and view.lower(parent) == "going":
            return PLANNED
        if lemma in grammar.hypothetical_verbs or lemma in grammar.hypothetical_adjectives:
            return HYPOTHETICAL
        if lemma == "be" and any(view.lower(a) == "to" for a in view.kids(node, "aux")):
            return PLANNED  # "is to meet"
    if dep in ("pobj", "pcomp") and parent is not None:
        holder = view.head(parent)  # "open to holding talks", "ready for talks", "unwilling to meet"
        if holder is not None and view.dep(parent) == "prep" and view.tok(holder).pos == "ADJ":
            word = view.lemma(holder)
            if word in grammar.negated_adjectives:
                return NEGATED
            if word in grammar.planned_adjectives:
                return PLANNED
            if word in grammar.hypothetical_adjectives:
                return HYPOTHETICAL
    return None


def event_status(view: SentenceView, anchor: int, grammar: Grammar) -> EventStatus:
    """The status of the event whose trigger is ``anchor``: occurred, planned, hypothetical or negated."""
    own = _own(view, anchor, grammar, negation=True)
    if own is not None:
        return own
    parent = view.head(anchor)
    if (parent is not None and view.dep(anchor) == "acl" and view.is_noun(parent)
            and any(view.lower(a) == "to" for a in view.kids(anchor, "aux"))):
        if any(view.lemma(d) in grammar.negating_determiners for d in view.kids(parent, "det")):
            return NEGATED  # "has no plans to meet"
        return PLANNED  # "plans to sit down", "a chance to discuss"
    node, negation = anchor, True
    for steps, (parent, dep) in enumerate(view.ancestors(anchor)):
        if steps >= 8 or dep in ("relcl", "parataxis"):
            break
        if dep == "ccomp" and view.lemma(parent) in grammar.reporting:
            break
        if dep == "pobj" and view.lower(parent) in _PAST_REFERENCE:
            break  # "following a meeting", "after the call": a point of reference already past
        lent = _governor(view, node, parent, dep, grammar)
        if lent is not None and (lent != NEGATED or negation):
            return lent
        if dep not in _INHERIT and dep != "ccomp":
            break
        negation = negation and dep in _NEGATE and view.lemma(parent) in grammar.support | grammar.aspectual
        if dep == "advcl" and not any(view.lemma(m) in grammar.temporal_subordinators for m in view.kids(node, "mark")):
            negation = False
        own = _own(view, parent, grammar, negation)
        if own is not None:
            return own
        node = parent
    return OCCURRED
