"""The actor knowledge: packaged tables indexed for lookups, and the user's YAML actors file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronicle.actors import Knowledge, load_knowledge
from chronicle.actors.knowledge import _packaged
from chronicle.errors import KnowledgeError
from chronicle.models import ActorKind


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def test_packaged_tables_load_once() -> None:
    _packaged.cache_clear()
    first = load_knowledge()
    assert load_knowledge() is first  # cached: loaded once per process


def test_names_lead_to_states_igos_and_people(knowledge: Knowledge) -> None:
    assert knowledge.candidates("Japan")[0].actor.id == "state:JPN"
    assert knowledge.candidates("North Korea")[0].actor.id == "state:PRK"
    assert {c.actor.id for c in knowledge.candidates("U.S.")} == {"state:USA"}
    kremlin = knowledge.candidates("the Kremlin")[0]
    assert (kremlin.actor.id, kremlin.actor.sector, kremlin.how) == ("state:RUS", "GOV", "metonymy")
    pentagon = knowledge.candidates("the Pentagon")[0].actor
    assert (pentagon.id, pentagon.country, pentagon.sector) == ("state:USA.MIL", "USA", "MIL")
    tokyo = knowledge.candidates("Tokyo")[0]
    assert (tokyo.actor.id, tokyo.actor.sector, tokyo.how) == ("state:JPN", "GOV", "capital")
    un = knowledge.candidates("U.N.")[0].actor
    assert (un.id, un.kind, un.country) == ("igo:UN", ActorKind.IGO, None)
    trump = knowledge.candidates("Trump")[0].actor
    assert (trump.id, trump.kind, trump.country) == ("person:donald-trump", ActorKind.PERSON, "USA")
    assert knowledge.candidates("moon") == ()  # names keep their case
    assert knowledge.demonyms["Japanese"] == "JPN"
    assert knowledge.demonyms["South Korean"] == "KOR"


def test_office_holders_on_a_day(knowledge: Knowledge) -> None:
    day = dt.date(2018, 2, 14)
    assert [p.id for p in knowledge.holders("JPN", "head_of_government", day)] == ["shinzo-abe"]
    assert [p.id for p in knowledge.holders("USA", "head_of_state", day)] == ["donald-trump"]
    assert "donald-trump" not in [p.id for p in knowledge.holders("USA", "head_of_state", dt.date(2022, 6, 1))]
    assert [p.id for p in knowledge.holders("USA", "foreign_minister", dt.date(2019, 1, 1))] == ["mike-pompeo"]


def test_sector_words_and_titles(knowledge: Knowledge) -> None:
    assert knowledge.sector_of("police") == "COP"
    assert knowledge.sector_of("Government") == "GOV"
    assert knowledge.sector_of("rebels") == "REB"
    assert knowledge.title("Prime Minister").office == "head_of_government"
    assert knowledge.title("defense secretary").sector == "GOV"
    assert knowledge.state("JPN").name == "Japan"
    assert knowledge.state_actor("TUR", "COP").id == "state:TUR.COP"
    with pytest.raises(KnowledgeError, match="XXX"):
        knowledge.state_actor("XXX")


USER_FILE = """
actors:
  - name: Kim Yo Jong
    kind: person
    country: PRK
    sector: GOV
    role: vice department director
    gender: f
    aliases: [Kim Yo-jong]
  - name: Korean Central News Agency
    kind: organisation
    country: PRK
    sector: MED
    aliases: [KCNA]
