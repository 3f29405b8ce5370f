"""The GPU path (CuPy) against the CPU path (NumPy) without QGIS: the script to run on a machine with an NVIDIA GPU.

    python3 bench/bench_gpu.py                   # 1000 x 1000 pixels, 330 bands: CPU, and the GPU when CuPy sees one
    python3 bench/bench_gpu.py --size 300        # a quick look

Needs Python 3 with NumPy, SciPy and scikit-learn, and CuPy for the GPU (pip install cupy-cuda12x); no QGIS, no
GDAL. A simulated scene is built in memory by the plugin's core (the one `pccee:createsamplescene` writes), then
the three steps that run on either device are timed on each, with the same functions the algorithms call:
- PPI, 10,000 skewers, on the first 30 principal components (the default) and on the full spectra, beside a bare
  matrix product of the same size on the same device (the limit);
- NNLS and FCLS unmixing of every pixel on the true materials, in blocks of 65,536 pixels as the algorithm streams
  them, beside the bare projection E y of the same size on the same device;
- the maps of 8 forests of 500 trees trained at 53 soil samples (mean and spread of the trees), beside
  scikit-learn's own predict of the mean on the CPU.
Each step's seconds, and the largest difference between the devices' results, go to the standard output and to
bench_output/gpu.md (or --out). Set OMP_NUM_THREADS or OPENBLAS_NUM_THREADS to time fewer CPU cores.
"""
import argparse
import os
import time

import numpy as np

from core_bench import ROOT, bare_product, import_plugin, simulated_materials, timed

SKEWERS = 10000
COMPONENTS = 30
BLOCK = 65536
TREES = 500
SAMPLES = 53


def import_core():
    import_plugin()
    from pccee.algorithms.core import device, inversion, pca, ppi, scene_simulation, unmixing
    return device, inversion, pca, ppi, scene_simulation, unmixing


def simulated_scene(sim, size, seed=2024):
    """(pixels (n, 330) float32, true endmembers (5, 330), true abundances (n, 5), concentrations (n, 8),
    sample pixel indices), as createsamplescene builds them."""
    rng = np.random.default_rng(seed)
    landscape = sim.simulate_landscape(size, rng)
    concentrations = sim.simulate_concentrations(landscape, rng)
    rows, cols, _ = sim.design_samples(landscape, SAMPLES, rng)
    centres, _, endmembers = simulated_materials(sim)
    sigma = sim.noise_sigma(landscape.abundances, endmembers, 150.0, centres)
    cube = sim.render_window(landscape.abundances, endmembers, sigma, seed, 0, 0)
    return (cube.reshape(-1, cube.shape[-1]).astype(np.float32), endmembers,
            landscape.abundances.reshape(size * size, -1), concentrations.reshape(size * size, -1), rows * size + cols)


def bench_ppi(core, xp, pixels, reduced):
    """{label: seconds}, and the counts of each run (to compare the devices)."""
    _, _, _, ppi, _, _ = core
    rng = np.random.default_rng(0)
    results, counts = {}, {}
    for label, values in (("PPI, {} components".format(COMPONENTS), reduced), ("PPI, full spectra", pixels)):
        skewers = ppi.isotropic_skewers(values.shape[1], SKEWERS, rng)
        indices = np.arange(len(values))

        def run():
            accumulator = ppi.PpiAccumulator(skewers, xp)
            for start in range(0, len(values), BLOCK):
                accumulator.update(indices[start:start + BLOCK], values[start:start + BLOCK])
            return accumulator.counts()
        results[label], counts[label] = timed(run, xp)
        chunk = (ppi.MAX_PRODUCT if xp is np else ppi.GPU_MAX_PRODUCT) // SKEWERS
        results[label + ": bare product (limit)"] = bare_product(SKEWERS, values.shape[1], len(values), chunk, xp)
    return results, counts


def bench_unmixing(core, xp, pixels, endmembers):
    _, _, _, _, _, unmixing = core
    results, abundances = {}, {}
    for method in ("nnls", "fcls"):
        unmixer = unmixing.LinearUnmixer(endmembers, method, xp)
        blocks = lambda: np.concatenate([unmixer.abundances(pixels[s:s + BLOCK])  # noqa: E731
                                         for s in range(0, len(pixels), BLOCK)])
        results["{} unmixing".format(method.upper())], abundances[method] = timed(blocks, xp)
    results["projection E y alone (limit)"] = bare_product(len(endmembers), pixels.shape[1], len(pixels),
                                                           unmixing.PROJECTION_CHUNK, xp)
    return results, abundances


