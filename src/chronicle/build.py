"""``build``: read inputs, run the per-document pipeline, write the store.

Two passes over the inputs that are new since the last build: the first counts short lines
across articles (the repetition index the cleaner uses to spot site furniture), the second runs
the per-document pipeline and writes in batches through the store's single writer.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.config import Settings
from chronicle.ingest import InputFile, SidecarIndex, discover, load_sidecars, read_items
from chronicle.ingest.readers import metadata_fingerprint
from chronicle.models import Document, ItemOutcome, ItemStatus, Rejection, SourceItem
from chronicle.pipeline import CorpusContext, prepare, process_item, repetition_lines
from chronicle.store import FileDone, Pending, StoreWriter, connect


@dataclass(frozen=True)
class BuildProgress:
    """Progress of a build, reported as each phase goes.

    Phases: "scan" (the repetition index), "process" (the local engine: per input file); with the
    Ray engine, "analyse" (items whose records are written as shards; ``files_total`` then holds
    the number of items to analyse) and "load" (per input file, into the store).
    """

    phase: str
    files_done: int
    files_total: int  # 0 while unknown (during the scan)
    items_done: int


ProgressCallback = Callable[[BuildProgress], None]


@dataclass(frozen=True)
class BuildReport:
    """The result of ``build``: counts by outcome; per-item outcomes are read from the store's log.

    Outcomes are logged in the store (table ``build_outcomes``) rather than held in memory, so a
    build of any size runs in flat memory; ``outcomes`` and ``rejections`` read them back.
    """

    db: str
    build_id: int
    counts: dict[ItemStatus, int] = field(hash=False)
    seconds: float

    def count(self, status: ItemStatus) -> int:
        """Number of items with this outcome."""
        return self.counts.get(status, 0)

    @property
    def added(self) -> int:
        """Documents stored by this build (near-duplicates included: they are stored and linked)."""
        return self.count(ItemStatus.ADDED) + self.count(ItemStatus.NEAR_DUPLICATE)

    @property
    def items(self) -> int:
        return sum(self.counts.values())

    @property
    def nothing_read(self) -> bool:
        """True when no item at all could be read (no inputs, or every one rejected)."""
        return self.items == self.count(ItemStatus.REJECTED)

    @property
    def outcomes(self) -> tuple[ItemOutcome, ...]:
        """Every item's outcome, in processing order (read from the store)."""
        return self._read("")

    @property
    def rejections(self) -> tuple[ItemOutcome, ...]:
        """The rejected items with their codes and reasons (read from the store)."""
        return self._read(f"AND status = '{ItemStatus.REJECTED.value}'")

    def _read(self, condition: str) -> tuple[ItemOutcome, ...]:
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                f"SELECT origin, status, document_id, code, reason FROM build_outcomes WHERE build_id = ? {condition} ORDER BY seq",
                (self.build_id,),
            ).fetchall()
        finally:
            conn.close()
        return tuple(ItemOutcome(o, ItemStatus(s), d, c, r) for o, s, d, c, r in rows)


