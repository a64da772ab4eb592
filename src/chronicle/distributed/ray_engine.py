"""The Ray engine: the per-document pipeline on Ray Data, on this machine or on a Ray cluster.

A build on Ray runs in three steps, each giving exactly what the local engine gives:

1. Ray Data reads the input files (every format the local engine reads, each file read by Chronicle's
   own readers inside Ray tasks) and collects the short lines of every new article; this machine
   adds them to the store's repetition index, so both engines see the same site furniture.
2. Ray Data reads the files again and runs the per-document pipeline in a pool of Ray actors, each
   loading the language model once; the records are written as Parquet shards (``shards.py``).
3. This machine loads the shards into the store in input order through the store's single writer;
   the corpus stages (dating undated articles, reconciling actors, merging events) then run on the
   store as after a local build.
"""

from __future__ import annotations

import dataclasses
import logging
import pickle
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from chronicle.config import Settings
from chronicle.distributed import shards
from chronicle.distributed.records import from_json
from chronicle.errors import EngineError
from chronicle.ingest import InputFile, SidecarIndex, read_items
from chronicle.models import ItemOutcome, ItemStatus, Rejection, SourceItem, SourceMetadata
from chronicle.pipeline import CorpusContext, process_item, repetition_lines
from chronicle.store import FileDone, Pending, StoreWriter

if TYPE_CHECKING:
    from chronicle.build import ProgressCallback, Todo

_ITEM, _REJECTION, _UNCHANGED = "item", "rejection", "unchanged"
_ANALYSE_BATCH = 16  # items per call of an actor: few, so work spreads evenly over the pool


def run_on_ray(
    writer: StoreWriter,
    build_id: int,
    db: str | Path,
    todo: list[Todo],
    settings: Settings,
    sidecars: SidecarIndex,
    progress: ProgressCallback | None,
) -> Counter[ItemStatus]:
    """Process the files of ``todo`` on Ray and write their records to the store; return counts by outcome.

    Raises:
        EngineError: Ray is not installed, cannot be started or reached, or the run failed.
    """
    if not todo:
        return Counter()
    from chronicle.build import RETRY_CODES, BuildProgress, write_in_order

    ray = _import_ray()
    # Ray's processes need not share this process's working folder: they are given absolute paths.
    folder = (Path(settings.shards) if settings.shards else Path(f"{db}.shards")).resolve()
    target = folder / f"build-{build_id}"
    with _quiet_ray_logs():
        started_here = _connect(ray, settings)
        try:
            if target.exists():
                shutil.rmtree(target)  # left by an interrupted run of the same build: not to be mixed in
            files = [
                {"file_index": i, "path": t.source.path, "absolute": str(Path(t.source.path).absolute()), "format": t.source.format}
                for i, t in enumerate(todo)
            ]
            known = writer.stored_items(t.source.path for t in todo)
            total = _scan(ray, writer, files, settings, sidecars, known, progress)
            context = CorpusContext(boilerplate=writer.boilerplate())
            _analyse(ray, files, settings, sidecars, known, context, target, total, progress)
        except EngineError:
            raise
        except Exception as exc:  # Ray wraps failures of remote code in its own exception types
            raise EngineError(f"the run on Ray failed: {type(exc).__name__}: {exc}") from exc
        finally:
            if started_here:
                ray.shutdown()

    def loaded() -> Iterator[Pending | FileDone | ItemOutcome]:
        rows = shards.read_in_order(target)
        current = next(rows, None)
        items = 0
        for index, entry in enumerate(todo):
            retry = False
            while current is not None and current["file_index"] == index:
                items += 1
                retry = retry or current["code"] in RETRY_CODES
                yield _result(writer, current)
                current = next(rows, None)
            done = entry.done(retry)
            if done is not None:
                yield done
            if progress:
                progress(BuildProgress("load", index + 1, len(todo), items))

    counts = write_in_order(writer, build_id, loaded(), settings)
    if not settings.shards:
        shutil.rmtree(target, ignore_errors=True)
        if folder.exists() and not any(folder.iterdir()):
            folder.rmdir()
    return counts


