"""Coreference scorers of the CoNLL-2012 shared task: MUC, B³, CEAF-e and their mean, the CoNLL F1.

A clustering is a mapping from mention id to cluster id; ``key`` is the gold clustering and
``response`` the system's. Singletons count: a mention alone in its cluster is an entity for B³
and CEAF-e (MUC, being link-based, gives it no weight). A mention present on one side only (a
"twinless" mention) is handled as the reference scorer does: it is its own part when a cluster of
the other side is partitioned (MUC), and it shares nothing with the other side (B³, CEAF-e).

Definitions (Vilain et al. 1995; Bagga and Baldwin 1998; Luo 2005; Pradhan et al. 2014):

* MUC recall = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), with p(K) the parts the response cuts key
  cluster K into; precision swaps key and response.
* B³ recall = Σ_K Σ_R |K∩R|² / |K| over all key mentions; precision swaps the sides.
* CEAF-e aligns key and response clusters one to one, maximising Σ φ4 with
  φ4(K, R) = 2|K∩R| / (|K| + |R|); recall = Σφ4 / #key clusters, precision = Σφ4 / #response clusters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["CorefScore", "Prf", "b_cubed", "ceaf_e", "conll_f1", "muc", "score_clusterings"]

Clustering = Mapping[Hashable, Hashable]


@dataclass(frozen=True)
class Prf:
    """Precision, recall and their harmonic mean F1 (all in [0, 1])."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class CorefScore:
    """The three CoNLL metrics of one response against one key, and their mean F1."""

    muc: Prf
    b_cubed: Prf
    ceaf_e: Prf

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def as_dict(self) -> dict[str, object]:
        return {
            "muc": self.muc.as_dict(),
            "b_cubed": self.b_cubed.as_dict(),
            "ceaf_e": self.ceaf_e.as_dict(),
            "conll_f1": self.conll_f1,
        }


def _clusters(clustering: Clustering) -> list[frozenset[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cluster in clustering.items():
        groups[cluster].add(mention)
    return [frozenset(group) for group in groups.values()]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_recall(key: list[frozenset[Hashable]], response: Clustering) -> float:
    numerator = denominator = 0
    for cluster in key:
        # A mention the response lacks is a part of its own.
        parts = {response.get(m, ("twinless", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return _ratio(numerator, denominator)


def muc(key: Clustering, response: Clustering) -> Prf:
    """Return the MUC (link-based) precision and recall of ``response`` against ``key``."""
    return Prf(precision=_muc_recall(_clusters(response), key), recall=_muc_recall(_clusters(key), response))


def _b_cubed_recall(key: list[frozenset[Hashable]], response: Clustering) -> float:
    numerator = 0.0
    mentions = 0
    for cluster in key:
        overlaps: dict[Hashable, int] = defaultdict(int)
        for m in cluster:
            if m in response:
                overlaps[response[m]] += 1
        numerator += sum(n * n for n in overlaps.values()) / len(cluster)
        mentions += len(cluster)
    return _ratio(numerator, mentions)


def b_cubed(key: Clustering, response: Clustering) -> Prf:
    """Return the B³ (mention-based) precision and recall of ``response`` against ``key``."""
    return Prf(
        precision=_b_cubed_recall(_clusters(response), key),
        recall=_b_cubed_recall(_clusters(key), response),
    )


def _aligned_similarity(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    """Σ φ4 over the best one-to-one alignment, solved per group of clusters that overlap at all."""
    where = {m: j for j, cluster in enumerate(response) for m in cluster}
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for i, cluster in enumerate(key):
        for m in cluster:
            if m in where:
                overlap[(i, where[m])] += 1
    # Union-find over key (i) and response (n_key + j) clusters joined by an overlap: clusters in
    # different groups cannot gain from being aligned, so each group is solved alone.
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in overlap:
        a, b = find(i), find(len(key) + j)
        if a != b:
            parent[a] = b
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (i, j) in overlap:
        groups[find(i)].append((i, j))
    total = 0.0
    for pairs in groups.values():
        rows = sorted({i for i, _ in pairs})
        cols = sorted({j for _, j in pairs})
        row_at = {i: n for n, i in enumerate(rows)}
        col_at = {j: n for n, j in enumerate(cols)}
        phi = np.zeros((len(rows), len(cols)))
        for i, j in pairs:
            phi[row_at[i], col_at[j]] = 2 * overlap[(i, j)] / (len(key[i]) + len(response[j]))
        chosen_rows, chosen_cols = linear_sum_assignment(phi, maximize=True)
        total += float(phi[chosen_rows, chosen_cols].sum())
    return total


def ceaf_e(key: Clustering, response: Clustering) -> Prf:
    """Return the entity-based CEAF (φ4 similarity, optimal alignment) precision and recall."""
    key_clusters, response_clusters = _clusters(key), _clusters(response)
    similarity = _aligned_similarity(key_clusters, response_clusters)
    return Prf(precision=_ratio(similarity, len(response_clusters)), recall=_ratio(similarity, len(key_clusters)))


def score_clusterings(key: Clustering, response: Clustering) -> CorefScore:
    """Return MUC, B³ and CEAF-e of ``response`` against ``key`` (and, through it, the CoNLL F1)."""
    return CorefScore(muc=muc(key, response), b_cubed=b_cubed(key, response), ceaf_e=ceaf_e(key, response))


def conll_f1(key: Clustering, response: Clustering) -> float:
    """Return the CoNLL F1: the mean of the MUC, B³ and CEAF-e F1 scores."""
    return score_clusterings(key, response).conll_f1
