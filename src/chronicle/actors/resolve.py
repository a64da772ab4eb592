"""Finding every actor mention of a document and resolving it to a canonical ``Actor``.

The passes, in order:

1. table entries in each sentence (names, demonyms, capitals, institutions, titles, sector words)
   built into noun phrases (``phrases``): "Japanese Prime Minister Shinzo Abe", "Turkish police";
2. named entities the tables do not know (``entities``), parsed sentences only;
3. echoes of the names found so far in every sentence, and surnames of people named before;
4. contextual aliases ("the North") kept only when the document names one of their states;
5. descriptions ("the Japanese leader", "the prime minister") resolved against the office
   holders on the publication date and the people named before (``coref``);
6. he/she resolved to a speaker or the previous subject.

Actor ids follow the conventions documented in ``chronicle.actors.knowledge``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from chronicle.actors.coref import pronoun_mentions, resolve_description
from chronicle.actors.entities import echo_proposals, entity_proposals, link_surnames, settle_singles
from chronicle.actors.knowledge import Knowledge
from chronicle.actors.match import find_hits
from chronicle.actors.phrases import PhraseBuilder
from chronicle.actors.proposal import Proposal
from chronicle.actors.text import DocumentView
from chronicle.models import Actor, ActorKind, ActorMention, Parse


_NAME_HITS = frozenset({"actor", "demonym", "people", "contextual"})


def find_actor_mentions(
    text: str, parse: Parse, knowledge: Knowledge, published: dt.date | None = None
) -> tuple[ActorMention, ...]:
    """Actor mentions of one document, sorted by start and not overlapping.

    ``parse`` is the language stage's analysis of ``text`` (sentences without a parse are read
    from their tokens alone); ``published`` is the document's date when known, used to tell who
    held an office ("the prime minister"). Each mention's ``sentence`` indexes
    ``parse.sentences`` and its offsets index ``text``. Never raises on ordinary text.
    """
    if isinstance(published, dt.datetime):
        published = published.date()  # terms of office are days
    view = DocumentView(text, parse)
    builder = PhraseBuilder(view, knowledge)
    proposals: list[Proposal] = []
    bylines: set[int] = set()
    names: set[int] = set()
    for sentence in view.sentences:
        if _is_byline(view, sentence):
            bylines.add(sentence.index)
            continue
        hits = find_hits(view, sentence, knowledge)
        names.update(i for h in hits if h.kind in _NAME_HITS for i in range(h.first, h.last))
        proposals.extend(builder.proposals(sentence, hits))
    named, singles, replaced = entity_proposals(view, knowledge, proposals, names)
    proposals = [p for n, p in enumerate(proposals) if n not in replaced]
    proposals = _merge(proposals, [p for p in named if p.sentence not in bylines])
    proposals = _merge(proposals, echo_proposals(view, proposals))
    # one-word entities last: "Kang" after "Kang Kyung-wha" is her, whatever label the model gave
    # ... and a lone family name that table people share ("Kim", "Lee") is no one in particular
    singles = [p for p in singles if p.sentence not in bylines and p.actor.name not in knowledge.family_names]
    proposals = _merge(proposals, settle_singles(view, singles, proposals))
    proposals = _keep_contextual(proposals)
    proposals = _resolve_descriptions(proposals, knowledge, published)
    proposals = _unify(link_surnames(view, proposals))
    mentions = [
        ActorMention(
            view.pieces[p.first].start,
            view.pieces[p.last - 1].end,
            view.span(p.first, p.last),
            p.actor,
            p.how,
            p.sentence,
        )
        for p in proposals
        if p.actor is not None
    ]
    genders = {f"person:{person.id}": person.gender for person in knowledge.people.values() if person.gender}
    mentions.extend(pronoun_mentions(parse, text, mentions, genders))
    kept: list[ActorMention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return tuple(kept)


def _merge(kept: list[Proposal], new: list[Proposal]) -> list[Proposal]:
    """``kept`` plus those of ``new`` that overlap nothing already kept, in text order."""
    taken = {i for p in kept for i in range(p.first, p.last)}
    merged = list(kept)
    for p in new:
        if not any(i in taken for i in range(p.first, p.last)):
            merged.append(p)
            taken.update(range(p.first, p.last))
    return sorted(merged, key=lambda p: p.first)


def _keep_contextual(proposals: list[Proposal]) -> list[Proposal]:
    named = {p.actor.country for p in proposals if p.actor is not None and not p.when and p.actor.country}
    return [p for p in proposals if not p.when or named.intersection(p.when)]


def _resolve_descriptions(proposals: list[Proposal], knowledge: Knowledge, published: dt.date | None) -> list[Proposal]:
    resolved: list[Proposal] = []
    people: list[Proposal] = []
    for p in proposals:
        if p.actor is None:
            found = resolve_description(p, people, knowledge, published)
            if found is None:
                continue
            actor, person = found
            p = Proposal(p.first, p.last, p.sentence, actor, "title", p.title, p.country, person)
        resolved.append(p)
        if p.actor.kind is ActorKind.PERSON and not p.actor.id.startswith("role:"):
            people.append(p)
    return resolved


def _unify(proposals: list[Proposal]) -> list[Proposal]:
    """One record per actor in a document: a person or organisation the tables do not know gets
    the country, sector and role any of its mentions gave it ("Zambian President Levy Mwanawasa"
    ... "President Mwanawasa")."""
    merged: dict[str, Actor] = {}
    for p in proposals:
        actor = p.actor
        if actor is None or not actor.id.startswith(("person:", "org:", "group:")):
            continue
        known = merged.get(actor.id)
        if known is None:
            merged[actor.id] = actor
            continue
        merged[actor.id] = replace(
            known,
            name=known.name if len(known.name) >= len(actor.name) else actor.name,
            country=known.country or actor.country,
            sector=known.sector or actor.sector,
            role=known.role or actor.role,
        )
    return [replace(p, actor=merged[p.actor.id]) if p.actor is not None and p.actor.id in merged else p for p in proposals]


def _is_byline(view: DocumentView, sentence) -> bool:
    """ "By Lee Ha-won, Kim Jin-myung": authors are not actors of the story."""
    words = [view.pieces[i].text for i in range(sentence.first, sentence.last)]
    while words and not words[0][:1].isalnum():
        words = words[1:]  # a bullet before the byline
    if not words or words[0] not in ("By", "BY", "by") or len(words) > 16:
        return False
    return all(w[:1].isupper() or not w.isalpha() or w in ("and", "in", "de") or prev == "-" for prev, w in zip(words, words[1:]))
