"""Endmember-extraction benchmark (issue: PPI and VCA speed), run by `make bench`.

One run, one machine, side by side on the same 500 x 500 x 330 simulated scene:
- PPI core (1000 skewers, no reduction) against Spectral Python's spectral.ppi and against a bare
  NumPy/BLAS product of the same size (the floor on this machine);
- the whole PPI and VCA algorithms through qgis_process against OTB's otbcli_VertexComponentAnalysis;
- NumPy's `@` inside QGIS's executable (GSL's CBLAS) against the plugin's Fortran-BLAS product.
Writes bench_output/endmembers.md. Timings are the best of REPEATS runs.
"""
import os
import shutil
import subprocess
import sys
import time

import numpy as np

REPEATS = 3
SIZE = 500
SKEWERS = 1000


def best(function, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def command_time(arguments, env, repeats=REPEATS):
    def run():
        done = subprocess.run(arguments, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(" ".join(arguments) + "\n" + done.stdout + done.stderr)
    return best(run, repeats)


def main(out, plugins):
    sys.path.insert(0, plugins)
    from pccee.algorithms.core.linalg import matmul
    from pccee.algorithms.core.ppi import PpiAccumulator, isotropic_skewers
    from pccee.algorithms.io.raster_reader import RasterReader
    import spectral

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=os.path.join(out, ".qgis-profile"))
    env.pop("QGIS_OPTS", None)
    scene = os.path.join(out, "bench_scene.tif")
    if not os.path.exists(scene):
        subprocess.run(["qgis_process.bin", "run", "pccee:createsamplescene", "--", "SIZE={}".format(SIZE),
                        "OUTPUT=" + scene, "OUTPUT_ABUNDANCES=" + os.path.join(out, "bench_truth.tif"),
                        "OUTPUT_CONCENTRATIONS=" + os.path.join(out, "bench_metals.tif"),
                        "OUTPUT_SAMPLES=" + os.path.join(out, "bench_samples.gpkg")], env=env, check=True,
                       capture_output=True)
    with RasterReader(scene) as reader:
        pixels = np.vstack([p[v] for _, p, v in reader.blocks()])
    n_pixels, n_bands = pixels.shape
    skewers = isotropic_skewers(n_bands, SKEWERS, np.random.default_rng(0)).astype(np.float32)
    indices = np.arange(n_pixels)
    blocks = [(indices[s:s + 65536], pixels[s:s + 65536]) for s in range(0, n_pixels, 65536)]

    rows = []
    ours = best(lambda: [PpiAccumulator(skewers).update(i, p) for i, p in blocks])
    floor = best(lambda: matmul(pixels, skewers))
    numpy_floor = best(lambda: pixels @ skewers)
    cube = pixels.reshape(SIZE, SIZE, n_bands)
    spy = best(lambda: spectral.ppi(cube, SKEWERS), repeats=1)
    rows += [("PPI core, {} skewers, {} x {} x {}".format(SKEWERS, SIZE, SIZE, n_bands), ours, "1.00"),
             ("bare product (Fortran BLAS) of the same size", floor, "{:.2f}".format(ours / floor)),
             ("bare NumPy `@` of the same size (plain Python)", numpy_floor, "{:.2f}".format(ours / numpy_floor)),
             ("Spectral Python 0.25 spectral.ppi", spy, "{:.1f}x slower".format(spy / ours))]

    qp = ["qgis_process.bin", "run"]
    ppi = command_time(qp + ["pccee:extractendmembersppi", "--", "INPUT=" + scene, "SKEWERS={}".format(SKEWERS),
                             "DEVICE=1", "OUTPUT=" + os.path.join(out, "ppi.gpkg"),
                             "OUTPUT_SCORES=" + os.path.join(out, "ppi.tif")], env)
    ppi10k = command_time(qp + ["pccee:extractendmembersppi", "--", "INPUT=" + scene, "SKEWERS=10000", "DEVICE=1",
                                "OUTPUT=" + os.path.join(out, "ppi.gpkg"), "OUTPUT_SCORES=" + os.path.join(out, "ppi.tif")],
                          env, repeats=1)
    vca = command_time(qp + ["pccee:extractendmembersvca", "--", "INPUT=" + scene, "ENDMEMBERS=6",
                             "OUTPUT=" + os.path.join(out, "vca.gpkg")], env)
    rows += [("qgis_process pccee:extractendmembersppi, 1000 skewers (whole run, file to file)", ppi, ""),
             ("qgis_process pccee:extractendmembersppi, 10000 skewers, CPU", ppi10k, ""),
             ("qgis_process pccee:extractendmembersvca, 6 endmembers", vca, "1.00")]
    if shutil.which("otbcli_VertexComponentAnalysis"):
        otb = command_time(["otbcli_VertexComponentAnalysis", "-in", scene, "-ne", "6",
                            "-outendm", os.path.join(out, "otb_vca.tif")], env)
        rows.append(("OTB 8.1 otbcli_VertexComponentAnalysis, 6 endmembers", otb,
                     "{:.2f}x the plugin's time".format(otb / vca)))
    else:
        rows.append(("OTB otbcli_VertexComponentAnalysis", float("nan"), "not installed"))
    write(out, rows, n_pixels, n_bands)


def write(out, rows, n_pixels, n_bands):
    lines = ["| what | seconds | ratio |", "| --- | --- | --- |"]
    lines += ["| {} | {:.2f} | {} |".format(name, seconds, ratio) for name, seconds, ratio in rows]
    text = "\n".join(lines)
    with open(os.path.join(out, "endmembers.md"), "w") as stream:
        stream.write("Endmember extraction, {} valid pixels x {} bands, {} cores\n\n{}\n".format(
            n_pixels, n_bands, os.cpu_count(), text))
    print(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
