"""Full-scene benchmark (issue 20), run by `make bench` (BENCH=fullscene runs only this one).

A GaoFen-5-sized simulated scene (FULL_SIZES, default "2000": 2000 x 2000 x 330 int16, generated here, not
kept in git), each step of the workflow as its own `qgis_process` run and then the whole workflow model in one,
wall time and peak memory (the process's maximum resident set) of each, beside the limits measured in the same
run on the same machine:
- a bare GDAL copy of the cube (`gdal_translate` with the plugin's creation options) and a bare GDAL read of it;
- a bare matrix product of PPI's size (pixels x components x 10,000 skewers) through the same BLAS, and of the
  full spectra's size (timed on a sixteenth of the pixels and scaled: it is linear in the pixels);
- scikit-learn's own `predict` of the forests the inversion trained, on the scene's abundances.
Writes bench_output/full_scene.md. Arguments: output folder, plugins folder.
"""
import os
import subprocess
import sys
import time

import numpy as np

from core_bench import bare_product

METALS = ["Pb", "Cd", "Cr", "Hg", "As", "Cu", "Zn", "Ni"]
SKEWERS = 10000
COMPONENTS = 30


#: Starts a command from a small process and reports its peak memory: a child's peak counts the memory of the
#: process it was forked from, and this benchmark's own process holds a whole scene's abundances at times.
LAUNCHER = ("import os, subprocess, sys\n"
            "child = subprocess.Popen(sys.argv[1:])\n"
            "_, status, usage = os.wait4(child.pid, 0)\n"
            "print('PEAK_KB', usage.ru_maxrss)\n"
            "sys.exit(os.waitstatus_to_exitcode(status))")


def measured(arguments, env):
    """(seconds, peak resident memory in GB) of one command; its output is kept for a failure's message."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", LAUNCHER] + arguments, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(" ".join(arguments) + "\n" + done.stdout[-3000:])
    peak = [line for line in done.stdout.splitlines() if line.startswith("PEAK_KB ")][-1]
    return seconds, int(peak.split()[1]) / 1024 ** 2


def qgis_run(algorithm, parameters, env):
    return measured(["qgis_process.bin", "run", algorithm, "--"] + ["{}={}".format(k, v) for k, v in parameters], env)


def steps(folder, scene):
    """(label, algorithm, parameters) of each step of the workflow, as the model chains them."""
    path = lambda name: os.path.join(folder, name)  # noqa: E731
    clean, library = path("clean.tif"), [path("ppi.gpkg"), path("vca.gpkg"), path("prior.gpkg")]
    return [
        ("remove bad bands", "pccee:removebadbands", [("INPUT", scene), ("OUTPUT", clean)]),
        ("PPI, 10 endmembers, 10,000 skewers", "pccee:extractendmembersppi",
         [("INPUT", clean), ("OUTPUT", library[0]), ("OUTPUT_SCORES", path("ppi.tif"))]),
        ("VCA, 6 endmembers", "pccee:extractendmembersvca", [("INPUT", clean), ("OUTPUT", library[1])]),
        ("prior library SAM", "pccee:matchpriorlibrary",
         [("INPUT", clean), ("OUTPUT", library[2]), ("OUTPUT_ANGLES", path("angles.tif"))]),
        ("Top-K (K = 4)", "pccee:selecttopkendmembers",
         [("CANDIDATES", item) for item in library] + [("INPUT", clean), ("OUTPUT", path("topk.gpkg"))]),
        ("NNLS unmixing", "pccee:unmixabundances", [("INPUT", clean), ("ENDMEMBERS", path("topk.gpkg")),
                                                    ("OUTPUT", path("abundances.tif")), ("OUTPUT_RESIDUAL", path("residual.tif"))]),
        ("Random Forest, 8 metals, maps and uncertainty", "pccee:invertmetals",
         [("ABUNDANCES", path("abundances.tif")), ("SAMPLES", path("samples.gpkg")), ("TREES", 500)] +
         [("METALS", m) for m in METALS] +
         [("OUTPUT", path("concentrations.tif")), ("OUTPUT_UNCERTAINTY", path("uncertainty.tif")),
          ("OUTPUT_METRICS", path("metrics.gpkg")), ("OUTPUT_REPORT", path("inversion.html")),
          ("OUTPUT_MODEL", path("model.npz"))]),
        ("K-means zones", "pccee:zonepollution", [("INPUT", path("concentrations.tif")), ("OUTPUT", path("zones.tif")),
                                                  ("OUTPUT_STATS", path("zones.gpkg")),
                                                  ("OUTPUT_REPORT", path("zones.html"))]),
    ]


def workflow(folder, scene):
    path = lambda name: os.path.join(folder, "model_" + name)  # noqa: E731
    outputs = {"badbands:clean_scene": "clean.tif", "ppi:ppi_endmembers": "ppi.gpkg", "ppi:ppi_counts": "ppi.tif",
               "vca:vca_endmembers": "vca.gpkg", "prior:prior_endmembers": "prior.gpkg", "prior:prior_angles": "angles.tif",
               "topk:topk_endmembers": "topk.gpkg", "unmix:abundances": "abundances.tif",
               "unmix:abundance_residual": "residual.tif", "invert:concentrations": "concentrations.tif",
               "invert:uncertainty": "uncertainty.tif", "invert:inversion_metrics": "metrics.gpkg",
               "invert:inversion_report": "inversion.html", "invert:inversion_model": "model.npz",
               "correlate:correlation": "correlation.gpkg", "correlate:correlation_report": "correlation.html",
               "zone:zones": "zones.tif", "zone:zone_statistics": "zones.gpkg", "zone:zone_report": "zones.html"}
    return [("scene", scene), ("samples", os.path.join(folder, "samples.gpkg"))] + [
        (name, path(file)) for name, file in outputs.items()]


def bare_read(scene, env, plugins):
    """A GDAL read of the whole cube in the plugin's windows, decoding on all cores, nothing computed."""
    code = ("import sys; sys.path.insert(0, {!r}); from osgeo import gdal\n"
            "from pccee.algorithms.io.raster_reader import RasterReader\n"
            "dataset = gdal.OpenEx({!r}, open_options=['NUM_THREADS=ALL_CPUS'])\n"
            "for w in RasterReader({!r}).windows(): dataset.ReadAsArray(w.xoff, w.yoff, w.xsize, w.ysize, "
            "buf_type=gdal.GDT_Float32, interleave='pixel')").format(plugins, scene, scene)
    return measured([sys.executable, "-c", code], env)


