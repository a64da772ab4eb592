"""What the phrase rules propose: spans naming actors (or descriptions still to resolve), and
the small word lists the rules share."""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.actors.tables import Organisation, Person, Title
from chronicle.models import Actor

# Function words that end a modifier's noun phrase ("Japanese and ...", "Japanese to ...").
STOP = frozenset(
    "a an the and or but nor of to in on at for with by from as that which who whom whose this these those "
    "is are was were be been being has have had do does did will would shall should can could may might must "
    "said says say told tells not no its his her their our your my it he she they we i you than then also".split()
)
NAME_PARTICLES = frozenset("bin ibn al el de del der da dos das du van von la le di".split())
OF = frozenset({"of", "in", "from"})
SAXON = frozenset({"'s", "'", "’s", "’"})
# Titles that name one office holder; others ("official", "diplomat") name a state's sector.
UNIQUE_OFFICES = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "igo_leader", "secretary_general", "leader"}
)
# "Leader" names whoever leads: head of government or of state, whichever the document shows.
GENERIC_LEADER = "leader"
# Offices of the titles table as the office-holders table names them.
OFFICE_HOLDERS = {"leader": ("head_of_government", "head_of_state"), "secretary_general": ("igo_leader",)}


@dataclass(frozen=True)
class Proposal:
    """A span of pieces ``[first, last)`` naming an actor, or a description still to resolve.

    ``actor`` is None for a description ("the prime minister"): ``title`` and ``country`` say what
    it describes. ``when`` holds the states one of which the document must name ("the North").
    """

    first: int
    last: int
    sentence: int
    actor: Actor | None
    how: str
    title: Title | None = None
    country: str | None = None
    person: Person | None = None
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Modifier:
    """What stands before a head word: a state (``code``), an organisation, or a person."""

    code: str | None  # state code
    sector: str | None  # a metonym's own sector ("the Pentagon" → MIL)
    org: Organisation | None  # IGO/NGO modifiers
    person: Person | None
    actor: Actor | None  # what the modifier names on its own
    how: str
