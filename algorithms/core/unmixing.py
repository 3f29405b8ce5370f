"""Linear unmixing of many pixels against one set of endmembers: UCLS, exact NNLS and FCLS.

All pixels share the endmembers, so the normal equations share the K x K Gram matrix G = E E^T;
only b = E y differs per pixel. NNLS is Lawson and Hanson's active-set method (as SciPy's nnls) run
for every pixel of a block at once: pixels are grouped by their passive set, and each group is solved
with one product by that set's inverse (the combinatorial idea of Van Benthem and Keenan, 2004, J.
Chemometrics 18, 441-450), starting from the unconstrained solution clipped at zero rather than from
zero, which saves most iterations. FCLS (Heinz and Chang, 2001) is the same method with the sum-to-one
constraint kept exactly: it solves each passive set with the bordered system [[G_PP, 1], [1^T, 0]],
whose last unknown is the constraint's multiplier.
"""
import numpy as np

from .linalg import matmul
from .messages import CoreError, QT_TRANSLATE_NOOP
from .spectral_angle import spectral_angles


class UnmixingError(CoreError):
    """Endmembers that cannot unmix these pixels."""


#: Pixels converted to float64 at a time for the projection E y (16384 x 330 bands = 41 MiB).
PROJECTION_CHUNK = 16384


class LinearUnmixer:
    """Unmixes pixels against endmembers (K, bands) by 'ucls', 'nnls' or 'fcls'."""

    def __init__(self, endmembers, method="nnls"):
        self.endmembers = np.asarray(endmembers, dtype=np.float64)
        k, n_bands = self.endmembers.shape
        if k == 0:
            raise UnmixingError(QT_TRANSLATE_NOOP("core", "The endmember library is empty."))
        if n_bands < k:
            raise UnmixingError(QT_TRANSLATE_NOOP(
                "core", "{} endmembers need at least {} bands; there are {}."), k, k, n_bands)
        if method not in ("ucls", "nnls", "fcls"):
            raise UnmixingError(QT_TRANSLATE_NOOP("core", "Unknown method {}."), method)
        self.method = method
        self.gram = matmul(self.endmembers, self.endmembers.T)
        self.condition = float(np.linalg.cond(self.gram))
        self._inverses = {}

    def abundances(self, pixels):
        """(n_pixels, K) abundances of pixels (n_pixels, bands). The normal equations (E y and the Gram
        matrix) are formed in float64 whatever the pixels' type: with similar endmembers (two soils) the
        Gram matrix is ill-conditioned, and float32 products (7 digits) then shift the abundances by
        several percent (measured: 0.04 for two soils 0.35 degrees apart, condition 2.6e5). Float32 blocks
        are converted chunk by chunk, so a block is never held twice in float64."""
        pixels = np.asarray(pixels)
        rhs = np.empty((len(self.endmembers), len(pixels)))
        for start in range(0, len(pixels), PROJECTION_CHUNK):
            chunk = np.asarray(pixels[start:start + PROJECTION_CHUNK], dtype=np.float64)
            rhs[:, start:start + PROJECTION_CHUNK] = matmul(self.endmembers, chunk.T)
        if self.method == "ucls":
            return np.ascontiguousarray(matmul(np.linalg.pinv(self.gram), rhs).T)
        return np.ascontiguousarray(nnls_gram(self.gram, rhs, self._inverses, sum_to_one=self.method == "fcls").T)

    @property
    def components_(self):
        """The endmembers the pixels are reconstructed from."""
        return self.endmembers


#: Pixels per chunk of the residual: a chunk's error (chunk x bands) stays in the CPU cache, which makes
#: the reconstruction about twice as fast as one pass over a whole block.
RESIDUAL_CHUNK = 1024


#: Endmember pairs closer than this (degrees) are reported as duplicates.
DUPLICATE_ANGLE = 1.0
#: Above this condition number of E E^T, abundances of similar endmembers are unstable.
CONDITION_WARNING = 1.0e6


def near_duplicates(endmembers, max_angle=DUPLICATE_ANGLE):
    """(i, j, angle in degrees) of the endmember pairs closer than max_angle: their abundances trade off
    against each other, so the user is told before unmixing. endmembers: (n_endmembers, n_bands)."""
    angles = spectral_angles(endmembers, endmembers)
    return [(int(i), int(j), float(angles[i, j])) for i, j in zip(*np.nonzero(np.triu(angles < max_angle, k=1)))]


def residual_rmse(pixels, abundances, endmembers):
    """Per-pixel root mean square error of the reconstruction abundances @ endmembers (in the pixels'
    precision: float32 for raster blocks)."""
    pixels = np.asarray(pixels)
    dtype = pixels.dtype if pixels.dtype in (np.float32, np.float64) else np.float64
    abundances, endmembers = np.asarray(abundances, dtype=dtype), np.asarray(endmembers, dtype=dtype)
    squares = np.empty(len(pixels), dtype=dtype)
    for start in range(0, len(pixels), RESIDUAL_CHUNK):
        chunk = slice(start, start + RESIDUAL_CHUNK)
        error = pixels[chunk] - matmul(abundances[chunk], endmembers)
        squares[chunk] = np.einsum("ij,ij->i", error, error)
    return np.sqrt(squares / pixels.shape[1])


