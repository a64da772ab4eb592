"""Commands over the deduplicated record: timeline, dyad, report, export, evaluate ecbplus."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

from chronicle.cli.app import DbOption, Format, _cell, _emit, _fail, app, err, evaluate_app, out
from chronicle.config import load_settings
from chronicle.errors import ChronicleError, InputError
from chronicle.store import connect
from chronicle.views import TimelineEvent, dyad_summary, outlet_name, timeline as timeline_view

TIMELINE_COLUMNS = ["id", "date", "type", "mode", "status", "source", "target", "duration", "sources", "mentions", "evidence"]
# A terminal table leaves the long columns to JSON and CSV.
TABLE_COLUMNS = ["id", "date", "type", "mode", "status", "between", "duration", "sources", "mentions"]


def timeline_row(event: TimelineEvent) -> dict[str, Any]:
    """A flat row of a timeline event for tables and CSV."""
    return {
        "id": event.id,
        "date": event.date_label,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "between": event.between,
        "source": "; ".join(event.names("source")),
        "target": "; ".join(event.names("target")),
        "duration": "; ".join(d.label for d in event.durations) or None,
        "sources": "; ".join(dict.fromkeys(outlet_name(s) for s in event.sources)),
        "mentions": len(event.evidence),
        "evidence": event.lead.sentence,
    }


def _emit_events(events: list[TimelineEvent], fmt: Format, title: str) -> None:
    rows = [timeline_row(e) for e in events]
    if fmt is Format.table:
        rows = [{c: row["between"] if c == "between" else row.get(c) for c in TABLE_COLUMNS} for row in rows]
        _emit(rows, fmt, TABLE_COLUMNS, title=title)
    else:
        _emit([{c: row[c] for c in TIMELINE_COLUMNS} for row in rows], fmt, TIMELINE_COLUMNS, title=title)


def _open(db: Path) -> sqlite3.Connection:
    return connect(db, readonly=True)


@app.command()
def timeline(
    db: Path = DbOption,
    actor: Optional[str] = typer.Option(None, "--actor", help="Only events involving this actor (name, alias or id)."),
    dyad: Optional[tuple[str, str]] = typer.Option(None, "--dyad", help="Only events between two actors: --dyad \"Shinzo Abe\" \"Donald Trump\"."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT."),
    status: Optional[str] = typer.Option(None, "--status", help="occurred, planned, hypothetical or negated."),
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD); leaves out undated events."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (inclusive prefix); leaves out undated events."),
    limit: Optional[int] = typer.Option(None, help="Show at most this many."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Deduplicated events in date order: each happening once, with its status, durations, sources and evidence."""
    pair = (dyad[0], dyad[1]) if dyad else None
    try:
        conn = _open(db)
        try:
            found = timeline_view(conn, actor=actor, dyad=pair, type=type_, since=since, until=until, status=status, limit=limit)
        finally:
            conn.close()
    except ChronicleError as exc:
        raise _fail(exc) from exc
    if fmt is Format.json:
        sys.stdout.write(json.dumps([dataclasses.asdict(e) for e in found], ensure_ascii=False, indent=2) + "\n")
        return
    _emit_events(found, fmt, title=f"{len(found)} events")


@app.command()
def dyad(
    a: str = typer.Argument(..., help="One actor (name, alias or id)."),
    b: str = typer.Argument(..., help="The other actor."),
    db: Path = DbOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv (csv: the counts by month)."),
) -> None:
    """What two actors did with each other: counts by year and month, type, mode and quad category,
    the counts the articles state beside what the corpus documents, and the events."""
    try:
        conn = _open(db)
        try:
            summary = dyad_summary(conn, a, b)
        finally:
            conn.close()
    except ChronicleError as exc:
        raise _fail(exc) from exc
    if fmt is Format.json:
        sys.stdout.write(json.dumps(dataclasses.asdict(summary), ensure_ascii=False, indent=2) + "\n")
        return
    months = [
        {"period": p.period, "type": p.type, "mode": p.mode, "quad": p.quad, "events": p.count, "ids": list(p.events)}
        for p in summary.by_month
    ]
    if fmt is Format.csv:
        _emit(months, fmt, ["period", "type", "mode", "quad", "events", "ids"])
        return
    out.print(f"[bold]{_cell(summary.a.name)} — {_cell(summary.b.name)}[/]: {len(summary.events)} events "
              f"({', '.join(f'{n} {s}' for s, n in summary.by_status)}); mean PLOVER score of what occurred: "
              f"{summary.mean_score if summary.mean_score is not None else 'n/a'}")
    years = [{"period": p.period, "type": p.type, "mode": p.mode, "quad": p.quad, "events": p.count} for p in summary.by_year]
    _emit(years, fmt, ["period", "type", "mode", "quad", "events"], title="Occurred events by year")
    _emit(months, fmt, ["period", "type", "mode", "quad", "events", "ids"], title="Occurred events by month")
    quads = Table(title="By PLOVER quad category (occurred)")
    quads.add_column("quad")
    quads.add_column("events", justify="right")
    for quad, n in summary.by_quad:
        quads.add_row(quad, str(n))
    out.print(quads)
    if summary.undated:
        out.print(f"Occurred but undated: {len(summary.undated)} events (ids {', '.join(map(str, summary.undated))}).")
    for check in summary.counts:
        out.print(_cell(f"{check.sentence_text} — {check.publisher or check.document_id[:12]}: “{check.sentence}”"))
    _emit_events(list(summary.events), fmt, title="Events")


