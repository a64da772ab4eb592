"""Chronicle's records: frozen dataclasses that every stage, the store and the exporters speak.

Offsets (``start``/``end``) are character offsets into the document's clean text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DateBasis(StrEnum):
    """How a publication date is known."""

    STATED = "stated"  # a dateline/byline date, or a caption date tied to the reported event
    METADATA = "metadata"  # HTML metadata, a sidecar, JSONL or feed fields
    INFERRED = "inferred"  # a window derived from evidence, with the reason
    UNKNOWN = "unknown"  # no evidence at all (never "today")


class LineKind(StrEnum):
    """What a kept line of an article is."""

    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    BODY = "body"


class ItemStatus(StrEnum):
    """What a build did with one input item."""

    ADDED = "added"
    DUPLICATE = "duplicate"  # identical clean text already stored
    NEAR_DUPLICATE = "near_duplicate"  # stored, and linked to the document it nearly repeats
    REJECTED = "rejected"
    UNCHANGED = "unchanged"  # this exact input was already processed by an earlier build


@dataclass(frozen=True)
class SourceMetadata:
    """Metadata that arrives beside the text (JSONL fields, a sidecar row, feed entry, HTML meta)."""

    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime as given
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    origin: str = ""  # where these fields came from: "jsonl", "sidecar", "feed", "html", "warc"


@dataclass(frozen=True)
class SourceItem:
    """One article-sized input, before decoding: what the per-document pipeline receives."""

    origin: str  # path, or path#locator for items inside a container file
    kind: str  # "text" | "html"
    payload: bytes
    raw_hash: str
    metadata: SourceMetadata = field(default_factory=SourceMetadata)
    sidecar: SourceMetadata | None = None
    crawled: str | None = None  # ISO date the item was fetched (WARC-Date), an upper bound


@dataclass(frozen=True)
class Rejection:
    """An input item Chronicle refused, with a stable code and a readable reason."""

    origin: str
    raw_hash: str
    code: str
    reason: str


@dataclass(frozen=True)
class Line:
    """A kept line of the clean text."""

    kind: LineKind
    start: int
    end: int
    number: int = 0  # 1-based line number in the decoded input text


@dataclass(frozen=True)
class RemovedLine:
    """A line (or the tail of a line) the cleaner removed, and the rule that removed it."""

    number: int  # 1-based line number in the decoded input text
    text: str
    rule: str
    detail: str = ""


@dataclass(frozen=True)
class PublishedDate:
    """A publication date with its basis and evidence. ``value`` is ``None`` unless stated/metadata."""

    basis: DateBasis
    value: str | None = None  # ISO date (YYYY-MM-DD)
    window_start: str | None = None  # inferred windows; either end may be open
    window_end: str | None = None
    evidence: str = ""

    @classmethod
    def unknown(cls, evidence: str = "no date evidence in text or metadata") -> "PublishedDate":
        return cls(DateBasis.UNKNOWN, evidence=evidence)


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, normalised TimeML-style.

    ``start``/``end`` are character offsets into the text and ``text`` the covered string;
    ``type`` is DATE, TIME, DURATION or SET; ``value`` the TIMEX3 value (``2018-02-14``,
    ``2019-12``, ``2018-W07``, ``PT75M``, ``XXXX-05``, ``PRESENT_REF``, ...); ``anchor`` the ISO
    date the value was computed from (None when none was used); ``certain`` is False when a
    part had to be guessed (a year for "Dec. 21", past or future for "Thursday") or left X;
    ``mod`` a TIMEX3 modifier (APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS,
    START, MID, END) or None.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    anchor: str | None = None
    certain: bool = True
    mod: str | None = None


@dataclass(frozen=True)
class Happening:
    """A dated article's sentence: a kind of happening, its names, and the date given to it."""

    event: str
    names: frozenset[str]
    date: str  # ISO date
    sentence: str


@dataclass(frozen=True)
class DateClue:
    """An undated article's sentence naming a happening, and whether it speaks of it as past or future."""

    event: str
    names: frozenset[str]
    relation: str  # "before": the article precedes the happening; "after": it follows it
    sentence: str


@dataclass(frozen=True)
class Attribute:
    """A metadata value with the evidence it came from."""

    value: str
    evidence: str


@dataclass(frozen=True)
class Document:
    """A clean article: text, kept lines, removed lines with rules, and metadata with evidence."""

    id: str  # hash of the clean text
    origin: str
    raw_hash: str
    url: str | None
    title: str | None
    title_evidence: str
    publisher: Attribute | None
    authors: tuple[str, ...]
    authors_evidence: str
    published: PublishedDate
    language: str
    language_score: float
    encoding: str
    text: str
    lines: tuple[Line, ...]
    removed: tuple[RemovedLine, ...]
    minhash: tuple[int, ...] = ()
    timexes: tuple[Timex, ...] = ()  # anchored at the publication date when it is known
    happenings: tuple[Happening, ...] = ()  # dated documents: what they date, for undated ones
    date_clues: tuple[DateClue, ...] = ()  # undated documents: happenings they speak of
    status: str = "ok"  # "ok" | "near_duplicate"
    near_duplicate_of: str | None = None
    similarity: float | None = None

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]


@dataclass(frozen=True)
class ItemOutcome:
    """What a build did with one input item."""

    origin: str
    status: ItemStatus
    document_id: str | None = None
    code: str | None = None
    reason: str | None = None
