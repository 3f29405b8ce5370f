"""Spectral angle (SAM, Kruse et al. 1993): the angle between spectra, blind to brightness."""
import numpy as np

from .linalg import matmul


def spectral_angles(pixels, references):
    """Angles in degrees between every pixel and every reference.

    Parameters: pixels (n_pixels, n_bands); references (n_refs, n_bands).
    Returns: (n_pixels, n_refs) float64; NaN where a spectrum is all zero.
    """
    pixels = np.asarray(pixels, dtype=float)
    references = np.asarray(references, dtype=float)
    norms = np.linalg.norm(pixels, axis=1)[:, None] * np.linalg.norm(references, axis=1)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = matmul(pixels, references.T) / norms
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))
