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


def parse_text(
    model: LanguageModel,
    text: str,
    needs_analysis: SentenceFilter = _analyse_all,
    needs_entities: SentenceFilter | None = None,
) -> Parse:
    """Parse one text; see ``parse_texts``."""
    return next(parse_texts(model, [text], needs_analysis, needs_entities))


def parse_texts(
    model: LanguageModel,
    texts: Iterable[str],
    needs_analysis: SentenceFilter = _analyse_all,
    needs_entities: SentenceFilter | None = None,
    batch_size: int = 64,
) -> Iterator[Parse]:
    """Yield one ``Parse`` per text, in order; offsets index each text as given.

    Sentences selected by ``needs_analysis`` (all of them by default; it sees lower-cased token
    texts) get tags, lemmas and dependencies; the rest keep bare tokens. Consecutive selected
    sentences are analysed together, with their sentence starts fixed in advance. Entities are
    recognised in the analysed sentences that ``needs_entities`` selects (it sees the tokens as
    written; all analysed sentences when it is None).

    The texts are analysed inside the model's memory zone (``LanguageModel.zone``): their new
    words are forgotten once their records are made, so memory stays flat over any number of texts.
    """
    texts = list(texts)
    with model.zone():
        parses = list(_parse_all(model, texts, needs_analysis, needs_entities, batch_size))
    yield from parses


def _parse_all(
    model: LanguageModel,
    texts: list[str],
    needs_analysis: SentenceFilter,
    needs_entities: SentenceFilter | None,
    batch_size: int,
) -> Iterator[Parse]:
    docs = [model.tokenizer(text) for text in texts]
    spans: list[list[tuple[int, int]]] = [_sentence_spans(doc) for doc in docs]
    runs: list[tuple[int, list[tuple[int, int]]]] = []  # (text, character spans of consecutive selected sentences)
    ner_wanted: list[tuple[int, int, int]] = []  # (text, start, end) of sentences for the entity recogniser
    selected: list[set[int]] = []  # character starts of the analysed sentences, per text
    for t, doc in enumerate(docs):
        run: list[tuple[int, int]] = []
        chosen: set[int] = set()
        for first, last in spans[t]:
            start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
            if needs_analysis([doc[i].lower_ for i in range(first, last)]):
                run.append((start, end))
                chosen.add(start)
                if needs_entities is None or needs_entities([doc[i].text for i in range(first, last)]):
                    ner_wanted.append((t, start, end))
                continue
            if run:
                runs.append((t, run))
                run = []
        if run:
            runs.append((t, run))
        selected.append(chosen)
    skipped = [*model.skipped, "ner"]
    analysed = model.nlp.pipe(
        (_chunk_doc(model, texts[t], run) for t, run in runs), batch_size=batch_size, disable=skipped
    )
    parsed: list[list[tuple[int, object]]] = [[] for _ in texts]  # (character offset of the chunk, chunk doc)
    for (t, run), chunk_doc in zip(runs, analysed):
        parsed[t].append((run[0][0], chunk_doc))
    found: list[list[tuple[int, int, str, str]]] = [[] for _ in texts]
    ner = model.nlp.get_pipe("ner")
    sentence_docs = (model.tokenizer(texts[t][start:end]) for t, start, end in ner_wanted)
    for (t, start, _), sent_doc in zip(ner_wanted, ner.pipe(sentence_docs, batch_size=batch_size)):
        found[t].extend((start + e.start_char, start + e.end_char, e.label_, e.text) for e in sent_doc.ents)
    for t, doc in enumerate(docs):
        yield _to_parse(doc, spans[t], selected[t], parsed[t], found[t], model)


def _chunk_doc(model: LanguageModel, text: str, run: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """A Doc of the text from the run's first sentence to its last, with the sentence starts preset."""
    base = run[0][0]
    chunk = model.tokenizer(text[base : run[-1][1]])
    starts = {start - base for start, _ in run}
    for token in chunk:
        if token.idx in starts:
            token.is_sent_start = True
    return chunk


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


def _to_parse(
    doc,  # type: ignore[no-untyped-def]
    spans: list[tuple[int, int]],
    selected: set[int],
    parsed: list[tuple[int, object]],
    found: list[tuple[int, int, str, str]],
    model: LanguageModel,
) -> Parse:
    # Analysed tokens by character offset; a chunk was tokenised from the same characters, so
    # its tokens line up with the text's own tokens.
    analysed: dict[int, object] = {}
    for offset, chunk_doc in parsed:
        for tok in chunk_doc:  # type: ignore[attr-defined]
            if not tok.is_space:
                analysed[offset + tok.idx] = (offset, tok)
    entity_at: dict[int, str] = {}
    for start, end, label, _ in found:
        for pos in range(start, end):
            entity_at[pos] = label
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    by_start: dict[int, int] = {}
    attributes = model.attributes
    for first, last in spans:
        base = len(tokens)
        is_parsed = doc[first].idx in selected
        members = [doc[k] for k in range(first, last) if not doc[k].is_space]
        if is_parsed:
            index = {}
            for tok in members:
                offset, atok = analysed[tok.idx]  # type: ignore[misc]
                index[(offset, atok.i)] = base + len(index)
            for tok in members:
                offset, atok = analysed[tok.idx]  # type: ignore[misc]
                me = index[(offset, atok.i)]
                head = index.get((offset, atok.head.i), me)
                pos, lemma = attributes.assign(atok) if attributes is not None else (atok.pos_, atok.lemma_)
                tokens.append(
                    Token(
                        me, tok.idx, tok.idx + len(tok.text), tok.text, lemma or tok.lower_, pos, atok.tag_,
                        atok.dep_, head, entity_at.get(tok.idx, ""),
                    )
                )
                by_start[tok.idx] = me
        else:
            for tok in members:
                by_start[tok.idx] = len(tokens)
                tokens.append(Token(len(tokens), tok.idx, tok.idx + len(tok.text), tok.text, tok.lower_, "", ""))
        if len(tokens) > base:
            sentences.append(Sentence(tokens[base].start, tokens[-1].end, base, len(tokens), is_parsed))
    entities: list[Entity] = []
    for start, end, label, text in found:
        first = by_start.get(start)
        if first is None:
            continue  # the recogniser split a token differently: the span does not start a token
        last = first
        while last < len(tokens) and tokens[last].start < end:
            last += 1
        entities.append(Entity(start, end, first, last, label, text))
    return Parse(tuple(tokens), tuple(sentences), tuple(entities))
