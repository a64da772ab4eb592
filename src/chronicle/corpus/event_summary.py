"""An event's row, summarised from its member mentions: the best date, the mode, context and
location most members give, every duration the sources state, and where they disagree."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable

from chronicle.corpus.event_dates import DAY_GRANULARITIES, FULL_DATE


_GRANULARITY_RANK = {"time": 5, "day": 5, "week": 3, "month": 2, "year": 1}


def summarise_event(conn: sqlite3.Connection, event_id: int) -> None:
    """Recompute an event's row (mode, best date, durations, location, disagreements) from its members."""
    rows = conn.execute(
        "SELECT e.*, d.publisher FROM event_members em JOIN event_mentions e ON e.id = em.mention_id "
        "JOIN documents d ON d.id = e.document_id WHERE em.event_id = ? ORDER BY d.seq, e.seq",
        (event_id,),
    ).fetchall()
    if not rows:
        conn.execute("DELETE FROM event_blocks WHERE event_id = ?", (event_id,))
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return
    best = max(rows, key=_date_rank)
    dated = best["date_value"] is not None and best["date_basis"] != "unknown"
    durations: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for row in rows:
        if row["duration_value"]:
            durations[(row["duration_value"], row["duration_qualifier"])].append(row["id"])
    stated_days = defaultdict(list)
    for row in rows:
        if row["date_basis"] == "timex" and row["date_granularity"] in DAY_GRANULARITIES and FULL_DATE.match(row["date_value"] or ""):
            stated_days[row["date_value"][:10]].append(row["document_id"])
    disagreements: dict[str, list[dict[str, object]]] = {}
    if len(durations) > 1:
        disagreements["duration"] = [
            {"value": value, "qualifier": qualifier, "mentions": ids} for (value, qualifier), ids in durations.items()
        ]
    if len(stated_days) > 1:
        disagreements["date"] = [{"value": day, "documents": sorted(set(docs))} for day, docs in sorted(stated_days.items())]
    conn.execute(
        "UPDATE events SET mode = ?, context = ?, date_value = ?, date_granularity = ?, date_basis = ?, date_certain = ?, "
        "durations = ?, location = ?, disagreements = ?, members = ?, documents = ? WHERE id = ?",
        (
            _most_common(row["mode"] for row in rows),
            _most_common(row["context"] for row in rows),
            best["date_value"] if dated else None,
            best["date_granularity"] if dated else None,
            best["date_basis"] if dated else "unknown",
            int(best["date_certain"]) if dated else 0,
            json.dumps(
                [{"value": v, "qualifier": q, "mentions": ids} for (v, q), ids in durations.items()], ensure_ascii=False
            ),
            _most_common(row["location"] for row in rows),
            json.dumps(disagreements, ensure_ascii=False),
            len(rows),
            len({row["document_id"] for row in rows}),
            event_id,
        ),
    )


def _date_rank(row: sqlite3.Row) -> tuple[int, int, int, int]:
    """A fully stated date beats the publication date, which beats a date with unknown parts."""
    value, basis = row["date_value"] or "", row["date_basis"]
    if not value or basis == "unknown":
        return (0, 0, 0, 0)
    if basis == "document":
        return (2, 0, 0, 0)
    if "X" in value:
        # "XXXX-05" still says something; "XXXX-WXX" (some week) does not.
        return (1, 0, 0, 0) if re.search(r"\d", value) else (0, 0, 0, 0)
    return (3, _GRANULARITY_RANK.get(row["date_granularity"] or "", 0), int(row["date_certain"]), 0)


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
