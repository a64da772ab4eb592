"""The ``chronicle`` command line: a thin shell over the library (parse options, call, print)."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import json
import logging
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

import chronicle
from chronicle.build import BuildProgress, BuildReport
from chronicle.config import load_settings
from chronicle.errors import ChronicleError, ConfigError
from chronicle.evaluate import evaluate_folder
from chronicle.time import find_timexes
from chronicle.models import Document, ItemStatus

app = typer.Typer(
    help="Chronicle: turn news articles into a dated, sourced record of who did what with whom.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

DbOption = typer.Option(Path("chronicle.db"), "--db", help="The SQLite store to use.")


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def main() -> None:
    """Entry point of the ``chronicle`` console script."""
    app()


def _fail(exc: ChronicleError) -> typer.Exit:
    err.print(f"[bold red]Error:[/] {exc}")
    return typer.Exit(code=2)


def _cell(value: Any) -> Text:
    """Table cells are plain Text: article text is untrusted and never parsed as Rich markup."""
    return Text("" if value is None else ", ".join(map(str, value)) if isinstance(value, list) else str(value))


def _emit(rows: list[dict[str, Any]], fmt: Format, columns: list[str], title: str | None = None) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        return
    if not rows:
        out.print("(nothing to show)")
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    out.print(table)


_PHASES = {"scan": "Scanning lines", "process": "Processing", "analyse": "Analysing on Ray", "load": "Loading shards"}


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Files, folders (searched recursively) or glob patterns."),
    db: Path = DbOption,
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML settings file."),
    min_words: Optional[int] = typer.Option(None, help="Fewest words of article text to accept."),
    languages: Optional[str] = typer.Option(None, help="Accepted languages, comma-separated ISO codes ('' = all)."),
    max_bytes: Optional[int] = typer.Option(None, help="Largest single article accepted, in bytes."),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-j", help="Processes (or Ray actors) running the per-document pipeline (default: the number of cores)."
    ),
    engine: Optional[str] = typer.Option(None, "--engine", help="local (process pool) or ray (Ray Data; pip install 'chronicle\\[ray]')."),
    address: Optional[str] = typer.Option(None, "--address", help="With --engine ray: the Ray cluster to use (default: start Ray here)."),
    shards: Optional[str] = typer.Option(None, "--shards", help="With --engine ray: keep the Parquet shards of records in this folder."),
    strict: bool = typer.Option(False, "--strict", help="Exit with status 1 when any input is rejected."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Ingest articles into the store: clean and date them, detect duplicates, find actors, events and quotes.

    Exit status: 0 on success, 1 with --strict when any input was rejected, 2 when nothing could be
    read or on an error.
    """
    try:
        settings = load_settings(
            config, min_words=min_words, accept_languages=languages, max_item_bytes=max_bytes, workers=workers,
            engine=engine, ray_address=address, shards=shards,
        )
        if (address or shards) and settings.engine != "ray":
            raise ConfigError("--address and --shards apply to the Ray engine only: add --engine ray")
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[items]} items"),
            TimeElapsedColumn(), console=err, disable=quiet, transient=True,
        ) as bar:
            tasks: dict[str, Any] = {}

            def show(p: BuildProgress) -> None:
                label = _PHASES.get(p.phase, p.phase)
                if p.phase not in tasks:
                    tasks[p.phase] = bar.add_task(label, total=p.files_total or None, items=0)
                # While Ray analyses, the bar counts items (its total is the number of items).
                done = p.items_done if p.phase == "analyse" else p.files_done
                bar.update(tasks[p.phase], completed=done, items=p.items_done)

            report = chronicle.build(paths, db=db, settings=settings, progress=show)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    _print_report(report)
    if report.nothing_read:
        raise typer.Exit(code=2)
    if strict and report.count(ItemStatus.REJECTED):
        raise typer.Exit(code=1)


