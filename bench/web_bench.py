"""Web app benchmark: render time of each page type of ``chronicle serve`` on a 50,000-event store.

Builds a store from the sample corpus (examples/articles), then writes ``--events`` synthetic
deduplicated events into it with SQL: each is one event mention reusing a real evidence sentence
and trigger of a real document, between two of the 30 most mentioned actors, with a PLOVER type,
a status and a date from 2016 to 2021 drawn from a seeded generator. Every page type is requested
in-process through Starlette's test client (routing, queries, template rendering, no network),
once cold (reported as ``first_ms``; corpus-wide aggregates are then remembered until the store
changes) and then ``--repeat`` times; the median and worst repeated times are reported against the
300 ms target. Prints the figures and writes them as JSON to ``--out``/web.json.

Usage: python bench/web_bench.py [--events 50000] [--repeat 5] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import chronicle
from chronicle.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 300.0
TYPES = ("CONSULT", "AGREE", "REQUEST", "ACCUSE", "THREATEN", "COOPERATE", "SANCTION", "SUPPORT", "REJECT", "MOBILIZE")
STATUSES = ("occurred",) * 6 + ("planned", "planned", "hypothetical", "negated")


def add_events(db: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` synthetic events (one mention each) into the store at ``db``."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    try:
        sentences = conn.execute(
            'SELECT document_id, start, "end", trigger_start, trigger_end, trigger FROM event_mentions'
        ).fetchall()
        actors = [r[0] for r in conn.execute(
            "SELECT actor_id FROM actor_mentions GROUP BY actor_id ORDER BY COUNT(*) DESC LIMIT 30"
        )]
        next_mention = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM event_mentions").fetchone()[0]
        next_event = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0]
        seqs = dict(conn.execute("SELECT document_id, MAX(seq) + 1 FROM event_mentions GROUP BY document_id").fetchall())
        conn.execute("BEGIN")
        for i in range(count):
            doc, start, end, t_start, t_end, trigger = rng.choice(sentences)
            seq = seqs.get(doc, 0)
            seqs[doc] = seq + 1
            mention, event = next_mention + i, next_event + i
            etype, status = rng.choice(TYPES), rng.choice(STATUSES)
            day = f"{rng.randint(2016, 2021)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            conn.execute(
                "INSERT INTO event_mentions (id, document_id, seq, type, status, trigger_start, trigger_end, trigger, start, "
                '"end", date_value, date_granularity, date_basis, date_certain, confidence) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'day', 'timex', 1, 0.8)",
                (mention, doc, seq, etype, status, t_start, t_end, trigger, start, end, day),
            )
            source, target = rng.sample(actors, 2)
            conn.execute(
                "INSERT INTO event_actors VALUES (?, 'source', 0, ?, ?, ?, '')", (mention, source, start, start)
            )
            conn.execute(
                "INSERT INTO event_actors VALUES (?, 'target', 0, ?, ?, ?, '')", (mention, target, start, start)
            )
            conn.execute(
                "INSERT INTO events (id, type, status, date_value, date_granularity, date_basis, date_certain, members, documents) "
                "VALUES (?, ?, ?, ?, 'day', 'timex', 1, 1, 1)",
                (event, etype, status, day),
            )
            conn.execute("INSERT INTO event_members VALUES (?, ?)", (mention, event))
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        conn.close()


def page_urls(db: Path) -> dict[str, str]:
    """One URL per page type, on the busiest actor, dyad, event and document."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        actor = conn.execute("SELECT actor_id FROM event_actors GROUP BY actor_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
        other = conn.execute(
            "SELECT b.actor_id FROM event_actors a JOIN event_actors b ON b.event_id = a.event_id AND b.actor_id != a.actor_id "
            "WHERE a.actor_id = ? GROUP BY b.actor_id ORDER BY COUNT(*) DESC LIMIT 1",
            (actor,),
        ).fetchone()[0]
        event = conn.execute("SELECT event_id FROM event_members GROUP BY event_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
        doc = conn.execute("SELECT document_id FROM event_mentions GROUP BY document_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()
    return {
        "overview": "/",
        "search": "/search?q=summit",
        "search_facet": "/search?q=summit&type=CONSULT",
        "events": "/events",
        "events_filtered": f"/events?actor={actor}&type=CONSULT&status=occurred&since=2018",
        "event": f"/events/{event}",
        "actor": f"/actors/{actor}",
        "dyad": f"/dyads/{actor}/{other}",
        "document": f"/documents/{doc}",
        "actors": "/actors",
        "dyads": "/dyads",
        "quotes": "/quotes",
        "documents": "/documents",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web-bench.db"
        chronicle.build([ROOT / "examples" / "articles"], db=db)
        add_events(db, args.events)
        conn = sqlite3.connect(db)
        total = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        conn.close()
        urls = page_urls(db)
        # The app starts as `chronicle serve` does: corpus-wide aggregates are worked out at start.
        client = TestClient(create_app(db), base_url="http://127.0.0.1")
        pages: dict[str, dict[str, object]] = {}
        for name, url in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            first = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                print(f"{name}: {url} answered {response.status_code}", file=sys.stderr)
                return 1
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            pages[name] = {
                "url": url, "first_ms": round(first, 1), "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
                "bytes": len(response.content), "within_target": max(times) < TARGET_MS,
            }
            print(f"{name:16} {first:7.1f} ms first {pages[name]['median_ms']:7.1f} ms median {pages[name]['max_ms']:7.1f} ms max  {url}")
    result = {
        "events": total, "target_ms": TARGET_MS, "repeat": args.repeat, "pages": pages,
        "all_within_target": all(p["within_target"] for p in pages.values()),
        "python": platform.python_version(), "machine": platform.machine(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "web.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{total} events; every page under {TARGET_MS:.0f} ms: {result['all_within_target']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
