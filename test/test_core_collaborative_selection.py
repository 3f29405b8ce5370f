"""Issue 17: PPI and VCA that count, on any scene size. Robust VCA vertices, the spatial filter at field edges
and in narrow rivers, PPI filled to the number asked for, candidate purity, the purity-aware Top-K (joint class
assignment, keep fewer with reasons) and the refinement of endmembers to their pure pixels."""
import numpy as np
import pytest

from pccee.algorithms.core.candidates import most_typical, neighbour_support, select_apart_filled
from pccee.algorithms.core.pca import StreamingPCA
from pccee.algorithms.core.spectral_angle import spectral_angles
from pccee.algorithms.core.top_k import (pool_purity, rank_candidates, refine_endmembers, select_collaborative,
                                         supported_refinement)
from pccee.algorithms.core.vca import vca

BANDS = np.linspace(400, 2500, 60)
SOIL = 0.1 + 0.25 * (BANDS - 400) / 2100
VEGETATION = 0.05 + 0.4 / (1 + np.exp(-(BANDS - 720) / 15))
WATER = 0.06 * np.exp(-(BANDS - 400) / 300) + 0.005
ROAD = 0.2 + 0.05 * np.sin(BANDS / 400)


def test_vca_takes_the_typical_pixel_of_the_extreme_tail_not_an_outlier():
    rng = np.random.default_rng(0)
    materials = np.vstack([SOIL, VEGETATION, WATER])
    pixels = rng.dirichlet(np.ones(3) * 0.5, 3000) @ materials + rng.normal(0, 0.003, (3000, len(BANDS)))
    pixels[1234] = rng.uniform(0.3, 1.0, len(BANDS))  # a hot pixel: the most extreme of all
    pca = StreamingPCA(len(BANDS)).update(pixels)
    axes, _ = pca.components(n_components=2)
    reduced = (pixels - pca.mean) @ axes

    def blocks():
        return [(np.arange(s, min(s + 700, 3000)), reduced[s:s + 700]) for s in range(0, 3000, 700)]

    classic = vca(blocks, 3, np.random.default_rng(1))
    assert 1234 in classic  # the paper's rule: the single extreme, here the outlier
    robust = vca(blocks, 3, np.random.default_rng(1), tail=25, choose=lambda indices: most_typical(pixels[indices]))
    assert 1234 not in robust and len(set(robust)) == 3
    nearest = spectral_angles(pixels[robust], materials).argmin(axis=1)
    assert sorted(nearest) == [0, 1, 2]  # one vertex per material
    assert spectral_angles(pixels[robust], materials).min(axis=1).max() < 15.0  # dark water: noise alone is 10


def test_spatial_support_drops_an_outlier_at_a_field_edge_and_keeps_a_narrow_river():
    rng = np.random.default_rng(2)
    # An outlier among two fields (4 soil, 4 vegetation neighbours): the fields differ from each other by
    # more than the outlier differs from them, yet each neighbour has a close match.
    edge = np.vstack([SOIL * rng.uniform(0.98, 1.02, (4, 1)), VEGETATION * rng.uniform(0.98, 1.02, (4, 1))])
    outlier = rng.uniform(0.3, 1.0, len(BANDS))
    # A water pixel in a river two pixels wide: three noisy water neighbours among five quiet soil ones.
    river = np.vstack([WATER + rng.normal(0, 0.004, (3, len(BANDS))), SOIL * rng.uniform(0.99, 1.01, (5, 1))])
    centre = WATER + rng.normal(0, 0.004, len(BANDS))
    support = neighbour_support(np.vstack([outlier, centre]), np.stack([edge, river]), max_angle=5.0)
    assert support[0] == 0 and support[1] >= 2


def test_ppi_candidates_are_filled_to_the_number_asked_for_and_say_how():
    # Three materials, many pixels each: ten endmembers 3 degrees apart do not exist.
    rng = np.random.default_rng(3)
    spectra = np.vstack([m * rng.uniform(0.9, 1.1, (20, 1)) + rng.normal(0, 1e-5, (20, len(BANDS)))
                         for m in (SOIL, VEGETATION, ROAD)])
    order = rng.permutation(len(spectra))
    spectra = spectra[order]
    rows, cols = np.divmod(np.arange(len(spectra)) * 7, 50)
    kept, separation, filled = select_apart_filled(spectra, rows, cols, 10, 3.0, 3.0)
    assert len(kept) == 10 and len(set(kept)) == 10
    assert filled > 0 and separation < 3.0
    kept, separation, filled = select_apart_filled(spectra, rows, cols, 3, 3.0, 3.0)
    assert len(kept) == 3 and separation == 3.0 and filled == 0


