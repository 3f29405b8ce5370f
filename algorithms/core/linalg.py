"""Matrix products that stay fast inside QGIS.

QGIS's executables (qgis.bin, qgis_process.bin) link GSL, whose reference CBLAS then sits first in the
global symbol scope: inside QGIS, NumPy's `@` binds cblas_sgemm to it and runs about ten times slower
than OpenBLAS (measured: 5.4 s instead of 0.6 s for a 20000 x 300 x 1000 product). SciPy's wrappers call
the Fortran symbols (sgemm_), which GSL does not define, so they reach the optimised BLAS.
"""
import numpy as np
from scipy.linalg import blas

_GEMM = {np.dtype(np.float32): blas.sgemm, np.dtype(np.float64): blas.dgemm}
#: Rows taken to float64 at a time by float64_rows.
CHUNK_ROWS = 16384


def float64_rows(array):
    """(start, the rows from start as float64), CHUNK_ROWS at a time: a block of float32 pixels is worked on in
    float64 piece by piece, so the temporaries stay near 40 MB (330 bands) instead of twice the block's size."""
    for start in range(0, len(array), CHUNK_ROWS):
        yield start, np.asarray(array[start:start + CHUNK_ROWS], dtype=np.float64)


def matmul(a, b):
    """a @ b for NumPy float arrays through Fortran BLAS (no copies for C- or F-ordered inputs).

    Parameters: a (m, k); b (k, n) or (k,). Other array types (CuPy) and dtypes fall back to `@`.
    """
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.ndim != 2 or b.ndim not in (1, 2):
        return a @ b
    dtype = np.result_type(a, b)
    gemm = _GEMM.get(dtype)
    vector = b.ndim == 1
    b2 = b[:, None] if vector else b
    if gemm is None or 0 in a.shape or 0 in b2.shape:
        return a @ b
    # Fortran computes C^T = B^T A^T; a C-ordered matrix is its own transpose in Fortran order.
    first, trans_first = _fortran_transposed(np.asarray(b2, dtype=dtype))
    second, trans_second = _fortran_transposed(np.asarray(a, dtype=dtype))
    result = gemm(1.0, first, second, trans_a=trans_first, trans_b=trans_second).T
    return result[:, 0] if vector else result


def gram(rows):
    """rows^T rows for a C-ordered float64 NumPy array (n, k), by BLAS's symmetric rank-k update: half the work
    of the product (one triangle), the same sums."""
    upper = blas.dsyrk(1.0, rows.T, trans=0)  # rows.T is Fortran-ordered: no copy
    return np.triu(upper) + np.triu(upper, 1).T


def _fortran_transposed(matrix):
    """(array, trans flag) whose Fortran op() is matrix^T, without copying when possible."""
    if matrix.flags.c_contiguous:
        return matrix.T, 0
    if matrix.flags.f_contiguous:
        return matrix, 1
    return np.ascontiguousarray(matrix).T, 0
