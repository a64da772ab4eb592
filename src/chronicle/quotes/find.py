"""Finding the quotes and attributions of one document: who said what, with which words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chronicle.models import Actor, ActorMention, EventMention, Parse, Quote
from chronicle.quotes.clauses import Cue, content_ranges, find_cues, source_range, subject_of, trailing_subject
from chronicle.quotes.direct import attach_quotes, continue_quotes
from chronicle.quotes.lexicon import Cues, cues
from chronicle.quotes.marks import MARKS, QuoteSpan, quote_spans
from chronicle.quotes.speakers import Speakers
from chronicle.quotes.tree import Tree


@dataclass
class _Draft:
    """An attribution before it becomes a ``Quote``: content parts (characters), the cue, and the
    source's head token and token range."""

    parts: list[tuple[int, int]]
    direct: bool
    cue: Cue
    subject: int | None
    source: tuple[int, int] | None


def quote_sentence_filter() -> Callable[[Sequence[str]], bool]:
    """A sentence filter for the language stage: True when a sentence may hold an attribution.

    The returned function takes a sentence's lower-case token texts and is True when one is a
    quotation mark, a form of a verb of speaking or reporting, or "according".

    Raises:
        KnowledgeError: the packaged cue lexicon cannot be read.
    """
    lexicon = cues()
    words = frozenset(
        form for lemma, verb in lexicon.verbs.items() if not verb.quote_only for form in verb.forms
    ) | {phrase[0] for phrase in lexicon.according}

    def may_attribute(tokens: Sequence[str]) -> bool:
        for word in tokens:
            if word in words or (word and word[0] in MARKS) or word in ("''", "``"):
                return True
        return False

    return may_attribute


def find_quotes(
    text: str, parse: Parse, mentions: tuple[ActorMention, ...], events: tuple[EventMention, ...] = ()
) -> tuple[Quote, ...]:
    """The attributions of one document, in text order.

    ``parse`` is the language stage's analysis of ``text`` (cues are read from parsed sentences
    only); ``mentions`` the actors stage's mentions, through which sources are resolved to
    speakers; ``events`` the document's event mentions, to which a quote is linked when it
    reports one of them in the same sentence. Offsets index ``text``.

    Raises:
        KnowledgeError: the packaged cue lexicon cannot be read.
    """
    lexicon = cues()
    tree = Tree(text, parse)
    spans = quote_spans(text)
    found = find_cues(tree, lexicon)
    cue_tokens = frozenset(c.token for c in found)
    drafts = _direct_drafts(tree, spans, found, cue_tokens)
    used = {d.cue.token for d in drafts}
    taken = [p for d in drafts for p in d.parts]
    for cue in found:
        if cue.token in used or cue.verb is not None and cue.verb.quote_only:
            continue
        draft = _reported_draft(tree, cue, spans, taken, cue_tokens)
        if draft is not None:
            drafts.append(draft)
    drafts = _outermost(tree, drafts)
    speakers = Speakers(tree, mentions, lexicon, [(s.start, s.end) for s in spans])
    quotes = [_record(tree, lexicon, speakers, d, events) for d in drafts]
    return tuple(sorted(quotes, key=lambda q: (q.start, q.end)))


def _direct_drafts(tree: Tree, spans: tuple[QuoteSpan, ...], found: list[Cue], cue_tokens: frozenset[int]) -> list[_Draft]:
    attached, free = attach_quotes(tree, spans, found)
    continue_quotes(tree, attached, free)
    drafts = []
    for draft in attached:
        parts = [(s.start, s.end) for s in draft.spans]
        quoted = [(r[0], r[-1] + 1) for r in (tree.tokens_within(s, e) for s, e in parts) if len(r)]
        if draft.source is not None:
            drafts.append(_Draft(parts, True, draft.cue, draft.source[1] - 1, draft.source))
            continue
        direct = draft.lead is None
        if draft.lead is not None:
            parts[0] = (draft.lead, parts[0][1])
        subject = subject_of(tree, draft.cue, cue_tokens)
        source = source_range(tree, subject, quoted) if subject is not None else None
        if source is None and tree.tokens[draft.cue.token].start > parts[0][0]:
            subject = trailing_subject(tree, draft.cue, cues().time_words)
            source = source_range(tree, subject, quoted) if subject is not None else None
        if source is None:
            subject = None
        drafts.append(_Draft(parts, direct, draft.cue, subject, source))
    return drafts


