"""Event deduplication benchmark: mentions/s and peak memory of chronicle.corpus.coref.cluster_mentions.

Builds synthetic corpora (random actors, event kinds, dates, places and trigger words) of the
given sizes and clusters each in a fresh child process, so each size's peak memory is its own.
A synthetic topic holds ``--docs-per-topic`` documents reporting two or three happenings of one
kind; each document has ``--mentions-per-doc`` event mentions, most naming its happening with a
word of the kind's family ("kill", "murder", "death"), the rest other words; document words mix
the happening's names with the topic's and the language's common words. The clustering runs
with its default settings plus time clashes on (the synthetic mentions carry resolved dates).

Prints, per size: seconds to build the records, seconds to cluster, mentions/s, clusters and the
child's peak resident memory. ``--out`` also writes the figures as JSON to OUT/dedup.json.

Usage: python bench/dedup_bench.py [--sizes 100000 1000000] [--seed 7] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import resource
import sys
import time
from pathlib import Path

from chronicle.corpus.coref import CorefDocument, CorefMention, CorefSettings, cluster_mentions, load_coref_lexicon

COMMON_WORDS = 5000  # the language's common words
TOPIC_WORDS = 200  # words every report of one kind of happening uses
NAME_WORDS = 12  # names, places and numbers of one happening


def _synthetic(size: int, docs_per_topic: int, mentions_per_doc: int, seed: int) -> tuple[list[CorefMention], list[CorefDocument]]:
    rng = random.Random(seed)
    families = [lemmas for lemmas in _families().values() if len(lemmas) > 2]
    other_words = [f"verb{n}" for n in range(3000)]
    actors = [f"actor:{n}" for n in range(20_000)]
    places = [f"place{n}" for n in range(5_000)]
    mentions: list[CorefMention] = []
    documents: list[CorefDocument] = []
    topic = 0
    while len(mentions) < size:
        topic += 1
        kind = rng.choice(families)
        topic_words = [f"t{topic}w{n}" for n in range(TOPIC_WORDS)]
        happenings = []
        for _ in range(rng.choice((2, 3))):
            year, month, day = rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)
            happenings.append({
                "names": [f"h{topic}n{n}{rng.randint(0, 999)}" for n in range(NAME_WORDS)],
                "actors": rng.sample(actors, 4),
                "place": rng.choice(places),
                "date": f"{year}-{month:02d}-{day:02d}",
            })
        for d in range(docs_per_topic):
            happening = rng.choice(happenings)
            doc_id = f"t{topic}d{d}"
            words = (
                rng.choices(happening["names"], k=30)
                + rng.choices(topic_words, k=60)
                + [f"w{rng.randrange(COMMON_WORDS)}" for _ in range(150)]
            )
            documents.append(CorefDocument(id=doc_id, topic=str(topic), words=tuple(words)))
            for m in range(mentions_per_doc):
                own = rng.random() < 0.6
                mentions.append(CorefMention(
                    id=f"{doc_id}m{m}",
                    doc=doc_id,
                    topic=str(topic),
                    lemma=rng.choice(kind) if own else rng.choice(other_words),
                    pos="VERB",
                    participants=frozenset(rng.sample(happening["actors"], 2) if own else rng.sample(actors, 2)),
                    places=frozenset({happening["place"]}) if own and rng.random() < 0.3 else frozenset(),
                    times=frozenset({happening["date"]}) if own and rng.random() < 0.3 else frozenset(),
                ))
                if len(mentions) >= size:
                    break
            if len(mentions) >= size:
                break
    return mentions, documents


def _families() -> dict[str, list[str]]:
    lexicon = load_coref_lexicon()
    grouped: dict[str, list[str]] = {}
    for lemma, keys in lexicon.families.items():
        if " " not in lemma:
            grouped.setdefault(keys[0], []).append(lemma)
    return grouped


def _run(size: int, docs_per_topic: int, mentions_per_doc: int, seed: int, queue: multiprocessing.Queue) -> None:
    started = time.perf_counter()
    mentions, documents = _synthetic(size, docs_per_topic, mentions_per_doc, seed)
    built = time.perf_counter() - started
    started = time.perf_counter()
    clusters = cluster_mentions(mentions, documents, CorefSettings(time_conflicts=True))
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    queue.put({
        "mentions": len(mentions),
        "documents": len(documents),
        "topics": len({d.topic for d in documents}),
        "clusters": len(set(clusters.values())),
        "build_seconds": round(built, 2),
        "cluster_seconds": round(elapsed, 2),
        "mentions_per_second": round(len(mentions) / elapsed),
        "peak_memory_mib": round(peak_kib / 1024),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--docs-per-topic", type=int, default=40)
    parser.add_argument("--mentions-per-doc", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    results = []
    for size in args.sizes:
        queue: multiprocessing.Queue = multiprocessing.Queue()
        child = multiprocessing.Process(
            target=_run, args=(size, args.docs_per_topic, args.mentions_per_doc, args.seed, queue)
        )
        child.start()
        result = queue.get()
        child.join()
        results.append(result)
        print(
            f"{result['mentions']:>9,} mentions  {result['documents']:>7,} docs  {result['topics']:>6,} topics  "
            f"build {result['build_seconds']:>7.1f}s  cluster {result['cluster_seconds']:>7.1f}s  "
            f"{result['mentions_per_second']:>8,} mentions/s  {result['clusters']:>8,} clusters  "
            f"peak {result['peak_memory_mib']:>6,} MiB",
            flush=True,
        )
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        summary = {
            "benchmark": "chronicle.corpus.coref.cluster_mentions on synthetic event mentions",
            "runs": results,
            "python": platform.python_version(),
            "machine": platform.machine(),
        }
        (args.out / "dedup.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
