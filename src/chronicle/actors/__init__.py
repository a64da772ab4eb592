"""Actors stage: who is named in a document, resolved to canonical actors.

Needs: a ``Parse`` of the clean text (language stage). Adds: ``ActorMention`` records, each with
its ``Actor`` and how it was resolved. The knowledge (states, IGOs, office holders, sector words,
titles, and the user's own actors file) is loaded once with ``load_knowledge``; id conventions are
documented in ``chronicle.actors.knowledge``.
"""

from chronicle.actors.knowledge import Candidate, Knowledge, load_knowledge
from chronicle.actors.needs import entity_sentence_filter
from chronicle.actors.resolve import find_actor_mentions
from chronicle.actors.tables import Contextual, Organisation, Person, Role, State, Title

__all__ = [
    "Candidate",
    "Contextual",
    "Knowledge",
    "Organisation",
    "Person",
    "Role",
    "State",
    "Title",
    "entity_sentence_filter",
    "find_actor_mentions",
    "load_knowledge",
]
