"""The cue lexicon (data/quotes/cues.toml) and the sentence filter built from it."""

from __future__ import annotations

import pytest

from chronicle.errors import KnowledgeError
from chronicle.quotes import quote_sentence_filter
from chronicle.quotes.lexicon import build_cues, cues


def test_every_verb_lists_its_own_forms_once() -> None:
    lexicon = cues()
    assert len(lexicon.verbs) > 50
    for lemma, verb in lexicon.verbs.items():
        assert verb.forms, lemma
        assert len(set(verb.forms)) == len(verb.forms), lemma
        assert all(form == form.lower() and " " not in form for form in verb.forms), lemma
    assert lexicon.forms["said"] == "say" and lexicon.forms["told"] == "tell" and lexicon.forms["tweeted"] == "tweet"


def test_kinds_particles_and_titles() -> None:
    lexicon = cues()
    assert lexicon.verbs["tweet"].kind == "tweet"
    assert lexicon.verbs["point"].particle == "out"
    assert lexicon.verbs["continue"].quote_only
    assert lexicon.nouns["statement"] == "statement"
    assert ("according", "to") in lexicon.according
    assert lexicon.is_spokesperson(("foreign", "ministry", "spokeswoman", "hua", "chunying"))
    assert lexicon.is_spokesperson(("white", "house", "press", "secretary"))
    assert not lexicon.is_spokesperson(("prime", "minister", "shinzo", "abe"))
    assert lexicon.pronouns["she"] == "f" and lexicon.gender_words["spokeswoman"] == "f"


def test_filter_selects_sentences_that_may_attribute() -> None:
    needs = quote_sentence_filter()
    assert needs(["abe", "said", "he", "agreed", "."])
    assert needs(["“", "we", "will", ",", "”"])
    assert needs(["''", "we", "will", ",", "''", "he", "added"])
    assert needs(["trump", "assured", "abe", ",", "according", "to", "an", "official", "."])
    assert needs(["trump", "tweeted", "that", "he", "would", "come", "."])
    assert not needs(["the", "two", "leaders", "met", "in", "florida", "."])
    # a verb that reports only beside a quotation does not call for a parse on its own
    assert not needs(["the", "talks", "continued", "for", "hours", "."])


def test_a_malformed_lexicon_is_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeError):
        build_cues({"verbs": {"say": {"forms": ["say"]}}})  # no nouns, phrases or titles
    with pytest.raises(KnowledgeError):
        build_cues({"verbs": {"say": {}}, "nouns": {}, "according": {"phrases": []}, "spokespeople": {"titles": []}})
