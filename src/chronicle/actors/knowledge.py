"""The actor knowledge: packaged tables plus the user's actors file, indexed for lookups.

``load_knowledge`` returns a frozen ``Knowledge``: written forms → candidate actors, states by code,
office holders on a day, sector words and role titles. The packaged part is read once per process
(``functools.cache`` on a pure loader of packaged data); a user's file is read on every call.

Actor ids (stable across documents, so the same actor merges across them):

- ``state:JPN`` — the state, or its government: a government metonym ("Tokyo said", "the Kremlin")
  is ``state:JPN`` with sector ``GOV``; the bare name "Japan" is ``state:JPN`` with sector None.
- ``state:TUR.COP`` — a sector of a state other than its government ("Turkish police",
  "the Pentagon" → ``state:USA.MIL``); kind STATE for state institutions (MIL, COP, LEG, JUD, ...),
  GROUP for the rest of society (REB, OPP, CVL, MED, EDU, BUS, ...).
- ``person:shinzo-abe`` — a person from the office-holders tables (``people.toml`` and
  ``leaders_world.toml``, one id space), or the slug of the full name for a person the tables do
  not know.
- ``igo:UN``, ``igo:UN.MIL`` (the UN's peacekeepers) — intergovernmental organisations: kind IGO,
  country None, sector from the table (IGO, or JUD for courts).
- ``ngo:AMNESTY`` — non-governmental organisations: kind ORGANISATION, country None, sector NGO.
- ``group:HEZBOLLAH`` — armed groups, movements and parties of ``groups.toml``: kind GROUP, the
  country the group belongs to (None for groups no one state holds, such as al-Qaeda) and its
  sector (REB, PRM, OPP, PTY, CRM, ...); ``group:<slug>`` (lower case) — groups from the user's actors file.
- ``org:<slug>`` — organisations the tables do not know (named entities, kind ORGANISATION, country
  from a state named inside the name); ``org:<slug>.EDU`` — a sector of one ("students at
  Cumhuriyet University", kind GROUP).
- ``role:ARM.president`` — the holder of an office the tables cannot name ("the president of Armenia").

For PLOVER's actor code: the country when there is one, "IGO" for IGOs and their officials
(sector IGO), "NGO" for sector NGO.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from chronicle.actors.names import normal_form, plural_forms, without_article
from chronicle.actors.text import first_piece, piece_bound
from chronicle.actors.tables import (
    Contextual,
    Group,
    Organisation,
    Person,
    State,
    Title,
    read_groups,
    read_organisations,
    read_people,
    read_sectors,
    read_states,
    read_titles,
    read_toml,
)
from chronicle.errors import KnowledgeError
from chronicle.models import Actor, ActorKind

TABLES = (
    "states.toml", "igos.toml", "groups.toml", "sectors.toml", "titles.toml", "people.toml", "leaders_world.toml",
)

# Sectors that are parts of the state itself; any other sector of a country is a group in society.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "UAF"})

_SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "LEG": "legislature", "JUD": "judiciary",
    "REB": "rebels", "OPP": "opposition", "CVL": "civilians", "MED": "media", "EDU": "education",
    "BUS": "business", "REF": "refugees", "REL": "religious", "LAB": "labour", "SPY": "intelligence",
    "HLH": "health", "AGR": "agriculture", "IGO": "international organisation", "NGO": "NGO",
}


@dataclass(frozen=True)
class Candidate:
    """What one written form may name: an actor, how the form names it, and the person record if any.

    ``how`` is "name", "alias", "capital" or "metonymy"; ``origin`` is "user", "person", "igo",
    "ngo", "group" or "state" (user entries are preferred when a form names several actors).
    """

    actor: Actor
    how: str
    origin: str
    person: Person | None = None


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Read-only, indexed actor knowledge. Build it with ``load_knowledge``.

    ``forms`` maps normal written forms (case kept, leading "the" dropped) to candidates;
    ``demonyms`` maps demonym forms (and their plurals) to state codes; ``contextual`` maps
    lower-case forms such as "the north" to their conditional state; ``sector_words`` and
    ``titles`` are keyed by lower-case phrase.
    """

    states: Mapping[str, State]
    organisations: Mapping[str, Organisation]
    people: Mapping[str, Person]
    forms: Mapping[str, tuple[Candidate, ...]]
    demonyms: Mapping[str, str]
    plural_demonyms: frozenset[str]
    contextual: Mapping[str, Contextual]
    sector_words: Mapping[str, str]
    titles: Mapping[str, Title]
    family_names: Mapping[str, tuple[str, ...]]  # first/last word of a table person's name → person ids
    near_forms: Mapping[str, str]  # a one-letter-short spelling of a one-word state name or demonym → the form
    starts: Mapping[str, int]  # lower-cased first piece of any form, title or sector word → most pieces after it

    def correct(self, word: str) -> str | None:
        """The one-word state name or demonym ``word`` misspells by one letter ("Ethopia",
        "Quatar", "Phillippines"), or None when there is none or more than one."""
        if len(word) < 5 or not word[:1].isupper() or word in self.forms or word in self.demonyms:
            return None
        found = set()
        if word in self.near_forms:
            found.add(self.near_forms[word])  # a letter dropped
        for k in range(len(word)):
            shorter = word[:k] + word[k + 1 :]
            if shorter in self.near_forms:
                found.add(self.near_forms[shorter])  # a letter changed
            if shorter in self.forms or shorter in self.demonyms:
                if _one_word_state_form(self, shorter):
                    found.add(shorter)  # a letter added
        found.discard("")
        return found.pop() if len(found) == 1 else None

    def __getstate__(self) -> dict:
        # read-only mapping views do not pickle; worker processes receive plain dicts
        return {name: dict(value) if isinstance(value, MappingProxyType) else value for name, value in vars(self).items()}

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, MappingProxyType(value) if isinstance(value, dict) else value)

    def candidates(self, form: str) -> tuple[Candidate, ...]:
        """Candidates for a written form (normalised here; a leading "the" is ignored); () if none."""
        return self.forms.get(without_article(normal_form(form)), ())

    def state(self, code: str) -> State | None:
        """The state with ISO alpha-3 ``code``, or None."""
        return self.states.get(code)

    def state_actor(self, code: str, sector: str | None = None) -> Actor:
        """The actor for state ``code`` (sector None), its government (GOV) or one of its sectors.

        Raises:
            KnowledgeError: ``code`` is not a known state.
        """
        state = self.states.get(code)
        if state is None:
            raise KnowledgeError(f"unknown state code {code!r}")
        return state_actor(state, sector)

    def holders(self, country: str, office: str, date: dt.date) -> tuple[Person, ...]:
        """People of ``country`` (or IGO id) holding ``office`` on ``date``, in table order."""
        if isinstance(date, dt.datetime):
            date = date.date()
        return tuple(
            p
            for p in self.people.values()
            if country in (p.country, p.igo) and any(r.office == office and r.covers(date) for r in p.roles)
        )

    def sector_of(self, phrase: str) -> str | None:
        """Sector code of a sector word or phrase (any case), or None."""
        return self.sector_words.get(" ".join(phrase.lower().split()))

    def title(self, phrase: str) -> Title | None:
        """The role title for a phrase (any case), or None."""
        key = " ".join(phrase.lower().split())
        # US and UK spellings name the same office; the table may list only one of them.
        return self.titles.get(key) or self.titles.get(key.replace("defense", "defence")) or self.titles.get(
            key.replace("defence", "defense")
        )


