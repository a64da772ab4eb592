"""Stream the article rows of an Apache Parquet file (news archives, data-lake exports).

pyarrow is an optional dependency (``chronicle[parquet]``), so it is imported only when a Parquet
file is read. Rows come out one at a time as plain dicts of the article columns; turning a row into
an item is the readers' work, shared with JSON Lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from chronicle.errors import RejectedInput

BODY_COLUMNS = ("text", "html")
ARTICLE_COLUMNS = (*BODY_COLUMNS, "url", "title", "published", "publisher", "authors")

# Rows decoded at a time. Small on purpose: one row may hold an article of up to max_item_bytes,
# and a batch is held in memory whole while its rows are handed out.
BATCH_ROWS = 64


def parquet_rows(path: str, batch_size: int = BATCH_ROWS) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(row number, row)`` for every row of the Parquet file at ``path``, streaming.

    Row numbers are 1-based. A row is a dict of the article columns the file has (``text``,
    ``html``, ``url``, ``title``, ``published``, ``publisher``, ``authors``) with Python values
    (str, ``datetime.date``/``datetime.datetime``, list, None); other columns are never read.
    The file is read batch by batch, never whole.

    Raises:
        RejectedInput: code ``parquet-unavailable`` when pyarrow is not installed,
            ``malformed-parquet`` when the file is damaged or not Parquet (rows already yielded
            stand), ``parquet-no-text-column`` when no ``text`` or ``html`` column holds strings.
        OSError: the file itself cannot be opened.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RejectedInput(
            "parquet-unavailable",
            "reading Parquet files needs pyarrow, which is not installed: pip install 'chronicle[parquet]'",
        ) from exc
    # Opened here rather than by pyarrow, so that a file that cannot be opened at all is told
    # apart (OSError, "unreadable") from a damaged one: pyarrow reports damage as OSError too.
    with open(path, "rb") as handle:
        number = 0
        try:
            reader = pq.ParquetFile(handle)
            columns = _usable_columns(reader.schema_arrow, pa)
            for batch in reader.iter_batches(batch_size=batch_size, columns=columns):
                for row in batch.to_pylist():
                    number += 1
                    yield number, row
        except (pa.ArrowException, OSError) as exc:
            where = f" after row {number}" if number else ""
            raise RejectedInput("malformed-parquet", f"the Parquet file is damaged or not Parquet{where}: {exc}") from exc


def _usable_columns(schema: Any, pa: Any) -> list[str]:
    """The article columns to read; a body column that does not hold strings is left out."""
    found = {field.name: field.type for field in schema}
    columns = [
        name
        for name in ARTICLE_COLUMNS
        if name in found and (name not in BODY_COLUMNS or _is_string(found[name], pa))
    ]
    if not any(name in BODY_COLUMNS for name in columns):
        listed = ", ".join(f"{name} ({kind})" for name, kind in found.items()) or "none"
        raise RejectedInput(
            "parquet-no-text-column",
            f"no string column named 'text' or 'html' holds the article body; columns found: {listed}",
        )
    return columns


def _is_string(kind: Any, pa: Any) -> bool:
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind))
