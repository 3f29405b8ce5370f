"""From scored pixels to endmembers: drop isolated outliers, keep candidates apart.

PPI favours whatever is extreme, including a single hot or saturated pixel. A genuine material
occupies more than one pixel, so a candidate must have spectrally similar neighbours (the spatial
filter of the PCCEE paper). Ten endmembers must also be ten materials, not ten pixels of one field,
so a candidate too close (spectrally or on the ground) to one already kept is skipped.
"""
import warnings

import numpy as np

from .spectral_angle import spectral_angles


def neighbour_support(centres, neighbourhoods, max_angle):
    """How many neighbours of each candidate resemble it.

    A neighbour resembles the candidate when their angle is within max_angle degrees, or within twice
    the median angle between the neighbours themselves: dark, noisy materials (water) vary more from
    pixel to pixel than bright ones, while an outlier differs from neighbours that agree with each other.

    Parameters: centres (n, bands); neighbourhoods (n, m, bands) with NaN rows for neighbours off
    the image or invalid. Returns (n,) int counts.
    """
    centres = np.asarray(centres, dtype=float)
    neighbourhoods = np.asarray(neighbourhoods, dtype=float)
    unit = neighbourhoods / np.linalg.norm(neighbourhoods, axis=2, keepdims=True)
    centre_unit = centres / np.linalg.norm(centres, axis=1, keepdims=True)
    to_centre = np.degrees(np.arccos(np.clip(np.einsum("nb,nmb->nm", centre_unit, unit), -1.0, 1.0)))
    mutual = np.degrees(np.arccos(np.clip(np.einsum("nib,njb->nij", unit, unit), -1.0, 1.0)))
    off_diagonal = ~np.eye(unit.shape[1], dtype=bool)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN neighbourhoods (image corners)
        spread = np.nanmedian(np.where(off_diagonal, mutual, np.nan).reshape(len(centres), -1), axis=1)
    threshold = np.fmax(max_angle, 2.0 * spread)
    return np.sum(to_centre <= threshold[:, None], axis=1)


def select_apart(spectra, rows, cols, count, min_angle, min_distance):
    """Positions (into the given candidate order) of up to `count` candidates, each at least
    min_angle degrees from every one kept before it and min_distance pixels away from it."""
    kept = []
    for position in range(len(spectra)):
        if kept:
            angles = spectral_angles(spectra[position:position + 1], spectra[kept])[0]
            distance = np.hypot(rows[kept] - rows[position], cols[kept] - cols[position])
            if np.any(angles < min_angle) or np.any(distance < min_distance):
                continue
        kept.append(position)
        if len(kept) == count:
            break
    return np.array(kept, dtype=np.int64)