def _one_word_state_form(knowledge: Knowledge, form: str) -> bool:
    if form in knowledge.demonyms:
        return len(form) >= 5
    return len(form) >= 5 and any(c.origin == "state" and c.how in ("name", "alias") for c in knowledge.forms.get(form, ()))


def state_actor(state: State, sector: str | None = None) -> Actor:
    """The actor of a state (``sector`` None), its government (GOV) or one of its sectors."""
    if sector in (None, "GOV"):
        return Actor(f"state:{state.code}", state.name, ActorKind.STATE, state.code, sector, None, state.names)
    kind = ActorKind.STATE if sector in STATE_SECTORS else ActorKind.GROUP
    label = _SECTOR_NAMES.get(sector, sector.lower())
    return Actor(f"state:{state.code}.{sector}", f"{state.name} {label}", kind, state.code, sector)


def organisation_actor(org: Organisation, sector: str | None = None) -> Actor:
    """The actor of an IGO/NGO, or of one of its sectors ("UN peacekeepers" → ``igo:UN.MIL``)."""
    prefix = "ngo" if org.ngo else "igo"
    kind = ActorKind.ORGANISATION if org.ngo else ActorKind.IGO
    if sector is None or sector == org.sector:
        return Actor(f"{prefix}:{org.id}", org.name, kind, None, org.sector, None, org.names)
    label = _SECTOR_NAMES.get(sector, sector.lower())
    return Actor(f"{prefix}:{org.id}.{sector}", f"{org.name} {label}", kind, None, sector)


