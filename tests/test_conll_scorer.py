"""The CoNLL coreference scorers on small clusterings whose figures are worked out by hand here."""

from __future__ import annotations

import pytest

from chronicle.evaluate.conll import b_cubed, ceaf_e, conll_f1, muc, score_clusterings


def clustering(*clusters: str) -> dict[str, int]:
    """"abc", "defg" → {a: 0, b: 0, c: 0, d: 1, ...}."""
    return {m: n for n, cluster in enumerate(clusters) for m in cluster}


# The example of the reference scorer's paper (Pradhan et al. 2014): key {a,b,c} {d,e,f,g},
# response {a,b} {c,d} {f,g,h,i}; e is missing from the response, h and i from the key.
KEY = clustering("abc", "defg")
RESPONSE = clustering("ab", "cd", "fghi")


def test_muc_on_the_reference_example() -> None:
    # Recall: {a,b,c} is cut into {a,b} {c} → 3-2 = 1 link kept of 2; {d,e,f,g} into {d} {e} {f,g}
    # → 4-3 = 1 of 3. Precision: {a,b} whole → 1 of 1; {c,d} cut in two → 0 of 1;
    # {f,g,h,i} into {f,g} {h} {i} → 1 of 3.
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 5)
    assert score.precision == pytest.approx(2 / 5)
    assert score.f1 == pytest.approx(0.4)


def test_b_cubed_on_the_reference_example() -> None:
    # Recall: Σ|K∩R|²/|K| = (2² + 1²)/3 + (1² + 2²)/4 = 5/3 + 5/4 over 7 key mentions.
    # Precision: (2²)/2 + (1² + 1²)/2 + (2²)/4 = 2 + 1 + 1 over 8 response mentions.
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx((5 / 3 + 5 / 4) / 7)
    assert score.precision == pytest.approx(4 / 8)


def test_ceaf_e_on_the_reference_example() -> None:
    # φ4: ({a,b,c},{a,b}) = 4/5, ({a,b,c},{c,d}) = 2/5, ({d,e,f,g},{c,d}) = 2/6,
    # ({d,e,f,g},{f,g,h,i}) = 4/8. The best alignment takes 4/5 + 4/8 = 1.3.
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(1.3 / 2)
    assert score.precision == pytest.approx(1.3 / 3)


def test_ceaf_e_prefers_the_best_alignment_over_the_greedy_one() -> None:
    # Key {a,b,c} {d,e}, response {a,b,d} {c}. φ4: ({a,b,c},{a,b,d}) = 4/6, ({a,b,c},{c}) = 2/4,
    # ({d,e},{a,b,d}) = 2/5. Greedy takes 4/6 and leaves {d,e} unpaired; the best alignment is
    # 2/4 + 2/5 = 0.9.
    key = clustering("abc", "de")
    response = clustering("abd", "c")
    score = ceaf_e(key, response)
    assert score.recall == pytest.approx(0.9 / 2)
    assert score.precision == pytest.approx(0.9 / 2)


def test_singletons_count_for_b_cubed_and_ceaf_but_not_muc() -> None:
    # Key: {a,b} and three singletons; response puts everything apart.
    key = clustering("ab", "c", "d", "e")
    response = clustering("a", "b", "c", "d", "e")
    assert muc(key, response).recall == 0.0
    assert muc(key, response).precision == 0.0  # no response link at all
    # B³: a and b each have 1/2 recall, the singletons 1 → (0.5 + 0.5 + 3)/5; precision is 1.
    assert b_cubed(key, response).recall == pytest.approx(4 / 5)
    assert b_cubed(key, response).precision == pytest.approx(1.0)
    # CEAF-e: {a,b} aligns with {a} (2·1/3), the singletons with themselves (1 each):
    # Σφ4 = 2/3 + 3 over 4 key and 5 response clusters.
    score = ceaf_e(key, response)
    assert score.recall == pytest.approx((2 / 3 + 3) / 4)
    assert score.precision == pytest.approx((2 / 3 + 3) / 5)


def test_identical_clusterings_score_one_and_conll_is_the_mean() -> None:
    key = clustering("abc", "de", "f")
    relabelled = {m: f"x{c}" for m, c in key.items()}
    score = score_clusterings(key, relabelled)
    assert score.muc.f1 == score.b_cubed.f1 == score.ceaf_e.f1 == pytest.approx(1.0)
    assert conll_f1(key, relabelled) == pytest.approx(1.0)
    wrong = score_clusterings(KEY, RESPONSE)
    assert wrong.conll_f1 == pytest.approx((wrong.muc.f1 + wrong.b_cubed.f1 + wrong.ceaf_e.f1) / 3)
    assert wrong.conll_f1 < 0.6


def test_one_big_cluster_against_all_singletons() -> None:
    # Key: four singletons; response: one cluster of four. MUC has no key links (recall 0) and
    # 0 of 3 response links right; B³ precision 1/4 per mention; CEAF-e one pair φ4 = 2/5.
    key = clustering("a", "b", "c", "d")
    response = clustering("abcd")
    assert muc(key, response).f1 == 0.0
    assert b_cubed(key, response).precision == pytest.approx(1 / 4)
    assert b_cubed(key, response).recall == pytest.approx(1.0)
    assert ceaf_e(key, response).precision == pytest.approx(2 / 5)
    assert ceaf_e(key, response).recall == pytest.approx((2 / 5) / 4)