@contextmanager
def _quiet_ray_logs() -> Iterator[None]:
    """Hold back Ray's own information and warnings during a build; its errors still show.

    A build reports its progress itself; Ray's lines about starting, finished datasets and
    disabled progress bars would only bury it. The loggers' levels are restored afterwards.
    """
    loggers = [logging.getLogger(name) for name in ("ray", "ray.data")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Data ships as an extra of Ray)
    except ImportError as exc:
        raise EngineError(f"the Ray engine needs Ray Data: pip install 'chronicle[ray]' ({exc})") from exc
    return ray


def _connect(ray: Any, settings: Settings) -> bool:
    """Join the cluster at ``ray_address``, or start Ray on this machine; True when started here."""
    if ray.is_initialized():
        return False
    options: dict[str, Any] = dict(include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        if settings.ray_address:
            ray.init(address=settings.ray_address, **options)
            return True  # shutting down only disconnects from a cluster that was already running
        # One CPU more than the actors: reading the inputs and writing the shards run beside them,
        # as this process does for the local engine.
        ray.init(num_cpus=settings.workers + 1, **options)
    except Exception as exc:
        where = f"the Ray cluster at {settings.ray_address}" if settings.ray_address else "Ray on this machine"
        raise EngineError(f"cannot start or reach {where}: {exc}") from exc
    return True


def _dataset(ray: Any, files: list[dict[str, Any]], workers: int) -> Any:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # shards come out in input order: loading streams them
    context.enable_progress_bars = False  # this process reports progress itself
    context.print_on_execution_start = False
    # Blocks of a few dozen files: enough blocks to keep every actor busy, few enough that Ray's
    # per-task cost stays small against the work (measured: 200 blocks of 300 files took 1.7x longer than 8).
    blocks = max(2 * workers, min(1000, len(files) // 32))
    return ray.data.from_items(files, override_num_blocks=max(1, min(len(files), blocks)))


def _scan(
    ray: Any,
    writer: StoreWriter,
    files: list[dict[str, Any]],
    settings: Settings,
    sidecars: SidecarIndex,
    known: frozenset[tuple[str, str]],
    progress: ProgressCallback | None,
) -> int:
    """Add the short lines of every new article to the repetition index; return the number of new items."""
    from chronicle.build import BuildProgress

    lines = _dataset(ray, files, settings.workers).flat_map(
        _scan_file, fn_kwargs=dict(settings=settings, sidecars=sidecars, known=known)
    )
    items = 0
    for batch in lines.iter_batches(batch_size=256, batch_format="pyarrow"):
        pairs = [
            (key, signature)
            for keys, signature in zip(batch.column("keys").to_pylist(), batch.column("signature").to_pylist())
            for key in keys or ()
        ]
        writer.record_lines(pairs)
        items += batch.num_rows
        if progress:
            progress(BuildProgress("scan", 0, 0, items))
    return items


def _scan_file(row: dict[str, Any], settings: Settings, sidecars: SidecarIndex, known: frozenset[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    for item in _items(row, settings, sidecars):
        if item.raw_hash and (item.origin, item.raw_hash) in known:
            continue
        lines = repetition_lines(item) if isinstance(item, SourceItem) else None
        keys, signature = lines if lines is not None else ((), "")
        yield {"keys": list(keys), "signature": signature}


@dataclass(frozen=True)
class _AsGiven:
    """Sidecar rows looked up by the path as the user gave it, as the local engine does."""

    index: SidecarIndex
    absolute: str
    given: str

    def lookup(self, path: str | None = None, url: str | None = None) -> SourceMetadata | None:
        if path is not None and path.startswith(self.absolute):
            path = self.given + path[len(self.absolute):]
        return self.index.lookup(path=path, url=url)


def _items(row: dict[str, Any], settings: Settings, sidecars: SidecarIndex) -> Iterator[SourceItem | Rejection]:
    """The items of one input file, read by its absolute path and named by the path as given."""
    given, absolute = row["path"], row["absolute"]
    for item in read_items(InputFile(absolute, row["format"]), settings, _AsGiven(sidecars, absolute, given)):  # type: ignore[arg-type]
        if item.origin.startswith(absolute):
            item = dataclasses.replace(item, origin=given + item.origin[len(absolute):])
        yield item


def _read_file(
    row: dict[str, Any], settings: Settings, sidecars: SidecarIndex, known: frozenset[tuple[str, str]]
) -> Iterator[dict[str, Any]]:
    for index, item in enumerate(_items(row, settings, sidecars)):
        seen = bool(item.raw_hash) and (item.origin, item.raw_hash) in known
        kind = _UNCHANGED if seen else _ITEM if isinstance(item, SourceItem) else _REJECTION
        yield {
            "file_index": row["file_index"],
            "item_index": index,
            "file": row["path"],
            "kind": kind,
            "origin": item.origin,
            "raw_hash": item.raw_hash,
            "item": None if seen else pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL),
        }


class _Analyser:
    """A Ray actor running the per-document pipeline; the language model is loaded once per actor."""

    def __init__(self, settings: Settings, context: CorpusContext) -> None:
        from chronicle.pipeline import prepare

        self.settings = settings
        self.context = context
        self.toolkit = prepare(settings)

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = []
        for values in batch.to_pylist():
            where = (values["file_index"], values["item_index"], values["file"])
            if values["kind"] == _UNCHANGED:
                rows.append(shards.row(*where, (values["origin"], values["raw_hash"])))
                continue
            item = pickle.loads(values["item"])
            if values["kind"] == _ITEM:
                item = process_item(item, self.settings, self.context, self.toolkit)
            rows.append(shards.row(*where, item))
        return shards.table(rows)


def _analyse(
    ray: Any,
    files: list[dict[str, Any]],
    settings: Settings,
    sidecars: SidecarIndex,
    known: frozenset[tuple[str, str]],
    context: CorpusContext,
    target: Path,
    total: int,
    progress: ProgressCallback | None,
) -> None:
    """Run the pipeline over every item in a pool of actors and write the records as Parquet shards."""
    from chronicle.build import BuildProgress

    records = (
        _dataset(ray, files, settings.workers)
        .flat_map(_read_file, fn_kwargs=dict(settings=settings, sidecars=sidecars, known=known))
        .map_batches(
            _Analyser,
            fn_constructor_kwargs=dict(settings=settings, context=context),
            batch_size=_ANALYSE_BATCH,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=settings.workers),
            num_cpus=1,
        )
    )
    with ThreadPoolExecutor(max_workers=1) as runner:
        writing = runner.submit(records.write_parquet, str(target))
        while True:
            finished, _ = wait([writing], timeout=1.0, return_when=FIRST_COMPLETED)
            if progress:
                progress(BuildProgress("analyse", 0, total, _rows_written(target)))
            if finished:
                break
        writing.result()


def _rows_written(folder: Path) -> int:
    """Rows in the shards written so far (a shard still being written is not counted)."""
    rows = 0
    for path in folder.glob("*.parquet") if folder.is_dir() else ():
        try:
            rows += pq.ParquetFile(path).metadata.num_rows
        except (OSError, pa.ArrowException):
            continue
    return rows


def _result(writer: StoreWriter, row: dict[str, Any]) -> Pending | ItemOutcome:
    if row["kind"] == shards.KIND_UNCHANGED:
        outcome = writer.stored_outcome(row["origin"], row["raw_hash"])
        if outcome is None:
            raise EngineError(f"{row['origin']} was read before but is no longer in the store; build again")
        return outcome
    return Pending(row["file"], from_json(row["record"]))