def build(
    paths: Iterable[str | Path],
    db: str | Path = "chronicle.db",
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """Ingest ``paths`` (files, folders, globs) into the store at ``db``.

    Idempotent: items already processed are reported as unchanged and not written again.
    Incremental: only new or changed files are read.

    Returns:
        A ``BuildReport`` with every item's outcome (rejections carry their reasons).

    Raises:
        StoreError: the store cannot be opened or written.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    conn = connect(db)
    try:
        writer = StoreWriter(conn, settings)
        build_id = writer.start_build()
        store_files = [Path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
        sidecars, sidecar_errors = load_sidecars(
            f.path for f in discover(paths, exclude=store_files) if f.format == "sidecar"
        )
        counts: Counter[ItemStatus] = Counter()

        unchanged: list[ItemOutcome] = []

        def log(outcomes: list[ItemOutcome], flush: bool = False) -> None:
            # Outcomes of unchanged files are logged in batches: one transaction per file would
            # make rebuilding a large corpus slow for nothing.
            unchanged.extend(outcomes)
            counts.update(o.status for o in outcomes)
            if flush or len(unchanged) >= 50 * settings.batch_size:
                writer.log_outcomes(build_id, unchanged)
                unchanged.clear()

        log([ItemOutcome(path, ItemStatus.REJECTED, None, err.code, err.reason) for path, err in sidecar_errors])

        def todo(report_unchanged: bool) -> Iterator[Todo]:
            # Walked afresh for each pass, so no list of the corpus's files is held in memory.
            for source in discover(paths, exclude=store_files):
                if source.format == "sidecar":
                    continue
                size, mtime = _stat(source.path)
                meta_sig = metadata_fingerprint(sidecars.lookup(path=source.path))
                if size >= 0 and writer.file_unchanged(source.path, size, mtime, meta_sig):
                    if report_unchanged:
                        log(writer.stored_outcomes(source.path))
                else:
                    yield Todo(source, size, mtime, meta_sig)

        if settings.engine == "ray":
            from chronicle.distributed.ray_engine import run_on_ray

            entries = list(todo(True))
            counts.update(run_on_ray(writer, build_id, db, entries, settings, sidecars, progress))
        else:
            files = _scan_repetition(writer, todo(False), settings, sidecars, progress)
            context = CorpusContext(boilerplate=writer.boilerplate())
            counts.update(_process(writer, build_id, todo(True), files, settings, sidecars, context, progress))
        log([], flush=True)
        writer.anchor_undated()
        writer.reconcile_actors()
        writer.deduplicate_events()
        writer.finish_build(build_id, counts)
    finally:
        conn.close()
    return BuildReport(str(db), build_id, dict(counts), time.perf_counter() - started)


@dataclass(frozen=True)
class Todo:
    """An input file a build has to read (new, or changed since it was last read)."""

    source: InputFile
    size: int
    mtime_ns: int
    meta_sig: str

    def done(self, retry: bool = False) -> FileDone | None:
        """The mark that the file was read in full, or None when the next build must read it again.

        ``retry``: the file was refused for a reason that may pass without the file changing
        (it could not be read, a library was missing), so it is not marked as done.
        """
        if retry or self.size < 0 or self.source.format in ("missing", "unsupported"):
            return None
        return FileDone(self.source.path, self.size, self.mtime_ns, self.meta_sig)


# Refusals of a whole file that say nothing about its content: the file is read again next time.
RETRY_CODES = frozenset({"unreadable", "parquet-unavailable"})


def _stat(path: str) -> tuple[int, int]:
    try:
        stat = Path(path).stat()
    except OSError:
        return -1, -1
    return stat.st_size, stat.st_mtime_ns


def _new_items(writer: StoreWriter, source: InputFile, settings: Settings, sidecars: SidecarIndex) -> Iterator[SourceItem | Rejection | ItemOutcome]:
    for item in read_items(source, settings, sidecars):
        done = writer.stored_outcome(item.origin, item.raw_hash) if item.raw_hash else None
        yield done if done is not None else item


def _scan_repetition(
    writer: StoreWriter,
    todo: Iterable[Todo],
    settings: Settings,
    sidecars: SidecarIndex,
    progress: ProgressCallback | None,
) -> int:
    """Record the short lines of every new text item; return the number of files to process."""
    pairs: list[tuple[str, str]] = []
    items = 0
    index = 0
    for index, entry in enumerate(todo, start=1):
        for item in _new_items(writer, entry.source, settings, sidecars):
            lines = repetition_lines(item) if isinstance(item, SourceItem) else None
            if lines is None:
                continue
            keys, signature = lines
            pairs.extend((key, signature) for key in keys)
            items += 1
            if len(pairs) >= 20_000:
                writer.record_lines(pairs)
                pairs.clear()
        if progress:
            progress(BuildProgress("scan", index, 0, items))
    writer.record_lines(pairs)
    return index


def _process(
    writer: StoreWriter,
    build_id: int,
    todo: Iterable[Todo],
    files_total: int,
    settings: Settings,
    sidecars: SidecarIndex,
    context: CorpusContext,
    progress: ProgressCallback | None,
) -> Counter[ItemStatus]:
    pool = _pool(settings, context)
    try:
        results = _local_results(writer, todo, files_total, settings, sidecars, context, progress, pool)
        return write_in_order(writer, build_id, results, settings)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _local_results(
    writer: StoreWriter,
    todo: Iterable[Todo],
    files_total: int,
    settings: Settings,
    sidecars: SidecarIndex,
    context: CorpusContext,
    progress: ProgressCallback | None,
    pool: ProcessPoolExecutor | None,
) -> Iterator[Pending | FileDone | ItemOutcome]:
    """Run the pipeline over the new items of ``todo``; yield results in input order."""
    items = 0
    # Entries wait here in input order until their result is ready, so a file is marked done only
    # after all of its items, whichever process analysed them. The window bounds the items in flight.
    window: deque[tuple[str, Future[Document | Rejection] | Pending | FileDone | ItemOutcome]] = deque()
    keep = 4 * settings.workers * max(1, settings.batch_size // 10) if pool else 0

    def ready(keep: int) -> Iterator[Pending | FileDone | ItemOutcome]:
        while len(window) > keep:
            file, entry = window.popleft()
            yield Pending(file, entry.result()) if isinstance(entry, Future) else entry

    for index, entry in enumerate(todo, start=1):
        source = entry.source
        retry = False
        for item in _new_items(writer, source, settings, sidecars):
            items += 1
            if isinstance(item, ItemOutcome):
                window.append((source.path, item))
            elif isinstance(item, Rejection):
                retry = retry or item.code in RETRY_CODES
                window.append((source.path, Pending(source.path, item)))
            elif pool is None:
                window.append((source.path, Pending(source.path, process_item(item, settings, context))))
            else:
                window.append((source.path, pool.submit(_work, item)))
            yield from ready(keep)
        done = entry.done(retry)
        if done is not None:
            window.append((source.path, done))
        if progress:
            progress(BuildProgress("process", index, files_total, items))
    yield from ready(0)


def write_in_order(
    writer: StoreWriter,
    build_id: int,
    results: Iterable[Pending | FileDone | ItemOutcome],
    settings: Settings,
) -> Counter[ItemStatus]:
    """Write results, in the order given, in transactions of ``batch_size``; return counts by outcome.

    The order decides which of two identical articles is the original, so every engine writes
    its results in input order through here.
    """
    counts: Counter[ItemStatus] = Counter()
    unchanged: list[ItemOutcome] = []
    batch: list[Pending | FileDone] = []

    def flush() -> None:
        counts.update(o.status for o in writer.write(batch, build_id))
        batch.clear()
        writer.log_outcomes(build_id, unchanged)
        counts.update(o.status for o in unchanged)
        unchanged.clear()

    for entry in results:
        if isinstance(entry, ItemOutcome):
            unchanged.append(entry)
        else:
            batch.append(entry)
        if len(batch) + len(unchanged) >= settings.batch_size:
            flush()
    flush()
    return counts


def _pool(settings: Settings, context: CorpusContext) -> ProcessPoolExecutor | None:
    """Worker processes for the per-document pipeline, or None to run it in this process.

    What the pipeline loads once per process is loaded here before the workers fork, so they
    share it (copy-on-write). The settings and the corpus context reach each worker once, when
    it starts, rather than with every item.
    """
    if settings.workers <= 1:
        return None
    prepare(settings)
    return ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(settings, context),
    )


# The one piece of state a worker process keeps: what its pool started it with.
_WORKER: dict[str, object] = {}


def _start_worker(settings: Settings, context: CorpusContext) -> None:
    _WORKER.update(settings=settings, context=context, toolkit=prepare(settings))


def _work(item: SourceItem) -> Document | Rejection:
    return process_item(item, _WORKER["settings"], _WORKER["context"], _WORKER["toolkit"])  # type: ignore[arg-type]
