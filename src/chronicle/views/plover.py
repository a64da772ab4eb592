"""PLOVER's grouping of event types for summaries, read from ``chronicle/data/views/plover.toml``."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from chronicle.errors import KnowledgeError

__all__ = ["PloverScale", "load_plover_scale"]

_FILE = "plover.toml"


@dataclass(frozen=True)
class PloverScale:
    """Quad categories (type → label and ``quad_code``), scores (type or "TYPE:mode" → score) and
    the modes that count as meeting in person."""

    quads: Mapping[str, tuple[str, int]]
    scores: Mapping[str, float]
    in_person: frozenset[str]
    refinements: Mapping[str, frozenset[str]]  # a general mode -> the modes refining it

    def modes_agree(self, a: str | None, b: str | None) -> bool:
        """True when two reports' modes can describe one event: equal, unstated, or one refining the other."""
        if a is None or b is None or a == b:
            return True
        return b in self.refinements.get(a, ()) or a in self.refinements.get(b, ())

    def quad(self, event_type: str) -> str | None:
        """Return the quad category of a type ("verbal cooperation", ...), None for an unknown type."""
        found = self.quads.get(event_type)
        return found[0] if found else None

    def quad_code(self, event_type: str) -> int | None:
        """Return PLOVER's ``quad_code`` (1-4) of a type, None for an unknown type."""
        found = self.quads.get(event_type)
        return found[1] if found else None

    def score(self, event_type: str, mode: str | None = None) -> float | None:
        """Return the conflict–cooperation score of a type and mode (the type's when the mode has none)."""
        if mode and f"{event_type}:{mode}" in self.scores:
            return self.scores[f"{event_type}:{mode}"]
        return self.scores.get(event_type)

    def modes_counted(self, mode: str | None) -> frozenset[str] | None:
        """The event modes a stated count of ``mode`` covers (None: every mode)."""
        if mode is None:
            return None
        return self.in_person if mode in self.in_person else frozenset({mode})


def _parse(data: dict[str, object]) -> PloverScale:
    quads: dict[str, tuple[str, int]] = {}
    table = data.get("quad")
    if not isinstance(table, dict) or not table:
        raise KnowledgeError(f"views/{_FILE}: [quad] tables are missing")
    for name, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("types"), list) or not isinstance(entry.get("code"), int):
            raise KnowledgeError(f"views/{_FILE}: [quad.{name}] needs a code and a list of types")
        for event_type in entry["types"]:
            if event_type in quads:
                raise KnowledgeError(f"views/{_FILE}: {event_type} is in two quad categories")
            quads[event_type] = (str(entry.get("label", name)), entry["code"])
    scores = data.get("score", {})
    if not isinstance(scores, dict) or not all(isinstance(v, (int, float)) for v in scores.values()):
        raise KnowledgeError(f"views/{_FILE}: [score] must map types to numbers")
    counting = data.get("counting", {})
    in_person = counting.get("in_person", []) if isinstance(counting, dict) else None
    if not isinstance(in_person, list):
        raise KnowledgeError(f"views/{_FILE}: [counting] in_person must be a list of modes")
    general = data.get("modes", {}).get("general", {}) if isinstance(data.get("modes", {}), dict) else None
    if not isinstance(general, dict) or not all(isinstance(v, list) for v in general.values()):
        raise KnowledgeError(f"views/{_FILE}: [modes.general] must map a mode to the modes refining it")
    return PloverScale(
        quads=MappingProxyType(quads),
        scores=MappingProxyType({k: float(v) for k, v in scores.items()}),
        in_person=frozenset(in_person),
        refinements=MappingProxyType({k: frozenset(v) for k, v in general.items()}),
    )


@cache
def load_plover_scale() -> PloverScale:
    """Return the packaged PLOVER quad categories and scores.

    Raises:
        KnowledgeError: the file is missing, is not TOML, or a table is malformed.
    """
    try:
        text = resources.files("chronicle.data").joinpath("views", _FILE).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"cannot read views/{_FILE}: {exc}") from exc
    return _parse(data)
