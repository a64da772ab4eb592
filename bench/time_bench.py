"""Temporal tagger benchmark: words/s of chronicle.time.find_timexes on news text.

Runs ``find_timexes`` over the texts of the TempEval-3 TBAQ documents (read at run time from
../shared/benchmarks; each with its own creation date as anchor), repeating the whole set until
at least ``--min-words`` words have been tagged, after one untimed warm-up pass that compiles
the patterns. Prints the figures and writes them as JSON to ``--out``/time.json.

Usage: python bench/time_bench.py [--min-words 200000] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

from chronicle.evaluate.tempeval import read_tml
from chronicle.time import find_timexes

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "benchmarks" / "tempeval3" / "TBAQ-cleaned"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-words", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    paths = sorted((TBAQ / "TimeBank").glob("*.tml")) + sorted((TBAQ / "AQUAINT").glob("*.tml"))
    if not paths:
        print(f"no TimeML files under {TBAQ}", file=sys.stderr)
        return 2
    docs = [read_tml(p) for p in paths]
    words_per_pass = sum(len(d.text.split()) for d in docs)
    for d in docs:  # warm-up: compile the rules, load the lexicon
        find_timexes(d.text, d.dct)
    passes = max(1, -(-args.min_words // words_per_pass))
    timexes = 0
    started = time.perf_counter()
    for _ in range(passes):
        for d in docs:
            timexes += len(find_timexes(d.text, d.dct))
    elapsed = time.perf_counter() - started
    words = words_per_pass * passes
    result = {
        "benchmark": "chronicle.time.find_timexes on TempEval-3 TBAQ texts",
        "documents": len(docs),
        "passes": passes,
        "words": words,
        "timexes": timexes,
        "seconds": round(elapsed, 3),
        "words_per_second": round(words / elapsed),
        "documents_per_second": round(len(docs) * passes / elapsed, 1),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "time.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for key, value in result.items():
        print(f"{key:>22}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
