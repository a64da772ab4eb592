"""The per-document pipeline: one input item and settings in, one record out.

``process_item`` is a pure function of its arguments (no I/O, no shared state), so it runs the
same in this process, in a process pool or on a cluster. Everything corpus-wide that it needs
arrives in a frozen ``CorpusContext``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from datasketch import MinHash

from chronicle.analysis import Toolkit, analyse_text, load_toolkit
from chronicle.clean import clean_text, load_lexicon, repetition_candidates
from chronicle.config import Settings
from chronicle.corpus.dating import find_clues, find_happenings
from chronicle.errors import RejectedInput
from chronicle.ingest.decode import decode_payload
from chronicle.ingest.html import HtmlExtract, declared_charset, extract_html
from chronicle.language_id import identify_language, load_identifier
from chronicle.metadata.describe import describe
from chronicle.models import Document, LineKind, Rejection, SourceItem
from chronicle.time import find_timexes

_SHINGLE_WORD = re.compile(r"\w+")
MINHASH_SEED = 7


@dataclass(frozen=True)
class CorpusContext:
    """Corpus-wide knowledge the per-document pipeline may use.

    Attributes:
        boilerplate: keys of short lines that recur across many unrelated articles.
    """

    boilerplate: frozenset[str] = frozenset()


def prepare(settings: Settings) -> Toolkit | None:
    """Load what ``process_item`` reads once per process; return the toolkit when analysing.

    That is the language identifier, the web furniture lexicon and, with ``settings.analyse``,
    the language model and tables. Called before worker processes are forked, so the workers
    share one copy (copy-on-write) instead of each loading its own, and a worker's memory does
    not jump while it starts.
    """
    load_identifier()
    load_lexicon()
    return load_toolkit(settings) if settings.analyse else None


def repetition_lines(item: SourceItem) -> tuple[tuple[str, ...], str] | None:
    """The keys of a text item's short lines and its body signature, for the repetition index.

    None when the item is not plain text or its bytes cannot be decoded: such an item adds
    nothing to the index (it is refused with its reason when it is processed).
    """
    if item.kind != "text":
        return None
    try:
        text = decode_payload(item.payload, repair=False).text
    except RejectedInput:
        return None
    keys, signature = repetition_candidates(text)
    return tuple(keys), signature


def process_item(
    item: SourceItem,
    settings: Settings,
    context: CorpusContext = CorpusContext(),
    toolkit: Toolkit | None = None,
) -> Document | Rejection:
    """Turn one input item into a clean, analysed ``Document``, or a ``Rejection`` that says why not.

    ``toolkit`` holds the loaded language model and tables; by default it is loaded (once per
    process) from ``settings``. Never raises for bad content; every refusal is a ``Rejection``
    with a code and a reason.

    Raises:
        LanguageModelError, KnowledgeError: the language stages cannot be set up (not a content problem).
    """
    if toolkit is None and settings.analyse:
        toolkit = load_toolkit(settings)
    try:
        return _process(item, settings, context, toolkit)
    except RejectedInput as exc:
        return Rejection(item.origin, item.raw_hash, exc.code, exc.reason)


def _process(item: SourceItem, settings: Settings, context: CorpusContext, toolkit: Toolkit | None) -> Document:
    html: HtmlExtract | None = None
    if item.kind == "html":
        decoded = decode_payload(item.payload, declared_charset(item.payload))
        html = extract_html(decoded.text, url=item.metadata.url)
        text = html.text
        title = item.metadata.title
        if item.metadata.origin == "feed" and title and not text.lstrip().startswith(title):
            text = f"{title}\n\n{text}"  # a feed entry's headline lives outside its content
    else:
        decoded = decode_payload(item.payload)
        text = decoded.text
    lexicon = load_lexicon()
    clean = clean_text(text, lexicon, context.boilerplate)
    body = " ".join(clean.text[line.start : line.end] for line in clean.lines if line.kind is LineKind.BODY)
    words = len(body.split())
    if words < settings.min_words:
        raise RejectedInput(
            "no-article",
            f"only {words} words of article text after cleaning (minimum {settings.min_words}, setting min_words)",
        )
    language, score = identify_language(body)
    if settings.accept_languages and language not in settings.accept_languages:
        raise RejectedInput(
            "language",
            f"the article is in '{language}' (p={score:.2f}); accepted: {', '.join(settings.accept_languages)} "
            "(setting accept_languages)",
        )
    meta = describe(clean, item, html, lexicon)
    # Relative expressions resolve against the publication date only when it is known; an
    # undated article keeps "on Thursday" unresolved rather than resolving it against today.
    anchor = dt.date.fromisoformat(meta.published.value) if meta.published.value else None
    timexes = find_timexes(clean.text, anchor)
    analysis = analyse_text(clean.text, anchor, toolkit, timexes) if toolkit is not None else None
    return Document(
        id=document_id(clean.text),
        origin=item.origin,
        raw_hash=item.raw_hash,
        url=(item.sidecar.url if item.sidecar and item.sidecar.url else None) or item.metadata.url,
        title=meta.title,
        title_evidence=meta.title_evidence,
        publisher=meta.publisher,
        authors=meta.authors,
        authors_evidence=meta.authors_evidence,
        published=meta.published,
        language=language,
        language_score=round(score, 4),
        encoding=decoded.encoding + (" (mojibake repaired)" if decoded.repaired else ""),
        text=clean.text,
        lines=clean.lines,
        removed=clean.removed,
        minhash=minhash_signature(body, settings.minhash_permutations),
        timexes=timexes,
        happenings=find_happenings(clean.text, timexes, lexicon) if anchor else (),
        date_clues=() if anchor else find_clues(clean.text, lexicon),
        actor_mentions=analysis.actor_mentions if analysis else (),
        events=analysis.events if analysis else (),
        counts=analysis.counts if analysis else (),
        quotes=analysis.quotes if analysis else (),
    )


def document_id(text: str) -> str:
    """A document's id: the hash of its clean text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def minhash_signature(text: str, permutations: int) -> tuple[int, ...]:
    """MinHash of the text's word 5-shingles (lower-cased), for near-duplicate detection."""
    words = [w.lower() for w in _SHINGLE_WORD.findall(text)]
    shingles = {" ".join(words[i : i + 5]).encode("utf-8") for i in range(max(1, len(words) - 4))}
    signature = MinHash(num_perm=permutations, seed=MINHASH_SEED)
    signature.update_batch(list(shingles))
    return tuple(int(v) for v in signature.hashvalues)
