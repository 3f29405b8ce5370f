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
import contextlib

import numpy as np

from .device import module_of, to_numpy
from .linalg import matmul
from .messages import CoreError, QT_TRANSLATE_NOOP
from .spectral_angle import spectral_angles


class UnmixingError(CoreError):
    """Endmembers that cannot unmix these pixels."""


#: Pixels converted to float64 at a time for the projection E y (16384 x 330 bands = 41 MiB).
PROJECTION_CHUNK = 16384


class LinearUnmixer:
    """Unmixes pixels against endmembers (K, bands) by 'ucls', 'nnls' or 'fcls', on NumPy or CuPy (xp): the
    pixels go to the array module chunk by chunk and the abundances come back as NumPy."""

    def __init__(self, endmembers, method="nnls", xp=np):
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
        self.xp = xp
        self._on_device = xp.asarray(self.endmembers), xp.asarray(self.gram)
        self._inverses = {}

    def abundances(self, pixels):
        """(n_pixels, K) abundances of pixels (n_pixels, bands). The normal equations (E y and the Gram
        matrix) are formed in float64 whatever the pixels' type: with similar endmembers (two soils) the
        Gram matrix is ill-conditioned, and float32 products (7 digits) then shift the abundances by
        several percent (measured: 0.04 for two soils 0.35 degrees apart, condition 2.6e5). Float32 blocks
        are converted chunk by chunk, so a block is never held twice in float64."""
        xp, (endmembers, gram) = self.xp, self._on_device
        pixels = np.asarray(pixels)
        rhs = xp.empty((len(endmembers), len(pixels)))
        for start in range(0, len(pixels), PROJECTION_CHUNK):
            chunk = xp.asarray(pixels[start:start + PROJECTION_CHUNK]).astype(xp.float64, copy=False)
            rhs[:, start:start + PROJECTION_CHUNK] = matmul(endmembers, chunk.T)
        if self.method == "ucls":
            solution = matmul(xp.linalg.pinv(gram), rhs)
        else:
            solution = nnls_gram(gram, rhs, self._inverses, sum_to_one=self.method == "fcls")
        return np.ascontiguousarray(to_numpy(solution).T)

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


def residual_rmse(pixels, abundances, endmembers, xp=np):
    """Per-pixel root mean square error of the reconstruction abundances @ endmembers (in the pixels'
    precision: float32 for raster blocks), on NumPy or CuPy (xp); returns NumPy."""
    pixels = np.asarray(pixels)
    dtype = pixels.dtype if pixels.dtype in (np.float32, np.float64) else np.float64
    abundances, endmembers = xp.asarray(abundances, dtype=dtype), xp.asarray(endmembers, dtype=dtype)
    squares = xp.empty(len(pixels), dtype=dtype)
    rows = RESIDUAL_CHUNK if xp is np else PROJECTION_CHUNK  # a GPU wants long chunks, not cache-sized ones
    for start in range(0, len(pixels), rows):
        chunk = slice(start, start + rows)
        error = xp.asarray(pixels[chunk]) - matmul(abundances[chunk], endmembers)
        squares[chunk] = xp.einsum("ij,ij->i", error, error)
    return to_numpy(xp.sqrt(squares / pixels.shape[1]))


def nnls_gram(gram, rhs, inverses=None, sum_to_one=False):
    """Exact non-negative least squares for many right-hand sides sharing a Gram matrix.

    Minimises ||E^T x - y|| subject to x >= 0 (and sum(x) = 1 if sum_to_one) for every column of
    rhs = E y, given gram = E E^T. Parameters: gram (K, K); rhs (K, n), NumPy or CuPy (the work runs on
    rhs's module); inverses, an optional dict caching subset inverses between calls. Returns x (K, n).
    Lawson-Hanson's steps, vectorised.
    """
    xp = module_of(rhs)
    k, n = rhs.shape
    inverses = {} if inverses is None else inverses
    tolerance = 10.0 * np.finfo(float).eps * float(abs(gram).max()) * k
    # Where the solution with every endmember free is already positive, it is the optimum (KKT holds
    # with a zero gradient): only the other pixels need the active-set iterations. They start from that
    # solution clipped at zero (rescaled to sum to one for FCLS): a feasible point on the face of the
    # endmembers it keeps, which is most often the final set or close to it.
    free, _ = _solve_passive(gram, rhs, xp.ones((k, n), dtype=bool), inverses, sum_to_one)
    solved = (free > tolerance).all(axis=0)
    if bool(solved.all()):
        return free
    unsolved = xp.flatnonzero(~solved)
    result = free * solved
    start = free[:, unsolved]
    start = xp.where(start > tolerance, start, 0.0)
    if sum_to_one:
        start /= start.sum(axis=0)
    result[:, unsolved] = _active_set(gram, rhs[:, unsolved], inverses, sum_to_one, tolerance, start)
    return result


