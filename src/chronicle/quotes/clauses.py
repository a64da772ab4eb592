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
    """A cue token with its lexicon entry and its word span.

    ``verb`` is None for "according to" and for punctuation cues (``mark`` "dash": a quotation
    signed "— Name" after it).
    """

    token: int
    verb: Verb | None
    first: int  # token range [first, last) of the cue words
    last: int
    mark: str | None = None

    @property
    def according(self) -> bool:
        return self.verb is None and self.mark is None


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


def any_verb_cue(tree: Tree, i: int) -> Cue:
    """A cue for a verb the lexicon lacks, used only where a quotation shows it reports speech
    ("…?" he wondered; Toomey fumed: "…")."""
    token = tree.tokens[i]
    verb = Verb(lemma=token.lemma.lower(), forms=(), quote_only=True)
    return Cue(i, verb, *_verb_group(tree, i))


def _verb_group(tree: Tree, i: int) -> tuple[int, int]:
    """The verb with its auxiliaries, negation, adjacent adverbs and particle."""
    first, last = i, i + 1
    for c in sorted(tree.kids(i)):
        dep = tree.tokens[c].dep
        if dep in GROUP_DEPS or (dep == "advmod" and abs(c - i) <= 2):
            if c < first and all(tree.tokens[k].head == i or tree.tokens[k].dep in GROUP_DEPS for k in range(c, first)):
                first = c
            elif c >= last and c == last:
                last = c + 1
    return first, last


def subject_of(tree: Tree, cue: Cue, cue_tokens: frozenset[int] = frozenset()) -> int | None:
    """The token heading the cue's source, or None when the sentence names none.

    "according to X" → X; "Abe said" → Abe; "..., saying" / "adding" / "a statement saying" →
    the subject of the clause they hang from, except that "Abe said they talked, adding …" goes
    on to the speaker of the clause "adding" continues (``cue_tokens`` are the document's cue
    verbs). An expletive "it" ("it is said") and a passive subject ("he was told") are no source.
    """
    tokens = tree.tokens
    if cue.verb is None:
        return tree.child(cue.token + 1, "pobj") if cue.according else None
    current = cue.token
    for _ in range(5):
        subject = tree.nearest_child(current, *SUBJECT_DEPS)
        if subject is not None:
            if tokens[subject].dep == "nsubjpass" and tokens[current].lemma != "quote":
                return None
            if tokens[subject].dep == "expl":
                return None
            return subject
        token = tokens[current]
        if token.head < 0 or token.head == current:
            return None
        if token.dep in CLIMB_DEPS or token.pos in ("NOUN", "PROPN"):
            if _continues_report(tree, current, cue_tokens):
                current = tokens[token.head].head
            else:
                current = token.head
            continue
        return None
    return None


def _continues_report(tree: Tree, i: int, cue_tokens: frozenset[int]) -> bool:
    """True for a cue that continues the report of the clause it hangs from, with no subject of
    its own: "Abe said they talked, adding …", "said Gates was not involved and said …"."""
    token = tree.tokens[i]
    if i not in cue_tokens or token.head < 0:
        return False
    if not (token.dep == "advcl" and token.tag == "VBG" or token.dep == "conj"):
        return False
    if tree.child(i, *SUBJECT_DEPS) is not None:
        return False
    head = tree.tokens[token.head]
    return head.dep == "ccomp" and head.head in cue_tokens and head.head < i


