"""Commands over what the language stages find: annotate, events, actors, counts, evaluate plover."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

import chronicle
from chronicle.annotate import Annotation, annotate as annotate_text
from chronicle.cli.app import DbOption, Format, _cell, _emit, _fail, app, err, evaluate_app, out
from chronicle.config import load_settings
from chronicle.errors import ChronicleError
from chronicle.models import ActorMention, EventMention, Quote
from chronicle.store.queries import EventActorRef, StoredEvent


@app.command()
def annotate(
    files: list[str] = typer.Argument(..., help="Text or HTML files, JSONL files of {id, text, published} records, or - for standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (overrides what the text states)."),
    no_clean: bool = typer.Option(False, "--no-clean", help="Analyse the text exactly as given, so offsets index it."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML settings file."),
) -> None:
    """Print the full analysis of articles: clean text, actor mentions, events, stated counts, timexes.

    One file gives one JSON object (--format json) or tables; several files or a JSONL file give one
    JSON object per line. Exit status 1 when any input could not be read.
    """
    try:
        settings = load_settings(config)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    single = len(files) == 1 and not files[0].endswith(".jsonl")
    failed = False
    for ident, text, date, is_html, origin in _inputs(files, published):
        try:
            if isinstance(text, Exception):
                raise text
            result = annotate_text(
                text, published=date, clean=not no_clean or is_html, html=is_html, origin=origin, settings=settings
            )
        except (ChronicleError, OSError, UnicodeDecodeError) as exc:
            failed = True
            if single:
                raise _fail(exc if isinstance(exc, ChronicleError) else ChronicleError(str(exc))) from exc
            sys.stdout.write(json.dumps({"id": ident, "origin": origin, "error": str(exc)}, ensure_ascii=False) + "\n")
            continue
        failed = failed or result.rejection is not None
        data = annotation_data(result, ident)
        if fmt is Format.table:
            _print_annotation(result)
        elif single:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(code=1)


def _inputs(files: list[str], published: str | None):  # type: ignore[no-untyped-def]
    """(id, text or error, date, is_html, origin) for each article of the given inputs."""
    for name in files:
        if name == "-":
            yield "-", sys.stdin.read(), published, False, "<stdin>"
            continue
        path = Path(name)
        if path.suffix.lower() == ".jsonl":
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                yield name, exc, None, False, name
                continue
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                origin = f"{name}#line{number}"
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                        raise ValueError("a record needs a 'text' string")
                except ValueError as exc:
                    yield origin, ChronicleError(f"line {number}: {exc}"), None, False, origin
                    continue
                yield str(record.get("id", origin)), record["text"], record.get("published") or published, False, origin
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield name, exc, None, False, name
            continue
        yield name, data, published, path.suffix.lower() in (".html", ".htm"), name


def annotation_data(result: Annotation, ident: str | None = None) -> dict[str, Any]:
    """A JSON-ready dict of an annotation (offsets index ``text``)."""
    p = result.published
    data: dict[str, Any] = {
        "id": ident or result.id,
        "origin": result.origin,
        "published": {"value": p.value, "basis": p.basis.value, "window": [p.window_start, p.window_end], "evidence": p.evidence},
        "text": result.text,
        "removed": [{"line": r.number, "text": r.text, "rule": r.rule} for r in result.removed],
        "timexes": [dataclasses.asdict(t) for t in result.timexes],
        "actors": [_mention(m) for m in result.actor_mentions],
        "events": [_event(e) for e in result.events],
        "counts": [
            dataclasses.asdict(c) | {"actors": [_mention(m) for m in c.actors]} for c in result.counts
        ],
        "quotes": [_quote(q) for q in result.quotes],
    }
    if result.rejection is not None:
        data["rejected"] = {"code": result.rejection.code, "reason": result.rejection.reason}
    return data


def _quote(q: Quote) -> dict[str, Any]:
    a = q.speaker
    return {
        "start": q.start, "end": q.end, "parts": [list(p) for p in q.parts], "text": q.text, "direct": q.direct,
        "kind": q.kind, "cue": {"start": q.cue_start, "end": q.cue_end, "text": q.cue} if q.cue else None,
        "source": {"start": q.source_start, "end": q.source_end, "text": q.source} if q.source else None,
        "speaker": {"id": a.id, "name": a.name, "country": a.country, "sector": a.sector} if a else None,
        "event": q.event,
    }


def _mention(m: ActorMention) -> dict[str, Any]:
    a = m.actor
    return {
        "start": m.start, "end": m.end, "text": m.text, "how": m.how,
        "actor": {"id": a.id, "name": a.name, "kind": a.kind.value, "country": a.country, "sector": a.sector, "role": a.role},
    }


def _event(e: EventMention) -> dict[str, Any]:
    return {
        "type": e.type, "mode": e.mode, "context": e.context, "status": e.status.value,
        "trigger": {"start": e.trigger_start, "end": e.trigger_end, "text": e.trigger},
        "evidence": {"start": e.start, "end": e.end},
        "source": [_mention(m) for m in e.sources],
        "target": [_mention(m) for m in e.targets],
        "date": dataclasses.asdict(e.date) if e.date else None,
        "duration": dataclasses.asdict(e.duration) if e.duration else None,
        "location": e.location,
        "confidence": e.confidence,
    }


def _names(mentions: tuple[ActorMention, ...]) -> str:
    return "; ".join(f"{m.actor.name} ({m.actor.country or m.actor.kind.value})" for m in mentions)


def _print_annotation(result: Annotation) -> None:
    p = result.published
    out.print(f"[bold]{result.origin}[/]  published: {p.value or 'unknown'} ({p.basis.value}; {p.evidence})")
    if result.rejection is not None:
        err.print(f"[bold red]Rejected:[/] {result.rejection.code}: {result.rejection.reason}")
        return
    events = Table(title="Events")
    for column in ("type", "mode", "status", "source", "target", "date", "duration", "trigger", "evidence"):
        events.add_column(column, overflow="fold")
    for e in result.events:
        date = f"{e.date.value} ({e.date.basis})" if e.date and e.date.value else "unknown"
        duration = f"{e.duration.value}{' ' + e.duration.qualifier if e.duration.qualifier else ''}" if e.duration else ""
        events.add_row(
            e.type, e.mode or "", e.status.value, _cell(_names(e.sources)), _cell(_names(e.targets)), date, duration,
            _cell(e.trigger), _cell(result.text[e.start : e.end]),
        )
    out.print(events)
    if result.counts:
        counts = Table(title="Stated counts")
        for column in ("count", "what", "type", "mode", "between", "as of"):
            counts.add_column(column, overflow="fold")
        for c in result.counts:
            counts.add_row(f"{c.qualifier + ' ' if c.qualifier else ''}{c.count}", _cell(c.what), c.event_type, c.mode or "", _cell(_names(c.actors)), c.as_of or "unknown")
        out.print(counts)
    if result.quotes:
        quotes = Table(title="Quotes")
        for column in ("speaker", "kind", "cue", "words"):
            quotes.add_column(column, overflow="fold")
        for q in result.quotes:
            quotes.add_row(_cell(q.speaker.name if q.speaker else (q.source or "unknown")), q.kind, _cell(q.cue), _cell(q.text))
        out.print(quotes)
    actors = Table(title="Actor mentions")
    for column in ("text", "actor", "kind", "country", "sector", "how"):
        actors.add_column(column, overflow="fold")
    for m in result.actor_mentions:
        actors.add_row(_cell(m.text), _cell(m.actor.name), m.actor.kind.value, m.actor.country or "", m.actor.sector or "", m.how)
    out.print(actors)
    times = Table(title="Temporal expressions")
    for column in ("text", "type", "value"):
        times.add_column(column, overflow="fold")
    for t in result.timexes:
        times.add_row(_cell(t.text), t.type, t.value)
    out.print(times)


EVENT_COLUMNS = ["date", "type", "mode", "status", "source", "target", "duration", "location", "document", "evidence"]


def _refs(refs: tuple[EventActorRef, ...]) -> str:
    return "; ".join(f"{r.name} ({r.country or '-'}{'/' + r.sector if r.sector else ''})" for r in refs)


def event_row(e: StoredEvent) -> dict[str, Any]:
    """A flat row of a stored event mention, for tables and CSV."""
    date = e.date or "unknown"
    if e.date and e.date_basis == "document":
        date += " (document date)"
    return {
        "date": date,
        "type": e.type,
        "mode": e.mode,
        "status": e.status,
        "source": _refs(e.sources),
        "target": _refs(e.targets),
        "duration": (f"{e.duration_qualifier} " if e.duration_qualifier else "") + e.duration if e.duration else None,
        "location": e.location,
        "document": e.document_id[:12],
        "evidence": e.evidence,
    }


@app.command()
def events(
    db: Path = DbOption,
    actor: Optional[str] = typer.Option(None, "--actor", help="Only events involving this actor (name, alias or id)."),
    dyad: Optional[str] = typer.Option(None, "--dyad", help="Only events between two actors: 'Abe,Trump'."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT."),
    status: Optional[str] = typer.Option(None, "--status", help="occurred, planned, hypothetical or negated."),
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (inclusive prefix)."),
    document: Optional[str] = typer.Option(None, "--document", help="Only this document (id prefix)."),
    copies: bool = typer.Option(False, "--copies", help="Include mentions from near-duplicate copies."),
    limit: Optional[int] = typer.Option(None, help="Show at most this many."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """List stored event mentions (who did what to whom, when), each with the sentence it came from."""
    pair = None
    if dyad:
        sides = [s.strip() for s in dyad.split(",") if s.strip()]
        if len(sides) != 2:
            err.print("[bold red]Error:[/] --dyad takes two actors separated by a comma, e.g. 'Abe,Trump'")
            raise typer.Exit(code=2)
        pair = (sides[0], sides[1])
    try:
        with chronicle.open(db) as corpus:
            found = corpus.events(
                actor=actor, dyad=pair, type=type_, status=status, since=since, until=until,
                document=document, include_copies=copies, limit=limit,
            )
    except ChronicleError as exc:
        raise _fail(exc) from exc
    if fmt is Format.json:
        sys.stdout.write(json.dumps([dataclasses.asdict(e) for e in found], ensure_ascii=False, indent=2) + "\n")
        return
    _emit([event_row(e) for e in found], fmt, EVENT_COLUMNS, title=f"{len(found)} event mentions")


@app.command()
def actors(
    db: Path = DbOption,
    kind: Optional[str] = typer.Option(None, "--kind", help="person, state, organisation, igo or group."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 country code."),
    name: Optional[str] = typer.Option(None, "--name", help="Only actors whose name or an alias contains this."),
    limit: Optional[int] = typer.Option(None, help="Show at most this many."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """List the actors the corpus mentions: canonical name, country, sector, aliases, mention counts."""
    try:
        with chronicle.open(db) as corpus:
            found = corpus.actors(kind=kind, country=country, name=name, limit=limit)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    rows = [
        {
            "id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector, "role": a.role,
            "mentions": a.mentions, "documents": a.documents, "events": a.events, "aliases": list(a.aliases),
        }
        for a in found
    ]
    _emit(rows, fmt, list(rows[0]) if rows else ["id"], title=f"{len(rows)} actors")


@app.command()
def counts(
    db: Path = DbOption,
    document: Optional[str] = typer.Option(None, "--document", help="Only this document (id prefix)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """List the counts articles state ("held 14 summits and spoke by phone 33 times so far")."""
    try:
        with chronicle.open(db) as corpus:
            found = corpus.counts(document)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    rows = [
        {
            "count": c.count, "qualifier": c.qualifier, "what": c.what, "type": c.event_type, "mode": c.mode,
            "between": _refs(c.actors), "as_of": c.as_of or "unknown", "document": c.document_id[:12], "evidence": c.evidence,
        }
        for c in found
    ]
    _emit(rows, fmt, ["count", "qualifier", "what", "type", "mode", "between", "as_of", "document", "evidence"], title="Stated counts")


@app.command()
def quotes(
    db: Path = DbOption,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only what this actor said (name, alias or id)."),
    about: Optional[str] = typer.Option(None, "--about", help="Only quotes whose words name this actor."),
    since: Optional[str] = typer.Option(None, "--from", "--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--to", "--until", help="Up to this date (inclusive prefix)."),
    direct: bool = typer.Option(False, "--direct", help="Only direct quotations (words in quotation marks)."),
    copies: bool = typer.Option(False, "--copies", help="Include near-duplicate copies."),
    limit: Optional[int] = typer.Option(None, help="Show at most this many."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """List what actors said, dated and sourced; the same words carried by several outlets are shown once."""
    try:
        with chronicle.open(db) as corpus:
            found = corpus.quotes(
                speaker=speaker, about=about, since=since, until=until, direct_only=direct,
                include_copies=copies, limit=limit,
            )
    except ChronicleError as exc:
        raise _fail(exc) from exc
    if fmt is Format.json:
        sys.stdout.write(json.dumps([dataclasses.asdict(q) for q in found], ensure_ascii=False, indent=2) + "\n")
        return
    rows = [
        {
            "date": q.date or "unknown", "speaker": q.speaker or "unknown", "kind": q.kind, "words": q.text,
            "event": q.event_type, "sources": "; ".join(f"{s.publisher or s.document_id[:12]} ({s.published or 'undated'})" for s in q.sources),
        }
        for q in found
    ]
    _emit(rows, fmt, ["date", "speaker", "kind", "words", "event", "sources"], title=f"{len(rows)} quotes")


@evaluate_app.command("plover")
def evaluate_plover_command(
    path: Path = typer.Argument(..., help="A JSON file of PLOVER records (a list of coded sentences)."),
    response: Optional[Path] = typer.Option(None, "--response", help="Write the raw predictions here (one JSON line per record id)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML settings file."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Event coding on PLOVER records: event-type accuracy, macro-F1 over types, source/target actor accuracy."""
    from chronicle.analysis import load_toolkit
    from chronicle.evaluate.plover import evaluate_plover

    try:
        settings = load_settings(config)
        toolkit = load_toolkit(settings)
        score = evaluate_plover(
            path, model=toolkit.language, knowledge=toolkit.knowledge, lexicon=toolkit.lexicon, response=response
        )
    except ChronicleError as exc:
        raise _fail(exc) from exc
    flat = [{"metric": k, "value": v} for k, v in _flatten(_score_dict(score)).items()]
    _emit(flat, fmt, ["metric", "value"], title=f"PLOVER event coding ({path.name})")


