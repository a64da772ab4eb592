"""Clean already-extracted article text: keep the article, remove site furniture, say why.

The method is general: every line gets features (length, sentence punctuation, share of furniture
vocabulary, template placeholders, run-together labels, picture credits, repetition across the
corpus); the article body is located as the run between its first and last unmistakable paragraphs;
lines are then judged by their features *and* their zone (header, body, footer).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from chronicle.clean.features import Lexicon, LineFeatures, line_features, strip_bullet, words_of
from chronicle.metadata.dates import find_dates, strip_dates
from chronicle.models import Line, LineKind, RemovedLine

_BYLINE = re.compile(r"^(?:by|written by|reporting by|words by)\s+[A-Z]", re.I)
_DATELINE_WORDS = {"published", "updated", "posted", "last", "on", "at", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "kst", "jst", "est", "edt"}
# A scraper glued a sentence end to the next label: "programmes.ArrowArtboard".
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z])")


@dataclass(frozen=True)
class CleanText:
    """The cleaner's result: clean text, its kept lines by kind, and every removed line with its rule."""

    text: str
    lines: tuple[Line, ...]
    removed: tuple[RemovedLine, ...]

    def of_kind(self, kind: LineKind) -> list[tuple[Line, str]]:
        """Return the kept lines of ``kind`` with their text."""
        return [(line, self.text[line.start : line.end]) for line in self.lines if line.kind is kind]


@dataclass
class _Unit:
    number: int
    text: str
    features: LineFeatures
    glued_tail: bool = False
    kind: LineKind | None = None
    rule: str | None = None
    detail: str = ""


def line_key(text: str) -> str:
    """Return the key under which a line is counted for repetition across the corpus."""
    normal = " ".join(strip_bullet(text).lower().split())
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=8).hexdigest()


def repetition_candidates(text: str) -> tuple[set[str], str]:
    """Return the keys of a text's short lines (those repetition may remove) and its body signature.

    The body signature is the key of the longest line: syndicated copies of one article share it,
    so their common lines are not mistaken for site furniture.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return set(), ""
    keys = {line_key(line) for line in lines if len(line.split()) <= 15}
    return keys, line_key(max(lines, key=len))


def clean_text(text: str, lexicon: Lexicon, boilerplate: frozenset[str] = frozenset()) -> CleanText:
    """Split ``text`` into article lines and removed furniture.

    Args:
        text: decoded article text, one paragraph or page element per line.
        lexicon: the furniture vocabulary (``load_lexicon()``).
        boilerplate: keys (``line_key``) of lines seen across many articles of the corpus.

    Returns:
        The clean text (kept lines joined by blank lines), the kept lines with their kinds and
        original line numbers, and the removed lines with the rule that removed each.
    """
    units = _units(text, lexicon)
    for unit in units:
        unit.rule, unit.detail = _debris_rule(unit, boilerplate)
    _mark_promotion_blocks(units)
    strong = [i for i, u in enumerate(units) if u.rule is None and _is_strong_body(u.features)]
    first, last = (strong[0], strong[-1]) if strong else (len(units), len(units) - 1)
    _classify_header(units[:first])
    _classify_body(units[first : last + 1])
    _classify_footer(units[last + 1 :], last_body=units[last].number if strong else 0)
    return _assemble(units)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Number the lines; rejoin paragraphs that were hard-wrapped at a fixed width.

    A text counts as hard-wrapped when its long lines end near one width (at most 100 columns)
    and continue on the next line; then a line that reaches that width is joined with the next.
    """
    raw = [(n, " ".join(line.split())) for n, line in enumerate(text.splitlines(), start=1)]
    lengths = sorted(len(line) for _, line in raw if line)
    if not lengths:
        return []
    width = lengths[int(0.9 * (len(lengths) - 1))]
    wrapped = [
        i for i in range(len(raw) - 1) if raw[i][1] and raw[i + 1][1] and len(raw[i][1]) >= width - 12
    ]
    if width > 100 or len(wrapped) < 3:
        return [(n, line) for n, line in raw if line]
    joined: list[tuple[int, str]] = []
    carry = False
    for number, line in raw:
        if not line:
            carry = False
            continue
        if carry:
            joined[-1] = (joined[-1][0], joined[-1][1] + " " + line)
        else:
            joined.append((number, line))
        carry = len(line) >= width * 0.7
    return joined


def _units(text: str, lexicon: Lexicon) -> list[_Unit]:
    units: list[_Unit] = []
    for number, line in _logical_lines(text):
        parts = _GLUED_SENTENCE.split(line)
        head = parts[0]
        tails: list[str] = []
        for part in parts[1:]:
            features = line_features(part, lexicon)
            if features.glue or features.furniture >= 0.4 or tails:
                tails.append(part)
            else:
                head += part  # a missing space in the article itself, not glued furniture
        units.append(_Unit(number, head, line_features(head, lexicon)))
        if tails:
            tail = "".join(tails)
            units.append(_Unit(number, tail, line_features(tail, lexicon), glued_tail=True))
    return units


