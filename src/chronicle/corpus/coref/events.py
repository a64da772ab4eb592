"""Coreference records from Chronicle's own events: ``EventMention`` + the document's tokens.

What the event coder has already resolved becomes the features: the actors' ids are the
participants, the event's date value its time, its location its place, its PLOVER type the
event type; the trigger's lemma and the sentence's content lemmas come from the parse.
"""

from __future__ import annotations

from collections.abc import Sequence

from chronicle.corpus.coref.lexicon import CorefLexicon, load_coref_lexicon
from chronicle.corpus.coref.model import CorefDocument, CorefMention
from chronicle.models import EventMention, Token

__all__ = ["document_from_tokens", "mention_from_event"]

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


def _covered(tokens: Sequence[Token], start: int, end: int) -> list[Token]:
    return [t for t in tokens if t.start < end and t.end > start]


def mention_from_event(
    event: EventMention,
    *,
    id: str,
    doc: str,
    topic: str = "",
    tokens: Sequence[Token] = (),
    sentence: int = 0,
    lexicon: CorefLexicon | None = None,
) -> CorefMention:
    """Return the coreference record of one extracted event.

    ``tokens`` are the document's tokens (from its ``Parse``); without them the trigger's own
    words stand in for its lemma and the sentence gives no context words. A support verb with
    its noun ("held talks") takes the noun's lemma.

    Raises:
        KnowledgeError: the packaged lexicon cannot be read (when ``lexicon`` is not given).
    """
    words = lexicon or load_coref_lexicon()
    trigger = _covered(tokens, event.trigger_start, event.trigger_end)
    verbs = [t for t in trigger if t.pos == "VERB"]
    # A verb leads its phrase ("held talks"); in a noun phrase the head comes last ("phone call").
    content = verbs or [t for t in trigger if t.pos in ("NOUN", "ADJ", "PROPN")] or trigger
    head = (content[0] if verbs else content[-1]) if content else None
    nouns = [t for t in trigger if t.pos in ("NOUN", "PROPN")]
    if head is not None and head.pos == "VERB" and head.lemma.lower() in words.support and nouns:
        head = nouns[-1]
    lemma = head.lemma.lower() if head is not None else event.trigger.lower().split()[-1]
    phrase = " ".join(t.lemma.lower() for t in trigger) if len(trigger) > 1 else ""
    evidence = _covered(tokens, event.start, event.end)
    context = frozenset(t.lemma.lower() for t in evidence if t.pos in _CONTENT_POS and t not in trigger)
    actors = {m.actor.id for m in (*event.sources, *event.targets)}
    return CorefMention(
        id=id,
        doc=doc,
        topic=topic,
        lemma=lemma,
        phrase=phrase,
        pos=head.pos if head is not None else "",
        role=head.dep if head is not None else "",
        event_type=event.type,
        participants=frozenset(actors),
        places=frozenset({event.location.lower()}) if event.location else frozenset(),
        times=frozenset({event.date.value}) if event.date is not None and event.date.value else frozenset(),
        context=context,
        sentence=sentence,
    )


def document_from_tokens(id: str, tokens: Sequence[Token], *, topic: str = "") -> CorefDocument:
    """Return a document's coreference record: the lemmas of its content words, numbers kept."""
    words = tuple(
        t.lemma.lower() for t in tokens if t.pos in _CONTENT_POS and (t.text.isalpha() or t.pos == "NUM")
    )
    return CorefDocument(id=id, topic=topic, words=words)
