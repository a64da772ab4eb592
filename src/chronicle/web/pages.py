"""The pages of ``chronicle serve``: overview, search, lists, actor, dyad, event and document.

Each handler reads its filters from the query string (so every page has a URL that can be shared),
asks the store, and renders a template; ``?format=csv`` or ``?format=json`` returns the page's
list (or record) instead.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from chronicle.errors import NotFoundError
from chronicle.store.queries import list_actors, list_quotes
from chronicle.store.reader import Corpus
from chronicle.views import TimelineEvent, load_events
from chronicle.web import data
from chronicle.web.app import cached, open_store, render
from chronicle.web.charts import timeline_figure
from chronicle.web.export import FORMATS, export_response
from chronicle.web.markup import mark_document

PAGE = 50
_EVENT_FILTERS = ("actor", "other", "type", "status", "source", "since", "until")


def routes() -> list[Route]:
    """Return the page routes (GET and HEAD only: the app has no write endpoint)."""
    return [
        Route("/", overview),
        Route("/search", search),
        Route("/documents", documents),
        Route("/documents/{doc_id:str}", document),
        Route("/events", events),
        Route("/events/{event_id:int}", event),
        Route("/actors", actors),
        Route("/actors/{actor_id:str}", actor),
        Route("/dyads", dyads),
        Route("/dyads/{a:str}/{b:str}", dyad),
        Route("/quotes", quotes),
    ]


def overview(request: Request) -> Response:
    with open_store(request.app.state.db) as conn:
        corpus_stats = _stats(conn)
        top_actors = list_actors(conn, limit=12)
        top_pairs = cached(request, ("dyads", 12), lambda: data.top_dyads(conn, limit=12))
        chart = cached(request, ("timeline",), lambda: timeline_figure(data.monthly_counts(conn, data.EventFilter())))
        event_total = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        statuses = conn.execute("SELECT status, COUNT(*) FROM events GROUP BY status ORDER BY 2 DESC").fetchall()
    return render(
        request, "overview.html", title="Overview", stats=corpus_stats, actors=top_actors, dyads=top_pairs,
        chart=chart, event_total=event_total, statuses=[tuple(r) for r in statuses],
    )


def search(request: Request) -> Response:
    p = request.query_params
    text = p.get("q", "").strip()
    flt = _event_filter(request)
    hits, found_events, found_quotes, facet = [], None, [], data.Facets()
    if text:
        with open_store(request.app.state.db) as conn:
            corpus = _corpus(request)
            try:
                allowed = data.document_ids(conn, source=flt.source, since=flt.since, until=flt.until, actor=flt.actor)
                hits = [h for h in corpus.search(text, limit=200) if allowed is None or h.document_id in allowed][:PAGE]
            finally:
                corpus.close()
            flt = dataclasses.replace(flt, documents=tuple(h.document_id for h in hits)).settle(conn)
            exporting = p.get("format") in FORMATS
            found_events = data.event_page(conn, flt, offset=0 if exporting else _offset(request), limit=None if exporting else PAGE)
            facet = data.facets(conn, flt)
            words = [w.lower() for w in text.split() if w.isalnum()]
            found_quotes = [
                q for q in list_quotes(conn, speaker=flt.actor or None, since=flt.since, until=flt.until)
                if words and all(w in q.text.lower() for w in words)
            ][:PAGE]
    fmt = p.get("format")
    if fmt in FORMATS:
        rows = [{"kind": "document", "id": h.document_id, "title": h.title, "published": h.published, "text": h.snippet} for h in hits]
        rows += [{"kind": "event", "id": e.id, "title": f"{e.type} {e.between}", "published": e.date, "text": e.lead.sentence}
                 for e in (found_events.events if found_events else ())]
        rows += [{"kind": "quote", "id": None, "title": q.speaker, "published": q.date, "text": q.text} for q in found_quotes]
        return export_response(rows, fmt, "search")
    return render(
        request, "search.html", title=f"Search: {text}" if text else "Search", q=text, hits=hits, events=found_events,
        quotes=found_quotes, facets=facet, statuses=data.STATUSES,
    )


def documents(request: Request) -> Response:
    p = request.query_params
    with open_store(request.app.state.db) as conn:
        allowed = data.document_ids(conn, source=p.get("source"), since=p.get("since"), until=p.get("until"), actor=p.get("actor"))
        rows = conn.execute(
            "SELECT d.id, d.title, d.publisher, d.published, d.published_basis, d.word_count, d.status, d.origin, "
            "(SELECT COUNT(*) FROM event_mentions e WHERE e.document_id = d.id) AS events FROM documents d ORDER BY d.seq"
        ).fetchall()
        outlets = data.publishers(conn)
    items = [dict(r) for r in rows if allowed is None or r["id"] in allowed]
    if p.get("format") in FORMATS:
        return export_response(items, p["format"], "documents")
    return render(request, "documents.html", title="Documents", documents=items, outlets=outlets)


def document(request: Request) -> Response:
    doc_id = request.path_params["doc_id"]
    corpus = _corpus(request)
    try:
        doc = corpus.document(doc_id)
        origins = corpus.sources(doc.id)
    finally:
        corpus.close()
    with open_store(request.app.state.db) as conn:
        marks = data.document_marks(conn, doc.id)
    if request.query_params.get("format") in FORMATS:
        rows = [
            {"mention_id": m, "start": s, "end": e, "type": t, "status": st, "event_id": ev, "sentence": doc.text[s:e]}
            for m, s, e, _ts, _te, t, st, ev in marks.events
        ]
        return export_response(rows, request.query_params["format"], f"document-{doc.id[:12]}-events")
    focus = request.query_params.get("mention")
    body = mark_document(doc.text, marks, focus=int(focus) if focus and focus.isdigit() else None)
    return render(
        request, "document.html", title=doc.title or doc.origin, doc=doc, body=body, marks=marks, origins=origins,
        show_removed=request.query_params.get("removed") == "1",
    )


def events(request: Request) -> Response:
    flt = _event_filter(request)
    fmt = request.query_params.get("format")
    with open_store(request.app.state.db) as conn:
        flt = flt.settle(conn)
        page = data.event_page(conn, flt, offset=0 if fmt else _offset(request), limit=None if fmt in FORMATS else PAGE)
        if fmt:
            facet = None
        elif flt == data.EventFilter():  # the store-wide facets, worked out once per store state
            facet = cached(request, ("facets",), lambda: data.facets(conn, flt))
        else:
            facet = data.facets(conn, flt)
        names = _actor_names(conn, flt.actor, flt.other)
    if fmt in FORMATS:
        return export_response([_event_row(e) for e in page.events], fmt, "events")
    return render(request, "events.html", title="Events", page=page, facets=facet, names=names, statuses=data.STATUSES)


def event(request: Request) -> Response:
    event_id = request.path_params["event_id"]
    with open_store(request.app.state.db) as conn:
        found = load_events(conn, [event_id])
    if not found:
        raise NotFoundError(f"no event {event_id} in this store")
    ev = found[0]
    fmt = request.query_params.get("format")
    if fmt == "json":
        return JSONResponse(dataclasses.asdict(ev))
    if fmt == "csv":
        rows = [dataclasses.asdict(e) for e in ev.evidence]
        return export_response(rows, fmt, f"event-{ev.id}-evidence")
    sentences = []
    for evidence in ev.evidence:
        spans = [(evidence.trigger_start, evidence.trigger_end, "trigger")]
        for _aid, _role, words in evidence.names:
            at = evidence.sentence.find(words) if words else -1
            if at >= 0:
                spans.append((evidence.start + at, evidence.start + at + len(words), "actor"))
        sentences.append((evidence, _highlight(evidence.sentence, evidence.start, spans)))
    return render(request, "event.html", title=f"Event {ev.id}: {ev.type}", event=ev, sentences=sentences)


def actors(request: Request) -> Response:
    p = request.query_params
    with open_store(request.app.state.db) as conn:
        found = list_actors(conn, kind=p.get("kind") or None, country=p.get("country") or None, name=p.get("name") or None)
    if p.get("format") in FORMATS:
        rows = [dataclasses.asdict(a) for a in found]
        return export_response(rows, p["format"], "actors")
    return render(request, "actors.html", title="Actors", actors=found)


def actor(request: Request) -> Response:
    ref = request.path_params["actor_id"]
    fmt = request.query_params.get("format")
    with open_store(request.app.state.db) as conn:
        info = data.actor_info(conn, ref)
        flt = data.EventFilter(actor=info.id).settle(conn)
        page = data.event_page(conn, flt, limit=PAGE)
        facet = data.facets(conn, flt)
        pairs = data.top_dyads(conn, actor=info.id, limit=15)
        chart = timeline_figure(data.monthly_counts(conn, flt))
        said = list_quotes(conn, speaker=info.id, limit=PAGE)
    if fmt == "json":
        return JSONResponse(
            {**dataclasses.asdict(info), "dyads": [dataclasses.asdict(d) for d in pairs], "events": page.total,
             "by_type": facet.types, "quotes": [dataclasses.asdict(q) for q in said]}
        )
    return render(
        request, "actor.html", title=info.name, actor=info, page=page, facets=facet, dyads=pairs, chart=chart, quotes=said,
    )


def dyads(request: Request) -> Response:
    p = request.query_params
    with open_store(request.app.state.db) as conn:
        actor_ref, limit = p.get("actor") or None, None if p.get("format") else 200
        found = cached(request, ("dyads", actor_ref, limit), lambda: data.top_dyads(conn, actor=actor_ref, limit=limit))
    if p.get("format") in FORMATS:
        return export_response([dataclasses.asdict(d) for d in found], p["format"], "dyads")
    return render(request, "dyads.html", title="Dyads", dyads=found)


def dyad(request: Request) -> Response:
    a_ref, b_ref = request.path_params["a"], request.path_params["b"]
    with open_store(request.app.state.db) as conn:
        a, b = data.actor_info(conn, a_ref), data.actor_info(conn, b_ref)
        if a.id == b.id:
            raise HTTPException(400, "a dyad needs two different actors")
        flt = dataclasses.replace(_event_filter(request), actor=a.id, other=b.id).settle(conn)
        page = data.event_page(conn, flt, offset=_offset(request), limit=PAGE)
        facet = data.facets(conn, flt)
        periods = data.dyad_periods(conn, flt)
        checks = data.count_checks(conn, a.id, b.id)
        chart = timeline_figure(data.monthly_counts(conn, flt))
    fmt = request.query_params.get("format")
    if fmt == "json":
        return JSONResponse(
            {"a": a.id, "b": b.id, "events": page.total, "by_status": facet.statuses, "by_type": facet.types,
             "by_year": [dataclasses.asdict(r) for r in periods], "stated_counts": [dataclasses.asdict(c) for c in checks]}
        )
    if fmt == "csv":
        return export_response([dataclasses.asdict(r) for r in periods], fmt, "dyad-by-year")
    return render(
        request, "dyad.html", title=f"{a.name} — {b.name}", a=a, b=b, page=page, facets=facet, periods=periods,
        checks=checks, chart=chart,
    )


def quotes(request: Request) -> Response:
    p = request.query_params
    with open_store(request.app.state.db) as conn:
        found = list_quotes(
            conn, speaker=p.get("speaker") or None, about=p.get("about") or None, since=p.get("since") or None,
            until=p.get("until") or None, direct_only=p.get("direct") == "1",
        )
    if p.get("format") in FORMATS:
        rows = [
            {"date": q.date, "speaker": q.speaker, "speaker_id": q.speaker_id, "direct": q.direct, "text": q.text,
             "documents": [s.document_id for s in q.sources]}
            for q in found
        ]
        return export_response(rows, p["format"], "quotes")
    return render(request, "quotes.html", title="Quotes", quotes=found[:500], total=len(found))


# -- helpers ------------------------------------------------------------------------------------


def _event_filter(request: Request) -> data.EventFilter:
    p = request.query_params
    return data.EventFilter(**{k: (p.get(k) or None) for k in _EVENT_FILTERS})


def _offset(request: Request) -> int:
    value = request.query_params.get("offset", "0")
    return int(value) if value.isdigit() else 0


def _corpus(request: Request) -> Corpus:
    return Corpus(request.app.state.db)


def _stats(conn: Any) -> dict[str, Any]:
    row = conn.execute(
        "SELECT COUNT(*) n, COALESCE(SUM(word_count), 0) w, MIN(published) lo, MAX(published) hi, "
        "SUM(published IS NULL) undated FROM documents"
    ).fetchone()
    dates = conn.execute(
        "SELECT MIN(date_value), MAX(date_value) FROM events WHERE date_value GLOB '[0-9][0-9][0-9][0-9]*'"
    ).fetchone()
    return {"documents": row["n"], "words": row["w"], "first": row["lo"], "last": row["hi"], "undated": row["undated"] or 0,
            "events_first": dates[0], "events_last": dates[1],
            "actors": conn.execute("SELECT COUNT(DISTINCT actor_id) FROM actor_mentions").fetchone()[0],
            "quotes": conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]}


def _actor_names(conn: Any, *refs: str | None) -> dict[str, str]:
    names = {}
    for ref in refs:
        if ref:
            row = conn.execute("SELECT name FROM actors WHERE id = ?", (ref,)).fetchone()
            names[ref] = row[0] if row else ref
    return names


def _event_row(e: TimelineEvent) -> dict[str, object]:
    return {
        "id": e.id, "date": e.date, "date_label": e.date_label, "type": e.type, "mode": e.mode, "status": e.status,
        "sources": list(e.names("source")), "targets": list(e.names("target")), "reports": len(e.evidence),
        "publishers": list(e.publishers), "documents": [s.document_id for s in e.sources], "sentence": e.lead.sentence,
    }


def _highlight(sentence: str, start: int, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Split ``sentence`` (at offset ``start`` in its document) into (text, class) pieces marking ``spans``."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for s, e, cls in sorted(spans):
        s, e = s - start, e - start
        if s < cursor or s < 0 or e > len(sentence):
            continue
        pieces.append((sentence[cursor:s], None))
        pieces.append((sentence[s:e], cls))
        cursor = e
    pieces.append((sentence[cursor:], None))
    return [p for p in pieces if p[0]]