class ReportFormat(str, Enum):
    html = "html"
    md = "md"


@app.command()
def report(
    db: Path = DbOption,
    out_path: Path = typer.Option(Path("report.html"), "--out", help="The file to write."),
    fmt: ReportFormat = typer.Option(ReportFormat.html, "--format", help="html (one self-contained file) or md."),
    dyads: int = typer.Option(3, "--dyads", help="How many of the busiest actor pairs get a section."),
) -> None:
    """Write a briefing on the corpus: overview, key actors, timeline, dyads, quotes, sources —
    every item linked to the sentence it comes from."""
    from chronicle.report import write_report

    try:
        conn = _open(db)
        try:
            size = write_report(conn, out_path, fmt=fmt.value, dyads=dyads)
        finally:
            conn.close()
    except ChronicleError as exc:
        raise _fail(exc) from exc
    out.print(f"Wrote {out_path} ({size / 1024:.0f} KiB)")


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
    plover = "plover"


class ExportTable(str, Enum):
    events = "events"
    actors = "actors"
    quotes = "quotes"
    documents = "documents"


@app.command()
def export(
    table: ExportTable = typer.Argument(..., help="events (deduplicated), actors, quotes or documents."),
    db: Path = DbOption,
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", help="csv, jsonl, parquet, or plover (PLOVER JSON records, events only)."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="The file to write (standard output when left out; Parquet needs a file)."),
) -> None:
    """Export a table of the store for other tools."""
    from chronicle.export import export_table

    try:
        conn = _open(db)
        try:
            if out_path is None and fmt is ExportFormat.parquet:
                raise InputError("Parquet is a binary format: give a file with --out")
            rows = export_table(conn, table.value, fmt.value, out_path if out_path is not None else sys.stdout)
        finally:
            conn.close()
    except ChronicleError as exc:
        raise _fail(exc) from exc
    if out_path is not None:
        err.print(f"Wrote {rows} {table.value} to {out_path}")


@evaluate_app.command("ecbplus", context_settings={"allow_extra_args": True, "ignore_unknown_options": False})
def evaluate_ecbplus_command(
    ctx: typer.Context,
    folder: Path = typer.Argument(..., help="The ECB+ folder (topic folders and ECBplus_coreference_sentences.csv)."),
    topics: Optional[list[str]] = typer.Option(None, "--topics", help="Topics to score: --topics 2 5 12 (default: all)."),
    response: Optional[Path] = typer.Option(None, "--response", help="Write each mention's cluster here (JSON lines)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML settings file."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Cross-document event coreference on ECB+: the method and the same-lemma baseline (CoNLL F1)."""
    from chronicle.evaluate.ecbplus import evaluate_ecbplus
    from chronicle.language import load_language_model

    chosen = [t for value in (topics or []) + list(ctx.args) for t in value.replace(",", " ").split()]
    if ctx.args and not topics or any(not t.isdigit() for t in chosen):
        err.print(f"[bold red]Error:[/] topics are numbers given after --topics; unexpected: {' '.join(ctx.args)}")
        raise typer.Exit(code=2)
    try:
        settings = load_settings(config)
        model = load_language_model(settings.spacy_model)
        score = evaluate_ecbplus(folder, topics=chosen or None, model=model, response=response)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    if fmt is Format.json:
        sys.stdout.write(json.dumps(score.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    rows = []
    for name, result in (("method", score.method), ("same-lemma baseline", score.baseline)):
        figures = result.as_dict()
        rows.append({
            "run": name,
            **{f"{metric} F1": round(figures[metric]["f1"], 4) for metric in ("muc", "b_cubed", "ceaf_e")},  # type: ignore[index]
            "CoNLL F1": round(result.conll_f1, 4),
        })
    title = (f"ECB+ topics {', '.join(score.topics)}: {score.documents} documents, {score.mentions} mentions, "
             f"{score.gold_clusters} gold clusters, {score.response_clusters} found")
    _emit(rows, fmt, ["run", "muc F1", "b_cubed F1", "ceaf_e F1", "CoNLL F1"], title=title)
