"""Evaluation against public benchmarks (scorers written for Chronicle, following each benchmark's definitions)."""

from __future__ import annotations

from chronicle.evaluate.tempeval import (
    GoldTimex,
    TempevalScore,
    TmlDocument,
    evaluate_folder,
    predict_documents,
    read_tml,
    score,
)

__all__ = [
    "GoldTimex",
    "TempevalScore",
    "TmlDocument",
    "evaluate_folder",
    "predict_documents",
    "read_tml",
    "score",
]
