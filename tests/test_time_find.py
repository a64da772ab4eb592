"""chronicle.time.find_timexes on real news sentences: spans, types, TIMEX3 values, anchors."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import chronicle.time
from chronicle.time import Timex, find_timexes

SEED_DCT = dt.date(2020, 1, 14)  # the Abe-Trump call article
TALKS_DCT = dt.date(2018, 2, 14)  # a Wednesday


def one(text: str, anchor: dt.date | None, phrase: str) -> Timex:
    """The single timex whose text is ``phrase``."""
    found = [t for t in find_timexes(text, anchor) if t.text == phrase]
    assert len(found) == 1, (phrase, find_timexes(text, anchor))
    return found[0]


# --- the user's seed articles --------------------------------------------------------------

def test_seed_phone_call_last_month():
    text = ("Japanese Prime Minister Shinzo Abe and U.S. President Donald Trump held a 75-minute phone call "
            "last month, and agreed to keep up pressure on North Korea.")
    call = one(text, SEED_DCT, "75-minute")
    assert (call.type, call.value, call.mod) == ("DURATION", "PT75M", None)
    month = one(text, SEED_DCT, "last month")
    assert (month.type, month.value, month.anchor) == ("DATE", "2019-12", "2020-01-14")
    assert text[month.start:month.end] == "last month"


def test_seed_dec_21_takes_the_year_before_the_anchor():
    text = "The two leaders last talked in the phone conference on Dec. 21, the government said."
    t = one(text, SEED_DCT, "Dec. 21")
    assert t.value == "2019-12-21"
    assert t.certain is False  # the year was inferred


def test_seed_wednesday_night_is_the_anchor_day():
    text = "Abe and Trump agreed in telephone talks on Wednesday night to maximise pressure on Pyongyang."
    t = one(text, TALKS_DCT, "Wednesday night")
    assert t.value.startswith("2018-02-14")


def test_seed_february_2():
    text = "The two leaders last spoke on the phone on February 2, when they discussed the Olympics."
    assert one(text, TALKS_DCT, "February 2").value == "2018-02-02"


def test_seed_more_than_an_hour():
    text = "The talks, which lasted more than an hour, focused on North Korea's nuclear programme."
    t = one(text, TALKS_DCT, "more than an hour")
    assert (t.type, t.value, t.mod) == ("DURATION", "PT1H", "MORE_THAN")


def test_seed_so_far_is_as_of_now_not_a_timex():
    # TimeBank/TempEval leave "so far" unannotated; find_as_of_now reports it instead.
    text = "Abe and Trump have held 14 summits and spoken over the telephone 33 times so far."
    assert [t.text for t in find_timexes(text, TALKS_DCT)] == []
    (marker,) = chronicle.time.find_as_of_now(text, TALKS_DCT)
    assert text[marker.start:marker.end] == "so far"
    assert (marker.value, marker.anchor) == ("PRESENT_REF", "2018-02-14")
    assert [t.text for t in chronicle.time.find_as_of_now("Sales to date and thus far.", None)] == ["to date", "thus far"]


def test_no_anchor_keeps_unknown_parts():
    text = "Abe will meet Trump on Thursday and again on Dec. 21, officials said."
    assert one(text, None, "Thursday").value == "XXXX-WXX-4"
    dec = one(text, None, "Dec. 21")
    assert dec.value == "XXXX-12-21"
    assert dec.certain is False and dec.anchor is None
    assert one("They talked last month.", None, "last month").value == "XXXX-XX"


# --- weekdays and tense ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "anchor", "value"),
    [
        ("The two leaders will meet on Wednesday in Washington.", dt.date(2018, 2, 12), "2018-02-14"),
        ("The two leaders met on Wednesday in Washington.", dt.date(2018, 2, 16), "2018-02-14"),
        ("Trump said Sunday that the talks had gone well.", TALKS_DCT, "2018-02-11"),
        ("The ministers are scheduled to meet Friday in Tokyo.", TALKS_DCT, "2018-02-16"),
        ("Talks were held last Friday.", TALKS_DCT, "2018-02-09"),
        ("Talks will be held next Monday.", TALKS_DCT, "2018-02-19"),
    ],
)
def test_weekday_direction_follows_tense(sentence, anchor, value):
    t = [x for x in find_timexes(sentence, anchor) if x.type == "DATE"]
    assert [x.value for x in t] == [value]


def test_month_day_without_year_follows_future_tense():
    text = "The dividend will be payable Jan. 2 to holders of record."
    assert one(text, dt.date(1989, 11, 2), "Jan. 2").value == "1990-01-02"


def test_weekday_with_date_checks_the_year():
    text = "The New York Times said in an editorial on Saturday, April 25: the court took a detour."
    assert one(text, dt.date(1998, 4, 24), "Saturday, April 25").value == "1998-04-25"


# --- deictic and anaphoric expressions -------------------------------------------------------

@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("yesterday", "2018-02-13"),
        ("today", "2018-02-14"),
        ("tomorrow", "2018-02-15"),
        ("last week", "2018-W06"),
        ("this week", "2018-W07"),
        ("next month", "2018-03"),
        ("this year", "2018"),
        ("last year", "2017"),
        ("two weeks ago", "2018-01-31"),
        ("three years ago", "2015"),
        ("last fall", "2017-FA"),
        ("this summer", "2018-SU"),
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
    ],
)
def test_deictic_expressions_resolve_against_anchor(phrase, value):
    text = f"Officials said the decision came {phrase}, according to the ministry."
    assert one(text, TALKS_DCT, phrase).value == value


def test_anaphoric_expressions_use_the_last_mentioned_date():
    text = ("The summit was held in Singapore on June 12, 2018. The previous day, the delegations met; "
            "the next day Trump flew home, and a week later Pompeo went to Pyongyang.")
    found = {t.text: t.value for t in find_timexes(text, dt.date(2018, 9, 1))}
    assert found["June 12, 2018"] == "2018-06-12"
    assert found["The previous day"] == "2018-06-11"
    # TimeBank convention: "a week later" is marked as the duration "a week"
    assert found["a week"] == "P1W"


def test_anaphora_falls_back_to_the_anchor():
    assert one("The next day, talks resumed.", TALKS_DCT, "The next day").value == "2018-02-15"


def test_a_year_earlier_follows_a_quarter():
    text = "Net income rose in the third quarter to $5 million from $4 million a year earlier."
    found = {t.text: t.value for t in find_timexes(text, dt.date(1989, 10, 26))}
    assert found == {"the third quarter": "1989-Q3", "a year earlier": "1988-Q3"}


# --- calendar units ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("the third quarter of 2017", "2017-Q3"),
        ("the 1990s", "199"),
        ("the 20th century", "19"),
        ("fiscal 1998", "1998"),
        ("the summer of 2018", "2018-SU"),
        ("March 1996", "1996-03"),
        ("Dec. 2, 1956", "1956-12-02"),
        ("1998", "1998"),
        ("the first half of 1990", "1990-H1"),
    ],
)
def test_calendar_units(phrase, value):
    text = f"The figures for {phrase} were released by the agency."
    assert one(text, TALKS_DCT, phrase).value == value


def test_clock_times_take_the_day_they_name():
    text = "The ceasefire starts at 9 a.m. Friday and the vote closes at 10:35 p.m."
    found = {t.text: (t.type, t.value) for t in find_timexes(text, TALKS_DCT)}
    assert found["9 a.m. Friday"] == ("TIME", "2018-02-16T09:00")
    assert found["10:35 p.m."] == ("TIME", "2018-02-14T22:35")


# --- durations and sets -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("phrase", "value", "mod"),
    [
        ("75 minutes", "PT75M", None),
        ("two and a half hours", "PT2H30M", None),
        ("2 1/2 years", "P2Y6M", None),
        ("a minute and a half", "PT1M30S", None),
        ("half an hour", "PT30M", None),
        ("1.5 days", "P1DT12H", None),
        ("18 days", "P18D", None),
        ("three years", "P3Y", None),
        ("the past three months", "P3M", None),
        ("two decades", "P20Y", None),
        ("nearly two years", "P2Y", "LESS_THAN"),
        ("at least 30 days", "P30D", "EQUAL_OR_MORE"),
        ("about a week", "P1W", "APPROX"),
        ("several months", "PXM", None),
    ],
)
def test_durations(phrase, value, mod):
    text = f"The negotiations lasted {phrase}, a diplomat said."
    t = one(text, TALKS_DCT, phrase)
    assert (t.type, t.value, t.mod) == ("DURATION", value, mod)


def test_vague_decades_use_the_decade_unit():
    t = one("The two countries have been rivals for decades.", TALKS_DCT, "decades")
    assert (t.type, t.value) == ("DURATION", "PXDE")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("every week", "P1W"), ("annually", "P1Y"), ("each year", "P1Y"), ("weekly", "P1W"), ("daily", "P1D")],
)
def test_sets(phrase, value):
    text = f"The allies will consult {phrase} on the sanctions."
    t = one(text, TALKS_DCT, phrase)
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Three days later, the index recovered.", "Three days", "P3D"),
        ("A few days later, the company announced losses.", "A few days", "PXD"),
        ("A day earlier, scores of trucks crossed.", "A day", "P1D"),
        ("Just over an hour later, he was declared dead.", "over an hour", "PT1H"),
    ],
)
def test_units_later_are_durations(text, phrase, value):
    t = [x for x in find_timexes(text, TALKS_DCT) if phrase in x.text]
    assert len(t) == 1 and t[0].type == "DURATION" and t[0].value == value
    assert not t[0].text.lower().endswith(("later", "earlier"))


def test_a_year_earlier_stays_a_date():
    (t,) = find_timexes("Profit rose from $4 million a year earlier.", dt.date(1989, 10, 26))
    assert (t.type, t.value) == ("DATE", "1988")


# --- things that are not timexes ---------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "A 52-year-old man was arrested.",
        "The company sold 1,500 shares and three-quarters of its stake.",
        "Trump may decide to meet Kim.",
        "April Glaspie was the ambassador.",
        "The airline adds four flights a week and 700 seats a week.",
        "The stock would have a dividend rate of $1.76 a year.",
        "Gonzalez said on CBS's ''60 Minutes.''",
        'Baker said on ABC-TV\'s "This Week With David Brinkley" that it was over.',
        "The suspect fled the day before authorities issued a warrant.",
    ],
)
def test_not_timexes(text):
    assert find_timexes(text, TALKS_DCT) == ()


# --- the record and the API ---------------------------------------------------------------------

def test_timex_is_frozen_and_offsets_match_text():
    text = "Talks were held on Feb. 2, 2018, in Tokyo."
    (t,) = find_timexes(text, TALKS_DCT)
    assert text[t.start:t.end] == t.text == "Feb. 2, 2018"
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.value = "x"  # type: ignore[misc]


def test_public_surface():
    assert chronicle.time.__all__ == ["Timex", "find_as_of_now", "find_timexes"]


def test_input_is_checked():
    with pytest.raises(TypeError):
        find_timexes(b"bytes", TALKS_DCT)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        find_timexes("text", "2018-02-14")  # type: ignore[arg-type]


def test_datetime_anchor_is_accepted():
    (t,) = find_timexes("They met yesterday.", dt.datetime(2018, 2, 14, 9, 30))
    assert t.value == "2018-02-13"


def test_empty_text():
    assert find_timexes("", TALKS_DCT) == ()
