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

    A neighbour resembles the candidate when their angle is within max_angle degrees, or within twice the
    angle between that neighbour and its most similar other neighbour (its own pixel-to-pixel variation):
    dark, noisy materials (water) vary more from pixel to pixel than bright ones, while an outlier differs
    from neighbours that each have a close match among the others. (A threshold from the median over all
    pairs of neighbours would not do: at a field edge the neighbours form two groups far apart, and an
    outlier there looked supported; one from the median over the neighbours would drop the pixels of a
    narrow river, whose few water neighbours are noisy among quiet land ones.)

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
        closest = np.nanmin(np.where(off_diagonal, mutual, np.nan), axis=2)
    threshold = np.fmax(max_angle, 2.0 * closest)
    return np.sum(to_centre <= threshold, axis=1)


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


def most_typical(spectra):
    """Position of the spectrum closest (spectral angle) to the band-wise median of the group: its typical
    member, robust to noisy extremes and to a few outliers (NaN rows, invalid pixels, are never chosen).

    Parameters: spectra (n, bands). Returns an int position.
    """
    spectra = np.asarray(spectra, dtype=float)
    valid = np.isfinite(spectra).all(axis=1)
    if not valid.any():
        return 0
    median = np.median(spectra[valid], axis=0)
    angles = spectral_angles(np.where(valid[:, None], spectra, 1.0), median[None, :])[:, 0]
    return int(np.argmin(np.where(valid & np.isfinite(angles), angles, np.inf)))


#: Separation angles tried, as fractions of the one asked for, when too few candidates lie that far apart.
RELAXATION = (1.0, 0.5, 0.25, 0.125)


def select_apart_filled(spectra, rows, cols, count, min_angle, min_distance):
    """select_apart, then as many as asked for when the scene allows: when fewer than `count` candidates lie
    min_angle apart (a large scene's extremes gather on few materials), the separation is halved (down to
    an eighth), and the rest is filled with the next candidates in order that are min_distance pixels
    from every one kept (distinct pixels of the materials already found).

    Returns (positions, separation used in degrees, number filled without separation).
    """
    kept = np.empty(0, dtype=np.int64)
    for fraction in RELAXATION:
        kept = select_apart(spectra, rows, cols, count, min_angle * fraction, min_distance)
        if len(kept) >= count:
            return kept, min_angle * fraction, 0
    separation = min_angle * RELAXATION[-1]
    filled = 0
    chosen = list(kept)
    for position in range(len(spectra)):
        if len(chosen) >= count:
            break
        if position in chosen:
            continue
        distance = np.hypot(rows[chosen] - rows[position], cols[chosen] - cols[position]) if chosen else np.inf
        if np.all(distance >= min_distance):
            chosen.append(position)
            filled += 1
    return np.array(chosen, dtype=np.int64), separation, filled
