"""The ``serve`` command: the read-only web app over a store."""

from __future__ import annotations

from pathlib import Path

import typer

from chronicle.cli.app import DbOption, _fail, app, err
from chronicle.errors import ChronicleError

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: Path = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (the loopback address unless told otherwise)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Explore the store in a browser: search, events, actors, dyads, quotes and documents (read-only)."""
    try:
        import uvicorn

        from chronicle.web import create_app
        from chronicle.web.app import LOCAL_HOSTS
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise _fail(ChronicleError(f"the web app needs starlette and uvicorn: {exc}")) from exc
    # Requests naming another host are refused on the loopback (DNS rebinding); bound wider, any name goes.
    hosts = LOCAL_HOSTS if host in _LOOPBACK else ("*",)
    try:
        application = create_app(db, allowed_hosts=hosts)
    except ChronicleError as exc:
        raise _fail(exc) from exc
    if host not in _LOOPBACK:
        err.print(f"[yellow]Listening on {host}: anyone who can reach this address can read the store.[/yellow]")
    err.print(f"Chronicle is serving {db} at http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl+C stops)")
    uvicorn.run(application, host=host, port=port, log_level="warning")
