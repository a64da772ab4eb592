"""Sub-topics: the documents of one topic grouped by the real-world event they report.

A topic (say, "earthquakes") mixes reports of several happenings of one kind; what tells them
apart is mostly their names, places, dates and numbers. Each document becomes a TF-IDF vector
of its words (log-scaled counts, inverse document frequency over all documents given, unit
length) and the documents of a topic are joined by average-linkage agglomerative clustering
until the mean cosine similarity between two groups falls below a threshold.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from chronicle.corpus.coref.model import CorefDocument

__all__ = ["document_subtopics"]


def _vectors(documents: Sequence[CorefDocument]) -> np.ndarray:
    """Unit-length TF-IDF rows, one per document, over the vocabulary of ``documents``."""
    counts = [Counter(d.words) for d in documents]
    frequency: Counter[str] = Counter()
    for c in counts:
        frequency.update(c.keys())
    total = len(documents)
    # Words in one document only cannot link two documents: leave them out of the vocabulary.
    vocabulary = {w: n for n, w in enumerate(sorted(w for w, f in frequency.items() if f > 1))}
    idf = np.array([math.log(total / frequency[w]) for w in sorted(vocabulary, key=vocabulary.get)])
    matrix = np.zeros((total, len(vocabulary)), dtype=np.float32)
    for row, c in enumerate(counts):
        for word, n in c.items():
            column = vocabulary.get(word)
            if column is not None:
                matrix[row, column] = (1.0 + math.log(n)) * idf[column]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def document_subtopics(documents: Sequence[CorefDocument], threshold: float, idf_documents: Sequence[CorefDocument] | None = None) -> dict[str, str]:
    """Return a sub-topic id for each document id.

    Documents of different topics never share a sub-topic. Within a topic, groups are merged
    while their average cosine similarity is at least ``threshold``. The word weights are
    computed over ``idf_documents`` (all of ``documents`` when None).
    """
    by_topic: dict[str, list[CorefDocument]] = defaultdict(list)
    for document in documents:
        by_topic[document.topic].append(document)
    result: dict[str, str] = {}
    for topic, members in by_topic.items():
        if len(members) == 1:
            result[members[0].id] = f"{topic}/0"
            continue
        vectors = _vectors(members)
        labels = fcluster(linkage(vectors, method="average", metric="cosine"), t=1.0 - threshold,
                          criterion="distance")
        for document, label in zip(members, labels):
            result[document.id] = f"{topic}/{label}"
    return result
