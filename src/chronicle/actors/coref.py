"""Mentions that point back: descriptions ("the Japanese leader"), surnames, and he/she.

All of it is conservative: a description resolves to one office holder or to the one person the
document last named in that office, a surname to the one person the document named before with
it, a pronoun to the speaker of the verb of saying it depends on, or to the subject of the
sentence before when no one else fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chronicle.actors.knowledge import Knowledge, person_actor
from chronicle.actors.names import slug
from chronicle.actors.proposal import GENERIC_LEADER, OFFICE_HOLDERS, Proposal
from chronicle.actors.tables import Person
from chronicle.models import Actor, ActorKind, ActorMention, Parse, Token

# Verbs that introduce what someone said, thought or agreed: the pronoun subject of their
# complement clause is usually the speaker ("Abe said he and Trump agreed").
SAY_VERBS = frozenset(
    "say tell add state announce insist claim note stress explain confirm declare reiterate warn "
    "write tweet argue suggest indicate acknowledge admit deny emphasize emphasise vow pledge promise "
    "believe think hope expect".split()
)


def resolve_description(
    proposal: Proposal,
    earlier: Sequence[Proposal],
    knowledge: Knowledge,
    published: dt.date | None,
) -> tuple[Actor, Person | None] | None:
    """The actor a description names, and its person record; None when it cannot be told.

    ``earlier`` are the resolved person proposals before it, in text order.
    """
    title = proposal.title
    if title is None:
        return None
    country = proposal.country
    generic = title.office == GENERIC_LEADER
    offices = OFFICE_HOLDERS.get(title.office, (title.office,))
    # A leader is whoever the document has shown leading; a named office is first asked of the
    # table on the document's date, which also catches "the prime minister" after "former".
    if generic:
        found = _recent(earlier, country, offices, title.phrase, published)
        if found is not None:
            return found
    if published is not None and country is not None:
        holders = {p.id: p for office in offices for p in knowledge.holders(country, office, published)}
        if generic and len(holders) > 1:
            holders = {p.id: p for p in knowledge.holders(country, "head_of_government", published)} or holders
            if len(holders) > 1:
                holders = {}
        if len(holders) == 1:
            person = next(iter(holders.values()))
            return person_actor(person), person
    if not generic:
        found = _recent(earlier, country, offices, title.phrase, published)
        if found is not None:
            return found
    if country is None:
        return None
    if country in knowledge.states:
        name = f"{knowledge.states[country].name} {title.phrase}"
        return Actor(f"role:{country}.{slug(title.phrase)}", name, ActorKind.PERSON, country, title.sector, title.phrase), None
    return Actor(f"role:{country}.{slug(title.phrase)}", f"{country} {title.phrase}", ActorKind.PERSON, None, "IGO", title.phrase), None


def _recent(
    earlier: Sequence[Proposal], country: str | None, offices: tuple[str, ...], phrase: str, published: dt.date | None
) -> tuple[Actor, Person | None] | None:
    """The person named last before who held the title ("president") or, failing that, the office."""
    return _recent_holder(earlier, country, (), phrase, published) or _recent_holder(earlier, country, offices, phrase, published)


def _recent_holder(
    earlier: Sequence[Proposal], country: str | None, offices: tuple[str, ...], phrase: str, published: dt.date | None
) -> tuple[Actor, Person | None] | None:
    for p in reversed(earlier):
        if p.actor is None or p.actor.kind is not ActorKind.PERSON:
            continue
        person = p.person
        if person is None:
            # a person the tables do not know, introduced with this very title
            if p.actor.role == phrase and (country is None or p.actor.country == country):
                return p.actor, None
            continue
        if country is not None and country not in (person.country, person.igo):
            continue
        roles = [r for r in person.roles if r.office in offices or r.title == phrase]
        if published is not None:
            roles = [r for r in roles if r.covers(published)] or ([] if _other_holder_known(person) else roles)
        if roles:
            return p.actor, person
    return None


def _other_holder_known(person: Person) -> bool:
    # Only table people carry dated terms; for them a term that does not cover the date rules them out.
    return any(r.start is not None for r in person.roles)


def pronoun_mentions(parse: Parse, text: str, mentions: Sequence[ActorMention], genders: dict[str, str]) -> list[ActorMention]:
    """He/she resolved to a speaker (a parsed sentence) or the previous sentence's subject.

    ``genders`` maps person actor ids to "m"/"f" where known.
    """
    by_token = _mentions_by_token(parse, mentions)
    found: list[ActorMention] = []
    for n, sentence in enumerate(parse.sentences):
        if not sentence.parsed:
            continue
        for token in parse.tokens[sentence.first : sentence.last]:
            word = token.text.lower()
            if word not in ("he", "she") or token.dep not in ("nsubj", "nsubjpass"):
                continue
            gender = "m" if word == "he" else "f"
            target = _speaker(parse, token, by_token)
            if target is None and token.i == sentence.first and n > 0:
                target = _previous_subject(parse, parse.sentences[n - 1], by_token, gender, genders)
            if target is None or target.actor.kind is not ActorKind.PERSON:
                continue
            if genders.get(target.actor.id, gender) != gender:
                continue
            found.append(ActorMention(token.start, token.end, text[token.start : token.end], target.actor, "coreference", n))
    return found


def _mentions_by_token(parse: Parse, mentions: Sequence[ActorMention]) -> dict[int, ActorMention]:
    by_token: dict[int, ActorMention] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    k = 0
    for token in parse.tokens:
        while k < len(ordered) and ordered[k].end <= token.start:
            k += 1
        if k < len(ordered) and ordered[k].start <= token.start < ordered[k].end:
            by_token[token.i] = ordered[k]
    return by_token


def _speaker(parse: Parse, pronoun: Token, by_token: dict[int, ActorMention]) -> ActorMention | None:
    """The subject of the verb of saying whose complement clause holds ``pronoun``."""
    current = pronoun
    for _ in range(4):
        if current.head == current.i or current.head < 0:
            return None
        parent = parse.tokens[current.head]
        if current.dep == "ccomp" and parent.lemma in SAY_VERBS:
            for child in parse.tokens[parse.sentence_of(parent.i).first : parse.sentence_of(parent.i).last]:
                if child.head == parent.i and child.dep == "nsubj" and child.i in by_token:
                    return by_token[child.i]
            return None
        current = parent
    return None


def _previous_subject(parse: Parse, sentence, by_token: dict[int, ActorMention], gender: str, genders: dict[str, str]) -> ActorMention | None:
    """The previous sentence's main subject, when it is the only person there who fits the pronoun."""
    if not sentence.parsed:
        return None
    tokens = parse.tokens[sentence.first : sentence.last]
    root = next((t for t in tokens if t.head == t.i), None)
    if root is None:
        return None
    subject = next((t for t in tokens if t.head == root.i and t.dep in ("nsubj", "nsubjpass") and t.i in by_token), None)
    if subject is None:
        return None
    target = by_token[subject.i]
    people = {m.actor.id for i, m in by_token.items() if sentence.first <= i < sentence.last and m.actor.kind is ActorKind.PERSON}
    fitting = {a for a in people if genders.get(a) in (gender, None)}
    if target.actor.id not in fitting or len(fitting) != 1 or genders.get(target.actor.id) != gender:
        return None
    return target
