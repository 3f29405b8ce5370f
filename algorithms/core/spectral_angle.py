"""Spectral angle (SAM, Kruse et al. 1993): the angle between spectra, blind to brightness.

A reference measured over part of the range (NaN elsewhere) is compared on its own bands only:
the pixel's norm is taken over the same bands, so a 1.3-2.5 um mineral spectrum still gives a
meaningful angle against a 0.4-2.5 um image.
"""
import numpy as np

from .linalg import float64_rows, matmul


def spectral_angles(pixels, references):
    """Angles in degrees between every pixel and every reference.

    Parameters: pixels (n_pixels, n_bands), finite; references (n_refs, n_bands), NaN where a
    reference has no value. Returns: (n_pixels, n_refs) float64; NaN where a spectrum is all zero
    on the compared bands or a reference has no finite value.
    """
    references = np.asarray(references, dtype=float)
    finite = np.isfinite(references)
    filled = np.where(finite, references, 0.0)
    reference_norms = np.linalg.norm(filled, axis=1)[None, :]
    cosine = np.empty((len(pixels), len(references)))
    for start, rows in float64_rows(pixels):
        dots = matmul(rows, filled.T)
        if finite.all():
            pixel_norms = np.linalg.norm(rows, axis=1)[:, None]
        else:
            pixel_norms = np.sqrt(matmul(rows ** 2, finite.T.astype(float)))
        with np.errstate(invalid="ignore", divide="ignore"):
            cosine[start:start + len(rows)] = dots / (pixel_norms * reference_norms)
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))


class ClosestPixels:
    """The pixel with the smallest angle to each reference, over blocks of (indices, pixels)."""

    def __init__(self, n_references):
        self.angle = np.full(n_references, np.inf)
        self.index = np.full(n_references, -1, dtype=np.int64)

    def update(self, indices, angles):
        """angles (n, n_references) of the pixels with global indices (n,)."""
        if len(indices) == 0:
            return self
        filled = np.where(np.isnan(angles), np.inf, angles)
        best = filled.argmin(axis=0)
        value = filled[best, np.arange(filled.shape[1])]
        better = value < self.angle
        self.angle[better] = value[better]
        self.index[better] = np.asarray(indices)[best[better]]
        return self