def forest_seconds(folder, plugins):
    """(scikit-learn's predict of the mean, the plugin's mean and spread) over the scene's abundances, seconds."""
    sys.path.insert(0, plugins)
    from osgeo import gdal
    from pccee.algorithms.core.inversion import predict_with_spread
    from pccee.algorithms.io.model_file import load_model
    from sklearn.ensemble import RandomForestRegressor
    forests, _, _ = load_model(os.path.join(folder, "model.npz"))
    abundances = gdal.Open(os.path.join(folder, "abundances.tif")).ReadAsArray()
    features = abundances.reshape(abundances.shape[0], -1).T
    features = features[np.isfinite(features).all(axis=1)]
    start = time.perf_counter()
    ours = predict_with_spread(forests, features)[0]
    plugin = time.perf_counter() - start
    sklearn_seconds = 0.0
    for index, forest in enumerate(forests):
        model = RandomForestRegressor(n_estimators=len(forest.roots))
        model.estimators_ = [_estimator(tree, features.shape[1]) for tree in forest.compiled_trees()]
        model.n_outputs_, model.n_features_in_ = 1, features.shape[1]
        start = time.perf_counter()
        theirs = model.predict(features)
        sklearn_seconds += time.perf_counter() - start
        assert np.allclose(theirs, ours[:, index], rtol=1e-9, atol=1e-9)
    return sklearn_seconds, plugin, len(features)


def _estimator(tree, n_features):
    from sklearn.tree import DecisionTreeRegressor
    estimator = DecisionTreeRegressor()
    estimator.tree_, estimator.n_outputs_, estimator.n_features_in_ = tree, 1, n_features
    return estimator


