"""Clustering event mentions into real-world events, across the documents of each topic.

The method, in three steps:

1. **Sub-topics.** The documents of a topic are grouped by the happening they report
   (``documents.document_subtopics``): two earthquakes, two arrests of two people.
2. **Blocks.** Within a sub-topic, mentions are blocked by the family key of their trigger
   (``kill``, ``murder`` and ``death`` share one; see ``data/coref/triggers.toml``); a word of
   several families takes the one the other words of its sub-topic support. Only mentions of
   one block are ever compared, so the work grows with the number of mentions, not its square.
3. **Merging.** Within a block, each mention joins the most recent cluster it agrees with, or
   starts a new one. A mention of a light word ("say", "happen") must share a participant with
   the cluster; optionally, a mention whose stated time or place clashes with the cluster's
   (two different years or days, places with nothing in common) stays apart.

Each mention is compared with at most ``max_candidates`` clusters, so a block of any size is
walked in linear time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chronicle.corpus.coref.documents import document_subtopics
from chronicle.corpus.coref.lexicon import CorefLexicon, load_coref_lexicon
from chronicle.corpus.coref.model import CorefDocument, CorefMention
from chronicle.errors import ConfigError

__all__ = ["CorefSettings", "cluster_mentions", "lemma_baseline"]

_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_MONTHS = {name: f"{n:02d}" for n, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_ISO_DATE = re.compile(r"^((?:1[89]|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?")


@dataclass(frozen=True)
class CorefSettings:
    """Thresholds and switches of the clustering (tuned on the ECB+ training topics).

    Attributes:
        subtopic_threshold: average cosine similarity of document word vectors at or above which
            two groups of documents of one topic are taken to report the same happening.
        max_candidates: clusters of a block a mention is compared with (the most recent ones).
        time_conflicts: keep a mention out of a cluster when both state a year, a month, a day or
            a weekday and none is shared. Off by default: in news text the time words of a
            sentence often belong to another happening than the trigger's, and on ECB+ the
            check costs more merges than it saves; resolved event dates make it worth turning on.
        place_conflicts: keep a mention out of a cluster when both name places and share none
            (off by default for the same reason).
    """

    subtopic_threshold: float = 0.085
    max_candidates: int = 64
    time_conflicts: bool = False
    place_conflicts: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.subtopic_threshold <= 1.0:
            raise ConfigError("subtopic_threshold must be in [0, 1]")
        if self.max_candidates < 1:
            raise ConfigError("max_candidates must be at least 1")


@dataclass(frozen=True)
class _Marks:
    """The comparable parts of a set of time words: years, months (YYYY-MM or MM), days, weekdays."""

    years: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    weekdays: frozenset[str] = frozenset()


def _time_marks(words: Iterable[str]) -> _Marks:
    years: set[str] = set()
    months: set[str] = set()
    days: set[str] = set()
    weekdays: set[str] = set()
    for phrase in words:
        iso = _ISO_DATE.match(phrase)
        if iso:  # a resolved value: 2018, 2018-02, 2018-02-14
            years.add(iso.group(1))
            if iso.group(2):
                months.add(iso.group(2))
            if iso.group(3):
                days.add(f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}")
            continue
        for word in phrase.split():
            if _YEAR.match(word):
                years.add(word)
            elif word in _MONTHS:
                months.add(_MONTHS[word])
            elif word in _WEEKDAYS:
                weekdays.add(word)
    return _Marks(frozenset(years), frozenset(months), frozenset(days), frozenset(weekdays))


def _clash(left: frozenset[str] | set[str], right: frozenset[str] | set[str]) -> bool:
    return bool(left) and bool(right) and not left & right


@dataclass
class _Cluster:
    """A cluster being built: its id and the union of its members' features."""

    id: str
    participants: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    days: set[str] = field(default_factory=set)
    weekdays: set[str] = field(default_factory=set)

    def add(self, mention: CorefMention, marks: _Marks) -> None:
        self.participants |= mention.participants
        self.places |= mention.places
        self.years |= marks.years
        self.months |= marks.months
        self.days |= marks.days
        self.weekdays |= marks.weekdays

    def agrees(self, mention: CorefMention, marks: _Marks, light: bool, settings: CorefSettings) -> bool:
        if settings.time_conflicts and (
            _clash(marks.years, self.years)
            or _clash(marks.months, self.months)
            or _clash(marks.days, self.days)
            or _clash(marks.weekdays, self.weekdays)
        ):
            return False
        if settings.place_conflicts and _clash(mention.places, self.places):
            return False
        # A light word names no particular happening: only shared participants tie it to one.
        return not light or bool(mention.participants & self.participants)


