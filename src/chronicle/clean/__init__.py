"""Cleaning of already-extracted article text (menus, paywalls, share bars, templates)."""

from chronicle.clean.cleaner import CleanText, clean_text, line_key, repetition_candidates
from chronicle.clean.features import Lexicon, load_lexicon

__all__ = ["CleanText", "Lexicon", "clean_text", "line_key", "load_lexicon", "repetition_candidates"]
