"""Vertex Component Analysis (Nascimento and Bioucas-Dias, 2005, IEEE TGRS 43(4)).

The PCA branch of the method: mean removed, projected on the leading principal axes, lifted by a
constant coordinate so that the data sit on an affine hyperplane; then each of the p iterations
projects all pixels on a random direction orthogonal to the endmembers found so far (and to the lift
axis) and keeps the pixel with the largest absolute projection, or, with a tail of t pixels, the one a
`choose` callback prefers among the t largest (the plugin takes the tail's most typical pixel: a single
extreme is often noise or an outlier). Every iteration is one pass over blocks, so the scene
streams; `blocks` is a callable that returns a fresh iterable of (pixel indices, reduced pixels).
"""
import numpy as np

from .linalg import matmul
from .messages import CoreError, QT_TRANSLATE_NOOP

#: Projections below this fraction of the largest pixel norm are rounding: the pixel lies on the span found.
SPAN_TOLERANCE = 1e-6


def vca(blocks, n_endmembers, rng, tail=1, choose=None):
    """Indices of n_endmembers vertex pixels.

    Parameters: blocks, callable -> iterable of (indices (n,), reduced (n, d)) with d >= p - 1,
    mean removed; n_endmembers p; rng, numpy Generator; tail, how many pixels with the largest projection
    each iteration keeps (1: the classic single extreme); choose, callable(indices (t,)) -> position of the
    vertex among them, ordered by decreasing projection (default: the first, as in the paper). Returns
    (p,) int64 pixel indices, fewer when the pixels span fewer dimensions (no pixel lies off the span of the
    vertices found: a new one would repeat one).

    As in Nascimento and Bioucas-Dias's code, the vertex matrix starts with the lifting axis, so even the
    first direction lies in the data's subspace (a direction along the constant lift would rank the
    pixels by their distance to one side of the cloud, not by how extreme they are).
    """
    lift = 0.0
    for _, reduced in blocks():
        if len(reduced):
            lift = max(lift, float(np.sqrt((np.asarray(reduced, dtype=float) ** 2).sum(axis=1)).max()))
    found = []
    vertices = None
    for _ in range(n_endmembers):
        direction = None
        top_values, top_indices, top_points = np.empty(0), np.empty(0, dtype=np.int64), None
        for indices, reduced in blocks():
            if not len(reduced):
                continue
            lifted = np.hstack([np.asarray(reduced, dtype=float), np.full((len(reduced), 1), lift)])
            if direction is None:
                axis = np.zeros((lifted.shape[1], 1))
                axis[-1, 0] = 1.0
                direction = _orthogonal_direction(axis if vertices is None else vertices, lifted.shape[1], rng)
            values = np.abs(matmul(lifted, direction))
            best = _largest(values, tail)
            top_values = np.concatenate([top_values, values[best]])
            top_indices = np.concatenate([top_indices, np.asarray(indices)[best].astype(np.int64)])
            top_points = lifted[best] if top_points is None else np.vstack([top_points, lifted[best]])
            keep = _largest(top_values, tail)
            keep = keep[np.argsort(-top_values[keep], kind="stable")]
            top_values, top_indices, top_points = top_values[keep], top_indices[keep], top_points[keep]
        if top_points is None:
            raise CoreError(QT_TRANSLATE_NOOP("core", "VCA found no valid pixels."))
        if top_values[0] <= SPAN_TOLERANCE * max(lift, np.finfo(float).tiny):
            break
        fresh = ~np.isin(top_indices, found)
        if not fresh.any():
            break
        top_values, top_indices, top_points = top_values[fresh], top_indices[fresh], top_points[fresh]
        position = 0 if choose is None else int(choose(top_indices))
        found.append(int(top_indices[position]))
        point = top_points[position][:, None]
        vertices = point if vertices is None else np.hstack([vertices, point])
    return np.array(found, dtype=np.int64)


def _largest(values, count):
    """Positions of the `count` largest values (all of them when there are fewer)."""
    if len(values) <= count:
        return np.arange(len(values))
    return np.argpartition(-values, count - 1)[:count]


def _orthogonal_direction(vertices, dims, rng):
    """A random unit vector orthogonal to the span of the vertices found so far."""
    weights = rng.random(dims)
    if vertices is not None:
        weights = weights - vertices @ (np.linalg.pinv(vertices) @ weights)
    return weights / np.linalg.norm(weights)