def _cluster_block(block: Sequence[CorefMention], prefix: str, light: bool, settings: CorefSettings) -> dict[str, str]:
    clusters: list[_Cluster] = []
    result: dict[str, str] = {}
    no_marks = _Marks()
    for mention in block:
        marks = _time_marks(mention.times) if settings.time_conflicts and mention.times else no_marks
        chosen = None
        for cluster in reversed(clusters[-settings.max_candidates:]):
            if cluster.agrees(mention, marks, light, settings):
                chosen = cluster
                break
        if chosen is None:
            chosen = _Cluster(id=f"{prefix}#{len(clusters)}")
            clusters.append(chosen)
        chosen.add(mention, marks)
        result[mention.id] = chosen.id
    return result


def _family_keys(mentions: Sequence[CorefMention], lexicon: CorefLexicon) -> list[str]:
    """The blocking key of each mention of one sub-topic.

    A word of several families takes the family that most mentions of other words in the
    sub-topic belong to: "fire" beside "blaze" and "burn" is a blaze, beside "sack" and
    "dismiss" a dismissal (ties go to the family listed first).
    """
    candidates = [lexicon.keys(m.lemma, m.phrase) for m in mentions]
    support: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for mention, keys in zip(mentions, candidates):
        for key in keys:
            support[key][mention.lemma] += 1
    chosen = []
    for mention, keys in zip(mentions, candidates):
        if len(keys) == 1:
            chosen.append(keys[0])
            continue
        # A word cannot vouch for itself: count only the mentions of other words.
        scores = [sum(n for lemma, n in support[key].items() if lemma != mention.lemma) for key in keys]
        chosen.append(keys[scores.index(max(scores))])
    return chosen


def cluster_mentions(
    mentions: Sequence[CorefMention],
    documents: Sequence[CorefDocument] = (),
    settings: CorefSettings | None = None,
    lexicon: CorefLexicon | None = None,
) -> dict[str, str]:
    """Cluster ``mentions`` into events; return a cluster id for every mention id.

    ``documents`` give the words used to split each topic into sub-topics; a mention whose
    document is not among them is clustered with the rest of its topic's such mentions.
    Mentions of different topics never share a cluster. The result depends only on the input
    (its order included), never on earlier calls.

    Raises:
        KnowledgeError: the packaged lexicon cannot be read (when ``lexicon`` is not given).
    """
    chosen = settings or CorefSettings()
    words = lexicon or load_coref_lexicon()
    subtopic = document_subtopics(documents, chosen.subtopic_threshold) if documents else {}
    by_subtopic: dict[str, list[CorefMention]] = defaultdict(list)
    for mention in mentions:
        by_subtopic[subtopic.get(mention.doc, f"{mention.topic}/")].append(mention)
    result: dict[str, str] = {}
    for where, members in by_subtopic.items():
        blocks: dict[str, list[CorefMention]] = defaultdict(list)
        for mention, key in zip(members, _family_keys(members, words)):
            blocks[key].append(mention)
        for key, block in blocks.items():
            result.update(_cluster_block(block, f"{where}|{key}", key in words.light, chosen))
    return result


def lemma_baseline(mentions: Sequence[CorefMention]) -> dict[str, str]:
    """Return the same-lemma baseline: one cluster per trigger lemma within each topic."""
    return {m.id: f"{m.topic}|{m.lemma}" for m in mentions}