def source_range(tree: Tree, subject: int, avoid: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Token range of the noun phrase headed by ``subject``, trimmed, cut away from the ``avoid``
    ranges (the content); None when nothing is left or the subject lies inside the content."""
    first, last = tree.left[subject], tree.right[subject] + 1
    for a_first, a_last in avoid:
        if a_first <= subject < a_last:
            return None
        if first < a_last and a_first < last:
            if a_first > subject:
                last = min(last, a_first)
            else:
                first = max(first, a_last)
    first, last = tree.trim(first, last, keep_quotes=False)
    return (first, last) if last > first else None


def trailing_subject(tree: Tree, cue: Cue, time_words: frozenset[str] = frozenset()) -> int | None:
    """The speaker named right after a cue that follows its quotation ("…," said Leslie Wimes;
    "…," tweeted Sunday the nominee), skipping words of time."""
    k = cue.last
    while k < len(tree.tokens) and tree.tokens[k].text.lower() in time_words:
        k += 1
    if k >= len(tree.tokens) or tree.sentence[k] != tree.sentence[cue.token]:
        return None
    token = tree.tokens[k]
    if token.pos not in ("PROPN", "NOUN", "DET", "ADJ"):
        return None
    # climb to the head of the noun phrase that starts here
    head = k
    for _ in range(6):
        parent = tree.tokens[head].head
        if parent < 0 or parent == head or parent == cue.token or not tree.left[parent] >= k:
            break
        head = parent
    return head if tree.tokens[head].pos in ("PROPN", "NOUN") else None


def content_ranges(tree: Tree, cue: Cue, cue_tokens: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Token ranges of what the cue reports, or [] when it reports no clause.

    A participle cue that continues the report ("…, adding …") is cut out of the clause.
    """
    tokens = tree.tokens
    v = cue.token
    if cue.according:
        return _according_content(tree, cue)
    verb = cue.verb
    if verb is None:
        return []
    clause = None
    for c in tree.kids(v):
        if tokens[c].dep == "ccomp" and c > v:
            clause = c
            break
    if clause is None:
        clause = tree.child(v, "ccomp")
    if clause is None and verb.infinitive:
        clause = _infinitive(tree, v)
    if clause is None and verb.object:
        obj = tree.child(v, "dobj")
        if obj is not None and obj > v and tokens[obj].pos != "PRON":
            clause = obj
    start = None
    if clause is not None and tokens[clause].dep == "xcomp":
        # "urged her peers to spurn …", "asked workers to sign up": the one asked is part of it
        obj = tree.child(v, "dobj")
        if obj is not None and v < obj < clause:
            start = tree.left[obj]
    if clause is not None:
        holes = [
            (tree.left[k], tree.right[k] + 1)
            for k in tree.kids(clause)
            if _continues_report(tree, k, cue_tokens)
        ]
        first = tree.left[clause] if start is None else start
        return _without(tree, (first, tree.right[clause] + 1), holes + _asides(tree, first, tree.right[clause] + 1))
    head = tokens[v].head
    inverted = tokens[v].dep == "parataxis" or (
        tokens[v].dep == "ccomp" and head not in cue_tokens and tree.child(v, *SUBJECT_DEPS) is not None
    )
    if inverted and head >= 0 and head != v:
        # "The talks failed, he said" / "The museum, Mr. Obama said, would …": the cue sits in
        # or after the clause it reports
        whole = (tree.left[head], tree.right[head] + 1)
        return _clausal(tree, _without(tree, whole, [(tree.left[v], tree.right[v] + 1)]))
    return _trailing(tree, cue)


def _trailing(tree: Tree, cue: Cue) -> list[tuple[int, int]]:
    """"Clinton had told police …, but the NYPD overruled that request, the source added.":
    a cue clause closing its sentence after a comma reports all that comes before it."""
    tokens = tree.tokens
    v = cue.token
    sentence = tree.parse.sentences[tree.sentence[v]]
    subject = tree.child(v, *SUBJECT_DEPS)
    start = cue.first
    if subject is not None and subject < v:
        start = min(start, tree.left[subject])
    if start - sentence.first < 3 or tokens[start - 1].text != ",":
        return []
    for k in range(cue.last, sentence.last):
        if tokens[k].pos == "PUNCT":
            continue
        if not tree.left[v] <= k <= tree.right[v] or tokens[k].dep == "ccomp" and tokens[k].head == v:
            return []
    return _clausal(tree, _without(tree, (sentence.first, start - 1), []))


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _clausal(tree: Tree, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``runs`` when they hold a finite verb or a quotation (a report, not "In Honolulu last week,")."""
    for first, last in runs:
        for k in range(first, last):
            if tree.tokens[k].tag in _FINITE or tree.tokens[k].text in QUOTE_TOKENS:
                return runs
    return []


_ASIDE_DASHES = frozenset({"—", "–", "-", "--"})


def _asides(tree: Tree, first: int, last: int) -> list[tuple[int, int]]:
    """Asides set off by a pair of dashes inside ``[first, last)`` ("taxes - the rate is the
    highest - carried"): the writer's words, not the speaker's (quoted words excepted)."""
    tokens = tree.tokens
    dashes = [k for k in range(first, last) if tokens[k].text in _ASIDE_DASHES and tokens[k].dep != "HYPH" and tokens[k].tag != "HYPH"]
    holes = []
    for a, b in zip(dashes[::2], dashes[1::2]):
        if b - a > 1 and not any(tokens[k].text in QUOTE_TOKENS for k in range(a, b)):
            holes.append((a, b + 1))
    return holes


def _infinitive(tree: Tree, v: int) -> int | None:
    for c in tree.kids(v):
        token = tree.tokens[c]
        if token.dep == "xcomp" and c > v and any(tree.tokens[k].text.lower() == "to" for k in tree.kids(c)):
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
        # climb to a clause with a subject: "according to" often hangs from a noun, an
        # auxiliary or a phrase ("…, with less than 100 still uncommitted, according to …")
        for _ in range(12):
            token = tokens[head]
            if token.head < 0 or token.head == head:
                break
            if token.pos in ("VERB", "AUX") and tree.child(head, *SUBJECT_DEPS) is not None:
                break
            head = token.head
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
    trimmed = [_clean(tree, *tree.trim(first, last)) for first, last in runs]
    kept = []
    for first, last in trimmed:
        if last > first and not all(tree.tokens[k].text in QUOTE_TOKENS for k in range(first, last)):
            kept.append((first, last))
    return kept


_DATELINE_DASHES = frozenset({"—", "―", "--", "–"})


def _clean(tree: Tree, first: int, last: int) -> tuple[int, int]:
    """Drop a leading dateline ("WASHINGTON —") or conjunction, and a trailing conjunction."""
    tokens = tree.tokens
    for k in range(first, min(first + 8, last)):
        if tokens[k].text in _DATELINE_DASHES:
            if k > first and all(not t.text.isalpha() or t.text.isupper() for t in tokens[first:k]):
                first = k + 1
            break
    while first < last and (tokens[first].dep == "cc" or tokens[first].text.lower() in ("and", "but")):
        first += 1
    while last > first and (tokens[last - 1].dep == "cc" or tokens[last - 1].text.lower() in ("and", "but", "or")):
        last -= 1
    return tree.trim(first, last)


def content_children(tree: Tree, cue: Cue) -> list[int]:
    """Children of the cue verb that carry reported content (complements, objects of report)."""
    if cue.verb is None:
        return []
    out = []
    for c in tree.kids(cue.token):
        dep = tree.tokens[c].dep
        if dep in CONTENT_DEPS or dep in ("xcomp", "dobj") and c > cue.token:
            out.append(c)
    return out
