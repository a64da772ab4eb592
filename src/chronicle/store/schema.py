"""The store's schema, as an ordered list of migrations. Never edit a released migration: add one."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, their lines, sources, near-duplicate index, repetition index, full-text search.
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        raw_hash TEXT NOT NULL,
        url TEXT,
        title TEXT,
        title_evidence TEXT NOT NULL,
        publisher TEXT,
        publisher_evidence TEXT,
        authors TEXT NOT NULL,
        authors_evidence TEXT NOT NULL,
        published TEXT,
        published_basis TEXT NOT NULL,
        published_start TEXT,
        published_end TEXT,
        published_evidence TEXT NOT NULL,
        base_basis TEXT NOT NULL,
        base_start TEXT,
        base_end TEXT,
        base_evidence TEXT NOT NULL,
        dated_by_corpus INTEGER NOT NULL DEFAULT 0,  -- 1 once the corpus dating stage has seen it
        language TEXT NOT NULL,
        language_score REAL NOT NULL,
        encoding TEXT NOT NULL,
        text TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        status TEXT NOT NULL,
        near_duplicate_of TEXT REFERENCES documents(id),
        similarity REAL,
        minhash BLOB NOT NULL
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE document_lines (
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        number INTEGER NOT NULL,
        PRIMARY KEY (document_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE removed_lines (
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        rule TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (document_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE timexes (
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        mod TEXT,
        anchor TEXT,
        certain INTEGER NOT NULL,
        PRIMARY KEY (document_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX timexes_value ON timexes(value);
    CREATE TABLE happenings (
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        names TEXT NOT NULL,
        date TEXT NOT NULL,
        sentence TEXT NOT NULL,
        PRIMARY KEY (document_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE happening_names (
        name TEXT NOT NULL,
        document_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (name, document_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX happening_names_document ON happening_names(document_id);
    CREATE TABLE clue_names (
        name TEXT NOT NULL,
        document_id TEXT NOT NULL,
        PRIMARY KEY (name, document_id)
    ) WITHOUT ROWID;
    CREATE INDEX clue_names_document ON clue_names(document_id);
    CREATE TABLE date_clues (
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        names TEXT NOT NULL,
        relation TEXT NOT NULL,
        sentence TEXT NOT NULL,
        PRIMARY KEY (document_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE sources (
        origin TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        raw_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        document_id TEXT REFERENCES documents(id),
        code TEXT,
        reason TEXT
    );
    CREATE INDEX sources_file ON sources(file);
    CREATE INDEX sources_document ON sources(document_id);
    CREATE TABLE files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        meta_sig TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE minhash_bands (
        band INTEGER NOT NULL,
        bucket TEXT NOT NULL,
        document_id TEXT NOT NULL,
        PRIMARY KEY (band, bucket, document_id)
    ) WITHOUT ROWID;
    CREATE TABLE line_seen (
        line_key TEXT NOT NULL,
        body_sig TEXT NOT NULL,
        PRIMARY KEY (line_key, body_sig)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='seq', tokenize='porter unicode61'
    );
    CREATE TABLE builds (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        added INTEGER,
        duplicate INTEGER,
        near_duplicate INTEGER,
        rejected INTEGER,
        unchanged INTEGER
    );
    CREATE TABLE build_outcomes (
        build_id INTEGER NOT NULL REFERENCES builds(id),
        seq INTEGER NOT NULL,
        origin TEXT NOT NULL,
        status TEXT NOT NULL,
        document_id TEXT,
        code TEXT,
        reason TEXT,
        PRIMARY KEY (build_id, seq)
    ) WITHOUT ROWID;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
