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
from collections.abc import Callable
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


def _decode(hint: Any, value: Any) -> Any:
    return _decoder(hint)(value)


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function turning JSON values into values of type ``hint``, worked out once per type."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot decode a value of type {hint}")
        inner = _decoder(options[0])
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: tuple(item(x) for x in v)
        parts = [_decoder(a) for a in args]
        return lambda v: tuple(d(x) for d, x in zip(parts, v, strict=True))
    if origin is frozenset:
        (arg,) = typing.get_args(hint)
        member = _decoder(arg)
        return lambda v: frozenset(member(x) for x in v)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = {name: _decoder(field) for name, field in typing.get_type_hints(hint, vars(models)).items()}
        cls = hint
        return lambda v: None if v is None else cls(**{name: fields[name](x) for name, x in v.items()})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if hint is float:
        return lambda v: None if v is None else float(v)
    return lambda v: v
