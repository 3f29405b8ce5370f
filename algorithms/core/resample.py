"""Resample spectra from one wavelength grid to another (a lab library onto a sensor's bands).

Linear interpolation is what the PCCEE paper uses; a Gaussian spectral response function is the
physically better choice when the sensor's band widths (FWHM) are known, because a 3 nm AHSI band
integrates the lab spectrum over its width instead of sampling it at one point.
"""
import numpy as np

from .linalg import matmul
from .messages import QT_TRANSLATE_NOOP
from .wavelengths import WavelengthError

_FWHM_TO_SIGMA = 1.0 / (2.0 * np.sqrt(2.0 * np.log(2.0)))
#: A target band whose response the source covers by less than this fraction is left undefined.
MIN_COVERAGE = 0.5


def _sorted_source(spectra, source_nm):
    source_nm = np.asarray(source_nm, dtype=float)
    spectra = np.atleast_2d(np.asarray(spectra, dtype=float))
    if spectra.shape[1] != source_nm.size:
        raise WavelengthError(QT_TRANSLATE_NOOP(
            "core", "Spectra have {} values but the grid has {} wavelengths."), spectra.shape[1], source_nm.size)
    order = np.argsort(source_nm)
    return spectra[:, order], source_nm[order]


def overlap(source_nm, target_nm):
    """Boolean mask of target wavelengths inside the source's range."""
    source_nm = np.asarray(source_nm, dtype=float)
    target_nm = np.asarray(target_nm, dtype=float)
    return (target_nm >= np.nanmin(source_nm)) & (target_nm <= np.nanmax(source_nm))


def resample_linear(spectra, source_nm, target_nm):
    """Linear interpolation of every spectrum at the target wavelengths.

    Parameters: spectra (n_spectra, n_source); source_nm (n_source,); target_nm (n_target,).
    Returns: (n_spectra, n_target) float64, NaN outside the source range (never extrapolated).
    NaN values in the source (gaps in a measurement) are skipped per spectrum.
    """
    spectra, source_nm = _sorted_source(spectra, source_nm)
    target_nm = np.asarray(target_nm, dtype=float)
    inside = overlap(source_nm, target_nm)
    result = np.full((spectra.shape[0], target_nm.size), np.nan)
    gappy = np.isnan(spectra).any(axis=1)
    # One interpolation matrix for all complete spectra: an (n_source, n_target) product.
    if (~gappy).any():
        weights = _linear_weights(source_nm, target_nm[inside])
        result[np.ix_(~gappy, inside)] = matmul(spectra[~gappy], weights)
    for row in np.flatnonzero(gappy):
        good = ~np.isnan(spectra[row])
        if good.sum() >= 2:
            keep = inside & overlap(source_nm[good], target_nm)
            result[row, keep] = np.interp(target_nm[keep], source_nm[good], spectra[row, good])
    return result


def _linear_weights(source_nm, target_nm):
    """Sparse-by-construction matrix W with spectra @ W = linear interpolation at target_nm."""
    right = np.clip(np.searchsorted(source_nm, target_nm, side="right"), 1, source_nm.size - 1)
    left = right - 1
    span = source_nm[right] - source_nm[left]
    fraction = np.where(span > 0, (target_nm - source_nm[left]) / np.where(span > 0, span, 1.0), 0.0)
    weights = np.zeros((source_nm.size, target_nm.size))
    columns = np.arange(target_nm.size)
    weights[left, columns] += 1.0 - fraction
    weights[right, columns] += fraction
    return weights


def resample_gaussian(spectra, source_nm, target_nm, fwhm_nm):
    """Convolve every spectrum with a Gaussian response of the given FWHM at each target band.

    Each source sample is weighted by the response times the width it represents (trapezoid rule),
    so irregular source grids are handled. A target band is NaN where the source covers less than
    half of its response (outside the range, or inside a gap such as removed water-vapour bands).

    Parameters: spectra (n_spectra, n_source); source_nm (n_source,); target_nm and fwhm_nm
    (n_target,) or a scalar FWHM. Returns (n_spectra, n_target) float64.
    """
    spectra, source_nm = _sorted_source(spectra, source_nm)
    target_nm = np.asarray(target_nm, dtype=float)
    fwhm_nm = np.broadcast_to(np.asarray(fwhm_nm, dtype=float), target_nm.shape)
    if np.any(~np.isfinite(fwhm_nm)) or np.any(fwhm_nm <= 0):
        raise WavelengthError(QT_TRANSLATE_NOOP("core", "FWHM values must be positive."))
    sigma = fwhm_nm * _FWHM_TO_SIGMA
    response = np.exp(-0.5 * ((source_nm[:, None] - target_nm[None, :]) / sigma[None, :]) ** 2)
    weights = response * _sample_widths(source_nm)[:, None]
    coverage = weights.sum(axis=0) / (sigma * np.sqrt(2.0 * np.pi))
    valid = ~np.isnan(spectra)
    numerator = matmul(np.where(valid, spectra, 0.0), weights)
    denominator = matmul(valid.astype(float), weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = numerator / denominator
    covered = (denominator / np.maximum(weights.sum(axis=0), 1e-300)) * coverage[None, :]
    result[covered < MIN_COVERAGE] = np.nan
    return result


def _sample_widths(source_nm):
    """Width of wavelength each sample stands for; a gap counts no more than twice the usual step."""
    if source_nm.size < 2:
        return np.ones(source_nm.size)
    steps = np.diff(source_nm)
    cap = 2.0 * np.median(steps)
    steps = np.minimum(steps, cap)
    widths = np.empty(source_nm.size)
    widths[0] = steps[0]
    widths[-1] = steps[-1]
    widths[1:-1] = 0.5 * (steps[:-1] + steps[1:])
    return widths
