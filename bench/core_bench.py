"""What the benchmarks of the plugin's core share: the core importable as `pccee` from this checkout (no QGIS), the
simulated scene's materials at the sensor's bands, and the bare matrix product a step is measured against."""
import os
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def import_plugin():
    """Make the checkout importable as `pccee`, whatever its folder is called."""
    packages = tempfile.mkdtemp(prefix="pccee-bench-")
    os.symlink(ROOT, os.path.join(packages, "pccee"))
    sys.path.insert(0, packages)


def simulated_materials(sim):
    """(band centres, FWHM, the five materials at those bands (5, 330)) of `pccee:createsamplescene`'s scene."""
    from pccee.algorithms.io.spectral_library_files import read_csv_library
    materials = read_csv_library(os.path.join(ROOT, "resources", "spectra", "simulation_materials.csv"))
    centres, fwhm = sim.ahsi_bands()
    return centres, fwhm, sim.materials_at_bands(materials.spectra, materials.wavelengths, centres, fwhm)


def timed(function, xp=np, repeat=1):
    """(best seconds of repeat runs, the last result): a GPU's queue is drained before the clock stops."""
    best, result = np.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        if xp is not np:
            xp.cuda.Device().synchronize()
        best = min(best, time.perf_counter() - start)
    return best, result


def bare_product(rows, inner, columns, chunk, xp=np):
    """Seconds of a (rows x inner) @ (inner x columns) float32 product on xp through the plugin's matmul, in chunks
    of `chunk` columns as the step makes them (timed on as many chunks as fit in columns, and scaled)."""
    from pccee.algorithms.core.linalg import matmul
    rng = np.random.default_rng(0)
    left = xp.asarray(rng.standard_normal((rows, inner)).astype(np.float32))
    right = xp.asarray(rng.random((inner, min(chunk, columns)), dtype=np.float32))
    matmul(left, right)
    count = max(1, columns // right.shape[1])

    def products():
        for _ in range(count):
            matmul(left, right)  # not kept: holding the results would time the allocations
    return timed(products, xp)[0] * columns / (count * right.shape[1])
