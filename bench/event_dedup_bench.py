"""Event deduplication on the store: mentions/s and peak memory of chronicle.corpus.events.

Writes synthetic documents, event mentions and their actors straight into a fresh store with SQL:
``--actors`` actors (a few much more reported than the rest), happenings of PLOVER types over ten
years between two or three actors, each told by one to four articles published a few days after
it, each article telling one to three happenings in one to three mentions each; some mentions
state the day, some only a month, some nothing (dated by their article, or not at all), and some
happenings are planned rather than held. The stage then runs in a fresh child process, once over
the whole store and once more after ten new articles arrive (the incremental case).

Prints, per size: seconds to write the store, seconds and mentions/s of the full run, seconds of
the incremental run, events made and the child's peak resident memory. ``--out`` also writes the
figures as JSON to OUT/event_dedup.json.

Usage: python bench/event_dedup_bench.py [--sizes 100000 1000000] [--seed 7] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import platform
import queue as queue_module
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from chronicle.corpus.events import deduplicate_events
from chronicle.store import connect

TYPES = (
    "CONSULT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
    "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "AGREE", "SUPPORT", "CONCEDE", "RETREAT",
)
MODES = {"CONSULT": ("phone", "visit", "meeting", None), "ASSAULT": ("aerial", "firearms", None)}
START = dt.date(2014, 1, 1)
DAYS = 3652  # ten years


def _write_store(path: Path, size: int, actors: int, seed: int, extra_documents: int = 0) -> dict[str, int]:
    """Write about ``size`` mentions (or, with ``extra_documents``, that many more articles)."""
    rng = random.Random(seed)
    conn = connect(path)
    conn.execute("BEGIN")
    if not extra_documents:
        conn.executemany(
            "INSERT INTO actors(id, name, kind, country) VALUES (?, ?, 'state', 'XXX')",
            ((f"actor:{n}", f"Actor {n}") for n in range(actors)),
        )
    # A few actors are in much of the news (Zipf-like weights).
    weights = [1.0 / (n + 1) ** 0.8 for n in range(actors)]
    doc_seq = (conn.execute("SELECT COALESCE(MAX(seq), 0) FROM documents").fetchone()[0]) + 1
    mention_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM event_mentions").fetchone()[0]) + 1
    written = documents = 0
    docs: list[tuple] = []
    mentions: list[tuple] = []
    roles: list[tuple] = []

    def flush() -> None:
        conn.executemany(
            "INSERT INTO documents(id, seq, origin, raw_hash, title_evidence, authors, authors_evidence, published, "
            "published_basis, published_end, published_evidence, base_basis, base_evidence, language, language_score, "
            "encoding, text, word_count, status, minhash) VALUES (?, ?, ?, '', '', '[]', '', ?, ?, ?, '', 'stated', '', "
            "'en', 1.0, 'utf-8', '', 0, 'ok', x'')",
            docs,
        )
        conn.executemany(
            "INSERT INTO event_mentions(id, document_id, seq, type, mode, status, trigger_start, trigger_end, trigger, "
            "start, \"end\", date_value, date_granularity, date_basis, date_certain, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, 0, 1, 'x', 0, 1, ?, ?, ?, 1, 1.0)",
            mentions,
        )
        conn.executemany(
            "INSERT INTO event_actors(event_id, role, seq, actor_id, start, \"end\", text) VALUES (?, ?, ?, ?, 0, 1, 'x')",
            roles,
        )
        docs.clear(), mentions.clear(), roles.clear()

    happenings: list[tuple[str, str | None, str, list[str], dt.date]] = []
    while (written < size) if not extra_documents else (documents < extra_documents):
        # New happenings arrive as old ones stop being reported.
        while len(happenings) < 50 or rng.random() < 0.3:
            type_ = rng.choice(TYPES)
            happenings.append((
                type_,
                rng.choice(MODES.get(type_, (None,))),
                "occurred" if rng.random() < 0.85 else "planned",
                [f"actor:{n}" for n in set(rng.choices(range(actors), weights, k=rng.choice((2, 2, 3))))],
                START + dt.timedelta(days=rng.randrange(DAYS)),
            ))
        if len(happenings) > 200:
            del happenings[: len(happenings) - 200]
        told = rng.sample(happenings, rng.choice((1, 1, 2, 3)))
        day = max(h[4] for h in told) + dt.timedelta(days=rng.randint(0, 4))
        doc_id = f"doc{seed}-{doc_seq}"
        dated = rng.random() < 0.9
        docs.append((
            doc_id, doc_seq, f"bench/{doc_id}.txt", day.isoformat() if dated else None,
            "stated" if dated else "unknown", None if dated else (day + dt.timedelta(days=30)).isoformat(),
        ))
        seq = 0
        for type_, mode, status, who, when in told:
            for _ in range(rng.randint(1, 3)):
                roll = rng.random()
                if roll < 0.5:
                    value, granularity, basis = when.isoformat(), "day", "timex"
                elif roll < 0.6:
                    value, granularity, basis = when.isoformat()[:7], "month", "timex"
                elif roll < 0.85 and dated:
                    value, granularity, basis = day.isoformat(), "day", "document"
                else:
                    value, granularity, basis = None, None, "unknown"
                named = who if rng.random() < 0.9 else who[:1]
                mentions.append((mention_id, doc_id, seq, type_, mode, status, value, granularity, basis))
                for n, actor in enumerate(named):
                    roles.append((mention_id, "source" if n == 0 else "target", n, actor))
                mention_id += 1
                seq += 1
                written += 1
        doc_seq += 1
        documents += 1
        if len(mentions) >= 20_000:
            flush()
    flush()
    conn.execute("COMMIT")
    conn.close()
    return {"mentions": written, "documents": documents}


def _run_stage(path: str, queue: multiprocessing.Queue) -> None:
    conn = connect(path)
    started = time.perf_counter()
    conn.execute("BEGIN")
    report = deduplicate_events(conn)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    conn.close()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    queue.put({"seconds": seconds, "placed": report.placed, "created": report.created, "events": events, "peak_rss_mib": peak_kib / 1024})


def _in_child(path: Path) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_run_stage, args=(str(path), queue))
    child.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except queue_module.Empty:
            if not child.is_alive():
                raise SystemExit(f"the stage failed on {path} (exit code {child.exitcode})") from None
    child.join()
    return result


def measure(size: int, actors: int, seed: int, directory: Path) -> dict[str, object]:
    """Write a store of about ``size`` mentions, run the stage over it, then over ten new articles."""
    path = directory / f"events-{size}.db"
    started = time.perf_counter()
    written = _write_store(path, size, actors, seed)
    write_seconds = time.perf_counter() - started
    full = _in_child(path)
    added = _write_store(path, 0, actors, seed + 1, extra_documents=10)
    incremental = _in_child(path)
    path.unlink()
    return {
        "mentions": written["mentions"],
        "documents": written["documents"],
        "actors": actors,
        "write_seconds": round(write_seconds, 2),
        "full_seconds": round(full["seconds"], 2),
        "mentions_per_second": round(written["mentions"] / full["seconds"]),
        "events": full["events"],
        "peak_rss_mib": round(full["peak_rss_mib"], 1),
        "incremental_mentions": added["mentions"],
        "incremental_seconds": round(incremental["seconds"], 3),
        "incremental_peak_rss_mib": round(incremental["peak_rss_mib"], 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--dir", type=Path, help="where the temporary stores go (default: the system's)")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for size in args.sizes:
            row = measure(size, args.actors, args.seed, Path(tmp))
            rows.append(row)
            print(
                f"{row['mentions']:>9,} mentions  write {row['write_seconds']:>7.1f}s  dedup {row['full_seconds']:>7.1f}s "
                f"({row['mentions_per_second']:>7,}/s)  events {row['events']:>9,}  peak {row['peak_rss_mib']:>7.1f} MiB  "
                f"+{row['incremental_mentions']} mentions {row['incremental_seconds']:.3f}s",
                flush=True,
            )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        result = {"python": platform.python_version(), "machine": platform.machine(), "runs": rows}
        (args.out / "event_dedup.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
