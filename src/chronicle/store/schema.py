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
    # 2: what the language stages find: actors and their mentions, PLOVER event mentions with
    # their actors, stated counts, quotes. Documents stored before this migration have none of these.
    """
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        country TEXT,
        sector TEXT,
        role TEXT
    );
    CREATE TABLE actor_mentions (
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        kind TEXT NOT NULL,  -- the kind this mention's evidence gave (actors.kind is the corpus's verdict)
        how TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        PRIMARY KEY (document_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
    CREATE TABLE event_mentions (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        context TEXT,
        status TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        date_value TEXT,
        date_granularity TEXT,
        date_basis TEXT NOT NULL,
        date_certain INTEGER NOT NULL,
        date_start INTEGER,
        date_end INTEGER,
        duration_value TEXT,
        duration_qualifier TEXT,
        duration_text TEXT,
        duration_start INTEGER,
        duration_end INTEGER,
        location TEXT,
        confidence REAL NOT NULL,
        UNIQUE (document_id, seq)
    );
    CREATE INDEX event_mentions_type ON event_mentions(type);
    CREATE INDEX event_mentions_date ON event_mentions(date_value);
    CREATE TABLE event_actors (
        event_id INTEGER NOT NULL REFERENCES event_mentions(id),
        role TEXT NOT NULL,  -- source | target
        seq INTEGER NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (event_id, role, seq)
    ) WITHOUT ROWID;
    CREATE INDEX event_actors_actor ON event_actors(actor_id);
    CREATE TABLE stated_counts (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        what TEXT NOT NULL,
        event_type TEXT NOT NULL,
        mode TEXT,
        count INTEGER NOT NULL,
        qualifier TEXT,
        as_of TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE (document_id, seq)
    );
    CREATE TABLE stated_count_actors (
        count_id INTEGER NOT NULL REFERENCES stated_counts(id),
        seq INTEGER NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (count_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        parts TEXT NOT NULL,  -- JSON list of [start, end] content spans
        text TEXT NOT NULL,
        direct INTEGER NOT NULL,
        kind TEXT NOT NULL,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        source TEXT,
        source_start INTEGER,
        source_end INTEGER,
        speaker_id TEXT REFERENCES actors(id),
        event_seq INTEGER,  -- the event mention (seq within the document) the quote reports
        sentence INTEGER NOT NULL,
        UNIQUE (document_id, seq)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_id);
    """,
    # 3: deduplicated events: the real-world happenings the event mentions of original documents
    # report, each with its member mentions (written by the corpus event stage).
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        mode TEXT,
        context TEXT,
        status TEXT NOT NULL,
        date_value TEXT,
        date_granularity TEXT,
        date_basis TEXT NOT NULL,
        date_certain INTEGER NOT NULL DEFAULT 0,
        durations TEXT NOT NULL DEFAULT '[]',  -- JSON: each distinct stated duration with its mentions
        location TEXT,
        disagreements TEXT NOT NULL DEFAULT '{}',  -- JSON: field -> the values the sources give
        members INTEGER NOT NULL DEFAULT 0,  -- member mentions when last summarised
        documents INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX events_type ON events(type, status);
    CREATE INDEX events_date ON events(date_value);
    CREATE TABLE event_members (
        mention_id INTEGER PRIMARY KEY REFERENCES event_mentions(id),
        event_id INTEGER NOT NULL REFERENCES events(id)
    );
    CREATE INDEX event_members_event ON event_members(event_id);
    """,
    # 4: where the event stage finds stored events near a new mention without reading the corpus:
    # one row per actor of an event and per week its members' dates cover (week -1: an event with no dates,
    # actor '': an event naming no actor), so every event has at least one row.
    """
    CREATE TABLE event_blocks (
        actor_id TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        week INTEGER NOT NULL,
        event_id INTEGER NOT NULL,
        PRIMARY KEY (actor_id, type, status, week, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_blocks_event ON event_blocks(event_id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
