"""Reading the packaged knowledge tables (``chronicle/data/actors/*.toml``) into frozen records.

Each reader takes the parsed TOML of one file and the file's name (for error messages) and
returns plain records; nothing here indexes or matches text. A malformed table raises
``KnowledgeError`` naming the file, the entry and the problem.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chronicle.errors import KnowledgeError

_CODE = re.compile(r"^[A-Z]{3}$")
_KEY = re.compile(r"^[A-Z0-9_]+$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class State:
    """A state: ISO alpha-3 code, the names, demonyms, capitals and institutions news uses for it."""

    code: str
    name: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    ambiguous_capitals: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str], ...] = ()  # (written form, sector)
    member: str = "UN"


@dataclass(frozen=True)
class Contextual:
    """A written form that names a state only when the document also names one of ``when``."""

    alias: str
    code: str
    when: tuple[str, ...]


@dataclass(frozen=True)
class Organisation:
    """An intergovernmental (``ngo`` False) or non-governmental organisation."""

    id: str
    name: str
    names: tuple[str, ...]
    kind: str  # "igo", "alliance" or "ngo"
    sector: str
    parent: str = ""
    ngo: bool = False


@dataclass(frozen=True)
class Group:
    """An armed group, movement or party: the state it belongs to ("" when none does) and its sector."""

    id: str
    name: str
    names: tuple[str, ...]
    country: str
    sector: str


@dataclass(frozen=True)
class Role:
    """One term of office: office key, title as news writes it, sector, first and last day."""

    office: str
    title: str
    sector: str
    start: dt.date | None
    end: dt.date | None  # None: still in office

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls within the term (open ends count as covering)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    """A person from the office-holders table (or the user's file)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    igo: str | None = None
    gender: str | None = None  # "m", "f" or None
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Title:
    """A role title ("prime minister") with the office and sector it gives its holder."""

    phrase: str
    office: str
    sector: str


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file; raises ``KnowledgeError`` naming the file when it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"cannot read knowledge table {path}: {exc}") from exc


