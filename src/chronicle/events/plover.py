"""Event mentions as PLOVER records: the record's event type and mode for one mention.

Chronicle keeps what a sentence says happened apart from when and whether it happened (a
planned meeting is a CONSULT with status "planned"). A PLOVER record codes intent in the type
instead: an announced or offered cooperative action is an AGREE and an announced or conditional
conflictual one a THREATEN (rules in ``grammar.toml``, [plover]); a negated mention is no record.
"""

from __future__ import annotations

from chronicle.events.lexicon import EventLexicon
from chronicle.models import EventMention, EventStatus


def plover_type(event: EventMention, lexicon: EventLexicon) -> str | None:
    """The PLOVER event type of the record ``event`` codes to; None for a negated mention."""
    if event.status == EventStatus.NEGATED:
        return None
    if event.status in (EventStatus.PLANNED, EventStatus.HYPOTHETICAL):
        return lexicon.grammar.plover_intent.get(event.type, event.type)
    return event.type


def plover_mode(event: EventMention, lexicon: EventLexicon) -> str | None:
    """The PLOVER mode of the record: the mention's mode when the type is unchanged and the mode
    is one PLOVER defines (Chronicle's own "meeting" mode is left out)."""
    if plover_type(event, lexicon) != event.type or event.mode in lexicon.grammar.local_modes:
        return None
    return event.mode
