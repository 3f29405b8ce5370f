"""The reliability matrix (issue 15): every bad input of every algorithm, one row each, is refused with a
QgsProcessingException that names the parameter and the fix before any output appears; inputs that were once
taken in silence are refused, or logged as a warning with their numbers. Inputs are small files written from
arrays; crafted model files that once made 'Predict metals' loop forever run in a subprocess (qgis_process), so a
regression fails the test instead of hanging the suite."""
import hashlib
import json
import os
import subprocess
from typing import Callable, NamedTuple, Tuple

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from conftest import read_raster, recording_feedback, write_raster

WAVELENGTHS = [450.0, 550.0, 650.0, 750.0, 850.0, 1050.0, 1650.0, 2200.0]
ORIGIN, PIXEL, EPSG, SIZE = (600000.0, 3070000.0), 30.0, 32649, 16
N_SAMPLES = 30


def endmembers():
    """Soil, vegetation and water on WAVELENGTHS."""
    return np.array([[0.10, 0.14, 0.18, 0.22, 0.25, 0.28, 0.35, 0.30],
                     [0.04, 0.09, 0.05, 0.30, 0.45, 0.44, 0.25, 0.12],
                     [0.08, 0.06, 0.04, 0.03, 0.02, 0.015, 0.01, 0.005]])


def centre(row, col):
    return ORIGIN[0] + (col + 0.5) * PIXEL, ORIGIN[1] - (row + 0.5) * PIXEL


def write_points(path, points, fields, rows, epsg=EPSG, multi=False):
    """A GeoPackage of points (x, y), or of multipoints (lists of (x, y)); fields: (name, 'real' or 'text')."""
    from osgeo import ogr, osr
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    layer = source.CreateLayer("samples", srs, ogr.wkbMultiPoint if multi else ogr.wkbPoint)
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, {"real": ogr.OFTReal, "text": ogr.OFTString}[kind]))
    for point, row in zip(points, rows):
        feature = ogr.Feature(layer.GetLayerDefn())
        parts = point if multi else [point]
        wkt = "MULTIPOINT ({})" if multi else "POINT {}"
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt.format(", ".join("({} {})".format(*p) for p in parts))))
        for (name, _), value in zip(fields, row):
            if value is not None:
                feature.SetField(name, value)
        layer.CreateFeature(feature)
    source = None
    return str(path)


