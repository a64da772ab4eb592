"""Records as JSON and back: what the per-document pipeline returns, in a form any tool can read.

A ``Document`` or ``Rejection`` is written as plain JSON (objects, lists, strings, numbers) and read
back into the very same frozen record, so shards written on a cluster load into the store exactly as
records made in this process would. The codec follows the records' type hints, so it needs no
change when a record gains a field.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from functools import cache
from typing import Any

from chronicle import models
from chronicle.errors import ChronicleError
from chronicle.models import Document, Rejection


class RecordError(ChronicleError):
    """A stored record cannot be read back (damaged, or written by an incompatible version)."""


def to_json(record: Document | Rejection) -> str:
    """Return ``record`` as a JSON string (a ``"record"`` key says which kind it is)."""
    value = _encode(record)
    value["record"] = type(record).__name__
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Document | Rejection:
    """Rebuild the record ``to_json`` wrote.

    Raises:
        RecordError: the text is not such a record.
    """
    try:
        value = json.loads(text)
        kind = {"Document": Document, "Rejection": Rejection}[value.pop("record")]
        return _decode(kind, value)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RecordError(f"not a Chronicle record: {exc}") from exc


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted(_encode(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot decode a value of type {hint}")
        return _decode(options[0], value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is frozenset:
        (arg,) = typing.get_args(hint)
        return frozenset(_decode(arg, v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{name: _decode(hints[name], v) for name, v in value.items()})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value
