"""PolNeAR attribution: read the brat stand-off gold, run the quotes stage, score contents and sources.

The definitions follow ``shared/benchmarks/README.md`` ("Attribution (PolNeAR)"):

* an attribution is (source span, cue span, content span); content and source may be
  discontinuous (several parts);
* two categories are scored apart: **reporting** — attributions whose cue is a speech or reporting
  act, i.e. whose cue words hold a verb form of Chronicle's cue lexicon (say, tell, add, announce,
  tweet, ...) or "according to" — and **direct** — attributions whose content is a quotation:
  its text starts with an opening quotation mark and ends with a closing one (trailing sentence
  punctuation aside). The same tests are applied to gold and system attributions;
* *content overlap*: system and gold contents are paired one to one, largest character overlap
  first, any overlap counting. Precision is the share of the category's system attributions
  paired with some gold attribution (of any category: a system quote that finds a real
  attribution is right even when the annotators' cue is of another kind); recall the share of
  the category's gold attributions paired with some system attribution. F1 is their harmonic
  mean;
* *exact content*: the same with identical content parts (each part stripped of spaces);
* *source accuracy*: over the recall pairs whose gold attribution has a source, the share whose
  system source span overlaps the gold source, or whose resolved speaker's name (its last word)
  appears in the gold source.

An article may carry several annotators' files (``<name>_<annotator>.ann``); the first by name
is used. Offsets are character offsets into the article's ``.txt`` text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chronicle.errors import InputError

__all__ = [
    "Attribution",
    "CategoryScore",
    "PolnearScore",
    "evaluate_polnear",
    "read_brat",
    "score_attributions",
]

Spans = tuple[tuple[int, int], ...]

_OPENING = "\"“„«"
_CLOSING = "\"”»"
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Attribution:
    """One attribution: content parts, source parts and cue parts (None when absent), speaker name."""

    content: Spans
    source: Spans | None = None
    cue: Spans | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class CategoryScore:
    """Counts and scores for one category of attributions (see the module docstring)."""

    gold: int = 0
    system: int = 0
    system_matched: int = 0  # system attributions of the category paired with a gold one
    gold_matched: int = 0  # gold attributions of the category paired with a system one
    system_exact: int = 0
    gold_exact: int = 0
    sourced: int = 0  # gold-side pairs whose gold attribution names a source
    source_correct: int = 0

    @property
    def overlap_precision(self) -> float:
        return _ratio(self.system_matched, self.system)

    @property
    def overlap_recall(self) -> float:
        return _ratio(self.gold_matched, self.gold)

    @property
    def overlap_f1(self) -> float:
        return _f1(self.overlap_precision, self.overlap_recall)

    @property
    def exact_precision(self) -> float:
        return _ratio(self.system_exact, self.system)

    @property
    def exact_recall(self) -> float:
        return _ratio(self.gold_exact, self.gold)

    @property
    def exact_f1(self) -> float:
        return _f1(self.exact_precision, self.exact_recall)

    @property
    def source_accuracy(self) -> float:
        return _ratio(self.source_correct, self.sourced)

    def __add__(self, other: "CategoryScore") -> "CategoryScore":
        if not isinstance(other, CategoryScore):
            return NotImplemented
        return CategoryScore(*(a + b for a, b in zip(_counts(self), _counts(other))))

    def as_dict(self) -> dict[str, float | int]:
        """The counts and every score as a flat dictionary (scores rounded to 4 places)."""
        out: dict[str, float | int] = dict(zip(_COUNT_NAMES, _counts(self)))
        for name in (
            "overlap_precision", "overlap_recall", "overlap_f1",
            "exact_precision", "exact_recall", "exact_f1", "source_accuracy",
        ):
            out[name] = round(getattr(self, name), 4)
        return out


_COUNT_NAMES = ("gold", "system", "system_matched", "gold_matched", "system_exact", "gold_exact", "sourced", "source_correct")


def _counts(score: CategoryScore) -> tuple[int, ...]:
    return tuple(getattr(score, name) for name in _COUNT_NAMES)


@dataclass(frozen=True)
class PolnearScore:
    """The scores of a PolNeAR run: reporting-act attributions and direct quotations."""

    documents: int
    reporting: CategoryScore
    direct: CategoryScore

    def as_dict(self) -> dict[str, Any]:
        """``{"documents": n, "reporting": {...}, "direct": {...}}`` with every count and score."""
        return {"documents": self.documents, "reporting": self.reporting.as_dict(), "direct": self.direct.as_dict()}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- reading


def read_brat(path: str | Path) -> tuple[Attribution, ...]:
    """The attributions of one brat ``.ann`` file (those without a content are skipped).

    Raises:
        InputError: the file cannot be read.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the annotation file {path}: {exc}") from exc
    spans: dict[str, Spans] = {}
    events: list[dict[str, list[str]]] = []
    for line in lines:
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if line.startswith("T"):
            _, _, offsets = fields[1].partition(" ")
            try:
                spans[fields[0]] = tuple(_pair(piece) for piece in offsets.split(";"))
            except ValueError:
                continue
        elif line.startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in fields[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    out = []
    for roles in events:
        content = tuple(sorted(p for ref in roles.get("Content", []) for p in spans.get(ref, ())))
        if not content:
            continue
        source = tuple(sorted(p for ref in roles.get("Source", []) for p in spans.get(ref, ()))) or None
        cue = tuple(sorted(p for ref in roles.get("Cue", []) for p in spans.get(ref, ()))) or None
        out.append(Attribution(content, source, cue))
    return tuple(out)


def _pair(piece: str) -> tuple[int, int]:
    start, end = piece.split()
    return int(start), int(end)


def article_files(folder: str | Path) -> list[tuple[str, Path, Path]]:
    """``(name, text file, annotation file)`` per article with annotations, sorted by name.

    Raises:
        InputError: the folder lacks ``text/`` or ``attributions/``.
    """
    folder = Path(folder)
    texts, anns = folder / "text", folder / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError(f"not a PolNeAR folder (expected text/ and attributions/): {folder}")
    by_article: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        by_article.setdefault(name, ann)  # the first annotator's file by name
    out = []
    for name, ann in sorted(by_article.items()):
        text = texts / f"{name}.txt"
        if text.is_file():
            out.append((name, text, ann))
    return out


# ---------------------------------------------------------------- scoring


def _category(text: str, item: Attribution, cue_words: dict[str, str | None], according: Sequence[tuple[str, ...]]) -> tuple[bool, bool]:
    """(reporting, direct) for one attribution of ``text``; ``cue_words`` maps verb forms to their particle."""
    reporting = False
    if item.cue:
        words = _WORD.findall(" ".join(text[s:e] for s, e in item.cue).lower())
        reporting = any(w in cue_words and cue_words[w] in (None, *words) for w in words) or any(
            tuple(words[i : i + len(p)]) == p for p in according for i in range(len(words))
        )
    content = " ".join(text[s:e] for s, e in item.content).strip()
    trimmed = content.rstrip(" .,;:!?")
    direct = len(trimmed) > 1 and content[0] in _OPENING and trimmed[-1] in _CLOSING
    return reporting, direct


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _stripped(text: str, spans: Spans) -> tuple[tuple[int, int], ...]:
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return tuple(sorted(out))


def _pairs(left: Sequence[Attribution], right: Sequence[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (index in left, index in right), largest content overlap first."""
    candidates = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            ov = _overlap(a.content, b.content)
            if ov > 0:
                candidates.append((-ov, i, j))
    candidates.sort()
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            pairs.append((i, j))
    return pairs


def _source_right(text: str, gold: Attribution, system: Attribution) -> bool:
    if gold.source is None:
        return False
    if system.source is not None and _overlap(gold.source, system.source) > 0:
        return True
    if system.speaker:
        surname = system.speaker.split()[-1].lower()
        words = _WORD.findall(" ".join(text[s:e] for s, e in gold.source).lower())
        return surname in words
    return False


def score_attributions(
    text: str, gold: Sequence[Attribution], system: Sequence[Attribution]
) -> tuple[CategoryScore, CategoryScore]:
    """(reporting, direct) scores of one document's system attributions against its gold ones."""
    from chronicle.quotes.lexicon import cues

    lexicon = cues()
    cue_words = {form: lexicon.verbs[lemma].particle for form, lemma in lexicon.forms.items()}
    according = lexicon.according
    gold_cat = [_category(text, g, cue_words, according) for g in gold]
    system_cat = [_category(text, s, cue_words, according) for s in system]
    gold_exact = {_stripped(text, g.content) for g in gold}
    system_exact = {_stripped(text, s.content) for s in system}
    results = []
    for k in (0, 1):
        g_items = [g for g, cat in zip(gold, gold_cat) if cat[k]]
        s_items = [s for s, cat in zip(system, system_cat) if cat[k]]
        recall_pairs = _pairs(g_items, system)
        precision_pairs = _pairs(s_items, gold)
        sourced = correct = 0
        for i, j in recall_pairs:
            if g_items[i].source is not None:
                sourced += 1
                correct += _source_right(text, g_items[i], system[j])
        results.append(
            CategoryScore(
                gold=len(g_items),
                system=len(s_items),
                system_matched=len(precision_pairs),
                gold_matched=len(recall_pairs),
                system_exact=sum(_stripped(text, s.content) in gold_exact for s in s_items),
                gold_exact=sum(_stripped(text, g.content) in system_exact for g in g_items),
                sourced=sourced,
                source_correct=correct,
            )
        )
    return results[0], results[1]


# ---------------------------------------------------------------- running


def system_attributions(quotes: Iterable[Any]) -> list[Attribution]:
    """Chronicle ``Quote`` records as attributions."""
    out = []
    for q in quotes:
        source = ((q.source_start, q.source_end),) if q.source_start is not None else None
        cue = ((q.cue_start, q.cue_end),) if q.cue_start is not None else None
        out.append(Attribution(tuple(q.parts), source, cue, q.speaker.name if q.speaker is not None else None))
    return out


def evaluate_polnear(folder: Path, *, model: Any, knowledge: Any, response: Path | None = None) -> PolnearScore:
    """Run language, actors and quotes on every annotated article of ``folder`` and score them.

    ``folder`` holds ``text/*.txt`` and ``attributions/*.ann`` (a PolNeAR split); ``model`` is a
    loaded ``LanguageModel`` and ``knowledge`` the actors ``Knowledge``. Sentences are analysed as
    in a build: only those the quotes stage's filter selects. When ``response`` is given, one
    JSON line per document is written there: ``{"doc", "attributions": [{"content", "source",
    "cue", "speaker"}]}`` with offsets into the ``.txt`` text. Returns a ``PolnearScore``.

    Raises:
        InputError: the folder or one of its files cannot be read.
    """
    from chronicle.actors import find_actor_mentions
    from chronicle.language import parse_text
    from chronicle.quotes import find_quotes, quote_sentence_filter

    needs = quote_sentence_filter()
    articles = article_files(folder)
    reporting = direct = CategoryScore()
    out = Path(response).open("w", encoding="utf-8") if response is not None else None
    try:
        for name, text_path, ann_path in articles:
            try:
                text = text_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read the article {text_path}: {exc}") from exc
            parse = parse_text(model, text, needs)
            mentions = find_actor_mentions(text, parse, knowledge)
            system = system_attributions(find_quotes(text, parse, mentions))
            r, d = score_attributions(text, read_brat(ann_path), system)
            reporting, direct = reporting + r, direct + d
            if out is not None:
                rows = [
                    {
                        "content": [list(p) for p in a.content],
                        "source": [list(p) for p in a.source] if a.source else None,
                        "cue": [list(p) for p in a.cue] if a.cue else None,
                        "speaker": a.speaker,
                    }
                    for a in system
                ]
                out.write(json.dumps({"doc": name, "attributions": rows}) + "\n")
    finally:
        if out is not None:
            out.close()
    return PolnearScore(len(articles), reporting, direct)
