"""Event coreference across documents: which mentions report the same real-world event.

The core (``cluster_mentions``) works on small records of its own (``CorefMention``,
``CorefDocument``) so it clusters benchmark mentions and Chronicle's extracted events alike;
``extract_mentions`` builds those records from tokenised text with the language model, and
``mention_from_event`` from a Chronicle ``EventMention``.
"""

from __future__ import annotations

from chronicle.corpus.coref.cluster import CorefSettings, cluster_mentions, lemma_baseline
from chronicle.corpus.coref.documents import document_subtopics
from chronicle.corpus.coref.events import document_from_tokens, mention_from_event
from chronicle.corpus.coref.features import document_words, extract_mentions
from chronicle.corpus.coref.lexicon import CorefLexicon, load_coref_lexicon
from chronicle.corpus.coref.model import CorefDocument, CorefMention, MentionSpan, TokenisedDocument

__all__ = [
    "CorefDocument",
    "CorefLexicon",
    "CorefMention",
    "CorefSettings",
    "MentionSpan",
    "TokenisedDocument",
    "cluster_mentions",
    "document_from_tokens",
    "document_subtopics",
    "document_words",
    "extract_mentions",
    "lemma_baseline",
    "load_coref_lexicon",
    "mention_from_event",
]
