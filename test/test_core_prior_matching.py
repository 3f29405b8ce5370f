"""Masked spectral angles, closest pixels over blocks, and Top-K ranking."""
import numpy as np
import pytest

from pccee.algorithms.core.spectral_angle import ClosestPixels, spectral_angles
from pccee.algorithms.core.top_k import TopKError, rank_candidates


def test_partial_reference_is_compared_on_its_own_bands():
    pixels = np.array([[1.0, 1.0, 5.0], [1.0, 2.0, 0.0]])
    reference = np.array([[2.0, 2.0, np.nan]])
    angles = spectral_angles(pixels, reference)[:, 0]
    assert angles[0] == pytest.approx(0.0, abs=1e-5)  # band 3 ignored
    assert angles[1] == pytest.approx(np.degrees(np.arccos(3 / np.sqrt(10))))


def test_closest_pixels_over_blocks():
    rng = np.random.default_rng(0)
    angles = rng.random((100, 3)) * 30
    angles[37, 1] = np.nan
    closest = ClosestPixels(3)
    for start in range(0, 100, 17):
        closest.update(np.arange(start, min(start + 17, 100)) + 1000, angles[start:start + 17])
    assert closest.index.tolist() == (np.nanargmin(angles, axis=0) + 1000).tolist()
    assert closest.angle == pytest.approx(np.nanmin(angles, axis=0))


def test_rank_keeps_one_per_class_best_first():
    prior = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.9, 0.1, 0.0]])
    classes = ["a", "b", "a"]
    candidates = np.array([[1.0, 0.05, 0.0], [0.9, 0.11, 0.0], [0.0, 1.0, 0.3], [0.0, 0.0, 1.0]])
    ranking = rank_candidates(candidates, prior, classes, 2)
    assert ranking.selected.tolist() == [1, 2]  # 1 is nearest any prior (class a), 2 is the best b
    assert ranking.nearest_class[:3] == ["a", "a", "b"]
    assert rank_candidates(candidates, prior, classes, 3, one_per_class=False).selected.tolist() == [1, 0, 2]
    with pytest.raises(TopKError, match="only 2 classes"):
        rank_candidates(candidates, prior, classes, 3)
    with pytest.raises(TopKError, match="only 4 candidate"):
        rank_candidates(candidates, prior, classes, 5, one_per_class=False)
    with pytest.raises(TopKError, match="match only 1 of the 2"):
        rank_candidates(candidates[:2], prior, classes, 2)
    # Up to K: as many as the classes and candidates allow, best first.
    assert rank_candidates(candidates[:2], prior, classes, 2, up_to=True).selected.tolist() == [1]
    assert rank_candidates(candidates, prior, classes, 3, up_to=True).selected.tolist() == [1, 2]
    assert rank_candidates(candidates, prior, classes, 5, one_per_class=False, up_to=True).selected.size == 4


def test_ties_go_to_the_candidate_nearest_its_class_mean():
    prior = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    classes = ["x", "x", "x"]
    candidates = np.array([[1.0, 0.0], [1.0, 1.0]])  # both exactly on a prior spectrum
    assert rank_candidates(candidates, prior, classes, 1).selected.tolist() == [1]  # (1, 1) is the class mean
