"""The store: one SQLite file (WAL, versioned schema, FTS5), one writer, many readers."""

from chronicle.store.database import connect
from chronicle.store.reader import Corpus, CorpusStats, SearchHit, SourceRecord
from chronicle.store.writer import FileDone, Pending, StoreWriter

__all__ = ["Corpus", "CorpusStats", "FileDone", "Pending", "SearchHit", "SourceRecord", "StoreWriter", "connect"]
