"""The analysis core without QGIS: p-values of correlations, and K for zoning chosen by its stated rule."""
import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr

from pccee.algorithms.core.correlation import p_values, pairwise_correlation
from pccee.algorithms.core.zoning import choose_k, elbow, zone_statistics


def test_p_values_equal_scipys_for_pearson_and_spearman():
    rng = np.random.default_rng(3)
    a = rng.normal(size=40)
    values = np.column_stack([a, a + rng.normal(0, 2.0, 40), rng.normal(size=40)])
    values[5, 1] = np.nan  # one pair over 39 samples
    for method, reference in (("pearson", pearsonr), ("spearman", spearmanr)):
        r, n = pairwise_correlation(values, method)
        p = p_values(r, n)
        both = ~np.isnan(values[:, 1])
        assert n[0, 1] == 39 and n[0, 2] == 40
        assert p[0, 1] == pytest.approx(reference(values[both, 0], values[both, 1])[1], rel=1e-6)
        assert p[0, 2] == pytest.approx(reference(values[:, 0], values[:, 2])[1], rel=1e-6)
    assert np.isnan(p_values(np.array([np.nan]), np.array([10]))[0])  # no r, no p
    assert np.isnan(p_values(np.array([0.5]), np.array([2]))[0])  # n < 3
    assert p_values(np.array([1.0]), np.array([10]))[0] == 0.0


def smooth_field(k_true=4, size=800, seed=0):
    """Four groups of unequal size and spread in two standardised metals: a clear elbow at 4, while the
    silhouette, as often on concentration fields, prefers fewer and larger zones."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [6.0, 0.0], [0.0, 6.0], [6.0, 6.0]])[:k_true]
    labels = rng.integers(0, k_true, size)
    return centres[labels] + rng.normal(0, 1.0, (size, 2))


def test_the_elbow_rule_decides_and_both_answers_are_kept():
    sample = smooth_field()
    choice = choose_k(sample, 2, 7, seed=0)
    assert choice.rule == "elbow" and choice.chosen == choice.elbow == 4
    assert choice.centres.shape == (4, 2)
    assert choice.silhouette_at(4) == pytest.approx(choice.silhouette[2])
    by_silhouette = choose_k(sample, 2, 7, seed=0, rule="silhouette")
    assert by_silhouette.chosen == by_silhouette.best_silhouette == int(by_silhouette.ks[np.argmax(by_silhouette.silhouette)])
    assert by_silhouette.centres.shape == (by_silhouette.chosen, 2)


def test_elbow_is_the_point_farthest_below_the_chord():
    ks = np.arange(2, 9)
    assert elbow(ks, [100, 60, 20, 17, 15, 14, 13]) == 4
    assert elbow([2, 3], [10, 5]) == 2


def test_zone_statistics_count_the_share_above_a_threshold():
    zones = np.array([0, 0, 0, 0, 1, 1])
    values = np.array([[10.0, 1], [20, 1], [80, 1], [90, 1], [200, 1], [300, 1]])
    rows = zone_statistics(zones, values, count=6, sampled=6, labels=["low", "high"], pixel_area=900.0,
                           limits=[70.0, np.nan])
    assert rows[0]["above"][0] == pytest.approx(0.5) and rows[1]["above"][0] == 1.0
    assert np.isnan(rows[0]["above"][1])
    assert rows[0]["hectares"] == pytest.approx(4 * 900 / 1e4)
