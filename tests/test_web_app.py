"""The web app over a real store built from the sample corpus and a hostile article, through
Starlette's test client: every page answers, exports parse, nothing writes, nothing escapes."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import warnings
from pathlib import Path

import pytest

import chronicle

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # the client still works with httpx; its successor is not installed
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from chronicle.errors import StoreError  # noqa: E402
from chronicle.web import create_app  # noqa: E402

HOSTILE = """Abe and Trump talk <script>alert(1)</script> by phone
TOKYO, Feb. 14, 2018 — Japanese Prime Minister Shinzo Abe held a 30-minute phone call with U.S. President Donald Trump on Wednesday <img src=x onerror=alert(1)> about North Korea.
"We agreed <script>alert(1)</script> to keep up the pressure on North Korea," Abe told reporters after the call.
Trump met Abe <img src=x onerror=alert(1)> in Washington last month, and the two leaders will meet again in April.
"""


def write_hostile(folder: Path) -> Path:
    """Write the hostile article (script and onerror payloads inside reported sentences) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile-phone-call.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("web")
    db = base / "web.db"
    chronicle.build([examples_dir, write_hostile(base / "hostile")], db=db)
    return db


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store), base_url="http://127.0.0.1")


def _one(db: Path, sql: str) -> object:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_every_page_type_answers(client: TestClient, store: Path) -> None:
    doc = _one(store, "SELECT id FROM documents WHERE origin LIKE '%singapore-summit.txt'")
    event = _one(store, "SELECT id FROM events ORDER BY documents DESC, id LIMIT 1")
    pages = {
        "/": "deduplicated events",
        "/search?q=summit": "Articles (",
        "/documents": "Singapore",
        f"/documents/{doc}": "event sentence",
        "/events": "Showing 1–50",
        f"/events/{event}": "Reports (",
        "/actors": "Donald Trump",
        "/actors/person:donald-trump": "Dyads",
        "/dyads": "Donald Trump",
        "/dyads/person:donald-trump/person:kim-jong-un": "Stated and documented counts",
        "/quotes": "quotes",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.text, url
        assert response.headers["content-security-policy"].startswith("default-src 'self'")


def test_trump_kim_dyad_shows_the_singapore_summit(client: TestClient) -> None:
    page = client.get("/dyads/person:donald-trump/person:kim-jong-un").text
    assert "2018-06-12" in page
    assert "CONSULT/meeting" in page
    data = client.get("/dyads/person:donald-trump/person:kim-jong-un?format=json").json()
    assert data["events"] >= 1
    assert any(t == "CONSULT" for t, _ in data["by_type"])


def test_search_facets_narrow_the_events(client: TestClient) -> None:
    everything = client.get("/search?q=summit&format=json").json()
    meets = client.get("/search?q=summit&type=CONSULT&format=json").json()
    kinds = {row["kind"] for row in everything}
    assert {"document", "event"} <= kinds
    met = [r for r in meets if r["kind"] == "event"]
    assert met and all(r["title"].startswith("CONSULT") for r in met)
    assert len(met) < len([r for r in everything if r["kind"] == "event"])


def test_exports_parse_and_match_the_lists(client: TestClient, store: Path) -> None:
    events = list(csv.DictReader(io.StringIO(client.get("/events?format=csv").text)))
    assert len(events) == _one(store, "SELECT COUNT(*) FROM events")
    assert {"id", "date", "type", "status", "sources", "targets", "sentence"} <= set(events[0])
    actors = client.get("/actors?format=json").json()
    assert any(a["id"] == "person:donald-trump" and "Trump" in a["aliases"] for a in actors)
    for url in ("/documents?format=csv", "/dyads?format=csv", "/quotes?format=json", "/search?q=Abe&format=csv"):
        response = client.get(url)
        assert response.status_code == 200 and "attachment" in response.headers["content-disposition"], url
    rows = list(csv.DictReader(io.StringIO(client.get("/events?type=CONSULT&format=csv").text)))
    assert rows and all(r["type"] == "CONSULT" for r in rows)


def test_hostile_article_text_is_escaped_everywhere(client: TestClient, store: Path) -> None:
    doc = _one(store, "SELECT id FROM documents WHERE origin LIKE '%hostile-phone-call.txt'")
    event = _one(
        store,
        "SELECT em.event_id FROM event_members em JOIN event_mentions e ON e.id = em.mention_id "
        f"WHERE e.document_id = '{doc}' LIMIT 1",
    )
    for url in (f"/documents/{doc}", f"/events/{event}", "/search?q=pressure", "/quotes", "/events?actor=person:shinzo-abe",
                "/actors/person:shinzo-abe", "/dyads/person:donald-trump/person:shinzo-abe"):
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/documents/{doc}").text
    # a CSV cell that starts like a formula never reaches a spreadsheet as one
    assert "\n=" not in client.get("/events?format=csv").text


def test_read_only_local_and_contained(client: TestClient, store: Path) -> None:
    before = _one(store, "SELECT COUNT(*) FROM documents")
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/events").status_code == 405
    assert _one(store, "SELECT COUNT(*) FROM documents") == before
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404
    assert client.get("/documents/..%2f..%2fetc%2fpasswd").status_code == 404
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/actors/nobody-at-all").status_code == 404
    assert "is not a date" in client.get("/events?since=yesterday").text
    plotly = client.get("/assets/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no Chronicle store"):
        create_app(tmp_path / "absent.db")


def test_event_page_json_carries_every_report(client: TestClient, store: Path) -> None:
    event = _one(store, "SELECT id FROM events ORDER BY documents DESC, id LIMIT 1")
    record = client.get(f"/events/{event}?format=json").json()
    members = _one(store, f"SELECT COUNT(*) FROM event_members WHERE event_id = {event}")
    assert len(record["evidence"]) == members
    assert json.dumps(record)


def test_actor_facet_narrows_search_results_to_that_actor(client: TestClient) -> None:
    page = client.get("/search", params={"q": "summit"})
    assert page.status_code == 200
    links = re.findall(r'class="facet facet-actor[^"]*" href="([^"]+)">([^<]+)</a>', page.text)
    assert links, "the search page offers actors as facets"
    href, name = links[0]
    narrowed = client.get("/search" + html.unescape(href) + "&format=json")  # hrefs are relative to the page
    assert narrowed.status_code == 200
    events = [row for row in narrowed.json() if row["kind"] == "event"]
    assert events and all(name in row["title"] for row in events)
