"""Chronicle's exception tree.

Every error the library raises on purpose is a ``ChronicleError``::

    ChronicleError
    ├── ConfigError          a setting or settings file is invalid
    ├── InputError           an input path cannot be used at all (missing, unreadable)
    ├── RejectedInput        one input item was refused; carries a reason code
    ├── StoreError           the SQLite store cannot be opened, migrated or written
    │   └── SchemaVersionError   the store was written by a newer Chronicle
    ├── NotFoundError        a requested record (document, ...) does not exist
    ├── QueryError           a search query cannot be understood
    ├── LanguageModelError   the spaCy pipeline named in the settings cannot be loaded
    ├── KnowledgeError       a knowledge table or the user's actors file is invalid
    └── EngineError          the distributed engine cannot be started or a run on it failed

Third-party errors are wrapped at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations


class ChronicleError(Exception):
    """Base class of every error Chronicle raises on purpose."""


class ConfigError(ChronicleError):
    """A setting or a settings file is invalid."""


class InputError(ChronicleError):
    """An input path cannot be used at all (it does not exist or cannot be read)."""


class RejectedInput(ChronicleError):
    """One input item was refused. ``code`` is a stable short name, ``reason`` a readable sentence."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


class StoreError(ChronicleError):
    """The store cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The store's schema is newer than this version of Chronicle understands."""


class NotFoundError(ChronicleError):
    """A requested record does not exist in the store."""


class QueryError(ChronicleError):
    """A search query cannot be understood."""


class LanguageModelError(ChronicleError):
    """The spaCy pipeline named in the settings is not installed or cannot be loaded."""


class KnowledgeError(ChronicleError):
    """A knowledge table (packaged or the user's actors file) cannot be read or is invalid."""


class EngineError(ChronicleError):
    """The distributed engine (Ray) is not installed, cannot be reached, or a run on it failed."""
