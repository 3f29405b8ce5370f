"""Exact NNLS and FCLS against SciPy, on random problems of many shapes; NMF and SVR sanity."""
import numpy as np
import pytest
from scipy.optimize import nnls

from pccee.algorithms.core import unmixing
from pccee.algorithms.core.sampling import PixelSample
from pccee.algorithms.core.unmixing import LinearUnmixer, UnmixingError, residual_rmse
from pccee.algorithms.core.unmixing_learned import NmfUnmixer, SvrUnmixer


def problem(seed, k, n_bands, n_pixels=400, zeros=0.3):
    rng = np.random.default_rng(seed)
    endmembers = rng.random((k, n_bands))
    abundances = rng.dirichlet(np.ones(k), n_pixels) * rng.uniform(0.5, 1.5, (n_pixels, 1))
    abundances[rng.random(abundances.shape) < zeros] = 0.0
    return endmembers, abundances @ endmembers + rng.normal(0, 0.05, (n_pixels, n_bands))


@pytest.mark.parametrize("k, n_bands", [(1, 5), (2, 3), (3, 50), (6, 330), (10, 100), (16, 200)])
def test_nnls_equals_scipy(k, n_bands):
    endmembers, pixels = problem(k, k, n_bands)
    ours = LinearUnmixer(endmembers, "nnls").abundances(pixels)
    reference = np.array([nnls(endmembers.T, y)[0] for y in pixels])
    assert np.abs(ours - reference).max() < 1e-6


@pytest.mark.parametrize("k, n_bands", [(2, 3), (3, 50), (6, 330), (10, 100), (16, 200)])
def test_fcls_equals_scipy_on_the_weighted_sum_to_one_problem_and_sums_to_one(k, n_bands):
    endmembers, pixels = problem(100 + k, k, n_bands, n_pixels=200)
    ours = LinearUnmixer(endmembers, "fcls").abundances(pixels)
    weight = 1.0e4  # SciPy on E augmented with a heavily weighted row of ones (Heinz and Chang, 2001)
    augmented = np.vstack([endmembers.T, weight * np.ones((1, k))])
    reference = np.array([nnls(augmented, np.r_[y, weight])[0] for y in pixels])
    assert np.abs(ours - reference).max() < 1e-6
    assert np.abs(ours.sum(axis=1) - 1.0).max() < 1e-12 and ours.min() >= 0.0


def test_ucls_is_least_squares_and_residual_is_the_rmse():
    endmembers, pixels = problem(7, 4, 30, n_pixels=2500)  # the residual over several chunks, the last partial
    ours = LinearUnmixer(endmembers, "ucls").abundances(pixels)
    reference = np.linalg.lstsq(endmembers.T, pixels.T, rcond=None)[0].T
    assert np.allclose(ours, reference)
    rmse = residual_rmse(pixels, ours, endmembers)
    assert rmse == pytest.approx(np.sqrt(((pixels - ours @ endmembers) ** 2).mean(axis=1)))


@pytest.mark.parametrize("max_groups", [64, 1])  # 1: every passive set through the batched solve of the stack
def test_duplicate_endmembers_still_give_a_feasible_optimum(max_groups, monkeypatch):
    monkeypatch.setattr(unmixing, "MAX_GROUPS", max_groups)
    endmembers, pixels = problem(8, 3, 20)
    duplicated = np.vstack([endmembers, endmembers[:1]])
    unmixer = LinearUnmixer(duplicated, "nnls")
    assert unmixer.condition > 1e10
    ours = unmixer.abundances(pixels)
    reference = np.array([nnls(endmembers.T, y)[0] for y in pixels])
    assert ours.min() >= 0.0 and np.all(np.isfinite(ours))
    assert residual_rmse(pixels, ours, duplicated) == pytest.approx(residual_rmse(pixels, reference, endmembers), abs=1e-9)


def test_bad_endmember_sets_are_refused():
    with pytest.raises(UnmixingError, match="empty"):
        LinearUnmixer(np.zeros((0, 5)))
    with pytest.raises(UnmixingError, match="need at least 4 bands"):
        LinearUnmixer(np.ones((4, 3)))


