"""Dating undated articles from what dated articles of the corpus report.

Per document (pure, in the pipeline):
- a dated article yields *happenings*: a sentence naming a kind of happening (a summit, talks,
  a visit) and its participants or place, with the calendar date a temporal expression gives it;
- an undated article yields *clues*: a sentence naming a happening and the same kind of names,
  with the tense it speaks of it in ("ahead of Trump's scheduled summit" is future, "after the
  summit" past).

Across the corpus (``anchor_undated``): a clue that matches a happening (same kind, at least
three shared names for a future mention, four for a past one) bounds the undated article's publication: a future mention was written on or
before the happening's date, a past mention on or after it. The bounds narrow the window the
document's own text gave, and the reasons are kept.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from chronicle.clean.features import Lexicon
from chronicle.models import DateBasis, DateClue, Happening, PublishedDate, Timex
from chronicle.time.tense import tense_near

_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z“\"‘'])|\n+")
_ABBREVIATION = re.compile(
    r"(?i)(?:\b(?:mr|mrs|ms|dr|st|gen|gov|sen|rep|lt|col|capt|sgt|prof|jr|sr|inc|corp|co|no|vs|fla|calif|"
    r"jan|feb|mar|apr|aug|sept|sep|oct|nov|dec)|\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$"
)
_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z]|[A-Za-z]")
# Capitalised words that are not names, and titles, which end one name and start the next.
_NOT_NAMES = frozenset(
    "the a an he she it they we i his her their this that these those in on at for with by from of and but "
    "as after before when while if monday tuesday wednesday thursday friday saturday sunday january february "
    "march april may june july august september october november december".split()
)
_TITLES = frozenset(
    "mr mrs ms dr president prime minister secretary chancellor king queen premier leader foreign defence "
    "defense state vice chief general spokesman spokeswoman ambassador envoy senator governor".split()
)
MIN_SHARED_NAMES = 3
# Past mentions are often of recurring happenings (the leaders' many calls), so they need more
# shared names than future ones, which name a specific planned happening.
MIN_SHARED_NAMES_PAST = 4
_REACH = 60  # characters either side of a happening word in which its names and tense cues count
_FUTURE_CUES = re.compile(
    r"(?i)\b(?:scheduled|upcoming|potential|possible|planned|proposed|expected|forthcoming|next|"
    r"ahead\s+of|will|would|plans?\s+to|due\s+to)\b"
)
_PAST_CUES = re.compile(r"(?i)\b(?:last|earlier|previous|recent|ago|after\s+the|since\s+the|held|historic)\b")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a period after an abbreviation ("Mr.", "Fla.", "U.S.") ends none."""
    found: list[tuple[int, str]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group(0) and _ABBREVIATION.search(text[max(start, match.start() - 12) : match.start()]):
            continue
        _add(found, text, start, match.start())
        start = match.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[tuple[int, str]], text: str, start: int, end: int) -> None:
    raw = text[start:end]
    if raw.strip():
        found.append((start + len(raw) - len(raw.lstrip()), raw.strip()))


def _names(sentence: str) -> frozenset[str]:
    """Names in a sentence, each reduced to its last word ("Chinese President Xi Jinping" → chinese, jinping).

    Runs of capitalised words form one name; titles split runs; the first word of the sentence
    counts only when it is not a common word.
    """
    found: set[str] = set()
    run: list[str] = []

    def close() -> None:
        if run:
            found.add(run[-1])
            run.clear()

    for match in _TOKEN.finditer(sentence):
        word = match.group(0)
        lowered = re.sub(r"['’]s$", "", word.lower()).strip(".")
        if not word[0].isupper() or lowered in _NOT_NAMES:
            close()
        elif lowered in _TITLES:
            close()
        else:
            run.append(lowered.split("-")[-1] if "-" in lowered and lowered.split("-")[-1] else lowered)
    close()
    return frozenset(n for n in found if len(n) > 1)


