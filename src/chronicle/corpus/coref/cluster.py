"""Clustering event mentions into real-world events, across the documents of each topic.

The method, in three steps:

1. **Sub-topics.** The documents of a topic are grouped by the happening they report
   (``documents.document_subtopics``): two earthquakes, two arrests of two people.
2. **Blocks.** Within a sub-topic, mentions are blocked by the family key of their trigger lemma
   (``kill``, ``murder`` and ``slaying`` share one); only mentions of one block are compared, so
   the work grows with the number of mentions, not with its square.
3. **Merging.** Within a block, each mention joins the first existing cluster it agrees with,
   or starts a new one: it must not clash with the cluster on when, where or who (two different
   years, two different weekdays, no shared place when both name places), and a mention of a
   light lemma ("say", "happen") must share a participant with it.

Every comparison is bounded (``max_candidates`` clusters per mention), so a block of any size
is walked in linear time.
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
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"})
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class CorefSettings:
    """Thresholds of the clustering (tuned on the ECB+ training topics).

    Attributes:
        subtopic_threshold: average cosine similarity of document word vectors above which two
            groups of documents of one topic are taken to report the same happening.
        max_candidates: clusters of a block a mention is compared with (the most recent ones).
        time_conflicts: keep mentions apart when both state a year, a month or a weekday and
            none is shared.
        place_conflicts: keep mentions apart when both name places and share none.
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


@dataclass
class _Cluster:
    """A cluster being built: its id and the union of its members' features."""

    id: str
    participants: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    times: set[str] = field(default_factory=set)

    def add(self, mention: CorefMention) -> None:
        self.participants |= mention.participants
        self.places |= mention.places
        self.times |= mention.times


def _time_marks(words: Iterable[str]) -> tuple[set[str], set[str], set[str]]:
    """Years, months and weekdays among time words."""
    years, months, days = set(), set(), set()
    for phrase in words:
        for word in phrase.split():
            if _YEAR.match(word):
                years.add(word)
            elif word in _MONTHS:
                months.add(word)
            elif word in _WEEKDAYS:
                days.add(word)
    return years, months, days


def _times_clash(a: Iterable[str], b: Iterable[str]) -> bool:
    for left, right in zip(_time_marks(a), _time_marks(b)):
        if left and right and not left & right:
            return True
    return False


def _agrees(mention: CorefMention, cluster: _Cluster, light: bool, settings: CorefSettings) -> bool:
    if settings.time_conflicts and _times_clash(mention.times, cluster.times):
        return False
    if settings.place_conflicts and mention.places and cluster.places and not mention.places & cluster.places:
        return False
    if light:
        return bool(mention.participants & cluster.participants)
    return True


def _cluster_block(block: Sequence[CorefMention], prefix: str, light: bool, settings: CorefSettings) -> dict[str, str]:
    clusters: list[_Cluster] = []
    result: dict[str, str] = {}
    for mention in block:
        chosen = None
        for cluster in reversed(clusters[-settings.max_candidates:]):
            if _agrees(mention, cluster, light, settings):
                chosen = cluster
                break
        if chosen is None:
            chosen = _Cluster(id=f"{prefix}#{len(clusters)}")
            clusters.append(chosen)
        chosen.add(mention)
        result[mention.id] = chosen.id
    return result


def _family_keys(mentions: Sequence[CorefMention], lexicon: CorefLexicon) -> list[str]:
    """The blocking key of each mention of one sub-topic.

    A word of several families takes the family that most other words of the sub-topic
    belong to: "fire" beside "blaze" and "burn" is a blaze, beside "sack" and "dismiss" a
    dismissal (ties go to the family listed first).
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
        # Count the mentions of other words in each family: a word cannot vouch for itself.
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
    document is not among them is clustered with its whole topic. Mentions of different topics
    never share a cluster.

    Raises:
        KnowledgeError: the packaged lexicon cannot be read (when ``lexicon`` is not given).
    """
    chosen = settings or CorefSettings()
    words = lexicon or load_coref_lexicon()
    subtopic = document_subtopics(documents, chosen.subtopic_threshold) if documents else {}
    by_subtopic: dict[str, list[CorefMention]] = defaultdict(list)
    for mention in mentions:
        by_subtopic[subtopic.get(mention.doc, f"{mention.topic}/")].append(mention)
    blocks: dict[tuple[str, str], list[CorefMention]] = defaultdict(list)
    for where, members in by_subtopic.items():
        for mention, key in zip(members, _family_keys(members, words)):
            blocks[(where, key)].append(mention)
    result: dict[str, str] = {}
    for (where, key), block in blocks.items():
        result.update(_cluster_block(block, f"{where}|{key}", key in words.light, chosen))
    return result


def lemma_baseline(mentions: Sequence[CorefMention]) -> dict[str, str]:
    """Return the same-lemma baseline: one cluster per trigger lemma within each topic."""
    return {m.id: f"{m.topic}|{m.lemma}" for m in mentions}
