"""The event lexicon: trigger senses, grammar words and mode cues, read from ``chronicle/data/events``.

The knowledge lives in TOML files written for Chronicle (``cooperation.toml``,
``verbal_conflict.toml``, ``material_conflict.toml``: trigger senses; ``grammar.toml``: support,
reporting and modal words, groups, counting, PLOVER record rules, irregular forms;
``modes.toml``: mode and context cues). This module turns them into frozen, read-only records.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType

from chronicle.errors import KnowledgeError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
"""The sixteen PLOVER event types, in the manual's order."""

VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
"""Types whose trigger's complement is what was said, not a separate happening."""

SENSE_FILES = ("cooperation.toml", "verbal_conflict.toml", "material_conflict.toml")
_POS_KEYS = {"verbs": "verb", "nouns": "noun", "adjectives": "adj", "phrases": "phrase"}
_SENSE_KEYS = frozenset(
    {"type", "mode", "context", "objects", "preps", "without", "subjects", "partner", "symmetric",
     "absorbs", "negated", "content", "weight", "agentive", *_POS_KEYS}
)


@dataclass(frozen=True)
class Sense:
    """One reading of a trigger: the words that express it and what it means.

    ``words`` are the lemmas of the trigger as written in the lexicon ("call", "for"; "phone",
    "call"); ``pos`` says which part of speech carries it ("verb", "noun", "adj", "phrase").
    ``type`` is a PLOVER type, or "NONE" for a reading that is no event. The constraint fields
    (``objects``, ``preps``, ``without``, ``subjects``, ``partner``) restrict where it applies.
    """

    type: str
    pos: str
    words: tuple[str, ...]
    mode: str | None = None
    context: str | None = None
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    partner: bool = False
    symmetric: bool = False
    absorbs: bool = False
    negated: str | None = None
    content: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    weight: float = 0.5
    agentive: bool = False  # the noun names those who act ("protesters"), a party of any event it is a party to

    @property
    def specificity(self) -> int:
        """How much a match of this sense says: constraints met and words matched."""
        return ((2 if self.objects else 0) + (1 if self.preps else 0) + (1 if self.subjects else 0)
                + (1 if self.without else 0) + len(self.words))


@dataclass(frozen=True)
class Grammar:
    """Grammar words the coder reads (all lemmas lower case); see ``grammar.toml``."""

    support: frozenset[str]
    topic_objects: frozenset[str]
    reporting: frozenset[str]
    aspectual: frozenset[str]
    object_control: frozenset[str]
    planned_verbs: frozenset[str]
    hypothetical_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    planned_adjectives: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    negated_adjectives: frozenset[str]
    planned_modifiers: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    negating_determiners: frozenset[str]
    negations: frozenset[str]
    future_auxiliaries: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    deontic_auxiliaries: frozenset[str]
    future_in_past: frozenset[str]
    conditionals: frozenset[str]
    temporal_subordinators: frozenset[str]
    deontic_report: frozenset[str]
    groups: Mapping[str, str]
    group_quantifiers: frozenset[str]
    count_nouns: frozenset[str]
    count_adverbs: Mapping[str, int]
    numbers: Mapping[str, int]
    qualifiers: Mapping[str, str]
    content_modes: Mapping[str, Mapping[str, str]]
    plover_intent: Mapping[str, str]
    local_modes: frozenset[str]
    irregular: Mapping[str, tuple[str, ...]]
    plurals: Mapping[str, str]


@dataclass(frozen=True)
class Cues:
    """Mode and context cues (lemma sequences), in priority order; see ``modes.toml``."""

    consult: tuple[tuple[str, tuple[str, ...]], ...]
    assault: tuple[tuple[str, tuple[str, ...]], ...]
    mobilize: tuple[tuple[str, tuple[str, ...]], ...]
    contexts: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class EventLexicon:
    """Everything the event coder knows: senses indexed by their first word, grammar and cues."""

    senses: tuple[Sense, ...]
    grammar: Grammar
    cues: Cues
    by_first_word: Mapping[str, tuple[Sense, ...]]
    lemmas: frozenset[str] = frozenset()  # every single-word lemma the lexicon and grammar use
    form_lemmas: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def lemma_of(self, lemma: str, word: str) -> str:
        """The lexicon's lemma for a token: the tagger's ``lemma`` when the lexicon knows it, else
        the lemma whose inflected form ``word`` is (taggers misread some: "staged" → "stag")."""
        if lemma in self.lemmas:
            return lemma
        return self.form_lemmas.get(word, lemma)

    def senses_starting(self, word: str) -> tuple[Sense, ...]:
        """Senses whose first lexicon word is ``word`` (a lower-case lemma or form)."""
        return self.by_first_word.get(word, ())


