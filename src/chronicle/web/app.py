"""The ``chronicle serve`` application: a read-only Starlette app over one store.

Every route answers GET (and HEAD) only; the store is opened read-only per request with a time
limit on its queries; templates autoescape (article text is untrusted); static files come from this
package's ``static`` folder and the plotly.js bundle from the installed ``plotly`` package.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chronicle.errors import ChronicleError, NotFoundError, QueryError, StoreError
from chronicle.store.database import connect
from chronicle.web.charts import plotly_js

# Pages run a handful of indexed queries; a query still running after this long is a runaway.
QUERY_SECONDS = 5.0
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
     b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _SecurityHeaders:
    """Adds the content security policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def templates() -> Environment:
    """Return the Jinja2 environment of the web pages (autoescaping on every template)."""
    env = Environment(
        loader=PackageLoader("chronicle.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.globals["query"] = _query
    return env


def _query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied (None removes a key)."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged) if merged else "?"


@contextmanager
def open_store(path: str) -> Iterator[sqlite3.Connection]:
    """Yield a read-only connection to the store whose queries stop after ``QUERY_SECONDS``.

    Raises:
        StoreError: the store cannot be opened.
    """
    conn = connect(path, readonly=True)
    deadline = time.monotonic() + QUERY_SECONDS
    # a non-zero return aborts the running statement with "interrupted"
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield conn
    finally:
        conn.close()


def cached(request: Request, key: tuple[object, ...], compute: Any) -> Any:
    """Return ``compute()``, remembered by the app until the store's files change.

    Corpus-wide aggregates (top dyads, events per month) scan every event; they only change when a
    build writes the store, which changes the database or its write-ahead log.
    """
    return _remembered(request.app.state, key, compute)


def _remembered(state: Any, key: tuple[object, ...], compute: Any) -> Any:
    path = state.db
    stamp = tuple((st.st_mtime_ns, st.st_size) for st in (Path(f).stat() for f in (path, path + "-wal") if Path(f).exists()))
    memo: dict[tuple[object, ...], Any] = state.memo
    if memo.get(("stamp",)) != stamp:
        memo.clear()
        memo[("stamp",)] = stamp
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _warm(state: Any) -> None:
    """Work out the corpus-wide aggregates the overview shows before the first request asks for them."""
    from chronicle.web import data
    from chronicle.web.charts import timeline_figure

    with open_store(state.db) as conn:
        # the dyads page lists 200 pairs and the overview the first 12 of the same order
        pairs = _remembered(state, ("dyads", None, 200), lambda: data.top_dyads(conn, limit=200))
        _remembered(state, ("dyads", 12), lambda: pairs[:12])
        _remembered(state, ("timeline",), lambda: timeline_figure(data.monthly_counts(conn, data.EventFilter())))
        _remembered(state, ("facets",), lambda: data.facets(conn, data.EventFilter()))


def create_app(db: str | Path, *, allowed_hosts: tuple[str, ...] = LOCAL_HOSTS) -> Starlette:
    """Return the web app over the store at ``db``.

    ``allowed_hosts`` are the Host header values accepted (the loopback names by default, which
    keeps other web pages from reaching the app through DNS rebinding).

    Raises:
        StoreError: there is no readable Chronicle store at ``db``.
    """
    from chronicle.web import pages  # the routes import this module's helpers

    path = str(db)
    connect(path, readonly=True).close()  # fail now, not on the first request
    env = templates()

    async def plotly(request: Request) -> Response:
        return Response(plotly_js(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    static = StaticFiles(directory=str(Path(__file__).parent / "static"))
    routes = [*pages.routes(), Route("/assets/plotly.min.js", plotly), Mount("/static", app=static, name="static")]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)), Middleware(_SecurityHeaders)],
        exception_handlers={HTTPException: _http_error, ChronicleError: _chronicle_error, sqlite3.OperationalError: _db_error},
    )
    app.state.db = path
    app.state.env = env
    app.state.memo = {}
    _warm(app.state)
    return app


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Return the template ``name`` rendered with ``context`` (and the request's query parameters)."""
    env: Environment = request.app.state.env
    params = dict(request.query_params)
    html = env.get_template(name).render(request=request, params=params, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return render(request, "error.html", exc.status_code, title=f"Error {exc.status_code}", message=exc.detail)


async def _chronicle_error(request: Request, exc: Exception) -> Response:
    status = 404 if isinstance(exc, NotFoundError) else 400 if isinstance(exc, QueryError) else 500
    if isinstance(exc, StoreError):
        status = 503
    return render(request, "error.html", status, title="Not found" if status == 404 else "Cannot answer", message=str(exc))


async def _db_error(request: Request, exc: Exception) -> Response:
    message = "the query took too long and was stopped" if "interrupt" in str(exc) else f"the store could not answer: {exc}"
    return render(request, "error.html", 503, title="Cannot answer", message=message)