def test_reservoir_sample_is_uniform_and_bounded():
    sample = PixelSample(100, np.random.default_rng(0))
    for start in range(0, 10000, 700):
        sample.update(np.arange(start, min(start + 700, 10000))[:, None].astype(float))
    assert sample.pixels.shape == (100, 1) and len(np.unique(sample.pixels)) == 100
    assert 3500 < sample.pixels.mean() < 6500
    # The pixels with the 100 smallest of the keys drawn, block by block, as if all had been kept.
    rng = np.random.default_rng(0)
    keys = np.concatenate([rng.random(min(700, 10000 - start)) for start in range(0, 10000, 700)])
    assert sorted(sample.pixels[:, 0]) == sorted(np.argsort(keys)[:100].astype(float))


def test_nmf_and_svr_recover_clean_mixtures_roughly():
    rng = np.random.default_rng(9)
    endmembers = rng.random((3, 40)) + 0.1
    truth = rng.dirichlet(np.ones(3), 500)
    pixels = truth @ endmembers
    fixed = NmfUnmixer(endmembers, fix_endmembers=True).fit(pixels).abundances(pixels)
    assert np.abs(fixed - truth).max() < 1e-6  # with H fixed NMF's W-step is NNLS
    svr = SvrUnmixer(endmembers, mixtures=500, seed=1).fit().abundances(pixels)
    assert np.sqrt(((svr - truth) ** 2).mean()) < 0.1


def test_nnls_of_float32_pixels_equals_scipy_with_two_similar_soils():
    """Ill-conditioned endmembers (two soils 0.35 degrees apart, Gram condition 2.6e5): the normal equations are
    formed in float64, so float32 raster pixels still give SciPy's exact abundances (float32 products were 0.04 off)."""
    rng = np.random.default_rng(0)
    wavelengths = np.linspace(400, 2500, 300)
    soil = 0.1 + 0.25 * (wavelengths - 400) / 2100 + 0.02 * np.sin(wavelengths / 150)
    endmembers = np.vstack([soil, soil * (1 + 0.01 * np.cos(wavelengths / 300)),
                            0.05 + 0.4 / (1 + np.exp(-(wavelengths - 720) / 15)) * np.exp(-(wavelengths - 720) / 2000),
                            0.05 * np.exp(-(wavelengths - 400) / 300)])
    pixels = (rng.dirichlet(np.ones(4), 2000) @ endmembers + rng.normal(0, 0.002, (2000, 300))).astype(np.float32)
    unmixer = LinearUnmixer(endmembers, "nnls")
    assert unmixer.condition > 1e5
    reference = np.array([nnls(endmembers.T, y.astype(np.float64))[0] for y in pixels])
    assert np.abs(unmixer.abundances(pixels) - reference).max() < 1e-4


@pytest.mark.parametrize("k, n_bands", [(3, 50), (6, 330), (16, 200)])  # 16 endmembers: more passive sets than groups
def test_linear_unmixing_on_the_gpu_equals_the_cpu(k, n_bands, gpu_module):
    endmembers, pixels = problem(200 + k, k, n_bands, n_pixels=3000)
    pixels = pixels.astype(np.float32)  # as raster blocks come
    for method in ("nnls", "fcls", "ucls"):
        cpu = LinearUnmixer(endmembers, method).abundances(pixels)
        gpu = LinearUnmixer(endmembers, method, gpu_module).abundances(pixels)
        assert isinstance(gpu, np.ndarray) and gpu.shape == cpu.shape
        np.testing.assert_allclose(gpu, cpu, atol=1e-8)
        np.testing.assert_allclose(residual_rmse(pixels, gpu, endmembers, gpu_module),
                                   residual_rmse(pixels, cpu, endmembers), rtol=1e-5)


@pytest.mark.parametrize("max_groups", [64, 1])
def test_duplicate_endmembers_on_the_gpu_give_the_cpu_optimum(max_groups, monkeypatch, gpu_module):
    """A singular system in the batched solve raises on both devices (CuPy only when told), and falls back to
    the least-squares solution."""
    monkeypatch.setattr(unmixing, "MAX_GROUPS", max_groups)
    endmembers, pixels = problem(8, 3, 20)
    duplicated = np.vstack([endmembers, endmembers[:1]])
    for method in ("nnls", "fcls"):
        gpu = LinearUnmixer(duplicated, method, gpu_module).abundances(pixels)
        cpu = LinearUnmixer(duplicated, method).abundances(pixels)
        assert np.all(np.isfinite(gpu)) and gpu.min() >= 0.0
        assert residual_rmse(pixels, gpu, duplicated) == pytest.approx(residual_rmse(pixels, cpu, duplicated), abs=1e-9)
