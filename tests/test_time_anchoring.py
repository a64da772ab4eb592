"""chronicle.time: the cues that decide which occurrence a date means, and the expressions that
are not temporal at all (rates of quantities, titles, idioms)."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.time import Timex, find_timexes


def one(text: str, anchor: dt.date | None, phrase: str) -> Timex:
    """The single timex whose text is ``phrase``."""
    found = [t for t in find_timexes(text, anchor) if t.text == phrase]
    assert len(found) == 1, (phrase, find_timexes(text, anchor))
    return found[0]


def texts(text: str, anchor: dt.date | None) -> list[str]:
    return [t.text for t in find_timexes(text, anchor)]


# --- words before a date fix its direction ------------------------------------------------------

@pytest.mark.parametrize(("text", "anchor", "phrase", "value"), [
    # a deadline lies ahead even when the clause's verb is past or passive
    ("The sale, which had been expected, is part of a program to pay down the bridge loan by February.",
     dt.date(1989, 10, 30), "February", "1990-02"),
    ("The reduced dividend is payable Jan. 2 to stock of record Dec. 15.",
     dt.date(1989, 11, 2), "Jan. 2", "1990-01-02"),
    ("The rights, which expire Nov. 21, can be exercised for $100 each.",
     dt.date(1989, 11, 2), "Nov. 21", "1989-11-21"),
    # a period that ended, or a starting point, lies behind
    ("Sales for the fiscal year ended Sept. 30 rose 8%.", dt.date(1989, 9, 25), "Sept. 30", "1988-09-30"),
])
def test_words_before_a_date_fix_its_year(text, anchor, phrase, value):
    assert one(text, anchor, phrase).value == value


def test_until_looks_ahead_but_a_sentence_opening_until_looks_back():
    friday = dt.date(1999, 5, 7)
    ahead = one("Officials postponed until Tuesday any action on the case.", friday, "Tuesday")
    assert ahead.value == "1999-05-11"
    back = one("Until Thursday, they had not called Kopp a suspect.", friday, "Thursday")
    assert back.value == "1999-05-06"
    assert one("But it was not until Tuesday that Castro revealed his concerns.", friday, "Tuesday").value \
        == "1999-05-04"


def test_as_early_as_a_weekday_is_the_next_one():
    monday = dt.date(2000, 4, 3)
    text = "The father could come to the U.S. from Cuba as early as Tuesday."
    assert one(text, monday, "Tuesday").value == "2000-04-04"


def test_by_a_weekday_follows_the_tense():
    thursday = dt.date(1990, 8, 16)
    text = "Thirty-two members had filed compliance reports by Wednesday, and all were honoring the sanctions."
    assert one(text, thursday, "Wednesday").value == "1990-08-15"


def test_a_weekday_named_by_what_happened_on_it_looks_back():
    friday = dt.date(2000, 1, 7)
    text = "The relatives said they would look for ways to get around Wednesday's ruling by the court."
    assert one(text, friday, "Wednesday's").value == "2000-01-05"
    # an explicit future still wins
    assert one("The board will meet before Tuesday's vote.", friday, "Tuesday's").value == "2000-01-04"


def test_a_scheduled_meeting_in_the_present_tense_lies_ahead():
    friday = dt.date(1998, 5, 1)
    text = "He and Palestinian leader Yasser Arafat meet separately Monday with the Secretary of State."
    assert one(text, friday, "Monday").value == "1998-05-04"


def test_a_participle_after_be_takes_the_tense_of_its_auxiliary():
    anchor = dt.date(1998, 3, 4)
    text = "Colonel Eileen Collins will be named commander of the shuttle for a mission in December."
    assert one(text, anchor, "December").value == "1998-12"


# --- expressions resolved from what follows them ----------------------------------------------

def test_the_quarter_ended_a_date():
    anchor = dt.date(1989, 10, 26)
    assert one("For the quarter ended Sept. 30, Delta posted net income of $133 million.", anchor,
               "the quarter").value == "1989-Q3"
    # a fiscal quarter ending a month into a calendar quarter lies mostly in the one before
    assert one("In the quarter ended July 31, Jayark had an average of 5.6 million shares.", anchor,
               "the quarter").value == "1989-Q2"


def test_a_quarter_named_before_keeps_its_number():
    anchor = dt.date(1989, 10, 26)
    text = ("Sun reported a loss for the fiscal first quarter. Sales for the quarter ended Sept. 29 "
            "rose 39%.")
    assert one(text, anchor, "the quarter").value == "1989-Q1"


def test_the_week_of_a_date():
    t = one("The case may be resolved in a court hearing the week of March 6, he said.", dt.date(2000, 2, 24),
            "the week of March 6")
    assert (t.type, t.value) == ("DATE", "2000-W10")


def test_month_with_a_spelled_year():
    t = one("January nineteen ninety-seven. Atlanta again.", dt.date(1998, 2, 27), "January nineteen ninety-seven")
    assert t.value == "1997-01"


def test_year_end_is_the_last_day_of_the_year():
    assert one("They expect to complete the transaction by year-end.", dt.date(1989, 11, 2),
               "year-end").value == "1989-12-31"
    assert one("The percentage change is since year-end.", dt.date(1989, 10, 30), "year-end").value \
        == "1988-12-31"


def test_in_a_number_of_units_ahead_is_a_date():
    anchor = dt.date(1989, 11, 2)
    t = one("The stock would be redeemed in five years, subject to the terms.", anchor, "five years")
    assert (t.type, t.value) == ("DATE", "1994")
    assert one("You may, in a year or two, save a few more lives.", anchor, "a year or two").value == "FUTURE_REF"
    # a length of time, not a point: no future cue
    t = one("The plant was built in two years.", anchor, "two years")
    assert (t.type, t.value) == ("DURATION", "P2Y")


# --- parts of a day ------------------------------------------------------------------------------

def test_a_weekday_evening_keeps_its_part_of_day():
    thursday = dt.date(1998, 2, 12)
    t = one("A woman was killed Thursday evening when two robbers opened fire.", thursday, "Thursday evening")
    assert (t.type, t.value) == ("TIME", "1998-02-12TEV")
    # a night or a morning stands for the day itself
    assert one("Abe and Trump talked on Thursday night.", thursday, "Thursday night").value == "1998-02-12"


def test_mid_afternoon():
    anchor = dt.date(1989, 11, 2)
    t = one("In London at mid-afternoon yesterday, the shares were up 2 pence.", anchor, "mid-afternoon yesterday")
    assert (t.type, t.value) == ("TIME", "1989-11-01TAF")
    assert one("By mid afternoon, Serb sources were reporting calm.", dt.date(1998, 3, 6),
               "mid afternoon").value == "1998-03-06TAF"


# --- reference words -------------------------------------------------------------------------------

def test_one_day_after_a_modal_is_the_future():
    t = one("According to the institute, Islam will one day be the second largest religion.", dt.date(1998, 3, 1),
            "one day")
    assert (t.type, t.value) == ("DATE", "FUTURE_REF")


def test_then_current_looks_back():
    t = one("Holders may buy shares at 50% of the then current market price.", dt.date(1989, 10, 26),
            "then current")
    assert t.value == "PAST_REF"


# --- not temporal ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Management expects the company's revenue to increase by 20% annually.",
    "The plant would produce about 10,000 units annually.",
    "That is less than 5% of Nasdaq's average daily volume.",
    "The poster showed Gary Cooper in the film High Noon.",
    "Protesters gathered at the annual March for Life on Capitol Hill.",
    "This is VOA Today.",
    "Fathers and mothers are treated alike in today's world.",
    "Officers stood outside every clinic, 24 hours a day.",
    "That is very important to the future of our peoples.",
])
def test_not_a_timex(text):
    assert texts(text, dt.date(1999, 3, 12)) == []


def test_the_same_words_still_tag_when_temporal():
    anchor = dt.date(1999, 3, 12)
    assert one("The ceremonies are held here annually for Marti.", anchor, "annually").value == "P1Y"
    assert one("The alliance was founded in March.", anchor, "March").value == "1999-03"
    assert one("The offer, advertised in today's editions of the Journal, expires soon.", anchor,
               "today's").value == "1999-03-12"
    assert one("The talks broke off at noon Thursday.", anchor, "noon Thursday").value == "1999-03-11T12:00"
    assert one("The strike lasted 24 hours.", anchor, "24 hours").value == "PT24H"
    assert one("They are worried about the future.", anchor, "the future").value == "FUTURE_REF"