"""


def test_user_file_adds_actors_before_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    knowledge = load_knowledge(path)
    kim = knowledge.candidates("Kim Yo-jong")[0]
    assert (kim.actor.id, kim.actor.country, kim.actor.sector, kim.how) == ("person:kim-yo-jong", "PRK", "GOV", "alias")
    assert kim.actor.role == "vice department director"
    kcna = knowledge.candidates("KCNA")[0].actor
    assert (kcna.id, kcna.kind, kcna.country, kcna.sector) == ("org:korean-central-news-agency", ActorKind.ORGANISATION, "PRK", "MED")
    assert all(c.actor.id != kcna.id for c in load_knowledge().candidates("KCNA"))  # packaged part untouched
    assert "kim-yo-jong" in knowledge.people


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors: [", "not valid YAML"),
        ("people: []", "top-level 'actors:'"),
        ("actors:\n  - name: X\n    kind: planet\n", r"entry #1 \(X\).*'kind'"),
        ("actors:\n  - kind: person\n", r"entry #1.*'name'"),
        ("actors:\n  - name: Y\n    kind: person\n    country: Korea\n", r"entry #1 \(Y\).*alpha-3"),
        ("actors:\n  - name: Z\n    kind: person\n    colour: red\n", r"entry #1 \(Z\).*colour"),
        ("actors:\n  - name: A\n    kind: state\n", r"entry #1 \(A\).*'country'"),
        ("actors:\n  - name: B\n    kind: person\n  - name: B\n    kind: person\n", r"entry #2 \(B\).*already used"),
    ],
)
def test_bad_user_files_raise_knowledge_errors_naming_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as caught:
        load_knowledge(path)
    assert "mine.yaml" in str(caught.value)


def test_missing_user_file_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read actors file"):
        load_knowledge(tmp_path / "absent.yaml")


def test_knowledge_travels_to_worker_processes(knowledge: Knowledge) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(knowledge))
    assert copy.candidates("the Kremlin")[0].actor.id == "state:RUS"
    assert copy.holders("JPN", "head_of_government", dt.date(2018, 2, 14))[0].id == "shinzo-abe"
    with pytest.raises(TypeError):
        copy.forms["Atlantis"] = ()  # still read-only


def test_one_letter_misspellings_of_state_names(knowledge: Knowledge) -> None:
    assert knowledge.correct("Ethopia") == "Ethiopia"
    assert knowledge.correct("Phillippines") == "Philippines"
    assert knowledge.correct("Quatar") == "Qatar"
    assert knowledge.correct("Japan") is None  # already right
    assert knowledge.correct("Boston") is None


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"states.toml": {"state": [{"code": "jp", "name": "Japan"}]}}, r"states.toml, state #1 \(jp\).*three upper-case"),
        ({"states.toml": {"state": [{"code": "JPN"}]}}, r"state #1 \(JPN\).*'name'"),
        ({"states.toml": {"state": [{"code": "JPN", "name": "Japan", "metonyms": ["Kantei"]}]}}, r"\[name, sector\]"),
        ({"igos.toml": {"igo": [{"id": "u-n", "name": "UN"}]}}, r"igos.toml, igo #1 \(u-n\)"),
        ({"people.toml": {"person": [{"id": "Abe", "name": "Shinzo Abe"}]}}, r"people.toml, person #1 \(Abe\).*slug"),
        (
            {"people.toml": {"person": [{"id": "a", "name": "A", "role": [{"office": "x", "start": "2020-02-30"}]}]}},
            r"person #1 \(a\), role #1: 'start' is not an ISO date",
        ),
        (
            {"people.toml": {"person": [{"id": "a", "name": "A", "role": [{"office": "x", "start": "2020-02-03", "end": "2019-01-01"}]}]}},
            r"role #1: ends .* before it starts",
        ),
        ({"titles.toml": {"title": [{"phrase": "king"}]}}, r"titles.toml, title #1 \(king\).*'office'"),
        ({"sectors.toml": {"sectors": {"GOV": "government"}}}, r"sectors.toml, sector GOV"),
    ],
)
def test_malformed_tables_name_the_file_and_the_entry(tables: dict, message: str) -> None:
    from chronicle.actors.knowledge import build_knowledge

    with pytest.raises(KnowledgeError, match=message):
        build_knowledge(tables)


def test_public_surface() -> None:
    import chronicle.actors as actors

    assert {"load_knowledge", "find_actor_mentions", "Knowledge"} <= set(actors.__all__)
    for name in actors.__all__:
        assert getattr(actors, name) is not None
