"""Vertex Component Analysis (Nascimento and Bioucas-Dias, 2005, IEEE TGRS 43(4)).

The PCA branch of the method: mean removed, projected on the leading principal axes, lifted by a
constant coordinate so that the data sit on an affine hyperplane; then each of the p iterations
projects all pixels on a random direction orthogonal to the endmembers found so far and keeps the
pixel with the largest absolute projection. Every iteration is one pass over blocks, so the scene
streams; `blocks` is a callable that returns a fresh iterable of (pixel indices, reduced pixels).
"""
import numpy as np

from .linalg import matmul

#: Projections below this fraction of the largest pixel norm are rounding: the pixel lies on the span found.
SPAN_TOLERANCE = 1e-6


def vca(blocks, n_endmembers, rng):
    """Indices of n_endmembers vertex pixels.

    Parameters: blocks, callable -> iterable of (indices (n,), reduced (n, d)) with d >= p - 1,
    mean removed; n_endmembers p; rng, numpy Generator. Returns (p,) int64 pixel indices, fewer when the
    pixels span fewer dimensions (no pixel lies off the span of the vertices found: a new one would repeat one).
    """
    lift = 0.0
    for _, reduced in blocks():
        if len(reduced):
            lift = max(lift, float(np.sqrt((np.asarray(reduced, dtype=float) ** 2).sum(axis=1)).max()))
    found = []
    vertices = None
    for _ in range(n_endmembers):
        dims = None
        best_value, best_index, best_point = -1.0, -1, None
        direction = None
        for indices, reduced in blocks():
            if not len(reduced):
                continue
            lifted = np.hstack([np.asarray(reduced, dtype=float), np.full((len(reduced), 1), lift)])
            if direction is None:
                dims = lifted.shape[1]
                direction = _orthogonal_direction(vertices, dims, rng)
            values = np.abs(matmul(lifted, direction))
            position = int(values.argmax())
            if values[position] > best_value:
                best_value, best_index, best_point = values[position], int(indices[position]), lifted[position]
        if best_point is None:
            raise ValueError("VCA found no valid pixels.")
        if best_value <= SPAN_TOLERANCE * max(lift, np.finfo(float).tiny):
            break
        found.append(best_index)
        vertices = best_point[:, None] if vertices is None else np.hstack([vertices, best_point[:, None]])
    return np.array(found, dtype=np.int64)


def _orthogonal_direction(vertices, dims, rng):
    """A random unit vector orthogonal to the span of the vertices found so far."""
    weights = rng.random(dims)
    if vertices is not None:
        weights = weights - vertices @ (np.linalg.pinv(vertices) @ weights)
    return weights / np.linalg.norm(weights)
