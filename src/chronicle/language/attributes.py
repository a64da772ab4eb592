"""Coarse part of speech and lemmas, computed from the model's own attribute rules, with a cache.

spaCy's small English pipeline assigns the coarse part of speech with an attribute ruler (a
Matcher over some 180 token patterns) and lemmas with a rule lemmatizer, both run token by token
and together a third of the pipeline's time. News text repeats the same (word, tag, dependency)
triples endlessly, so Chronicle evaluates the same single-token patterns, read from the loaded
model, once per distinct (word, tag, dependency) and remembers the answer. Multi-token patterns (colloquial
contractions such as "gonna") are not applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class _Rule:
    order: int
    checks: tuple[tuple[str, str, frozenset[str] | str], ...]  # (attribute, "is"/"in"/"not_in", value)
    pos: str | None
    lemma: str | None
    morph: str | None


@dataclass
class TokenAttributes:
    """Assigns ``pos_`` and ``lemma_`` to parsed spaCy tokens as the model's own components would."""

    lemmatizer: Any
    by_lower: dict[str, list[_Rule]]
    by_tag: dict[str, list[_Rule]]
    general: list[_Rule]
    cache: dict[tuple[str, str, str], tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_pipeline(cls, nlp: Any) -> "TokenAttributes":
        """Read the attribute ruler's single-token patterns of ``nlp`` (a spaCy pipeline)."""
        by_lower: dict[str, list[_Rule]] = {}
        by_tag: dict[str, list[_Rule]] = {}
        general: list[_Rule] = []
        ruler = nlp.get_pipe("attribute_ruler")
        for order, entry in enumerate(ruler.patterns):
            attrs = entry["attrs"]
            for pattern in entry["patterns"]:
                if len(pattern) != 1:
                    continue
                checks = []
                for key, value in pattern[0].items():
                    if isinstance(value, dict):
                        op, values = next(iter(value.items()))
                        if op not in ("IN", "NOT_IN"):
                            break
                        checks.append((key, op.lower(), frozenset(values)))
                    else:
                        checks.append((key, "is", value))
                else:
                    rule = _Rule(order, tuple(checks), attrs.get("POS"), attrs.get("LEMMA"), attrs.get("MORPH"))
                    lower = next((v for k, op, v in checks if k == "LOWER" and op == "is"), None)
                    tag = next((v for k, op, v in checks if k == "TAG" and op == "is"), None)
                    if isinstance(lower, str):
                        by_lower.setdefault(lower, []).append(rule)
                    elif isinstance(tag, str):
                        by_tag.setdefault(tag, []).append(rule)
                    else:
                        general.append(rule)
        return cls(nlp.get_pipe("lemmatizer"), by_lower, by_tag, general)

    def assign(self, token: Any) -> tuple[str, str]:
        """Return (coarse POS, lemma) for a tagged and parsed spaCy token."""
        key = (token.text, token.tag_, token.dep_)
        found = self.cache.get(key)
        if found is None:
            found = self._compute(token)
            self.cache[key] = found
        return found

    def _compute(self, token: Any) -> tuple[str, str]:
        values = {"LOWER": token.lower_, "TAG": token.tag_, "DEP": token.dep_, "IS_SPACE": token.is_space}
        rules = sorted(
            [*self.by_lower.get(token.lower_, ()), *self.by_tag.get(token.tag_, ()), *self.general],
            key=lambda r: r.order,
        )
        pos, lemma, morph = "X", None, None
        for rule in rules:
            if all(_check(values[k], op, v) for k, op, v in rule.checks if k in values):
                pos = rule.pos or pos
                lemma = rule.lemma or lemma
                morph = rule.morph or morph
        if lemma is None:
            token.pos_ = pos
            if morph and morph != "_":
                token.set_morph(morph)
            lemma = self.lemmatizer.rule_lemmatize(token)[0]
        return pos, lemma


def _check(actual: object, op: str, expected: object) -> bool:
    if op == "is":
        return actual == expected
    if op == "in":
        return actual in expected  # type: ignore[operator]
    return actual not in expected  # type: ignore[operator]
