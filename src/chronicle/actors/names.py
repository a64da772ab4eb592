"""Written forms: the one normalisation every table key and every text span goes through, and slugs."""

from __future__ import annotations

import re
import unicodedata

_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_SPACE = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")


def normal_form(text: str) -> str:
    """``text`` with runs of white space made one space and typographic dashes/quotes made plain."""
    return _SPACE.sub(" ", text.translate(_DASHES)).strip()


def without_article(form: str) -> str:
    """A normal form without a leading "the" ("the Kremlin" → "Kremlin")."""
    return _ARTICLE.sub("", form)


def has_article(form: str) -> bool:
    """True when the normal form starts with "the"."""
    return _ARTICLE.match(form) is not None


def slug(text: str) -> str:
    """Lower-case ASCII slug of a name: "Kim Yo-jong" → "kim-yo-jong", "Médecins" → "medecins"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plural_forms(demonym: str) -> tuple[str, ...]:
    """Plural noun forms of a demonym used for its people ("Afghan" → "Afghans"); () when it has none.

    Forms ending in -ese, -ish, -ch, -s or -ss take no plural ending ("the Japanese", "the Swiss");
    a few other forms generated here never occur in text, which is harmless for a lookup table.
    """
    if demonym.endswith(("ese", "ish", "sh", "ch", "s", "x", "z")):
        return ()
    last = demonym.split()[-1]
    if last[:1].isupper():
        return (demonym + "s",)
    return ()
