"""Chart specifications for plotly.js (served from the installed ``plotly`` package, never a CDN).

Each function returns a plain plotly.js figure (``data`` and ``layout``); the page embeds it as JSON
and ``static/charts.js`` draws it. Labels are data, never HTML: plotly.js sets them as text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources

from chronicle.errors import ChronicleError

_LAYOUT = {
    "barmode": "stack",
    "height": 260,
    "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
    "legend": {"orientation": "h", "y": -0.25},
    "xaxis": {"type": "category"},
}


def timeline_figure(rows: Sequence[tuple[str, str, int]]) -> dict[str, object]:
    """Return a stacked bar chart of events per month, one trace per PLOVER type.

    ``rows`` are (month ``YYYY-MM``, type, events), as ``data.monthly_counts`` returns them.
    """
    months = sorted({m for m, _, _ in rows})
    by_type: dict[str, dict[str, int]] = defaultdict(dict)
    for month, etype, n in rows:
        by_type[etype][month] = n
    totals = sorted(by_type, key=lambda t: -sum(by_type[t].values()))
    data = [
        {"type": "bar", "name": t, "x": months, "y": [by_type[t].get(m, 0) for m in months], "hovertemplate": "%{x}: %{y}"}
        for t in totals
    ]
    return {"data": data, "layout": _LAYOUT}


@cache
def plotly_js() -> bytes:
    """Return the plotly.js bundle shipped inside the installed ``plotly`` Python package.

    Raises:
        ChronicleError: the ``plotly`` package is not installed or carries no bundle.
    """
    try:
        return resources.files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ChronicleError("plotly is not installed: charts need it (pip install plotly)") from exc
