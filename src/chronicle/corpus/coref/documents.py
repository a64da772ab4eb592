"""Sub-topics: the documents of one topic grouped by the real-world happening they report.

A topic (say, "earthquakes") mixes reports of several happenings of one kind; what tells them
apart is mostly their names, places, dates and numbers. Each document becomes a TF-IDF vector
of its words (log-scaled counts; inverse document frequency within the topic, so the words
every report of the kind shares weigh little; unit length). The documents of a topic are
joined by average-linkage agglomerative clustering until the mean cosine similarity between
two groups falls below a threshold.

Average linkage needs every pair of the topic's documents; a topic larger than
``LINKAGE_LIMIT`` documents is grouped in one pass instead: each document joins the most similar
group among those sharing one of its strongest words (compared with the group's mean vector),
or starts a group.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from chronicle.corpus.coref.model import CorefDocument

__all__ = ["LINKAGE_LIMIT", "document_subtopics"]

LINKAGE_LIMIT = 1500
"""Largest topic (in documents) clustered by average linkage; larger ones are grouped in one pass."""

_INDEX_WORDS = 8  # strongest words of a document under which its group is found
_CANDIDATE_GROUPS = 32  # groups a document of a large topic is compared with


def _weights(documents: Sequence[CorefDocument]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (word → weight), IDF taken over ``documents``."""
    counts = [Counter(d.words) for d in documents]
    frequency: Counter[str] = Counter()
    for c in counts:
        frequency.update(c.keys())
    total = len(documents)
    vectors = []
    for c in counts:
        # A word of one document only cannot link two documents: it would only shrink the others.
        vector = {w: (1.0 + math.log(n)) * math.log(total / frequency[w]) for w, n in c.items() if frequency[w] > 1}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        vectors.append({w: v / norm for w, v in vector.items()} if norm else {})
    return vectors


def _linkage_labels(vectors: list[dict[str, float]], threshold: float) -> list[int]:
    vocabulary: dict[str, int] = {}
    rows, columns, weights = [], [], []
    for row, vector in enumerate(vectors):
        for word, weight in vector.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
            weights.append(weight)
    # Sparse rows: the similarity of a few dozen short documents is cheaper as a sparse product
    # than through a dense matrix routine.
    matrix = csr_matrix((weights, (rows, columns)), shape=(len(vectors), max(1, len(vocabulary))))
    similarity = (matrix @ matrix.T).toarray()
    # Cosine distance of unit vectors; an empty vector is at distance 1 from everything.
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(label) for label in fcluster(tree, t=1.0 - threshold, criterion="distance")]


def _one_pass_labels(vectors: list[dict[str, float]], threshold: float) -> list[int]:
    sums: list[dict[str, float]] = []
    sizes: list[int] = []
    index: dict[str, list[int]] = defaultdict(list)
    labels = []
    for vector in vectors:
        strongest = heapq.nlargest(_INDEX_WORDS, vector, key=vector.__getitem__)
        if len(sums) <= _CANDIDATE_GROUPS:
            candidates = list(range(len(sums)))
        else:
            found: dict[int, None] = {}
            for word in strongest:
                for group in index[word][-_CANDIDATE_GROUPS:]:
                    found[group] = None
            candidates = list(found)[-_CANDIDATE_GROUPS:]
        best, best_similarity = -1, threshold
        for group in candidates:
            # The mean cosine with the group's members, as average linkage measures it.
            total = sums[group]
            similarity = sum(w * total.get(word, 0.0) for word, w in vector.items()) / sizes[group]
            if similarity >= best_similarity:
                best, best_similarity = group, similarity
        if best < 0:
            best = len(sums)
            sums.append({})
            sizes.append(0)
        sizes[best] += 1
        for word, weight in vector.items():
            sums[best][word] = sums[best].get(word, 0.0) + weight
        for word in strongest:
            if not index[word] or index[word][-1] != best:
                index[word].append(best)
        labels.append(best + 1)
    return labels


def document_subtopics(documents: Sequence[CorefDocument], threshold: float) -> dict[str, str]:
    """Return a sub-topic id ("<topic>/<n>") for each document id.

    Documents of different topics never share a sub-topic. Within a topic, groups are merged
    while their average cosine similarity is at least ``threshold``.
    """
    by_topic: dict[str, list[CorefDocument]] = defaultdict(list)
    for document in documents:
        by_topic[document.topic].append(document)
    result: dict[str, str] = {}
    for topic, members in by_topic.items():
        if len(members) == 1:
            labels = [1]
        elif len(members) <= LINKAGE_LIMIT:
            labels = _linkage_labels(_weights(members), threshold)
        else:
            labels = _one_pass_labels(_weights(members), threshold)
        for document, label in zip(members, labels):
            result[document.id] = f"{topic}/{label}"
    return result
