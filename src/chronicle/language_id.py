"""Language identification of clean article text (py3langid, whose model ships in the package)."""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier


@functools.lru_cache(maxsize=1)
def load_identifier() -> LanguageIdentifier:
    """The identifier, loaded once per process (unpacking its model briefly takes about 70 MB)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text`` (its first 1,500 characters are enough)."""
    language, probability = load_identifier().classify(text[:1500])
    return str(language), float(probability)