def nnls_gram(gram, rhs, inverses=None, sum_to_one=False):
    """Exact non-negative least squares for many right-hand sides sharing a Gram matrix.

    Minimises ||E^T x - y|| subject to x >= 0 (and sum(x) = 1 if sum_to_one) for every column of
    rhs = E y, given gram = E E^T. Parameters: gram (K, K); rhs (K, n); inverses, an optional dict
    caching subset inverses between calls. Returns x (K, n). Lawson-Hanson's steps, vectorised.
    """
    k, n = rhs.shape
    inverses = {} if inverses is None else inverses
    tolerance = 10.0 * np.finfo(float).eps * np.abs(gram).max() * k
    # Where the solution with every endmember free is already positive, it is the optimum (KKT holds
    # with a zero gradient): only the other pixels need the active-set iterations. They start from that
    # solution clipped at zero (rescaled to sum to one for FCLS): a feasible point on the face of the
    # endmembers it keeps, which is most often the final set or close to it.
    everything = np.ones((k, n), dtype=bool)
    free, _ = _solve_passive(gram, rhs, everything, inverses, sum_to_one)
    solved = (free > tolerance).all(axis=0)
    if solved.all():
        return free
    result = free * solved
    start = np.where(free[:, ~solved] > tolerance, free[:, ~solved], 0.0)
    if sum_to_one:
        start /= start.sum(axis=0)
    result[:, ~solved] = _active_set(gram, rhs[:, ~solved], inverses, sum_to_one, tolerance, start)
    return result


def _active_set(gram, rhs, inverses, sum_to_one, tolerance, start):
    """Lawson-Hanson's iterations for every column of rhs at once (see nnls_gram), from the feasible
    points start (K, n), whose positive entries make the first passive sets."""
    k, n = rhs.shape
    x = start.copy()
    passive = x > 0
    multiplier = np.zeros(n)
    active = inner = np.arange(n)
    for _ in range(3 * k + 10):
        for _ in range(3 * k + 10):
            # Inner step: solve on the passive set; step back where a variable would turn negative.
            if inner.size == 0:
                break
            z, z_multiplier = _solve_passive(gram, rhs[:, inner], passive[:, inner], inverses, sum_to_one)
            negative = passive[:, inner] & (z <= tolerance)
            fine = ~negative.any(axis=0)
            x[:, inner[fine]] = z[:, fine]
            multiplier[inner[fine]] = z_multiplier[fine]
            inner, z, negative = inner[~fine], z[:, ~fine], negative[:, ~fine]
            if inner.size == 0:
                break
            current = x[:, inner]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(negative, current / (current - z), np.inf)
            alpha = ratio.min(axis=0)
            current = current + alpha * (z - current)
            drop = passive[:, inner] & (current <= tolerance)
            drop[ratio.argmin(axis=0), np.arange(inner.size)] = True
            current[drop] = 0.0
            x[:, inner] = current
            passive[:, inner] &= ~drop
        # Outer step: every unfinished problem frees its variable with the largest gradient.
        gradient = rhs[:, active] - matmul(gram, x[:, active]) - multiplier[active]
        candidates = np.where(passive[:, active], -np.inf, gradient)
        best = candidates.argmax(axis=0)
        going = candidates[best, np.arange(active.size)] > tolerance
        active, best = active[going], best[going]
        if active.size == 0:
            break
        passive[best, active] = True
        inner = active
    return x


#: Above this many distinct passive sets in a block, one batched LAPACK solve beats a loop over sets.
MAX_GROUPS = 64


def _solve_masked(gram, rhs, passive, sum_to_one):
    """_solve_passive for many distinct sets: each column's system with its non-passive rows and
    columns replaced by the identity, solved in one batched call (np.linalg.solve over a stack)."""
    k, n = rhs.shape
    size = k + 1 if sum_to_one else k
    systems = np.zeros((n, size, size))
    both = passive.T[:, :, None] & passive.T[:, None, :]
    systems[:, :k, :k] = np.where(both, gram[None, :, :], 0.0)
    systems[:, np.arange(k), np.arange(k)] += ~passive.T
    right = np.zeros((n, size))
    right[:, :k] = np.where(passive.T, rhs.T, 0.0)
    if sum_to_one:
        systems[:, :k, k] = passive.T
        systems[:, k, :k] = passive.T
        right[:, k] = 1.0
    try:
        solution = np.linalg.solve(systems, right[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:  # duplicate endmembers: the least-squares solution instead
        solution = np.einsum("nij,nj->ni", np.linalg.pinv(systems), right)
    z = solution[:, :k].T * passive
    return z, (solution[:, k] if sum_to_one else np.zeros(n))


def _solve_passive(gram, rhs, passive, inverses, sum_to_one):
    """z with z[P] = G[P, P]^-1 rhs[P] and 0 elsewhere, per column's passive set P; with sum_to_one,
    the bordered system's solution and its multiplier. Returns (z (K, n), multiplier (n,))."""
    k, n = rhs.shape
    codes = matmul((1 << np.arange(k, dtype=np.int64)).astype(np.float64)[None, :],
                   passive.astype(np.float64))[0].astype(np.int64)
    z = np.zeros((k, n))
    multiplier = np.zeros(n)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    if starts.size > MAX_GROUPS:
        return _solve_masked(gram, rhs, passive, sum_to_one)
    for start, stop in zip(starts, np.r_[starts[1:], n]):
        code = int(sorted_codes[start])
        columns = order[start:stop]
        subset = np.flatnonzero(passive[:, columns[0]])
        if subset.size == 0:
            continue
        if code not in inverses:
            block = gram[np.ix_(subset, subset)]
            if sum_to_one:
                block = np.block([[block, np.ones((subset.size, 1))], [np.ones((1, subset.size)), np.zeros((1, 1))]])
            inverses[code] = np.linalg.pinv(block)
        right = rhs[np.ix_(subset, columns)]
        if sum_to_one:
            right = np.vstack([right, np.ones((1, columns.size))])
        solution = matmul(inverses[code], right)
        z[np.ix_(subset, columns)] = solution[:subset.size]
        if sum_to_one:
            multiplier[columns] = solution[subset.size]
    return z, multiplier
