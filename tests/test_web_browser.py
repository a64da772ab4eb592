"""The web app in real headless Chromium over a store built from the sample corpus, the seeds (when
present) and a hostile article: every page type loads, an analyst clicks from the overview to an
actor, a dyad, an event and its source sentence, searches with a facet; no article text runs as
script. A screenshot of each page type goes to test-artifacts/."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import chronicle

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
uvicorn = pytest.importorskip("uvicorn")

from chronicle.web import create_app  # noqa: E402
from test_web_app import write_hostile  # noqa: E402 - tests/ is on the path (rootdir import mode)

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not found: install Debian's chromium (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def store(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("browser")
    db = base / "browser.db"
    inputs = [examples_dir, write_hostile(base / "hostile")]
    if SEEDS.is_dir():
        inputs.append(SEEDS)
    chronicle.build(inputs, db=db)
    return db


@pytest.fixture(scope="module")
def base_url(store: Path) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not dialogs, f"article text ran as script: dialogs {dialogs}"
    assert not errors, f"script errors on the page: {errors}"


def _shot(tab: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=False)  # type: ignore[attr-defined]


def test_click_from_overview_to_actor_dyad_event_and_sentence(page: object, base_url: str) -> None:
    tab = page
    tab.goto(base_url + "/")  # type: ignore[attr-defined]
    assert "deduplicated events" in tab.inner_text("section.stats")  # type: ignore[attr-defined]
    tab.wait_for_selector("#timeline .main-svg", timeout=15_000)  # type: ignore[attr-defined]  # plotly drew the chart
    _shot(tab, "overview")

    tab.click("table.actors a.actor-link >> text=Donald Trump")  # type: ignore[attr-defined]
    tab.wait_for_url("**/actors/person%3Adonald-trump")  # type: ignore[attr-defined]
    assert tab.inner_text("h1") == "Donald Trump"  # type: ignore[attr-defined]
    assert "Trump" in tab.inner_text("dd.aliases")  # type: ignore[attr-defined]
    _shot(tab, "actor")

    tab.click("table.dyads a.dyad-link >> nth=0")  # type: ignore[attr-defined]
    tab.wait_for_url("**/dyads/**")  # type: ignore[attr-defined]
    assert "Donald Trump —" in tab.inner_text("h1")  # type: ignore[attr-defined]
    assert tab.locator("table.events tbody tr").count() >= 1  # type: ignore[attr-defined]
    _shot(tab, "dyad")

    tab.click("table.events a.event-link >> nth=0")  # type: ignore[attr-defined]
    tab.wait_for_url("**/events/*")  # type: ignore[attr-defined]
    trigger = tab.inner_text("article.mention blockquote mark.trigger >> nth=0")  # type: ignore[attr-defined]
    assert trigger.strip()
    _shot(tab, "event")

    sentence = tab.inner_text("article.mention blockquote >> nth=0")  # type: ignore[attr-defined]
    tab.click("article.mention a.source-sentence >> nth=0")  # type: ignore[attr-defined]
    tab.wait_for_url("**/documents/*")  # type: ignore[attr-defined]
    focused = tab.locator("mark.sentence.focus")  # type: ignore[attr-defined]
    assert focused.count() == 1
    assert sentence.strip()[:40] in " ".join(focused.inner_text().split())
    assert focused.is_visible()
    _shot(tab, "document")


def test_search_with_a_facet(page: object, base_url: str) -> None:
    tab = page
    tab.goto(base_url + "/")  # type: ignore[attr-defined]
    tab.fill("header input[name=q]", "summit")  # type: ignore[attr-defined]
    tab.press("header input[name=q]", "Enter")  # type: ignore[attr-defined]
    tab.wait_for_url("**/search?q=summit")  # type: ignore[attr-defined]
    assert tab.locator("ol.hits a.hit").count() >= 1  # type: ignore[attr-defined]
    before = tab.locator("table.events tbody tr").count()  # type: ignore[attr-defined]
    _shot(tab, "search")
    tab.click("a.facet-type >> text=CONSULT")  # type: ignore[attr-defined]
    tab.wait_for_url("**type=CONSULT**")  # type: ignore[attr-defined]
    types = tab.locator("table.events tbody tr td:nth-child(2)").all_inner_texts()  # type: ignore[attr-defined]
    assert types and all(t.startswith("CONSULT") for t in types)
    assert len(types) <= before
    assert "on" in (tab.get_attribute("a.facet-type >> text=CONSULT", "class") or "")  # type: ignore[attr-defined]


def test_list_pages_and_removed_lines(page: object, base_url: str, store: Path) -> None:
    tab = page
    for name in ("events", "actors", "dyads", "quotes", "documents"):
        tab.goto(f"{base_url}/{name}")  # type: ignore[attr-defined]
        assert tab.locator("table tbody tr").count() >= 1, name  # type: ignore[attr-defined]
        assert tab.locator("a.export-csv").count() == 1, name  # type: ignore[attr-defined]
        _shot(tab, name)
    conn = sqlite3.connect(store)
    doc = conn.execute(
        "SELECT document_id FROM removed_lines GROUP BY document_id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    conn.close()
    tab.goto(f"{base_url}/documents/{doc}")  # type: ignore[attr-defined]
    assert tab.locator("table.removed").count() == 0  # type: ignore[attr-defined]
    tab.click("a.show-removed")  # type: ignore[attr-defined]
    assert tab.locator("table.removed tbody tr").count() >= 1  # type: ignore[attr-defined]


def test_hostile_article_renders_as_text_on_every_page(page: object, base_url: str, store: Path) -> None:
    tab = page
    conn = sqlite3.connect(store)
    doc = conn.execute("SELECT id FROM documents WHERE origin LIKE '%hostile-phone-call.txt'").fetchone()[0]
    events = [r[0] for r in conn.execute(
        "SELECT DISTINCT em.event_id FROM event_members em JOIN event_mentions e ON e.id = em.mention_id WHERE e.document_id = ?",
        (doc,),
    )]
    conn.close()
    urls = [f"/documents/{doc}", f"/documents/{doc}?removed=1", "/search?q=pressure", "/search?q=Abe+Trump", "/quotes",
            "/events?actor=person:shinzo-abe", "/actors/person:shinzo-abe", "/dyads/person:donald-trump/person:shinzo-abe", "/"]
    urls += [f"/events/{e}" for e in events]
    for url in urls:
        tab.goto(base_url + url)  # type: ignore[attr-defined]
        assert tab.locator("main img").count() == 0, url  # type: ignore[attr-defined]
        assert tab.locator("main script:not([type='application/json'])").count() == 0, url  # type: ignore[attr-defined]
    tab.goto(f"{base_url}/documents/{doc}")  # type: ignore[attr-defined]
    text = tab.inner_text("article.doctext")  # type: ignore[attr-defined]
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    _shot(tab, "hostile-document")
