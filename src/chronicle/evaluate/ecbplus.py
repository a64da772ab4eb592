"""ECB+ cross-document event coreference: read the corpus, cluster its gold event mentions, score.

The setting follows ``shared/benchmarks/README.md``: the mentions are the gold ``ACTION_*`` and
``NEG_ACTION_*`` markables of the sentences listed in ``ECBplus_coreference_sentences.csv``; they
are clustered across all documents of a topic (each topic is scored as its own set of mentions,
and the clusterings of all topics are pooled); the score is the CoNLL F1, singletons included.

Gold clusters: a mention linked by a ``CROSS_DOC_COREF`` relation belongs to the relation's
instance (its ``note``); one linked only by an ``INTRA_DOC_COREF`` chain belongs to that chain;
any other mention is a singleton.

The baseline puts mentions with the same trigger lemma in one cluster within a topic.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chronicle.corpus.coref import (
    CorefSettings,
    MentionSpan,
    TokenisedDocument,
    cluster_mentions,
    extract_mentions,
    lemma_baseline,
)
from chronicle.errors import InputError
from chronicle.evaluate.conll import CorefScore, score_clusterings

__all__ = [
    "DEV_TOPICS",
    "EcbDocument",
    "EcbMention",
    "EcbScore",
    "evaluate_ecbplus",
    "read_ecbplus",
]

SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
DEV_TOPICS = ("2", "5", "12", "18", "21", "23", "34", "35")
_EVENT_TAGS = ("ACTION_", "NEG_ACTION_")


@dataclass(frozen=True)
class EcbMention:
    """A gold event mention: markable id, tag, sentence, token positions in it, words, gold cluster."""

    m_id: str
    tag: str
    sentence: int
    tokens: tuple[int, ...]
    text: str
    cluster: str


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ article: file name, topic, sentences of tokens, the scored event mentions.

    ``skip`` holds the sentence indices that are the article's source address (the newer
    articles start with their URL as sentence 0): not article text.
    """

    name: str
    topic: str
    sentences: tuple[tuple[str, ...], ...]
    mentions: tuple[EcbMention, ...]
    skip: frozenset[int] = frozenset()

    def tokenised(self) -> TokenisedDocument:
        """Return the document as the coreference stage's input record."""
        return TokenisedDocument(
            id=self.name,
            topic=self.topic,
            sentences=self.sentences,
            mentions=tuple(
                MentionSpan(id=_mention_key(self.name, m.m_id), sentence=m.sentence, tokens=m.tokens)
                for m in self.mentions
            ),
            skip=self.skip,
        )


