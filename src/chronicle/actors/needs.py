"""Which sentences need the entity recogniser: those naming someone the knowledge tables do not know.

The entity recogniser is the costliest part of the language stage. A sentence whose capitalised
words are all parts of known names, titles, demonyms or sector words ("Abe said he and Trump
agreed", "Pyongyang fired a missile") is resolved from the tables alone; the recogniser runs on
the others, where an unknown person or organisation may be named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chronicle.actors.knowledge import Knowledge

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
# Capitalised words that are never names of actors by themselves.
_ORDINARY = frozenset(
    """i a an the this that these those it its he she they we you his her their our my
    mr mrs ms dr sir monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december but and or so if as
    in on at by for with from to of after before when while during since although though however
    meanwhile also yet still now then there here what who which where why how""".split()
)


@dataclass(frozen=True)
class EntityNeed:
    """True for a sentence (its tokens as written) with a capitalised word the tables do not know."""

    known: frozenset[str]

    def __call__(self, words: Sequence[str]) -> bool:
        for position, word in enumerate(words):
            if not word[:1].isupper() or not _WORD.fullmatch(word):
                continue
            lower = word.lower().strip(".")
            if lower in self.known or lower in _ORDINARY:
                continue
            if position == 0 and word[1:].islower():
                continue  # a sentence-initial ordinary word
            return True
        return False


def entity_sentence_filter(knowledge: Knowledge) -> Callable[[Sequence[str]], bool]:
    """A predicate over a sentence's tokens (as written): does it need the entity recogniser?"""
    known: set[str] = set()
    for table in (knowledge.forms, knowledge.titles, knowledge.sector_words, knowledge.demonyms):
        for form in table:
            for word in _WORD.findall(form):
                known.add(word.lower().strip("."))
    return EntityNeed(frozenset(known))