def group_actor(group: Group) -> Actor:
    """The actor of an armed group, movement or party from ``groups.toml`` (kind GROUP)."""
    return Actor(
        f"group:{group.id}", group.name, ActorKind.GROUP, group.country or None, group.sector, None, group.names
    )


def person_actor(person: Person) -> Actor:
    """The actor of a person from the tables: role and sector of their latest listed term."""
    latest = max(person.roles, key=lambda r: (r.start or dt.date.min), default=None)
    sector = latest.sector if latest else None
    country = person.country or None
    return Actor(
        f"person:{person.id}",
        person.name,
        ActorKind.PERSON,
        country,
        sector,
        latest.title if latest and latest.title else None,
        person.aliases,
    )


def load_knowledge(actors_file: str | Path | None = None) -> Knowledge:
    """Load the packaged actor tables, plus the user's YAML actors file when given.

    Returns a frozen ``Knowledge``. The packaged tables are read once per process.

    Raises:
        KnowledgeError: a packaged table or the actors file is missing, unreadable or invalid
            (the message names the file, the entry and the problem).
    """
    packaged = _packaged()
    if actors_file is None:
        return packaged
    from chronicle.actors.user import read_actors_file

    return _with_user(packaged, read_actors_file(Path(actors_file)))


@cache
def _packaged() -> Knowledge:
    folder = resources.files("chronicle.data") / "actors"
    data = {}
    for name in TABLES:
        path = Path(str(folder / name))
        if not path.is_file():
            raise KnowledgeError(f"the packaged knowledge table {path} is missing")
        data[name] = read_toml(path)
    return build_knowledge(data)


def build_knowledge(data: Mapping[str, dict]) -> Knowledge:
    """Index parsed tables (file name → parsed TOML) into a ``Knowledge``.

    Raises:
        KnowledgeError: a table is malformed.
    """
    states, contextual = read_states(data.get("states.toml", {}), "states.toml")
    organisations = read_organisations(data.get("igos.toml", {}), "igos.toml")
    people = _all_people(data)
    groups = read_groups(data.get("groups.toml", {}), "groups.toml")
    sectors = read_sectors(data.get("sectors.toml", {}), "sectors.toml")
    titles = read_titles(data.get("titles.toml", {}), "titles.toml")

    forms: dict[str, list[Candidate]] = defaultdict(list)

    def add(form: str, candidate: Candidate) -> None:
        key = without_article(normal_form(form))
        if key and all(c.actor.id != candidate.actor.id for c in forms[key]):
            forms[key].append(candidate)

    for person in people:
        actor = person_actor(person)
        add(person.name, Candidate(actor, "name", "person", person))
        for alias in person.aliases:
            add(alias, Candidate(actor, "alias", "person", person))
    for org in organisations:
        actor = organisation_actor(org)
        origin = "ngo" if org.ngo else "igo"
        add(org.name, Candidate(actor, "name", origin))
        for alias in org.names:
            add(alias, Candidate(actor, "alias", origin))
    for group in groups:
        actor = group_actor(group)
        add(group.name, Candidate(actor, "name", "group"))
        for alias in group.names:
            add(alias, Candidate(actor, "alias", "group"))
    demonyms: dict[str, set[str]] = defaultdict(set)
    plurals: set[str] = set()
    for state in states:
        add(state.name, Candidate(state_actor(state), "name", "state"))
        for alias in state.names:
            add(alias, Candidate(state_actor(state), "alias", "state"))
        for capital in state.capitals:
            add(capital, Candidate(state_actor(state, "GOV"), "capital", "state"))
        for form, sector in state.metonyms:
            add(form, Candidate(state_actor(state, sector), "metonymy", "state"))
        for demonym in state.demonyms:
            demonyms[normal_form(demonym)].add(state.code)
            for plural in plural_forms(normal_form(demonym)):
                demonyms[plural].add(state.code)
                plurals.add(plural)
    # A demonym shared by two states ("Korean") cannot name either on its own.
    unique_demonyms = {form: next(iter(codes)) for form, codes in demonyms.items() if len(codes) == 1}
    context = {normal_form(c.alias).lower(): c for c in contextual}
    family: dict[str, list[str]] = defaultdict(list)
    for person in people:
        words = normal_form(person.name).split()
        for word in {words[0], words[-1]} if len(words) > 1 else ():
            family[word].append(person.id)
    near: dict[str, str] = {}
    for state in states:
        for form in (state.name, *state.names, *state.demonyms):
            if " " in form or len(form) < 5 or not form[:1].isupper() or form.isupper():
                continue
            for k in range(len(form)):
                shorter = form[:k] + form[k + 1 :]
                # "" marks a spelling two forms share: it corrects to neither
                near[shorter] = form if near.get(shorter, form) == form else ""
    titled = [t.phrase for t in titles]
    entries = (*forms, *unique_demonyms, *context, *sectors, *titled, *(t + "s" for t in titled))
    return Knowledge(
        states=MappingProxyType({s.code: s for s in states}),
        organisations=MappingProxyType({o.id: o for o in organisations}),
        people=MappingProxyType({p.id: p for p in people}),
        forms=MappingProxyType({k: tuple(v) for k, v in forms.items()}),
        demonyms=MappingProxyType(unique_demonyms),
        plural_demonyms=frozenset(plurals),
        contextual=MappingProxyType(context),
        sector_words=MappingProxyType(sectors),
        titles=MappingProxyType({t.phrase: t for t in titles}),
        family_names=MappingProxyType({k: tuple(v) for k, v in family.items()}),
        near_forms=MappingProxyType({k: v for k, v in near.items() if k not in forms}),
        starts=MappingProxyType(_starts(entries)),
    )


