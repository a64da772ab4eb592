"""Language stage: spaCy behind Chronicle's own records.

Needs: a clean text. Adds: a ``Parse`` (tokens with lemmas, tags, dependencies and entity labels,
sentences, entities). spaCy objects never leave this package.
"""

from chronicle.language.model import LanguageModel, load_language_model
from chronicle.language.parse import parse_text, parse_texts

__all__ = ["LanguageModel", "load_language_model", "parse_text", "parse_texts"]
