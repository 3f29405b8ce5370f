"""Join the two detectors of a push-broom imaging spectrometer (GF-5 AHSI: VNIR and SWIR) into one spectrum.

The VNIR detector (about 390-1029 nm) and the SWIR detector (about 1004-2513 nm) both record the
1004-1029 nm range. Keeping both would give a spectrum that goes back in wavelength and repeats a
stretch with two different responses; the usual practice is to drop the overlap of the detector that is
noisier there (for AHSI usually the VNIR, whose silicon loses sensitivity past 1000 nm). The noise is
estimated from the image itself: the difference of two horizontally adjacent pixels removes most of the
(spatially smooth) signal and keeps twice the noise variance, and its median absolute deviation ignores
the edges between fields.
"""
from typing import NamedTuple

import numpy as np

from .messages import CoreError, QT_TRANSLATE_NOOP

#: Median absolute deviation to standard deviation, for Gaussian noise.
MAD_TO_STD = 1.4826

KEEP_AUTOMATIC, KEEP_VNIR, KEEP_SWIR = "automatic", "vnir", "swir"


class OverlapError(CoreError):
    """Wavelength ranges that cannot be stacked as VNIR then SWIR."""


class NoiseSampler:
    """Differences of horizontally adjacent pixels and pixel values, gathered block by block.

    Memory stays bounded: past max_pairs pairs per band, every second stored pair is dropped and later
    blocks are thinned by the same stride, so the sample stays spread evenly over the scene.

    Parameters: n_bands; max_pairs, the most pairs kept.
    """

    def __init__(self, n_bands, max_pairs=200000):
        self.n_bands = int(n_bands)
        self.max_pairs = int(max_pairs)
        self.stride = 1
        self._differences, self._signal = [], []
        self._count = 0

    def update(self, block, valid=None):
        """Add a block (rows, cols, n_bands) of pixels; valid (rows, cols) marks usable pixels (default:
        those with every band finite). Pairs that straddle an invalid pixel are skipped."""
        block = np.asarray(block)
        if block.ndim != 3 or block.shape[2] != self.n_bands:
            raise ValueError("Expected a (rows, cols, {}) block, got {}.".format(self.n_bands, block.shape))
        rows, cols = block.shape[:2]
        if cols < 2:
            return self
        if valid is None:
            valid = np.isfinite(block).all(axis=2)
        # Left pixels of the valid pairs, thinned before any copy of the block is made.
        left = np.flatnonzero(valid[:, 1:] & valid[:, :-1])[::self.stride]
        left += left // (cols - 1)  # index in the (rows, cols - 1) pair grid -> index in the block
        flat = block.reshape(rows * cols, self.n_bands)
        signal = flat[left].astype(np.float64)
        differences = flat[left + 1] - signal
        self._differences.append(differences)
        self._signal.append(signal)
        self._count += len(differences)
        while self._count > self.max_pairs:
            self._differences = [np.concatenate(self._differences)[::2]]
            self._signal = [np.concatenate(self._signal)[::2]]
            self._count = len(self._differences[0])
            self.stride *= 2
        return self

    @property
    def n_pairs(self):
        return self._count

    def estimate(self):
        """(noise, signal, snr), each (n_bands,): the robust standard deviation of the noise, the median
        signal and their ratio; NaN where no pair was seen, inf where the noise is zero."""
        if self._count == 0:
            nan = np.full(self.n_bands, np.nan)
            return nan, nan.copy(), nan.copy()
        return noise_from_differences(np.concatenate(self._differences), np.concatenate(self._signal))