def test_pool_purity_is_the_share_of_the_own_material():
    bank = 0.8 * SOIL + 0.2 * WATER  # 1 degree from the soil: its angle hides the water, its purity does not
    purity = pool_purity(np.vstack([SOIL, VEGETATION, WATER, bank]))
    assert purity[:3] == pytest.approx(1.0, abs=0.02)  # vertices: the others cannot rebuild them
    assert purity[3] == pytest.approx(0.8, abs=0.02)


def test_purity_aware_top_k_prefers_pure_pixels_and_assigns_classes_jointly():
    prior = np.vstack([SOIL * (1 + 0.02 * np.cos(BANDS / 200)), VEGETATION, WATER * (1 + 0.3 * np.sin(BANDS / 300))])
    classes = ["soil", "vegetation", "water"]
    bank = 0.8 * SOIL + 0.2 * WATER  # a river-bank pixel: nearer the soil spectrum than the pure soil pixel is
    pure_soil = SOIL * (1 + 0.04 * np.sin(BANDS / 150))
    # The dark water candidate lies nearer a soil spectrum than it does the water one on its own class's terms?
    candidates = np.vstack([bank, pure_soil, VEGETATION * 1.1, WATER + 0.002, 0.5 * SOIL + 0.5 * VEGETATION])
    paper = rank_candidates(candidates, prior, classes, 3, up_to=True)
    assert 0 in paper.selected  # the paper's rule: the mixed bank pixel wins its class by angle
    ours = select_collaborative(candidates, prior, classes, 3)
    assert sorted(ours.selected.tolist()) == [1, 2, 3]
    assert dict(zip(ours.classes, ours.selected.tolist())) == {"soil": 1, "vegetation": 2, "water": 3}
    assert [options[0] for options in ours.alternatives] == ours.selected.tolist()  # each slot's own first
    assert 0 in ours.alternatives[ours.classes.index("soil")]  # the bank pixel: the soil's next match
    assert ours.purity[0] < 0.9 and ours.purity[1] > 0.9


def test_a_class_the_candidates_cannot_support_is_dropped_with_its_reason():
    prior = np.vstack([SOIL, VEGETATION, ROAD * (1 + 0.5 * np.sin(BANDS / 100))])
    classes = ["soil", "vegetation", "urban"]
    selection = select_collaborative(np.vstack([SOIL * 1.05, VEGETATION * 0.9, WATER]), prior, classes, 3,
                                     max_angle=10.0)
    assert sorted(selection.classes) == ["soil", "vegetation"]
    (name, template, values), = selection.dropped
    assert name == "urban" and "within 10 degrees" in template.format(*values)
    fewer = select_collaborative(np.vstack([SOIL * 1.05, VEGETATION * 0.9]), prior, classes, 3)
    assert [(name, template.format(*values)) for name, template, values in fewer.dropped] == [
        ("urban", "the 2 candidates are all taken by classes they match better")]
    one = select_collaborative(np.vstack([SOIL * 1.05, VEGETATION * 0.9]), prior, classes, 1)
    assert len(one.selected) == 1 and any("K = 1" in t.format(*v) for _, t, v in one.dropped)


def test_refinement_moves_extreme_endmembers_to_the_median_of_their_pure_pixels():
    rng = np.random.default_rng(4)
    materials = np.vstack([SOIL, VEGETATION, ROAD])
    abundances = rng.dirichlet(np.ones(3) * 0.3, 4000)
    variation = 1 + 0.05 * rng.standard_normal((4000, 1)) * np.sin(BANDS / 250)[None, :]  # within-class variability
    pixels = (abundances @ materials) * variation + rng.normal(0, 0.002, (4000, len(BANDS)))
    extremes = pixels[[int(np.argmax(abundances[:, j] * (variation[:, 10] if j == 0 else 1))) for j in range(3)]]
    before = np.diag(spectral_angles(extremes, materials))
    refined, counts, iterations, mixing = refine_endmembers(extremes, pixels)
    after = np.diag(spectral_angles(refined, materials))
    assert (counts > 100).all() and iterations >= 1
    # Measured: 4.1, 2.1, 0.8 degrees before; 1.1, 0.9, 0.8 after. The road's pure pixels spread mostly by mixing
    # (mixing share 0.76): it keeps its pixel, which the plain median would move to 3.5 degrees.
    assert after.mean() < before.mean() and after[0] < 1.5 < before[0]
    assert list(mixing) == [False, False, True] and after[2] == pytest.approx(before[2])