def _events(sentence: str, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """(event key, start, end) of each word naming a happening in ``sentence``."""
    return [
        (lexicon.event_words[m.group(0).lower()], m.start(), m.end())
        for m in re.finditer(r"[A-Za-z]+", sentence)
        if m.group(0).lower() in lexicon.event_words
    ]


def find_happenings(text: str, timexes: tuple[Timex, ...], lexicon: Lexicon) -> tuple[Happening, ...]:
    """Happenings of a dated article: sentences with a happening word, names and a full date."""
    found: list[Happening] = []
    for start, sentence in _sentences(text):
        end = start + len(sentence) + 2
        dates = [t.value[:10] for t in timexes if start <= t.start < end and t.type == "DATE" and _FULL_DATE.match(t.value)]
        names = _names(sentence)
        if not dates or len(names) < MIN_SHARED_NAMES:
            continue
        for event in sorted({e for e, _, _ in _events(sentence, lexicon)}):
            found.append(Happening(event, names, dates[0], sentence))
    return tuple(found)


def find_clues(text: str, lexicon: Lexicon) -> tuple[DateClue, ...]:
    """Clues of an undated article: a happening word with names close by and a clear tense.

    Only the names near the word count ("Trump's scheduled summit with Chinese President Xi
    Jinping in Florida"), so a sentence that merely mentions countries and, elsewhere, "summits"
    is no clue. Cues next to the word decide its tense first ("scheduled", "potential", "last"),
    then the clause's tense.
    """
    found: list[DateClue] = []
    for start, sentence in _sentences(text):
        seen: set[str] = set()
        for event, s, e in _events(sentence, lexicon):
            if event in seen:
                continue
            before = sentence[max(0, s - _REACH) : s]
            after = sentence[e : e + _REACH]
            if s > _REACH:
                before = before.split(" ", 1)[-1]  # whole words only
            if e + _REACH < len(sentence):
                after = after.rsplit(" ", 1)[0]
            names = _names(before + " " + sentence[s:e] + " " + after)
            if len(names) < MIN_SHARED_NAMES:
                continue
            near_before = before[-30:]
            if _FUTURE_CUES.search(near_before):
                tense: str | None = "future"
            elif _PAST_CUES.search(near_before):
                tense = "past"
            else:
                tense = tense_near(text, start + s, start + e)
            if tense in ("future", "past"):
                seen.add(event)
                found.append(DateClue(event, names, "before" if tense == "future" else "after", sentence))
    return tuple(found)


def narrow(base: PublishedDate, matches: list[tuple[DateClue, Happening, str]]) -> PublishedDate:
    """Combine a document's own window with bounds from matched happenings (the tightest win)."""
    start, end = base.window_start, base.window_end
    reasons = [base.evidence] if base.evidence and base.basis is DateBasis.INFERRED else []
    for clue, happening, document_id in matches:
        if clue.relation == "before" and (end is None or happening.date < end):
            end = happening.date
        elif clue.relation == "after" and (start is None or happening.date > start):
            start = happening.date
        else:
            continue
        word = "on or before" if clue.relation == "before" else "on or after"
        reasons.append(
            f"it speaks of a {clue.event} ({', '.join(sorted(clue.names & happening.names))}) as "
            f"{'coming' if clue.relation == 'before' else 'past'}: '{_short(clue.sentence)}'; document "
            f"{document_id[:12]} dates it {happening.date}: '{_short(happening.sentence)}' → published {word} {happening.date}"
        )
    if start is not None and end is not None and start > end:
        return base  # contradictory evidence: keep what the text alone says
    if (start, end) == (base.window_start, base.window_end):
        return base
    return PublishedDate(DateBasis.INFERRED, None, start, end, "; ".join(reasons))


def _short(sentence: str, limit: int = 90) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


_CANDIDATES = 4  # best happenings kept per clue: enough to skip the article's own


def _best_happenings(conn: sqlite3.Connection, event: str, names: frozenset[str], shared: int, limit: int | None) -> list[sqlite3.Row]:
    """Happenings of this kind sharing at least ``shared`` names, best first (most names shared)."""
    return conn.execute(
        f"SELECT h.*, COUNT(*) AS shared FROM happening_names n "
        f"JOIN happenings h ON h.document_id = n.document_id AND h.seq = n.seq "
        f"WHERE n.name IN ({', '.join('?' * len(names))}) AND h.event = ? "
        f"GROUP BY h.document_id, h.seq HAVING shared >= ? ORDER BY shared DESC, h.document_id, h.seq"
        + (f" LIMIT {int(limit)}" if limit else ""),
        (*sorted(names), event, shared),
    ).fetchall()


def affected_by_new(conn: sqlite3.Connection) -> list[str]:
    """Undated documents whose window the documents not yet seen by this stage may change.

    Those are the new undated documents themselves, and the undated documents with a clue that a
    new happening could answer: same kind of event, enough names in common. Clues are compared
    once per distinct (event, names, relation), so the cost follows the clue table once, never
    the product of two name postings.
    """
    new = [row[0] for row in conn.execute(
        "SELECT id FROM documents WHERE dated_by_corpus = 0 AND base_basis IN ('unknown', 'inferred')"
    )]
    happenings: dict[str, set[frozenset[str]]] = {}
    for event, names in conn.execute(
        "SELECT DISTINCT h.event, h.names FROM happenings h JOIN documents d ON d.id = h.document_id WHERE d.dated_by_corpus = 0"
    ):
        happenings.setdefault(event, set()).add(frozenset(names.split()))
    if not happenings:
        return new
    answered: dict[tuple[str, str, str], bool] = {}
    affected = set(new)
    events = sorted(happenings)
    for doc_id, event, names, relation in conn.execute(
        f"SELECT document_id, event, names, relation FROM date_clues WHERE event IN ({', '.join('?' * len(events))})",
        events,
    ):
        key = (event, names, relation)
        if key not in answered:
            wanted = MIN_SHARED_NAMES if relation == "before" else MIN_SHARED_NAMES_PAST
            mine = frozenset(names.split())
            answered[key] = any(len(mine & theirs) >= wanted for theirs in happenings[event])
        if answered[key]:
            affected.add(doc_id)
    return sorted(affected)


def anchor_undated(conn: sqlite3.Connection, document_ids: list[str] | None = None) -> int:
    """Re-derive the windows of undated documents (all, or those given); return how many changed.

    Idempotent: each window is recomputed from the document's own evidence (kept apart in
    ``base_*`` columns) and the happenings stored now, so running it twice changes nothing.
    Candidates come from the name index, so the cost grows with the postings of a clue's names,
    not with the size of the corpus.
    """
    columns = "id, base_basis, base_start, base_end, base_evidence, published_start, published_end, published_evidence"
    if document_ids is None:
        undated = conn.execute(
            f"SELECT {columns} FROM documents WHERE base_basis IN ('unknown', 'inferred') ORDER BY seq"
        ).fetchall()
    else:
        # Read one at a time: a first build of a large corpus may pass every article here.
        undated = (
            row
            for doc_id in sorted(set(document_ids))
            for row in conn.execute(
                f"SELECT {columns} FROM documents WHERE id = ? AND base_basis IN ('unknown', 'inferred')", (doc_id,)
            ).fetchall()
        )
    changed = 0
    # Many articles speak of the same happening in the same words ("the Singapore summit"): the
    # best happenings for a clue are looked up once per run, not once per article.
    best: dict[tuple[str, frozenset[str], int], list[sqlite3.Row]] = {}
    for row in undated:
        base = PublishedDate(DateBasis(row["base_basis"]), None, row["base_start"], row["base_end"], row["base_evidence"])
        matches: list[tuple[DateClue, Happening, str]] = []
        for clue in conn.execute("SELECT * FROM date_clues WHERE document_id = ? ORDER BY seq", (row["id"],)).fetchall():
            names = frozenset(clue["names"].split())
            shared = MIN_SHARED_NAMES if clue["relation"] == "before" else MIN_SHARED_NAMES_PAST
            key = (clue["event"], names, shared)
            if key not in best:
                best[key] = _best_happenings(conn, clue["event"], names, shared, _CANDIDATES)
            found = [h for h in best[key] if h["document_id"] != row["id"]]
            if not found and len(best[key]) == _CANDIDATES:
                # Every one kept came from this very article: look past them.
                found = [h for h in _best_happenings(conn, clue["event"], names, shared, None) if h["document_id"] != row["id"]]
            hap = found[0] if found else None
            if hap is not None:
                matches.append((
                    DateClue(clue["event"], names, clue["relation"], clue["sentence"]),
                    Happening(hap["event"], frozenset(hap["names"].split()), hap["date"], hap["sentence"]),
                    hap["document_id"],
                ))
        result = narrow(base, matches)
        current = (row["published_start"], row["published_end"], row["published_evidence"])
        if (result.window_start, result.window_end, result.evidence) != current:
            conn.execute(
                "UPDATE documents SET published_basis = ?, published_start = ?, published_end = ?, published_evidence = ? "
                "WHERE id = ?",
                (result.basis.value, result.window_start, result.window_end, result.evidence, row["id"]),
            )
            changed += 1
    return changed
