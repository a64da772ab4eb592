"""The report on real stores: one self-contained HTML file whose plotly charts and links reach their
evidence, Markdown, article text that cannot inject markup (nor through a chart's hover label), and
the ECB+ command on a development topic."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chronicle
from chronicle.cli import app
from chronicle.report import gather_briefing, render_html, render_markdown, write_report
from chronicle.report.chart import plotly_bundle
from chronicle.store import connect

ECBPLUS = Path(__file__).parents[1].parent / "shared" / "benchmarks" / "ecbplus"

HOSTILE = """Leaders meet <script>alert(1)</script> in Geneva
By Staff Reporter
March 3, 2021 10:00

GENEVA — President Joe Biden met Russian President Vladimir Putin in Geneva on Tuesday <img src=x onerror=alert(1)> for talks that lasted about three hours, officials said.

"We had a frank discussion <script>alert(2)</script> about arms control," Biden told reporters after the meeting, adding that the two sides agreed to resume strategic stability talks.

Putin said the meeting was constructive and that both governments would return their ambassadors to their posts.
"""


class _Tags(HTMLParser):
    """Collects the tags and attributes of a page, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    return _parse(html).tags


def _charts(html: str) -> dict[str, dict]:
    """The plotly figures of a report, by the id of their div (attributes unescaped as a browser does)."""
    return {
        a["id"]: json.loads(a["data-figure"])
        for t, a in _tags(html)
        if t == "div" and "chart" in (a.get("class") or "").split() and a.get("data-figure") and a.get("id")
    }


def _hover_texts(figure: dict) -> list[str]:
    return [text for trace in figure["data"] for text in trace.get("text") or []]


@pytest.fixture(scope="module")
def examples_html(examples_build, tmp_path_factory: pytest.TempPathFactory) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(examples_build.db), "--out", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_the_report_is_one_self_contained_file(examples_html: str) -> None:
    page = _parse(examples_html)
    tags = page.tags
    # Nothing is fetched: no external script, style sheet, image or frame.
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert all("src" not in a for t, a in tags if t == "script")
    assert not re.search(r"""src\s*=\s*["']?(https?:)?//""", examples_html)
    # plotly.js is embedded once, whole, in the head; the other script is the report's own few lines.
    bundle = plotly_bundle()
    assert len(bundle) > 1_000_000
    assert [s for s in page.scripts if s == bundle] == [page.scripts[0]]
    assert examples_html.count(bundle[:400]) == 1 and examples_html.index(bundle[:400]) < examples_html.index("</head>")
    assert len(page.scripts) == 2 and len(page.scripts[1]) < 5_000 and "Plotly.newPlot" in page.scripts[1]
    assert len(examples_html.encode()) < len(bundle.encode()) + 1_500_000


def test_the_charts_are_plotly_figures_that_reach_their_evidence(examples_build, examples_html: str) -> None:  # type: ignore[no-untyped-def]
    charts = _charts(examples_html)
    tags = _tags(examples_html)
    ids = {a["id"] for _, a in tags if a.get("id")}
    dyads = [a["id"] for t, a in tags if t == "h3" and re.fullmatch(r"dyad\d+", a.get("id") or "")]
    assert len(dyads) == 3
    # The timeline and one chart per dyad section.
    assert set(charts) == {"timeline-chart", *(f"{d}-chart" for d in dyads)}
    timeline = charts["timeline-chart"]
    assert {t["type"] for t in timeline["data"]} == {"scatter"}
    names = [t["name"] for t in timeline["data"]]
    assert "verbal cooperation" in names and len(names) == len(set(names))
    points = [(x, d) for t in timeline["data"] for x, d in zip(t["x"], t["customdata"], strict=True)]
    assert len(points) > 50
    # Each point is an event of the list, carries its status, and hovers its date, type and sources.
    assert {d[1] for _, d in points} >= {"occurred", "planned"}
    assert not [d for _, d in points if d[0] not in ids or not d[0].startswith("e")]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", x) for x, _ in points)
    hovers = _hover_texts(timeline)
    assert len(hovers) == len(points) and all("source" in h and "<b>" in h for h in hovers)
    assert any("Helsinki" in h for h in hovers)
    for dyad in dyads:
        bars = charts[f"{dyad}-chart"]
        assert bars["layout"]["barmode"] == "stack" and {t["type"] for t in bars["data"]} == {"bar"}
        # Each bar segment is a row of the dyad's period table, which links its events.
        targets = [d[0] for t in bars["data"] for d in t["customdata"]]
        assert targets and not [t for t in targets if t not in ids or not t.startswith(dyad + "-p")]
        assert sum(sum(t["y"]) for t in bars["data"]) >= len(targets)