@evaluate_app.command("polnear")
def evaluate_polnear_command(
    folder: Path = typer.Argument(..., help="A PolNeAR split: a folder with text/*.txt and attributions/*.ann."),
    response: Optional[Path] = typer.Option(None, "--response", help="Write the raw predictions here (one JSON line per document)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML settings file."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Attribution on PolNeAR: content overlap F1, exact content F1 and source accuracy, for
    reporting-verb attributions and for direct quotes."""
    from chronicle.analysis import load_toolkit
    from chronicle.evaluate.polnear import evaluate_polnear

    try:
        settings = load_settings(config)
        toolkit = load_toolkit(settings)
        score = evaluate_polnear(folder, model=toolkit.language, knowledge=toolkit.knowledge, response=response)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    figures = score.as_dict()
    flat = [{"metric": k, "value": v} for k, v in _flatten(figures).items()]
    _emit(flat, fmt, ["metric", "value"], title=f"PolNeAR attribution ({folder})")


def _score_dict(score: Any) -> dict[str, Any]:
    """A score record as nested plain dicts (mappings and nested records included)."""
    if hasattr(score, "as_dict"):
        return score.as_dict()
    if dataclasses.is_dataclass(score):
        return {f.name: _plain(getattr(score, f.name)) for f in dataclasses.fields(score)}
    return dict(score)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return _score_dict(value)
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif not isinstance(value, list):
            flat[name] = value
    return flat
