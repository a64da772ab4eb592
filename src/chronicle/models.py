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


# ---------------------------------------------------------------- language


@dataclass(frozen=True)
class Token:
    """One token of a parsed text.

    ``i`` is the token's index in the whole text; ``head`` the index of its syntactic head (its
    own index for a sentence root, -1 when the sentence was not parsed); ``dep`` the dependency
    label ("" when not parsed); ``ent`` the named-entity label of the entity it belongs to ("").
    """

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str = ""
    head: int = -1
    ent: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence: character span and token range ``[first, last)``; ``parsed`` when it has a parse."""

    start: int
    end: int
    first: int
    last: int
    parsed: bool = False


@dataclass(frozen=True)
class Entity:
    """A named-entity span found by the model: characters, token range ``[first, last)``, label."""

    start: int
    end: int
    first: int
    last: int
    label: str
    text: str


@dataclass(frozen=True)
class Parse:
    """The language stage's output for one text; every later stage reads this, never spaCy objects."""

    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]

    def sentence_of(self, token: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.first <= token < sentence.last:
                return sentence
        raise IndexError(token)


# ---------------------------------------------------------------- actors


class ActorKind(StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANISATION = "organisation"
    IGO = "igo"
    GROUP = "group"


@dataclass(frozen=True)
class Actor:
    """A canonical actor: one real entity with its names.

    ``id`` is stable across documents and builds ("state:JPN", "person:shinzo-abe", "igo:UN",
    "org:...", "group:..."); ``country`` the ISO 3166 alpha-3 code (None for IGOs and unknown);
    ``sector`` a PLOVER/CAMEO-style sector (GOV, MIL, OPP, CVL, BUS, MED, IGO, REB, COP, ...);
    ``role`` a title such as "prime minister" when the tables or the text give one.
    """

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorMention:
    """A span of text that names an actor, and how it was resolved.

    ``how``: "name" (a full name or official name), "alias" (a short form, surname, abbreviation),
    "title" (a role + country such as "the Japanese prime minister"), "demonym", "capital" or
    "metonymy" (Tokyo, the Kremlin → the government), "coreference" (a pronoun or description
    pointing back), "ner" (a named entity not in the tables).
    """

    start: int
    end: int
    text: str
    actor: Actor
    how: str
    sentence: int = 0  # index into the document's sentences


# ---------------------------------------------------------------- events


class EventStatus(StrEnum):
    OCCURRED = "occurred"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


@dataclass(frozen=True)
class Duration:
    """A stated duration of an event: "a 75-minute phone call" → PT75M; "more than an hour" → PT1H, MORE_THAN."""

    start: int
    end: int
    text: str
    value: str  # TIMEX3 duration value
    qualifier: str | None = None  # MORE_THAN, LESS_THAN, APPROX, EQUAL_OR_MORE, EQUAL_OR_LESS


@dataclass(frozen=True)
class EventDate:
    """When an event happened: a TIMEX3 value with its granularity, basis and certainty.

    ``basis`` is "timex" (the event's own temporal expression, at ``start``/``end``), "document"
    (the publication date, for want of anything better) or "unknown".
    """

    value: str | None
    granularity: str | None  # "day", "month", "year", "week", "time", None
    basis: str
    certain: bool = False
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class EventMention:
    """One event as one sentence reports it, coded in PLOVER.

    ``trigger_*`` locate the word(s) that express the event; ``start``/``end`` the evidence
    (its sentence). ``sources``/``targets`` are actor mentions; ``confidence`` in [0, 1].
    """

    type: str
    mode: str | None
    context: str | None
    status: EventStatus
    trigger_start: int
    trigger_end: int
    trigger: str
    start: int
    end: int
    sources: tuple[ActorMention, ...] = ()
    targets: tuple[ActorMention, ...] = ()
    date: EventDate | None = None
    duration: Duration | None = None
    location: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class StatedCount:
    """A count the text states: "held 14 summits and spoke over the telephone 33 times so far"."""

    what: str  # the counted thing as written: "summits", "times"
    event_type: str  # PLOVER type counted, e.g. CONSULT
    mode: str | None  # e.g. "visit"/"third-party" for summits, "phone" for calls
    count: int
    qualifier: str | None  # MORE_THAN, APPROX, ... or None when exact
    actors: tuple[ActorMention, ...]
    as_of: str | None  # ISO date the count holds at (document date), None when unknown
    start: int
    end: int


# ---------------------------------------------------------------- quotes


@dataclass(frozen=True)
class Quote:
    """An attribution: who said what, with the words that say so.

    ``parts`` are the content spans (several for a split quote: "…," Abe said. "…"); ``start``/``end``
    run from the first part's start to the last part's end. ``direct`` is True for words inside
    quotation marks. ``kind``: "direct", "indirect", "according-to", "statement", "tweet", ...
    ``cue_*`` locate the reporting word(s) ("said", "according to", "tweeted"), ``source_*`` the
    words naming the speaker ("Abe", "he", "Foreign Ministry spokeswoman Hua Chunying");
    ``speaker`` the resolved actor (None when unknown); ``event`` the index into the document's
    events of the event the quote reports, if any.
    """

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    text: str
    direct: bool
    kind: str
    cue_start: int | None = None
    cue_end: int | None = None
    cue: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    source: str | None = None
    speaker: Actor | None = None
    event: int | None = None
    sentence: int = 0


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
    actor_mentions: tuple[ActorMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    counts: tuple[StatedCount, ...] = ()
    quotes: tuple[Quote, ...] = ()
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