def trained_forests(abundances, concentrations, samples):
    from sklearn.ensemble import RandomForestRegressor
    return [RandomForestRegressor(TREES, random_state=index).fit(abundances[samples], concentrations[samples, index])
            for index in range(concentrations.shape[1])]


def bench_forests(core, xp, forests, features):
    _, inversion, _, _, _, _ = core
    arrays = [inversion.ForestArrays.from_forest(forest) for forest in forests]
    seconds, maps = timed(lambda: [inversion.predict_with_spread(arrays, features[s:s + BLOCK * 4], xp)
                                   for s in range(0, len(features), BLOCK * 4)], xp)
    mean = np.concatenate([block[0] for block in maps])
    spread = np.concatenate([block[1] for block in maps])
    return {"forest maps, 8 metals x {} trees, mean and spread".format(TREES): seconds}, {"forest maps": (mean, spread)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="pixels a side (default 1000)")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench_output"))
    args = parser.parse_args()
    core = import_core()
    device, _, pca, _, sim, _ = core
    devices = [("CPU", np)]
    try:
        xp, name = device.array_module("gpu")
        devices.append((name, xp))
    except device.DeviceError as error:
        print("CPU only:", error)
    started = time.perf_counter()
    pixels, endmembers, abundances, concentrations, samples = simulated_scene(sim, args.size)
    statistics = pca.StreamingPCA(pixels.shape[1]).update(pixels)
    axes, _ = statistics.components(n_components=COMPONENTS)
    reduced = statistics.project(pixels, axes, np.float32)
    forests = trained_forests(abundances, concentrations, samples)
    print("scene, components and forests: {:.0f} s (not timed below)".format(time.perf_counter() - started))
    sklearn_seconds = timed(lambda: [forest.predict(abundances) for forest in forests], np)[0]
    table, outputs = {}, {}
    for name, xp in devices:
        rows, results = {}, {}
        for step in (lambda: bench_ppi(core, xp, pixels, reduced), lambda: bench_unmixing(core, xp, pixels, endmembers),
                     lambda: bench_forests(core, xp, forests, abundances)):
            seconds, result = step()
            rows.update(seconds)
            results.update(result)
            print(name, seconds, flush=True)
        table[name], outputs[name] = rows, results
    table["CPU"]["scikit-learn's predict of the mean (limit on the CPU)"] = sklearn_seconds
    lines = ["GPU and CPU paths without QGIS: {0} x {0} pixels, {1} bands, {2} CPU cores; {3}".format(
        args.size, pixels.shape[1], os.cpu_count(), ", ".join(name for name, _ in devices)), ""]
    names = [name for name, _ in devices]
    lines += ["| step | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    for step in table["CPU"]:
        lines.append("| {} | ".format(step) + " | ".join(
            "{:.2f} s".format(table[n][step]) if step in table[n] else "" for n in names) + " |")
    if len(devices) > 1:
        cpu, gpu = outputs[names[0]], outputs[names[1]]
        lines += ["", "Largest difference, GPU against CPU:"]
        for method in ("nnls", "fcls"):
            lines.append("- {} abundances: {:.2e}".format(method.upper(), np.abs(cpu[method] - gpu[method]).max()))
        for label in ("PPI, {} components".format(COMPONENTS), "PPI, full spectra"):
            same = set(cpu[label][0]) & set(gpu[label][0])
            lines.append("- {}: {} of {} counted pixels in common".format(label, len(same), len(cpu[label][0])))
        lines.append("- forest maps: mean {:.2e}, spread {:.2e} mg/kg".format(
            np.abs(cpu["forest maps"][0] - gpu["forest maps"][0]).max(),
            np.abs(cpu["forest maps"][1] - gpu["forest maps"][1]).max()))
    report = "\n".join(lines) + "\n"
    print(report)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "gpu.md"), "w") as handle:
        handle.write(report)


if __name__ == "__main__":
    main()