def _words(text: str) -> tuple[str, ...]:
    # hyphens in the lexicon stand for the separate tokens a tokenizer makes of them
    return tuple(text.lower().replace("-", " ").split())


def _sense_tables(name: str, data: dict) -> list[Sense]:
    senses: list[Sense] = []
    for n, table in enumerate(data.get("sense", [])):
        where = f"{name}, sense {n + 1}"
        unknown = set(table) - _SENSE_KEYS
        if unknown:
            raise KnowledgeError(f"{where}: unknown field(s) {sorted(unknown)}")
        kind = table.get("type")
        if kind not in PLOVER_TYPES and kind != "NONE":
            raise KnowledgeError(f"{where}: type must be a PLOVER event type or NONE, not {kind!r}")
        for key in ("negated",):
            if table.get(key) is not None and table[key] not in PLOVER_TYPES:
                raise KnowledgeError(f"{where}: {key} must be a PLOVER event type, not {table[key]!r}")
        content = table.get("content", {})
        if any(k not in PLOVER_TYPES or v not in PLOVER_TYPES for k, v in content.items()):
            raise KnowledgeError(f"{where}: content maps PLOVER types to PLOVER types")
        weight = float(table.get("weight", 0.5))
        if not 0.0 <= weight <= 1.0:
            raise KnowledgeError(f"{where}: weight must be in [0, 1]")
        common = dict(
            type=kind,
            mode=table.get("mode"),
            context=table.get("context"),
            objects=frozenset(o if o.startswith("@") else " ".join(_words(o)) for o in table.get("objects", [])),
            preps=frozenset(p.lower() for p in table.get("preps", [])),
            without=frozenset(w.lower() for w in table.get("without", [])),
            subjects=frozenset(s.lower() for s in table.get("subjects", [])),
            partner=bool(table.get("partner", False)),
            symmetric=bool(table.get("symmetric", False)),
            absorbs=bool(table.get("absorbs", kind in VERBAL_TYPES)),
            negated=table.get("negated"),
            content=MappingProxyType(dict(content)),
            weight=weight,
            agentive=bool(table.get("agentive", False)),
        )
        found = False
        for key, pos in _POS_KEYS.items():
            for entry in table.get(key, []):
                words = _words(entry)
                if not words:
                    raise KnowledgeError(f"{where}: empty entry in {key}")
                senses.append(Sense(pos=pos, words=words, **common))
                found = True
        if not found and not content:
            raise KnowledgeError(f"{where}: a sense needs verbs, nouns, adjectives or phrases")
    return senses


def _frozen(values: object, first_words: bool = False) -> frozenset[str]:
    """Lower-case entries; with ``first_words`` a phrasal entry ("carry out") is also listed by its verb."""
    out: set[str] = set()
    for v in values or []:
        words = _words(str(v))
        out.add(" ".join(words))
        if first_words:
            out.add(words[0])
    return frozenset(out)


