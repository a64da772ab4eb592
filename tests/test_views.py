"""Views on real stores: the timeline, dyad summaries, actor profiles, the source comparison, the
PLOVER quad table, and the timeline and dyad commands on the seeds."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle.cli import app
from chronicle.errors import NotFoundError, QueryError
from chronicle.store import connect
from chronicle.views import actor_profile, dyad_summary, load_plover_scale, source_comparison, timeline

PAIR = ("Shinzo Abe", "Donald Trump")


@pytest.fixture()
def seeds(build_seeds: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(build_seeds, readonly=True)
    yield conn
    conn.close()


@pytest.fixture()
def examples(examples_build) -> Iterator[sqlite3.Connection]:  # type: ignore[no-untyped-def]
    conn = connect(examples_build.db, readonly=True)
    yield conn
    conn.close()


def test_the_quad_table_follows_the_plover_manual() -> None:
    scale = load_plover_scale()
    expected = {
        "verbal cooperation": {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
        "material cooperation": {"COOPERATE", "AID", "RETREAT"},
        "verbal conflict": {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
        "material conflict": {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
    }
    for quad, types in expected.items():
        assert {t for t in types if scale.quad(t) == quad} == types
    assert [scale.quad_code(t) for t in ("AGREE", "AID", "ACCUSE", "ASSAULT")] == [1, 2, 3, 4]
    assert scale.score("CONSULT", "phone") == 1.5 and scale.score("CONSULT", "dinner") == 2.5
    assert all(scale.score(t) is not None for types in expected.values() for t in types)
    assert scale.score("ACCUSE") < 0  # every ACCUSE mode is conflictual
    assert scale.modes_counted("meeting") >= {"meeting", "visit"} and scale.modes_counted("phone") == {"phone"}


def test_the_dyad_timeline_is_in_date_order_with_each_call_once(seeds: sqlite3.Connection) -> None:
    events = timeline(seeds, dyad=PAIR)
    dated = [e.date for e in events if e.dated]
    assert dated == sorted(dated)
    # Dated events come first, then undated ones.
    assert [e.dated for e in events] == sorted((e.dated for e in events), reverse=True)
    calls = [e for e in events if e.type == "CONSULT" and e.mode == "phone" and e.status == "occurred"]
    days = [e.date for e in calls if e.dated]
    assert days == ["2018-02-02", "2018-02-14", "2019-12-21"] and len(set(days)) == len(days)
    december = calls[days.index("2019-12-21")]
    assert [d.label for d in december.durations] == ["75 min"]
    assert december.publishers == ("Chosunilbo",)
    assert {p.actor_id for p in december.participants} >= {"person:shinzo-abe", "person:donald-trump"}
    # Each evidence sentence is the text of its document at its offsets.
    for item in december.evidence:
        assert item.trigger.lower() in item.sentence.lower()
    assert "Dec. 21" in " ".join(e.sentence for e in december.evidence)
    nikkei = [e for e in calls if not e.dated]
    assert len(nikkei) == 1 and [d.label for d in nikkei[0].durations] == ["35 min"]
    assert nikkei[0].date_label.startswith("undated")


def test_timeline_filters(seeds: sqlite3.Connection) -> None:
    everything = timeline(seeds)
    consult = timeline(seeds, type="consult")
    assert consult and all(e.type == "CONSULT" for e in consult) and len(consult) < len(everything)
    in_2018 = timeline(seeds, since="2018", until="2018-12")
    assert in_2018 and all(e.date and e.date.startswith("2018") for e in in_2018)
    planned = timeline(seeds, actor="Abe", status="planned")
    assert planned and all(e.status == "planned" for e in planned)
    assert len(timeline(seeds, limit=3)) == 3
    with pytest.raises(QueryError):
        timeline(seeds, since="last year")
    with pytest.raises(NotFoundError):
        timeline(seeds, actor="Nobody Atall")


def test_dyad_summary_sets_stated_counts_beside_documented_ones(seeds: sqlite3.Connection) -> None:
    summary = dyad_summary(seeds, "Abe", "Trump")
    assert {summary.a.id, summary.b.id} == {"person:shinzo-abe", "person:donald-trump"}
    occurred = [e for e in summary.events if e.status == "occurred"]
    assert sum(n for _, n in summary.by_quad) == len(occurred)
    assert dict(summary.by_quad)["verbal cooperation"] >= 4
    assert sum(p.count for p in summary.by_year) == sum(p.count for p in summary.by_month)
    assert sum(p.count for p in summary.by_year) + len(summary.undated) == len(occurred)
    phone_2018 = [p for p in summary.by_month if p.period == "2018-02" and p.type == "CONSULT" and p.mode == "phone"]
    assert phone_2018 and phone_2018[0].count == 2
    checks = {c.mode: c for c in summary.counts}
    calls = checks["phone"]
    assert calls.stated == 33 and calls.as_of == "2020-01-14" and "33 times" in calls.sentence
    # The two February 2018 calls and the December 2019 one; the Nikkei's undated call may be before or after.
    assert len(calls.documented) == 3 and len(calls.undated) == 1
    assert calls.sentence_text == "articles state 33 times (CONSULT/phone) by 2020-01-14; this corpus documents 3 (and 1 undated)"
    summits = checks["meeting"]
    assert summits.stated == 14 and len(summits.documented) >= 1
    with pytest.raises(QueryError):
        dyad_summary(seeds, "Abe", "Shinzo Abe")


def test_actor_profile(seeds: sqlite3.Connection) -> None:
    profile = actor_profile(seeds, "Abe")
    assert profile.id == "person:shinzo-abe" and profile.country == "JPN"
    aliases = dict(profile.aliases)
    assert aliases["Abe"] > 10 and profile.mentions == sum(aliases.values())
    assert profile.partners[0][0].id == "person:donald-trump"
    assert profile.as_source > 0 and profile.as_target > 0
    assert profile.events and all(
        any(p.actor_id == profile.id for p in e.participants) for e in profile.events
    )
    assert any("meaningless" in q.text for q in profile.quotes)


def test_source_comparison_on_the_sample_corpus(examples: sqlite3.Connection) -> None:
    comparison = source_comparison(examples)
    outlets = {o.outlet: o for o in comparison.outlets}
    # The Helsinki summit is told by two wire services a day apart; the Singapore summit by two papers.
    shared = {(e.event.type, frozenset(p.name for p in e.event.participants)): e for e in comparison.shared}
    helsinki = shared[("CONSULT", frozenset({"Donald Trump", "Vladimir Putin"}))]
    assert {v.outlet for v in helsinki.versions} == {"Meridian Wire Service", "Kestrel News"}
    assert helsinki.event.date == "2018-07-16"
    singapore = shared[("CONSULT", frozenset({"Donald Trump", "Kim Jong Un"}))]
    assert {v.outlet for v in singapore.versions} == {"The Continental Review", "Harbor Times"}
    assert singapore.event.id in outlets["Harbor Times"].shared
    assert all(len(s.event.sources) > 1 for s in comparison.shared)


def test_the_timeline_command_on_the_seeds(build_seeds: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "--db", str(build_seeds), "--dyad", *PAIR, "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)
    calls = [e for e in events if e["type"] == "CONSULT" and e["mode"] == "phone" and e["status"] == "occurred"]
    meetings = [e for e in events if e["type"] == "CONSULT" and e["mode"] in ("meeting", "visit")]
    assert [e["date"] for e in calls] == ["2018-02-02", "2018-02-14", "2019-12-21", None]
    assert {"planned", "occurred"} <= {e["status"] for e in meetings}
    assert any(e["date"] == "2017-11-05" for e in meetings)  # the Tokyo dinner
    assert any(d["value"] == "PT2H30M" for e in meetings for d in e["durations"])  # the New York dinner
    assert all(e["sources"] and e["evidence"] for e in events)
    table = runner.invoke(app, ["timeline", "--db", str(build_seeds), "--dyad", *PAIR, "--type", "CONSULT"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "2019-12-21" in table.output and "75 min" in table.output and "Chosunilbo" in table.output
    csv = runner.invoke(app, ["timeline", "--db", str(build_seeds), "--actor", "Abe", "--format", "csv", "--since", "2019"])
    assert csv.exit_code == 0 and csv.output.splitlines()[0].startswith("id,date,type,mode,status")
    bad = runner.invoke(app, ["timeline", "--db", str(build_seeds), "--actor", "Nobody Atall"])
    assert bad.exit_code == 2 and "no actor" in bad.output


def test_the_dyad_command(build_seeds: Path) -> None:
    result = CliRunner().invoke(app, ["dyad", "Abe", "Trump", "--db", str(build_seeds)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "articles state 33 times (CONSULT/phone)" in result.output and "verbal cooperation" in result.output
    as_json = CliRunner().invoke(app, ["dyad", "Abe", "Trump", "--db", str(build_seeds), "--format", "json"])
    data = json.loads(as_json.output)
    assert data["a"]["id"] == "person:shinzo-abe" and data["counts"]
