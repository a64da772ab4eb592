"""Records of event coreference: what the clustering reads about each mention and each document.

The clustering never sees spaCy objects, ECB+ files or Chronicle's ``EventMention`` directly: each
source is turned into these small frozen records first (see ``features``), so the same core
clusters benchmark mentions and the events Chronicle extracts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorefMention:
    """One event mention, as the clustering sees it.

    ``id`` is unique in a run; ``doc`` the document it comes from; ``topic`` the group of
    documents it may be merged across (mentions of different topics are never merged; "" puts
    everything in one topic). ``lemma`` is the trigger's lemma (lower case); ``phrase`` the
    lemmas of a trigger of several words ("open fire", "pass away"; "" for one word); ``pos`` its
    coarse part of speech ("VERB", "NOUN", ...) and ``role`` its dependency relation ("ROOT",
    "dobj", ...); ``event_type`` a type when one is known (PLOVER, or None). ``participants``,
    ``places`` and ``times`` are normalised words naming who took part, where and when (actor
    ids or names and argument lemmas; place names; time words or TIMEX3 date values);
    ``context`` the content lemmas of the mention's sentence; ``sentence`` its index.
    """

    id: str
    doc: str
    topic: str
    lemma: str
    phrase: str = ""
    pos: str = ""
    role: str = ""
    event_type: str | None = None
    participants: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    sentence: int = 0


@dataclass(frozen=True)
class CorefDocument:
    """A document's words for telling apart the real-world events of one topic.

    ``words`` are the normalised content words of the whole text, repeated as often as they occur.
    """

    id: str
    topic: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class MentionSpan:
    """An event mention located in a pre-tokenised document: sentence index and token indices."""

    id: str
    sentence: int
    tokens: tuple[int, ...]
    event_type: str | None = None


@dataclass(frozen=True)
class TokenisedDocument:
    """A document given as sentences of tokens, with the event mentions to cluster.

    ``skip`` lists sentence indices that are not article text (a source address, say): they
    give no document words.
    """

    id: str
    topic: str
    sentences: tuple[tuple[str, ...], ...]
    mentions: tuple[MentionSpan, ...]
    skip: frozenset[int] = frozenset()
