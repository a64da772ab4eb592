"""Exports of the sample corpus's store in every format: CSV, JSON lines, Parquet (read back with
pyarrow) and PLOVER records; the export command."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle.cli import app
from chronicle.export import COLUMNS, TABLES, ExportError, export_table, table_rows
from chronicle.store import connect


@pytest.fixture()
def conn(examples_build) -> Iterator[sqlite3.Connection]:  # type: ignore[no-untyped-def]
    conn = connect(examples_build.db, readonly=True)
    yield conn
    conn.close()


@pytest.mark.parametrize("table", TABLES)
def test_csv_and_jsonl_hold_the_same_rows(conn: sqlite3.Connection, table: str) -> None:
    text, lines = io.StringIO(), io.StringIO()
    n_csv = export_table(conn, table, "csv", text)
    n_jsonl = export_table(conn, table, "jsonl", lines)
    rows = list(csv.DictReader(io.StringIO(text.getvalue())))
    records = [json.loads(line) for line in lines.getvalue().splitlines()]
    assert n_csv == n_jsonl == len(rows) == len(records) > 0
    assert list(rows[0]) == COLUMNS[table] == list(records[0])
    # Lists are JSON inside a CSV cell and real lists in JSON lines.
    for column, value in records[0].items():
        if isinstance(value, list):
            assert json.loads(rows[0][column]) == value


@pytest.mark.parametrize("table", TABLES)
def test_parquet_reads_back_with_pyarrow(conn: sqlite3.Connection, table: str, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / f"{table}.parquet"
    written = export_table(conn, table, "parquet", path)
    back = pq.read_table(path)
    assert back.num_rows == written == len(table_rows(conn, table))
    assert back.column_names == COLUMNS[table]
    first = back.slice(0, 1).to_pylist()[0]
    assert first == {c: v for c, v in table_rows(conn, table)[0].items() if c in COLUMNS[table]}


def test_event_rows_are_deduplicated_events_with_their_evidence(conn: sqlite3.Connection) -> None:
    rows = table_rows(conn, "events")
    mentions = conn.execute("SELECT COUNT(*) FROM event_members").fetchone()[0]
    assert sum(r["mentions"] for r in rows) == mentions and len(rows) < mentions
    helsinki = [
        r for r in rows
        if r["type"] == "CONSULT" and r["status"] == "occurred" and r["date"] == "2018-07-16"
        and {"Donald Trump", "Vladimir Putin"} <= set(r["sources"])
    ]
    assert len(helsinki) == 1 and set(helsinki[0]["outlets"]) == {"Meridian Wire Service", "Kestrel News"}
    for row in rows[:25]:
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (row["evidence_document"],)).fetchone()[0]
        assert text[row["evidence_start"] : row["evidence_end"]] == row["evidence"]


def test_plover_records_use_plover_field_names(conn: sqlite3.Connection) -> None:
    out = io.StringIO()
    export_table(conn, "events", "plover", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    negated = conn.execute("SELECT COUNT(*) FROM events WHERE status = 'negated'").fetchone()[0]
    assert len(records) == len(table_rows(conn, "events")) - negated
    for record in records:
        assert {"id", "date", "event", "mode", "context", "source", "target", "eventText", "text", "quad_code"} <= set(record)
        for actor in record["source"] + record["target"]:
            assert {"actorText", "code", "sector"} <= set(actor)
        assert record["eventText"] and record["eventText"] in record["text"]
    singapore = [r for r in records if r["date"] == "2018-06-12" and r["event"] == "CONSULT" and r["status"] == "occurred"]
    codes = {a["code"] for r in singapore for a in r["source"]}
    assert {"USA", "PRK"} <= codes and any(r["quad_code"] == 1 for r in singapore)
    # Intent is coded in the type: a planned cooperative event is an AGREE record.
    planned = [r for r in records if r["status"] == "planned"]
    assert planned and all(r["event"] != "CONSULT" for r in planned)


def test_export_refuses_what_it_cannot_write(conn: sqlite3.Connection, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="events only"):
        export_table(conn, "actors", "plover", io.StringIO())
    with pytest.raises(ExportError, match="binary"):
        export_table(conn, "events", "parquet", io.StringIO())
    with pytest.raises(ExportError, match="unknown table"):
        export_table(conn, "sentences", "csv", io.StringIO())


def test_the_export_command(examples_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    db = str(examples_build.db)
    result = runner.invoke(app, ["export", "actors", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0 and json.loads(result.output.splitlines()[0])["id"]
    target = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "events", "--db", db, "--format", "parquet", "--out", str(target)])
    assert result.exit_code == 0 and target.stat().st_size > 0
    refused = runner.invoke(app, ["export", "events", "--db", db, "--format", "parquet"])
    assert refused.exit_code == 2 and "--out" in refused.output
    refused = runner.invoke(app, ["export", "quotes", "--db", db, "--format", "plover"])
    assert refused.exit_code == 2
