"""Every raster layout a user brings is read as the same scene: GeoTIFF pixel- and band-interleaved, tiled
and striped, DEFLATE and LZW; ENVI BSQ, BIL and BIP; int16 x 10000 with and without a GDAL scale; nodata
and NaN; a VRT; a rotated grid. Each gives the pixel-interleaved reference's PPI endmembers and abundances."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import QgsProcessingFeedback, QgsVectorLayer

import conftest
from conftest import ROOT, read_raster, recording_feedback
from pccee.algorithms.core.resample import resample_linear
from pccee.algorithms.io.spectral_library_files import read_csv_library
from pccee.algorithms.library_layer import read_library

SIZE, N_BANDS = 48, 40
WAVELENGTHS = np.linspace(420.0, 2400.0, N_BANDS)
NORTH_UP = (600000.0, 30.0, 0.0, 3070000.0, 0.0, -30.0)
#: 30 m pixels, the grid turned by 30 degrees.
ROTATED = (600000.0, 30.0 * np.cos(np.pi / 6), 30.0 * np.sin(np.pi / 6),
           3070000.0, 30.0 * np.sin(np.pi / 6), -30.0 * np.cos(np.pi / 6))
#: A 3 x 3 patch of fill in the corner: all zero in the reference, nodata or NaN in those layouts.
FILL = (slice(0, 3), slice(0, 3))
PPI = {"ENDMEMBERS": 4, "SKEWERS": 300, "SEED": 11}
FCLS = 1


def simulated_dn(seed=5):
    """(rows, cols, bands) int16 reflectance x 10000: four materials mixed at random, with pure 3 x 3 patches."""
    materials = read_csv_library(os.path.join(ROOT, "resources", "spectra", "simulation_materials.csv"))
    spectra = resample_linear(materials.spectra[:4], materials.wavelengths, WAVELENGTHS)
    rng = np.random.default_rng(seed)
    abundances = rng.dirichlet(np.full(4, 0.5), size=(SIZE, SIZE))
    for material, (row, col) in enumerate(((10, 10), (10, 36), (36, 10), (36, 36))):
        abundances[row:row + 3, col:col + 3] = np.eye(4)[material]
    reflectance = abundances @ spectra + rng.normal(0.0, 0.002, (SIZE, SIZE, N_BANDS))
    dn = np.clip(np.round(reflectance * 10000), 1, 10000).astype(np.int16)
    dn[FILL] = 0
    return dn


def as_reflectance(dn):
    """What the reader makes of dn with a scale of 1e-4 (float32 product), so layouts compare bit for bit."""
    return dn.astype(np.float32) * np.float32(1e-4)


def write_gtiff(path, cube, options=("INTERLEAVE=PIXEL", "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16",
                                     "COMPRESS=DEFLATE"), scale=None, nodata=None, geotransform=NORTH_UP,
                wavelengths=WAVELENGTHS):
    """A GeoTIFF written plainly with GDAL, wavelengths as band metadata."""
    dtype = gdal.GDT_Int16 if cube.dtype == np.int16 else gdal.GDT_Float32
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), SIZE, SIZE, cube.shape[2], dtype, list(options))
    _georeference(dataset, geotransform)
    for index in range(cube.shape[2]):
        band = dataset.GetRasterBand(index + 1)
        band.WriteArray(cube[:, :, index])
        band.SetMetadataItem("wavelength", str(wavelengths[index]))
        band.SetMetadataItem("wavelength_units", "nm")
        if scale is not None:
            band.SetScale(scale)
        if nodata is not None:
            band.SetNoDataValue(nodata)
    dataset = None
    return str(path)


def write_envi(path, cube, interleave, bbl=None):
    """An ENVI .img/.hdr with wavelength and fwhm in micrometres, 'wavelength units' and a bad band list."""
    dataset = gdal.GetDriverByName("ENVI").Create(str(path), SIZE, SIZE, cube.shape[2], gdal.GDT_Float32,
                                                  ["INTERLEAVE=" + interleave])
    _georeference(dataset, NORTH_UP)
    for index in range(cube.shape[2]):
        dataset.GetRasterBand(index + 1).WriteArray(cube[:, :, index])
    dataset = None
    bbl = np.ones(cube.shape[2], dtype=int) if bbl is None else bbl
    with open(os.path.splitext(str(path))[0] + ".hdr", "a") as header:
        header.write("wavelength units = Micrometers\n")
        header.write("wavelength = {{{}}}\n".format(", ".join("{:.6f}".format(w / 1000) for w in WAVELENGTHS)))
        header.write("fwhm = {{{}}}\n".format(", ".join(["0.010000"] * cube.shape[2])))
        header.write("bbl = {{{}}}\n".format(", ".join(str(flag) for flag in bbl)))
    return str(path)


def _georeference(dataset, geotransform):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32649)
    dataset.SetGeoTransform(geotransform)
    dataset.SetProjection(srs.ExportToWkt())


def write_vrt(path, cube):
    """A VRT (gdal_translate -of VRT, band metadata kept) over a GeoTIFF beside it."""
    gdal.Translate(str(path), write_gtiff(str(path) + ".tif", cube), format="VRT")
    return str(path)


def with_fill(cube, value):
    filled = cube.copy()
    filled[FILL] = value
    return filled


#: Layouts read in this QGIS: name -> writer(folder, dn) -> path.
LAYOUTS = {
    "GeoTIFF pixel-interleaved, striped, LZW": lambda f, dn: write_gtiff(
        f / "pixel_striped.tif", as_reflectance(dn), ("INTERLEAVE=PIXEL", "BLOCKYSIZE=4", "COMPRESS=LZW")),
    "ENVI BSQ": lambda f, dn: write_envi(f / "bsq.img", as_reflectance(dn), "BSQ"),
    "ENVI BIL": lambda f, dn: write_envi(f / "bil.img", as_reflectance(dn), "BIL"),
    "ENVI BIP": lambda f, dn: write_envi(f / "bip.img", as_reflectance(dn), "BIP"),
    "int16 x 10000 with a GDAL scale": lambda f, dn: write_gtiff(f / "scaled.tif", dn, scale=1e-4),
    "int16 x 10000 without a scale": lambda f, dn: write_gtiff(f / "unscaled.tif", dn),
    "float32 with nodata -9999": lambda f, dn: write_gtiff(f / "nodata.tif", with_fill(as_reflectance(dn), -9999.0),
                                                           nodata=-9999.0),
    "float32 with NaN": lambda f, dn: write_gtiff(f / "nan.tif", with_fill(as_reflectance(dn), np.nan)),
    "VRT": lambda f, dn: write_vrt(f / "scene.vrt", as_reflectance(dn)),
    "rotated geotransform": lambda f, dn: write_gtiff(f / "rotated.tif", as_reflectance(dn), geotransform=ROTATED),
}
#: Band-interleaved GeoTIFFs with many blocks per band: GDAL < 3.7.1 aborted on them (double free) when
#: they were decoded on several threads, so they run in a QGIS of their own.
BAND_INTERLEAVED = {
    "GeoTIFF band-interleaved, tiled, DEFLATE": ("band_tiled.tif", (
        "INTERLEAVE=BAND", "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=DEFLATE")),
    "GeoTIFF band-interleaved, striped, LZW": ("band_striped.tif", ("INTERLEAVE=BAND", "BLOCKYSIZE=8", "COMPRESS=LZW")),
}


def ppi_job(path, folder, tag):
    return ("pccee:extractendmembersppi", dict(PPI, INPUT=path, OUTPUT=str(folder / "ppi_{}.gpkg".format(tag)),
                                               OUTPUT_SCORES=str(folder / "ppi_{}.tif".format(tag))))


def jobs(path, folder, library, tag):
    """The (algorithm, parameters) runs compared for one layout: PPI, unmixing with `library`, bad bands."""
    return [
        ppi_job(path, folder, tag),
        ("pccee:unmixabundances", {"INPUT": path, "ENDMEMBERS": library, "METHOD": FCLS,
                                   "OUTPUT": str(folder / "abundances_{}.tif".format(tag)),
                                   "OUTPUT_RESIDUAL": str(folder / "residual_{}.tif".format(tag))}),
        ("pccee:removebadbands", {"INPUT": path, "OUTPUT": str(folder / "clean_{}.tif".format(tag))}),
    ]


def run_jobs(job_list, feedback=None):
    import processing
    from qgis.core import QgsProcessingContext
    return [processing.run(name, parameters, context=QgsProcessingContext(),
                           feedback=feedback or QgsProcessingFeedback()) for name, parameters in job_list]


@pytest.fixture(scope="module")
def reference(tmp_path_factory, pccee_provider):
    """The scene as reflectance in a pixel-interleaved, tiled, DEFLATE GeoTIFF, and what it gives."""
    folder = tmp_path_factory.mktemp("layouts")
    dn = simulated_dn()
    path = write_gtiff(folder / "reference.tif", as_reflectance(dn))
    ppi = run_jobs([ppi_job(path, folder, "reference")])[0]["OUTPUT"]
    results = run_jobs(jobs(path, folder, ppi, "reference")[1:])
    return {"folder": folder, "dn": dn, "path": path, "ppi": ppi, "abundances": results[0]["OUTPUT"],
            "clean": results[1]["OUTPUT"]}


def library(path):
    return read_library(QgsVectorLayer(path, "library", "ogr"))


def assert_reads_like_the_reference(reference, ppi, abundances, clean):
    expected, found = library(reference["ppi"]), library(ppi)
    assert list(found.rows) == list(expected.rows) and list(found.cols) == list(expected.cols)
    assert np.allclose(found.spectra, expected.spectra, atol=1e-6)
    assert np.allclose(found.wavelengths, expected.wavelengths)
    found_abundances = read_raster(abundances)
    assert np.allclose(found_abundances, read_raster(reference["abundances"]), atol=1e-5)
    assert (found_abundances[FILL] < 0).all()  # the fill (zero, nodata or NaN) is nodata in the output
    outside_fill = np.ones((SIZE, SIZE), dtype=bool)
    outside_fill[FILL] = False
    assert np.array_equal(read_scaled(clean)[outside_fill], read_scaled(reference["clean"])[outside_fill])


def read_scaled(path):
    """(rows, cols, bands) float32 values times each band's GDAL scale."""
    dataset = gdal.Open(str(path))
    scales = [dataset.GetRasterBand(i + 1).GetScale() or 1.0 for i in range(dataset.RasterCount)]
    return read_raster(path).astype(np.float32) * np.array(scales, dtype=np.float32)