def _print_report(report: BuildReport) -> None:
    counts = report.counts
    table = Table(title=f"Build of {report.db} ({report.seconds:.1f} s)")
    table.add_column("outcome")
    table.add_column("items", justify="right")
    for status in ItemStatus:
        table.add_row(status.value.replace("_", "-"), str(counts.get(status, 0)))
    out.print(table)
    rejections = report.rejections if report.count(ItemStatus.REJECTED) else ()
    if rejections:
        rejected = Table(title="Rejected inputs")
        for column in ("input", "code", "reason"):
            rejected.add_column(column, overflow="fold")
        for o in rejections:
            rejected.add_row(_cell(o.origin), o.code or "", _cell(o.reason))
        out.print(rejected)
    new = counts.get(ItemStatus.ADDED, 0) + counts.get(ItemStatus.NEAR_DUPLICATE, 0)
    if not new and report.items and not report.nothing_read:
        out.print("Nothing new: every input was already in the store.")
    elif report.nothing_read:
        err.print("[bold red]Nothing could be read from the given paths.[/]")


DOCUMENT_COLUMNS = ["id", "published", "basis", "status", "publisher", "title", "words", "origin"]


def _document_row(doc: Document) -> dict[str, Any]:
    published = doc.published
    window = f"{published.window_start or '…'} – {published.window_end or '…'}" if published.basis == "inferred" else ""
    return {
        "id": doc.id[:12],
        "published": published.value or window or "unknown",
        "basis": published.basis.value,
        "status": doc.status,
        "publisher": doc.publisher.value if doc.publisher else None,
        "title": doc.title,
        "words": doc.word_count,
        "origin": doc.origin,
    }


@app.command()
def documents(
    db: Path = DbOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
    limit: Optional[int] = typer.Option(None, help="Show at most this many."),
    near_duplicates: bool = typer.Option(True, "--near-duplicates/--no-near-duplicates", help="Include near-duplicates."),
) -> None:
    """List documents with their publication date, its basis and their status."""
    try:
        with chronicle.open(db) as corpus:
            rows = [_document_row(d) for d in corpus.documents(include_near_duplicates=near_duplicates, limit=limit)]
    except ChronicleError as exc:
        raise _fail(exc) from exc
    _emit(rows, fmt, DOCUMENT_COLUMNS, title=f"Documents in {db}")


