"""The packaged table of political office-holders (chronicle/data/actors/people.toml)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import defaultdict
from importlib.resources import files

import pytest

OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "official", "igo_leader"}
SECTORS = {"GOV", "MIL", "IGO"}
IGOS = {"UN", "NATO", "EU"}
G20 = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS", "SAU",
       "ZAF", "KOR", "TUR", "GBR", "USA")
# Which office speaks for the country: the head of state where the presidency (or crown) governs,
# the head of government where a monarch or a ceremonial president reigns.
LEADING_OFFICE = {
    **{c: "head_of_state" for c in ("USA", "FRA", "KOR", "RUS", "BRA", "ARG", "MEX", "IDN", "ZAF", "TUR",
                                    "CHN", "PRK", "SAU")},
    **{c: "head_of_government" for c in ("JPN", "GBR", "CAN", "AUS", "IND", "ITA", "DEU")},
}
PERIOD = (dt.date(2010, 1, 1), dt.date(2025, 12, 31))
# A leader's office is never left empty for a month; a foreign ministry may run under an acting
# deputy for some weeks between two ministers (Seoul in 2010, Rome in 2013).
MAX_LEADER_GAP = 30
MAX_FOREIGN_MINISTER_GAP = 45
# Aliases that two people here may rightly share.
SHARED_ALIASES: set[str] = set()
# Surnames borne by too many people in the news to name anyone alone.
NEVER_ALONE = {"Kim", "Lee", "Park", "Li", "Wang", "Choe", "Ri", "Pak", "Singh", "Fernández", "Salman", "Cho",
               "Chung", "Kang", "Han", "Yang", "May", "Brown", "Smith"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")


@pytest.fixture(scope="module")
def people() -> list[dict]:
    text = (files("chronicle.data") / "actors" / "people.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["person"]


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _term(role: dict) -> tuple[dt.date, dt.date]:
    return _day(role["start"]), _day(role["end"]) if role["end"] else PERIOD[1]


def _holders(people, country: str, office: str, day: dt.date, igo: str = "") -> set[str]:
    found = set()
    for person in people:
        if (igo and person["igo"] != igo) or (not igo and person["country"] != country):
            continue
        for role in person["role"]:
            start, end = _term(role)
            if role["office"] == office and start <= day <= end and (role["sector"] == "IGO") == bool(igo):
                found.add(person["name"])
    return found


def _gaps(people, country: str, office: str) -> list[tuple[dt.date, int]]:
    """Stretches of the period when no one held the office: (first empty day, length in days)."""
    terms = sorted(_term(role) for person in people if person["country"] == country
                   for role in person["role"] if role["office"] == office and role["sector"] != "IGO")
    gaps, covered_to = [], PERIOD[0] - dt.timedelta(days=1)
    for start, end in terms + [(PERIOD[1] + dt.timedelta(days=1),) * 2]:
        if start > covered_to + dt.timedelta(days=1):
            gaps.append((covered_to + dt.timedelta(days=1), (start - covered_to).days - 1))
        covered_to = max(covered_to, end)
    return gaps


def test_table_shape(people):
    assert 250 <= len(people) <= 500
    ids = [p["id"] for p in people]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for person in people:
        assert SLUG.match(person["id"]), person["id"]
        assert set(person) == {"id", "name", "aliases", "country", "igo", "gender", "role"}, person["id"]
        assert person["name"].strip() == person["name"] and person["name"], person["id"]
        assert person["country"] == "" or ALPHA3.match(person["country"]), person["id"]
        assert person["igo"] == "" or person["igo"] in IGOS, person["id"]
        assert person["country"] or person["igo"], person["id"]
        assert person["gender"] in {"m", "f"}, person["id"]
        assert all(isinstance(a, str) and a.strip() == a and a for a in person["aliases"]), person["id"]
        assert person["name"] not in person["aliases"], person["id"]
        assert person["role"], person["id"]


def test_roles_are_well_formed(people):
    for person in people:
        by_title = defaultdict(list)
        for role in person["role"]:
            where = f"{person['id']}: {role}"
            assert set(role) == {"office", "title", "sector", "start", "end"}, where
            assert role["office"] in OFFICES, where
            assert role["title"] and role["title"] == role["title"].lower(), where
            assert role["sector"] in SECTORS, where
            start, end = _day(role["start"]), _day(role["end"]) if role["end"] else None
            assert dt.date(1950, 1, 1) <= start <= PERIOD[1], where
            assert end is None or start <= end <= PERIOD[1], where
            # An office of an organisation belongs to someone who serves that organisation.
            if role["office"] == "igo_leader":
                assert role["sector"] == "IGO", where
            if role["sector"] == "IGO":
                assert person["igo"], where
            else:
                assert person["country"], where
            by_title[(role["office"], role["title"])].append(_term(role))
        for (office, title), terms in by_title.items():
            terms.sort()
            for (_, end), (start, _) in zip(terms, terms[1:]):
                assert end <= start, f"{person['id']}: overlapping terms as {title}"


@pytest.mark.parametrize("country", sorted(LEADING_OFFICE))
def test_every_country_always_has_a_leader(people, country):
    gaps = [g for g in _gaps(people, country, LEADING_OFFICE[country]) if g[1] >= MAX_LEADER_GAP]
    assert gaps == [], f"{country} {LEADING_OFFICE[country]} vacant: {gaps}"


@pytest.mark.parametrize("country", G20)
def test_every_g20_state_always_has_a_foreign_minister(people, country):
    gaps = [g for g in _gaps(people, country, "foreign_minister") if g[1] >= MAX_FOREIGN_MINISTER_GAP]
    assert gaps == [], f"{country} foreign minister vacant: {gaps}"


@pytest.mark.parametrize("country", G20 + ("PRK",))
def test_every_country_has_a_defence_minister_on_record(people, country):
    assert _holders(people, country, "defence_minister", dt.date(2018, 2, 14))


@pytest.mark.parametrize(
    ("name", "country", "office", "day"),
    [
        ("Shinzo Abe", "JPN", "head_of_government", "2018-02-14"),
        ("Donald Trump", "USA", "head_of_state", "2018-02-14"),
        ("Donald Trump", "USA", "head_of_state", "2025-06-01"),
        ("Joe Biden", "USA", "head_of_state", "2022-06-01"),
        ("Moon Jae-in", "KOR", "head_of_state", "2019-06-30"),
        ("Mike Pompeo", "USA", "foreign_minister", "2019-01-01"),
        ("Taro Kono", "JPN", "foreign_minister", "2018-02-14"),
        ("Taro Kono", "JPN", "defence_minister", "2020-01-01"),
        ("Yoshihide Suga", "JPN", "official", "2017-11-06"),
        ("Xi Jinping", "CHN", "head_of_state", "2019-06-20"),
        ("Wang Yi", "CHN", "foreign_minister", "2018-05-02"),
        ("Vladimir Putin", "RUS", "head_of_state", "2019-04-25"),
        ("Dmitry Medvedev", "RUS", "head_of_state", "2010-06-01"),
        ("Sergey Lavrov", "RUS", "foreign_minister", "2025-12-31"),
        ("Angela Merkel", "DEU", "head_of_government", "2015-06-01"),
        ("Emmanuel Macron", "FRA", "head_of_state", "2019-08-24"),
        ("Boris Johnson", "GBR", "foreign_minister", "2017-01-01"),
        ("Narendra Modi", "IND", "head_of_government", "2016-01-01"),
        ("Salman bin Abdulaziz", "SAU", "head_of_state", "2018-10-02"),
        ("Recep Tayyip Erdoğan", "TUR", "head_of_government", "2012-01-01"),
        ("Ri Yong Ho", "PRK", "foreign_minister", "2018-06-12"),
        ("John Bolton", "USA", "official", "2019-02-28"),
        ("Nikki Haley", "USA", "official", "2018-06-12"),
        ("Stephen Biegun", "USA", "official", "2019-02-28"),
    ],
)
def test_known_office_holders(people, name, country, office, day):
    assert name in _holders(people, country, office, _day(day))


@pytest.mark.parametrize(
    ("name", "country", "office", "day"),
    [
        ("Donald Trump", "USA", "head_of_state", "2022-06-01"),
        ("Shinzo Abe", "JPN", "head_of_government", "2021-01-01"),
        ("Shinzo Abe", "JPN", "head_of_government", "2010-01-01"),
        ("Moon Jae-in", "KOR", "head_of_state", "2023-01-01"),
        ("Rex Tillerson", "USA", "foreign_minister", "2019-01-01"),
        ("Angela Merkel", "DEU", "head_of_government", "2022-01-01"),
    ],
)
def test_known_non_holders(people, name, country, office, day):
    assert name not in _holders(people, country, office, _day(day))


def test_one_leader_at_a_time_outside_handovers(people):
    assert _holders(people, "USA", "head_of_state", _day("2018-02-14")) == {"Donald Trump"}
    assert _holders(people, "JPN", "head_of_government", _day("2018-02-14")) == {"Shinzo Abe"}
    assert _holders(people, "GBR", "head_of_government", _day("2022-10-01")) == {"Liz Truss"}
    assert _holders(people, "KOR", "head_of_state", _day("2017-01-15")) == {"Park Geun-hye", "Hwang Kyo-ahn"}


def test_kim_jong_un_leads_north_korea_throughout(people):
    day = dt.date(2012, 1, 1)
    while day <= PERIOD[1]:
        assert "Kim Jong Un" in _holders(people, "PRK", "head_of_state", day), day
        day += dt.timedelta(days=91)


def test_igo_leaders(people):
    assert _holders(people, "", "igo_leader", _day("2020-01-01"), igo="UN") == {"António Guterres"}
    assert _holders(people, "", "igo_leader", _day("2012-01-01"), igo="UN") == {"Ban Ki-moon"}
    assert _holders(people, "", "igo_leader", _day("2018-07-11"), igo="NATO") == {"Jens Stoltenberg"}
    assert _holders(people, "", "igo_leader", _day("2025-06-24"), igo="NATO") == {"Mark Rutte"}
    assert _holders(people, "", "igo_leader", _day("2022-01-01"), igo="EU") == {"Charles Michel",
                                                                                 "Ursula von der Leyen"}
    day = PERIOD[0]
    while day <= PERIOD[1]:
        for igo, seats in (("UN", 1), ("NATO", 1), ("EU", 2)):
            assert len(_holders(people, "", "igo_leader", day, igo=igo)) == seats, (igo, day)
        day += dt.timedelta(days=30)


def test_aliases_name_one_person(people):
    owners = defaultdict(set)
    for person in people:
        for label in [person["name"], *person["aliases"]]:
            owners[label.casefold()].add(person["id"])
    shared = {label: ids for label, ids in owners.items() if len(ids) > 1 and label not in SHARED_ALIASES}
    assert shared == {}


def test_ambiguous_surnames_never_stand_alone(people):
    for person in people:
        assert not NEVER_ALONE & set(person["aliases"]), person["id"]


def test_news_spellings_are_listed(people):
    by_name = {p["name"]: p for p in people}
    assert {"Kim Jong-un", "Kim Jong-Un"} <= set(by_name["Kim Jong Un"]["aliases"])
    assert {"Abe", "Shinzō Abe"} <= set(by_name["Shinzo Abe"]["aliases"])
    assert "Moon" in by_name["Moon Jae-in"]["aliases"]
    assert "MBS" in by_name["Mohammed bin Salman"]["aliases"]
    assert "AMLO" in by_name["Andrés Manuel López Obrador"]["aliases"]
    # Accented names are also findable as plain ASCII.
    assert "Erdogan" in by_name["Recep Tayyip Erdoğan"]["aliases"]
    assert "Emmanuel Macron" not in by_name["Emmanuel Macron"]["aliases"]