def _all_people(data: Mapping[str, dict]) -> tuple[Person, ...]:
    """Office holders of ``people.toml`` then ``leaders_world.toml``: one person, one id, one file."""
    people = read_people(data.get("people.toml", {}), "people.toml")
    world = read_people(data.get("leaders_world.toml", {}), "leaders_world.toml")
    known = {p.id for p in people}
    for person in world:
        if person.id in known:
            raise KnowledgeError(f"leaders_world.toml, person {person.id}: already listed in people.toml")
    return people + world


def _starts(entries) -> dict[str, int]:
    starts: dict[str, int] = {}
    for entry in entries:
        key = first_piece(entry)
        if key:
            starts[key] = max(starts.get(key, 0), piece_bound(entry))
    return starts


def _with_user(packaged: Knowledge, user: tuple[Candidate, ...]) -> Knowledge:
    """``packaged`` with the user's candidates put first for every form they share."""
    forms: dict[str, list[Candidate]] = {k: list(v) for k, v in packaged.forms.items()}
    people = dict(packaged.people)
    for c in user:
        for form, how in ((c.actor.name, "name"), *((a, "alias") for a in c.actor.aliases)):
            key = without_article(normal_form(form))
            if not key:
                continue
            kept = [old for old in forms.get(key, []) if old.actor.id != c.actor.id]
            forms[key] = [Candidate(c.actor, how, c.origin, c.person), *kept]
        if c.person is not None:
            people[c.person.id] = c.person
    return Knowledge(
        states=packaged.states,
        organisations=packaged.organisations,
        people=MappingProxyType(people),
        forms=MappingProxyType({k: tuple(v) for k, v in forms.items()}),
        demonyms=packaged.demonyms,
        plural_demonyms=packaged.plural_demonyms,
        contextual=packaged.contextual,
        sector_words=packaged.sector_words,
        titles=packaged.titles,
        family_names=packaged.family_names,
        near_forms=packaged.near_forms,
        starts=MappingProxyType({**packaged.starts, **{k: max(v, packaged.starts.get(k, 0)) for k, v in _starts(forms).items()}}),
    )


__all__ = [
    "Candidate",
    "Knowledge",
    "build_knowledge",
    "group_actor",
    "load_knowledge",
    "organisation_actor",
    "person_actor",
    "state_actor",
]
