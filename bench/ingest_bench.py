"""Ingest + cleaning benchmark: documents/s and peak memory on generated corpora.

Builds corpora of N documents from the sample articles and the seeds (read at run time from
../shared/seeds), varied so that no two are identical: bodies mix paragraphs of several
articles, a numbered sentence is added, the web debris around the article changes, and every
tenth document is a near-duplicate of the one before. Each size is built in a fresh
process so peak memory (max RSS) is measured per size; memory must not grow with corpus size.

Usage: python bench/ingest_bench.py [--sizes 2000 10000] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DEBRIS = [
    ["Sign in", "Newsletters", "World | Politics | Business | Opinion"],
    ["Menu", "Search", "Get more with our app", "Learn more"],
    ["Advertisement"],
    ["You have {{count}} free articles left this month", "Subscribe to get unlimited access to all articles."],
]
FOOTERS = [
    ["Share: Facebook | Twitter | Email", "© 2024 The Evening Courier. All rights reserved."],
    ["Related Topics", "  • Diplomacy", "  • Asia"],
    ["Most Read", "Previous Next"],
]


def _articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "articles" / "text").glob("*.txt"))]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts


def make_corpus(folder: Path, size: int, seed: int = 13) -> int:
    """Write ``size`` varied articles under ``folder`` (90% .txt, 5% .html, 5% as JSONL lines).

    Bodies mix paragraphs of three source articles; every tenth document is a copy of the one
    before it with other debris (a near-duplicate).
    """
    rng = random.Random(seed)
    bases = _articles()
    words = 0
    jsonl = (folder / "wire.jsonl").open("w", encoding="utf-8")
    pools = [[p for p in base.split("\n") if p.strip()] for base in bases]
    previous: list[str] = []
    for i in range(size):
        paragraphs = pools[i % len(pools)]
        head = paragraphs[:3]
        if previous and i % 10 == 5:
            body = list(previous)  # a syndicated copy with other debris: a near-duplicate
        else:
            # Mix long paragraphs of three articles so most documents are distinct.
            donors = [paragraphs] + [pools[rng.randrange(len(pools))] for _ in range(2)]
            body = [p for donor in donors for p in rng.sample(donor[3:], k=min(4, len(donor[3:])))]
            body = [p for p in body if len(p.split()) >= 12]
            body.append(f"Officials said the talks, round number {i} of the series, would continue in the coming weeks.")
        previous = body
        lines = rng.choice(DEBRIS) + head + body + rng.choice(FOOTERS)
        words += sum(len(line.split()) for line in lines)
        kind = i % 20
        sub = folder / f"part{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        if kind == 0:
            paras = "".join(f"<p>{line}</p>\n" for line in body)
            html = f"<html><head><title>{head[0]}</title></head><body><nav>{''.join(rng.choice(DEBRIS))}</nav><article><h1>{head[0]}</h1>{paras}</article><footer>Contact us</footer></body></html>"
            (sub / f"a{i:06d}.html").write_text(html, encoding="utf-8")
        elif kind == 1:
            jsonl.write(json.dumps({"text": "\n\n".join(lines), "url": f"https://news.test/{i}", "published": "2019-05-01"}) + "\n")
        else:
            (sub / f"a{i:06d}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    jsonl.close()
    return words


def _run_build(corpus: Path, db: Path) -> dict[str, float]:
    code = (
        "import json, resource, time, chronicle\n"
        "t = time.perf_counter()\n"
        # Ingest and cleaning alone; the language stages have their own benchmark (language_bench.py).
        f"r = chronicle.build([{str(corpus)!r}], db={str(db)!r}, settings=chronicle.Settings(analyse=False))\n"
        "s = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': s, 'items': r.items, 'added': r.added, 'rejected': r.count(chronicle.ItemStatus.REJECTED),"
        " 'near_duplicates': r.count(chronicle.ItemStatus.NEAR_DUPLICATE),"
        " 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            started = time.perf_counter()
            words = make_corpus(corpus, size)
            print(f"[{size:>7,} docs] corpus written in {time.perf_counter() - started:.1f} s ({words:,} words)", flush=True)
            run = _run_build(corpus, Path(tmp) / "chronicle.db")
            rerun = _run_build(corpus, Path(tmp) / "chronicle.db")
            row = {
                "documents": size,
                "words": words,
                "items": run["items"],
                "added": run["added"],
                "rejected": run["rejected"],
                "near_duplicates": run["near_duplicates"],
                "seconds": round(run["seconds"], 2),
                "documents_per_s": round(size / run["seconds"], 1),
                "words_per_s": round(words / run["seconds"]),
                "peak_rss_mb": round(run["peak_rss_mb"], 1),
                "rerun_seconds": round(rerun["seconds"], 2),
            }
            results.append(row)
            print(
                f"[{size:>7,} docs] {row['documents_per_s']:,} docs/s, {row['words_per_s']:,} words/s, "
                f"peak RSS {row['peak_rss_mb']} MB, added {row['added']} ({row['near_duplicates']} near-duplicates), "
                f"rejected {row['rejected']}, "
                f"idempotent rerun {row['rerun_seconds']} s",
                flush=True,
            )
    growth = results[-1]["peak_rss_mb"] - results[0]["peak_rss_mb"]
    summary = {
        "benchmark": "ingest + cleaning (chronicle build), one process",
        "machine": {"cores": __import__("os").cpu_count(), "python": sys.version.split()[0]},
        "results": results,
        "peak_rss_growth_mb": round(growth, 1),
    }
    (args.out / "ingest.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"peak memory growth from {results[0]['documents']:,} to {results[-1]['documents']:,} documents: {growth:+.1f} MB")
    print(f"figures written to {args.out / 'ingest.json'}")


if __name__ == "__main__":
    main()
