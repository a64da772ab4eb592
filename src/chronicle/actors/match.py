"""Finding table entries in text: names, demonyms, contextual aliases, role titles and sector words.

Names and demonyms match with their case (so "Moon" is not "the moon"); titles and sector words,
being ordinary words, match in any case. At each position the longest entry wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.actors.knowledge import Candidate, Knowledge
from chronicle.actors.names import normal_form
from chronicle.actors.tables import Title
from chronicle.actors.text import DocumentView, SentenceView

# Single-word names that are also month or weekday names ("May"): such a name needs a context
# that rules the date out.
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
DATE_PREPOSITIONS = frozenset("in on since until till by during before after of early late mid last next this".split())


@dataclass(frozen=True)
class Hit:
    """One table entry found at pieces ``[first, last)``.

    ``kind``: "actor" (``candidates``), "demonym" / "people" (a plural demonym) / "contextual"
    (``code``), "title" (``title``; ``plural`` for "ministers"), "sector" (``sector``).
    """

    first: int
    last: int
    kind: str
    candidates: tuple[Candidate, ...] = ()
    code: str | None = None
    title: Title | None = None
    sector: str | None = None
    plural: bool = False


def find_hits(view: DocumentView, sentence: SentenceView, knowledge: Knowledge) -> list[Hit]:
    """Table entries in one sentence, left to right, longest first, not overlapping."""
    hits: list[Hit] = []
    i = sentence.first
    while i < sentence.last:
        hit = _hit_at(view, i, sentence.last, knowledge)
        if hit is None:
            i += 1
            continue
        if hit.kind == "contextual" and i + 1 < sentence.last:
            # "the North Korea threat": the name that starts inside reaches further
            rival = _hit_at(view, i + 1, sentence.last, knowledge)
            if rival is not None and rival.last > hit.last:
                i += 1
                continue
        hits.append(hit)
        i = hit.last
    return hits


def _hit_at(view: DocumentView, i: int, last: int, knowledge: Knowledge) -> Hit | None:
    window = knowledge.starts.get(view.pieces[i].text.lower())
    if window is None:
        return _misspelt_at(view, i, knowledge)
    return _longest_at(view, i, min(last, i + window), knowledge) or _misspelt_at(view, i, knowledge)


def _longest_at(view: DocumentView, i: int, stop: int, knowledge: Knowledge) -> Hit | None:
    first_text = view.pieces[i].text
    if not first_text[:1].isalnum() and first_text not in ("'",):
        return None
    for j in range(stop, i, -1):
        if not view.pieces[j - 1].text[-1:].isalnum() and view.pieces[j - 1].text[-1:] != ".":
            continue  # a name never ends on a hyphen, quote or bracket
        raw = view.span(i, j)
        form = normal_form(raw)
        lower = form.lower()
        candidates = knowledge.forms.get(form) or (knowledge.forms.get(_spaced(form)) if "." in form else None)
        if candidates is None and len(form) > 5 and form.isupper():
            candidates = knowledge.forms.get(form.title())  # a dateline: "UNITED NATIONS (AP) —"
        if candidates and _plausible_name(view, i, j, form):
            return Hit(i, j, "actor", candidates=candidates)
        if lower in knowledge.contextual and form.split()[-1][:1].isupper():
            # "the North" needs its article; "the north of the country" is not a state
            inside_word = i > 0 and view.glued(i - 1, i)  # "inter-Korea", "pan-Korea"
            if (not lower.startswith("the ") or first_text.lower() == "the") and not inside_word:
                return Hit(i, j, "contextual", code=knowledge.contextual[lower].code)
        code = knowledge.demonyms.get(form)
        if code is not None:
            kind = "people" if form in knowledge.plural_demonyms else "demonym"
            return Hit(i, j, kind, code=code)
        title = knowledge.title(lower)
        if title is not None:
            return Hit(i, j, "title", title=title)
        if lower.endswith("s") and " " not in lower[-3:]:
            singular = knowledge.title(lower[:-1])
            if singular is not None:
                return Hit(i, j, "title", title=singular, plural=True)
        sector = knowledge.sector_words.get(lower)
        if sector is not None:
            return Hit(i, j, "sector", sector=sector)
    return None


def _misspelt_at(view: DocumentView, i: int, knowledge: Knowledge) -> Hit | None:
    """A state's name or demonym misspelt by one letter, where the model saw a proper noun."""
    text = view.pieces[i].text
    if len(text) < 5 or not text.isalpha() or not view.parsed(i):
        return None
    token = view.token(i)
    if token.pos != "PROPN" or token.ent not in ("GPE", "NORP", "ORG", ""):
        return None
    if token.ent and any(e.first <= token.i < e.last and e.last - e.first > 1 for e in view.parse.entities):
        return None  # one word of a longer name: "Liberal Democratic Party"
    form = knowledge.correct(text)
    if form is None:
        return None
    if form in knowledge.demonyms:
        return Hit(i, i + 1, "demonym", code=knowledge.demonyms[form])
    return Hit(i, i + 1, "actor", candidates=knowledge.forms[form])


def _spaced(form: str) -> str:
    """ "N.Korea" written as the tables write it: "N. Korea"."""
    return re.sub(r"\.(?=[A-Z][a-z])", ". ", form)


def _plausible_name(view: DocumentView, i: int, j: int, form: str) -> bool:
    """False for a one-word name that is here a date word ("in May", "May 5")."""
    if j - i != 1 or form.lower() not in CALENDAR_WORDS:
        return True
    before = view.pieces[i - 1].text.lower() if i > 0 else ""
    after = view.pieces[j].text if j < len(view.pieces) else ""
    if before in DATE_PREPOSITIONS or after[:1].isdigit():
        return False
    token = view.token(i)
    return not view.parsed(i) or token.ent == "PERSON"
