"""Cues, their sources and their reported clauses, read off the dependency parse.

A cue is a verb of speaking or reporting from the lexicon ("said", "tweeted", "pointed out") or
a phrase such as "according to". Its source is the verb's subject (climbing from "saying" or
"adding" to the clause they hang from); its reported content is the complement clause
("said *that they agreed*"), a to-infinitive for verbs of promising and urging, an object for
verbs such as "denied", or, when the verb trails its clause ("The talks failed, he said"), the
clause it trails.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.quotes.lexicon import Cues, Verb
from chronicle.quotes.tree import QUOTE_TOKENS, Tree

# Clauses that carry what was said, as children of the cue verb.
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
# A participle or coordinated verb takes its subject from the clause it hangs from.
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "relcl", "dep"})
# Children of a verb that belong to its verb group (the cue span).
GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Cue:
    """A cue token with its lexicon entry (None for "according to") and its word span."""

    token: int
    verb: Verb | None
    first: int  # token range [first, last) of the cue words
    last: int

    @property
    def according(self) -> bool:
        return self.verb is None


def find_cues(tree: Tree, lexicon: Cues) -> list[Cue]:
    """Every cue of the parsed sentences, in text order."""
    found: list[Cue] = []
    tokens = tree.tokens
    for sentence in tree.parse.sentences:
        if not sentence.parsed:
            continue
        for i in range(sentence.first, sentence.last):
            token = tokens[i]
            word = token.text.lower()
            if word == "according" and i + 1 < sentence.last and tokens[i + 1].text.lower() == "to":
                found.append(Cue(i, None, i, i + 2))
                continue
            if not token.tag.startswith("VB"):
                continue
            verb = lexicon.verb(token.lemma, token.text)
            if verb is None:
                continue
            if verb.particle is not None:
                particle = tree.child(i, "prt")
                if particle is None or tokens[particle].text.lower() != verb.particle:
                    continue
            found.append(Cue(i, verb, *_verb_group(tree, i)))
    return found


def _verb_group(tree: Tree, i: int) -> tuple[int, int]:
    """The verb with its auxiliaries, negation, adjacent adverbs and particle."""
    first, last = i, i + 1
    for c in sorted(tree.children[i]):
        dep = tree.tokens[c].dep
        if dep in GROUP_DEPS or (dep == "advmod" and abs(c - i) <= 2):
            if c < first and all(tree.tokens[k].head == i or tree.tokens[k].dep in GROUP_DEPS for k in range(c, first)):
                first = c
            elif c >= last and c == last:
                last = c + 1
    return first, last


def subject_of(tree: Tree, cue: Cue) -> tuple[int | None, bool]:
    """The token heading the cue's source, and whether a statement noun was passed on the way.

    "according to X" → X; "Abe said" → Abe; "..., saying" / "adding" / "a statement saying" →
    the subject of the clause they hang from. An expletive "it" ("it is said") is no source.
    """
    tokens = tree.tokens
    if cue.according:
        to = cue.token + 1
        obj = tree.child(to, "pobj")
        return obj, False
    current = cue.token
    through_noun = False
    for _ in range(5):
        subject = tree.child(current, *SUBJECT_DEPS)
        if subject is not None:
            if tokens[subject].dep == "nsubjpass" and tokens[current].lemma not in ("quote",):
                return None, through_noun  # "it is said", "he was told": the speaker is not named
            if tokens[subject].text.lower() == "it" and tokens[subject].dep == "expl":
                return None, through_noun
            return subject, through_noun
        token = tokens[current]
        if token.head < 0 or token.head == current:
            return None, through_noun
        if token.dep in CLIMB_DEPS or token.pos in ("NOUN", "PROPN"):
            if token.pos == "NOUN":
                through_noun = True
            current = token.head
            continue
        return None, through_noun
    return None, through_noun


def source_range(tree: Tree, subject: int, avoid: tuple[int, int] | None = None) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``subject``, trimmed, cut before ``avoid``."""
    first, last = tree.left[subject], tree.right[subject] + 1
    if avoid is not None and first < avoid[1] and avoid[0] < last:
        if avoid[0] > subject:
            last = avoid[0]
        else:
            first = max(first, avoid[1])
    return tree.trim(first, last, keep_quotes=False)


def content_ranges(tree: Tree, cue: Cue) -> list[tuple[int, int]]:
    """Token ranges of what the cue reports, or [] when it reports no clause."""
    tokens = tree.tokens
    v = cue.token
    if cue.according:
        return _according_content(tree, cue)
    verb = cue.verb
    assert verb is not None
    clause = None
    for c in tree.children[v]:
        if tokens[c].dep in CONTENT_DEPS and c > v and tokens[c].dep == "ccomp":
            clause = c
            break
    if clause is None:
        clause = tree.child(v, "ccomp")
    if clause is None and verb.infinitive:
        clause = _infinitive(tree, v)
    if clause is None and verb.object:
        obj = tree.child(v, "dobj")
        if obj is not None and obj > v:
            clause = obj
    if clause is not None:
        return _without(tree, (tree.left[clause], tree.right[clause] + 1), [])
    head = tokens[v].head
    if tokens[v].dep in ("parataxis", "ccomp") and head >= 0 and head < v:
        # "The talks failed, he said": the cue trails the clause it reports
        whole = (tree.left[head], tree.right[head] + 1)
        return _without(tree, whole, [(tree.left[v], tree.right[v] + 1)])
    return []


def _infinitive(tree: Tree, v: int) -> int | None:
    for c in tree.children[v]:
        token = tree.tokens[c]
        if token.dep == "xcomp" and c > v and any(tree.tokens[k].text.lower() == "to" for k in tree.children[c]):
            return c
    return None


def _according_content(tree: Tree, cue: Cue) -> list[tuple[int, int]]:
    """The clause "according to X" modifies, without the phrase itself."""
    tokens = tree.tokens
    phrase = (tree.left[cue.token], max(tree.right[cue.token], tree.right[cue.token + 1]) + 1)
    head = tokens[cue.token].head
    if head < 0 or head == cue.token:
        sentence = tree.parse.sentences[tree.sentence[cue.token]]
        whole = (sentence.first, sentence.last)
    else:
        # climb to the clause: "according to" often hangs from a noun or an auxiliary
        while tokens[head].pos not in ("VERB", "AUX") and tokens[head].head not in (-1, head):
            head = tokens[head].head
        whole = (tree.left[head], tree.right[head] + 1)
    return _without(tree, whole, [phrase])


def _without(tree: Tree, whole: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``whole`` minus ``holes``, as trimmed non-empty runs."""
    runs = [whole]
    for hole in holes:
        next_runs = []
        for first, last in runs:
            if hole[1] <= first or hole[0] >= last:
                next_runs.append((first, last))
                continue
            if hole[0] > first:
                next_runs.append((first, hole[0]))
            if hole[1] < last:
                next_runs.append((hole[1], last))
        runs = next_runs
    trimmed = [tree.trim(first, last) for first, last in runs]
    kept = []
    for first, last in trimmed:
        if last > first and not all(tree.tokens[k].text in QUOTE_TOKENS for k in range(first, last)):
            kept.append((first, last))
    return kept


def content_children(tree: Tree, cue: Cue) -> list[int]:
    """Children of the cue verb that carry reported content (complements, objects of report)."""
    if cue.according:
        return []
    out = []
    for c in tree.children[cue.token]:
        dep = tree.tokens[c].dep
        if dep in CONTENT_DEPS or dep in ("xcomp", "dobj") and c > cue.token:
            out.append(c)
    return out
