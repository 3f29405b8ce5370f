"""Unmixing benchmark (issue: abundance estimation at I/O speed), run by `make bench` after the
endmember benchmark, which leaves the 500 x 500 x 330 scene and 6 VCA endmembers in bench_output/.

Side by side in one run: the whole NNLS run (read, unmix, write) inside a QGIS session, as the Toolbox
runs it, against reading the same cube with GDAL (interleaved rounds, best of each); the same run through
qgis_process, with and without its start-up; OTB's otbcli_HyperspectralUnmixing -ua isra, and a SciPy
nnls loop per pixel (what pysptools does); NMF and SVR times beside them. Writes bench_output/unmixing.md.
"""
import os
import shutil
import sys

import numpy as np
from osgeo import gdal

from bench_endmembers import best, command_time


ROUNDS = 5


def main(out, plugins):
    sys.path.insert(0, plugins)
    from pccee.algorithms.core.unmixing import LinearUnmixer
    from pccee.algorithms.io.raster_reader import RasterReader
    from pccee.algorithms.library_layer import read_library
    from pccee.algorithms.provider import PcceeProvider
    from qgis.core import QgsApplication, QgsVectorLayer
    from scipy.optimize import nnls

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=os.path.join(out, ".qgis-profile"))
    env.pop("QGIS_OPTS", None)
    scene, library = os.path.join(out, "bench_scene.tif"), os.path.join(out, "vca.gpkg")
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    import processing
    from processing.core.Processing import Processing
    Processing.initialize()
    provider = PcceeProvider()
    QgsApplication.processingRegistry().addProvider(provider)

    def read_cube(options=()):
        dataset = gdal.OpenEx(scene, open_options=list(options))
        for window in RasterReader(scene).windows():
            dataset.ReadAsArray(window.xoff, window.yoff, window.xsize, window.ysize)

    def run_in_qgis():
        processing.run("pccee:unmixabundances", {"INPUT": scene, "ENDMEMBERS": library, "METHOD": 0,
                                                 "OUTPUT": os.path.join(out, "abundances.tif"),
                                                 "OUTPUT_RESIDUAL": os.path.join(out, "residual.tif")})
    # Interleaved rounds, best of each: a slow spell of the machine cannot favour one side.
    rounds = [(best(read_cube, 1), best(lambda: read_cube(["NUM_THREADS=ALL_CPUS"]), 1), best(run_in_qgis, 1))
              for _ in range(ROUNDS)]
    read, read_threaded, in_qgis = (min(column) for column in zip(*rounds))
    qp = ["qgis_process.bin", "run", "pccee:unmixabundances", "--", "INPUT=" + scene, "ENDMEMBERS=" + library]
    times = {}
    for method, index, repeats in (("NNLS", 0, 3), ("FCLS", 1, 3), ("NMF", 3, 1), ("SVR", 4, 1)):
        times[method] = command_time(qp + ["METHOD={}".format(index), "OUTPUT=" + os.path.join(out, "abundances.tif"),
                                           "OUTPUT_RESIDUAL=" + os.path.join(out, "residual.tif")], env, repeats)
    empty = command_time(["qgis_process.bin", "run", "native:rasterlayerproperties", "--", "INPUT=" + scene], env)

    with RasterReader(scene) as reader:
        pixels = np.vstack([p[v] for _, p, v in reader.blocks()]).astype(np.float64)
    endmembers = read_library(QgsVectorLayer(library, "vca", "ogr")).spectra
    ours_core = best(lambda: LinearUnmixer(endmembers, "nnls").abundances(pixels))
    scipy_loop = best(lambda: [nnls(endmembers.T, y) for y in pixels], repeats=1)

    rows = [("GDAL: read the 500 x 500 x 330 cube block by block", read, "1.00"),
            ("pccee:unmixabundances NNLS in a QGIS session (read, unmix, write; as run from the Toolbox)", in_qgis,
             "{:.2f} x the read".format(in_qgis / read)),
            ("qgis_process start-up and a trivial raster algorithm", empty, ""),
            ("qgis_process pccee:unmixabundances NNLS (read, unmix, write)", times["NNLS"],
             "{:.2f} x the read; {:.2f} without start-up".format(times["NNLS"] / read, (times["NNLS"] - empty) / read)),
            ("GDAL: the same read, tiles decoded on all cores (NUM_THREADS, as the plugin reads)", read_threaded,
             "NNLS run without start-up: {:.2f} x this read".format((times["NNLS"] - empty) / read_threaded)),
            ("qgis_process pccee:unmixabundances FCLS", times["FCLS"], ""),
            ("NNLS core alone, all pixels in memory", ours_core, "1.00"),
            ("SciPy nnls loop per pixel (pysptools' way)", scipy_loop, "{:.1f}x slower".format(scipy_loop / ours_core)),
            ("qgis_process pccee:unmixabundances NMF", times["NMF"], ""),
            ("qgis_process pccee:unmixabundances SVR", times["SVR"], "")]
    if shutil.which("otbcli_HyperspectralUnmixing"):
        image = os.path.join(out, "otb_endmembers.tif")
        dataset = gdal.GetDriverByName("GTiff").Create(image, len(endmembers), 1, endmembers.shape[1], gdal.GDT_Float32)
        for band in range(endmembers.shape[1]):
            dataset.GetRasterBand(band + 1).WriteArray((endmembers[:, band] * 10000.0)[None, :].astype(np.float32))
        dataset = None
        otb = command_time(["otbcli_HyperspectralUnmixing", "-in", scene, "-ie", image, "-out",
                            os.path.join(out, "otb_abundances.tif"), "-ua", "isra"], env, 1)
        rows.append(("OTB 8.1 otbcli_HyperspectralUnmixing -ua isra", otb,
                     "{:.1f}x the plugin's NNLS run".format(otb / times["NNLS"])))
    lines = ["| what | seconds | ratio |", "| --- | --- | --- |"]
    lines += ["| {} | {:.2f} | {} |".format(*row) for row in rows]
    with open(os.path.join(out, "unmixing.md"), "w") as stream:
        stream.write("Unmixing, {} pixels x {} bands, 6 VCA endmembers, {} cores\n\n{}\n".format(
            len(pixels), pixels.shape[1], os.cpu_count(), "\n".join(lines)))
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
