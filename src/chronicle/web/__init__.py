"""``chronicle serve``: a local, read-only web app over a Chronicle store.

    from chronicle.web import create_app
    app = create_app("chronicle.db")   # an ASGI app: serve it with uvicorn

Pages: overview, search (articles, events, quotes, with facets), events, actors, dyads, quotes and
documents, each with a stable URL and a CSV/JSON export of its list.
"""

from chronicle.web.app import create_app

__all__ = ["create_app"]