@dataclass(frozen=True)
class EcbScore:
    """The scores of a run on ECB+: the method and the same-lemma baseline, with counts."""

    topics: tuple[str, ...]
    documents: int
    mentions: int
    gold_clusters: int
    response_clusters: int
    method: CorefScore
    baseline: CorefScore

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as plain data (P/R/F1 per metric, CoNLL F1, counts)."""
        return {
            "topics": list(self.topics),
            "documents": self.documents,
            "mentions": self.mentions,
            "gold_clusters": self.gold_clusters,
            "response_clusters": self.response_clusters,
            "method": self.method.as_dict(),
            "baseline": self.baseline.as_dict(),
        }


def _mention_key(doc: str, m_id: str) -> str:
    return f"{doc}#{m_id}"


def _annotated_sentences(folder: Path) -> dict[str, set[int]]:
    path = folder / SENTENCES_FILE
    if not path.is_file():
        raise InputError(f"{path} is missing: it lists the sentences whose mentions are scored")
    listed: dict[str, set[int]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            listed[f"{row['Topic']}_{row['File']}.xml"].add(int(row["Sentence Number"]))
    return listed


def _read_document(path: Path, topic: str, listed: set[int]) -> EcbDocument:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path} is not well-formed XML: {exc}") from exc
    where: dict[str, tuple[int, int]] = {}
    by_sentence: dict[int, dict[int, str]] = defaultdict(dict)
    for token in root.iter("token"):
        sentence, number = int(token.get("sentence", "0")), int(token.get("number", "0"))
        where[token.get("t_id", "")] = (sentence, number)
        by_sentence[sentence][number] = token.text or ""
    count = max(by_sentence) + 1 if by_sentence else 0
    sentences = tuple(
        tuple(words[n] for n in sorted(words)) for words in (by_sentence.get(s, {}) for s in range(count))
    )
    skip = frozenset(s for s, words in enumerate(sentences) if words and words[0].lower() in ("http", "https"))

    clusters: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        for source in relation.iter("source"):
            m_id = source.get("m_id", "")
            if relation.tag == "CROSS_DOC_COREF":
                clusters[m_id] = relation.get("note", "")
            elif relation.tag == "INTRA_DOC_COREF":
                clusters.setdefault(m_id, f"{path.name}:intra:{relation.get('r_id', '')}")

    mentions = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        if not markable.tag.startswith(_EVENT_TAGS):
            continue
        anchors = [where[a.get("t_id", "")] for a in markable.iter("token_anchor") if a.get("t_id", "") in where]
        if not anchors:  # an instance descriptor, not a mention in the text
            continue
        sentence = anchors[0][0]
        if sentence not in listed or any(s != sentence for s, _ in anchors):
            continue
        m_id = markable.get("m_id", "")
        positions = tuple(sorted(n for _, n in anchors))
        mentions.append(
            EcbMention(
                m_id=m_id,
                tag=markable.tag,
                sentence=sentence,
                tokens=positions,
                text=" ".join(sentences[sentence][n] for n in positions),
                cluster=clusters.get(m_id, f"{path.name}:{m_id}"),
            )
        )
    return EcbDocument(name=path.name, topic=topic, sentences=sentences, mentions=tuple(mentions), skip=skip)


def _topic_folders(folder: Path, topics: Iterable[str] | None) -> list[Path]:
    present = {p.name: p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()}
    if topics is None:
        return [present[name] for name in sorted(present, key=int)]
    chosen = [str(t) for t in topics]
    missing = [t for t in chosen if t not in present]
    if missing:
        raise InputError(f"topic(s) {', '.join(missing)} not found under {folder}")
    return [present[t] for t in chosen]


def read_ecbplus(folder: Path, *, topics: Iterable[str] | None = None) -> list[EcbDocument]:
    """Read the ECB+ articles of ``topics`` (every topic in ``folder`` when None).

    Returns the documents that have at least one annotated sentence, each with its scored mentions.

    Raises:
        InputError: the folder, the sentence list or a topic is missing, or a file is not XML.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"ECB+ folder not found: {folder}")
    listed = _annotated_sentences(folder)
    documents = []
    for topic_folder in _topic_folders(folder, topics):
        for path in sorted(topic_folder.glob("*.xml")):
            if path.name in listed:
                documents.append(_read_document(path, topic_folder.name, listed[path.name]))
    return documents


def _write_response(path: Path, documents: Sequence[EcbDocument], response: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            for mention in document.mentions:
                cluster = response[_mention_key(document.name, mention.m_id)]
                handle.write(json.dumps({"doc": document.name, "m_id": mention.m_id, "cluster": cluster}) + "\n")


def evaluate_ecbplus(
    folder: Path,
    *,
    topics: Iterable[str] | None = None,
    model: Any,
    response: Path | None = None,
    settings: CorefSettings | None = None,
) -> EcbScore:
    """Cluster the gold event mentions of ECB+ ``topics`` and score them against the gold clusters.

    ``model`` is a loaded ``chronicle.language.LanguageModel`` (for lemmas and arguments);
    ``response``, when given, receives one JSON line per mention (``doc``, ``m_id``, ``cluster``).
    Returns an ``EcbScore`` with the method's and the same-lemma baseline's figures.

    Raises:
        InputError: the corpus cannot be read (see ``read_ecbplus``) or holds no scored mention.
    """
    documents = read_ecbplus(Path(folder), topics=topics)
    key = {_mention_key(d.name, m.m_id): f"{d.topic}:{m.cluster}" for d in documents for m in d.mentions}
    if not key:
        raise InputError(f"no annotated event mention in the chosen topics under {folder}")
    mentions, texts = extract_mentions(model, [d.tokenised() for d in documents])
    chosen = settings or CorefSettings()
    clusters = cluster_mentions(mentions, texts, chosen)
    baseline = lemma_baseline(mentions)
    if response is not None:
        _write_response(Path(response), documents, clusters)
    return EcbScore(
        topics=tuple(sorted({d.topic for d in documents}, key=int)),
        documents=len(documents),
        mentions=len(key),
        gold_clusters=len(set(key.values())),
        response_clusters=len(set(clusters.values())),
        method=score_clusterings(key, clusters),
        baseline=score_clusterings(key, baseline),
    )
