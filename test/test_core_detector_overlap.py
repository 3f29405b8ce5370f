"""Noise from adjacent-pixel differences, and which detector's overlap to drop when VNIR and SWIR are stacked."""
import numpy as np
import pytest

from pccee.algorithms.core.detector_overlap import (NoiseSampler, OverlapError, decide_overlap, describe_bands,
                                                    image_noise, noise_from_differences, overlap_bands, stacked_order)

VNIR = np.linspace(390.0, 1029.0, 150)
SWIR = np.linspace(1004.0, 2513.0, 180)


def smooth_scene(rows, cols, sigma, rng, level=(0.2, 0.3, 0.4)):
    """Smooth fields with a sharp field boundary, plus white noise of known sigma per band."""
    y, x = np.mgrid[0:rows, 0:cols]
    signal = np.stack([lv * (1.0 + 0.1 * np.sin(x / 40.0) * np.cos(y / 23.0) + 0.5 * (x > cols // 2))
                       for lv in level], axis=2)
    return signal + rng.standard_normal(signal.shape) * np.asarray(sigma)


def test_noise_estimate_recovers_the_simulated_noise_despite_edges():
    rng = np.random.default_rng(0)
    sigma = np.array([0.002, 0.01, 0.03])
    cube = smooth_scene(200, 200, sigma, rng)
    noise, signal, snr = image_noise(cube)
    assert noise == pytest.approx(sigma, rel=0.06)
    assert signal == pytest.approx(np.median(cube.reshape(-1, 3), axis=0), rel=0.02)
    assert snr == pytest.approx(signal / noise)


def test_sampler_streams_blocks_in_bounded_memory_and_skips_invalid_pixels():
    rng = np.random.default_rng(1)
    sigma = np.array([0.004, 0.02, 0.01])
    cube = smooth_scene(300, 120, sigma, rng)
    valid = np.ones(cube.shape[:2], bool)
    cube[50:60, 30:40] = -9999.0       # nodata hole
    valid[50:60, 30:40] = False
    sampler = NoiseSampler(3, max_pairs=5000)
    for rows in np.array_split(np.arange(300), 7):
        sampler.update(cube[rows], valid[rows])
        assert sampler.n_pairs <= 5000
    assert sampler.stride > 1
    noise, _, _ = sampler.estimate()
    assert noise == pytest.approx(sigma, rel=0.1)
    assert np.isnan(NoiseSampler(2).estimate()[2]).all()
    assert image_noise(np.ones((4, 4, 1)))[2][0] == np.inf


def test_noise_from_differences_is_the_mad_over_sqrt_two():
    differences = np.array([[-2.0], [-1.0], [0.0], [1.0], [2.0], [100.0]])
    noise, level, snr = noise_from_differences(differences, np.full((6, 1), 3.0))
    assert noise[0] == pytest.approx(1.4826 * 1.5 / np.sqrt(2.0))
    assert level[0] == 3.0 and snr[0] == pytest.approx(3.0 / noise[0])


def test_overlap_bands_of_gf5_ahsi():
    in_vnir, in_swir, shared = overlap_bands(VNIR, SWIR)
    assert shared == (1004.0, 1029.0)
    assert np.flatnonzero(in_vnir).tolist() == [144, 145, 146, 147, 148, 149]
    assert np.flatnonzero(in_swir).tolist() == [0, 1, 2]
    with pytest.raises(OverlapError, match="must start and end below"):
        overlap_bands(SWIR, VNIR)
    assert overlap_bands([400.0, 500.0], [600.0, 700.0])[2] is None


@pytest.mark.parametrize("noisier, dropped", [("vnir", "vnir"), ("swir", "swir")])
def test_automatic_choice_drops_the_noisier_detector(noisier, dropped):
    vnir_snr, swir_snr = np.full(150, 200.0), np.full(180, 200.0)
    (vnir_snr if noisier == "vnir" else swir_snr)[:] = 50.0
    decision = decide_overlap(VNIR, SWIR, vnir_snr, swir_snr)
    assert decision.dropped == dropped and decision.reason == "noise"
    kept = decision.keep_vnir.sum() + decision.keep_swir.sum()
    assert kept == (324 if dropped == "vnir" else 327)
    order, nm = stacked_order(VNIR, SWIR, decision)
    assert nm.size == kept and np.all(np.diff(nm) > 0)
    assert (VNIR[decision.keep_vnir].max() < 1004.0) if dropped == "vnir" else (SWIR[decision.keep_swir].min() > 1029.0)


def test_only_the_overlap_bands_count_and_the_user_can_choose():
    vnir_snr, swir_snr = np.full(150, 500.0), np.full(180, 100.0)
    vnir_snr[144:] = 20.0                        # VNIR poor only past 1000 nm
    decision = decide_overlap(VNIR, SWIR, vnir_snr, swir_snr)
    assert decision.dropped == "vnir" and decision.vnir_snr == 20.0 and decision.swir_snr == 100.0
    forced = decide_overlap(VNIR, SWIR, keep="vnir")
    assert forced.dropped == "swir" and forced.reason == "user" and np.isnan(forced.vnir_snr)
    assert decide_overlap(VNIR, SWIR, keep="swir").keep_vnir.sum() == 144
    with pytest.raises(ValueError, match="needs the SNR"):
        decide_overlap(VNIR, SWIR)
    apart = decide_overlap([400.0, 500.0], [600.0, 700.0], keep="automatic")
    assert apart.dropped is None and apart.keep_vnir.all() and apart.keep_swir.all()


def test_repeated_wavelengths_are_refused():
    decision = decide_overlap([400.0, 400.0, 500.0], [600.0, 700.0], keep="vnir")
    with pytest.raises(OverlapError, match="share a wavelength"):
        stacked_order([400.0, 400.0, 500.0], [600.0, 700.0], decision)


def test_band_ranges_for_the_log():
    assert describe_bands([143, 144, 145, 149]) == "144-146, 150"
    assert describe_bands([]) == "none"
