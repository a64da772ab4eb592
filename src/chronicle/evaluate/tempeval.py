"""TempEval-3 task A (temporal expressions): read TimeML files, score TIMEX3 spans and values.

The definitions follow ``shared/benchmarks/README.md``:

* system and gold TIMEX3 spans are matched per document, one to one; a *relaxed* match is any
  overlap, a *strict* match an identical character extent;
* relaxed and strict precision / recall / F1 are computed over those matches;
* *value F1* is the F1 counted only on relaxed matches whose normalised ``value`` string is
  identical (the ranking metric of TempEval-3); value and type accuracy are the share of relaxed
  matches with the identical value or type.

The document creation time (``functionInDocument="CREATION_TIME"``, outside ``<TEXT>``) is never
scored; offsets are into the text of the ``<TEXT>`` element with every tag removed.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chronicle.errors import InputError

__all__ = [
    "GoldTimex",
    "TempevalScore",
    "TmlDocument",
    "evaluate_folder",
    "predict_documents",
    "read_tml",
    "score",
]


@dataclass(frozen=True)
class GoldTimex:
    """One TIMEX3 span: character offsets into the document text, its type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TmlDocument:
    """A TimeML document: its file name, creation date, the plain ``<TEXT>`` text and its TIMEX3s."""

    name: str
    dct: dt.date
    text: str
    gold: tuple[GoldTimex, ...]