def write_library_layer(path, spectra, wavelengths=WAVELENGTHS):
    """A PCCEE library layer without geometry (name, source, class, profiles), written plainly with OGR."""
    from osgeo import ogr
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = source.CreateLayer("library", None, ogr.wkbNone)
    for name in ("name", "source", "class", "profiles"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for index, spectrum in enumerate(spectra):
        profile = {"y": [float(v) if np.isfinite(v) else None for v in spectrum], "yUnit": "reflectance"}
        if wavelengths is not None:
            profile.update(x=list(wavelengths), xUnit="nanometers")
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in (("name", "em {}".format(index + 1)), ("source", "TEST"), ("class", "c{}".format(index + 1)),
                            ("profiles", json.dumps(profile))):
            feature.SetField(name, value)
        layer.CreateFeature(feature)
    source = None
    return str(path)


def write_text(path, rows):
    """A text file: rows of cells joined by commas (a CSV, or text where a binary file belongs)."""
    with open(str(path), "w") as stream:
        stream.write("\n".join(",".join(str(cell) for cell in row) for row in rows) + "\n")
    return str(path)


class Inputs:
    """The small inputs, each written once: a 16 x 16 scene of 8 bands mixed from three endmembers, its
    abundances, 30 samples with Pb and Cd, an endmember library, and a model trained on them (3 trees)."""

    def __init__(self, folder):
        self.folder = str(folder)
        rng = np.random.default_rng(0)
        self.abundance_cube = rng.dirichlet([1.0, 1.0, 1.0], size=(SIZE, SIZE)).astype(np.float32)
        self.cube = (self.abundance_cube @ endmembers() + rng.normal(0, 0.002, (SIZE, SIZE, 8))).astype(np.float32)
        self.scene = self.raster("scene.tif", self.cube)
        self.abundances = self.raster("abundances.tif", self.abundance_cube, None,
                                      descriptions=["soil", "vegetation", "water"])
        rows, cols = np.divmod(rng.choice(SIZE * SIZE, N_SAMPLES, replace=False), SIZE)
        self.points = [centre(r, c) for r, c in zip(rows, cols)]
        self.pb = 50.0 + 200.0 * self.abundance_cube[rows, cols, 0] + rng.normal(0, 5, N_SAMPLES)
        self.cd = 0.2 + 3.0 * self.abundance_cube[rows, cols, 0] + rng.normal(0, 0.05, N_SAMPLES)
        self.samples = self.points_file("samples.gpkg", {"Pb": self.pb, "Cd": self.cd})
        self.library = write_library_layer(self.path("library.gpkg"), endmembers())
        self._model = None

    def path(self, name):
        return os.path.join(self.folder, name)

    def raster(self, name, cube, wavelengths=WAVELENGTHS, **options):
        """A GeoTIFF of the (rows, cols, bands) cube, written the first time the name is asked for."""
        path = self.path(name)
        return path if os.path.exists(path) else write_raster(path, np.asarray(cube, dtype=np.float32), wavelengths,
                                                              **options)

    def points_file(self, name, columns, points=None, text=(), **options):
        """Samples with the given field -> values columns (fields named in `text` are text fields), written the
        first time the name is asked for."""
        path = self.path(name)
        if os.path.exists(path):
            return path
        points = self.points if points is None else points
        fields = [(field, "text" if field in text else "real") for field in columns]
        return write_points(path, points, fields, list(zip(*columns.values())), **options)

    def library_layer(self, name, spectra, wavelengths=WAVELENGTHS):
        """A library layer of the spectra, written the first time the name is asked for."""
        path = self.path(name)
        return path if os.path.exists(path) else write_library_layer(path, spectra, wavelengths)

    def model(self):
        """The model file 'Invert metal concentrations' writes for Pb and Cd on the abundances."""
        if self._model is None:
            import processing
            self._model = processing.run("pccee:invertmetals", dict(
                invert(self, self.folder, METALS="Pb, Cd"), OUTPUT_MODEL=self.path("model.npz")))["OUTPUT_MODEL"]
        return self._model

    def crafted_model(self, name, change):
        """The model with its arrays changed by change(arrays) and its digest recomputed, as a forger would."""
        path = self.path(name)
        if not os.path.exists(path):
            with np.load(self.model(), allow_pickle=False) as data:
                arrays = {key: data[key] for key in data.files if key != "digest"}
            change(arrays)
            digest = hashlib.sha256()
            for key in sorted(arrays):
                digest.update(key.encode())
                digest.update(np.ascontiguousarray(arrays[key]).tobytes())
            np.savez_compressed(path, digest=np.array(digest.hexdigest()), **arrays)
        return path


def outputs(out, **names):
    """Output parameters: name -> file in the case's output folder."""
    return {name: os.path.join(str(out), file) for name, file in names.items()}


def invert(d, out, **changes):
    return {"ABUNDANCES": d.abundances, "SAMPLES": d.samples, "METALS": "Pb", "TREES": 3, "FOLDS": 3, **outputs(
        out, OUTPUT="c.tif", OUTPUT_UNCERTAINTY="u.tif", OUTPUT_METRICS="metrics.gpkg", OUTPUT_REPORT="r.html",
        OUTPUT_MODEL="model.npz"), **changes}


def predict(d, out, **changes):
    return {"ABUNDANCES": d.abundances, "MODEL": d.model(), **outputs(out, OUTPUT="c.tif", OUTPUT_UNCERTAINTY="u.tif"),
            **changes}


def zone(d, out, **changes):
    return {"INPUT": d.abundances, "K": 3, **outputs(out, OUTPUT="z.tif", OUTPUT_STATS="s.gpkg", OUTPUT_REPORT="z.html"),
            **changes}


def ppi(d, out, **changes):
    return {"INPUT": d.scene, "ENDMEMBERS": 3, "SKEWERS": 200, **outputs(out, OUTPUT="ppi.gpkg", OUTPUT_SCORES="s.tif"),
            **changes}


def vca(d, out, **changes):
    return {"INPUT": d.scene, "ENDMEMBERS": 3, **outputs(out, OUTPUT="vca.gpkg"), **changes}


def unmix(d, out, **changes):
    return {"INPUT": d.scene, "ENDMEMBERS": d.library, **outputs(out, OUTPUT="a.tif", OUTPUT_RESIDUAL="r.tif"), **changes}


def bad_bands(d, out, **changes):
    return {"INPUT": d.scene, **outputs(out, OUTPUT="clean.tif"), **changes}


def match(d, out, **changes):
    return {"INPUT": d.scene, **outputs(out, OUTPUT="prior.gpkg", OUTPUT_ANGLES="angles.tif"), **changes}


def top_k(d, out, **changes):
    return {"CANDIDATES": [d.library], "K": 2, **outputs(out, OUTPUT="top.gpkg"), **changes}


def merge(d, out, **changes):
    return {"INPUT": [d.library], **outputs(out, OUTPUT="merged.gpkg"), **changes}


def import_library(d, out, **changes):
    return {**outputs(out, OUTPUT="library.gpkg"), **changes}


def correlate(d, out, **changes):
    return {**outputs(out, OUTPUT="table.gpkg", OUTPUT_REPORT="c.html"), **changes}


def angle_maps(d, out, **changes):
    return {"INPUT": d.scene, "ENDMEMBERS": d.library, **outputs(out, OUTPUT="sam.tif", OUTPUT_PLOT="p.html"), **changes}


def compare(d, out, **changes):
    return {"INPUT": d.scene, "ENDMEMBERS": d.library, "METHODS": [0], **outputs(
        out, OUTPUT="table.gpkg", OUTPUT_REPORT="c.html"), **changes}


def ablation(d, out, **changes):
    return {"INPUT": d.scene, "SAMPLES": d.samples, "METALS": "Pb", "WORKFLOWS": [3], "VCA_ENDMEMBERS": 3, "TREES": 3,
            "FOLDS": 3, **outputs(out, OUTPUT="table.gpkg", OUTPUT_REPORT="a.html"), **changes}


def scene(d, out, **changes):
    return {**outputs(out, OUTPUT="s.tif", OUTPUT_ABUNDANCES="a.tif", OUTPUT_CONCENTRATIONS="c.tif",
                      OUTPUT_SAMPLES="s.gpkg"), **changes}


# Model files changed as a forger would (the digest recomputed): what the structural checks on load refuse.
def first_inner(arrays):
    return int(np.flatnonzero(arrays["0_left"] >= 0)[0])


def changed(key, change):
    """A change of arrays[key] on a copy: change(copy, arrays) edits the copy in place."""
    def apply(arrays):
        arrays[key] = arrays[key].copy()
        change(arrays[key], arrays)
    return apply


def self_loop(left, arrays):
    left[first_inner(arrays)] = first_inner(arrays)


def cycle(left, arrays):
    inner = np.flatnonzero(left >= 0)
    left[inner[1]] = inner[0]  # a deeper node sends its pixels back to the root


def add_metal(arrays):
    header = json.loads(str(arrays["header"]))
    arrays["header"] = np.array(json.dumps(dict(header, metals=header["metals"] + ["Zn"])))


def empty_trees(arrays):
    for key in [key for key in arrays if key[0].isdigit()]:
        arrays[key] = arrays[key][:0]


def truncated_model(d):
    path = d.path("truncated.npz")
    data = open(d.model(), "rb").read()
    with open(path, "wb") as stream:
        stream.write(data[:len(data) // 2])
    return path


def tampered_model(d):
    """Thresholds shifted without recomputing the digest: accidental damage, which the digest catches."""
    path = d.path("tampered.npz")
    with np.load(d.model(), allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["0_threshold"] = arrays["0_threshold"] + 1.0
    np.savez(path, **arrays)
    return path


def raster_without_crs(d):
    from osgeo import gdal
    path = d.path("no_crs.tif")
    dataset = gdal.GetDriverByName("GTiff").Create(path, SIZE, SIZE, 3, gdal.GDT_Float32)
    dataset.SetGeoTransform((ORIGIN[0], PIXEL, 0.0, ORIGIN[1], 0.0, -PIXEL))
    for band in range(3):
        dataset.GetRasterBand(band + 1).WriteArray(d.abundance_cube[:, :, band])
    dataset = None
    return path


def envi_library(d, name, header, n_spectra=2):
    """An ENVI .sli of n_spectra spectra of 8 values; header: the .hdr text, or None for no header."""
    path = d.path(name)
    np.zeros((n_spectra, 8), dtype="<f4").tofile(path)
    if header is not None:
        with open(path + ".hdr", "w") as stream:
            stream.write(header)
    return path


def one_valid_pixel(d):
    cube = np.full((SIZE, SIZE, 3), -9999.0)
    cube[0, 0] = [0.2, 0.3, 0.5]
    return d.raster("one_valid.tif", cube, None, nodata=-9999.0)


ZERO = np.zeros((8, 8, 8))
SAME = np.tile(endmembers()[0], (8, 8, 1))


class Case(NamedTuple):
    id: str
    algorithm: str
    parameters: Callable  # (Inputs, output folder) -> parameters
    parameter: str  # the parameter the message must name
    words: Tuple[str, ...]  # what the message must say (the cause and the fix)


CASES = [
    # Once silent: now refused.
    Case("samples-on-one-point", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "one_point.gpkg", {"Pb": d.pb}, points=[d.points[0]] * N_SAMPLES)), "SAMPLES",
        ("1 distinct predictor value", "spread over the raster")),
    Case("all-zero-raster-removebadbands", "pccee:removebadbands", lambda d, out: bad_bands(
        d, out, INPUT=d.raster("zero.tif", ZERO)), "INPUT", ("constant or empty", "nodata value")),
    Case("all-zero-raster-unmix", "pccee:unmixabundances", lambda d, out: unmix(d, out, INPUT=d.raster("zero.tif", ZERO)),
         "INPUT", ("no valid pixel", "nodata value")),
    Case("all-zero-raster-angle-maps", "pccee:spectralanglemaps", lambda d, out: angle_maps(
        d, out, INPUT=d.raster("zero.tif", ZERO)), "INPUT", ("no valid pixel", "nodata value")),
    Case("all-zero-raster-ppi", "pccee:extractendmembersppi", lambda d, out: ppi(d, out, INPUT=d.raster("zero.tif", ZERO)),
         "INPUT", ("no valid pixel", "Remove bad bands")),
    Case("all-zero-abundances-invert", "pccee:invertmetals", lambda d, out: invert(d, out, ABUNDANCES=d.raster(
        "zero3.tif", np.zeros((SIZE, SIZE, 3)), None)), "SAMPLES", ("all fall on nodata pixels", "nodata value")),
    Case("identical-pixels-vca", "pccee:extractendmembersvca", lambda d, out: vca(
        d, out, ENDMEMBERS=6, INPUT=d.raster("same.tif", SAME)), "INPUT", ("same spectrum", "several materials")),
    Case("identical-pixels-ppi", "pccee:extractendmembersppi", lambda d, out: ppi(d, out, INPUT=d.raster("same.tif", SAME)),
         "INPUT", ("same spectrum", "several materials")),
    Case("identical-pixels-zone", "pccee:zonepollution", lambda d, out: zone(d, out, INPUT=d.raster(
        "same3.tif", np.tile([1.0, 2.0, 3.0], (8, 8, 1)), None)), "INPUT", ("every band is constant", "metals vary")),
    Case("all-nan-library-import", "pccee:importspectrallibrary", lambda d, out: import_library(d, out, INPUT=write_text(
        d.path("nan.csv"), [["name"] + WAVELENGTHS, ["a"] + [""] * 8, ["b"] + ["nan"] * 8])), "INPUT",
        ("2 of the 2 spectra hold no value", "fill in")),
    Case("all-nan-library-match", "pccee:matchpriorlibrary", lambda d, out: match(d, out, PRIOR_FILE=write_text(
        d.path("nan.csv"), [["name"] + WAVELENGTHS, ["a"] + [""] * 8, ["b"] + ["nan"] * 8])), "PRIOR_FILE",
        ("hold no value", "fill in")),
    Case("all-nan-library-unmix", "pccee:unmixabundances", lambda d, out: unmix(d, out, ENDMEMBERS=d.library_layer(
        "nan.gpkg", np.full((3, 8), np.nan))), "ENDMEMBERS", ("hold no value", "fill in")),
    Case("all-nan-library-top-k", "pccee:selecttopkendmembers", lambda d, out: top_k(d, out, CANDIDATES=[
        d.library_layer("nan.gpkg", np.full((3, 8), np.nan))]), "CANDIDATES", ("hold no value",)),
    Case("text-in-metal-field", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "text.gpkg", {"Pb": ["{:.1f}".format(v) if i % 2 else ("n.d." if i % 4 else "<5") for i, v in enumerate(d.pb)]},
        text=("Pb",))), "METALS", ("is text", "15 of its 30 values", "'n.d.'", "'<5'", "numeric field")),
    Case("decimal-commas-in-metal-field", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "commas.gpkg", {"Pb": ["{:.1f}".format(v).replace(".", ",") for v in d.pb]}, text=("Pb",))), "METALS",
        ("30 of its 30 values are not numbers", "numeric field")),
    Case("all-nodata-abundances-predict", "pccee:predictmetals", lambda d, out: predict(d, out, ABUNDANCES=d.raster(
        "nan3.tif", np.full((8, 8, 3), np.nan), None, descriptions=["soil", "vegetation", "water"])), "ABUNDANCES",
        ("no valid pixel", "nodata value")),
    # Model files: a crafted file with its digest recomputed is refused by the structure checks on load.
    Case("model-nan-value", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "nan_value.npz", changed("0_value", lambda a, _: a.__setitem__(0, np.nan)))), "MODEL",
        ("not finite numbers", "Invert metal concentrations")),
    Case("model-infinite-threshold", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "inf_threshold.npz", changed("0_threshold", lambda a, arrays: a.__setitem__(first_inner(arrays), np.inf)))),
        "MODEL", ("not finite numbers",)),
    Case("model-feature-out-of-range", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "feature.npz", changed("0_feature", lambda a, arrays: a.__setitem__(first_inner(arrays), 7)))), "MODEL",
        ("splits on a predictor it does not have", "3 listed")),
    Case("model-root-out-of-range", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "root.npz", changed("0_roots", lambda a, _: a.__setitem__(0, 10 ** 6)))), "MODEL", ("trees that do not start",)),
    Case("model-arrays-of-two-lengths", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "short.npz", lambda arrays: arrays.__setitem__("0_right", arrays["0_right"][:-1]))), "MODEL",
        ("arrays of different shapes",)),
    Case("model-forest-missing", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "zn.npz", add_metal)), "MODEL", ("forest of Zn is missing",)),
    Case("model-without-trees", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "empty.npz", empty_trees)), "MODEL", ("has no tree",)),
    Case("model-header-not-json", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.crafted_model(
        "header.npz", lambda arrays: arrays.__setitem__("header", np.array("{not json")))), "MODEL",
        ("header is not readable",)),
    Case("model-digest-mismatch", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=tampered_model(d)), "MODEL",
         ("altered", "Invert metal concentrations")),
    Case("model-text-file", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=write_text(
        d.path("text.npz"), [["not a model"]])), "MODEL", ("not a complete .npz archive",)),
    Case("model-truncated", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=truncated_model(d)), "MODEL",
         ("not a complete .npz archive",)),
    Case("model-missing-file", "pccee:predictmetals", lambda d, out: predict(d, out, MODEL=d.path("nowhere.npz")),
         "MODEL", ("does not exist",)),
    # Once a traceback or the wrong parameter blamed.
    Case("multipoint-of-two-points", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "multi.gpkg", {"Pb": d.pb}, points=[[p, d.points[0]] for p in d.points], multi=True)), "SAMPLES",
        ("multipoint of 2 points", "Multipart to singleparts")),
    Case("metal-constant-at-every-sample", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "constant.gpkg", {"Pb": [12.0] * N_SAMPLES})), "METALS", ("is 12 at all 30 usable samples", "Leave it out")),
    Case("zone-constant-raster", "pccee:zonepollution", lambda d, out: zone(d, out, K=0, INPUT=d.raster(
        "five.tif", np.full((8, 8, 3), 5.0), None)), "INPUT", ("every band is constant", "metals vary")),
    Case("zone-one-pixel", "pccee:zonepollution", lambda d, out: zone(d, out, K=0, INPUT=d.raster(
        "one_pixel.tif", [[[1.0, 2.0, 3.0]]], None)), "INPUT", ("1 valid pixel",)),
    Case("zone-two-pixels", "pccee:zonepollution", lambda d, out: zone(d, out, K=0, INPUT=d.raster(
        "two_pixels.tif", [[[1.0, 2, 3], [4, 5, 6]]], None)), "INPUT", ("only 2 distinct metal vectors", "K itself")),
    Case("zone-two-pixels-three-zones", "pccee:zonepollution", lambda d, out: zone(d, out, K=3, INPUT=d.raster(
        "two_pixels.tif", [[[1.0, 2, 3], [4, 5, 6]]], None)), "K", ("give K = 2 at most",)),
    Case("zone-negative-values-logged", "pccee:zonepollution", lambda d, out: zone(d, out, LOG_TRANSFORM=True, INPUT=d.raster(
        "negative.tif", np.random.default_rng(1).normal(0, 1, (8, 8, 3)), None)), "LOG_TRANSFORM",
        ("negative values", "Turn LOG_TRANSFORM off")),
    Case("one-fold", "pccee:invertmetals", lambda d, out: invert(d, out, FOLDS=1), "FOLDS",
         ("one fold", "leave one out")),
    Case("all-nodata-raster-removebadbands", "pccee:removebadbands", lambda d, out: bad_bands(d, out, INPUT=d.raster(
        "nodata.tif", np.full((8, 8, 8), -1.0), nodata=-1.0)), "INPUT", ("constant or empty", "nodata value")),
    Case("text-file-named-tif", "pccee:removebadbands", lambda d, out: bad_bands(d, out, INPUT=write_text(
        d.path("text.tif"), [["hello"]])), "INPUT", ("not a raster GDAL can read", "GeoTIFF")),
    Case("ragged-csv-library", "pccee:importspectrallibrary", lambda d, out: import_library(d, out, INPUT=write_text(
        d.path("ragged.csv"), [["name"] + WAVELENGTHS, ["a"] + [0.1] * 8, ["b"] + [0.2] * 5])), "INPUT",
        ("Row 3", "6 cells", "9 columns")),
    # More bad inputs, across the algorithms.
    Case("top-k-more-than-candidates", "pccee:selecttopkendmembers", lambda d, out: top_k(
        d, out, K=9, ONE_PER_CLASS=False, UP_TO_K=False), "K", ("only 3 candidate",)),
    Case("top-k-candidates-not-a-library", "pccee:selecttopkendmembers", lambda d, out: top_k(
        d, out, CANDIDATES=[d.samples]), "CANDIDATES", ("'profiles' field",)),
    Case("top-k-candidates-without-wavelengths", "pccee:selecttopkendmembers", lambda d, out: top_k(
        d, out, CANDIDATES=[d.library_layer("bare.gpkg", endmembers(), None)]), "CANDIDATES",
        ("no wavelengths",)),
    Case("top-k-prior-file-missing", "pccee:selecttopkendmembers", lambda d, out: top_k(
        d, out, PRIOR_FILE=d.path("nowhere.csv")), "PRIOR_FILE", ("file not found",)),
    Case("vca-more-endmembers-than-bands", "pccee:extractendmembersvca", lambda d, out: vca(d, out, ENDMEMBERS=12),
         "ENDMEMBERS", ("at most bands + 1 = 9",)),
    Case("vca-all-nan-raster", "pccee:extractendmembersvca", lambda d, out: vca(d, out, INPUT=d.raster(
        "nan8.tif", np.full((8, 8, 8), np.nan))), "INPUT", ("no valid pixel",)),
    Case("ppi-more-endmembers-than-pixels", "pccee:extractendmembersppi", lambda d, out: ppi(d, out, ENDMEMBERS=5, INPUT=d.raster(
        "three_pixels.tif", d.cube[:1, :3])), "ENDMEMBERS", ("only 3 valid pixels",)),
    Case("ppi-one-band", "pccee:extractendmembersppi", lambda d, out: ppi(d, out, INPUT=d.raster(
        "one_band.tif", d.cube[:, :, :1], [500.0])), "INPUT", ("single band",)),
    Case("ppi-zero-band-raster", "pccee:extractendmembersppi", lambda d, out: ppi(d, out, INPUT=write_text(
        d.path("zero_bands.vrt"), [['<VRTDataset rasterXSize="8" rasterYSize="8"></VRTDataset>']])), "INPUT",
        ("not a raster GDAL can read",)),
    Case("ppi-no-skewer", "pccee:extractendmembersppi", lambda d, out: ppi(d, out, SKEWERS=0), "SKEWERS",
         ("0 is below the smallest value allowed, 10",)),
    Case("match-library-beyond-the-image", "pccee:matchpriorlibrary", lambda d, out: match(d, out, PRIOR_FILE=write_text(
        d.path("far.csv"), [["name", "class", 3000, 3100, 3200], ["a", "x", 0.1, 0.2, 0.3]])), "PRIOR_FILE",
        ("does not overlap", "image's range")),
    Case("match-library-on-one-band", "pccee:matchpriorlibrary", lambda d, out: match(d, out, PRIOR_FILE=write_text(
        d.path("edge.csv"), [["name", "class", 2200, 2300, 2400], ["a", "x", 0.1, 0.2, 0.3]])), "PRIOR_FILE",
        ("covers 1", "image's range")),
    Case("match-prior-not-a-library", "pccee:matchpriorlibrary", lambda d, out: match(d, out, PRIOR=d.samples), "PRIOR",
         ("'profiles' field",)),
    Case("match-class-field-missing", "pccee:matchpriorlibrary", lambda d, out: match(
        d, out, PRIOR=d.library, CLASS_FIELD="kind"), "CLASS_FIELD", ("no field 'kind'",)),
    Case("correlate-no-numeric-field", "pccee:correlatemetals", lambda d, out: correlate(d, out, SAMPLES=d.points_file(
        "sites.gpkg", {"site": ["a"] * N_SAMPLES}, text=("site",))), "FIELDS", ("at least two",)),
    Case("correlate-text-fields", "pccee:correlatemetals", lambda d, out: correlate(d, out, FIELDS=["site", "crop"],
         SAMPLES=d.points_file("texts.gpkg", {"site": ["a"] * N_SAMPLES, "crop": ["b"] * N_SAMPLES},
                               text=("site", "crop"))), "FIELDS", ("text fields", "site, crop", "numeric")),
    Case("correlate-null-fields", "pccee:correlatemetals", lambda d, out: correlate(d, out, FIELDS=["Pb", "Cd"],
         SAMPLES=d.points_file("nulls.gpkg", {"Pb": [None] * N_SAMPLES, "Cd": [None] * N_SAMPLES})), "FIELDS",
        ("fewer than two metals vary",)),
    Case("correlate-field-missing", "pccee:correlatemetals", lambda d, out: correlate(
        d, out, SAMPLES=d.samples, FIELDS=["Pb", "Sb"]), "FIELDS", ("no field named Sb",)),
    Case("correlate-one-band", "pccee:correlatemetals", lambda d, out: correlate(d, out, INPUT=d.raster(
        "one_band_metal.tif", d.abundance_cube[:, :, :1], None)), "INPUT", ("single band",)),
    Case("correlate-nothing-given", "pccee:correlatemetals", lambda d, out: correlate(d, out), "INPUT",
         ("raster or sample points",)),
    Case("invert-samples-in-undefined-crs", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "undefined_crs.gpkg", {"Pb": d.pb}, epsg=None)), "SAMPLES", ("cannot be transformed", "layer properties")),
    Case("invert-empty-layer", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "empty.gpkg", {"Pb": []}, points=[])), "SAMPLES", ("holds no sample",)),
    Case("invert-raster-without-crs", "pccee:invertmetals", lambda d, out: invert(d, out, ABUNDANCES=raster_without_crs(d)),
         "ABUNDANCES", ("no coordinate reference system", "layer properties")),
    Case("ablation-raster-without-crs", "pccee:endmemberablation", lambda d, out: ablation(
        d, out, INPUT=raster_without_crs(d)), "INPUT", ("no coordinate reference system", "layer properties")),
    Case("invert-samples-off-the-raster", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "far.gpkg", {"Pb": d.pb}, points=[(x + 1e5, y) for x, y in d.points])), "SAMPLES", ("no sample lies on the raster",)),
    Case("invert-samples-on-nodata", "pccee:invertmetals", lambda d, out: invert(d, out, ABUNDANCES=one_valid_pixel(d)),
         "SAMPLES", ("all fall on nodata pixels",)),
    Case("invert-no-metal-named", "pccee:invertmetals", lambda d, out: invert(d, out, METALS=" , "), "METALS",
         ("(none given)", "Pb, Cd")),
    Case("invert-metal-missing", "pccee:invertmetals", lambda d, out: invert(d, out, METALS="Pb, Sb"), "METALS",
         ("no field named Sb",)),
    Case("invert-no-numeric-field", "pccee:invertmetals", lambda d, out: invert(d, out, METALS="Pb, Cd", SAMPLES=d.points_file(
        "sites.gpkg", {"site": ["a"] * N_SAMPLES}, text=("site",))), "METALS", ("no field named Pb, Cd",)),
    Case("invert-blocks-larger-than-the-samples", "pccee:invertmetals", lambda d, out: invert(
        d, out, CV=1, BLOCK_SIZE=100000.0), "BLOCK_SIZE", ("Only 1 spatial blocks", "smaller blocks")),
    Case("invert-spatial-blocks-of-size-0", "pccee:invertmetals", lambda d, out: invert(d, out, CV=1, BLOCK_SIZE=0.0),
         "BLOCK_SIZE", ("above 0", "random folds")),
    Case("invert-more-folds-than-samples", "pccee:invertmetals", lambda d, out: invert(d, out, FOLDS=40), "FOLDS",
         ("fewer than the 40 folds", "lower FOLDS")),
    Case("import-envi-without-header", "pccee:importspectrallibrary", lambda d, out: import_library(d, out, INPUT=envi_library(
        d, "no_header.sli", None)), "INPUT", ("No ENVI header", ".hdr")),
    Case("import-envi-image", "pccee:importspectrallibrary", lambda d, out: import_library(d, out, INPUT=envi_library(
        d, "image.sli", "ENVI\nsamples = 8\nlines = 2\nbands = 3\ndata type = 4\n")), "INPUT", ("not a spectral library",)),
    Case("import-envi-size-mismatch", "pccee:importspectrallibrary", lambda d, out: import_library(d, out, INPUT=envi_library(
        d, "short.sli", "ENVI\nsamples = 8\nlines = 3\nbands = 1\ndata type = 4\n")), "INPUT", ("disagree", "96 bytes")),
    Case("import-csv-without-wavelengths", "pccee:importspectrallibrary", lambda d, out: import_library(
        d, out, INPUT=write_text(d.path("bare.csv"), [["name", "a", "b"], ["x", 1, 2]])), "INPUT",
        ("name them by wavelength",)),
    Case("import-csv-text-value", "pccee:importspectrallibrary", lambda d, out: import_library(d, out, INPUT=write_text(
        d.path("word.csv"), [["name"] + WAVELENGTHS, ["a"] + [0.1] * 7 + ["high"]])), "INPUT", ("not a number", "'high'")),
    Case("import-csv-wavelength-twice", "pccee:importspectrallibrary", lambda d, out: import_library(d, out, INPUT=write_text(
        d.path("twice.csv"), [["name", 500, 500, 600], ["a", 0.1, 0.2, 0.3]])), "INPUT",
        ("share the wavelength 500 nm", "its own wavelength")),
    Case("import-missing-file", "pccee:importspectrallibrary", lambda d, out: import_library(
        d, out, INPUT=d.path("nowhere.csv")), "INPUT", ("file not found",)),
    Case("compare-no-method", "pccee:compareunmixing", lambda d, out: compare(d, out, METHODS=[]), "METHODS",
         ("at least one of", "NNLS")),
    Case("compare-metal-missing", "pccee:compareunmixing", lambda d, out: compare(d, out, SAMPLES=d.samples, METALS="Sb"),
         "METALS", ("no field named Sb",)),
    Case("compare-all-zero-raster", "pccee:compareunmixing", lambda d, out: compare(d, out, INPUT=d.raster("zero.tif", ZERO)),
         "INPUT", ("no valid pixel",)),
    Case("predict-other-band-count", "pccee:predictmetals", lambda d, out: predict(d, out, ABUNDANCES=d.scene), "ABUNDANCES",
         ("trained on 3 predictors", "8 bands")),
    Case("unmix-not-a-library", "pccee:unmixabundances", lambda d, out: unmix(d, out, ENDMEMBERS=d.samples), "ENDMEMBERS",
         ("'profiles' field", "Import spectral library")),
    Case("unmix-empty-library", "pccee:unmixabundances", lambda d, out: unmix(d, out, ENDMEMBERS=d.library_layer(
        "no_spectra.gpkg", np.zeros((0, 8)))), "ENDMEMBERS", ("no spectra",)),
    Case("unmix-more-endmembers-than-bands", "pccee:unmixabundances", lambda d, out: unmix(
        d, out, ENDMEMBERS=d.library_layer("ten.gpkg", np.random.default_rng(3).random((10, 8)))),
        "ENDMEMBERS", ("at least 10 bands",)),
    Case("unmix-library-of-other-length-without-wavelengths", "pccee:unmixabundances", lambda d, out: unmix(
        d, out, ENDMEMBERS=d.library_layer("five_values.gpkg", np.ones((3, 5)), None)), "ENDMEMBERS",
        ("5 values", "one value per band")),
    Case("unmix-library-beyond-the-image", "pccee:unmixabundances", lambda d, out: unmix(
        d, out, ENDMEMBERS=d.library_layer("far_library.gpkg", np.ones((3, 3)), [3000.0, 3100.0, 3200.0])),
        "ENDMEMBERS", ("do not overlap", "image's range")),
    Case("merge-not-a-library", "pccee:mergeendmembers", lambda d, out: merge(d, out, INPUT=[d.samples]), "INPUT",
         ("'profiles' field",)),
    Case("merge-no-layer", "pccee:mergeendmembers", lambda d, out: merge(d, out, INPUT=[]), "INPUT", ("at least one",)),
    Case("zone-more-zones-than-pixels", "pccee:zonepollution", lambda d, out: zone(d, out, K=5, INPUT=d.raster(
        "three_metal_pixels.tif", [[[1.0, 2, 3], [4, 5, 6], [9, 1, 2]]], None)), "K", ("give K = 3 at most",)),
    Case("zone-more-zones-than-distinct-pixels", "pccee:zonepollution", lambda d, out: zone(d, out, K=4, INPUT=d.raster(
        "two_values.tif", np.tile([[[1.0, 2, 3]], [[4, 5, 6]]], (4, 8, 1)), None)), "K", ("only 2 distinct",)),
    Case("zone-k-max-below-k-min", "pccee:zonepollution", lambda d, out: zone(d, out, K=0, K_MIN=5, K_MAX=3), "K_MAX",
         ("smaller than K_MIN",)),
    Case("zone-all-nan-raster", "pccee:zonepollution", lambda d, out: zone(d, out, INPUT=d.raster(
        "nan3.tif", np.full((8, 8, 3), np.nan), None)), "INPUT", ("no pixel valid",)),
    Case("angle-maps-not-a-library", "pccee:spectralanglemaps", lambda d, out: angle_maps(d, out, ENDMEMBERS=d.samples),
         "ENDMEMBERS", ("'profiles' field",)),
    Case("angle-maps-raster-without-wavelengths", "pccee:spectralanglemaps", lambda d, out: angle_maps(
        d, out, INPUT=d.raster("bare.tif", d.cube, None)), "WAVELENGTHS", ("Give one wavelength per band",)),
    Case("bad-bands-not-a-list", "pccee:removebadbands", lambda d, out: bad_bands(d, out, BAD_BANDS="abc"), "BAD_BANDS",
         ("not a band number", "108-112")),
    Case("bad-bands-drop-every-band", "pccee:removebadbands", lambda d, out: bad_bands(d, out, BAD_BANDS="1-8"),
         "BAD_BANDS", ("Only 0 of 8 bands remain",)),
    Case("bad-bands-wavelengths-of-other-count", "pccee:removebadbands", lambda d, out: bad_bands(
        d, out, WAVELENGTHS="500, 600"), "WAVELENGTHS", ("2 wavelengths given for 8 bands",)),
    Case("sample-scene-too-small", "pccee:createsamplescene", lambda d, out: scene(d, out, SIZE=8), "SIZE",
         ("8 is below the smallest value allowed, 64",)),
    Case("ablation-no-workflow", "pccee:endmemberablation", lambda d, out: ablation(d, out, WORKFLOWS=[]), "WORKFLOWS",
         ("at least one of", "PPI+VCA")),
    Case("ablation-metal-missing", "pccee:endmemberablation", lambda d, out: ablation(d, out, METALS="Sb"), "METALS",
         ("no field named Sb",)),
]


