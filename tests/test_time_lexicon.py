"""The temporal tagger's packaged lexicon (chronicle/data/time_lexicon.toml) and its helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.time.calendar import Point, closest_year, format_point, shift
from chronicle.time.grammar import parse_number
from chronicle.time.lexicon import lexicon


def test_lexicon_is_read_only_and_cached():
    lx = lexicon()
    assert lexicon() is lx
    with pytest.raises(TypeError):
        lx.months["smarch"] = 13  # type: ignore[index]


def test_lexicon_tables():
    lx = lexicon()
    assert [lx.month(w) for w in ("January", "Sept.", "Dec", "May")] == [1, 9, 12, 5]
    assert [lx.weekday(w) for w in ("Monday", "Sunday's", "Thurs.")] == [1, 7, 4]
    assert lx.unit("minutes") == ("minute", "M", 1)
    assert lx.unit("centuries") == ("century", "Y", 100)
    assert lx.unit("trading days") == ("day", "D", 1)
    assert lx.sets["annually"] == "P1Y"
    assert lx.as_of_now["so far"] == "PRESENT_REF" and "so far" not in lx.references


@pytest.mark.parametrize(
    ("text", "value"),
    [("75", 75), ("two and a half", 2.5), ("2 1/2", 2.5), ("twenty-four", 24), ("a", 1),
     ("a couple of", 2), ("several", "X"), ("1,500", 1500), ("four hundred", 400), ("banana", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_calendar_points():
    d = dt.date(2018, 2, 14)
    assert format_point(shift(Point("week", d), -1)) == "2018-W06"
    assert format_point(shift(Point("quarter", d), -1)) == "2017-Q4"
    assert format_point(shift(Point("month", dt.date(2018, 3, 31)), -1)) == "2018-02"
    assert format_point(Point("decade", d)) == "201"
    assert closest_year(dt.date(2020, 1, 14), 12, 21, None) == 2019
    assert closest_year(dt.date(1989, 11, 2), 1, 2, "future") == 1990
