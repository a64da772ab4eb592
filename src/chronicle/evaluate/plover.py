"""PLOVER event coding on single sentences: read gold records, code them, score types and actors.

The definitions follow ``shared/benchmarks/README.md`` ("Event coding (PLOVER records)"):

* each record is one sentence, parsed, its actors resolved and its events coded with no
  publication date; events are taken as PLOVER records (``chronicle.events.plover_type``: a
  planned cooperative action is an AGREE, a planned conflictual one a THREATEN, a negated one
  no record);
* the gold records use the 2016 category names, scored under the manual's current names:
  DEMAND as REQUEST, DISAPPROVE and INVESTIGATE as ACCUSE, FIGHT as ASSAULT;
* *type accuracy*: the share of records one of whose events has the gold type;
* *macro-F1 over types*: each record gets one predicted label, the gold type when one of its
  events has it, else the type of its most confident event ("NONE" without events); precision,
  recall and F1 per gold type, averaged over the types present in the gold records;
* *source (target) accuracy*: over records with gold source (target) codes, the share whose
  gold codes all appear among the codes of the sources (targets) of the events with the gold
  type. An actor's code is its country, "IGO" for an intergovernmental organisation (or a
  person whose sector is IGO) and "NGO" for actors whose id starts with "ngo:".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from chronicle.errors import InputError
from chronicle.events import EventLexicon, extract_events, plover_mode, plover_type
from chronicle.models import ActorKind, ActorMention, EventMention

__all__ = [
    "NAME_MAP",
    "PloverRecord",
    "PloverScore",
    "SystemEvent",
    "TypeScore",
    "actor_code",
    "code_text",
    "evaluate_plover",
    "read_plover",
    "score_records",
]

NAME_MAP = MappingProxyType({"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"})
"""The 2016 category names of the gold records and the manual's current names they score as."""


@dataclass(frozen=True)
class PloverRecord:
    """A gold record: its id, sentence, event type (current name) and source / target codes."""

    id: str
    text: str
    event: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class SystemEvent:
    """One coded event as a PLOVER record: type, mode, and (actorText, code, sector) of each side."""

    event: str
    mode: str | None
    confidence: float
    sources: tuple[tuple[str, str | None, str | None], ...]
    targets: tuple[tuple[str, str | None, str | None], ...]


@dataclass(frozen=True)
class TypeScore:
    """Precision, recall and F1 of one event type; ``support`` gold records, ``predicted`` labels."""

    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class PloverScore:
    """Scores of a PLOVER run (definitions in the module docstring)."""

    n: int
    type_accuracy: float
    macro_f1: float
    source_accuracy: float
    source_n: int
    target_accuracy: float
    target_n: int
    per_type: Mapping[str, TypeScore]


def _codes(actors: object) -> tuple[str, ...]:
    if not isinstance(actors, list):
        return ()
    return tuple(str(a["code"]).strip() for a in actors if isinstance(a, dict) and a.get("code"))


