"""Resampling spectra to a sensor grid: linear and Gaussian, against hand-computed values."""
import numpy as np
import pytest
from scipy.special import erf

from pccee.algorithms.core.resample import resample_gaussian, resample_linear
from pccee.algorithms.core.spectral_library import SpectralLibrary


def test_linear_matches_hand_computation():
    source = np.array([400.0, 410.0, 420.0])
    spectra = np.array([[0.10, 0.30, 0.20], [1.0, 2.0, 4.0]])
    result = resample_linear(spectra, source, [402.5, 415.0, 420.0])
    # 402.5 nm is a quarter of the way from 0.10 to 0.30; 415 nm half way from 0.30 to 0.20.
    assert result[0] == pytest.approx([0.15, 0.25, 0.20])
    assert result[1] == pytest.approx([1.25, 3.0, 4.0])


def test_linear_never_extrapolates_and_handles_gaps_and_order():
    source = np.array([420.0, 400.0, 410.0, 430.0])
    spectra = np.array([[3.0, 1.0, np.nan, 4.0]])
    result = resample_linear(spectra, source, [390.0, 405.0, 425.0, 440.0])
    assert np.isnan(result[0, 0]) and np.isnan(result[0, 3])
    assert result[0, 1] == pytest.approx(1.5)  # between 400 (1.0) and 420 (3.0), 410 is missing
    assert result[0, 2] == pytest.approx(3.5)


def test_gaussian_preserves_a_linear_spectrum_and_integrates_a_step():
    source = np.arange(400.0, 1001.0, 1.0)
    ramp = (source / 1000.0)[None, :]
    assert resample_gaussian(ramp, source, [500.0, 700.0], 10.0)[0] == pytest.approx([0.5, 0.7], abs=1e-9)
    step = (source >= 700.0).astype(float)[None, :]
    fwhm = 20.0
    sigma = fwhm / (2 * np.sqrt(2 * np.log(2)))
    centre = 705.0
    # Response-weighted mean of a step at 700 nm (sample at 700 counts from 699.5): the normal CDF.
    expected = 0.5 * (1 + erf((centre - 699.5) / (sigma * np.sqrt(2))))
    assert resample_gaussian(step, source, [centre], fwhm)[0, 0] == pytest.approx(expected, abs=2e-3)


def test_gaussian_leaves_gaps_and_outside_undefined():
    source = np.concatenate([np.arange(400.0, 1350.0, 10.0), np.arange(1460.0, 2000.0, 10.0)])
    spectra = np.ones((1, source.size))
    result = resample_gaussian(spectra, source, [380.0, 1000.0, 1400.0, 1500.0], 10.0)[0]
    assert np.isnan(result[0]) and np.isnan(result[2])
    assert result[1] == pytest.approx(1.0) and result[3] == pytest.approx(1.0)


def test_library_resampled_keeps_attributes():
    library = SpectralLibrary([[0.1, 0.3, 0.2]], [400.0, 410.0, 420.0], names=["soil"], classes=["soil"])
    resampled = library.resampled([405.0, 415.0])
    assert resampled.names == ["soil"] and resampled.classes == ["soil"]
    assert resampled.spectra[0] == pytest.approx([0.2, 0.25])
    assert resampled.wavelengths.tolist() == [405.0, 415.0]
