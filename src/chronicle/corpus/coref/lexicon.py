"""The coreference word tables, read from ``chronicle/data/coref/triggers.toml``.

``families`` join lemmas (and phrases such as "open fire") that name the same kind of happening
under one key; a word with several senses ("fire": a blaze, a shooting, a dismissal) may sit in
several families, and the clustering picks the one its neighbours support. ``light`` lists
lemmas too vague to merge on alone; ``support`` verbs that carry an event noun ("held talks").
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from chronicle.errors import KnowledgeError

__all__ = ["CorefLexicon", "load_coref_lexicon"]

_FILE = "triggers.toml"


@dataclass(frozen=True)
class CorefLexicon:
    """Lemma families (lemma or phrase → the keys of its families, in file order) and light lemmas."""

    families: Mapping[str, tuple[str, ...]]
    light: frozenset[str]
    support: frozenset[str] = frozenset()

    def keys(self, lemma: str, phrase: str = "") -> tuple[str, ...]:
        """Return the family keys of a trigger: its phrase's if listed, else its lemma's, else the lemma."""
        return self.families.get(phrase) or self.families.get(lemma) or (lemma,)


def _parse(data: dict[str, object], source: str) -> CorefLexicon:
    families_table = data.get("families", {})
    if not isinstance(families_table, dict):
        raise KnowledgeError(f"{source}: [families] must be a table")
    families: dict[str, tuple[str, ...]] = {}
    for name, lemmas in families_table.items():
        if not isinstance(lemmas, list) or not all(isinstance(w, str) and w.strip() for w in lemmas):
            raise KnowledgeError(f"{source}: family '{name}' must be a list of lemmas")
        for lemma in lemmas:
            word = " ".join(lemma.lower().split())
            if name in families.get(word, ()):
                raise KnowledgeError(f"{source}: '{word}' is listed twice in family '{name}'")
            families[word] = families.get(word, ()) + (name,)
    words: dict[str, frozenset[str]] = {}
    for name in ("light", "support"):
        table = data.get(name, {})
        listed = table.get("lemmas", []) if isinstance(table, dict) else None
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
            raise KnowledgeError(f"{source}: [{name}] lemmas must be a list of words")
        words[name] = frozenset(w.lower() for w in listed)
    return CorefLexicon(families=MappingProxyType(families), light=words["light"], support=words["support"])


@cache
def load_coref_lexicon() -> CorefLexicon:
    """Return the packaged coreference lexicon.

    Raises:
        KnowledgeError: the file is missing, is not TOML, or a family is malformed.
    """
    try:
        text = resources.files("chronicle.data").joinpath("coref", _FILE).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"cannot read the coreference lexicon coref/{_FILE}: {exc}") from exc
    return _parse(data, f"coref/{_FILE}")
