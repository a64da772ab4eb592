"""The language part of the per-document pipeline: text + publication date → timexes, actors,
events and stated counts.

Stages and what they need / add (checked by ``check_stage_order`` when a toolkit is built)::

    time      needs text                          adds timexes
    language  needs text                          adds parse
    actors    needs parse                         adds actor_mentions
    events    needs parse, actor_mentions, timexes adds events, counts
    quotes    needs parse, actor_mentions, events  adds quotes
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from chronicle.config import Settings
from chronicle.models import ActorMention, EventMention, Parse, Quote, StatedCount, Timex
from chronicle.time import find_timexes

STAGES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("time", frozenset({"text"}), frozenset({"timexes"})),
    ("language", frozenset({"text"}), frozenset({"parse"})),
    ("actors", frozenset({"parse"}), frozenset({"actor_mentions"})),
    ("events", frozenset({"parse", "actor_mentions", "timexes"}), frozenset({"events", "counts"})),
    ("quotes", frozenset({"parse", "actor_mentions", "events"}), frozenset({"quotes"})),
)


def check_stage_order(stages: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = STAGES) -> None:
    """Raise ``ConfigError`` when a stage needs something no earlier stage adds."""
    from chronicle.errors import ConfigError

    have = {"text"}
    for name, needs, adds in stages:
        missing = needs - have
        if missing:
            raise ConfigError(f"stage '{name}' needs {', '.join(sorted(missing))}, which no earlier stage adds")
        have |= adds


@dataclass(frozen=True)
class Toolkit:
    """What the language stages load once per process: the spaCy pipeline, knowledge tables, lexicons."""

    language: Any  # chronicle.language.LanguageModel
    knowledge: Any  # chronicle.actors.Knowledge
    lexicon: Any  # chronicle.events.EventLexicon
    sentence_filter: Any  # decides which sentences get the full parse
    entity_filter: Any = None  # decides which parsed sentences need the entity recogniser


@dataclass(frozen=True)
class TextAnalysis:
    """Everything the language stages found in one text; offsets index that text."""

    text: str
    timexes: tuple[Timex, ...]
    parse: Parse
    actor_mentions: tuple[ActorMention, ...]
    events: tuple[EventMention, ...]
    counts: tuple[StatedCount, ...]
    quotes: tuple[Quote, ...]


def load_toolkit(settings: Settings) -> Toolkit:
    """Load (once per process and setting values) the spaCy pipeline, knowledge tables and lexicons.

    Raises:
        LanguageModelError: the spaCy pipeline cannot be loaded.
        KnowledgeError: a knowledge table or the user's actors file is invalid.
    """
    return _load_toolkit(settings.spacy_model, settings.actors_file)


@cache
def _load_toolkit(model_name: str, actors_file: str | None) -> Toolkit:
    from chronicle.actors import entity_sentence_filter, load_knowledge
    from chronicle.events import event_sentence_filter, load_event_lexicon
    from chronicle.language import load_language_model
    from chronicle.quotes import quote_sentence_filter

    check_stage_order()
    lexicon = load_event_lexicon()
    knowledge = load_knowledge(actors_file)
    return Toolkit(
        language=load_language_model(model_name),
        knowledge=knowledge,
        lexicon=lexicon,
        sentence_filter=_Either(event_sentence_filter(lexicon), quote_sentence_filter()),
        entity_filter=entity_sentence_filter(knowledge),
    )


@dataclass(frozen=True)
class _Either:
    """A sentence needs the full analysis when it may hold an event or an attribution."""

    first: Any
    second: Any

    def __call__(self, words: Any) -> bool:
        return bool(self.first(words) or self.second(words))


def analyse_text(
    text: str, published: dt.date | None, toolkit: Toolkit, timexes: tuple[Timex, ...] | None = None
) -> TextAnalysis:
    """Run time, language, actors, events and quotes over ``text`` published on ``published`` (None: unknown).

    Relative dates resolve against ``published`` only; with no date they stay unresolved.
    """
    from chronicle.actors import find_actor_mentions
    from chronicle.events import code_document
    from chronicle.language import parse_text
    from chronicle.quotes import find_quotes

    if timexes is None:
        timexes = find_timexes(text, published)
    parse = parse_text(toolkit.language, text, toolkit.sentence_filter, toolkit.entity_filter)
    mentions = find_actor_mentions(text, parse, toolkit.knowledge, published)
    events, counts = code_document(text, parse, mentions, timexes, published)
    quotes = find_quotes(text, parse, mentions, events)
    return TextAnalysis(text, timexes, parse, mentions, events, counts, quotes)
