"""Surface forms of the lexicon's words, and the sentence filter built from them.

The filter runs before any tagging, on lower-cased token texts, so it cannot use lemmas: regular
inflections are generated here from the lemmas, irregular ones come from ``grammar.toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from chronicle.events.lexicon import EventLexicon, Sense

_VOWELS = frozenset("aeiou")
# words that never decide on their own whether a sentence holds an event
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "into", "from", "up", "down",
     "out", "off", "over", "back", "about", "upon", "against", "and", "or", "oneself", "be", "no", "not"}
)


def _doubles(word: str) -> bool:
    """A final consonant that may double before -ed/-ing (ban → banned, cancel → cancelled)."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS | {"w", "x", "y"}
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def verb_forms(lemma: str, irregular: Iterable[str] = ()) -> frozenset[str]:
    """The lemma, its -s, -ed and -ing forms (doubling the final consonant where English may) and ``irregular``."""
    w = lemma.lower()
    forms = {w, *irregular}
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(w + "es")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms.add(w[:-1] + "ies")
    else:
        forms.add(w + "s")
    if w.endswith("e"):
        forms.add(w + "d")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms.add(w[:-1] + "ied")
    else:
        forms.add(w + "ed")
    if w.endswith("ie"):
        forms.add(w[:-2] + "ying")
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        forms.add(w[:-1] + "ing")
    else:
        forms.add(w + "ing")
    if _doubles(w):
        forms.update({w + w[-1] + "ed", w + w[-1] + "ing"})
    if w.endswith("c"):  # panic → panicked
        forms.update({w + "ked", w + "king"})
    return frozenset(forms)


def noun_forms(lemma: str, irregular: str | None = None) -> frozenset[str]:
    """The lemma and its plural (``irregular`` when given)."""
    w = lemma.lower()
    forms = {w}
    if irregular:
        forms.add(irregular)
    if w.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(w + "es")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms.add(w[:-1] + "ies")
    else:
        forms.add(w + "s")
    return frozenset(forms)


def _forms(lexicon: EventLexicon, word: str, pos: str) -> frozenset[str]:
    g = lexicon.grammar
    if pos == "verb":
        return verb_forms(word, g.irregular.get(word, ()))
    if pos == "noun":
        return noun_forms(word, g.plurals.get(word))
    return verb_forms(word, g.irregular.get(word, ())) | noun_forms(word)


def _sense_forms(lexicon: EventLexicon, sense: Sense) -> tuple[frozenset[str], frozenset[str] | None]:
    """Forms of a sense's head word, and the forms of which one must occur beside it (None: none needed).

    A multi-word trigger needs its other words too ("call off", "martial law"), and a sense
    restricted to named objects needs one of them ("lift" + "curfew").
    """
    words = list(sense.words)
    if sense.pos == "noun":
        content = [w for w in words if w not in _FUNCTION_WORDS] or words
        head = content[words.index("of") - 1] if "of" in words and words.index("of") > 0 else content[-1]
        head_pos = "noun"
    else:
        content = [w for w in words if w not in _FUNCTION_WORDS] or words
        head = words[0] if sense.pos == "verb" else content[0]
        head_pos = "verb" if sense.pos == "verb" else "any"
    heads = _forms(lexicon, head, head_pos)
    rest = [w for w in words if w != head and w not in ("a", "an", "the")]
    content_rest = [w for w in rest if w not in _FUNCTION_WORDS]
    others: set[str] = set()
    for w in content_rest or rest:  # "martial law" needs "martial"; "call off" needs "off"
        others |= {w} | (noun_forms(w) | verb_forms(w) if w not in _FUNCTION_WORDS else set())
    if not others and sense.preps:
        others = set(sense.preps)
    if others:
        return heads, frozenset(others)
    named = [o for o in sense.objects if not o.startswith("@")]
    if sense.objects and len(named) == len(sense.objects):
        for obj in named:
            for w in obj.split():
                if w not in _FUNCTION_WORDS:
                    others |= noun_forms(w) | verb_forms(w)
        return heads, frozenset(others)
    return heads, None


@dataclass(frozen=True)
class _Filter:
    free: frozenset[str]  # forms that alone make a sentence worth parsing
    paired: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (trigger forms, object forms) needed together

    def __call__(self, words: Sequence[str]) -> bool:
        present = set(words)
        if present & self.free:
            return True
        return any(present & heads and present & objects for heads, objects in self.paired)


def event_sentence_filter(lexicon: EventLexicon) -> Callable[[Sequence[str]], bool]:
    """A predicate over a sentence's lower-cased token texts: True when it may hold an event.

    True when the sentence holds a form of a trigger word, of a reporting verb (a speech act),
    or of a counting adverb ("twice", "thrice"); a trigger sense that needs a particular object (such as
    "lift" + "curfew") only counts when a form of one of its objects occurs too. It works on
    surface forms, before any tagging, and decides which sentences get the full parse.
    """
    free: set[str] = set()
    paired: dict[frozenset[str], set[str]] = {}
    for sense in lexicon.senses:
        if sense.type == "NONE" and not sense.content:
            continue
        heads, others = _sense_forms(lexicon, sense)
        if others is None:
            free |= heads
        else:
            paired.setdefault(heads, set()).update(others)
    g = lexicon.grammar
    for verb in g.reporting:
        if " " not in verb:  # "point out" is found by "said" and the like often enough
            free |= verb_forms(verb, g.irregular.get(verb, ()))
    free |= {word for word, n in g.count_adverbs.items() if n > 1}  # "twice", not the common "once"
    return _Filter(frozenset(free), tuple((heads, frozenset(objs)) for heads, objs in paired.items()))
