"""Language identification of clean article text (py3langid, whose model ships in the package)."""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier


@functools.lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text`` (its first 1,500 characters are enough)."""
    language, probability = _identifier().classify(text[:1500])
    return str(language), float(probability)
