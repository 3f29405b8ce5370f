"""Top-K optimisation of PCCEE: keep the candidates closest to the physical prior.

Each candidate endmember is ranked by its smallest spectral angle to the prior library and labelled
with the class of that nearest prior spectrum; the K best are kept, at most one per class unless
allowed, so the library holds K distinct, physically interpretable materials.
"""
import warnings
from typing import NamedTuple

import numpy as np

from .messages import CoreError, QT_TRANSLATE_NOOP
from .spectral_angle import spectral_angles


class TopKError(CoreError):
    """K cannot be met by the candidates or classes at hand."""


class Ranking(NamedTuple):
    """selected: positions of the kept candidates, best first; angle and nearest class per candidate."""
    selected: np.ndarray
    angle: np.ndarray
    nearest_class: list


def _angle_to_class_mean(candidates, prior, prior_classes, nearest_class):
    """Tie-break: the angle of each candidate to the mean spectrum of its nearest class. With an
    image-derived prior many candidates sit at 0 degrees; the one nearest its class's mean is typical."""
    classes = np.asarray(prior_classes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # bands no spectrum of a class covers stay NaN
        means = {c: np.nanmean(prior[classes == c], axis=0) for c in set(prior_classes)}
    return np.array([spectral_angles(candidates[i:i + 1], means[c][None, :])[0, 0]
                     for i, c in enumerate(nearest_class)])


def rank_candidates(candidates, prior, prior_classes, k, one_per_class=True, up_to=False):
    """Rank candidates (n, bands) by their smallest angle to prior (m, bands), to 0.01 degree, then by
    their angle to the mean of that class, and keep k of them; up_to: k at most, fewer when the
    candidates or the classes they match run out, instead of an error."""
    n_candidates = len(candidates)
    if up_to:
        k = min(k, n_candidates, len(set(prior_classes)) if one_per_class else n_candidates)
    if k > n_candidates:
        raise TopKError(QT_TRANSLATE_NOOP(
            "core", "K = {} but there are only {} candidate endmembers."), k, n_candidates)
    angles = spectral_angles(candidates, prior)
    filled = np.where(np.isnan(angles), np.inf, angles)
    nearest = filled.argmin(axis=1)
    angle = filled[np.arange(n_candidates), nearest]
    nearest_class = [prior_classes[i] for i in nearest]
    order = np.lexsort((np.arange(n_candidates), _angle_to_class_mean(candidates, prior, prior_classes, nearest_class),
                        np.round(angle, 2)))
    if not one_per_class:
        return Ranking(order[:k], angle, nearest_class)
    classes = sorted(set(prior_classes))
    if k > len(classes):
        raise TopKError(QT_TRANSLATE_NOOP(
            "core", "K = {} but the prior library has only {} classes ({}); allow several endmembers per class or "
                    "lower K."), k, len(classes), ", ".join(classes))
    kept, taken = [], set()
    for position in order:
        if nearest_class[position] not in taken and np.isfinite(angle[position]):
            kept.append(position)
            taken.add(nearest_class[position])
        if len(kept) == k:
            break
    if len(kept) < k and not up_to:
        raise TopKError(QT_TRANSLATE_NOOP(
            "core", "The candidates match only {} of the {} prior classes ({}); add candidates or lower K."),
            len(taken), len(classes), ", ".join(sorted(taken)))
    return Ranking(np.array(kept, dtype=np.int64), angle, nearest_class)
