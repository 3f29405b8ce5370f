"""PPI, VCA, spectral angles and candidate selection on mixtures of known spectra."""
import numpy as np
import pytest

from pccee.algorithms.core.candidates import neighbour_support, select_apart
from pccee.algorithms.core.pca import StreamingPCA
from pccee.algorithms.core.ppi import PpiAccumulator, isotropic_skewers
from pccee.algorithms.core.spectral_angle import spectral_angles
from pccee.algorithms.core.vca import vca


def simplex_scene(rng, n_pixels=3000, n_bands=40, noise=0.002):
    """Dirichlet mixtures of 4 random spectra, with the 4 pure pixels planted at known indices."""
    endmembers = rng.uniform(0.05, 0.9, (4, n_bands))
    abundances = rng.dirichlet(np.ones(4) * 0.7, n_pixels)
    pure = np.array([10, 500, 1700, 2900])
    abundances[pure] = np.eye(4)
    pixels = abundances @ endmembers + rng.normal(0, noise, (n_pixels, n_bands))
    return pixels, endmembers, pure


def blocks_of(pixels, size=700):
    for start in range(0, len(pixels), size):
        yield np.arange(start, min(start + size, len(pixels))), pixels[start:start + size]


def test_skewers_are_isotropic_unit_vectors():
    skewers = isotropic_skewers(5, 20000, np.random.default_rng(0))
    assert np.allclose(np.linalg.norm(skewers, axis=0), 1.0)
    assert np.abs(skewers.mean(axis=1)).max() < 0.02  # both signs: not one orthant
    assert (skewers < 0).mean() == pytest.approx(0.5, abs=0.01)


def test_ppi_counts_peak_on_the_pure_pixels_whatever_the_blocks():
    rng = np.random.default_rng(1)
    pixels, _, pure = simplex_scene(rng)
    skewers = isotropic_skewers(pixels.shape[1], 2000, np.random.default_rng(2))
    accumulator = PpiAccumulator(skewers)
    for indices, block in blocks_of(pixels):
        accumulator.update(indices, block)
    indices, counts = accumulator.counts()
    top = indices[np.argsort(-counts)[:4]]
    assert set(top) == set(pure)
    assert counts.sum() == 4000  # one maximum and one minimum per skewer
    whole = PpiAccumulator(skewers).update(np.arange(len(pixels)), pixels).counts()
    assert np.array_equal(whole[0], indices) and np.array_equal(whole[1], counts)


def test_streaming_pca_matches_numpy():
    rng = np.random.default_rng(3)
    pixels = rng.normal(5.0, 1.0, (2000, 6)) @ rng.normal(size=(6, 6))
    pca = StreamingPCA(6)
    for _, block in blocks_of(pixels, 333):
        pca.update(block)
    assert np.allclose(pca.mean, pixels.mean(axis=0))
    assert np.allclose(pca.covariance(), np.cov(pixels.T))
    axes, fraction = pca.components(variance=0.95)
    assert fraction.sum() >= 0.95 and axes.shape[1] == fraction.size


def test_vca_finds_the_vertices():
    rng = np.random.default_rng(4)
    pixels, _, pure = simplex_scene(rng, noise=0.0005)
    pca = StreamingPCA(pixels.shape[1]).update(pixels)
    axes, _ = pca.components(n_components=3)
    reduced = (pixels - pca.mean) @ axes
    found = vca(lambda: blocks_of(reduced), 4, np.random.default_rng(5))
    assert set(found) == set(pure)


def test_spectral_angles_are_scale_blind():
    angles = spectral_angles([[1.0, 0.0], [2.0, 2.0], [0.0, 0.0]], [[3.0, 3.0]])
    assert angles[0, 0] == pytest.approx(45.0) and angles[1, 0] == pytest.approx(0.0, abs=1e-6)
    assert np.isnan(angles[2, 0])


def test_isolated_pixel_has_no_support_and_duplicates_are_skipped():
    field = np.array([1.0, 2.0, 3.0])
    neighbours = np.tile(field, (2, 8, 1))
    neighbours[1, :, :] = [3.0, 1.0, 0.5]  # a hot pixel among unlike neighbours
    neighbours[0, 5] = np.nan  # off the image
    support = neighbour_support(np.array([field * 1.01, [9.0, 0.1, 0.1]]), neighbours, max_angle=5.0)
    assert support.tolist() == [7, 0]
    spectra = np.array([[1.0, 0.0], [1.0, 0.01], [0.0, 1.0], [1.0, 1.0]])
    kept = select_apart(spectra, np.array([0, 50, 100, 0]), np.array([0, 0, 0, 1]), 3, 2.0, 3.0)
    assert kept.tolist() == [0, 2]  # 1 is a spectral duplicate of 0, 3 is next to 0 on the ground


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_matmul_through_fortran_blas_equals_numpy(dtype):
    from pccee.algorithms.core.linalg import matmul
    rng = np.random.default_rng(6)
    a, b = rng.random((50, 7)).astype(dtype), rng.random((7, 9)).astype(dtype)
    tolerance = 1e-5 if dtype == np.float32 else 1e-12
    for left in (a, np.asfortranarray(a), a[::2]):
        for right in (b, np.asfortranarray(b), b[:, ::2]):
            result = matmul(left, right)
            assert result.dtype == dtype and np.allclose(result, left @ right, rtol=tolerance)
    assert np.allclose(matmul(a, b[:, 0]), a @ b[:, 0])
    assert matmul(a[:0], b).shape == (0, 9)
