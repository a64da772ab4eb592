"""Quotes stage: who said what.

Needs: a ``Parse`` whose sentences that may hold an attribution are parsed (the language stage
with ``quote_sentence_filter``), the actors stage's mentions, and optionally the events stage's
mentions. Adds: ``Quote`` records — direct quotations (split and multi-paragraph ones joined),
indirect speech, "according to", statements and tweets — each with its cue, its source phrase,
the speaker resolved through the actor mentions, and the event it reports when that is clear.
The cue words live in ``chronicle/data/quotes/cues.toml``.
"""

from chronicle.quotes.find import find_quotes, quote_sentence_filter

__all__ = ["find_quotes", "quote_sentence_filter"]
