"""Coreference features from text: trigger lemma, arguments, sentence and document words.

spaCy stays in here: pre-tokenised sentences go through the loaded pipeline (tagger, parser,
lemmatizer, entities) and come out as ``CorefMention`` and ``CorefDocument`` records. Only the
sentences holding a mention are analysed; the document words need nothing but the tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from chronicle.corpus.coref.model import CorefDocument, CorefMention, TokenisedDocument

__all__ = ["document_words", "extract_mentions"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_QUANTITY_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Dependents of a trigger that name who or what took part; "prep" is followed to its object.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "dative", "agent", "poss", "compound",
                            "npadvmod", "pobj", "appos", "amod", "nmod", "oprd", "acomp"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


def _word(text: str) -> str:
    """Lower case, without the punctuation and symbols stuck to a token ("#Oscars", "Oscars®")."""
    return text.lower().strip().strip(_EDGE_CHARACTERS)


_EDGE_CHARACTERS = ".,;:!?'\"`#@*()[]{}<>®™©/\\|~^_+=$%&\t "


def document_words(sentences: Sequence[Sequence[str]], stop_words: frozenset[str] | set[str],
                   skip: Iterable[int] = ()) -> tuple[str, ...]:
    """Return the content words of a tokenised text: lower case, no stop words or punctuation.

    Numbers are kept (a magnitude, a death toll or a year tells two events apart).
    """
    skipped = set(skip)
    words = []
    for n, sentence in enumerate(sentences):
        if n in skipped:
            continue
        for token in sentence:
            word = _word(token)
            if len(word) < 2 or word in stop_words:
                continue
            if word.isalpha() or word.replace(".", "", 1).replace(",", "").isdigit():
                words.append(word)
    return tuple(words)


_HEAD_POS = ("VERB", "NOUN", "ADJ", "PROPN")


def _head(span: list[Any]) -> Any:
    """The span's syntactic head: the token whose head lies outside the span (or is the root).

    A head that is a function word ("on suspicion") gives way to the span's first content word.
    """
    inside = {t.i for t in span}
    heads = [t for t in span if t.head.i == t.i or t.head.i not in inside]
    for token in heads + span:
        if token.pos_ in _HEAD_POS:
            return token
    return heads[0] if heads else span[-1]


def _entity_keys(tokens: Iterable[Any]) -> set[str]:
    """Keys for a name: its last word ("Reid" for "Tara Reid"), and the whole name."""
    words = [_word(t.text) for t in tokens if t.pos_ != "DET" and _word(t.text)]
    if not words:
        return set()
    return {words[-1], " ".join(words)}


def _arguments(head: Any) -> tuple[set[str], set[str], set[str]]:
    """Participants, places and times among the trigger's dependents (one preposition deep)."""
    participants: set[str] = set()
    places: set[str] = set()
    times: set[str] = set()
    children = list(head.children)
    for child in list(children):
        if child.dep_ in ("prep", "agent"):
            children.extend(c for c in child.children if c.dep_ == "pobj")
    # A noun trigger that is a verb's object ("police made the arrest") takes that verb's
    # subject as a participant too.
    if head.pos_ == "NOUN" and head.dep_ in ("dobj", "obj", "attr") and head.head.i != head.i:
        children.extend(c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    for child in children:
        if child.dep_ not in _ARGUMENT_DEPS or child.i == head.i:
            continue
        if child.ent_type_ in _PLACE_LABELS:
            places.update(_entity_keys(_entity_tokens(child)))
        elif child.ent_type_ in _TIME_LABELS:
            times.update(_entity_keys(_entity_tokens(child)))
        elif child.ent_type_ in _QUANTITY_LABELS or child.pos_ == "NUM":
            participants.add(_word(child.text))
        elif child.pos_ in ("PROPN", "NOUN") or child.ent_type_ in _PARTY_LABELS:
            participants.update(_entity_keys(_entity_tokens(child)) if child.ent_type_ else {child.lemma_.lower()})
    return participants, places, times


def _entity_tokens(token: Any) -> list[Any]:
    doc = token.doc
    for entity in doc.ents:
        if entity.start <= token.i < entity.end:
            return list(entity)
    return [token]


def _sentence_context(doc: Any, stop_words: frozenset[str] | set[str]) -> frozenset[str]:
    """Content lemmas and name keys of a whole sentence."""
    context: set[str] = set()
    for entity in doc.ents:
        if entity.label_ in _PLACE_LABELS | _TIME_LABELS | _PARTY_LABELS:
            context.update(_entity_keys(entity))
    for token in doc:
        lemma = _word(token.lemma_)
        if token.pos_ in _CONTENT_POS and lemma not in stop_words and len(lemma) > 1:
            context.add(lemma)
    return frozenset(context)


def _base_form(nlp: Any, token: Any, cache: dict[str, str]) -> str:
    """The token's base form read as a verb when it is one: "kills", "killing" → "kill", "dies" → "die".

    Reading every trigger as a verb joins the inflections and the -ing nouns of one happening
    ("shooting", "shot", "shoot") whatever the tagger made of them in a headline. A word whose
    verb reading is no known verb ("this", "news", "Oscars") keeps the tagger's lemma.
    """
    from spacy.tokens import Doc

    form = _word(token.text)
    if form not in cache:
        lemmatizer = nlp.get_pipe("lemmatizer")
        verbs = lemmatizer.lookups.get_table("lemma_index")["verb"]
        irregular = lemmatizer.lookups.get_table("lemma_exc")["verb"]
        lemmas = lemmatizer.rule_lemmatize(Doc(nlp.vocab, words=[form or "_"], pos=["VERB"])[0]) if form else []
        verb = lemmas[0].lower() if lemmas else ""
        if verb and (verb in verbs or form in irregular):
            cache[form] = verb
        else:
            cache[form] = _word(token.lemma_) or form
    return cache[form]


def _phrase(nlp: Any, tokens: list[Any], head: Any, cache: dict[str, str]) -> str:
    """Lemmas of a trigger of several words, with a verb's particle ("open fire", "pass away")."""
    words = [t for t in tokens if not t.is_punct]
    if head.pos_ == "VERB":
        words += [c for c in head.children if c.dep_ == "prt" and c not in words]
    if len(words) < 2:
        return ""
    words.sort(key=lambda t: t.i)
    return " ".join(_base_form(nlp, t, cache) for t in words)


def extract_mentions(model: Any, documents: Sequence[TokenisedDocument]) -> tuple[list[CorefMention], list[CorefDocument]]:
    """Analyse the sentences that hold mentions and return the mention and document records.

    ``model`` is a ``chronicle.language.LanguageModel``; its pipeline runs on the given tokens as
    they are (no re-tokenising). Returns the mentions in document order and one ``CorefDocument``
    per document.
    """
    with model.zone():  # every spaCy object is turned into a record inside the zone
        return _extract(model.nlp, documents)


def _extract(nlp: Any, documents: Sequence[TokenisedDocument]) -> tuple[list[CorefMention], list[CorefDocument]]:
    from spacy.tokens import Doc

    stop_words = frozenset(nlp.Defaults.stop_words)
    wanted = [(d, n) for d in documents for n in sorted({m.sentence for m in d.mentions})]
    inputs = (Doc(nlp.vocab, words=[w or "_" for w in d.sentences[n]]) for d, n in wanted)
    parsed = {(d.id, n): doc for (d, n), doc in zip(wanted, nlp.pipe(inputs, batch_size=64))}

    base_forms: dict[str, str] = {}
    mentions: list[CorefMention] = []
    texts: list[CorefDocument] = []
    for document in documents:
        contexts: dict[int, frozenset[str]] = {}
        for span in document.mentions:
            doc = parsed[(document.id, span.sentence)]
            if span.sentence not in contexts:
                contexts[span.sentence] = _sentence_context(doc, stop_words)
            tokens = [doc[i] for i in span.tokens if i < len(doc)]
            head = _head(tokens)
            participants, places, times = _arguments(head)
            mentions.append(
                CorefMention(
                    id=span.id,
                    doc=document.id,
                    topic=document.topic,
                    lemma=_base_form(nlp, head, base_forms),
                    phrase=_phrase(nlp, tokens, head, base_forms),
                    pos=head.pos_,
                    role=head.dep_,
                    event_type=span.event_type,
                    participants=frozenset(participants),
                    places=frozenset(places),
                    times=frozenset(times),
                    context=contexts[span.sentence] - {_word(head.lemma_)},
                    sentence=span.sentence,
                )
            )
        texts.append(
            CorefDocument(
                id=document.id,
                topic=document.topic,
                words=document_words(document.sentences, stop_words, document.skip),
            )
        )
    return mentions, texts
