"""Direct quotations: which cue each quoted span belongs to, and where a quotation continues.

A quotation belongs to a cue that stands right beside it: after it ("…," Abe said / said Abe /
she told reporters on Wednesday) or before it (Trump had declared, "…" / said Friday: "…"). The
words between the two must all be the cue's own clause (its subject, auxiliaries, adverbs,
recipients, time and place) and no part of a reported clause, so "said that he would be “talking
trade”" is an indirect report with quoted words in it, not a direct quotation. Beside a
quotation, a verb the lexicon lacks reports speech too ("…?" he wondered), and so do a colon
after a name or a clause (Philip Bump: "…"; She went on: "…") and a signature after a dash
("…" ― Carla Sanchez).

A quotation with no cue of its own continues the quotation just before it when nothing but the
rest of that quotation's cue clause lies between them: the second half of "…," Abe said. "…",
and a paragraph that is all quotation after a paragraph that ends with one. A paragraph that
leaves its quotation open runs on into the quotation that opens the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chronicle.quotes.clauses import SUBJECT_DEPS, Cue, any_verb_cue, content_children
from chronicle.quotes.marks import QuoteSpan, last_inner
from chronicle.quotes.tree import QUOTE_TOKENS, Tree

_BRIDGE = frozenset({",", ":", "—", "–", "-", "--"})  # between a quotation and its cue clause
_SENTENCE_END = frozenset({".", "?", "!", "…"})
_UTTERANCE_END = ",?!—–-….:;"  # the last character inside a quotation that ends an utterance


@dataclass
class DirectDraft:
    """Quoted spans attached to one cue (or continuing another quotation)."""

    cue: Cue
    spans: list[QuoteSpan] = field(default_factory=list)
    clause_end: int = 0  # character end of the cue clause (after it, a continuation may follow)
    source: tuple[int, int] | None = None  # token range of a source the cue gives directly ("— Name")
    lead: int | None = None  # start of the words before the first quotation that belong with it


def attach_quotes(tree: Tree, spans: tuple[QuoteSpan, ...], cues: list[Cue]) -> tuple[list[DirectDraft], list[QuoteSpan]]:
    """Direct quotations grouped by cue, and the quoted spans no cue took.

    Only quotations inside parsed sentences are considered for a cue.
    """
    by_token = {c.token: c for c in cues}
    drafts: dict[int, DirectDraft] = {}
    free: list[QuoteSpan] = []
    for span in spans:
        inside = tree.tokens_within(span.start, span.end)
        if len(inside) == 0:
            continue
        cue = _right_cue(tree, span, inside, by_token)
        lead = _lead(tree, inside) if cue is not None and cue.token not in drafts else None
        cue = cue or _left_cue(tree, span, inside, by_token) or _colon_cue(tree, span, by_token)
        source = None
        if cue is None:
            found = _colon_clause(tree, _colon_before(tree, span, inside), span) or _signature(tree, span, inside)
            if found is not None:
                cue, source = found
        if cue is None:
            free.append(span)
            continue
        if source is not None:
            drafts[cue.token] = DirectDraft(cue, [span], tree.tokens[source[1] - 1].end, source)
            continue
        draft = drafts.setdefault(cue.token, DirectDraft(cue, lead=lead))
        draft.spans.append(span)
        draft.clause_end = max(draft.clause_end, _clause_end(tree, cue, span))
    return sorted(drafts.values(), key=lambda d: d.spans[0].start), free


def _lead(tree: Tree, inside: range) -> int | None:
    """Where the sentence begins when words of it come before the quotation: Not paying taxes
    ''makes me smart,'' he said — the quoted words are part of a longer reported clause."""
    tokens = tree.tokens
    line = tree.line_of(tokens[inside[0]].start)
    k = inside[0] - 1
    if k >= 0 and tokens[k].text in _BRIDGE:
        return None  # set off by a comma, colon or dash, the quotation stands on its own
    first = None
    while k >= 0 and tree.line_of(tokens[k].start) == line:
        word = tokens[k].text
        if word in _SENTENCE_END or word in QUOTE_TOKENS:
            break
        first = k
        k -= 1
    if first is None or all(tokens[i].pos == "PUNCT" or tokens[i].dep == "cc" for i in range(first, inside[0])):
        return None
    return tokens[first].start


_SIGNATURE_DASHES = frozenset({"―", "—", "–", "--"})


def _signature(tree: Tree, span: QuoteSpan, inside: range) -> tuple[Cue, tuple[int, int]] | None:
    """A quotation signed after a dash at the end of its paragraph: "…" ― Carla Sanchez."""
    tokens = tree.tokens
    k = inside[-1] + 1
    if k >= len(tokens) or tokens[k].text not in _SIGNATURE_DASHES or tree.line_of(tokens[k].start) != tree.line_of(span.start):
        return None
    line_end = tree.line_end(tree.line_of(span.start))
    name_first = name_last = k + 1
    while name_last < len(tokens) and tokens[name_last].end <= line_end:
        name_last += 1
    while name_last > name_first and not tokens[name_last - 1].text[0].isalnum():
        name_last -= 1
    if not 0 < name_last - name_first <= 6:
        return None
    words = [t.text for t in tokens[name_first:name_last]]
    if not all(w[0].isupper() or w in ("-", "de", "del", "van", "von", "bin", "al") for w in words if w.strip()):
        return None
    return Cue(k, None, k, k + 1, mark="dash"), (name_first, name_last)


def _colon_before(tree: Tree, span: QuoteSpan, inside: range) -> int | None:
    """The colon that announces the quotation, at the end of its clause or of the paragraph before."""
    text = tree.text
    k = inside[0] - 1
    if k >= 0 and tree.tokens[k].text == ":" and tree.line_of(tree.tokens[k].start) == tree.line_of(span.start):
        return k
    line = tree.line_of(span.start)
    if text[tree.line_start(line) : span.start].strip():
        return None
    before = text[: span.start].rstrip()
    if not before.endswith(":") or tree.line_of(len(before) - 1) == line:
        return None
    colon = tree.token_at(len(before) - 1)
    if colon >= len(tree.tokens) or tree.tokens[colon].text != ":":
        return None
    return colon


def _colon_clause(tree: Tree, colon: int | None, span: QuoteSpan) -> tuple[Cue, tuple[int, int] | None] | None:
    """The speaker of a quotation announced by a colon when no cue word of the lexicon does it.

    "Philip Bump: “…”" — a name alone before the colon is the source (the colon the cue);
    "She went on: “…”", "As John Cornyn put it: “…”" — the verb of the clause before the colon,
    with its subject as the source.
    """
    if colon is None or colon == 0 or not _ends_clause(tree, span):
        return None
    tokens = tree.tokens
    line = tree.line_of(tokens[colon].start)
    first = colon
    while first > 0 and tree.line_of(tokens[first - 1].start) == line and tokens[first - 1].text not in _SENTENCE_END | _SIGNATURE_DASHES:
        first -= 1
    words = [t for t in tokens[first:colon] if t.text[0].isalnum()]
    if 0 < len(words) <= 5 and all(t.text[0].isupper() for t in words) and colon - first <= 7:
        return Cue(colon, None, colon, colon + 1, mark="colon"), (first, colon)
    head = colon - 1
    for _ in range(12):
        parent = tokens[head].head
        if parent < 0 or parent == head or parent >= colon or parent < first:
            break
        head = parent
    token = tokens[head]
    subject = tree.child(head, *SUBJECT_DEPS)
    if token.pos != "VERB" or subject is None or tokens[subject].dep == "expl" or tokens[subject].text.lower() in ("it", "there", "this"):
        return None
    if any(tokens[c].dep in ("dobj", "ccomp", "attr") for c in tree.kids(head)) and head != colon - 1:
        # "The piece used one of her quotes as its headline:" – an act, not a report
        return None
    return any_verb_cue(tree, head), None


def _colon_cue(tree: Tree, span: QuoteSpan, by_token: dict[int, Cue]) -> Cue | None:
    """A cue ending the paragraph before with a colon: The New York Times reports: ¶ "…"."""
    text = tree.text
    line = tree.line_of(span.start)
    if text[tree.line_start(line) : span.start].strip():
        return None
    before = text[: span.start].rstrip()
    if not before.endswith(":") or tree.line_of(len(before) - 1) == line:
        return None
    colon = tree.token_at(len(before) - 1)
    if colon >= len(tree.tokens) or tree.tokens[colon].text != ":":
        return None
    for j in range(colon - 1, max(colon - 16, -1), -1):
        token = tree.tokens[j]
        if token.text in QUOTE_TOKENS or token.text in _SENTENCE_END:
            return None
        cue = by_token.get(j)
        if cue is not None and not cue.according:
            return cue if _only_cue_clause(tree, cue, range(j + 1, colon), range(colon, colon + 1)) else None
    return None


def _right_cue(tree: Tree, span: QuoteSpan, inside: range, by_token: dict[int, Cue]) -> Cue | None:
    """A cue after the quotation: "…," Abe said."""
    text = tree.text
    after = text[span.end : span.end + 1]
    inner_end = last_inner(text, span) if span.closed else ""
    if not (inner_end and inner_end in _UTTERANCE_END or after in (",", "—", "–")):
        return None
    line = tree.line_of(span.start)
    k = inside[-1] + 1
    tokens = tree.tokens
    while k < len(tokens) and tokens[k].text in _BRIDGE | QUOTE_TOKENS:
        k += 1
    for j in range(k, min(k + 14, len(tokens))):
        token = tokens[j]
        if tree.line_of(token.start) != line or token.text in QUOTE_TOKENS or token.text in _SENTENCE_END:
            return None
        cue = by_token.get(j)
        if cue is None and inner_end in _UTTERANCE_END and _bare_speech_verb(tree, j, k):
            cue = any_verb_cue(tree, j)
        if cue is not None and not cue.according:
            if inner_end in _SENTENCE_END and any(c > j and tree.tokens[c].dep == "ccomp" for c in tree.kids(j)):
                return None  # "…recklessness." Park said Kim's state is …: a new sentence with its own report
            return cue if _only_cue_clause(tree, cue, range(k, j), inside) else None
    return None


_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})


def _bare_speech_verb(tree: Tree, j: int, k: int) -> bool:
    """True for "…," Toomey fumed / he wondered: a finite verb whose subject stands between the
    quotation and the verb and which takes no object or complement of its own."""
    token = tree.tokens[j]
    if token.tag not in ("VBD", "VBZ", "VBP") or token.head < 0:
        return False
    subject = tree.child(j, "nsubj")
    if subject is None or not k <= subject < j or tree.tokens[subject].dep == "expl":
        return False
    return not any(tree.tokens[c].dep in _COMPLEMENTS for c in tree.kids(j))


def _left_cue(tree: Tree, span: QuoteSpan, inside: range, by_token: dict[int, Cue]) -> Cue | None:
    """A cue before the quotation: Trump had declared, "…"."""
    tokens = tree.tokens
    line = tree.line_of(span.start)
    k = inside[0] - 1
    bridged = False
    while k >= 0 and tokens[k].text in _BRIDGE:
        bridged = True
        k -= 1
    for j in range(k, max(k - 20, -1), -1):
        token = tokens[j]
        if tree.line_of(token.start) != line or token.text in QUOTE_TOKENS or token.text in _SENTENCE_END:
            return None
        cue = by_token.get(j)
        if cue is None or cue.according:
            continue
        between = range(j + 1, k + 1)
        if not bridged and len(between) > 0:
            return None
        if not _ends_clause(tree, span):
            return None
        return cue if _only_cue_clause(tree, cue, between, inside) else None
    return None


def _ends_clause(tree: Tree, span: QuoteSpan) -> bool:
    """True when nothing of the same clause follows the quotation ("…" for dealing with it)."""
    text = tree.text
    inner_end = last_inner(text, span) if span.closed else "."
    if inner_end in _UTTERANCE_END or inner_end in _SENTENCE_END:
        return True
    rest = text[span.end : tree.line_end(tree.line_of(span.start))].lstrip()
    return not rest or rest[0] in ".,;:?!—–)"


def _only_cue_clause(tree: Tree, cue: Cue, between: range, quote: range) -> bool:
    """True when every word in ``between`` belongs to the cue's clause and not to reported content."""
    v = cue.token
    left, right = tree.left[v], tree.right[v]
    reported = [c for c in content_children(tree, cue) if not _overlaps(tree, c, quote)]
    for i in between:
        token = tree.tokens[i]
        if token.pos == "PUNCT" and token.text not in QUOTE_TOKENS:
            continue
        if i == v or (cue.first <= i < cue.last):
            continue
        if not left <= i <= right or token.text in QUOTE_TOKENS:
            return False
        if any(tree.left[c] <= i <= tree.right[c] for c in reported):
            return False
    return True


