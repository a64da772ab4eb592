"""The HTML report in real headless Chromium, offline: its charts draw, it asks the network for
nothing, and article text carrying script payloads stays text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chronicle
from chronicle.cli import app

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from test_web_app import write_hostile  # noqa: E402 - tests/ is on the path (rootdir import mode)

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not found: install Debian's chromium (apt-get install chromium)")


def test_report_charts_draw_offline_and_payloads_stay_text(examples_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    chronicle.build([examples_dir, write_hostile(tmp_path / "hostile")], db=db)
    report = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--out", str(report)])
    assert result.exit_code == 0, result.output

    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else requests.append(r.url))
            page.goto(report.as_uri())
            page.wait_for_selector(".js-plotly-plot", timeout=15_000)
            drawn = page.locator(".js-plotly-plot").count()
            charts = page.locator(".chart").count()
            body = page.inner_text("body")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
        finally:
            browser.close()
    assert charts >= 2 and drawn == charts, f"{drawn} of {charts} charts drawn"
    assert not dialogs, f"article text ran as script: {dialogs}"
    assert not errors, errors
    assert not requests, f"the report asked the network for {requests}"
    assert "<script>alert(1)</script>" in body or "onerror=alert(1)" in body