def _text(entry: dict, key: str, where: str, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise KnowledgeError(f"{where}: {key!r} must be text, got {value!r}")
    if required and not value.strip():
        raise KnowledgeError(f"{where}: {key!r} is missing or empty")
    return value.strip()


def _texts(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: {key!r} must be a list of text, got {value!r}")
    return tuple(v.strip() for v in value if v.strip())


def _day(entry: dict, key: str, where: str) -> dt.date | None:
    value = entry.get(key, "")
    if isinstance(value, dt.date):  # TOML allows bare dates
        return value
    if not isinstance(value, str):
        raise KnowledgeError(f"{where}: {key!r} must be an ISO date, got {value!r}")
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise KnowledgeError(f"{where}: {key!r} is not an ISO date: {value!r}") from exc


def _entries(data: dict, key: str, source: str) -> list[dict]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise KnowledgeError(f"{source}: [[{key}]] must be an array of tables")
    return entries


def _new_key(entry: dict, field: str, where: str, seen: set[str], shape: re.Pattern[str], shape_error: str) -> str:
    """The entry's key ``field``, checked for its shape and for being new; added to ``seen``.

    Raises:
        KnowledgeError: the key is missing, malformed or listed twice.
    """
    key = _text(entry, field, where)
    if not shape.match(key):
        raise KnowledgeError(f"{where}: {field} {key!r} {shape_error}")
    if key in seen:
        raise KnowledgeError(f"{where}: {field} {key} is listed twice")
    seen.add(key)
    return key


def read_states(data: dict, source: str) -> tuple[tuple[State, ...], tuple[Contextual, ...]]:
    """States and contextual aliases of ``states.toml``; raises ``KnowledgeError`` when malformed."""
    states: list[State] = []
    seen: set[str] = set()
    for n, entry in enumerate(_entries(data, "state", source), 1):
        where = f"{source}, state #{n} ({entry.get('code', entry.get('name', '?'))})"
        code = _new_key(entry, "code", where, seen, _CODE, "is not three upper-case letters")
        metonyms = entry.get("metonyms", [])
        if not isinstance(metonyms, list) or not all(
            isinstance(m, list) and len(m) == 2 and all(isinstance(x, str) for x in m) for m in metonyms
        ):
            raise KnowledgeError(f"{where}: 'metonyms' must be a list of [name, sector] pairs")
        states.append(
            State(
                code=code,
                name=_text(entry, "name", where),
                names=_texts(entry, "names", where),
                demonyms=_texts(entry, "demonyms", where),
                capitals=_texts(entry, "capitals", where),
                ambiguous_capitals=_texts(entry, "ambiguous_capitals", where),
                metonyms=tuple((m[0].strip(), m[1].strip().upper()) for m in metonyms if m[0].strip()),
                member=_text(entry, "member", where, required=False) or "UN",
            )
        )
    contextual: list[Contextual] = []
    for n, entry in enumerate(_entries(data, "contextual", source), 1):
        where = f"{source}, contextual #{n} ({entry.get('alias', '?')})"
        code = _text(entry, "code", where)
        if code not in seen:
            raise KnowledgeError(f"{where}: code {code!r} is not a listed state")
        contextual.append(Contextual(_text(entry, "alias", where), code, _texts(entry, "when", where)))
    return tuple(states), tuple(contextual)


def read_organisations(data: dict, source: str) -> tuple[Organisation, ...]:
    """IGOs (``[[igo]]``) and NGOs (``[[ngo]]``) of ``igos.toml``; raises ``KnowledgeError`` when malformed."""
    found: list[Organisation] = []
    ids: set[str] = set()
    for key in ("igo", "ngo"):
        for n, entry in enumerate(_entries(data, key, source), 1):
            where = f"{source}, {key} #{n} ({entry.get('id', entry.get('name', '?'))})"
            ident = _new_key(entry, "id", where, ids, _KEY, "must be upper-case letters, digits and _")
            found.append(
                Organisation(
                    id=ident,
                    name=_text(entry, "name", where),
                    names=_texts(entry, "names", where),
                    kind="ngo" if key == "ngo" else (_text(entry, "kind", where, required=False) or "igo"),
                    sector=(_text(entry, "sector", where, required=False) or key.upper()).upper(),
                    parent=_text(entry, "parent", where, required=False),
                    ngo=key == "ngo",
                )
            )
    return tuple(found)


def read_groups(data: dict, source: str) -> tuple[Group, ...]:
    """Armed groups, movements and parties (``[[group]]``) of ``groups.toml``.

    Raises:
        KnowledgeError: an entry lacks a field, repeats an id, or has a malformed code.
    """
    groups: list[Group] = []
    ids: set[str] = set()
    for n, entry in enumerate(_entries(data, "group", source), 1):
        where = f"{source}, group #{n} ({entry.get('id', entry.get('name', '?'))})"
        ident = _new_key(entry, "id", where, ids, _KEY, "must be upper-case letters, digits and _")
        kind = _text(entry, "kind", where, required=False) or "group"
        if kind != "group":
            raise KnowledgeError(f"{where}: kind must be 'group', got {kind!r}")
        country = _text(entry, "country", where, required=False)
        if country and not _CODE.match(country):
            raise KnowledgeError(f"{where}: country {country!r} is not three upper-case letters")
        sector = _text(entry, "sector", where).upper()
        if not _KEY.match(sector):
            raise KnowledgeError(f"{where}: sector {sector!r} is not a sector code")
        groups.append(Group(ident, _text(entry, "name", where), _texts(entry, "names", where), country, sector))
    return tuple(groups)


def read_sectors(data: dict, source: str) -> dict[str, str]:
    """Sector words of ``sectors.toml``: lower-case phrase → sector code (first listing wins)."""
    table = data.get("sectors", {})
    if not isinstance(table, dict):
        raise KnowledgeError(f"{source}: [sectors] must be a table of sector = [words]")
    words: dict[str, str] = {}
    for sector, phrases in table.items():
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise KnowledgeError(f"{source}, sector {sector}: must be a list of words")
        for phrase in phrases:
            key = " ".join(phrase.lower().split())
            if key:
                words.setdefault(key, str(sector).upper())
    return words


def read_titles(data: dict, source: str) -> tuple[Title, ...]:
    """Role titles of ``titles.toml``; raises ``KnowledgeError`` when an entry lacks a field."""
    titles: list[Title] = []
    for n, entry in enumerate(_entries(data, "title", source), 1):
        where = f"{source}, title #{n} ({entry.get('phrase', '?')})"
        titles.append(
            Title(
                phrase=" ".join(_text(entry, "phrase", where).lower().split()),
                office=_text(entry, "office", where),
                sector=_text(entry, "sector", where).upper(),
            )
        )
    return tuple(titles)


def read_people(data: dict, source: str) -> tuple[Person, ...]:
    """Office holders of ``people.toml``; raises ``KnowledgeError`` when an entry is malformed."""
    people: list[Person] = []
    ids: set[str] = set()
    for n, entry in enumerate(_entries(data, "person", source), 1):
        where = f"{source}, person #{n} ({entry.get('id', entry.get('name', '?'))})"
        ident = _new_key(entry, "id", where, ids, _SLUG, "is not a lower-case slug")
        roles: list[Role] = []
        raw_roles = entry.get("role", [])
        if not isinstance(raw_roles, list):
            raise KnowledgeError(f"{where}: [[person.role]] must be an array of tables")
        for r, role in enumerate(raw_roles, 1):
            rwhere = f"{where}, role #{r}"
            if not isinstance(role, dict):
                raise KnowledgeError(f"{rwhere}: must be a table")
            start, end = _day(role, "start", rwhere), _day(role, "end", rwhere)
            if start and end and end < start:
                raise KnowledgeError(f"{rwhere}: ends ({end}) before it starts ({start})")
            roles.append(
                Role(
                    office=_text(role, "office", rwhere),
                    title=" ".join(_text(role, "title", rwhere, required=False).lower().split()),
                    sector=(_text(role, "sector", rwhere, required=False) or "GOV").upper(),
                    start=start,
                    end=end,
                )
            )
        gender = _text(entry, "gender", where, required=False).lower()
        people.append(
            Person(
                id=ident,
                name=_text(entry, "name", where),
                aliases=_texts(entry, "aliases", where),
                country=_text(entry, "country", where, required=False) or None,
                igo=_text(entry, "igo", where, required=False) or None,
                gender=gender if gender in ("m", "f") else None,
                roles=tuple(roles),
            )
        )
    return tuple(people)