def _grammar(data: dict) -> Grammar:
    try:
        verbs, status, groups, counting = data["verbs"], data["status"], dict(data["groups"]), data["counting"]
        quantifiers = groups.pop("quantifiers", [])
        return Grammar(
            support=_frozen(verbs["support"], first_words=True),
            topic_objects=_frozen(verbs["topic_objects"]),
            reporting=_frozen(verbs["reporting"]),
            aspectual=_frozen(verbs["aspectual"]),
            object_control=_frozen(verbs["object_control"]),
            **{key: _frozen(status[key]) for key in (
                "planned_verbs", "hypothetical_verbs", "negating_verbs", "planned_adjectives",
                "hypothetical_adjectives", "negated_adjectives", "planned_modifiers",
                "hypothetical_modifiers", "negating_determiners", "negations", "future_auxiliaries",
                "hypothetical_auxiliaries", "deontic_auxiliaries", "future_in_past", "conditionals",
                "temporal_subordinators", "deontic_report")},
            groups=MappingProxyType({k.lower(): str(v) for k, v in groups.items()}),
            group_quantifiers=_frozen(quantifiers),
            count_nouns=_frozen(counting["times"]),
            count_adverbs=MappingProxyType({k.lower(): int(v) for k, v in counting["adverbs"].items()}),
            numbers=MappingProxyType({k.lower(): int(v) for k, v in counting["numbers"].items()}),
            qualifiers=MappingProxyType({" ".join(_words(k)): str(v) for k, v in counting["qualifiers"].items()}),
            content_modes=MappingProxyType(
                {k: MappingProxyType(dict(v)) for k, v in data["content_modes"].items()}
            ),
            plover_intent=MappingProxyType(dict(data["plover"]["intent"])),
            local_modes=frozenset(data["plover"].get("local_modes", [])),
            irregular=MappingProxyType({k.replace("_", " "): tuple(v) for k, v in data["irregular"].items()}),
            plurals=MappingProxyType(dict(data.get("plurals", {}))),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(f"grammar.toml is incomplete or malformed: {exc!r}") from exc


def _cue_table(table: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((name, tuple(" ".join(_words(c)) for c in cues)) for name, cues in table.items())


def _read(name: str) -> dict:
    try:
        raw = resources.files("chronicle.data").joinpath("events", name).read_text(encoding="utf-8")
        return tomllib.loads(raw)
    except FileNotFoundError as exc:
        raise KnowledgeError(f"the event lexicon file {name} is missing from chronicle/data/events") from exc
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"the event lexicon file {name} is not valid TOML: {exc}") from exc


@cache
def load_event_lexicon() -> EventLexicon:
    """Load the packaged event lexicon (cached; every table is read-only).

    Returns an ``EventLexicon``. Raises ``KnowledgeError`` when a lexicon file is missing, is not
    valid TOML, or holds an entry that does not follow the documented fields.
    """
    senses: list[Sense] = []
    for name in SENSE_FILES:
        senses.extend(_sense_tables(name, _read(name)))
    grammar = _grammar(_read("grammar.toml"))
    modes = _read("modes.toml")
    try:
        cues = Cues(*(_cue_table(modes[key]) for key in ("consult", "assault", "mobilize", "contexts")))
    except KeyError as exc:
        raise KnowledgeError(f"modes.toml lacks the table {exc}") from exc
    index: dict[str, list[Sense]] = {}
    for sense in senses:
        index.setdefault(sense.words[0], []).append(sense)
    lemmas, forms = _lemma_tables(senses, grammar)
    return EventLexicon(
        senses=tuple(senses),
        grammar=grammar,
        cues=cues,
        by_first_word=MappingProxyType({k: tuple(v) for k, v in index.items()}),
        lemmas=lemmas,
        form_lemmas=forms,
    )


def _lemma_tables(senses: list[Sense], grammar: Grammar) -> tuple[frozenset[str], Mapping[str, str]]:
    """Every single word the lexicon names, and a map from their inflected forms back to them."""
    from chronicle.events.forms import noun_forms, verb_forms

    verbs: set[str] = set()
    nouns: set[str] = set()
    for sense in senses:
        (verbs if sense.pos == "verb" else nouns).update(sense.words)
    for table in (grammar.support, grammar.reporting, grammar.aspectual, grammar.object_control,
                  grammar.planned_verbs, grammar.hypothetical_verbs, grammar.negating_verbs):
        verbs.update(w.split()[0] for w in table)
    forms: dict[str, str] = {}
    for noun in sorted(nouns):
        for form in noun_forms(noun, grammar.plurals.get(noun)):
            forms.setdefault(form, noun)
    for verb in sorted(verbs):  # verbs last: "staged" is a form of "stage" whatever nouns say
        for form in verb_forms(verb, grammar.irregular.get(verb, ())):
            if form != verb or form not in forms:
                forms[form] = verb
    return frozenset(verbs | nouns), MappingProxyType(forms)
