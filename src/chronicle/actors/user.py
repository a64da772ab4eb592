"""The user's own actors: a YAML file (setting ``actors_file``) read into candidates.

Format::

    actors:
      - name: Kim Yo Jong
        kind: person          # person, state, organisation, igo, group
        country: PRK          # ISO 3166 alpha-3 (optional for organisations, igos and groups)
        sector: GOV           # optional
        role: vice department director   # optional
        aliases: [Kim Yo-jong]           # optional
        gender: f             # optional, persons only ("m" or "f"; used for he/she)
        id: kim-yo-jong       # optional; defaults to the slug of the name

Ids follow the packaged tables: ``person:<id>``, ``state:<country>`` (``state:<country>.<sector>``
with a sector other than GOV), ``org:<id>``, ``igo:<ID>``, ``group:<id>``.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from chronicle.actors.knowledge import Candidate
from chronicle.actors.names import slug
from chronicle.actors.tables import Person, Role
from chronicle.errors import KnowledgeError
from chronicle.models import Actor, ActorKind

_KINDS = {
    "person": ActorKind.PERSON,
    "state": ActorKind.STATE,
    "organisation": ActorKind.ORGANISATION,
    "organization": ActorKind.ORGANISATION,
    "igo": ActorKind.IGO,
    "group": ActorKind.GROUP,
}
_FIELDS = frozenset({"name", "kind", "country", "sector", "role", "aliases", "gender", "id"})
_CODE = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{2,6}$")


def read_actors_file(path: Path) -> tuple[Candidate, ...]:
    """Read the user's actors file; returns one candidate per actor, in file order.

    Raises:
        KnowledgeError: the file is missing, not YAML, or an entry is invalid (the message names
            the file, the entry and the problem).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(f"cannot read actors file {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"actors file {path} is not valid YAML: {exc}") from exc
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KnowledgeError(f"actors file {path}: expected a top-level 'actors:' list")
    candidates: list[Candidate] = []
    seen: dict[str, str] = {}
    for n, entry in enumerate(data["actors"], 1):
        label = entry.get("name", "?") if isinstance(entry, dict) else "?"
        where = f"actors file {path}, entry #{n} ({label})"
        candidate = _entry(entry, where)
        if candidate.actor.id in seen:
            raise KnowledgeError(f"{where}: id {candidate.actor.id} is already used by {seen[candidate.actor.id]}")
        seen[candidate.actor.id] = f"entry #{n}"
        candidates.append(candidate)
    return tuple(candidates)


def _entry(entry: object, where: str) -> Candidate:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{where}: an entry must be a mapping with at least 'name' and 'kind'")
    unknown = sorted(set(map(str, entry)) - _FIELDS)
    if unknown:
        raise KnowledgeError(f"{where}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise KnowledgeError(f"{where}: 'name' is missing or not text")
    name = " ".join(name.split())
    kind_text = str(entry.get("kind", "")).strip().lower()
    if kind_text not in _KINDS:
        raise KnowledgeError(f"{where}: 'kind' must be one of person, state, organisation, igo, group; got {entry.get('kind')!r}")
    kind = _KINDS[kind_text]
    country = _optional_text(entry, "country", where)
    if country is not None:
        country = country.upper()
        if not _CODE.match(country):
            raise KnowledgeError(f"{where}: 'country' must be an ISO 3166 alpha-3 code such as PRK, got {country!r}")
    sector = _optional_text(entry, "sector", where)
    if sector is not None:
        sector = sector.upper()
        if not _SECTOR.match(sector):
            raise KnowledgeError(f"{where}: 'sector' must be a sector code such as GOV or MED, got {sector!r}")
    role = _optional_text(entry, "role", where)
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise KnowledgeError(f"{where}: 'aliases' must be a list of names")
    aliases = tuple(" ".join(a.split()) for a in aliases)
    gender = _optional_text(entry, "gender", where)
    if gender is not None and gender.lower() not in ("m", "f"):
        raise KnowledgeError(f"{where}: 'gender' must be m or f, got {gender!r}")
    given_id = _optional_text(entry, "id", where)
    key = slug(given_id or name)
    if not key:
        raise KnowledgeError(f"{where}: cannot make an id from {given_id or name!r}")
    if kind is ActorKind.STATE:
        if country is None:
            raise KnowledgeError(f"{where}: a state needs 'country' (its ISO alpha-3 code)")
        ident = f"state:{country}" if sector in (None, "GOV") else f"state:{country}.{sector}"
    elif kind is ActorKind.PERSON:
        ident = f"person:{key}"
    elif kind is ActorKind.IGO:
        ident = f"igo:{key.upper().replace('-', '_')}"
        sector = sector or "IGO"
    elif kind is ActorKind.GROUP:
        ident = f"group:{key}"
    else:
        ident = f"org:{key}"
    actor = Actor(ident, name, kind, country, sector, role, aliases)
    person = None
    if kind is ActorKind.PERSON:
        roles = (Role("official", role or "", sector or "GOV", None, None),) if role else ()
        person = Person(key, name, aliases, country, None, gender.lower() if gender else None, roles)
    return Candidate(actor, "name", "user", person)


def _optional_text(entry: dict, key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise KnowledgeError(f"{where}: {key!r} must be text, got {value!r}")
    return value.strip() or None
