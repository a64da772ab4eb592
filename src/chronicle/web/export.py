"""Every list the web app shows, as CSV or JSON: plain rows of strings and numbers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence

from starlette.responses import Response

FORMATS = ("csv", "json")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def export_response(rows: Sequence[Mapping[str, object]], fmt: str, name: str) -> Response:
    """Return ``rows`` as a downloadable ``name.csv`` or ``name.json`` (``fmt`` is "csv" or "json")."""
    if fmt == "json":
        body = json.dumps(list(rows), ensure_ascii=False, indent=1, default=str)
        return Response(body, media_type="application/json", headers=_attachment(f"{name}.json"))
    return Response(to_csv(rows), media_type="text/csv; charset=utf-8", headers=_attachment(f"{name}.csv"))


def to_csv(rows: Sequence[Mapping[str, object]]) -> str:
    """Return ``rows`` as CSV text, lists joined with "; ".

    A cell that a spreadsheet would run as a formula (article text starting with "=", "+", "-" or
    "@") is prefixed with an apostrophe, so opening an export never executes text from an article.
    """
    buffer = io.StringIO()
    columns = list(rows[0].keys()) if rows else []
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(_cell(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def rows_of(items: Iterable[object], fields: Sequence[str]) -> list[dict[str, object]]:
    """Return the named attributes of each item as a row."""
    return [{f: getattr(item, f) for f in fields} for item in items]
