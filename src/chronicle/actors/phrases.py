"""Noun phrases built around table hits: who a title, a sector word or a demonym points to.

Patterns, within one sentence:

- modifier + title + name: "Japanese Prime Minister Shinzo Abe", "U.S. Secretary of State Mike
  Pompeo", "British Defence Secretary Tom King" (a person, known or new);
- title + name: "President Trump", "Planning and Investment Minister Tran Xuan Gia";
- modifier + title: "the Japanese leader", "Montenegro's prime minister" (a description, resolved
  later against office holders and earlier mentions); title + "of" + state: "president of Armenia";
- modifier + sector words: "Turkish police", "the Sudanese government", "Afghan rebel leaders",
  "UN peacekeepers"; sector words + "in"/"of" + state: "Security forces in Guinea";
- demonyms standing for their state ("the Japanese said") or people ("Palestinians").

A modifier is a state's name, demonym, capital or institution, an IGO, or a person for their
government ("the Trump administration").
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.actors.knowledge import Candidate, Knowledge, organisation_actor, person_actor, state_actor
from chronicle.actors.match import Hit
from chronicle.actors.names import slug
from chronicle.actors.tables import Person, Title
from chronicle.actors.text import DocumentView, SentenceView
from chronicle.models import Actor, ActorKind

# Function words that end a modifier's noun phrase ("Japanese and ...", "Japanese to ...").
_STOP = frozenset(
    "a an the and or but nor of to in on at for with by from as that which who whom whose this these those "
    "is are was were be been being has have had do does did will would shall should can could may might must "
    "said says say told tells not no its his her their our your my it he she they we i you than then also".split()
)
# Endings of English nouns for people ("officer", "adviser", "spokesman", "militant", "activist").
_AGENT_ENDINGS = ("er", "or", "ist", "man", "men", "ant", "ent", "ian", "ee", "ive", "ary")
_NAME_PARTICLES = frozenset("bin ibn al el de del der da dos das du van von la le di".split())
_OF = frozenset({"of", "in", "from"})
_SAXON = frozenset({"'s", "'", "’s", "’"})
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
    plural: bool = False


@dataclass(frozen=True)
class _Modifier:
    code: str | None  # state code
    sector: str | None  # a metonym's own sector ("the Pentagon" → MIL)
    org: object | None  # an Organisation for IGO/NGO modifiers
    person: Person | None
    actor: Actor | None  # what the modifier names on its own
    how: str


class PhraseBuilder:
    """Turns one sentence's hits into proposals."""

    def __init__(self, view: DocumentView, knowledge: Knowledge) -> None:
        self.view = view
        self.knowledge = knowledge

    # ------------------------------------------------------------------ entry point

    def proposals(self, sentence: SentenceView, hits: list[Hit]) -> list[Proposal]:
        """Proposals for one sentence, left to right, not overlapping."""
        out: list[Proposal] = []
        by_start = {h.first: h for h in hits}
        k = 0
        while k < len(hits):
            hit = hits[k]
            made = self._from_hit(sentence, hit, by_start)
            if made:
                out.extend(made)
                end = max(p.last for p in made)
                while k < len(hits) and hits[k].first < end:
                    k += 1
            else:
                k += 1
        return out

    def _from_hit(self, sentence: SentenceView, hit: Hit, by_start: dict[int, Hit]) -> list[Proposal]:
        if hit.kind in ("demonym", "people") and hit.first > sentence.first:
            if self.view.pieces[hit.first - 1].text.lower() == "ethnic":
                return []  # "ethnic Albanians" in Macedonia are not Albania
        modifier = self._modifier(hit)
        if modifier is not None:
            made = self._modified(sentence, hit, modifier, by_start)
            if made:
                return made
            return self._alone(sentence, hit, modifier, by_start)
        if hit.kind == "title":
            return self._titled(sentence, hit, None, hit.first, by_start)
        if hit.kind == "sector":
            return self._sector_of_state(sentence, hit, by_start)
        if hit.kind == "people":
            actor = state_actor(self.knowledge.states[hit.code], "CVL")
            return [Proposal(hit.first, hit.last, sentence.index, actor, "demonym")]
        if hit.kind == "contextual":
            contextual = next(c for c in self.knowledge.contextual.values() if c.code == hit.code)
            actor = state_actor(self.knowledge.states[hit.code])
            return [Proposal(hit.first, hit.last, sentence.index, actor, "alias", when=contextual.when)]
        return []

    # ------------------------------------------------------------------ modifiers

    def _modifier(self, hit: Hit) -> _Modifier | None:
        if hit.kind == "demonym":
            return _Modifier(hit.code, None, None, None, None, "demonym")
        if hit.kind != "actor":
            return None
        candidate = hit.candidates[0]
        actor = candidate.actor
        if candidate.person is not None or actor.kind is ActorKind.PERSON:
            return _Modifier(actor.country, None, None, candidate.person, actor, candidate.how)
        if actor.kind is ActorKind.STATE or (actor.id.startswith("state:") and actor.country):
            sector = actor.sector if actor.sector not in (None, "GOV") else None
            return _Modifier(actor.country, sector, None, None, actor, candidate.how)
        if actor.id.startswith(("igo:", "ngo:")):
            org = self.knowledge.organisations.get(actor.id.split(":", 1)[1].split(".")[0])
            return _Modifier(None, None, org, None, actor, candidate.how)
        return _Modifier(actor.country, actor.sector, None, None, actor, candidate.how)

    def _modified(self, sentence: SentenceView, hit: Hit, modifier: _Modifier, by_start: dict[int, Hit]) -> list[Proposal]:
        """A modifier followed by titles or sector words ("Japanese Prime Minister Shinzo Abe")."""
        view = self.view
        q = hit.last
        possessive = q < sentence.last and view.pieces[q].text in _SAXON
        if possessive:
            q += 1
        q = self._skip_middles(sentence, q, possessive, by_start)
        heads = self._heads(sentence, q, by_start)
        if not heads:
            return []
        if modifier.person is not None:
            # "the Trump administration": a person's name for their government.
            if heads[0].kind == "sector" and heads[0].sector == "GOV" and modifier.code in self.knowledge.states:
                actor = state_actor(self.knowledge.states[modifier.code], "GOV")
                return [Proposal(hit.first, heads[-1].last, sentence.index, actor, "metonymy")]
            return []
        titles = [h for h in heads if h.kind == "title" and not h.plural]
        if titles:
            title_hit = titles[0]
            if heads[0].kind == "sector" and title_hit.title is not None:
                # "Afghan rebel leader": a leader of the rebels, not of Afghanistan.
                words = view.span(heads[0].first, title_hit.last).lower()
                title_hit = Hit(title_hit.first, title_hit.last, "title", title=Title(words, "official", heads[0].sector))
            return self._titled(sentence, title_hit, modifier, hit.first, by_start)
        sector = heads[0].title.sector if heads[0].kind == "title" else heads[0].sector
        if modifier.sector and sector == "GOV":
            sector = modifier.sector  # "Pentagon officials" are military
        named = self._named_member(sentence, hit.first, heads, modifier.code, sector)
        if named is not None:
            return [named]
        if self._modifies_thing(heads[-1]):
            return []
        actor = self._group(modifier, sector)
        if actor is None:
            return []
        return [Proposal(hit.first, heads[-1].last, sentence.index, actor, "demonym" if modifier.how == "demonym" else "name")]

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
        return Proposal(start, name_end, sentence.index, actor, "title")

    def _modifies_thing(self, head: Hit) -> bool:
        """True when a sector word only qualifies another noun: "missile programme", "military
        exercises". A qualified noun that is the clause's subject still acts for the sector
        ("Israeli army bulldozers demolished ...")."""
        view = self.view
        if not view.parsed(head.last - 1):
            return False
        token = view.token(head.last - 1)
        if token.dep not in ("compound", "amod", "nmod") or token.head <= token.i:
            return False
        governor = view.parse.tokens[token.head]
        if governor.pos not in ("NOUN", "PROPN") or governor.dep in ("nsubj", "nsubjpass"):
            return False
        # "army officers", "civilian advisers": nouns for people still name the sector's members
        return not governor.lemma.lower().endswith(_AGENT_ENDINGS)

    def _group(self, modifier: _Modifier, sector: str | None) -> Actor | None:
        if modifier.org is not None:
            return organisation_actor(modifier.org, None if sector == "GOV" else sector)
        if modifier.code in self.knowledge.states:
            return state_actor(self.knowledge.states[modifier.code], sector)
        return None

    def _skip_middles(self, sentence: SentenceView, q: int, possessive: bool, by_start: dict[int, Hit]) -> int:
        """Skip up to three adjectives between a modifier and its head ("chief nuclear envoy")."""
        view = self.view
        for _ in range(3):
            if q >= sentence.last or q in by_start:
                return q
            text = view.pieces[q].text
            if not text.isalpha() or text.lower() in _STOP:
                return q
            token = view.token(q)
            if view.parsed(q):
                if token.pos not in ("ADJ", "NOUN", "PROPN") or token.dep in ("nsubj", "dobj", "ROOT"):
                    return q
            elif text[0].isupper() and not possessive:
                return q
            q += 1
        return q

    def _heads(self, sentence: SentenceView, q: int, by_start: dict[int, Hit]) -> list[Hit]:
        """Consecutive title/sector hits starting at piece ``q``."""
        heads: list[Hit] = []
        while q < sentence.last and q in by_start and by_start[q].kind in ("title", "sector"):
            heads.append(by_start[q])
            if by_start[q].kind == "title" and not by_start[q].plural:
                break  # a singular title is followed by a name, not by more heads
            q = by_start[q].last
        return heads

    def _alone(self, sentence: SentenceView, hit: Hit, modifier: _Modifier, by_start: dict[int, Hit]) -> list[Proposal]:
        """A modifier with no head: a name on its own, or a demonym standing for its state."""
        if hit.kind == "actor":
            candidate = hit.candidates[0]
            return [Proposal(hit.first, hit.last, sentence.index, candidate.actor, candidate.how, person=candidate.person)]
        state = self.knowledge.states.get(modifier.code or "")
        if state is None:
            return []
        shared = self._coordinated_sector(sentence, hit, by_start)
        if shared is not None:
            return [Proposal(hit.first, hit.last, sentence.index, state_actor(state, shared or None), "demonym")]
        if self._language(sentence, hit):
            return []
        if self._demonym_is_head(sentence, hit) or self._after_demonym(sentence, hit, by_start):
            return [Proposal(hit.first, hit.last, sentence.index, state_actor(state), "demonym")]
        if self._qualifies_noun(hit):
            # "an Indian proposal", "a North Korean provocation": the state whose proposal it is
            return [Proposal(hit.first, hit.last, sentence.index, state_actor(state), "demonym")]
        return []

    def _language(self, sentence: SentenceView, hit: Hit) -> bool:
        """ "in French", "Chinese-language", "Spanish speakers": a language, not a state."""
        view = self.view
        before = view.pieces[hit.first - 1].text.lower() if hit.first > sentence.first else ""
        after = [view.pieces[k].text.lower() for k in range(hit.last, min(hit.last + 2, sentence.last))]
        return before == "in" or (after[:1] == ["-"] and after[1:2] == ["language"]) or after[:1] in (
            ["language"], ["speaking"], ["speakers"], ["translation"])

    def _qualifies_noun(self, hit: Hit) -> bool:
        view = self.view
        if not view.parsed(hit.first):
            return False
        token = view.token(hit.last - 1)
        if token.dep not in ("amod", "compound", "nmod") or token.head <= token.i:
            return False
        return view.parse.tokens[token.head].pos == "NOUN"

    def _coordinated_sector(self, sentence: SentenceView, hit: Hit, by_start: dict[int, Hit]) -> str | None:
        """The sector a coordinated demonym shares: "Hungarian and Romanian officials" → GOV."""
        q = hit.last
        view = self.view
        if q >= sentence.last or view.pieces[q].text.lower() not in ("and", "or", ","):
            return None
        nxt = by_start.get(q + 1)
        if nxt is None or self._modifier(nxt) is None or nxt.kind not in ("demonym", "actor"):
            return None
        heads = self._heads(sentence, self._skip_middles(sentence, nxt.last, False, by_start), by_start)
        if not heads:
            # "the Turkish and Greek sides": two demonyms, two states
            return "" if nxt.kind == "demonym" else None
        return heads[0].title.sector if heads[0].kind == "title" else heads[0].sector

    def _after_demonym(self, sentence: SentenceView, hit: Hit, by_start: dict[int, Hit]) -> bool:
        """True for the second of two coordinated demonyms ("Turkish and Greek")."""
        k = hit.first - 1
        if k <= sentence.first or self.view.pieces[k].text.lower() not in ("and", "or", ","):
            return False
        return any(h.kind == "demonym" and h.last == k for h in by_start.values())

    def _demonym_is_head(self, sentence: SentenceView, hit: Hit) -> bool:
        view = self.view
        if not view.parsed(hit.first):
            return False
        token = view.token(hit.last - 1)
        return token.dep not in ("amod", "compound", "nmod", "poss") and token.pos in ("PROPN", "NOUN")

    # ------------------------------------------------------------------ titles

    def _titled(self, sentence: SentenceView, title_hit: Hit, modifier: _Modifier | None, start: int, by_start: dict[int, Hit]) -> list[Proposal]:
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
            return [Proposal(start, name_end, sentence.index, actor, "title", title=title)]
        country = None
        last = end
        if modifier is None:
            tail = self._of_state(sentence, end, by_start)
            if tail is not None:
                country, last = tail
            elif not self._definite(sentence, start):
                return []
            elif end < sentence.last and view.pieces[end].text.lower() in _OF:
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

    def _country_sector(self, modifier: _Modifier | None, title: Title) -> tuple[str | None, str]:
        if modifier is None:
            return None, title.sector
        if modifier.org is not None:
            return None, "IGO" if not modifier.org.ngo else "NGO"
        return modifier.code, title.sector

    def _of_state(self, sentence: SentenceView, q: int, by_start: dict[int, Hit]) -> tuple[str, int] | None:
        """ "of [the] <state>" after a title or sector word: (state code, end piece)."""
        view = self.view
        if q >= sentence.last or view.pieces[q].text.lower() not in _OF:
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
        return actor.country, hit.last

    def _sector_of_state(self, sentence: SentenceView, hit: Hit, by_start: dict[int, Hit]) -> list[Proposal]:
        """ "Security forces in Guinea", "Rebels in the Ivory Coast"."""
        tail = self._of_state(sentence, hit.last, by_start)
        if tail is None or hit.sector is None:
            return []
        code, last = tail
        actor = state_actor(self.knowledge.states[code], hit.sector)
        return [Proposal(hit.first, last, sentence.index, actor, "name")]

    # ------------------------------------------------------------------ names

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
                    while end > q and view.pieces[end].text in _SAXON:
                        end -= 1
                    return end + 1
        words = 0
        k = q
        while k < sentence.last and words < 5:
            text = view.pieces[k].text
            if k in by_start and by_start[k].kind in ("actor", "demonym", "title"):
                break
            if text[:1].isupper() and text.replace(".", "").isalpha() and text.lower() not in _STOP:
                if view.parsed(k) and view.token(k).pos not in ("PROPN", "NOUN", "ADJ", "X"):
                    break
                words += 1
                k += 1
            elif text == "-" and words and k + 1 < sentence.last and view.glued(k - 1, k) and view.glued(k, k + 1):
                k += 2  # the rest of a hyphenated given name: "Kye-gwan"
            elif text.lower() in _NAME_PARTICLES and words and k + 1 < sentence.last and view.pieces[k + 1].text[:1].isupper():
                k += 1
            else:
                break
        if words == 0:
            return None
        if words == 1 and view.parsed(q) and view.token(q).pos != "PROPN":
            return None
        return k