def test_refinement_keeps_an_endmember_whose_pure_pixels_lie_on_a_mixing_line():
    """A rare material without pure pixels (a town: road 60-97 % among gardens) and a narrow river: their
    'abundance >= 0.8' pixels are mixtures, and the plain median walks down the mixing line towards vegetation (the
    road from 1.5 to 8 degrees of its truth, the water to 40). The rule keeps them: in an exactly linear scene every
    pure-pixel set's spread is mixing."""
    rng = np.random.default_rng(0)
    materials = np.vstack([SOIL, VEGETATION, WATER, ROAD])
    fields = np.zeros((3000, 4))
    fields[:, :3] = rng.dirichlet(np.ones(3) * 0.3, 3000)
    town = np.zeros((300, 4))
    town[:, 3] = rng.uniform(0.6, 0.97, 300)
    town[:, 1] = 1 - town[:, 3]
    abundances = np.vstack([fields, town])
    pixels = abundances @ materials + rng.normal(0, 0.002, (len(abundances), len(BANDS)))
    candidates = pixels[[int(np.argmax(abundances[:, j])) for j in range(4)]]
    before = np.diag(spectral_angles(candidates, materials))
    kept = refine_endmembers(candidates, pixels)
    plain = refine_endmembers(candidates, pixels, mixing_limit=np.inf)
    assert kept.mixing.all() and kept.counts[3] > 100
    np.testing.assert_allclose(np.diag(spectral_angles(kept.spectra, materials)), before, atol=0.05)
    drifted = np.diag(spectral_angles(plain.spectra, materials))
    assert drifted[3] > before[3] + 4 and drifted[2] > before[2] + 20  # measured 1.9 -> 8.3, 5.3 -> 40.7
    road_to_vegetation = spectral_angles(np.vstack([kept.spectra[3], plain.spectra[3]]), VEGETATION[None, :])[:, 0]
    assert road_to_vegetation[0] > road_to_vegetation[1] + 5  # measured 26.2 and 19.7: the drift is towards vegetation


def test_an_endmember_without_pure_pixels_gives_its_slot_to_the_next_match_of_its_class():
    """A candidate no pixel of the scene is made of (here three times as bright as the vegetation, as a saturated
    pixel can be) takes no pure pixel, so refinement cannot move it: the next vegetation match takes its slot. A
    selection whose endmembers all stand for pure pixels is left as it is."""
    rng = np.random.default_rng(2)
    materials = np.vstack([SOIL, VEGETATION, WATER])
    pixels = rng.dirichlet(np.ones(3) * 0.3, 3000) @ materials + rng.normal(0, 0.002, (3000, len(BANDS)))
    candidates = np.vstack([SOIL, 3 * VEGETATION, WATER, VEGETATION * 1.02])
    alone = refine_endmembers(candidates[:3], pixels)
    assert alone.counts[1] < 3 and alone.counts[[0, 2]].min() > 100
    positions, refinement = supported_refinement(candidates, [[0], [1, 3], [2]], pixels)
    assert positions == [0, 3, 2] and refinement.counts.min() > 100
    assert spectral_angles(refinement.spectra, materials).diagonal().max() < 1.0
    kept, _ = supported_refinement(candidates, [[0], [3, 1], [2]], pixels)
    assert kept == [0, 3, 2]
    unchanged, lone = supported_refinement(candidates, [[0], [1], [2]], pixels)  # no other match: kept, said by counts
    assert unchanged == [0, 1, 2] and lone.counts[1] < 3
    brighter = np.vstack([candidates, 4 * VEGETATION])  # a next match no better supported: no swap
    assert supported_refinement(brighter, [[0], [1, 4], [2]], pixels)[0] == [0, 1, 2]
