"""Line features for the cleaner: length, punctuation, furniture vocabulary, templates, glue."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_TEMPLATE = re.compile(r"\{\{[^}]*\}\}|\{%.*?%\}|<%.*?%>|\$\{[^}]*\}")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
# Words run together by a scraper: "ArrowArtboard", "FacebookIcon", "TopNorth".
_GLUE = re.compile(r"[a-z]{2,}[A-Z][a-z]{2,}")
# A lower-case brand prefix on capitals: "myNEWS", "eKathimerini" is not matched (needs 2+ caps).
_BRAND = re.compile(r"\b[a-z]{1,3}[A-Z]{2,}\b")
_PRICE = re.compile(r"[$€£¥]\s?\d|\b\d+\s+(?:months?|weeks?|days?)\s+for\b|\boffer ends\b|\bper month\b", re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪►*\-–]|\d+\.)\s+")
_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_SEPARATOR = re.compile(r"\s[|·•/]\s|\s{3,}")
_LABEL = re.compile(r"^([A-Za-z' ]{2,25}):\s*\S")
_URL = re.compile(r"https?://\S+|www\.\S+")
_LAST_SENTENCE_END = re.compile(r"[.!?]\s+(?=[^.!?]+$)")
_CAPS_START = re.compile(r"^[A-Z0-9“\"‘']")
_CREDIT = re.compile(
    r"(?:\b(?:photos?|photograph|picture|image|credit|source)\s*:\s*[\w .,/&'’-]{1,50}"
    r"|\((?:AP|AFP|Reuters|EPA|Getty Images|Yonhap|Kyodo|Xinhua|Bloomberg)\)"
    r"|/\s*(?:AP|AFP|Reuters|EPA|Getty Images|Yonhap|Kyodo|Xinhua|Bloomberg))\s*$",
    re.I,
)


@dataclass(frozen=True)
class Lexicon:
    """The furniture vocabulary and caption cues (``data/web_furniture.toml``)."""

    strong: frozenset[str]
    weak: frozenset[str]
    calls_to_action: frozenset[str]
    link_labels: frozenset[str]
    organisation_words: frozenset[str]
    caption_cues: tuple[str, ...]
    event_words: dict[str, str]  # spelling -> key


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the packaged furniture lexicon (read once per process; the result is immutable)."""
    data = tomllib.loads(resources.files("chronicle.data").joinpath("web_furniture.toml").read_text("utf-8"))
    events = {spelling: key for key, spellings in data["event_words"].items() for spelling in spellings}
    return Lexicon(
        strong=frozenset(data["strong"]),
        weak=frozenset(data["weak"]),
        calls_to_action=frozenset(data["calls_to_action"]),
        link_labels=frozenset(data["link_labels"]),
        organisation_words=frozenset(data["organisation_words"]),
        caption_cues=tuple(data["caption_cues"]),
        event_words=events,
    )


@dataclass(frozen=True)
class LineFeatures:
    """What the cleaner knows about one line."""

    words: int
    ends_sentence: bool
    furniture: float  # share of furniture words (strong words count 2, weak 1)
    strong_words: int
    template: bool
    copyright: bool
    glue: int  # run-together tokens
    brand: bool
    price: bool
    bullet: bool
    call_to_action: bool  # the line is, or ends with, a button label ("Accept", "Learn more")
    link_label: bool  # "Read more: ...", "Related: ..."
    menu: bool  # "World | Politics | Business"
    caption_cue: bool
    repeated_words: bool  # "print PRINT", "Share Share"
    proper_nouns: int  # capitalised words after the first
    lowercase_words: int


def words_of(text: str) -> list[str]:
    """Return the alphabetic words of ``text``."""
    return _WORD.findall(text)


def strip_bullet(text: str) -> str:
    """Remove a list bullet from the start of a line."""
    return _BULLET.sub("", text, count=1).strip()


def line_features(text: str, lexicon: Lexicon) -> LineFeatures:
    """Compute the features of one stripped line."""
    bare = strip_bullet(text)
    tokens = words_of(bare)
    lowered = [t.lower().strip("'’") for t in tokens]
    strong = sum(1 for t in lowered if t in lexicon.strong)
    weak = sum(1 for t in lowered if t in lexicon.weak)
    furniture = (2 * strong + weak) / (2 * len(lowered)) if lowered else 0.0
    low = bare.lower()
    cta = _is_cta(low, lexicon)
    label = _LABEL.match(bare)
    segments = _SEPARATOR.split(bare)
    return LineFeatures(
        words=len(tokens),
        ends_sentence=bool(_END.search(bare)),
        furniture=furniture,
        strong_words=strong,
        template=bool(_TEMPLATE.search(bare)),
        copyright=bool(_COPYRIGHT.search(bare)),
        glue=len(_GLUE.findall(bare)),
        brand=bool(_BRAND.search(bare)),
        price=bool(_PRICE.search(bare)),
        bullet=bool(_BULLET.match(text)),
        call_to_action=cta,
        link_label=bool(label and label.group(1).strip().lower() in lexicon.link_labels)
        or (bool(_URL.search(bare)) and len(tokens) <= 25),
        menu=len(segments) >= 3 and sum(len(seg.split()) for seg in segments) / len(segments) <= 3,
        caption_cue=bool(_CREDIT.search(bare)) or any(cue in low for cue in lexicon.caption_cues),
        repeated_words=1 < len(lowered) <= 4 and len(set(lowered)) < len(lowered),
        proper_nouns=sum(1 for t in tokens[1:] if t[0].isupper() and t.lower() not in lexicon.weak),
        lowercase_words=sum(1 for t in tokens if t[0].islower()),
    )


def starts_capitalised(text: str) -> bool:
    """True when the line starts like a sentence or a headline."""
    return bool(_CAPS_START.match(strip_bullet(text)))


def _is_cta(low: str, lexicon: Lexicon) -> bool:
    """The line is a button label, or a notice that ends with one ("We use cookies. Accept")."""
    if low.rstrip(" .!:>»›→").strip() in lexicon.calls_to_action:
        return True
    match = _LAST_SENTENCE_END.search(low)
    return bool(match) and low[match.end() :].rstrip(" .!:>»›→").strip() in lexicon.calls_to_action