def read_plover(path: Path) -> tuple[PloverRecord, ...]:
    """Read a JSON list of PLOVER gold records. Raises ``InputError`` when the file cannot be used."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read PLOVER records from {path}: {exc}") from exc
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a JSON list of records")
    records = []
    for item in data:
        try:
            event = str(item["event"]).strip().upper()
            records.append(
                PloverRecord(str(item["id"]), str(item["text"]), NAME_MAP.get(event, event),
                             _codes(item.get("source")), _codes(item.get("target")))
            )
        except (KeyError, TypeError) as exc:
            raise InputError(f"{path}: a record lacks {exc}") from exc
    return tuple(records)


def actor_code(mention: ActorMention) -> str | None:
    """The PLOVER code of an actor: its country, or IGO / NGO for international organisations."""
    actor = mention.actor
    if actor.kind == ActorKind.IGO:
        return "IGO"
    if actor.id.startswith("ngo:"):
        return "NGO"
    if actor.country:
        return actor.country
    if actor.sector == "IGO":
        return "IGO"
    return None


def _side(mentions: Iterable[ActorMention]) -> tuple[tuple[str, str | None, str | None], ...]:
    return tuple((m.text, actor_code(m), m.actor.sector) for m in mentions)


def as_records(events: Iterable[EventMention], lexicon: EventLexicon) -> tuple[SystemEvent, ...]:
    """The PLOVER records of coded events (negated mentions give none)."""
    out = []
    for e in events:
        kind = plover_type(e, lexicon)
        if kind is not None:
            out.append(SystemEvent(kind, plover_mode(e, lexicon), e.confidence, _side(e.sources), _side(e.targets)))
    return tuple(out)


def code_text(text: str, *, model, knowledge, lexicon: EventLexicon) -> tuple[SystemEvent, ...]:
    """Parse one sentence, resolve its actors and code its events as PLOVER records (no publication date)."""
    from chronicle.actors import find_actor_mentions
    from chronicle.language import parse_text
    from chronicle.time import find_timexes

    parse = parse_text(model, text)
    mentions = find_actor_mentions(text, parse, knowledge, None)
    timexes = find_timexes(text, None)
    return as_records(extract_events(text, parse, mentions, timexes, None), lexicon)


def _label(record: PloverRecord, events: Sequence[SystemEvent]) -> str:
    if any(e.event == record.event for e in events):
        return record.event
    if not events:
        return "NONE"
    return max(enumerate(events), key=lambda pair: (pair[1].confidence, -pair[0]))[1].event


def _actors_right(gold: tuple[str, ...], events: Sequence[SystemEvent], record: PloverRecord, side: str) -> bool:
    found = {code for e in events if e.event == record.event for (_, code, _) in getattr(e, side) if code}
    return set(gold) <= found


def score_records(records: Sequence[PloverRecord], predictions: Mapping[str, Sequence[SystemEvent]]) -> PloverScore:
    """Score coded records against gold ones (``predictions`` by record id; a missing id has no events)."""
    n = len(records)
    right = src_n = src_ok = tgt_n = tgt_ok = 0
    labels: list[tuple[str, str]] = []
    for record in records:
        events = predictions.get(record.id, ())
        label = _label(record, events)
        labels.append((record.event, label))
        right += label == record.event
        if record.sources:
            src_n += 1
            src_ok += label == record.event and _actors_right(record.sources, events, record, "sources")
        if record.targets:
            tgt_n += 1
            tgt_ok += label == record.event and _actors_right(record.targets, events, record, "targets")
    per_type: dict[str, TypeScore] = {}
    for kind in sorted({g for g, _ in labels}):
        tp = sum(1 for g, p in labels if g == kind and p == kind)
        support = sum(1 for g, _ in labels if g == kind)
        predicted = sum(1 for _, p in labels if p == kind)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[kind] = TypeScore(precision, recall, f1, support, predicted)
    macro = sum(s.f1 for s in per_type.values()) / len(per_type) if per_type else 0.0
    return PloverScore(
        n=n,
        type_accuracy=right / n if n else 0.0,
        macro_f1=macro,
        source_accuracy=src_ok / src_n if src_n else 0.0,
        source_n=src_n,
        target_accuracy=tgt_ok / tgt_n if tgt_n else 0.0,
        target_n=tgt_n,
        per_type=MappingProxyType(per_type),
    )


def _response_line(record_id: str, events: Sequence[SystemEvent]) -> str:
    def side(actors: tuple[tuple[str, str | None, str | None], ...]) -> list[dict]:
        return [{"actorText": text, "code": code, "sector": sector} for text, code, sector in actors]

    coded = [{"event": e.event, "mode": e.mode, "source": side(e.sources), "target": side(e.targets)} for e in events]
    return json.dumps({"id": record_id, "events": coded}, ensure_ascii=False)


def evaluate_plover(
    path: Path, *, model, knowledge, lexicon: EventLexicon, response: Path | None = None
) -> PloverScore:
    """Code every record of the gold file at ``path`` and score the result.

    ``model`` is a loaded language model, ``knowledge`` the actor knowledge, ``lexicon`` the event
    lexicon. When ``response`` is given, one JSON line per record id is written there with the
    coded events. Returns a ``PloverScore``; raises ``InputError`` when the gold file cannot be read
    or the response file cannot be written.
    """
    records = read_plover(path)
    predictions = {r.id: code_text(r.text, model=model, knowledge=knowledge, lexicon=lexicon) for r in records}
    if response is not None:
        try:
            Path(response).write_text(
                "".join(_response_line(r.id, predictions[r.id]) + "\n" for r in records), encoding="utf-8"
            )
        except OSError as exc:
            raise InputError(f"cannot write the response file {response}: {exc}") from exc
    return score_records(records, predictions)