class Warned(NamedTuple):
    id: str
    algorithm: str
    parameters: Callable
    words: Tuple[str, ...]  # what one warning must say


# Once silent: the run goes on, and the log says what was left out or doubtful, with the numbers.
WARNED = [
    Warned("negative-concentrations", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "negative.gpkg", {"Pb": np.where(np.arange(N_SAMPLES) % 5 == 0, -9999.0, d.pb)})),
        ("Pb: 6 of 30 samples left out", "negative value (lowest -9999)", "ids 1, 6, 11")),
    Warned("infinite-concentration", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "infinite.gpkg", {"Pb": np.where(np.arange(N_SAMPLES) == 3, np.inf, d.pb)})),
        ("Pb: 1 of 30 samples left out", "not a finite number", "ids 4")),
    Warned("missing-concentrations", "pccee:invertmetals", lambda d, out: invert(d, out, SAMPLES=d.points_file(
        "missing.gpkg", {"Pb": [None if i < 4 else v for i, v in enumerate(d.pb)]})),
        ("Pb: 4 of 30 samples left out", "no numeric value")),
    Warned("vca-scene-of-two-materials", "pccee:extractendmembersvca", lambda d, out: vca(d, out, ENDMEMBERS=4, INPUT=d.raster(
        "two_materials.tif", np.linspace(0, 1, 64).reshape(8, 8, 1) * endmembers()[0] +
        np.linspace(1, 0, 64).reshape(8, 8, 1) * endmembers()[1])), ("VCA found only 2 distinct vertices", "asked for 4")),
    Warned("duplicate-endmembers", "pccee:unmixabundances", lambda d, out: unmix(d, out, ENDMEMBERS=d.library_layer(
        "duplicates.gpkg", np.vstack([endmembers(), endmembers()[:1]]))), ("'em 1' and 'em 4'", "duplicates")),
    Warned("constant-metal-band-zoned", "pccee:zonepollution", lambda d, out: zone(d, out, K=2, INPUT=d.raster(
        "one_constant.tif", np.dstack([d.abundance_cube[:, :, :2], np.full((SIZE, SIZE, 1), 0.5)]), None)),
        ("'band 3' is constant",)),
    Warned("predictors-named-otherwise", "pccee:predictmetals", lambda d, out: predict(d, out, ABUNDANCES=d.raster(
        "unnamed.tif", d.abundance_cube, None)), ("Band names differ", "soil, vegetation, water")),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, pccee_provider):
    return Inputs(tmp_path_factory.mktemp("reliability"))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_refused_naming_the_parameter_and_the_fix(case, inputs, run_alg, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    parameters = case.parameters(inputs, out)
    with pytest.raises(QgsProcessingException) as refused:
        run_alg(case.algorithm, parameters)
    message = str(refused.value)
    assert "({})".format(case.parameter) in message, message
    assert "Traceback" not in message, message
    for word in case.words:
        assert word in message, (word, message)
    assert os.listdir(str(out)) == []


@pytest.mark.parametrize("case", WARNED, ids=[case.id for case in WARNED])
def test_doubtful_input_is_used_and_said(case, inputs, run_alg, tmp_path):
    log = recording_feedback()
    run_alg(case.algorithm, case.parameters(inputs, tmp_path), log)
    assert any(all(word in warning for word in case.words) for warning in log.warnings + log.errors), log.warnings


def test_a_multipoint_of_one_point_is_that_point(inputs, run_alg, tmp_path):
    single = inputs.points_file("single_parts.gpkg", {"Pb": inputs.pb}, points=[[p] for p in inputs.points], multi=True)
    models = []
    for name, samples in (("points", inputs.samples), ("multipoints", single)):
        (tmp_path / name).mkdir()
        models.append(run_alg("pccee:invertmetals", invert(inputs, tmp_path / name, SAMPLES=samples))["OUTPUT_MODEL"])
    with np.load(models[0]) as points, np.load(models[1]) as multipoints:
        assert str(points["digest"]) == str(multipoints["digest"])


def test_a_finite_forgery_loads_harmlessly(inputs, run_alg, tmp_path):
    """Values altered with the digest recomputed cannot be told from a real model (the help says so): they load,
    and predict the forged numbers, finite, in bounded time."""
    forged = inputs.crafted_model("forged.npz", lambda arrays: arrays.__setitem__("0_value", arrays["0_value"] * 100.0))
    result = run_alg("pccee:predictmetals", predict(inputs, tmp_path, MODEL=forged))
    assert np.isfinite(read_raster(result["OUTPUT"])).all()


@pytest.mark.parametrize("change", [self_loop, cycle], ids=["child-is-its-node", "child-points-back-to-the-root"])
def test_a_model_whose_tree_loops_is_refused_in_a_subprocess(change, inputs, qgis_process, tmp_path):
    """Such a file once made 'Predict metals' walk its tree forever, deaf to cancel: run apart, with a timeout."""
    model = inputs.crafted_model("{}.npz".format(change.__name__), changed("0_left", change))
    output = tmp_path / "c.tif"
    result = subprocess.run(qgis_process.command(
        "run", "pccee:predictmetals", "--", "ABUNDANCES={}".format(inputs.abundances), "MODEL={}".format(model),
        "OUTPUT={}".format(output), "OUTPUT_UNCERTAINTY={}".format(tmp_path / "u.tif")),
        env=qgis_process.env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "(MODEL)" in result.stderr and "points back up its tree" in result.stderr, result.stderr
    assert not output.exists()


def test_qgis_process_prints_a_refusal_once_as_an_error_and_adds_no_copy_of_its_own(inputs, qgis_process, tmp_path):
    """qgis_process prints an algorithm's exception three times on stderr, whoever raises it: QGIS logs it (Critical,
    which qgis_process echoes) when QgsProcessingAlgorithm::run catches it, its console feedback prints it once as
    'ERROR:' and the feedback's base class logs it again. QGIS's own native:raiseexception shows the same three
    copies; the plugin adds none (it never reports a message it raises)."""
    refused = qgis_process("run", "pccee:invertmetals", "--", *["{}={}".format(name, value) for name, value in invert(
        inputs, tmp_path, FOLDS=1).items()])
    message = next(line for line in refused.stderr.splitlines() if line.startswith("ERROR:\t")).split("\t", 1)[1]
    assert refused.returncode != 0 and "(FOLDS)" in message and "leave one out" in message
    assert (refused.stdout + refused.stderr).count("ERROR:\t" + message) == 1
    assert message not in refused.stdout
    native = qgis_process("run", "native:raiseexception", "--", "MESSAGE=refused by QGIS itself")
    assert native.returncode != 0
    assert refused.stderr.count(message) == native.stderr.count("refused by QGIS itself") == 3
    assert os.listdir(str(tmp_path)) == []
