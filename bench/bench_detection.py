"""Pollution-source detection benchmark, run by `make bench` (alone: BENCH=detection make bench): the whole
`qgis_process` runs a user makes, on 300 x 300 and 1000 x 1000 simulated scenes with pollution sources (330
bands; 400 and 1000 labelled points): create the scene, train the detector with the algorithm's defaults (patch
33, 8 components, 40 epochs, 5 spatial folds), map the probability and the occlusion sensitivity (8 x 8 windows).
Seconds of each run, the cross-validated AUCs and the sensitivity over the true sources against elsewhere go to
bench_output/detection.md. BENCH_QUICK=1: the 300 x 300 scene only, 10 epochs, 3 folds (a minute or two).
On a GPU machine without QGIS, bench/bench_detection_core.py times the same steps in one command.
"""
import os
import subprocess
import sys
import time

import numpy as np
from osgeo import gdal, ogr

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SIZES = ((300, 400),) if QUICK else ((300, 400), (1000, 1000))
TRAINING = ["EPOCHS=10", "FOLDS=3"] if QUICK else []


def timed(arguments, env):
    started = time.perf_counter()
    done = subprocess.run(arguments, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(" ".join(arguments) + "\n" + done.stdout + done.stderr)
    return time.perf_counter() - started


def main(out, plugins):
    sys.path.insert(0, plugins)
    from pccee.algorithms.core import scene_simulation as sim
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=os.path.join(out, ".qgis-profile"))
    env.pop("QGIS_OPTS", None)
    qp = ["qgis_process.bin", "run"]
    lines = ["Pollution-source detection, whole qgis_process runs, {} cores{}".format(
        os.cpu_count(), " (BENCH_QUICK: 10 epochs, 3 folds)" if QUICK else ""), "",
        "| scene | samples | create scene (s) | train (s) | map (s) | AUC SI-LICNet | AUC centre-pixel forest "
        "| sensitivity over sources / elsewhere |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for size, samples in SIZES:
        name = os.path.join(out, "detection_{}".format(size))
        create = timed(qp + ["pccee:createsamplescene", "--", "SIZE={}".format(size), "SEED=2024",
                             "DETECTION_SAMPLES={}".format(samples), "OUTPUT={}_scene.tif".format(name),
                             "OUTPUT_ABUNDANCES={}_truth.tif".format(name),
                             "OUTPUT_CONCENTRATIONS={}_metals.tif".format(name),
                             "OUTPUT_SAMPLES={}_samples.gpkg".format(name),
                             "OUTPUT_DETECTION_SAMPLES={}_labelled.gpkg".format(name)], env)
        train = timed(qp + ["pccee:trainsourcedetector", "--", "INPUT={}_scene.tif".format(name),
                            "SAMPLES={}_labelled.gpkg".format(name), "LABEL=Cd", "REGION=region", "DEVICE=1",
                            "OUTPUT_MODEL={}_detector.npz".format(name), "OUTPUT_METRICS={}_auc.gpkg".format(name),
                            "OUTPUT_REPORT={}_report.html".format(name)] + TRAINING, env)
        detect = timed(qp + ["pccee:detectsources", "--", "INPUT={}_scene.tif".format(name), "DEVICE=1",
                             "MODEL={}_detector.npz".format(name), "OUTPUT={}_probability.tif".format(name),
                             "OUTPUT_SENSITIVITY={}_sensitivity.tif".format(name)], env)
        table = ogr.Open("{}_auc.gpkg".format(name))
        auc = {(f["model"], f["name"]): f["auc"] for f in table.GetLayer(0) if f["scope"] == "overall"}
        table = None
        landscape = sim.simulate_landscape(size, np.random.default_rng(2024))
        sources = sim.add_industrial_site(landscape, 2024, 30.0)[1].any
        sensitivity = gdal.Open("{}_sensitivity.tif".format(name)).ReadAsArray()
        mapped = sensitivity != -9999.0
        ratio = sensitivity[sources & mapped].mean() / sensitivity[~sources & mapped].mean()
        lines.append("| {0} x {0} | {1} | {2:.0f} | {3:.0f} | {4:.0f} | {5:.3f} | {6:.3f} | {7:.1f} |".format(
            size, samples, create, train, detect, auc[("SI-LICNet", "all")],
            auc[("Random Forest, centre pixel", "all")], ratio))
        print(lines[-1], flush=True)
    with open(os.path.join(out, "detection.md"), "w") as stream:
        stream.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