def _active_set(gram, rhs, inverses, sum_to_one, tolerance, start):
    """Lawson-Hanson's iterations for every column of rhs at once (see nnls_gram), from the feasible
    points start (K, n), whose positive entries make the first passive sets."""
    xp = module_of(rhs)
    k, n = rhs.shape
    x = start.copy()
    passive = x > 0
    multiplier = xp.zeros(n)
    active = inner = xp.arange(n)
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
                ratio = xp.where(negative, current / (current - z), xp.inf)
            alpha = ratio.min(axis=0)
            current = current + alpha * (z - current)
            drop = passive[:, inner] & (current <= tolerance)
            drop[ratio.argmin(axis=0), xp.arange(inner.size)] = True
            current[drop] = 0.0
            x[:, inner] = current
            passive[:, inner] &= ~drop
        # Outer step: every unfinished problem frees its variable with the largest gradient.
        gradient = rhs[:, active] - matmul(gram, x[:, active]) - multiplier[active]
        candidates = xp.where(passive[:, active], -xp.inf, gradient)
        best = candidates.argmax(axis=0)
        going = candidates[best, xp.arange(active.size)] > tolerance
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
    columns replaced by the identity, solved in one batched call (xp.linalg.solve over a stack)."""
    xp = module_of(rhs)
    k, n = rhs.shape
    size = k + 1 if sum_to_one else k
    columns = passive.T
    systems = xp.zeros((n, size, size))
    systems[:, :k, :k] = xp.where(columns[:, :, None] & columns[:, None, :], gram[None, :, :], 0.0) \
        + xp.eye(k) * ~columns[:, :, None]
    right = xp.zeros((n, size))
    right[:, :k] = xp.where(columns, rhs.T, 0.0)
    if sum_to_one:
        systems[:, :k, k] = columns
        systems[:, k, :k] = columns
        right[:, k] = 1.0
    try:
        with _singular_raises(xp):
            solution = xp.linalg.solve(systems, right[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:  # an exactly singular system: duplicate endmembers
        solution = None
    if solution is None or not bool(xp.isfinite(solution).all()):
        solution = xp.einsum("nij,nj->ni", xp.linalg.pinv(systems), right)  # the least-squares solution
    z = solution[:, :k].T * passive
    return z, (solution[:, k] if sum_to_one else xp.zeros(n))


def _singular_raises(xp):
    """A context in which xp.linalg.solve raises LinAlgError on a singular system, as NumPy's always does: CuPy's
    ignores it unless told (cupyx.errstate), and returns whatever cuBLAS left."""
    if xp is np:
        return contextlib.nullcontext()
    import cupyx
    return cupyx.errstate(linalg="raise")


def _solve_passive(gram, rhs, passive, inverses, sum_to_one):
    """z with z[P] = G[P, P]^-1 rhs[P] and 0 elsewhere, per column's passive set P; with sum_to_one,
    the bordered system's solution and its multiplier. Returns (z (K, n), multiplier (n,)). Columns are
    grouped by their set (coded as the bits of an integer), each group solved with one product."""
    xp = module_of(rhs)
    k, n = rhs.shape
    z = xp.zeros((k, n))
    multiplier = xp.zeros(n)
    if n == 0:
        return z, multiplier
    codes = matmul(xp.asarray(2.0 ** np.arange(k))[None, :], passive.astype(xp.float64))[0].astype(xp.int64)
    order = xp.argsort(codes)
    sorted_codes = codes[order]
    boundaries = xp.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1
    if boundaries.size >= MAX_GROUPS:
        return _solve_masked(gram, rhs, passive, sum_to_one)
    starts = [0] + to_numpy(boundaries).tolist()
    codes_of_groups = to_numpy(sorted_codes[xp.asarray(starts)]).tolist()
    for start, stop, code in zip(starts, starts[1:] + [n], codes_of_groups):
        subset = np.flatnonzero((code >> np.arange(k)) & 1)
        if subset.size == 0:
            continue
        if code not in inverses:
            inverses[code] = xp.asarray(_subset_inverse(to_numpy(gram), subset, sum_to_one))
        columns = order[start:stop]
        rows = xp.asarray(subset)[:, None]
        right = rhs[rows, columns]
        if sum_to_one:
            right = xp.concatenate([right, xp.ones((1, columns.size))])
        solution = matmul(inverses[code], right)
        z[rows, columns] = solution[:subset.size]
        if sum_to_one:
            multiplier[columns] = solution[subset.size]
    return z, multiplier


def _subset_inverse(gram, subset, sum_to_one):
    """The pseudo-inverse of G[P, P] (bordered by the sum-to-one row and column if asked), on the CPU: K x K."""
    block = gram[np.ix_(subset, subset)]
    if sum_to_one:
        block = np.block([[block, np.ones((subset.size, 1))], [np.ones((1, subset.size)), np.zeros((1, 1))]])
    return np.linalg.pinv(block)
