"""Views: plain frozen records answering an analyst's questions from the store.

Each view takes an open SQLite connection to a store (``chronicle.store.connect``, read-only is
enough) and returns dataclasses; the CLI, the report and the exporters only format them::

    timeline(conn, dyad=("Shinzo Abe", "Donald Trump"))   # deduplicated events in date order
    dyad_summary(conn, "Abe", "Trump")                     # counts by period, type, quad; stated counts
    actor_profile(conn, "Abe")                             # names, roles, events, quotes
    source_comparison(conn)                                # outlets, shared events, differences
"""

from chronicle.views.actors import ActorProfile, actor_profile
from chronicle.views.dyads import ActorRef, CountCheck, DyadSummary, PeriodCount, dyad_summary
from chronicle.views.events import (
    Evidence,
    Participant,
    SourceDocument,
    StatedDuration,
    TimelineEvent,
    duration_words,
    load_events,
    timeline,
)
from chronicle.views.plover import PloverScale, load_plover_scale
from chronicle.views.sources import (
    EventVersion,
    OutletCoverage,
    SharedEvent,
    SourceComparison,
    outlet_name,
    source_comparison,
)

__all__ = [
    "ActorProfile",
    "ActorRef",
    "CountCheck",
    "DyadSummary",
    "EventVersion",
    "Evidence",
    "OutletCoverage",
    "Participant",
    "PeriodCount",
    "PloverScale",
    "SharedEvent",
    "SourceComparison",
    "SourceDocument",
    "StatedDuration",
    "TimelineEvent",
    "actor_profile",
    "duration_words",
    "dyad_summary",
    "load_events",
    "load_plover_scale",
    "outlet_name",
    "source_comparison",
    "timeline",
]
