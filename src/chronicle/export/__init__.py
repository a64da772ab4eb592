"""Exports: the store's deduplicated events, actors, quotes and documents as CSV, JSON lines,
Parquet, or (events) PLOVER records.

    with open("events.csv", "w") as out:
        export_table(conn, "events", "csv", out)
    export_table(conn, "events", "parquet", Path("events.parquet"))
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import IO, Any

from chronicle.errors import ChronicleError
from chronicle.export.plover import plover_record, plover_records
from chronicle.export.tables import COLUMNS, TABLES, event_row, table_rows

__all__ = ["COLUMNS", "FORMATS", "TABLES", "ExportError", "event_row", "export_table", "plover_record", "plover_records", "table_rows"]

FORMATS = ("csv", "jsonl", "parquet", "plover")


class ExportError(ChronicleError):
    """An export cannot be written as asked (unknown table or format, Parquet without pyarrow or a file)."""


def export_table(conn: sqlite3.Connection, table: str, fmt: str, out: IO[str] | Path) -> int:
    """Write ``table`` in format ``fmt`` to ``out`` (a text stream, or a path); return the rows written.

    Parquet needs a path (it is binary) and pyarrow; ``plover`` writes one PLOVER JSON record per
    line and exists for events only.

    Raises:
        ExportError: the table or format is unknown, the combination is not offered, pyarrow is
            missing, or the file cannot be written.
    """
    if table not in TABLES:
        raise ExportError(f"unknown table '{table}': choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}': choose one of {', '.join(FORMATS)}")
    if fmt == "plover" and table != "events":
        raise ExportError("the plover format holds events only")
    if fmt == "plover":
        rows: list[dict[str, Any]] = plover_records(conn)
    else:
        columns = COLUMNS[table]
        rows = [{c: row.get(c) for c in columns} for row in table_rows(conn, table)]
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ExportError("Parquet is a binary format: give a file to write (--out FILE)")
        _write_parquet(rows, COLUMNS[table], out)
        return len(rows)
    try:
        if isinstance(out, Path):
            with out.open("w", encoding="utf-8", newline="") as handle:
                _write_text(rows, fmt, table, handle)
        else:
            _write_text(rows, fmt, table, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc}") from exc
    return len(rows)


def _write_text(rows: list[dict[str, Any]], fmt: str, table: str, out: IO[str]) -> None:
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS[table], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        return
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_parquet(rows: list[dict[str, Any]], columns: list[str], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet export needs pyarrow: install Chronicle with the 'parquet' extra") from exc
    types = {c: _arrow_type(pa, [row[c] for row in rows]) for c in columns}
    schema = pa.schema([(c, types[c]) for c in columns])
    try:
        table = pa.Table.from_pylist(rows, schema=schema)
        pq.write_table(table, path)
    except (OSError, pa.ArrowException) as exc:
        raise ExportError(f"cannot write {path}: {exc}") from exc


def _arrow_type(pa: Any, values: list[Any]) -> Any:
    """The column's type from its values; a column of nothing but None is text."""
    present = [v for v in values if v is not None]
    if not present:
        return pa.string()
    if all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pa.float64()
    if all(isinstance(v, list) for v in present):
        return pa.list_(pa.string())
    return pa.string()