def test_every_link_reaches_its_evidence(examples_html: str) -> None:
    tags = _tags(examples_html)
    ids = {a["id"] for _, a in tags if a.get("id")}
    links = [a["href"][1:] for t, a in tags if t == "a" and (a.get("href") or "").startswith("#")]
    assert links and not [link for link in links if link not in ids]
    evidence = [a["id"] for t, a in tags if t == "p" and (a.get("id") or "").startswith("m")]
    assert len(evidence) > 50
    # Each event row of the timeline points at its sentences, each sentence back at its event.
    rows = [a["id"] for t, a in tags if t == "tr" and (a.get("id") or "").startswith("e")]
    assert len(rows) > 50
    for section in ("overview", "actors", "timeline", "dyads", "quotes", "sources", "evidence"):
        assert section in ids


def test_the_report_briefs_on_the_sample_corpus(examples_build) -> None:  # type: ignore[no-untyped-def]
    conn = connect(examples_build.db, readonly=True)
    try:
        briefing = gather_briefing(conn, dyads=2)
    finally:
        conn.close()
    assert briefing.overview.documents == 15 and briefing.overview.events == briefing.events_total
    assert briefing.overview.multi_source_events >= 2  # Helsinki and Singapore
    assert "Donald Trump" in [a.name for a in briefing.actors[:3]]
    assert len(briefing.dyads) == 2 and all(d.summary.events for d in briefing.dyads)
    html = render_html(briefing)
    assert "Meridian Wire Service" in html and "Kestrel News" in html


def test_markdown_report(examples_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    conn = connect(examples_build.db, readonly=True)
    try:
        size = write_report(conn, tmp_path / "report.md", fmt="md")
    finally:
        conn.close()
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert size == len(text.encode()) and text.startswith("# Chronicle briefing")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert links and not [link for link in links if link not in anchors]
    assert "## Timeline" in text and "| date | event | status |" in text


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "articles").mkdir()
    (root / "articles" / "geneva.txt").write_text(HOSTILE, encoding="utf-8")
    db = root / "hostile.db"
    chronicle.build([root / "articles"], db=db)
    return db


def test_article_text_is_shown_never_run(hostile_store: Path, tmp_path: Path) -> None:
    conn = connect(hostile_store, readonly=True)
    try:
        stored = conn.execute("SELECT title, text FROM documents").fetchone()
        briefing = gather_briefing(conn)
        html = render_html(briefing)
        markdown = render_markdown(briefing)
    finally:
        conn.close()
    # The payload really is in the store and in the report's evidence...
    assert "<script>alert(1)</script>" in stored[0] and "onerror=alert(1)" in stored[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # ...as text: the only script is the report's own, and no element carries an event handler.
    tags = _tags(html)
    assert sum(1 for t, _ in tags if t == "script") == 2  # plotly.js and the report's own
    assert not [t for t, _ in tags if t == "img"]
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert "<script>alert" not in html and "<img src=x" not in html
    # plotly.js reads hover labels as HTML: in the figures the payload is escaped text.
    hovers = _hover_texts(_charts(html)["timeline-chart"])
    assert any("&lt;img src=x onerror=alert(1)&gt;" in h for h in hovers)
    assert not [h for h in hovers if "<img" in h or "<script" in h]
    assert "<script>" not in markdown and "<img" not in markdown
    assert "&lt;script&gt;alert(1)" in markdown


@pytest.mark.skipif(
    not (ECBPLUS / "ECBplus_coreference_sentences.csv").is_file(), reason=f"the ECB+ benchmark is not available at {ECBPLUS}"
)
def test_the_ecbplus_command_on_a_development_topic(tmp_path: Path) -> None:
    response = tmp_path / "response.jsonl"
    result = CliRunner().invoke(
        app, ["evaluate", "ecbplus", str(ECBPLUS), "--topics", "2", "5", "--response", str(response), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["topics"] == ["2", "5"] and figures["mentions"] > 100
    assert figures["method"]["conll_f1"] > 0.6 and figures["baseline"]["conll_f1"] > 0.5
    lines = response.read_text(encoding="utf-8").splitlines()
    assert len(lines) == figures["mentions"] and {"doc", "m_id", "cluster"} <= set(json.loads(lines[0]))
    table = CliRunner().invoke(app, ["evaluate", "ecbplus", str(ECBPLUS), "--topics", "2"], env={"COLUMNS": "160"})
    assert table.exit_code == 0 and "same-lemma baseline" in table.output and "CoNLL F1" in table.output
    wrong = CliRunner().invoke(app, ["evaluate", "ecbplus", str(ECBPLUS), "--topics", "99"])
    assert wrong.exit_code == 2 and "99" in wrong.output