def noise_from_differences(differences, signal):
    """Per-band noise, median signal and SNR from adjacent-pixel differences.

    Parameters: differences (n_pairs, n_bands), x[i, j + 1] - x[i, j]; signal (n_pairs, n_bands), the
    pixel values. The noise is 1.4826 x MAD(differences) / sqrt(2) (a difference holds the noise of two
    pixels); SNR = median(signal) / noise.
    Returns: (noise, signal, snr), each (n_bands,) float64.

    Reference: Gao, B.-C. (1993), An operational method for estimating signal to noise ratios from data
    acquired with imaging spectrometers, Remote Sensing of Environment 43(1), 23-33 (local-variance
    estimate; here with differences of neighbours and a robust spread instead).
    """
    differences = np.asarray(differences, dtype=np.float64)
    centre = np.median(differences, axis=0)
    noise = MAD_TO_STD * np.median(np.abs(differences - centre), axis=0) / np.sqrt(2.0)
    level = np.median(np.asarray(signal, dtype=np.float64), axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        snr = np.where(noise > 0, np.abs(level) / np.where(noise > 0, noise, 1.0), np.inf)
    return noise, level, snr


def image_noise(cube, valid=None):
    """(noise, signal, snr) per band of a whole (rows, cols, n_bands) cube; see noise_from_differences."""
    cube = np.asarray(cube)
    return NoiseSampler(cube.shape[2], max_pairs=cube.shape[0] * cube.shape[1]).update(cube, valid).estimate()


class OverlapDecision(NamedTuple):
    """Which bands of each detector to keep.

    keep_vnir (n_vnir,) and keep_swir (n_swir,) boolean masks; dropped: "vnir", "swir" or None (ranges that
    do not overlap); overlap_nm: (start, end) of the shared range or None; vnir_snr and swir_snr: median SNR
    of each detector's bands inside the overlap (NaN when not estimated); reason: "noise" or "user".
    """
    keep_vnir: np.ndarray
    keep_swir: np.ndarray
    dropped: object
    overlap_nm: object
    vnir_snr: float
    swir_snr: float
    reason: str


def overlap_bands(vnir_nm, swir_nm):
    """(in_vnir, in_swir, range): the bands of each detector inside the other's wavelength range, and the
    shared range (None when the ranges do not meet). Raises OverlapError when the VNIR does not start
    below the SWIR (inputs swapped) or one range contains the other."""
    vnir_nm, swir_nm = np.asarray(vnir_nm, dtype=float), np.asarray(swir_nm, dtype=float)
    if vnir_nm.size == 0 or swir_nm.size == 0:
        raise OverlapError(QT_TRANSLATE_NOOP("core", "Both detectors need at least one band."))
    if not (vnir_nm.min() < swir_nm.min() and vnir_nm.max() < swir_nm.max()):
        raise OverlapError(QT_TRANSLATE_NOOP(
            "core", "The VNIR bands ({:.1f}-{:.1f} nm) must start and end below the SWIR bands ({:.1f}-{:.1f} nm)."),
            vnir_nm.min(), vnir_nm.max(), swir_nm.min(), swir_nm.max())
    start, end = swir_nm.min(), vnir_nm.max()
    if start > end:
        return np.zeros(vnir_nm.size, bool), np.zeros(swir_nm.size, bool), None
    return vnir_nm >= start, swir_nm <= end, (float(start), float(end))


def decide_overlap(vnir_nm, swir_nm, vnir_snr=None, swir_snr=None, keep=KEEP_AUTOMATIC):
    """Drop the overlapping bands of one detector so that the stacked wavelengths rise without repeats.

    Parameters: vnir_nm (n_vnir,), swir_nm (n_swir,) band centres in nm; vnir_snr, swir_snr: per-band SNR
    of each detector (only the bands inside the overlap are used; needed when keep is "automatic");
    keep: "automatic" (drop the overlap of the detector with the lower median SNR there; the VNIR's on a
    tie), "vnir" (drop the SWIR's overlap) or "swir" (drop the VNIR's).
    Returns: an OverlapDecision.
    """
    if keep not in (KEEP_AUTOMATIC, KEEP_VNIR, KEEP_SWIR):
        raise ValueError("keep must be 'automatic', 'vnir' or 'swir', not {!r}.".format(keep))
    in_vnir, in_swir, shared = overlap_bands(vnir_nm, swir_nm)
    keep_vnir, keep_swir = np.ones(in_vnir.size, bool), np.ones(in_swir.size, bool)
    if shared is None:
        return OverlapDecision(keep_vnir, keep_swir, None, None, np.nan, np.nan, "none")
    vnir_median = swir_median = np.nan
    if vnir_snr is not None and swir_snr is not None:
        vnir_median = float(np.nanmedian(np.asarray(vnir_snr, dtype=float)[in_vnir]))
        swir_median = float(np.nanmedian(np.asarray(swir_snr, dtype=float)[in_swir]))
    if keep == KEEP_AUTOMATIC:
        if np.isnan(vnir_median) or np.isnan(swir_median):
            raise ValueError("Automatic choice needs the SNR of both detectors' overlapping bands.")
        keep = KEEP_SWIR if vnir_median <= swir_median else KEEP_VNIR
        reason = "noise"
    else:
        reason = "user"
    if keep == KEEP_SWIR:
        keep_vnir &= ~in_vnir
    else:
        keep_swir &= ~in_swir
    dropped = "vnir" if keep == KEEP_SWIR else "swir"
    return OverlapDecision(keep_vnir, keep_swir, dropped, shared, vnir_median, swir_median, reason)


def stacked_order(vnir_nm, swir_nm, decision):
    """Indices into concatenate([vnir kept, swir kept]) that sort the stacked bands by wavelength, and the
    sorted wavelengths. Raises OverlapError when two kept bands share a wavelength."""
    nm = np.concatenate([np.asarray(vnir_nm, float)[decision.keep_vnir],
                         np.asarray(swir_nm, float)[decision.keep_swir]])
    order = np.argsort(nm, kind="stable")
    if np.any(np.diff(nm[order]) <= 0):
        raise OverlapError(QT_TRANSLATE_NOOP(
            "core", "Two stacked bands share a wavelength ({:.1f} nm)."),
            nm[order][np.flatnonzero(np.diff(nm[order]) <= 0)[0]])
    return order, nm[order]


def describe_bands(indices):
    """'145-150' (1-based ranges) from 0-based band indices, for the log; 'none' when empty."""
    indices = np.asarray(indices, dtype=np.int64)
    if indices.size == 0:
        return "none"
    breaks = np.flatnonzero(np.diff(indices) != 1)
    starts, ends = np.r_[indices[0], indices[breaks + 1]], np.r_[indices[breaks], indices[-1]]
    return ", ".join(str(a + 1) if a == b else "{}-{}".format(a + 1, b + 1) for a, b in zip(starts, ends))
