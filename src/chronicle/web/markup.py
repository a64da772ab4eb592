"""A document's clean text as HTML with what the stages found marked: event sentences (with their
triggers), actor mentions and temporal expressions.

Article text is untrusted: every character of it goes through ``markupsafe.escape`` before it is
joined with the tags built here, and the tags carry only values the store computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from chronicle.web.data import DocumentMarks


@dataclass(frozen=True)
class _Inner:
    start: int
    end: int
    rank: int  # lower wins where marks overlap: triggers, then actors, then timexes
    html_open: str
    html_close: str = "</span>"


@dataclass
class _Block:
    start: int
    end: int
    mentions: list[tuple[int, int | None, str, str]]  # mention id, event id, type, status


def mark_document(text: str, marks: DocumentMarks, *, focus: int | None = None) -> Markup:
    """Return ``text`` as escaped HTML with event sentences, triggers, actor mentions and timexes marked.

    Each event sentence is a ``<mark class="sentence">`` holding an anchor ``m<mention id>`` per event
    mention it carries; the one holding mention ``focus`` also has the class ``focus``.
    """
    blocks = _blocks(marks)
    inner = _inner(marks)
    regions: list[tuple[int, int, _Block | None]] = []
    pos = 0
    for block in blocks:
        if block.start > pos:
            regions.append((pos, block.start, None))
        regions.append((block.start, block.end, block))
        pos = block.end
    if pos < len(text):
        regions.append((pos, len(text), None))
    out: list[str] = []
    cursor = 0
    for start, end, block in regions:
        if block is not None:
            focused = focus is not None and any(m[0] == focus for m in block.mentions)
            titles = "; ".join(f"{t} ({s})" for _, _, t, s in block.mentions)
            out.append(f'<mark class="sentence{" focus" if focused else ""}" title="{escape(titles)}">')
            for mention, event, etype, _status in block.mentions:
                href = f"/events/{event}" if event is not None else "#"
                out.append(f'<a class="evlink" id="m{mention}" href="{href}">{escape(etype)}</a>')
        cursor = start
        for mark in inner:
            if mark.start < start or mark.end > end:
                continue
            out.append(str(escape(text[cursor : mark.start])))
            out.append(mark.html_open + str(escape(text[mark.start : mark.end])) + mark.html_close)
            cursor = mark.end
        out.append(str(escape(text[cursor:end])))
        if block is not None:
            out.append("</mark>")
    return Markup("".join(out))


def _blocks(marks: DocumentMarks) -> list[_Block]:
    """Event sentences, one block per span; overlapping spans are merged into one block."""
    blocks: list[_Block] = []
    for mention, start, end, _ts, _te, etype, status, event in sorted(marks.events, key=lambda e: (e[1], e[2])):
        if blocks and start < blocks[-1].end:
            blocks[-1].end = max(blocks[-1].end, end)
            blocks[-1].mentions.append((mention, event, etype, status))
        else:
            blocks.append(_Block(start, end, [(mention, event, etype, status)]))
    return blocks


def _inner(marks: DocumentMarks) -> list[_Inner]:
    candidates = [
        _Inner(ts, te, 0, f'<span class="trigger" title="{escape(etype)}">') for _m, _s, _e, ts, te, etype, _st, _ev in marks.events
    ]
    candidates += [
        _Inner(s, e, 1, f'<span class="actor" title="{escape(name)}"><a href="/actors/{quote(aid, safe="")}">', "</a></span>")
        for s, e, aid, name in marks.actors
    ]
    candidates += [_Inner(s, e, 2, f'<span class="timex" title="{escape(t)} {escape(v)}">') for s, e, t, v in marks.timexes]
    chosen: list[_Inner] = []
    for mark in sorted(candidates, key=lambda m: (m.rank, m.start)):
        if mark.end > mark.start and all(mark.end <= c.start or mark.start >= c.end for c in chosen):
            chosen.append(mark)
    chosen.sort(key=lambda m: m.start)
    return chosen