def main(out, plugins):
    sys.path.insert(0, plugins)
    from pccee.algorithms.core.ppi import MAX_PRODUCT
    from pccee.algorithms.io.raster_writer import creation_options
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # and bench/run.sh's profile with the plugin enabled
    env.pop("QGIS_OPTS", None)
    lines = ["Full-scene benchmark: `createsamplescene` int16 scenes of 330 bands, each step a `qgis_process` run "
             "(start-up included), {} cores, load before the run {:.1f}.".format(os.cpu_count(), os.getloadavg()[0]), ""]
    for size in [int(s) for s in os.environ.get("FULL_SIZES", "2000").split(",")]:
        folder = os.path.join(out, "full_scene_{}".format(size))
        os.makedirs(folder, exist_ok=True)
        scene = os.path.join(folder, "scene.tif")
        create = qgis_run("pccee:createsamplescene", [
            ("SIZE", size), ("SEED", 1), ("OUTPUT", scene), ("OUTPUT_ABUNDANCES", os.path.join(folder, "truth.tif")),
            ("OUTPUT_CONCENTRATIONS", os.path.join(folder, "metals.tif")),
            ("OUTPUT_SAMPLES", os.path.join(folder, "samples.gpkg"))], env) if not os.path.exists(scene) else None
        options = creation_options(330, np.int16)  # the plugin's own, for the bare copy
        copy = measured(["gdal_translate", "-q", "-of", "GTiff"] + sum((["-co", o] for o in options), []) +
                        [scene, os.path.join(folder, "copy.tif")], env)
        read = bare_read(scene, env, plugins)
        rows = [(label, qgis_run(algorithm, parameters, env)) for label, algorithm, parameters in steps(folder, scene)]
        print(size, "steps", rows, flush=True)
        model = qgis_run("pccee:pcceeworkflow", workflow(folder, scene), env)
        n_pixels = size * size
        chunk = MAX_PRODUCT // SKEWERS  # PPI's chunks
        reduced = bare_product(SKEWERS, COMPONENTS, n_pixels, chunk)
        full = 16 * bare_product(SKEWERS, 301, n_pixels // 16, chunk)
        sklearn_seconds, plugin_seconds, n_valid = forest_seconds(folder, plugins)
        total = sum(seconds for _, (seconds, _) in rows)
        lines += ["## {} x {} x 330 ({:.1f} GB as int16{})".format(
            size, size, n_pixels * 330 * 2 / 1e9, "" if create is None else "; created in {:.0f} s".format(create[0])), "",
            "| step | seconds | peak memory (GB) | against the limit |", "| --- | --- | --- | --- |"]
        for label, (seconds, memory) in rows:
            limit = ("{:.2f}x the bare copy".format(seconds / copy[0]) if label == "remove bad bands" else
                     "{:.2f}x the bare read".format(seconds / read[0]) if label in ("VCA, 6 endmembers", "prior library SAM",
                                                                                  "NNLS unmixing") else
                     "{:.2f}x the reduced product, {:.2f}x the full-spectra product".format(seconds / reduced, seconds / full)
                     if label.startswith("PPI") else "")
            lines.append("| {} | {:.0f} | {:.2f} | {} |".format(label, seconds, memory, limit))
        lines += ["| **the steps, one after the other** | **{:.0f}** | | {:.1f}x the bare copy |".format(total, total / copy[0]),
                  "| **the workflow model, one `qgis_process` run** | **{:.0f}** | **{:.2f}** | {:.1f}x the bare copy |".format(
                      model[0], model[1], model[0] / copy[0]),
                  "| limit: bare GDAL copy (`gdal_translate`, the plugin's options) | {:.0f} | {:.2f} | |".format(*copy),
                  "| limit: bare GDAL read, all cores | {:.0f} | {:.2f} | |".format(*read),
                  "| limit: bare product, pixels x {} components x {} skewers | {:.0f} | | |".format(COMPONENTS, SKEWERS, reduced),
                  "| limit: bare product, pixels x 301 bands x {} skewers (a sixteenth, scaled) | {:.0f} | | |".format(SKEWERS, full),
                  "| forests of 8 metals on {} pixels: scikit-learn's `predict` (mean only) | {:.1f} | | |".format(n_valid, sklearn_seconds),
                  "| the same: the plugin's prediction (mean and spread, identical means) | {:.1f} | | {:.1f}x faster |".format(
                      plugin_seconds, sklearn_seconds / plugin_seconds), ""]
        print("\n".join(lines), flush=True)
    with open(os.path.join(out, "full_scene.md"), "w") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
