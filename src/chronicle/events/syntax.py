"""A read-only view of one parsed sentence: the dependency tree, and the actors and timexes on it.

Token indexes are those of ``Parse.tokens`` (global to the text), so records built from a view
point straight back into the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from chronicle.models import ActorMention, Parse, Sentence, Timex, Token

# dependents inside a noun phrase: followed to find what a phrase names
NP_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "prep", "pobj", "conj", "appos", "nummod", "quantmod", "det",
     "case", "npadvmod", "cc", "predet", "dep", "punct", "advmod", "preconj", "nn"}
)
# dependents inside the core of a noun phrase (no prepositional phrases)
CORE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "conj", "appos", "nummod", "quantmod", "det", "cc",
                       "predet", "case", "nn", "punct"})
# dependents that open a clause of their own
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"})
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "theirs",
                      "we", "us", "our", "ours", "i", "me", "my"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "we", "us", "our", "ours"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@dataclass
class SentenceView:
    """One parsed sentence of a text, with the actor mentions and timexes that fall in it."""

    text: str
    parse: Parse
    index: int
    sentence: Sentence
    mentions: tuple[ActorMention, ...]
    timexes: tuple[Timex, ...]
    lemma_of: Callable[[str, str], str] | None = None
    children: dict[int, list[int]] = field(default_factory=dict)
    mention_at: dict[int, ActorMention] = field(default_factory=dict)
    timex_at: dict[int, Timex] = field(default_factory=dict)
    _lemmas: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        text: str,
        parse: Parse,
        index: int,
        mentions: Iterable[ActorMention],
        timexes: Iterable[Timex],
        lemma_of: Callable[[str, str], str] | None = None,
    ) -> "SentenceView":
        """A view of sentence ``index``; ``mentions`` and ``timexes`` may cover the whole text;
        ``lemma_of(lemma, word)`` corrects the tagger's lemmas (see ``EventLexicon.lemma_of``)."""
        sentence = parse.sentences[index]
        inside = tuple(m for m in mentions if sentence.start <= m.start < sentence.end)
        times = tuple(t for t in timexes if sentence.start <= t.start < sentence.end)
        view = cls(text, parse, index, sentence, inside, times, lemma_of)
        for i in range(sentence.first, sentence.last):
            head = parse.tokens[i].head
            if head != i and sentence.first <= head < sentence.last:
                view.children.setdefault(head, []).append(i)
        for i in range(sentence.first, sentence.last):
            tok = parse.tokens[i]
            for m in inside:
                if m.start < tok.end and tok.start < m.end:
                    view.mention_at[i] = m
                    break
            for t in times:
                if t.start < tok.end and tok.start < t.end:
                    view.timex_at[i] = t
                    break
        return view

    # ------------------------------------------------------------ tokens

    def tok(self, i: int) -> Token:
        return self.parse.tokens[i]

    def lemma(self, i: int) -> str:
        known = self._lemmas.get(i)
        if known is None:
            tok = self.parse.tokens[i]
            known = tok.lemma.lower()
            if self.lemma_of is not None and tok.pos != "PROPN":
                known = self.lemma_of(known, tok.text.lower())
            self._lemmas[i] = known
        return known

    def lower(self, i: int) -> str:
        return self.parse.tokens[i].text.lower()

    def dep(self, i: int) -> str:
        return self.parse.tokens[i].dep

    def tokens(self) -> range:
        return range(self.sentence.first, self.sentence.last)

    def is_pronoun(self, i: int) -> bool:
        """A personal or possessive pronoun ("US" the country is not "us")."""
        t = self.parse.tokens[i]
        return t.text.lower() in PRONOUNS and (t.pos == "PRON" or t.tag in ("PRP", "PRP$") or t.text.islower())

    def is_verb(self, i: int) -> bool:
        t = self.parse.tokens[i]
        return t.tag.startswith("VB") or t.pos == "VERB"

    def is_noun(self, i: int) -> bool:
        t = self.parse.tokens[i]
        return t.pos in ("NOUN", "PROPN", "PRON") or t.tag.startswith("NN")

    def is_past(self, i: int) -> bool:
        """The token is a past-tense verb, or a participle after "have"."""
        t = self.parse.tokens[i]
        if t.tag == "VBD":
            return True
        if t.tag == "VBN":
            return any(self.lemma(a) == "have" for a in self.kids(i, "aux"))
        return False

    # ------------------------------------------------------------ tree

    def head(self, i: int) -> int | None:
        """The syntactic head of token ``i``, None at the root."""
        h = self.parse.tokens[i].head
        return None if h == i or h < 0 else h

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of ``i``, in order; only those with one of ``deps`` when given."""
        found = self.children.get(i, [])
        return [c for c in found if not deps or self.parse.tokens[c].dep in deps]

    def prep_objects(self, i: int, preps: Iterable[str] | None = None) -> list[tuple[str, int]]:
        """(preposition, object) pairs attached to ``i``: "with Trump" → ("with", Trump)."""
        wanted = None if preps is None else set(preps)
        out = []
        for p in self.kids(i, "prep", "agent", "dative"):
            word = self.lower(p)
            if wanted is not None and word not in wanted:
                continue
            objects = self.kids(p, "pobj", "pcomp")
            if not objects and self.dep(p) == "dative" and self.is_noun(p):
                out.append(("to", p))  # "gave Tanzania a grant"
            for o in objects:
                out.append((word, o))
                out.extend((word, c) for c in self.kids(o, "conj"))
        return out

    def ancestors(self, i: int) -> Iterator[tuple[int, str]]:
        """(ancestor, dependency of the child on the path) from ``i`` up to the root."""
        seen = {i}
        node = i
        while True:
            parent = self.head(node)
            if parent is None or parent in seen:
                return
            yield parent, self.dep(node)
            seen.add(parent)
            node = parent

    def subtree(self, i: int, stop: frozenset[str] = frozenset(), keep: frozenset[str] | None = None) -> list[int]:
        """Token ``i`` and its descendants, not entering children whose dependency is in ``stop``
        (nor, when ``keep`` is given, any whose dependency is outside ``keep``)."""
        out, todo = [], [i]
        while todo:
            node = todo.pop()
            out.append(node)
            for c in self.children.get(node, []):
                d = self.dep(c)
                if d in stop or (keep is not None and d not in keep):
                    continue
                todo.append(c)
        return sorted(out)

    def phrase(self, i: int, possessor: bool = True) -> list[int]:
        """The noun phrase headed by ``i`` (without relative or clausal modifiers; without the
        possessor's words when ``possessor`` is False)."""
        return self.subtree(i, keep=NP_DEPS if possessor else NP_DEPS - {"poss"})

    def core(self, i: int, possessor: bool = True) -> list[int]:
        """The noun phrase headed by ``i`` without its prepositional phrases other than "of"
        ("thousands of refugees", but not "talks with the leaders of Romania"); without the
        possessor's words when ``possessor`` is False ("Reagan's statement" is no Reagan)."""
        out, todo = [], [i]
        while todo:
            node = todo.pop()
            out.append(node)
            for c in self.children.get(node, []):
                d = self.dep(c)
                if d == "poss" and not possessor:
                    continue
                of_phrase = (d == "prep" and self.lower(c) == "of") or (d == "pobj" and self.lower(node) == "of")
                if d in CORE_DEPS or of_phrase:
                    todo.append(c)
        return sorted(out)

    def clause_head(self, i: int) -> int:
        """The verb heading the clause token ``i`` belongs to (``i`` itself for a verb; the root of
        a sentence without a verb, such as a caption)."""
        if self.is_verb(i):
            return i
        top = i
        for a, _ in self.ancestors(i):
            if self.is_verb(a):
                return a
            top = a
        return top

    def span_text(self, first: int, last: int) -> tuple[int, int, str]:
        """(start, end, text) of the tokens ``first..last`` inclusive."""
        start, end = self.parse.tokens[first].start, self.parse.tokens[last].end
        return start, end, self.text[start:end]
