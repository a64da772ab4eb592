"""Actors the tables do not know: named entities found by the model, and their later echoes.

A PERSON entity becomes ``person:<slug of the name>``, an ORG entity ``org:<slug>`` (country from
a state named inside it, sector from a sector word inside it: "Baghdad University Medical School"
→ IRQ, EDU). The tables win over the model ("Trump" is a person whatever the label), except that
an organisation whose name has words the tables do not explain ("Washington Post", "Korean
Central News Agency") stays one organisation. Names found in one sentence are then found in every
other one (sentences without a parse included), and a surname alone links to the one person the
document named before with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from chronicle.actors.knowledge import STATE_SECTORS, Knowledge
from chronicle.actors.match import CALENDAR_WORDS, DATE_PREPOSITIONS
from chronicle.actors.names import slug
from chronicle.actors.proposal import Proposal
from chronicle.actors.text import DocumentView
from chronicle.models import Actor, ActorKind

_SAXON = frozenset({"'s", "'"})
_LEADING = frozenset({"the", "The", "THE"})
# Roles in which a lone capitalised word is a person acting or acted on, not a place ("in Farsi",
# "on Twitter", "in Luhansk" are prepositional objects).
_ACTING = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "appos", "conj", "ROOT", "attr", "iobj"})
_PARTICLES = frozenset("bin ibn al el de del der da dos das du van von la le di".split())


def entity_proposals(
    view: DocumentView, knowledge: Knowledge, taken: Sequence[Proposal], names: set[int]
) -> tuple[list[Proposal], list[Proposal], set[int]]:
    """Proposals for PERSON/ORG entities not covered by ``taken``.

    ``names`` are the pieces that table names cover (states, demonyms, IGOs, people), as opposed
    to titles and sector words.

    Returns the proposals, the one-word person names (kept apart: a surname alone may belong
    to a person named in full elsewhere) and the indexes of ``taken`` proposals that an
    organisation's name replaces.
    """
    covered: dict[int, int] = {}  # piece → index in taken
    for n, p in enumerate(taken):
        for i in range(p.first, p.last):
            covered[i] = n
    out: list[Proposal] = []
    singles: list[Proposal] = []
    replaced: set[int] = set()
    for entity in view.parse.entities:
        if entity.label not in ("PERSON", "ORG"):
            continue
        first, last = view.piece_starting(entity.start), view.piece_ending(entity.end)
        if first is None or last is None:
            continue
        last += 1
        while first < last and view.pieces[first].text in _LEADING:
            first += 1
        while last > first and view.pieces[last - 1].text in _SAXON:
            last -= 1
        if last <= first:
            continue
        name = " ".join(view.span(first, last).split())
        if name.isupper() and len(name) > 5:
            continue  # a dateline's place in capitals ("CHENGDU, China"), not an acronym
        if entity.label == "PERSON" and last - first == 1 and view.parsed(first):
            token = view.token(first)
            if token.dep in ("amod", "compound") and token.head > token.i and view.parse.tokens[token.head].pos == "NOUN":
                continue  # "a Karen guerrilla stronghold": a word qualifying a noun, not a name
        inside = sorted({covered[i] for i in range(first, last) if i in covered})
        sentence = view.sentence_of_piece(first).index
        if entity.label == "PERSON":
            if inside or not _looks_like_name(view, first, last):
                continue
            if last - first == 1 and not _plain_word(name):
                continue
            actor = Actor(f"person:{slug(name)}", name, ActorKind.PERSON)
            (singles if last - first == 1 else out).append(Proposal(first, last, sentence, actor, "ner"))
            continue
        if not any(ch.isupper() for ch in name) or len(name.split()) > 8:
            continue
        if last - first == 1 and (name.lower() in knowledge.sector_words or knowledge.title(name) is not None):
            continue  # "Cabinet", "Parliament": a sector word, not a name
        if inside and any(taken[n].first < first or taken[n].last > last for n in inside):
            continue  # a table phrase reaches outside the entity: trust the phrase
        if inside and _title_case(view, view.sentences[sentence]):
            continue  # in a headline every word is capitalised: "North Korea Summit" is no name
        rest = [i for i in range(first, last) if i not in names and view.pieces[i].text[:1].isupper()]
        if not rest:
            continue  # "the U.N. Security Council": the tables say it all
        if not _unexplained(view, knowledge, first, last, names):
            # only names and sector words: "Foreign Ministry" is no name, "the Sudanese Government"
            # is the state's; "Baghdad University Medical School" is a name
            sectors = {taken[n].actor.sector for n in inside if taken[n].actor is not None}
            if not inside or sectors & STATE_SECTORS or None in sectors:
                continue
        country = next((taken[n].actor.country for n in inside if taken[n].actor is not None and taken[n].actor.country), None)
        sector = _sector_inside(view, knowledge, first, last)
        actor = Actor(f"org:{slug(name)}", name, ActorKind.ORGANISATION, country, sector)
        (singles if last - first == 1 and not inside else out).append(Proposal(first, last, sentence, actor, "ner"))
        replaced.update(inside)
    return out, singles, replaced


def _title_case(view: DocumentView, sentence) -> bool:
    words = [view.pieces[i].text for i in range(sentence.first, sentence.last) if view.pieces[i].text.isalpha()]
    small = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "vs"}
    content = [w for w in words if w.lower() not in small]
    return len(content) >= 4 and all(w[0].isupper() for w in content)


def _looks_like_name(view: DocumentView, first: int, last: int) -> bool:
    words = 0
    for i in range(first, last):
        text = view.pieces[i].text
        if text[:1].isupper() and text.replace(".", "").isalpha():
            words += 1
        elif text == "-" or text.lower() in _PARTICLES or (i > first and view.pieces[i - 1].text == "-"):
            continue
        else:
            return False
    return 1 <= words <= 5


def _plain_word(name: str) -> bool:
    # A one-word PERSON is kept only when it is a plain capitalised word ("Kostunica").
    return name[:1].isupper() and name.isalpha() and not name.isupper()


def _unexplained(view: DocumentView, knowledge: Knowledge, first: int, last: int, covered: set[int]) -> bool:
    """True when a capitalised word of the entity is neither a table hit nor a sector/title word."""
    for i in range(first, last):
        if i in covered:
            continue
        text = view.pieces[i].text
        if not text[:1].isupper():
            continue
        lower = text.lower()
        if lower in knowledge.sector_words or knowledge.title(lower) is not None:
            continue
        return True
    return False


def _sector_inside(view: DocumentView, knowledge: Knowledge, first: int, last: int) -> str | None:
    for i in range(last - 1, first - 1, -1):
        for j in range(i, max(first, i - 3) - 1, -1):
            sector = knowledge.sector_words.get(" ".join(view.span(j, i + 1).lower().split()))
            if sector is not None:
                return sector
    return None


def echo_proposals(view: DocumentView, found: Sequence[Proposal]) -> list[Proposal]:
    """Later (and earlier) occurrences of names already found, and surnames of people named before.

    A full name is found anywhere; a surname alone ("Kang" after "Kang Kyung-wha") only after
    the full name, and only when one person of the document has it.
    """
    names: dict[str, Actor] = {}
    surnames: dict[str, list[tuple[int, Actor]]] = {}
    for p in found:
        if p.actor is None or p.actor.kind not in (ActorKind.PERSON, ActorKind.ORGANISATION):
            continue
        if not p.actor.id.startswith(("person:", "org:")):
            continue  # "role:...", table IGOs and NGOs
        name = p.actor.name
        if p.person is None and p.how in ("ner", "name") and len(name.split()) >= 2 and "." not in p.actor.id:
            names.setdefault(name, p.actor)  # a name the tables do not know, to find again
        if p.actor.kind is ActorKind.PERSON:
            for key in _surnames(p.actor.name):
                surnames.setdefault(key, [])
                if all(a.id != p.actor.id for _, a in surnames[key]):
                    surnames[key].append((view.pieces[p.first].start, p.actor))
    taken = {i for p in found for i in range(p.first, p.last)}
    out: list[Proposal] = []
    for sentence in view.sentences:
        i = sentence.first
        while i < sentence.last:
            if i in taken:
                i += 1
                continue
            match = _name_at(view, i, sentence.last, names, taken)
            if match is not None:
                end, actor = match
                out.append(Proposal(i, end, sentence.index, actor, "name"))
                i = end
                continue
            text = view.pieces[i].text
            owners = [a for start, a in surnames.get(text, []) if start < view.pieces[i].start]
            if len(owners) == 1 and _standalone(view, i, sentence.last, taken):
                out.append(Proposal(i, i + 1, sentence.index, owners[0], "alias"))
            i += 1
    return out


def _name_at(view: DocumentView, i: int, stop: int, names: dict[str, Actor], taken: set[int]) -> tuple[int, Actor] | None:
    if not any(name.startswith(view.pieces[i].text) for name in names):
        return None
    for j in range(min(stop, i + 10), i, -1):
        if any(k in taken for k in range(i, j)):
            continue
        actor = names.get(" ".join(view.span(i, j).split()))
        if actor is not None:
            return j, actor
    return None


def _surnames(name: str) -> list[str]:
    """Forms news uses for a person alone: the last word, or the first before a hyphenated given name."""
    words = name.split()
    if len(words) < 2:
        return []
    keys = [words[-1]]
    if "-" in words[-1] or (len(words) == 3 and words[0][:1].isupper() and len(words[0]) <= 4):
        keys = [words[0]]  # "Kang Kyung-wha", "Kim Jong Un": family name first
    return [k for k in keys if k[:1].isupper() and k.isalpha()]


def _standalone(view: DocumentView, i: int, stop: int, taken: set[int]) -> bool:
    """A capitalised word used on its own as a name (not the start of another name, not a date)."""
    if view.parsed(i) and view.token(i).pos not in ("PROPN", "NOUN") and view.token(i).ent != "PERSON":
        return False
    if view.parsed(i) and view.token(i).ent in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return False  # "in May": the model reads a date (it mistakes people for organisations, not for dates)
    if view.pieces[i].text.lower() in CALENDAR_WORDS:
        before = view.pieces[i - 1].text.lower() if i > 0 else ""
        after = view.pieces[i + 1].text if i + 1 < stop else ""
        if before in DATE_PREPOSITIONS or after[:1].isdigit():
            return False
    nxt = view.pieces[i + 1].text if i + 1 < stop else ""
    prev = view.pieces[i - 1].text if i > 0 and view.sentence_of_piece(i - 1) is view.sentence_of_piece(i) else ""
    if nxt[:1].isupper() and nxt.isalpha() and i + 1 not in taken:
        return False
    return not (prev[:1].isupper() and prev.isalpha() and i - 1 not in taken and prev not in ("The",))


def link_surnames(view: DocumentView, proposals: list[Proposal]) -> list[Proposal]:
    """A one-word name the tables do not know ("President Mwanawasa") made the person the
    document named in full before with that surname, when there is exactly one."""
    seen: dict[str, list[Actor]] = {}
    linked: list[Proposal] = []
    for p in proposals:
        actor = p.actor
        if actor is not None and actor.kind is ActorKind.PERSON and actor.id.startswith("person:"):
            words = actor.name.split()
            owners = seen.get(actor.name, []) if len(words) == 1 else []
            if len(owners) == 1 and owners[0].id != actor.id:
                p = Proposal(p.first, p.last, p.sentence, owners[0], p.how, p.title, p.country, p.person)
            for key in _surnames(actor.name):
                found = seen.setdefault(key, [])
                if all(a.id != actor.id for a in found):
                    found.append(actor)
        linked.append(p)
    return linked


def settle_singles(view: DocumentView, singles: Sequence[Proposal], found: Sequence[Proposal]) -> list[Proposal]:
    """One-word names the model found: the one person of the document with that surname, named
    before or after ("Zelensky" in a headline, "Volodymyr Zelensky" below), or a new person when
    the word acts in its sentence; a one-word organisation stays as it is."""
    owners: dict[str, set[Actor]] = {}
    for p in found:
        if p.actor is not None and p.actor.kind is ActorKind.PERSON and not p.actor.id.startswith("role:"):
            for key in _surnames(p.actor.name):
                owners.setdefault(key, set()).add(p.actor)
    settled: list[Proposal] = []
    for p in singles:
        if p.actor.kind is not ActorKind.PERSON:
            settled.append(p)
            continue
        people = owners.get(p.actor.name, set())
        if len(people) == 1:
            settled.append(Proposal(p.first, p.last, p.sentence, next(iter(people)), "alias"))
        elif not people and view.token(p.first).dep in _ACTING:
            settled.append(p)
    return settled