@dataclass(frozen=True)
class TempevalScore:
    """Counts and scores of a TempEval-3 task A run (see the module docstring for definitions)."""

    documents: int
    gold: int
    system: int
    relaxed_matches: int
    strict_matches: int
    value_matches: int
    type_matches: int

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed_matches, self.system)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed_matches, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict_matches, self.system)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict_matches, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def value_precision(self) -> float:
        return _ratio(self.value_matches, self.system)

    @property
    def value_recall(self) -> float:
        return _ratio(self.value_matches, self.gold)

    @property
    def value_f1(self) -> float:
        return _f1(self.value_precision, self.value_recall)

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches whose value is identical."""
        return _ratio(self.value_matches, self.relaxed_matches)

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches whose type is identical."""
        return _ratio(self.type_matches, self.relaxed_matches)

    def __add__(self, other: "TempevalScore") -> "TempevalScore":
        """Pool the counts of two runs (e.g. TimeBank and AQUAINT) into one score."""
        if not isinstance(other, TempevalScore):
            return NotImplemented
        return TempevalScore(
            self.documents + other.documents,
            self.gold + other.gold,
            self.system + other.system,
            self.relaxed_matches + other.relaxed_matches,
            self.strict_matches + other.strict_matches,
            self.value_matches + other.value_matches,
            self.type_matches + other.type_matches,
        )

    def as_dict(self) -> dict[str, float | int]:
        """Return the counts and every score as a flat dictionary (scores rounded to 4 places)."""
        out: dict[str, float | int] = {
            "documents": self.documents,
            "gold": self.gold,
            "system": self.system,
            "relaxed_matches": self.relaxed_matches,
            "strict_matches": self.strict_matches,
            "value_matches": self.value_matches,
            "type_matches": self.type_matches,
        }
        for name in (
            "relaxed_precision", "relaxed_recall", "relaxed_f1",
            "strict_precision", "strict_recall", "strict_f1",
            "value_precision", "value_recall", "value_f1",
            "value_accuracy", "type_accuracy",
        ):
            out[name] = round(getattr(self, name), 4)
        return out


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _parse_dct(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def read_tml(path: str | Path) -> TmlDocument:
    """Read one TimeML file and return its text, creation date and gold TIMEX3s.

    Raises ``InputError`` when the file cannot be read or parsed, or has no creation time.
    """
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"cannot read TimeML file {path}: {exc}") from exc
    dct: dt.date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = _parse_dct(timex.get("value", ""))
            except ValueError as exc:
                raise InputError(f"{path}: unreadable creation time {timex.get('value')!r}") from exc
            break
    text_el = root.find("TEXT")
    if dct is None or text_el is None:
        raise InputError(f"{path}: no creation time or no <TEXT> element")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    offset = 0

    def walk(el: ET.Element) -> None:
        nonlocal offset
        start = offset
        if el.text:
            parts.append(el.text)
            offset += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                offset += len(child.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            gold.append(GoldTimex(start, offset, el.get("type", ""), el.get("value", "")))

    walk(text_el)
    gold.sort(key=lambda g: (g.start, g.end))
    return TmlDocument(path.name, dct, "".join(parts), tuple(gold))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _match(gold: Sequence[GoldTimex], system: Sequence[GoldTimex]) -> list[tuple[GoldTimex, GoldTimex]]:
    """Pair gold and system spans one to one: identical extents first, then the largest overlaps."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = _overlap((g.start, g.end), (s.start, s.end))
            if ov > 0:
                exact = g.start == s.start and g.end == s.end
                candidates.append((not exact, -ov, gi, si))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, gi, si in candidates:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gold[gi], system[si]))
    return pairs


def _as_spans(items: Iterable[object]) -> list[GoldTimex]:
    out = []
    for item in items:
        if isinstance(item, GoldTimex):
            out.append(item)
        else:  # any object with start/end/type/value, e.g. chronicle.time.Timex
            out.append(GoldTimex(item.start, item.end, item.type, item.value))  # type: ignore[attr-defined]
    return out


def score(gold_by_doc: Mapping[str, Iterable[object]], predicted_by_doc: Mapping[str, Iterable[object]]) -> TempevalScore:
    """Score system TIMEX3s against gold ones, both given per document name.

    Items may be ``GoldTimex`` or anything with ``start``, ``end``, ``type`` and ``value``
    (such as ``chronicle.time.Timex``). A document missing from ``predicted_by_doc`` has no
    system timexes. Returns a ``TempevalScore``.
    """
    n_gold = n_sys = relaxed = strict = value = typ = 0
    for doc, gold_items in gold_by_doc.items():
        gold = _as_spans(gold_items)
        system = _as_spans(predicted_by_doc.get(doc, ()))
        n_gold += len(gold)
        n_sys += len(system)
        for g, s in _match(gold, system):
            relaxed += 1
            strict += g.start == s.start and g.end == s.end
            value += g.value == s.value
            typ += g.type == s.type
    for doc, items in predicted_by_doc.items():
        if doc not in gold_by_doc:
            n_sys += len(_as_spans(items))
    return TempevalScore(len(gold_by_doc), n_gold, n_sys, relaxed, strict, value, typ)


def _tml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"not a folder of TimeML files: {folder}")
    return sorted(folder.rglob("*.tml"))


def predict_documents(documents: Iterable[TmlDocument]) -> dict[str, tuple]:
    """Run ``chronicle.time.find_timexes`` on each document with its DCT as anchor; by document name."""
    from chronicle.time import find_timexes

    return {doc.name: find_timexes(doc.text, doc.dct) for doc in documents}


def evaluate_folder(folder: str | Path, response_path: str | Path | None = None) -> TempevalScore:
    """Tag every ``.tml`` file under ``folder`` (recursively) and score it against its gold TIMEX3s.

    A document is counted once: when files of the same name with the same text, creation date
    and gold TIMEX3s lie in several sub-folders (the TBAQ-cleaned root holds a ``testpipeline/``
    copy of ``AP900815-0044.tml``), only the first in path order is scored, so the TBAQ-cleaned
    root gives exactly its 256 documents. Files that share a name but differ are all scored
    (keyed by their relative paths).

    If ``response_path`` is given, write one JSON line per scored document there:
    ``{"doc": name, "timexes": [{"start", "end", "type", "value"}, ...]}``.
    Raises ``InputError`` when the folder or a file cannot be read.
    """
    folder = Path(folder)
    keys: list[str] = []
    docs: list[TmlDocument] = []
    seen: set[tuple[str, dt.date, str, tuple[GoldTimex, ...]]] = set()
    for path in _tml_files(folder):
        doc = read_tml(path)
        identity = (doc.name, doc.dct, doc.text, doc.gold)
        if identity in seen:
            continue
        seen.add(identity)
        # Keyed by relative path: two sub-folders may hold different files of the same name.
        keys.append(path.relative_to(folder).as_posix())
        docs.append(doc)
    from chronicle.time import find_timexes

    predicted = {key: find_timexes(doc.text, doc.dct) for key, doc in zip(keys, docs)}
    if response_path is not None:
        with Path(response_path).open("w", encoding="utf-8") as out:
            for key, doc in zip(keys, docs):
                rows = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in predicted[key]]
                out.write(json.dumps({"doc": doc.name, "timexes": rows}) + "\n")
    return score({key: doc.gold for key, doc in zip(keys, docs)}, predicted)
