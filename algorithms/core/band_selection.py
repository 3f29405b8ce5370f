"""Which bands to keep: user-listed bad bands, water-vapour windows, and bands with no information.

Constant or all-NaN bands (detector dropouts, zeroed absorption bands in L2 products) break
spectral angles and least squares alike, so they are found over the whole scene, streamed.
"""
import re

import numpy as np

from .messages import CoreError, QT_TRANSLATE_NOOP
from .wavelengths import water_vapour_bands


class BandSelectionError(CoreError):
    """A band list that cannot be applied, or a selection that leaves too few bands."""


class BandStatistics:
    """Per-band minimum, maximum and finite-value count accumulated block by block."""

    def __init__(self, n_bands):
        self.minimum = np.full(n_bands, np.inf)
        self.maximum = np.full(n_bands, -np.inf)
        self.finite = np.zeros(n_bands, dtype=np.int64)

    def update(self, pixels, valid=None):
        """Add a block of pixels (n_pixels, n_bands); NaN/inf values are ignored, and so are the values where `valid`
        (a boolean array that broadcasts to the block: (n_pixels, 1) for whole pixels) is False. No copy of the
        block is made: the reductions skip what they must ignore."""
        mask = np.isfinite(pixels) if pixels.dtype.kind == "f" else None
        if valid is not None:
            mask = valid if mask is None else mask & valid
        if mask is None:  # integers, every value counts
            self.finite += len(pixels)
            if not len(pixels):
                return self
            low, high = pixels.min(axis=0), pixels.max(axis=0)
        else:
            counts = np.broadcast_to(mask, pixels.shape).sum(axis=0)
            self.finite += counts
            lowest, highest = _extremes(pixels.dtype)
            low = np.where(counts > 0, np.minimum.reduce(pixels, axis=0, where=mask, initial=highest), np.inf)
            high = np.where(counts > 0, np.maximum.reduce(pixels, axis=0, where=mask, initial=lowest), -np.inf)
        self.minimum = np.fmin(self.minimum, low)
        self.maximum = np.fmax(self.maximum, high)
        return self

    def uninformative(self):
        """Bands that are constant or hold no finite value over everything seen so far."""
        return (self.finite == 0) | (self.maximum <= self.minimum)


def _extremes(dtype):
    """(lowest, highest) value of a NumPy type: the starting values of a masked minimum and maximum."""
    info = np.finfo(dtype) if np.dtype(dtype).kind == "f" else np.iinfo(dtype)
    return info.min, info.max


def parse_band_list(text, n_bands):
    """0-based indices from a 1-based user list such as "1-3, 108, 154-166"."""
    indices = set()
    for token in [t for t in re.split(r"[\s,;]+", str(text or "").strip()) if t]:
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", token)
        if not match:
            raise BandSelectionError(QT_TRANSLATE_NOOP(
                "core", "'{}' is not a band number or a range such as 108-112."), token)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last > n_bands or last < first:
            raise BandSelectionError(QT_TRANSLATE_NOOP("core", "Band range '{}' is outside 1-{}."), token, n_bands)
        indices.update(range(first - 1, last))
    return np.array(sorted(indices), dtype=np.int64)


def select_bands(n_bands, drop=(), wavelengths_nm=None, drop_water_vapour=False,
                 uninformative=None, minimum=1):
    """Boolean mask of bands to keep.

    Parameters: n_bands; drop, 0-based indices; wavelengths_nm (n_bands,) needed for
    drop_water_vapour; uninformative, a boolean mask from BandStatistics; minimum, bands that
    must remain. Returns (n_bands,) bool.
    """
    keep = np.ones(n_bands, dtype=bool)
    keep[np.asarray(drop, dtype=np.int64)] = False
    if drop_water_vapour:
        if wavelengths_nm is None:
            raise BandSelectionError(QT_TRANSLATE_NOOP(
                "core", "Water-vapour bands can only be found when wavelengths are known."))
        keep &= ~water_vapour_bands(wavelengths_nm)
    if uninformative is not None:
        keep &= ~np.asarray(uninformative, dtype=bool)
    if keep.sum() < minimum:
        raise BandSelectionError(QT_TRANSLATE_NOOP(
            "core", "Only {} of {} bands remain after dropping bad bands; at least {} are needed."),
            int(keep.sum()), n_bands, minimum)
    return keep