def _debris_rule(unit: _Unit, boilerplate: frozenset[str]) -> tuple[str | None, str]:
    f = unit.features
    if f.template:
        return "template-placeholder", "contains an unfilled page-template placeholder"
    if f.copyright and f.words <= 20:
        return "copyright", "copyright notice"
    if f.glue >= 2 or (f.glue and (f.words <= 8 or unit.glued_tail)):
        return "run-together-labels", f"{f.glue} words run together (icon or menu labels)"
    if unit.glued_tail and f.furniture >= 0.4:
        return "run-together-labels", "site labels glued to the end of a paragraph"
    if f.price and f.words <= 15:
        return "promotion", "price or offer"
    if f.call_to_action:
        return "call-to-action", "a button or link label, or a notice ending with one"
    if f.menu:
        return "menu", "a row of short menu or share items"
    if f.link_label and f.words <= 25:
        return "related-link", "a link to another page"
    if f.repeated_words:
        return "interface-label", "a label repeated in two forms"
    if f.words <= 15 and (f.furniture >= 0.5 or (f.strong_words and f.furniture >= 0.25)):
        return "site-furniture", f"{f.furniture:.0%} of its words are menu, paywall or share vocabulary"
    if f.brand and f.words <= 6 and not f.ends_sentence:
        return "promotion", "a product or brand slogan"
    if boilerplate and f.words <= 15 and line_key(unit.text) in boilerplate and not _is_protected(f):
        return "repeated-across-corpus", "the same line appears in several unrelated articles"
    return None, ""


def _is_protected(f: LineFeatures) -> bool:
    """Headline-like lines are never removed for repetition alone (they may be quoted elsewhere)."""
    return f.words >= 6 and f.furniture == 0 and f.proper_nouns >= 2


def _is_strong_body(f: LineFeatures) -> bool:
    return (
        f.words >= 15
        and f.ends_sentence
        and f.furniture < 0.2
        and f.lowercase_words >= 5
        and not f.caption_cue
    )


def _is_headline_like(f: LineFeatures, text: str) -> bool:
    bare = strip_bullet(text)
    if f.words < 3 or f.words > 30 or bare.endswith("."):
        return False
    capitalised = sum(1 for w in words_of(bare) if w[0].isupper())
    return f.proper_nouns >= 1 or capitalised >= max(3, f.words * 0.6)


def _is_sentence(f: LineFeatures) -> bool:
    return f.ends_sentence and f.words >= 5 and f.lowercase_words >= 2 and f.furniture < 0.25


def _mark_promotion_blocks(units: list[_Unit]) -> None:
    """A call to action ("Learn more") ends a promo: the short lines just before it belong to it."""
    for i, unit in enumerate(units):
        if unit.rule != "call-to-action":
            continue
        cta = unit.text
        for j in range(i - 1, max(-1, i - 4), -1):
            prev = units[j]
            if prev.rule is not None:
                continue
            f = prev.features
            if f.words > 15 or f.caption_cue or _is_strong_body(f) or f.proper_nouns >= 1:
                break
            prev.rule, prev.detail = "promotion", f"part of a promotion that ends with '{cta}'"


def _is_dateline(text: str) -> bool:
    if not find_dates(text):
        return False
    rest = [w.lower() for w in words_of(strip_dates(text))]
    return all(w in _DATELINE_WORDS for w in rest) and len(rest) <= 3


def _classify_header(units: list[_Unit]) -> None:
    headline_seen = False
    previous: LineKind | None = None
    for unit in units:
        if unit.rule:
            continue
        f, text = unit.features, unit.text
        bare = strip_bullet(text)
        if _BYLINE.match(bare) and f.words <= 12 and not f.ends_sentence:
            unit.kind = LineKind.BYLINE
        elif _is_dateline(bare):
            unit.kind = LineKind.DATELINE
        elif f.caption_cue:
            unit.kind = LineKind.CAPTION
        elif f.words <= 3 and not f.ends_sentence and not (not headline_seen and f.words == 3 and f.proper_nouns):
            unit.rule, unit.detail = "section-label", "a short section or topic label above the article"
        elif _is_headline_like(f, text) and not headline_seen:
            unit.kind, headline_seen = LineKind.HEADLINE, True
        elif not f.ends_sentence and previous in (LineKind.HEADLINE, LineKind.SUBHEADLINE) and f.words >= 5:
            unit.kind = LineKind.SUBHEADLINE
        elif _is_sentence(f) or f.words > 15:
            unit.kind = LineKind.BODY
        elif not headline_seen and f.words >= 3:
            unit.kind, headline_seen = LineKind.HEADLINE, True
        else:
            unit.kind = LineKind.SUBHEADLINE
        if unit.kind:
            previous = unit.kind


def _classify_body(units: list[_Unit]) -> None:
    for unit in units:
        if unit.rule:
            continue
        unit.kind = LineKind.CAPTION if unit.features.caption_cue and not unit.features.ends_sentence else LineKind.BODY


def _classify_footer(units: list[_Unit], last_body: int) -> None:
    ended = False
    for unit in units:
        f = unit.features
        if unit.rule:
            ended = True
        elif f.caption_cue and not ended:
            unit.kind = LineKind.CAPTION
        elif not ended and _is_sentence(f):
            unit.kind = LineKind.BODY
        else:
            ended = True
            unit.rule = "after-article"
            unit.detail = f"a short non-sentence line after the article's last paragraph (line {last_body})"


def _assemble(units: list[_Unit]) -> CleanText:
    parts: list[str] = []
    lines: list[Line] = []
    removed: list[RemovedLine] = []
    offset = 0
    for unit in units:
        if unit.rule or unit.kind is None:
            removed.append(RemovedLine(unit.number, unit.text, unit.rule or "unclassified", unit.detail))
            continue
        text = strip_bullet(unit.text) if unit.kind in (LineKind.BYLINE, LineKind.CAPTION) else unit.text
        if parts:
            offset += 2
        lines.append(Line(unit.kind, offset, offset + len(text), unit.number))
        parts.append(text)
        offset += len(text)
    return CleanText("\n\n".join(parts), tuple(lines), tuple(removed))