def test_reference_finds_the_four_pure_patches(reference):
    found = library(reference["ppi"])
    patches = {(row // 13, col // 13) for row, col in zip(found.rows, found.cols)}
    assert patches == {(0, 0), (0, 2), (2, 0), (2, 2)}, list(zip(found.rows, found.cols))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_reads_like_the_reference(reference, layout, tmp_path):
    path = LAYOUTS[layout](tmp_path, reference["dn"])
    log = recording_feedback()
    ppi, abundances, clean = [r["OUTPUT"] for r in run_jobs(jobs(path, tmp_path, reference["ppi"], "x"), log)]
    assert_reads_like_the_reference(reference, ppi, abundances, clean)
    assumed = [line for line in log.lines if line.startswith("Scale 0.0001 assumed")]
    assert len(assumed) == (3 if layout == "int16 x 10000 without a scale" else 0), log.lines


def test_rotated_endmembers_lie_at_their_pixel_centres(reference, tmp_path):
    path = LAYOUTS["rotated geotransform"](tmp_path, reference["dn"])
    found = library(run_jobs([ppi_job(path, tmp_path, "rotated")])[0]["OUTPUT"])
    x0, dx, rx, y0, ry, dy = ROTATED
    assert np.allclose(found.x, x0 + (found.cols + 0.5) * dx + (found.rows + 0.5) * rx)
    assert np.allclose(found.y, y0 + (found.cols + 0.5) * ry + (found.rows + 0.5) * dy)


SEPARATE_QGIS = """
import json, sys
sys.path[:0] = {paths!r}
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from processing.core.Processing import Processing
Processing.initialize()
from pccee.algorithms.provider import PcceeProvider
provider = PcceeProvider()
QgsApplication.processingRegistry().addProvider(provider)
import processing
for name, parameters in json.loads(sys.argv[1]):
    processing.run(name, parameters)
    print("done", name, parameters["INPUT"], flush=True)
"""


def test_band_interleaved_geotiffs_read_like_the_reference_without_crashing(reference, tmp_path):
    """The crash case runs in another QGIS, so that an abort is reported here instead of ending the suite;
    that QGIS's environment asks GDAL for threads everywhere (GDAL_NUM_THREADS), as a user's may."""
    cube = as_reflectance(reference["dn"])
    paths = {name: write_gtiff(tmp_path / file, cube, options) for name, (file, options) in BAND_INTERLEAVED.items()}
    for path in paths.values():
        dataset = gdal.Open(path)
        assert dataset.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE") == "BAND"
        assert dataset.GetRasterBand(1).GetBlockSize()[1] < SIZE  # more than one block per band
    # A VRT's sources are opened by GDAL, without the reader's NUM_THREADS: GDAL_NUM_THREADS below reaches them.
    paths["VRT of a band-interleaved GeoTIFF"] = str(tmp_path / "band.vrt")
    gdal.Translate(str(tmp_path / "band.vrt"), paths["GeoTIFF band-interleaved, striped, LZW"], format="VRT")
    job_list = [job for index, path in enumerate(paths.values())
                for job in jobs(path, tmp_path, reference["ppi"], index)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDAL_NUM_THREADS="ALL_CPUS")
    import processing
    script = SEPARATE_QGIS.format(paths=[conftest._PACKAGES, os.path.dirname(os.path.dirname(processing.__file__))])
    run = subprocess.run([sys.executable, "-c", script, json.dumps(job_list)], env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, "QGIS ended with {} (134 or -6: aborted):\n{}\n{}".format(
        run.returncode, run.stdout[-2000:], run.stderr[-2000:])
    for index in range(len(paths)):
        ppi, abundances, clean = [parameters["OUTPUT"] for _, parameters in job_list[3 * index:3 * index + 3]]
        assert_reads_like_the_reference(reference, ppi, abundances, clean)


def test_envi_bad_band_list_gives_the_default_bad_bands(reference, tmp_path):
    flags = np.ones(N_BANDS, dtype=int)
    flags[[0, 1, 19]] = 0
    path = write_envi(tmp_path / "bbl.img", as_reflectance(reference["dn"]), "BSQ", bbl=flags)
    log = recording_feedback()
    default = run_jobs([("pccee:removebadbands", {"INPUT": path, "DROP_WATER_VAPOUR": False, "DROP_CONSTANT": False,
                                                  "OUTPUT": str(tmp_path / "default.tif")})], log)[0]["OUTPUT"]
    assert np.array_equal(read_raster(default), as_reflectance(reference["dn"])[:, :, flags == 1])
    assert "The ENVI header's bad band list (bbl) marks 3 bands as bad: 1-2, 20." in log.lines
    listed = run_jobs([("pccee:removebadbands", {"INPUT": path, "BAD_BANDS": "5", "DROP_WATER_VAPOUR": False,
                                                 "DROP_CONSTANT": False, "OUTPUT": str(tmp_path / "listed.tif")})])[0]
    assert read_raster(listed["OUTPUT"]).shape[2] == N_BANDS - 1  # the user's list replaces the header's


def test_descending_wavelengths_are_a_band_order(reference, tmp_path):
    descending = write_gtiff(tmp_path / "descending.tif", as_reflectance(reference["dn"])[:, :, ::-1],
                             wavelengths=WAVELENGTHS[::-1])
    prior = os.path.join(ROOT, "resources", "spectra", "simulation_materials.csv")
    matched = {}
    for tag, path in (("ascending", reference["path"]), ("descending", descending)):
        result = run_jobs([("pccee:matchpriorlibrary", {
            "INPUT": path, "PRIOR_FILE": prior, "OUTPUT": str(tmp_path / "prior_{}.gpkg".format(tag)),
            "OUTPUT_ANGLES": str(tmp_path / "angles_{}.tif".format(tag))})])[0]
        matched[tag] = library(result["OUTPUT"]), read_raster(result["OUTPUT_ANGLES"])
    (ascending, ascending_angles), (found, angles) = matched["ascending"], matched["descending"]
    assert list(found.rows) == list(ascending.rows) and list(found.cols) == list(ascending.cols)
    assert np.allclose(angles, ascending_angles, atol=1e-4)
    assert np.allclose(found.spectra[:, ::-1], ascending.spectra) and np.allclose(found.wavelengths[::-1], WAVELENGTHS)
    unmixed, clean = run_jobs(jobs(descending, tmp_path, reference["ppi"], "descending")[1:])
    # float32 sums in the other band order: measured up to 1.6e-5 apart
    assert np.allclose(read_raster(unmixed["OUTPUT"]), read_raster(reference["abundances"]), atol=5e-5)
    assert np.array_equal(read_raster(clean["OUTPUT"])[:, :, ::-1], read_raster(reference["clean"]))


def test_duplicated_or_unreadable_wavelengths_fail_naming_wavelengths(reference, tmp_path):
    from qgis.core import QgsProcessingException
    repeated = WAVELENGTHS.copy()
    repeated[3] = repeated[2]
    in_metadata = write_gtiff(tmp_path / "repeated.tif", as_reflectance(reference["dn"]), wavelengths=repeated)
    binary = tmp_path / "wavelengths.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    cases = [({"INPUT": in_metadata}, "Bands 3 and 4 share the wavelength"),
             ({"INPUT": reference["path"], "WAVELENGTHS": " ".join(str(w) for w in repeated)}, "Bands 3 and 4 share"),
             ({"INPUT": reference["path"], "WAVELENGTHS": str(binary)}, "UTF-8 text file")]
    for parameters, message in cases:
        with pytest.raises(QgsProcessingException, match=r"\(WAVELENGTHS\).*" + message):
            run_jobs([("pccee:removebadbands", dict(parameters, OUTPUT=str(tmp_path / "out.tif")))])
        assert not (tmp_path / "out.tif").exists()


def test_samples_on_a_rotated_raster_are_read_at_their_pixels(reference, tmp_path):
    from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingContext,
                           QgsProcessingFeatureSource, QgsRasterLayer)
    from pccee.algorithms.io.raster_reader import RasterReader
    from pccee.algorithms.sample_points import samples_at_pixels
    path = LAYOUTS["rotated geotransform"](tmp_path, reference["dn"])
    rows, cols = np.array([5, 40, 20, 47]), np.array([40, 5, 30, 47])
    x0, dx, rx, y0, ry, dy = ROTATED
    layer = QgsVectorLayer("Point?crs=EPSG:32649&field=zn:double", "samples", "memory")
    features = []
    for row, col in zip(rows, cols):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x0 + (col + 0.5) * dx + (row + 0.5) * rx,
                                                               y0 + (col + 0.5) * ry + (row + 0.5) * dy)))
        feature["zn"] = 1.0
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("pccee:invertmetals")
    context = QgsProcessingContext()
    with RasterReader(path) as reader:
        _, _, values, _ = samples_at_pixels(algorithm, "SAMPLES", reader, QgsRasterLayer(path),
                                            QgsProcessingFeatureSource(layer, context), [("zn", "zn")], context)
    assert np.array_equal(values, as_reflectance(reference["dn"])[rows, cols])
