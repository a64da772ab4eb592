"""Turning texts into ``Parse`` records, analysing only the sentences that need it.

Every text is tokenised and split into sentences (never across a line break, since headlines,
captions and paragraphs are separate lines of the clean text). A sentence that a caller's
``needs_analysis`` predicate selects is run through the full pipeline (tagger, dependency parser,
lemmatizer, entity recogniser); the others keep their tokens with lower-cased text as lemma. The
dependency parse and the entity recogniser are most of the cost, and most sentences of a news
article carry no event or quote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from chronicle.language.model import LanguageModel
from chronicle.models import Entity, Parse, Sentence, Token

SentenceFilter = Callable[[Sequence[str]], bool]
"""Decides from a sentence's lower-cased token texts whether it needs the full analysis."""

_SENTENCE_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]"})


def _analyse_all(_words: Sequence[str]) -> bool:
    return True


def parse_text(model: LanguageModel, text: str, needs_analysis: SentenceFilter = _analyse_all) -> Parse:
    """Parse one text; see ``parse_texts``."""
    return next(parse_texts(model, [text], needs_analysis))


def parse_texts(
    model: LanguageModel,
    texts: Iterable[str],
    needs_analysis: SentenceFilter = _analyse_all,
    batch_size: int = 64,
) -> Iterator[Parse]:
    """Yield one ``Parse`` per text, in order; offsets index each text as given.

    Sentences selected by ``needs_analysis`` (all of them by default) get tags, lemmas,
    dependencies and entities; the rest keep bare tokens.
    """
    texts = list(texts)
    docs = [model.tokenizer(text) for text in texts]
    spans: list[list[tuple[int, int]]] = [_sentence_spans(doc) for doc in docs]
    chosen: list[tuple[int, int, int]] = []  # (text index, first token, last token)
    for t, doc in enumerate(docs):
        for first, last in spans[t]:
            if needs_analysis([doc[i].lower_ for i in range(first, last)]):
                chosen.append((t, first, last))
    analysed = model.nlp.pipe((docs[t][first:last].as_doc() for t, first, last in chosen), batch_size=batch_size)
    results: dict[tuple[int, int], object] = {}
    for key, sent_doc in zip(chosen, analysed):
        results[(key[0], key[1])] = sent_doc
    for t, doc in enumerate(docs):
        yield _to_parse(doc, spans[t], {first: results[(t, first)] for (tt, first) in results if tt == t})


def _sentence_spans(doc) -> list[tuple[int, int]]:
    """Token ranges of sentences: split at line breaks and at sentence-final punctuation."""
    spans: list[tuple[int, int]] = []
    first: int | None = None
    n = len(doc)
    i = 0
    while i < n:
        token = doc[i]
        if token.is_space:
            if first is not None and "\n" in token.text:
                spans.append((first, i))
                first = None
            i += 1
            continue
        if first is None:
            first = i
        if token.text in _SENTENCE_END or (token.text.endswith((".", "?", "!")) and token.is_punct):
            j = i + 1
            while j < n and doc[j].text in _CLOSERS:
                j += 1
            if j >= n or doc[j].is_space or doc[j].is_title or doc[j].is_upper or doc[j].text in {'"', "“", "‘"} or doc[j].is_digit:
                spans.append((first, j))
                first = None
                i = j
                continue
        i += 1
    if first is not None:
        spans.append((first, n))
    # trailing whitespace tokens inside a span are dropped
    cleaned = []
    for first, last in spans:
        while last > first and doc[last - 1].is_space:
            last -= 1
        if last > first:
            cleaned.append((first, last))
    return cleaned


def _to_parse(doc, spans: list[tuple[int, int]], analysed: dict[int, object]) -> Parse:
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    for first, last in spans:
        base = len(tokens)
        sent_doc = analysed.get(first)
        if sent_doc is None:
            for k in range(first, last):
                tok = doc[k]
                if tok.is_space:
                    continue
                tokens.append(Token(len(tokens), tok.idx, tok.idx + len(tok.text), tok.text, tok.lower_, "", ""))
        else:
            offset = doc[first].idx
            index: dict[int, int] = {}
            for tok in sent_doc:
                if not tok.is_space:
                    index[tok.i] = base + len(index)
            for tok in sent_doc:
                if tok.is_space:
                    continue
                head = index.get(tok.head.i, index[tok.i])
                tokens.append(
                    Token(
                        index[tok.i],
                        offset + tok.idx,
                        offset + tok.idx + len(tok.text),
                        tok.text,
                        tok.lemma_ or tok.lower_,
                        tok.pos_,
                        tok.tag_,
                        tok.dep_,
                        head,
                        tok.ent_type_,
                    )
                )
            for ent in sent_doc.ents:
                kept = [index[k] for k in range(ent.start, ent.end) if k in index]
                if kept:
                    entities.append(
                        Entity(offset + ent.start_char, offset + ent.end_char, kept[0], kept[-1] + 1, ent.label_, ent.text)
                    )
        if len(tokens) > base:
            sentences.append(Sentence(tokens[base].start, tokens[-1].end, base, len(tokens), sent_doc is not None))
    return Parse(tuple(tokens), tuple(sentences), tuple(entities))
