"""Collaborative endmember selection (issue 17), run by `make bench` (BENCH=selection runs only this one).

Measures, side by side in one run:
- Jasper Ridge (Zhu 2017 truth): the chain PPI (10) + VCA (6) + built-in prior + Top-4, with REFINE (the default)
  and without, against VCA alone (4 endmembers), seeds 1-3; mean spectral angle over tree, water, soil and road;
- the ablation (pccee:endmemberablation) on simulated scenes of SIZE 150 and 300, seeds 1-5 (TREES trees):
  mean CV R2 over Cd, Cr, Hg, As, Cu, Zn, Ni per workflow, and whether PPI+VCA+PS is within 0.005 of the best;
- the endmember chain (PPI, VCA, prior, Top-K) on simulated scenes of SIZE 64 ... 2000: classes kept, warnings.
Writes bench_output/selection.md. Arguments: output folder, plugins folder; environment: SIZES (default
"64,150,300,1000,2000"), ABLATION_SIZES ("150,300"), SEEDS ("1,2,3,4,5"), TREES (100).
"""
import os
import sys
import tempfile
import time

import numpy as np

METALS = "Cd, Cr, Hg, As, Cu, Zn, Ni"


def start_qgis(plugins):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, plugins)
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    Processing.initialize()
    from pccee.algorithms.provider import PcceeProvider
    provider = PcceeProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def run(algorithm, parameters):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        lines = []

        def pushWarning(self, warning):  # noqa: N802
            self.lines.append(warning)

    log = Log()
    log.lines = []
    return processing.run(algorithm, parameters, context=QgsProcessingContext(), feedback=log), log.lines


def library(path):
    from qgis.core import QgsVectorLayer
    from pccee.algorithms.library_layer import read_library
    return read_library(QgsVectorLayer(path, "library", "ogr"))


def scene(out, size, seed):
    folder = os.path.join(out, "scenes", "s{}_{}".format(size, seed))
    os.makedirs(folder, exist_ok=True)
    clean = os.path.join(folder, "clean.tif")
    if not os.path.exists(clean):
        run("pccee:createsamplescene", {"SIZE": size, "SEED": seed, "OUTPUT": os.path.join(folder, "scene.tif"),
                                        "OUTPUT_ABUNDANCES": os.path.join(folder, "truth.tif"),
                                        "OUTPUT_CONCENTRATIONS": os.path.join(folder, "metals.tif"),
                                        "OUTPUT_SAMPLES": os.path.join(folder, "samples.gpkg")})
        run("pccee:removebadbands", {"INPUT": os.path.join(folder, "scene.tif"), "OUTPUT": clean})
    return folder, clean


