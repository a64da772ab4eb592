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

from chronicle.actors.knowledge import Knowledge, organisation_actor, state_actor
from chronicle.actors.match import Hit
from chronicle.actors.proposal import SAXON, STOP, Modifier, Proposal
from chronicle.actors.tables import Title
from chronicle.actors.text import DocumentView, SentenceView
from chronicle.actors.titled import TitleRules
from chronicle.actors.names import slug
from chronicle.models import Actor, ActorKind

# Endings of English nouns for people ("officer", "adviser", "spokesman", "militant", "activist").
_AGENT_ENDINGS = ("er", "or", "ist", "man", "men", "ant", "ent", "ian", "ee", "ive", "ary")


class PhraseBuilder(TitleRules):
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

    def _modifier(self, hit: Hit) -> Modifier | None:
        if hit.kind == "demonym":
            return Modifier(hit.code, None, None, None, None, "demonym")
        if hit.kind != "actor":
            return None
        candidate = hit.candidates[0]
        actor = candidate.actor
        if candidate.person is not None or actor.kind is ActorKind.PERSON:
            return Modifier(actor.country, None, None, candidate.person, actor, candidate.how)
        if actor.kind is ActorKind.STATE or (actor.id.startswith("state:") and actor.country):
            sector = actor.sector if actor.sector not in (None, "GOV") else None
            return Modifier(actor.country, sector, None, None, actor, candidate.how)
        if actor.id.startswith(("igo:", "ngo:")):
            org = self.knowledge.organisations.get(actor.id.split(":", 1)[1].split(".")[0])
            return Modifier(None, None, org, None, actor, candidate.how)
        return Modifier(actor.country, actor.sector, None, None, actor, candidate.how)

    def _modified(self, sentence: SentenceView, hit: Hit, modifier: Modifier, by_start: dict[int, Hit]) -> list[Proposal]:
        """A modifier followed by titles or sector words ("Japanese Prime Minister Shinzo Abe")."""
        view = self.view
        q = hit.last
        possessive = q < sentence.last and view.pieces[q].text in SAXON
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

    def _skip_middles(self, sentence: SentenceView, q: int, possessive: bool, by_start: dict[int, Hit]) -> int:
        """Skip up to three adjectives between a modifier and its head ("chief nuclear envoy")."""
        view = self.view
        for _ in range(3):
            if q >= sentence.last or q in by_start:
                return q
            text = view.pieces[q].text
            if not text.isalpha() or text.lower() in STOP:
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

    def _alone(self, sentence: SentenceView, hit: Hit, modifier: Modifier, by_start: dict[int, Hit]) -> list[Proposal]:
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
        governor = view.parse.tokens[token.head]
        return governor.pos == "NOUN" or governor.tag == "NNPS"  # "an Indian proposal", "Iraqi Kurds"

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

    def _sector_of_state(self, sentence: SentenceView, hit: Hit, by_start: dict[int, Hit]) -> list[Proposal]:
        """ "Security forces in Guinea", "Rebels in the Ivory Coast", "officials at the UN",
        "students at Cumhuriyet University"."""
        if hit.sector is None:
            return []
        tail = self._of_state(sentence, hit.last, by_start)
        if tail is not None:
            code, last = tail
            actor = state_actor(self.knowledge.states[code], hit.sector)
            return [Proposal(hit.first, last, sentence.index, actor, "name")]
        return self._sector_of_organisation(sentence, hit, by_start)

    def _sector_of_organisation(self, sentence: SentenceView, hit: Hit, by_start: dict[int, Hit]) -> list[Proposal]:
        view = self.view
        q = hit.last
        if q + 1 >= sentence.last or view.pieces[q].text.lower() not in ("of", "at", "from", "in"):
            return []
        q += 1
        if view.pieces[q].text.lower() == "the" and q + 1 < sentence.last:
            q += 1
        known = by_start.get(q)
        if known is not None and known.kind == "actor" and known.candidates[0].actor.id.startswith(("igo:", "ngo:")):
            org = self.knowledge.organisations.get(known.candidates[0].actor.id.split(":", 1)[1].split(".")[0])
            if org is None:
                return []
            actor = organisation_actor(org, None if hit.sector in ("GOV", org.sector) else hit.sector)
            return [Proposal(hit.first, known.last, sentence.index, actor, "name")]
        if not view.parsed(q):
            return []
        entity = view.entity_at.get(view.pieces[q].token)
        if entity is None or view.parse.entities[entity].label != "ORG":
            return []
        end = view.piece_ending(view.parse.entities[entity].end)
        if end is None or end < q:
            return []
        name = " ".join(view.span(q, end + 1).split())
        inside = [h for h in by_start.values() if q <= h.first and h.last <= end + 1 and h.kind in ("actor", "demonym")]
        country = next((h.code or h.candidates[0].actor.country for h in inside if (h.code or h.candidates[0].actor.country)), None)
        actor = Actor(f"org:{slug(name)}.{hit.sector}", f"{name} ({hit.sector})", ActorKind.GROUP, country, hit.sector)
        return [Proposal(hit.first, end + 1, sentence.index, actor, "name")]