def _overlaps(tree: Tree, child: int, quote: range) -> bool:
    return tree.left[child] <= quote[-1] and quote[0] <= tree.right[child]


def _clause_end(tree: Tree, cue: Cue, span: QuoteSpan) -> int:
    """Character end of the cue clause that follows a quotation (or the quotation itself)."""
    end = max(span.end, tree.tokens[cue.last - 1].end)
    v = cue.token
    if tree.tokens[v].start > span.start:
        # the cue clause runs on after the cue: "…," Hua told reporters on Wednesday, commenting …
        right = tree.right[v]
        for c in tree.kids(v):
            if tree.tokens[c].start > span.end and tree.tokens[c].text not in QUOTE_TOKENS:
                end = max(end, tree.tokens[tree.right[c]].end)
        end = max(end, tree.tokens[right].end if tree.tokens[right].text not in QUOTE_TOKENS else end)
    return end


def continue_quotes(tree: Tree, drafts: list[DirectDraft], free: list[QuoteSpan]) -> list[QuoteSpan]:
    """Append free quotations to the quotation they continue; returns those left free."""
    ordered = sorted(drafts, key=lambda d: d.spans[0].start)
    left: list[QuoteSpan] = []
    following = {id(a): b for a, b in zip(free, free[1:])}
    for span in free:
        owner = None
        for draft in ordered:
            last = max(draft.clause_end, draft.spans[-1].end)
            if last <= span.start and _adjacent(tree, last, span):
                owner = draft
        if owner is not None and _whole(tree, span, following.get(id(span))):
            owner.spans.append(span)
            owner.clause_end = max(owner.clause_end, span.end)
        else:
            left.append(span)
    # a paragraph left open runs on into the next paragraph's quotation
    still: list[QuoteSpan] = []
    for span in reversed(left):
        owner = None
        if not span.closed:
            for draft in ordered:
                first = draft.spans[0]
                if first.start > span.end and _next_paragraph(tree, span, first) and _same_marks(tree, span, first):
                    owner = draft
                    break
        if owner is not None:
            owner.spans.insert(0, span)
        else:
            still.append(span)
    for draft in ordered:
        draft.spans.sort(key=lambda s: s.start)
    return list(reversed(still))


