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

from chronicle.clean import repetition_candidates
from chronicle.config import Settings
from chronicle.errors import RejectedInput
from chronicle.ingest import InputFile, SidecarIndex, decode_payload, discover, load_sidecars, read_items
from chronicle.ingest.readers import metadata_fingerprint
from chronicle.models import Document, ItemOutcome, ItemStatus, Rejection, SourceItem
from chronicle.pipeline import CorpusContext, process_item
from chronicle.store import FileDone, Pending, StoreWriter, connect


@dataclass(frozen=True)
class BuildProgress:
    """Progress of a build, reported after each input file of each phase."""

    phase: str  # "scan" (repetition index) or "process"
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

        def log(outcomes: list[ItemOutcome]) -> None:
            writer.log_outcomes(build_id, outcomes)
            counts.update(o.status for o in outcomes)

        log([ItemOutcome(path, ItemStatus.REJECTED, None, err.code, err.reason) for path, err in sidecar_errors])

        def todo(report_unchanged: bool) -> Iterator[_Todo]:
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
                    yield _Todo(source, size, mtime, meta_sig)

        files = _scan_repetition(writer, todo(False), settings, sidecars, progress)
        context = CorpusContext(boilerplate=writer.boilerplate())
        counts.update(_process(writer, build_id, todo(True), files, settings, sidecars, context, progress))
        writer.anchor_undated()
        writer.reconcile_actors()
        writer.deduplicate_events()
        writer.finish_build(build_id, counts)
    finally:
        conn.close()
    return BuildReport(str(db), build_id, dict(counts), time.perf_counter() - started)


@dataclass(frozen=True)
class _Todo:
    source: InputFile
    size: int
    mtime_ns: int
    meta_sig: str


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
    todo: Iterable[_Todo],
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
            if not isinstance(item, SourceItem) or item.kind != "text":
                continue
            try:
                text = decode_payload(item.payload, repair=False).text
            except RejectedInput:
                continue
            keys, signature = repetition_candidates(text)
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
    todo: Iterable[_Todo],
    files_total: int,
    settings: Settings,
    sidecars: SidecarIndex,
    context: CorpusContext,
    progress: ProgressCallback | None,
) -> Counter[ItemStatus]:
    counts: Counter[ItemStatus] = Counter()
    unchanged: list[ItemOutcome] = []
    batch: list[Pending | FileDone] = []
    items = 0
    # Entries wait here in input order until their result is ready, so a file is marked done only
    # after all of its items, whichever process analysed them.
    window: deque[tuple[str, Future[Document | Rejection] | Pending | FileDone | ItemOutcome]] = deque()
    pool = _pool(settings)

    def flush() -> None:
        counts.update(o.status for o in writer.write(batch, build_id))
        batch.clear()
        writer.log_outcomes(build_id, unchanged)
        counts.update(o.status for o in unchanged)
        unchanged.clear()

    def settle(keep: int) -> None:
        while len(window) > keep:
            file, entry = window.popleft()
            if isinstance(entry, ItemOutcome):
                unchanged.append(entry)
            elif isinstance(entry, Future):
                batch.append(Pending(file, entry.result()))
            else:
                batch.append(entry)
            if len(batch) + len(unchanged) >= settings.batch_size:
                flush()

    try:
        for index, entry in enumerate(todo, start=1):
            source = entry.source
            for item in _new_items(writer, source, settings, sidecars):
                items += 1
                if isinstance(item, ItemOutcome):
                    window.append((source.path, item))
                elif isinstance(item, Rejection):
                    window.append((source.path, Pending(source.path, item)))
                elif pool is None:
                    window.append((source.path, Pending(source.path, process_item(item, settings, context))))
                else:
                    window.append((source.path, pool.submit(process_item, item, settings, context)))
                settle(4 * settings.workers * max(1, settings.batch_size // 10) if pool else 0)
            if entry.size >= 0 and source.format not in ("missing", "unsupported"):
                window.append((source.path, FileDone(source.path, entry.size, entry.mtime_ns, entry.meta_sig)))
            if progress:
                progress(BuildProgress("process", index, files_total, items))
        settle(0)
        flush()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return counts


def _pool(settings: Settings) -> ProcessPoolExecutor | None:
    """Worker processes for the per-document pipeline, or None to run it in this process."""
    if settings.workers <= 1:
        return None
    return ProcessPoolExecutor(max_workers=settings.workers, mp_context=multiprocessing.get_context("fork"))
