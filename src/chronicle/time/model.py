"""Records of the temporal-expression stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, normalised TimeML-style.

    ``start``/``end`` are character offsets into the text and ``text`` the covered string;
    ``type`` is DATE, TIME, DURATION or SET; ``value`` the TIMEX3 value (``2018-02-14``,
    ``2019-12``, ``2018-W07``, ``PT75M``, ``XXXX-05``, ``PRESENT_REF``, ...); ``anchor`` the ISO
    date the value was computed from (None when none was used); ``certain`` is False when a
    part had to be guessed (a year for "Dec. 21", past or future for "Thursday") or left X;
    ``mod`` a TIMEX3 modifier (APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS,
    START, MID, END) or None.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    anchor: str | None = None
    certain: bool = True
    mod: str | None = None