def _adjacent(tree: Tree, end: int, span: QuoteSpan) -> bool:
    """True when only punctuation and spaces (line breaks included) lie between; a closing mark
    may be among them (the cue clause can end on a title: said on NBC's "Meet the Press.")."""
    gap = tree.text[end : span.start]
    if all(c.isspace() or c in ".,;:—–-)\"”'’" for c in gap) and len(gap.strip()) <= 3:
        return True
    # the rest of a name the sentence splitter cut after a title ("said Lt. | Tyler Livingston.")
    words = gap.split()
    return 0 < len(words) <= 4 and gap.rstrip().endswith(".") and all(w[0].isupper() for w in words)


def _whole(tree: Tree, span: QuoteSpan, following: QuoteSpan | None) -> bool:
    """True when nothing but punctuation follows the quotation up to the next one or the line's end.

    A quotation followed by words ("…?" Vitter demanded) has a cue of its own, even one the
    lexicon lacks, and continues nothing.
    """
    line_end = tree.line_end(tree.line_of(span.start))
    stop = following.start if following is not None and following.start < line_end else line_end
    return all(c.isspace() or c in ".,;:?!)—–-" for c in tree.text[span.end : stop])


def _same_marks(tree: Tree, a: QuoteSpan, b: QuoteSpan) -> bool:
    """True when both quotations open with the same kind of mark (straight or curly)."""
    return (tree.text[a.start] in "\"'") == (tree.text[b.start] in "\"'")


def _next_paragraph(tree: Tree, open_span: QuoteSpan, span: QuoteSpan) -> bool:
    gap = tree.text[open_span.end : span.start]
    return "\n" in gap and not gap.strip()