@app.command()
def inspect(
    doc: str = typer.Argument(..., help="A document id (or a unique prefix of one) or an input origin."),
    db: Path = DbOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """Show one document: metadata with evidence, kept and removed lines, temporal expressions."""
    try:
        with chronicle.open(db) as corpus:
            document = corpus.document(doc)
            sources = corpus.sources(document.id)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    data = _inspect_data(document, [s.origin for s in sources])
    if fmt is not Format.table:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    meta = Table(title=f"Document {document.id}", show_header=False)
    meta.add_column("field", style="bold")
    meta.add_column("value", overflow="fold")
    meta.add_column("evidence", overflow="fold", style="dim")
    for field, (value, evidence) in data["metadata"].items():
        meta.add_row(field, _cell(value), _cell(evidence))
    out.print(meta)
    kept = Table(title="Kept lines")
    for column in ("line", "kind", "text"):
        kept.add_column(column, overflow="fold")
    for line in data["kept"]:
        kept.add_row(str(line["line"]), line["kind"], _cell(line["text"]))
    out.print(kept)
    removed = Table(title="Removed lines")
    for column in ("line", "rule", "text", "why"):
        removed.add_column(column, overflow="fold")
    for line in data["removed"]:
        removed.add_row(str(line["line"]), line["rule"], _cell(line["text"]), _cell(line["detail"]))
    out.print(removed)
    times = Table(title="Temporal expressions (anchored at the publication date when known)")
    for column in ("text", "type", "value", "mod", "certain"):
        times.add_column(column, overflow="fold")
    for t in document.timexes:
        times.add_row(_cell(t.text), t.type, t.value, t.mod or "", "yes" if t.certain else "no")
    out.print(times)


def _inspect_data(doc: Document, origins: list[str]) -> dict[str, Any]:
    p = doc.published
    return {
        "id": doc.id,
        "metadata": {
            "title": (doc.title, doc.title_evidence),
            "publisher": (doc.publisher.value if doc.publisher else None, doc.publisher.evidence if doc.publisher else "none found"),
            "authors": (list(doc.authors), doc.authors_evidence),
            "published": (p.value, p.evidence),
            "date basis": (p.basis.value, None),
            "date window": (f"{p.window_start or '…'} – {p.window_end or '…'}" if p.basis == "inferred" else None, None),
            "language": (f"{doc.language} (p={doc.language_score:.2f})", None),
            "encoding": (doc.encoding, None),
            "status": (doc.status, f"near-duplicate of {doc.near_duplicate_of} (similarity {doc.similarity})" if doc.near_duplicate_of else None),
            "url": (doc.url, None),
            "sources": (origins, None),
        },
        "kept": [{"line": l.number, "kind": l.kind.value, "start": l.start, "end": l.end, "text": doc.line_text(l)} for l in doc.lines],
        "removed": [dataclasses.asdict(r) | {"line": r.number} for r in doc.removed],
        "timexes": [dataclasses.asdict(t) for t in doc.timexes],
    }


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find (SQLite FTS5 syntax: AND, OR, NOT, \"phrases\", prefix*)."),
    db: Path = DbOption,
    limit: int = typer.Option(20, help="Show at most this many."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Full-text search over article titles and text, with snippets."""
    try:
        with chronicle.open(db) as corpus:
            hits = corpus.search(query, limit=limit)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    rows = [
        {"id": h.document_id[:12], "published": h.published or h.published_basis, "title": h.title, "snippet": h.snippet}
        for h in hits
    ]
    _emit(rows, fmt, ["id", "published", "title", "snippet"], title=f"{len(rows)} matches for {query!r}")


@app.command()
def rejections(
    db: Path = DbOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """List every input the builds refused, with the reason."""
    try:
        with chronicle.open(db) as corpus:
            rows = [{"input": o.origin, "code": o.code, "reason": o.reason} for o in corpus.rejections()]
    except ChronicleError as exc:
        raise _fail(exc) from exc
    _emit(rows, fmt, ["input", "code", "reason"], title="Rejected inputs")


@app.command()
def timex(
    text: Optional[str] = typer.Argument(None, help="The text to read (or use --file)."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the text from this file."),
    anchor: Optional[str] = typer.Option(None, "--anchor", help="Document date YYYY-MM-DD that relative expressions resolve against."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Find dates, times, durations and sets in a text and normalise them to TIMEX3 values.

    Offsets are character offsets into the given text. Without --anchor, unknown parts stay
    unknown (XXXX-12-21) rather than being guessed.
    """
    if (text is None) == (file is None):
        err.print("[bold red]Error:[/] give a TEXT argument or --file, not both")
        raise typer.Exit(code=2)
    try:
        body = file.read_text(encoding="utf-8") if file is not None else text or ""
        day = dt.date.fromisoformat(anchor) if anchor else None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        err.print(f"[bold red]Error:[/] {exc}")
        raise typer.Exit(code=2) from exc
    rows = [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
         "mod": t.mod, "anchor": t.anchor, "certain": t.certain}
        for t in find_timexes(body, day)
    ]
    _emit(rows, fmt, ["start", "end", "text", "type", "value", "mod", "anchor", "certain"], title="Temporal expressions")


evaluate_app = typer.Typer(help="Score Chronicle's stages on public benchmarks (own scorers, published definitions).", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("tempeval")
def evaluate_tempeval(
    folders: list[Path] = typer.Argument(..., help="Folders of TimeML .tml files (searched recursively)."),
    response: Optional[Path] = typer.Option(None, "--response", help="Write the raw predictions here (one JSON line per document)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """TempEval-3 task A: relaxed and strict span P/R/F1, value F1 and type accuracy.

    Each document's creation time (its DCT) is the anchor. With several folders the scores are
    pooled and the predictions of all of them go to one --response file.
    """
    try:
        total = None
        with contextlib.ExitStack() as stack:
            parts = []
            for index, folder in enumerate(folders):
                target = None
                if response is not None:
                    target = response if len(folders) == 1 else Path(stack.enter_context(tempfile.TemporaryDirectory())) / f"{index}.jsonl"
                parts.append((evaluate_folder(folder, response_path=target), target))
            for part, _ in parts:
                total = part if total is None else total + part
            if response is not None and len(folders) > 1:
                response.write_text("".join(t.read_text(encoding="utf-8") for _, t in parts if t), encoding="utf-8")
    except ChronicleError as exc:
        raise _fail(exc) from exc
    assert total is not None
    figures = total.as_dict()
    _emit([{"metric": k, "value": v} for k, v in figures.items()], fmt, ["metric", "value"], title="TempEval-3 (task A)")


@app.callback()
def _configure(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what the library does.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
