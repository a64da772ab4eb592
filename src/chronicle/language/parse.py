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
    sentences are analysed together, with their boundaries fixed in advance so no parse crosses
    them. Entities are recognised in the analysed sentences that ``needs_entities`` selects (it
    sees the tokens as written; all analysed sentences when it is None).
    """
    texts = list(texts)
    docs = [model.tokenizer(text) for text in texts]
    spans: list[list[tuple[int, int]]] = [_sentence_spans(doc) for doc in docs]
    chunks: list[tuple[int, list[tuple[int, int]]]] = []  # (text index, runs of selected sentences)
    for t, doc in enumerate(docs):
        run: list[tuple[int, int]] = []
        for first, last in spans[t]:
            if needs_analysis([doc[i].lower_ for i in range(first, last)]):
                run.append((first, last))
                continue
            if run:
                chunks.append((t, run))
                run = []
        if run:
            chunks.append((t, run))
    skipped = list(model.skipped) + (["ner"] if needs_entities is not None else [])
    analysed = model.nlp.pipe((_chunk_doc(docs[t], run) for t, run in chunks), batch_size=batch_size, disable=skipped)
    if needs_entities is not None:
        analysed = _with_entities(model, list(analysed), chunks, docs, needs_entities, batch_size)
    results: dict[int, dict[int, tuple[object, int]]] = {t: {} for t in range(len(docs))}
    for (t, run), chunk_doc in zip(chunks, analysed):
        base = run[0][0]
        for first, _ in run:
            results[t][first] = (chunk_doc, base)
    for t, doc in enumerate(docs):
        yield _to_parse(doc, spans[t], results[t], model)


def _with_entities(model, analysed, chunks, docs, needs_entities, batch_size):  # type: ignore[no-untyped-def]
    """Run the entity recogniser on the chunks with at least one sentence that needs it."""
    wanted = [
        k
        for k, (t, run) in enumerate(chunks)
        if any(needs_entities([docs[t][i].text for i in range(first, last)]) for first, last in run)
    ]
    ner = model.nlp.get_pipe("ner")
    for k, doc in zip(wanted, ner.pipe((analysed[k] for k in wanted), batch_size=batch_size)):
        analysed[k] = doc
    return analysed


def _chunk_doc(doc, run: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """A Doc of the tokens from the run's first sentence to its last, with sentence starts preset."""
    base = run[0][0]
    chunk = doc[base : run[-1][1]].as_doc()
    starts = {first - base for first, _ in run}
    for token in chunk:
        token.is_sent_start = token.i in starts
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


def _to_parse(doc, spans: list[tuple[int, int]], analysed: dict[int, tuple[object, int]], model: LanguageModel) -> Parse:
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    attributes = model.attributes
    for first, last in spans:
        base = len(tokens)
        found = analysed.get(first)
        if found is None:
            for k in range(first, last):
                tok = doc[k]
                if tok.is_space:
                    continue
                tokens.append(Token(len(tokens), tok.idx, tok.idx + len(tok.text), tok.text, tok.lower_, "", ""))
        else:
            chunk_doc, chunk_base = found
            offset = doc[chunk_base].idx
            sent = chunk_doc[first - chunk_base : last - chunk_base]  # type: ignore[index]
            index: dict[int, int] = {}
            for tok in sent:
                if not tok.is_space:
                    index[tok.i] = base + len(index)
            for tok in sent:
                if tok.is_space:
                    continue
                head = index.get(tok.head.i, index[tok.i])
                pos, lemma = attributes.assign(tok) if attributes is not None else (tok.pos_, tok.lemma_)
                tokens.append(
                    Token(
                        index[tok.i],
                        offset + tok.idx,
                        offset + tok.idx + len(tok.text),
                        tok.text,
                        lemma or tok.lower_,
                        pos,
                        tok.tag_,
                        tok.dep_,
                        head,
                        tok.ent_type_,
                    )
                )
            for ent in sent.ents:
                kept = [index[k] for k in range(ent.start, ent.end) if k in index]
                if kept:
                    entities.append(
                        Entity(offset + ent.start_char, offset + ent.end_char, kept[0], kept[-1] + 1, ent.label_, ent.text)
                    )
        if len(tokens) > base:
            sentences.append(Sentence(tokens[base].start, tokens[-1].end, base, len(tokens), found is not None))
    return Parse(tuple(tokens), tuple(sentences), tuple(entities))