def jasper(out):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "test"))
    from conftest import jasper_ridge
    from pccee.algorithms.core.spectral_angle import spectral_angles
    folder = tempfile.mkdtemp(dir=out)
    path, truth, _ = jasper_ridge(folder)
    prior = run("pccee:matchpriorlibrary", {"INPUT": path, "OUTPUT": os.path.join(folder, "prior.gpkg"),
                                            "OUTPUT_ANGLES": os.path.join(folder, "angles.tif")})[0]["OUTPUT"]
    rows = {"chain (REFINE, the default)": [], "chain without REFINE": [], "VCA alone (4)": []}
    for seed in (1, 2, 3):
        name = os.path.join(folder, "{}_{}.gpkg")
        ppi = run("pccee:extractendmembersppi", {"INPUT": path, "ENDMEMBERS": 10, "SEED": seed, "OUTPUT": name.format("ppi", seed),
                                                 "OUTPUT_SCORES": name.format("ppi", seed)[:-5] + ".tif"})[0]["OUTPUT"]
        vca = run("pccee:extractendmembersvca", {"INPUT": path, "ENDMEMBERS": 6, "SEED": seed,
                                                 "OUTPUT": name.format("vca", seed)})[0]["OUTPUT"]
        for label, file, extra in (("chain (REFINE, the default)", "refined", {"INPUT": path}),
                                   ("chain without REFINE", "chain", {"REFINE": False})):
            top = run("pccee:selecttopkendmembers", dict({"CANDIDATES": [ppi, vca, prior], "K": 4,
                                                          "OUTPUT": name.format(file, seed)}, **extra))[0]
            rows[label].append(spectral_angles(truth, library(top["OUTPUT"]).spectra).min(axis=1))
        four = run("pccee:extractendmembersvca", {"INPUT": path, "ENDMEMBERS": 4, "SEED": seed,
                                                  "OUTPUT": name.format("vca4", seed)})[0]["OUTPUT"]
        rows["VCA alone (4)"].append(spectral_angles(truth, library(four).spectra).min(axis=1))
    lines = ["Jasper Ridge, seeds 1-3, angle (degrees) to Zhu's ground truth", "",
             "| endmembers | tree | water | soil | road | mean | per seed |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for label, values in rows.items():
        values = np.array(values)
        lines.append("| {} | {} | {:.2f} | {} |".format(label, " | ".join("{:.1f}".format(v) for v in values.mean(axis=0)),
                                                        values.mean(), ", ".join("{:.2f}".format(v) for v in values.mean(axis=1))))
    lines.append("| OTB 8.1 VCA (measured before, README) | | | | | 8.6 | |")
    return lines


def ablation(out, sizes, seeds, trees):
    lines = []
    for size in sizes:
        table = {}
        for seed in seeds:
            folder, clean = scene(out, size, seed)
            start = time.perf_counter()
            result, _ = run("pccee:endmemberablation", {
                "INPUT": clean, "SAMPLES": os.path.join(folder, "samples.gpkg"), "METALS": METALS, "TREES": trees,
                "SEED": 0, "OUTPUT": os.path.join(folder, "ablation.gpkg"), "OUTPUT_REPORT": os.path.join(folder, "ablation.html")})
            from qgis.core import QgsVectorLayer
            layer = QgsVectorLayer(result["OUTPUT"], "t", "ogr")
            for feature in layer.getFeatures():
                table.setdefault(feature["workflow"], []).append(feature["cv_r2_mean"])
            print("ablation", size, seed, "{:.0f} s".format(time.perf_counter() - start), flush=True)
        means = {name: float(np.mean(values)) for name, values in table.items()}
        best = max(means.values())
        lines += ["", "Ablation, SIZE {}, seeds {}, {} trees: mean CV R2 over {}".format(
            size, ", ".join(map(str, seeds)), trees, METALS), "", "| workflow | per seed | mean |", "| --- | --- | --- |"]
        for name, values in table.items():
            lines.append("| {} | {} | {:.3f} |".format(name, ", ".join("{:.3f}".format(v) for v in values), means[name]))
        lines.append("PPI+VCA+PS {} the best ({:.3f}); PS alone {}.".format(
            "is within 0.005 of" if means["PPI+VCA+PS"] >= best - 0.005 else "is NOT within 0.005 of", best,
            "differs" if table["PS"] != table["PPI+VCA+PS"] else "is identical"))
    return lines


def sizes_check(out, sizes):
    lines = ["", "Endmember chain (PPI 10, VCA 6, built-in prior, Top-4) by scene size, seed 1", "",
             "| SIZE | seconds | classes kept | warnings |", "| --- | --- | --- | --- |"]
    for size in sizes:
        folder, clean = scene(out, size, 1)
        start = time.perf_counter()
        ppi, w1 = run("pccee:extractendmembersppi", {"INPUT": clean, "OUTPUT": os.path.join(folder, "ppi.gpkg"),
                                                     "OUTPUT_SCORES": os.path.join(folder, "ppi.tif")})
        vca, w2 = run("pccee:extractendmembersvca", {"INPUT": clean, "OUTPUT": os.path.join(folder, "vca.gpkg")})
        prior, w3 = run("pccee:matchpriorlibrary", {"INPUT": clean, "OUTPUT": os.path.join(folder, "prior.gpkg"),
                                                   "OUTPUT_ANGLES": os.path.join(folder, "angles.tif")})
        top, w4 = run("pccee:selecttopkendmembers", {"CANDIDATES": [ppi["OUTPUT"], vca["OUTPUT"], prior["OUTPUT"]],
                                                     "K": 4, "INPUT": clean,
                                                     "OUTPUT": os.path.join(folder, "top.gpkg")})
        kept = library(top["OUTPUT"])
        lines.append("| {} | {:.0f} | {} ({} of PPI {}, VCA {}) | {} |".format(
            size, time.perf_counter() - start, ", ".join(sorted(kept.classes)), len(kept), len(library(ppi["OUTPUT"])),
            len(library(vca["OUTPUT"])), " / ".join(w1 + w2 + w3 + w4) or "none"))
        print("size", size, "done", flush=True)
    return lines


def main(out, plugins):
    _app, _provider = start_qgis(plugins)
    env = os.environ.get
    lines = jasper(out)
    lines += ablation(out, [int(s) for s in env("ABLATION_SIZES", "150,300").split(",") if s],
                      [int(s) for s in env("SEEDS", "1,2,3,4,5").split(",")], int(env("TREES", "100")))
    lines += sizes_check(out, [int(s) for s in env("SIZES", "64,150,300,1000,2000").split(",") if s])
    text = "\n".join(lines)
    with open(os.path.join(out, "selection.md"), "w") as stream:
        stream.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
