"""The event lexicon as data: it loads, covers PLOVER, names only PLOVER's modes, and the sentence
filter built from it works on surface forms before any tagging."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from chronicle.errors import KnowledgeError
from chronicle.events import PLOVER_TYPES, event_sentence_filter, load_event_lexicon
from chronicle.events.forms import noun_forms, verb_forms
from chronicle.events.lexicon import SENSE_FILES, _sense_tables

# The modes of the PLOVER manual's tables, plus Chronicle's own "meeting" (an in-person CONSULT
# whose arrangement is not stated) and the "destroy" mode under which the CAMEO-era records file
# property destruction as COERCE.
MANUAL_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone", "host", "meeting"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber", "destroy"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"},
}


@pytest.fixture(scope="module")
def lexicon():
    return load_event_lexicon()


@pytest.fixture(scope="module")
def keep(lexicon):
    return event_sentence_filter(lexicon)


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w']+|[^\w\s]", sentence.lower())


def test_every_plover_type_has_verb_and_noun_triggers(lexicon) -> None:
    for kind in PLOVER_TYPES:
        senses = [s for s in lexicon.senses if s.type == kind]
        assert {s.pos for s in senses} >= {"verb", "noun"}, kind


def test_modes_are_those_of_the_manual(lexicon) -> None:
    for sense in lexicon.senses:
        if sense.mode is not None:
            assert sense.mode in MANUAL_MODES.get(sense.type, set()), (sense.type, sense.mode, sense.words)


def test_consult_modes_come_from_words(lexicon) -> None:
    by_words = {(s.pos, " ".join(s.words)): s for s in lexicon.senses if s.type == "CONSULT"}
    assert by_words[("noun", "phone call")].mode == "phone"
    assert by_words[("noun", "telephone talk")].mode == "phone"
    assert by_words[("noun", "summit")].mode == "meeting"
    assert by_words[("verb", "visit")].mode == "visit"
    assert by_words[("verb", "host")].mode == "host"
    assert by_words[("noun", "trilateral meeting")].mode == "multilateral"


def test_grammar_and_content_modes_load(lexicon) -> None:
    g = lexicon.grammar
    assert {"hold", "have", "conduct", "stage"} <= g.support
    assert "say" in g.reporting and "will" in g.future_auxiliaries and "might" in g.hypothetical_auxiliaries
    assert g.groups["leader"] == "person" and "two" in g.group_quantifiers
    assert g.count_adverbs["twice"] == 2 and g.qualifiers["more than"] == "MORE_THAN"
    assert g.content_modes["THREATEN"]["SANCTION"] == "relations"
    assert g.plover_intent["CONSULT"] == "AGREE" and g.plover_intent["ASSAULT"] == "THREATEN"
    assert g.irregular["meet"] == ("met",)


def test_inflections_are_generated_from_lemmas() -> None:
    assert {"ban", "bans", "banned", "banning"} <= verb_forms("ban")
    assert {"agree", "agrees", "agreed", "agreeing"} <= verb_forms("agree")
    assert {"deny", "denies", "denied", "denying"} <= verb_forms("deny")
    assert {"hold", "holds", "held", "holding"} <= verb_forms("hold", ("held",))
    assert {"ceasefire", "ceasefires"} <= noun_forms("ceasefire")
    assert {"hostility", "hostilities"} <= noun_forms("hostility")
    assert "crises" in noun_forms("crisis", "crises")


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders met in Singapore.",
        "Abe and Trump spoke by phone for 75 minutes.",
        "Rebels shelled the city overnight.",
        "Police arrested dozens of protesters.",
        "The government lifted the curfew on Monday.",
        "He said the talks would resume.",  # a speech act
        "They have met twice since then.",
    ],
)
def test_filter_keeps_sentences_that_may_hold_an_event(keep, sentence: str) -> None:
    assert keep(words(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The weather in Tokyo was mild and sunny.",
        "Shares of the company rose two percent.",
        "He lifted the box onto the table.",  # "lift" is an event only with a curfew, a ban, sanctions
        "Copyright 2020, all rights reserved.",
    ],
)
def test_filter_drops_sentences_without_a_trigger(keep, sentence: str) -> None:
    assert not keep(words(sentence))


def test_lexicon_files_are_valid_toml_with_known_fields() -> None:
    for name in SENSE_FILES:
        raw = resources.files("chronicle.data").joinpath("events", name).read_text(encoding="utf-8")
        assert _sense_tables(name, tomllib.loads(raw))


def test_malformed_senses_are_refused_with_a_clear_error() -> None:
    with pytest.raises(KnowledgeError, match="PLOVER event type"):
        _sense_tables("bad.toml", {"sense": [{"type": "FIGHT", "verbs": ["fight"]}]})
    with pytest.raises(KnowledgeError, match="unknown field"):
        _sense_tables("bad.toml", {"sense": [{"type": "ASSAULT", "verbs": ["fight"], "verb": ["x"]}]})
    with pytest.raises(KnowledgeError, match="needs verbs"):
        _sense_tables("bad.toml", {"sense": [{"type": "ASSAULT"}]})
    with pytest.raises(KnowledgeError, match="weight"):
        _sense_tables("bad.toml", {"sense": [{"type": "ASSAULT", "verbs": ["fight"], "weight": 3}]})
