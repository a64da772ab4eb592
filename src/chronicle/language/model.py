"""Loading the spaCy pipeline named in the settings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from chronicle.errors import LanguageModelError
from chronicle.language.attributes import TokenAttributes


@dataclass(frozen=True)
class LanguageModel:
    """A loaded spaCy pipeline and the pieces the parser uses.

    ``nlp`` runs the full analysis (tagger, parser, lemmatizer, entities) on the sentences that
    need it; ``tokenizer`` alone splits every text, so sentences without anything to analyse cost
    almost nothing.
    """

    name: str
    nlp: Any
    full_pipes: tuple[str, ...]
    attributes: TokenAttributes | None = None  # fast POS and lemmas, when the pipeline has the components
    skipped: tuple[str, ...] = ()  # components replaced by ``attributes``

    @property
    def tokenizer(self) -> Any:
        return self.nlp.tokenizer

    @contextmanager
    def zone(self) -> Iterator[None]:
        """A block whose new words the model forgets at its end, so a long run keeps flat memory.

        spaCy keeps every string and lexeme it meets (names, numbers, misspellings) for the life of
        the process, and its rule lemmatizer caches every (word, tag) pair: a worker analysing an
        archive would grow without end. Inside the block new words are transient; at its end they
        are freed and the word caches are trimmed to ``CACHE_LIMIT`` entries. No spaCy object
        made inside the block may be used after it: callers turn their docs into records first.
        Zones do not nest.
        """
        with self.nlp.memory_zone():
            yield
        if "lemmatizer" in self.nlp.pipe_names:
            _trim(self.nlp.get_pipe("lemmatizer").cache)
        if self.attributes is not None:
            _trim(self.attributes.cache)


CACHE_LIMIT = 100_000
"""Entries a word cache keeps between zones; the most recently added half survives a trim."""


def _trim(cache: Any) -> None:
    if isinstance(cache, dict) and len(cache) > CACHE_LIMIT:
        for key in list(cache)[: len(cache) - CACHE_LIMIT // 2]:
            del cache[key]


def load_language_model(name: str) -> LanguageModel:
    """Load the spaCy pipeline ``name`` (an installed package or a path).

    Raises:
        LanguageModelError: spaCy or the pipeline is not installed, or it lacks a tagger,
            parser or entity recogniser.
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a declared dependency of the nlp extra
        raise LanguageModelError("spaCy is not installed; install Chronicle with the 'nlp' extra") from exc
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise LanguageModelError(
            f"cannot load the spaCy pipeline '{name}' (setting spacy_model): is the package installed? ({exc})"
        ) from exc
    missing = {"tagger", "parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise LanguageModelError(f"the spaCy pipeline '{name}' lacks the component(s) {', '.join(sorted(missing))}")
    if {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names) and getattr(nlp.get_pipe("lemmatizer"), "mode", "") == "rule":
        return LanguageModel(
            name, nlp, tuple(nlp.pipe_names), TokenAttributes.from_pipeline(nlp), ("attribute_ruler", "lemmatizer")
        )
    return LanguageModel(name=name, nlp=nlp, full_pipes=tuple(nlp.pipe_names))