def _reported_draft(
    tree: Tree, cue: Cue, spans: tuple[QuoteSpan, ...], taken: list[tuple[int, int]], cue_tokens: frozenset[int]
) -> _Draft | None:
    """An attribution read from the cue's reported clause, or None when it reports none."""
    ranges = content_ranges(tree, cue, cue_tokens)
    if not ranges:
        return None
    ranges = _without_linking_words(tree, ranges)
    if not ranges:
        return None
    parts = [_snap(tree.text, tree.chars(first, last), spans) for first, last in ranges]
    if any(s < te and ts < e for s, e in parts for ts, te in taken):
        return None
    direct = all(any(s == q.start and e == q.end for q in spans) for s, e in parts)
    subject = subject_of(tree, cue, cue_tokens)
    source = source_range(tree, subject, ranges) if subject is not None else None
    if source is None:
        subject = None
    return _Draft(parts, direct, cue, subject, source)


def _without_linking_words(tree: Tree, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop a leading "In fact," / "Still," from the first content range (the writer's words)."""
    first, last = ranges[0]
    words = tree.words(first, min(last, first + 5))
    for phrase in cues().discourse:
        n = len(phrase)
        if words[:n] == phrase and len(words) > n and words[n] == ",":
            rest = tree.trim(first + n + 1, last)
            return ([rest] if rest[1] > rest[0] else []) + ranges[1:]
    return ranges


def _snap(text: str, part: tuple[int, int], spans: tuple[QuoteSpan, ...]) -> tuple[int, int]:
    """Widen a content part to the quotation marks it starts or ends inside of.

    A quotation that begins inside the content belongs to it whole, even when the sentence
    splitter cut it ("tweeted that he would be “talking trade. We have done much …”").
    """
    start, end = part
    for q in spans:
        if q.end <= start or q.start >= end:
            continue
        if q.start < start and not text[q.start + 1 : start].strip(" \"“'‘`"):
            start = q.start
        if end < q.end and (q.start >= start or all(c in ".,;:?!—–-…\"”'’ " for c in text[end : q.end])):
            end = q.end
    return start, end


def _outermost(tree: Tree, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts whose cue lies inside no other draft's content (nested reports are not separate).

    When two drafts each hold the other's cue (a misparse), the one whose cue stands higher in
    the tree is kept.
    """
    def holds(outer: _Draft, inner: _Draft) -> bool:
        start = tree.tokens[inner.cue.token].start
        return outer is not inner and any(s <= start < e for s, e in outer.parts)

    kept = []
    for draft in drafts:
        nested = False
        for other in drafts:
            if holds(other, draft):
                if not holds(draft, other) or tree.depth(other.cue.token) <= tree.depth(draft.cue.token):
                    nested = True
                    break
        if not nested:
            kept.append(draft)
    return kept


def _record(tree: Tree, lexicon: Cues, speakers: Speakers, draft: _Draft, events: tuple[EventMention, ...]) -> Quote:
    text = tree.text
    parts = tuple(sorted(draft.parts))
    cue_start, cue_end = tree.chars(draft.cue.first, draft.cue.last)
    source_start = source_end = None
    speaker: Actor | None = None
    if draft.source is not None:
        source_start, source_end = tree.chars(*draft.source)
        speaker = speakers.resolve(draft.subject, *draft.source)
    return Quote(
        start=parts[0][0],
        end=parts[-1][1],
        parts=parts,
        text=" ".join(text[s:e] for s, e in parts),
        direct=draft.direct,
        kind=_kind(tree, lexicon, draft),
        cue_start=cue_start,
        cue_end=cue_end,
        cue=text[cue_start:cue_end],
        source_start=source_start,
        source_end=source_end,
        source=text[source_start:source_end] if source_start is not None else None,
        speaker=speaker,
        event=_event(parts, cue_start, events),
        sentence=tree.sentence[draft.cue.token],
    )


def _kind(tree: Tree, lexicon: Cues, draft: _Draft) -> str:
    """"according-to", "tweet" or "statement" when the words say so; else "direct"/"indirect"."""
    cue = draft.cue
    if cue.according:
        return "according-to"
    if cue.verb is not None and cue.verb.kind:
        return cue.verb.kind
    tokens = tree.tokens
    nearby = [draft.subject] if draft.subject is not None else []
    for c in tree.kids(cue.token):
        if tokens[c].dep == "prep":
            nearby.extend(k for k in tree.kids(c) if tokens[k].dep == "pobj")
    if tokens[cue.token].dep == "acl":
        nearby.append(tokens[cue.token].head)
    for k in nearby:
        kind = lexicon.nouns.get(tokens[k].text.lower())
        if kind:
            return kind
    return "direct" if draft.direct else "indirect"


def _event(parts: tuple[tuple[int, int], ...], cue_start: int, events: tuple[EventMention, ...]) -> int | None:
    """The event the quote reports: its trigger inside the content, else its sentence holding the cue."""
    for n, event in enumerate(events):
        if any(s <= event.trigger_start and event.trigger_end <= e for s, e in parts):
            return n
    for n, event in enumerate(events):
        if event.start <= cue_start < event.end and any(s < event.end and event.start < e for s, e in parts):
            return n
    return None

