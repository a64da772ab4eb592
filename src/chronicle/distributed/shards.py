"""Parquet shards of records: the columns written for every input item, and reading them in order.

Each row is one input item: where it sits in the build's input (``file_index``, ``item_index``),
a few columns an analyst can query directly with any Parquet reader (DuckDB, pandas, Spark), and
the whole record as JSON (``record``, see ``records.py``). Shards may come back from the engine in
any number and order; ``read_in_order`` streams their rows in input order while holding only a few
rows of each overlapping shard in memory.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from chronicle.distributed.records import to_json
from chronicle.errors import EngineError
from chronicle.models import Document, Rejection

KIND_DOCUMENT, KIND_REJECTION, KIND_UNCHANGED = "document", "rejection", "unchanged"

SCHEMA = pa.schema(
    [
        ("file_index", pa.int64()),
        ("item_index", pa.int64()),
        ("file", pa.string()),
        ("origin", pa.string()),
        ("raw_hash", pa.string()),
        ("kind", pa.string()),  # document | rejection | unchanged (read before, not processed again)
        ("document_id", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("words", pa.int64()),
        ("events", pa.int64()),
        ("quotes", pa.int64()),
        ("code", pa.string()),
        ("reason", pa.string()),
        ("record", pa.large_string()),
    ]
)


def row(file_index: int, item_index: int, file: str, result: Document | Rejection | tuple[str, str]) -> dict[str, Any]:
    """One shard row: a processed record, or ``(origin, raw_hash)`` of an item already stored."""
    base: dict[str, Any] = {name: None for name in SCHEMA.names}
    base.update(file_index=file_index, item_index=item_index, file=file)
    if isinstance(result, tuple):
        base.update(origin=result[0], raw_hash=result[1], kind=KIND_UNCHANGED)
    elif isinstance(result, Rejection):
        base.update(
            origin=result.origin, raw_hash=result.raw_hash, kind=KIND_REJECTION, code=result.code,
            reason=result.reason, record=to_json(result),
        )
    else:
        base.update(
            origin=result.origin, raw_hash=result.raw_hash, kind=KIND_DOCUMENT, document_id=result.id,
            title=result.title, published=result.published.value, language=result.language,
            words=result.word_count, events=len(result.events), quotes=len(result.quotes), record=to_json(result),
        )
    return base


def table(rows: list[dict[str, Any]]) -> pa.Table:
    """The rows as an Arrow table with the shard schema."""
    return pa.Table.from_pylist(rows, schema=SCHEMA)


@dataclass(frozen=True)
class _Shard:
    path: Path
    first: tuple[int, int]


def read_in_order(folder: Path, batch_rows: int = 32) -> Iterator[dict[str, Any]]:
    """Yield every row of the shards under ``folder`` ordered by (file_index, item_index).

    Shards that hold consecutive ranges (the usual case) are read one after the other; shards whose
    ranges overlap are merged. A shard whose own rows are out of order is sorted in memory.

    Raises:
        EngineError: a shard cannot be read or does not have the shard columns.
    """
    shards = sorted((s for s in (_first_key(p) for p in sorted(folder.rglob("*.parquet"))) if s), key=lambda s: s.first)
    heap: list[tuple[tuple[int, int], int, dict[str, Any], Iterator[dict[str, Any]]]] = []
    opened = 0
    while heap or opened < len(shards):
        # A shard whose first row comes before the smallest row waiting must be opened now.
        while opened < len(shards) and (not heap or shards[opened].first <= heap[0][0]):
            rows = _rows(shards[opened].path, batch_rows)
            first = next(rows, None)
            if first is not None:
                heapq.heappush(heap, (_key(first), opened, first, rows))
            opened += 1
        if not heap:
            continue
        key, index, current, rows = heapq.heappop(heap)
        yield current
        following = next(rows, None)
        if following is not None:
            heapq.heappush(heap, (_key(following), index, following, rows))


def _key(values: dict[str, Any]) -> tuple[int, int]:
    return (values["file_index"], values["item_index"])


def _first_key(path: Path) -> _Shard | None:
    keys = _read(path, columns=["file_index", "item_index"])
    if keys.num_rows == 0:
        return None
    files, items = keys.column("file_index").to_pylist(), keys.column("item_index").to_pylist()
    return _Shard(path, min(zip(files, items)))


def _rows(path: Path, batch_rows: int) -> Iterator[dict[str, Any]]:
    keys = _read(path, columns=["file_index", "item_index"])
    pairs = list(zip(keys.column("file_index").to_pylist(), keys.column("item_index").to_pylist()))
    if pairs == sorted(pairs):
        try:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=SCHEMA.names):
                yield from batch.to_pylist()
        except (OSError, pa.ArrowException) as exc:
            raise EngineError(f"cannot read the shard {path}: {exc}") from exc
        return
    yield from _read(path).sort_by([("file_index", "ascending"), ("item_index", "ascending")]).to_pylist()


def _read(path: Path, columns: list[str] | None = None) -> pa.Table:
    try:
        return pq.read_table(path, columns=columns or SCHEMA.names)
    except (OSError, pa.ArrowException, KeyError) as exc:
        raise EngineError(f"cannot read the shard {path}: {exc}") from exc
