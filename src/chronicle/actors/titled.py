"""Titles in a sentence: who "Prime Minister Shinzo Abe", "British Defence Secretary Tom King",
"the Japanese leader" or "the president of Armenia" names, and the names that follow titles and
sector words ("British militant Haroon Rashid Aswad")."""

from __future__ import annotations

from chronicle.actors.knowledge import Knowledge, organisation_actor, state_actor
from chronicle.actors.match import Hit
from chronicle.actors.names import slug
from chronicle.actors.proposal import NAME_PARTICLES, OF, SAXON, STOP, UNIQUE_OFFICES, Modifier, Proposal
from chronicle.actors.tables import Title
from chronicle.actors.text import DocumentView, SentenceView
from chronicle.models import Actor, ActorKind


class TitleRules:
    """The title rules of ``PhraseBuilder`` (which sees the same document and knowledge)."""

    view: DocumentView
    knowledge: Knowledge

    def _titled(self, sentence: SentenceView, title_hit: Hit, modifier: Modifier | None, start: int, by_start: dict[int, Hit]) -> list[Proposal]:
        """A title, with what precedes (a modifier) and what follows (a name, "of" + state)."""
        view = self.view
        title = title_hit.title
        if title is None:
            return []
        if self._inside_org(title_hit):
            return []  # "General Motors"
        if title_hit.plural:
            if modifier is None:
                return []
            actor = self._group(modifier, title.sector)
            return [Proposal(start, title_hit.last, sentence.index, actor, "demonym")] if actor else []
        if modifier is None:
            start = self._title_start(sentence, title_hit, by_start)
        end = title_hit.last
        role = " ".join(view.span(start, end).lower().split()) if modifier is None else title.phrase
        known = by_start.get(end)
        if known is None and end + 1 < sentence.last and view.pieces[end].text == ",":
            known = by_start.get(end + 1)  # "U.S. Secretary of State, Mike Pompeo,"
            if known is not None and (known.last >= sentence.last or view.pieces[known.last].text not in (",", ")")):
                known = None
        if known is not None and known.kind == "actor" and known.candidates[0].person is not None:
            candidate = known.candidates[0]
            return [Proposal(start, known.last, sentence.index, candidate.actor, candidate.how, title=title, person=candidate.person)]
        name_end = self._name_run(sentence, end, by_start)
        if name_end is not None:
            name = " ".join(view.span(end, name_end).split())
            country, sector = self._country_sector(modifier, title)
            actor = Actor(f"person:{slug(name)}", name, ActorKind.PERSON, country, sector, role)
            return [Proposal(start, name_end, sentence.index, actor, "name", title=title)]
        country = None
        last = end
        if modifier is None:
            tail = self._of_state(sentence, end, by_start)
            if tail is not None:
                country, last = tail
            elif not self._definite(sentence, start):
                return []
            elif end < sentence.last and view.pieces[end].text.lower() in OF:
                return []  # "the foreign minister of one Pacific island nation": someone else
        else:
            country = modifier.code
        if title.office not in UNIQUE_OFFICES:
            if modifier is None and country is None:
                return []
            group = self._group(modifier, title.sector) if modifier else state_actor(self.knowledge.states[country], title.sector)
            return [Proposal(start, last, sentence.index, group, "title")] if group else []
        if modifier is not None and modifier.org is not None:
            country = modifier.org.id
        return [Proposal(start, last, sentence.index, None, "title", title=title, country=country)]

    def _inside_org(self, hit: Hit) -> bool:
        """True when an ORG entity holds the hit's start and reaches past its end."""
        view = self.view
        if not view.parsed(hit.first) or view.token(hit.first).ent != "ORG":
            return False
        start, end = view.pieces[hit.first].start, view.pieces[hit.last - 1].end
        return any(e.label == "ORG" and e.start <= start < e.end and e.end > end for e in view.parse.entities)

    def _title_start(self, sentence: SentenceView, title_hit: Hit, by_start: dict[int, Hit]) -> int:
        """Extend a capitalised title leftwards over capitalised words: "Planning and Investment Minister"."""
        view = self.view
        start = title_hit.first
        if not view.pieces[start].text[:1].isupper():
            return start
        covered = {i for h in by_start.values() for i in range(h.first, h.last)}
        k = start - 1
        steps = 0
        while k >= sentence.first and steps < 4 and k not in covered:
            text = view.pieces[k].text
            if text[:1].isupper() and text.isalpha():
                start = k
            elif text in ("and", "&") and k - 1 >= sentence.first and view.pieces[k - 1].text[:1].isupper():
                pass
            else:
                break
            k -= 1
            steps += 1
        return start

    def _definite(self, sentence: SentenceView, start: int) -> bool:
        return start > sentence.first and self.view.pieces[start - 1].text.lower() in ("the", "his", "her", "its", "their")

    def _country_sector(self, modifier: Modifier | None, title: Title) -> tuple[str | None, str]:
        if modifier is None:
            return None, title.sector
        if modifier.org is not None:
            return None, "IGO" if not modifier.org.ngo else "NGO"
        return modifier.code, title.sector

    def _of_state(self, sentence: SentenceView, q: int, by_start: dict[int, Hit]) -> tuple[str, int] | None:
        """ "of [the] <state>" after a title or sector word: (state code, end piece)."""
        view = self.view
        if q >= sentence.last or view.pieces[q].text.lower() not in OF:
            return None
        q += 1
        if q < sentence.last and view.pieces[q].text.lower() == "the":
            q += 1
        hit = by_start.get(q)
        if hit is None or hit.kind != "actor":
            return None
        actor = hit.candidates[0].actor
        if actor.kind is not ActorKind.STATE or actor.sector not in (None, "GOV") or not actor.country:
            return None
        if self._inside_org(hit):
            return None  # "doctors from Baghdad University": the university, not Iraq
        return actor.country, hit.last

    def _name_run(self, sentence: SentenceView, q: int, by_start: dict[int, Hit]) -> int | None:
        """End piece of a personal name starting at ``q`` ("Tran Xuan Gia", "Kim Kye-gwan"), or None."""
        view = self.view
        if q >= sentence.last:
            return None
        if view.parsed(q):
            entity = view.entity_at.get(view.pieces[q].token)
            if entity is not None and view.parse.entities[entity].label == "PERSON" and view.pieces[q].start == view.parse.entities[entity].start:
                end = view.piece_ending(view.parse.entities[entity].end)
                if end is not None:
                    while end > q and view.pieces[end].text in SAXON:
                        end -= 1
                    return end + 1
        words = 0
        k = q
        while k < sentence.last and words < 5:
            text = view.pieces[k].text
            if k in by_start and by_start[k].kind in ("actor", "demonym", "title"):
                break
            if text[:1].isupper() and text.replace(".", "").isalpha() and text.lower() not in STOP:
                if view.parsed(k) and view.token(k).pos not in ("PROPN", "NOUN", "ADJ", "X"):
                    break
                words += 1
                k += 1
            elif text == "-" and words and k + 1 < sentence.last and view.glued(k - 1, k) and view.glued(k, k + 1):
                k += 2  # the rest of a hyphenated given name: "Kye-gwan"
            elif text.lower() in NAME_PARTICLES and words and k + 1 < sentence.last and view.pieces[k + 1].text[:1].isupper():
                k += 1
            else:
                break
        if words == 0:
            return None
        if words == 1 and view.parsed(q) and view.token(q).pos != "PROPN":
            return None
        return k

    def _named_member(
        self, sentence: SentenceView, start: int, heads: list[Hit], country: str | None, sector: str | None
    ) -> Proposal | None:
        """A sector word followed by a name: "British militant Haroon Rashid Aswad" (a person),
        "the opposition newspaper La Prensa" (an organisation, when the model says so)."""
        view = self.view
        end = heads[-1].last
        if heads[-1].plural or end >= sentence.last or not view.parsed(end):
            return None
        entity = view.entity_at.get(view.pieces[end].token)
        if entity is not None and view.parse.entities[entity].start == view.pieces[end].start:
            label = view.parse.entities[entity].label
        else:
            run = self._name_run(sentence, end, {})
            # without the model's word, only a run of two or more proper nouns is a name
            label = "PERSON" if run is not None and len(view.span(end, run).split()) >= 2 else ""
        if label not in ("PERSON", "ORG"):
            return None
        name_end = self._name_run(sentence, end, {}) if label == "PERSON" else view.piece_ending(view.parse.entities[entity].end)
        if name_end is None:
            return None
        if label == "ORG":
            name_end += 1
        name = " ".join(view.span(end, name_end).split())
        role = " ".join(view.span(heads[0].first, end).lower().split())
        if label == "PERSON":
            actor = Actor(f"person:{slug(name)}", name, ActorKind.PERSON, country, sector, role)
        else:
            actor = Actor(f"org:{slug(name)}", name, ActorKind.ORGANISATION, country, sector)
        return Proposal(start, name_end, sentence.index, actor, "name")

    def _group(self, modifier: Modifier, sector: str | None) -> Actor | None:
        if modifier.org is not None:
            return organisation_actor(modifier.org, None if sector == "GOV" else sector)
        if modifier.code in self.knowledge.states:
            return state_actor(self.knowledge.states[modifier.code], sector)
        return None
