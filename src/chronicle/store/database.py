"""Opening a store: SQLite in WAL mode, migrated to the current schema version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from chronicle.errors import SchemaVersionError, StoreError
from chronicle.store.schema import MIGRATIONS, SCHEMA_VERSION


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the SQLite store at ``path``.

    Raises:
        StoreError: the file cannot be opened as a SQLite database or the store does not exist
            (read-only opening).
        SchemaVersionError: the store was written by a newer Chronicle.
    """
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(f"no Chronicle store at {path} (run 'chronicle build' first)")
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.row_factory = sqlite3.Row
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable SQLite database: {exc}") from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise SchemaVersionError(
            f"{path} has schema version {version}; this Chronicle understands up to {SCHEMA_VERSION}: upgrade Chronicle"
        )
    if version < SCHEMA_VERSION:
        if readonly:
            conn.close()
            raise StoreError(f"{path} has schema version {version}; open it once for writing to migrate it")
        _migrate(conn, version)
    return conn


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    try:
        for number in range(version, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number + 1}")
            conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot migrate the store to schema version {SCHEMA_VERSION}: {exc}") from exc
