"""Events stage: PLOVER event coding of parsed sentences, and the counts of events texts state.

Needs: a ``Parse`` whose event sentences were analysed (select them with
``event_sentence_filter``), the document's actor mentions and timexes. Adds: ``EventMention``
records (type, mode, context, status, sources, targets, date, duration, location, confidence)
and ``StatedCount`` records. The trigger lexicons are data (``chronicle/data/events``).
"""

from chronicle.events.code import code_document, extract_events, find_stated_counts
from chronicle.events.forms import event_sentence_filter
from chronicle.events.lexicon import PLOVER_TYPES, EventLexicon, Sense, load_event_lexicon
from chronicle.events.plover import plover_mode, plover_type

__all__ = [
    "PLOVER_TYPES",
    "EventLexicon",
    "Sense",
    "code_document",
    "event_sentence_filter",
    "extract_events",
    "find_stated_counts",
    "load_event_lexicon",
    "plover_mode",
    "plover_type",
]
