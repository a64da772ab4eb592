"""Language-stage benchmark: the whole per-document pipeline against bare spaCy.

On the same text (the sample articles and the seeds, replicated to at least 200,000 words) it
measures words per second of

* bare ``nlp.pipe`` with the full small pipeline (tagger, parser, lemmatizer, entities) on the
  clean texts, one process — the reference;
* Chronicle's per-document pipeline (``process_item``: decoding, cleaning, metadata, time,
  language, actors, events, stated counts), one process;
* the same pipeline in 2 worker processes.

It prints the ratios and writes them to ``language.json``. Model loading is not timed.

Usage: python bench/language_bench.py [--words 200000] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from ingest_bench import _articles  # noqa: E402

from chronicle.analysis import load_toolkit  # noqa: E402
from chronicle.config import Settings  # noqa: E402
from chronicle.ingest.readers import content_hash  # noqa: E402
from chronicle.models import Document, SourceItem  # noqa: E402
from chronicle.pipeline import process_item  # noqa: E402


def _items(min_words: int) -> list[SourceItem]:
    bases = _articles()
    items: list[SourceItem] = []
    words = 0
    i = 0
    while words < min_words:
        text = bases[i % len(bases)] + f"\n\nThis is copy {i} of the article.\n"
        payload = text.encode("utf-8")
        items.append(SourceItem(f"bench-{i}.txt", "text", payload, content_hash(payload)))
        words += len(text.split())
        i += 1
    return items


def _work(item: SourceItem) -> int:
    result = process_item(item, Settings())
    return len(result.text.split()) if isinstance(result, Document) else 0


def _warm(_: int) -> int:
    load_toolkit(Settings())
    return os.getpid()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=220_000)  # raw words: at least 200,000 remain after cleaning
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    items = _items(args.words)
    settings = Settings()
    toolkit = load_toolkit(settings)
    docs = [process_item(item, settings, toolkit=toolkit) for item in items[: len(_articles())]]  # warm-up
    texts = [r.text for r in (process_item(item, settings.replace(analyse=False)) for item in items) if isinstance(r, Document)]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(items)} articles, {words:,} words of clean text", flush=True)

    nlp = toolkit.language.nlp
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    bare = words / (time.perf_counter() - start)
    print(f"bare nlp.pipe, full pipeline, 1 process: {bare:,.0f} words/s", flush=True)

    start = time.perf_counter()
    done = sum(_work(item) for item in items)
    single = done / (time.perf_counter() - start)
    print(f"Chronicle pipeline, 1 process:          {single:,.0f} words/s ({single / bare:.2f}x bare)", flush=True)

    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_warm, range(2)))
        start = time.perf_counter()
        done = sum(pool.map(_work, items, chunksize=4))
        double = done / (time.perf_counter() - start)
    print(f"Chronicle pipeline, 2 processes:        {double:,.0f} words/s ({double / bare:.2f}x bare)", flush=True)
    del docs

    args.out.mkdir(parents=True, exist_ok=True)
    figures = {
        "benchmark": "per-document pipeline vs bare spaCy nlp.pipe (full en_core_web_sm pipeline)",
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "articles": len(items),
        "words": words,
        "bare_nlp_pipe_words_per_s": round(bare),
        "pipeline_1_process_words_per_s": round(single),
        "pipeline_2_processes_words_per_s": round(double),
        "ratio_1_process": round(single / bare, 3),
        "ratio_2_processes": round(double / bare, 3),
        "floors": {"ratio_1_process": 1.0, "ratio_2_processes": 1.7},
    }
    (args.out / "language.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out / 'language.json'}")


if __name__ == "__main__":
    main()
