"""The cue lexicon of the quotes stage, read once from ``chronicle/data/quotes/cues.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from chronicle.errors import KnowledgeError


@dataclass(frozen=True)
class Verb:
    """A verb of speaking or reporting and how it carries its content."""

    lemma: str
    forms: tuple[str, ...]
    infinitive: bool = False  # "vowed to retaliate": the to-infinitive is the content
    object: bool = False  # "denied the claims": a noun-phrase object is the content
    quote_only: bool = False  # a cue only beside a direct quotation
    particle: str | None = None  # "pointed out": reports only with this particle
    kind: str | None = None  # "tweet"


@dataclass(frozen=True)
class Cues:
    """Read-only cue tables (all keys lower case)."""

    verbs: Mapping[str, Verb]  # lemma → verb
    forms: Mapping[str, str]  # written form → lemma
    nouns: Mapping[str, str]  # statement noun → kind
    according: tuple[tuple[str, ...], ...]  # word sequences such as ("according", "to")
    spokespeople: tuple[tuple[str, ...], ...]  # title word sequences
    pronouns: Mapping[str, str]  # subject pronoun → required gender ("" for any)
    gender_words: Mapping[str, str]  # word → "m" / "f"
    officials: frozenset[str]  # heads of a source that speak for an institution
    discourse: tuple[tuple[str, ...], ...] = ()  # linking words before a reported clause
    time_words: frozenset[str] = frozenset()  # skipped between a cue and a speaker after it

    def verb(self, lemma: str, text: str = "") -> Verb | None:
        """The verb for a lemma, or for a written form when the lemma is unknown; None otherwise."""
        found = self.verbs.get(lemma.lower())
        if found is None and text:
            key = self.forms.get(text.lower())
            found = self.verbs.get(key) if key else None
        return found

    def is_spokesperson(self, words: tuple[str, ...]) -> bool:
        """True when the lower-case ``words`` hold a spokesperson title."""
        for title in self.spokespeople:
            n = len(title)
            if any(words[i : i + n] == title for i in range(len(words) - n + 1)):
                return True
        return False


@cache
def cues() -> Cues:
    """Load and return the packaged cue lexicon (cached; the tables are read-only).

    Raises:
        KnowledgeError: the lexicon file is missing or malformed (the message names the entry).
    """
    source = resources.files("chronicle.data") / "quotes" / "cues.toml"
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"cannot read the quote cue lexicon {source}: {exc}") from exc
    return build_cues(data)


def build_cues(data: Mapping) -> Cues:
    """Index a parsed cue lexicon.

    Raises:
        KnowledgeError: a required table is missing or an entry has the wrong shape.
    """
    try:
        verbs: dict[str, Verb] = {}
        forms: dict[str, str] = {}
        for lemma, entry in data["verbs"].items():
            written = tuple(str(f).lower() for f in entry["forms"])
            verbs[lemma.lower()] = Verb(
                lemma=lemma.lower(),
                forms=written,
                infinitive=bool(entry.get("infinitive", False)),
                object=bool(entry.get("object", False)),
                quote_only=bool(entry.get("quote_only", False)),
                particle=entry.get("particle"),
                kind=entry.get("kind"),
            )
            for form in written:
                forms.setdefault(form, lemma.lower())
        nouns = {str(k).lower(): str(v) for k, v in data["nouns"].items()}
        according = tuple(tuple(p.lower().split()) for p in data["according"]["phrases"])
        spokespeople = tuple(tuple(t.lower().split()) for t in data["spokespeople"]["titles"])
        pronouns = {str(k).lower(): str(v) for k, v in data["pronouns"].items()}
        gender_words = {str(w).lower(): gender for gender, words in data["gender_words"].items() for w in words}
        officials = frozenset(str(w).lower() for w in data["officials"]["words"])
        discourse = tuple(tuple(w.lower().split()) for w in data.get("discourse", {}).get("words", ()))
        time_words = frozenset(w.lower() for w in data.get("time_words", {}).get("words", ()))
    except (KeyError, TypeError, AttributeError) as exc:
        raise KnowledgeError(f"the quote cue lexicon is malformed near {exc!r}") from exc
    return Cues(
        verbs=MappingProxyType(verbs),
        forms=MappingProxyType(forms),
        nouns=MappingProxyType(nouns),
        according=according,
        spokespeople=spokespeople,
        pronouns=MappingProxyType(pronouns),
        gender_words=MappingProxyType(gender_words),
        officials=officials,
        discourse=discourse,
        time_words=time_words,
    )
