"""Temporal expressions: find DATE, TIME, DURATION and SET expressions and normalise them (TIMEX3).

Rule-based and fast (no parser): deictic expressions resolve against the document date,
anaphoric ones against the last date the text mentioned, bare weekdays and month-days by the
tense cues of their clause. See ``find_timexes``; cumulative "as of now" markers ("so far"),
which TimeML corpora leave unannotated, come from ``find_as_of_now``.
"""

from __future__ import annotations

from chronicle.time.model import Timex
from chronicle.time.tagger import find_as_of_now, find_timexes

__all__ = ["Timex", "find_as_of_now", "find_timexes"]
