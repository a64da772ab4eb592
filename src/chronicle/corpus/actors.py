"""Corpus stage: one actor per real entity across documents.

The per-document resolver names actors it finds in the knowledge tables by their table ids, and
other names by a slug of the longest form the document uses ("person:tran-xuan-gia"). Across the
corpus two things remain to settle, and the store holds everything needed:

* the kind of a name the tables do not know: a general-purpose NER model calls the same name a
  person in one article and an organisation in another; the corpus's majority decides, and the
  evidence from tables or titles outweighs bare NER labels;
* a surname used alone in an article that never gives the full name ("Gia said") becomes the
  full-named actor when exactly one full name in the corpus ends with it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

_MERGEABLE = ("person", "org", "group")
_TABLES = ("actor_mentions", "event_actors", "stated_count_actors")


def reconcile_actors(conn: sqlite3.Connection) -> int:
    """Merge actor ids that name the same entity; return how many ids were merged away.

    Runs inside the caller's transaction.
    """
    merged = 0
    rows = conn.execute(
        "SELECT a.id, COUNT(m.seq) AS n, SUM(m.how != 'ner') AS strong FROM actors a "
        "LEFT JOIN actor_mentions m ON m.actor_id = a.id GROUP BY a.id"
    ).fetchall()
    by_slug: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for row in rows:
        prefix, _, slug = row["id"].partition(":")
        if prefix in _MERGEABLE and slug:
            by_slug[slug].append((row["id"], row["n"] or 0, row["strong"] or 0))
    for slug, ids in by_slug.items():
        if len(ids) < 2:
            continue
        keep = max(ids, key=lambda x: (x[2], x[1], x[0]))[0]
        for actor_id, _, _ in ids:
            if actor_id != keep:
                _remap(conn, actor_id, keep)
                merged += 1
    persons = [row["id"] for row in conn.execute("SELECT id FROM actors WHERE id LIKE 'person:%'")]
    full_by_last: dict[str, list[str]] = defaultdict(list)
    for actor_id in persons:
        parts = actor_id.split(":", 1)[1].split("-")
        if len(parts) > 1:
            full_by_last[parts[-1]].append(actor_id)
    for actor_id in persons:
        slug = actor_id.split(":", 1)[1]
        if "-" in slug:
            continue
        candidates = full_by_last.get(slug, [])
        if len(candidates) == 1:
            _remap(conn, actor_id, candidates[0])
            merged += 1
    return merged


def _remap(conn: sqlite3.Connection, old: str, new: str) -> None:
    for table in _TABLES:
        conn.execute(f"UPDATE {table} SET actor_id = ? WHERE actor_id = ?", (new, old))
    conn.execute("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", (new, old))
    conn.execute("DELETE FROM actors WHERE id = ?", (old,))
