"""Who a source phrase names: the actor behind "Abe", "she", "the Japanese leader", "a spokesman".

The actors stage has already resolved names, titles and descriptions; a source is read through
those mentions. "he"/"she" take the nearest person named before them whose gender does not
contradict the pronoun (names inside quotations are skipped: a quoted "Trump is wrong" does not
make Trump the speaker). A spokesperson or official with no name of their own speaks for the
government of the state named in their phrase ("a Foreign Ministry spokesman" → the government);
a spokesperson of a person is not that person, and stays unresolved.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import cache
from typing import Sequence

from chronicle.models import Actor, ActorKind, ActorMention
from chronicle.quotes.lexicon import Cues
from chronicle.quotes.tree import Tree

_LOOKBACK_SENTENCES = 4  # how far back a pronoun's antecedent may be
_RELATIVE = frozenset({"who", "which", "that"})


class Speakers:
    """Resolves source phrases of one document to actors, through its actor mentions."""

    def __init__(self, tree: Tree, mentions: Sequence[ActorMention], lexicon: Cues, quoted: Sequence[tuple[int, int]]) -> None:
        self.tree = tree
        self.lexicon = lexicon
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self._quoted = sorted(quoted)
        self._genders = self._document_genders()

    def resolve(self, subject: int | None, first: int, last: int) -> Actor | None:
        """The actor named by the source phrase ``[first, last)`` headed by token ``subject``."""
        if subject is None or last <= first:
            return None
        tree = self.tree
        word = tree.tokens[subject].text.lower()
        if word in self.lexicon.pronouns:
            return self._pronoun(subject, self.lexicon.pronouns[word])
        if word in _RELATIVE and tree.tokens[subject].head >= 0:
            clause = tree.tokens[subject].head
            antecedent = tree.tokens[clause].head
            if tree.tokens[clause].dep == "relcl" and antecedent != clause:
                return self._at(antecedent)
            return None
        head_mention = self._at(subject)
        if head_mention is None:
            for c in tree.kids(subject):
                if tree.tokens[c].dep == "appos":
                    head_mention = self._at(c)
                    if head_mention is not None:
                        break
        words = tree.words(first, last)
        speaks_for = self.lexicon.is_spokesperson(words) or word in self.lexicon.officials
        if head_mention is not None:
            if speaks_for and head_mention.kind is not ActorKind.PERSON:
                return _government(head_mention)
            return head_mention
        if not speaks_for:
            return None
        start, end = tree.chars(first, last)
        for mention in self._within(start, end):
            if mention.actor.kind in (ActorKind.STATE, ActorKind.IGO, ActorKind.ORGANISATION):
                return _government(mention.actor)
        return None

    # ------------------------------------------------------------ helpers

    def _at(self, token: int) -> Actor | None:
        """The actor of the mention covering token ``token``, if any."""
        t = self.tree.tokens[token]
        k = bisect_left(self._starts, t.start + 1) - 1
        while k >= 0:
            mention = self.mentions[k]
            if mention.start <= t.start < mention.end:
                return mention.actor
            if mention.end <= t.start and t.start - mention.start > 200:
                break
            k -= 1
        return None

    def _within(self, start: int, end: int) -> list[ActorMention]:
        k = bisect_left(self._starts, start)
        out = []
        while k < len(self.mentions) and self.mentions[k].start < end:
            if self.mentions[k].end <= end:
                out.append(self.mentions[k])
            k += 1
        return out

    def _pronoun(self, token: int, gender: str) -> Actor | None:
        """The person a he/she subject stands for, or None when the text does not make it clear.

        The nearest person named before (outside quotations, within a few sentences) is taken
        when their gender is known to fit, or when no other person is named in that stretch.
        """
        t = self.tree.tokens[token]
        own = self._at(token)
        if own is not None and own.kind is ActorKind.PERSON:
            return own
        sentence = self.tree.sentence[token]
        candidates: list[Actor] = []
        k = bisect_left(self._starts, t.start) - 1
        while k >= 0:
            mention = self.mentions[k]
            k -= 1
            if mention.sentence < sentence - _LOOKBACK_SENTENCES:
                break
            if mention.end > t.start or mention.actor.kind is not ActorKind.PERSON or self._in_quote(mention.start):
                continue
            known = self._genders.get(mention.actor.id)
            if gender and known and known != gender:
                continue
            if gender and known == gender and not candidates:
                return mention.actor
            if all(c.id != mention.actor.id for c in candidates):
                candidates.append(mention.actor)
        return candidates[0] if len(candidates) == 1 else None

    def _in_quote(self, char: int) -> bool:
        k = bisect_left(self._quoted, (char + 1,)) - 1
        return k >= 0 and self._quoted[k][0] <= char < self._quoted[k][1]

    def _document_genders(self) -> dict[str, str]:
        """Person actor id → gender: the packaged people tables, then the document's own words —
        the pronouns the actors stage resolved to a person, and gendered titles in or just before
        a name ("Ms.", "spokeswoman")."""
        genders: dict[str, str] = dict(_table_genders())
        words = self.lexicon.gender_words
        text = self.tree.text
        for mention in self.mentions:
            if mention.actor.kind is not ActorKind.PERSON or mention.actor.id in genders:
                continue
            before = text[max(0, mention.start - 14) : mention.start].split()
            candidates = mention.text.lower().split() + [w.lower() for w in before[-2:]]
            if mention.how == "coreference":
                candidates = [mention.text.lower()]
            for w in candidates:
                if w in words:
                    genders[mention.actor.id] = words[w]
                    break
        return genders


def _government(actor: Actor) -> Actor:
    """A state spoken for by its officials is its government (sector GOV)."""
    if actor.kind is ActorKind.STATE and actor.sector is None:
        return replace(actor, sector="GOV")
    return actor


@cache
def _table_genders() -> tuple[tuple[str, str], ...]:
    """(actor id, gender) of the people in the packaged actor tables (read once per process)."""
    from chronicle.actors import load_knowledge

    return tuple((f"person:{p.id}", p.gender) for p in load_knowledge().people.values() if p.gender)
