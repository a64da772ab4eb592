"""Chronicle: read news articles and build a dated, sourced record of who did what with whom.

The public surface::

    report = chronicle.build(["articles/"], db="chronicle.db")   # -> BuildReport
    with chronicle.open("chronicle.db") as corpus:                # -> Corpus
        corpus.documents(); corpus.search("summit"); corpus.document("3fa2")
"""

from __future__ import annotations

from pathlib import Path

from chronicle.build import BuildProgress, BuildReport, build
from chronicle.config import Settings, load_settings
from chronicle.errors import (
    ChronicleError,
    ConfigError,
    InputError,
    NotFoundError,
    QueryError,
    RejectedInput,
    SchemaVersionError,
    StoreError,
)
from chronicle.models import (
    DateBasis,
    Document,
    ItemOutcome,
    ItemStatus,
    Line,
    LineKind,
    PublishedDate,
    Rejection,
    RemovedLine,
    SourceItem,
)
from chronicle.pipeline import CorpusContext, process_item
from chronicle.store import Corpus, CorpusStats, SearchHit

__version__ = "0.1.0"


def open(db: str | Path = "chronicle.db") -> Corpus:  # noqa: A001 - the documented API name
    """Open the store at ``db`` for reading.

    Raises:
        StoreError: there is no store at ``db`` or it cannot be read.
    """
    return Corpus(db)


__all__ = [
    "BuildProgress",
    "BuildReport",
    "ChronicleError",
    "ConfigError",
    "Corpus",
    "CorpusContext",
    "CorpusStats",
    "DateBasis",
    "Document",
    "InputError",
    "ItemOutcome",
    "ItemStatus",
    "Line",
    "LineKind",
    "NotFoundError",
    "PublishedDate",
    "QueryError",
    "Rejection",
    "RejectedInput",
    "RemovedLine",
    "SchemaVersionError",
    "SearchHit",
    "Settings",
    "SourceItem",
    "StoreError",
    "build",
    "load_settings",
    "open",
    "process_item",
]
