"""pccee:createsamplescene: deterministic, labelled simulated, and its truth is consistent."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProcessingException,
                       QgsProject, QgsVectorLayer)

from conftest import ROOT, read_raster
from pccee.algorithms.core import scene_simulation as sim
from pccee.algorithms.core.wavelengths import water_vapour_bands
from pccee.algorithms.io.raster_reader import RasterReader
from pccee.algorithms.io.spectral_library_files import read_csv_library

SIZE = 128


def create(run_alg, folder, seed=2024, snr=150.0, outliers=5):
    os.makedirs(folder, exist_ok=True)
    return run_alg("pccee:createsamplescene", {
        "SIZE": SIZE, "SEED": seed, "SNR": snr, "OUTLIERS": outliers,
        "OUTPUT": os.path.join(folder, "scene.tif"), "OUTPUT_ABUNDANCES": os.path.join(folder, "abundances.tif"),
        "OUTPUT_CONCENTRATIONS": os.path.join(folder, "metals.tif"),
        "OUTPUT_SAMPLES": os.path.join(folder, "samples.gpkg")})


@pytest.fixture(scope="module")
def scene(tmp_path_factory, pccee_provider):
    import processing
    folder = str(tmp_path_factory.mktemp("scene"))

    def run(name, parameters):
        return processing.run(name, parameters)
    return create(run, folder)


def files(result):
    return [result[key] for key in ("OUTPUT", "OUTPUT_ABUNDANCES", "OUTPUT_CONCENTRATIONS", "OUTPUT_SAMPLES")]


def test_same_seed_same_files_other_seed_other_scene(run_alg, scene, tmp_path):
    again = create(run_alg, str(tmp_path / "again"))
    for first, second in zip(files(scene), files(again)):
        with open(first, "rb") as a, open(second, "rb") as b:
            assert a.read() == b.read(), first
    other = create(run_alg, str(tmp_path / "other"), seed=7)
    assert not np.array_equal(read_raster(other["OUTPUT_ABUNDANCES"]), read_raster(scene["OUTPUT_ABUNDANCES"]))


def test_scene_is_a_labelled_ahsi_cube_in_utm_49n(scene):
    dataset = gdal.Open(scene["OUTPUT"])
    assert (dataset.RasterXSize, dataset.RasterYSize, dataset.RasterCount) == (SIZE, SIZE, 330)
    assert "SIMULATED" in dataset.GetMetadataItem("PCCEE_SIMULATED")
    assert dataset.GetSpatialRef().GetAuthorityCode(None) == "32649"
    assert dataset.GetGeoTransform()[1] == 30.0
    with RasterReader(scene["OUTPUT"]) as reader:
        wavelengths = reader.wavelengths()
        assert wavelengths.nm[0] == pytest.approx(390.0) and wavelengths.nm[-1] == pytest.approx(2513.0)
        assert np.all(np.diff(wavelengths.nm[:150]) > 0) and wavelengths.fwhm[200] == pytest.approx(10.0)
        pixels, valid = reader.read(reader.windows()[0])
    assert valid.all() and 0.0 < np.median(pixels) < 1.0  # reflectance once the scale is applied


def test_abundances_sum_to_one_and_every_material_has_pure_pixels(scene):
    abundances = read_raster(scene["OUTPUT_ABUNDANCES"])
    assert abundances.shape == (SIZE, SIZE, 5)
    assert np.abs(abundances.sum(axis=-1) - 1.0).max() < 1e-5 and abundances.min() >= 0.0
    with RasterReader(scene["OUTPUT_ABUNDANCES"]) as reader:
        assert reader.descriptions == list(sim.MATERIALS)
    purest = abundances.reshape(-1, 5).max(axis=0)
    assert (purest > 0.95).all(), dict(zip(sim.MATERIALS, purest))


def test_samples_hold_the_truth_at_their_pixels(scene):
    layer = QgsVectorLayer(scene["OUTPUT_SAMPLES"], "samples", "ogr")
    assert layer.featureCount() == 53 and layer.crs().authid() == "EPSG:4326"
    designs = [f["design"] for f in layer.getFeatures()]
    assert designs.count("grid") >= 30 and designs.count("random") >= 10
    truth = read_raster(scene["OUTPUT_CONCENTRATIONS"])
    x0, step, _, y0, _, _ = gdal.Open(scene["OUTPUT_CONCENTRATIONS"]).GetGeoTransform()
    to_utm = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:32649"), QgsProject.instance())
    for feature in layer.getFeatures():
        point = to_utm.transform(feature.geometry().asPoint())
        row, col = int((y0 - point.y()) // step), int((point.x() - x0) // step)
        measured = [feature[m] for m in sim.METALS]
        assert measured == pytest.approx(truth[row, col].tolist(), rel=1e-6)


def test_concentrations_are_skewed_and_reach_the_papers_maxima(scene):
    truth = read_raster(scene["OUTPUT_CONCENTRATIONS"]).reshape(-1, 8)
    for metal, top in (("Pb", 65.8), ("Cd", 2.45), ("As", 66.09)):
        values = truth[:, sim.METALS.index(metal)]
        assert np.quantile(values, 0.999) == pytest.approx(top, rel=1e-3)
        assert np.mean(values) > np.median(values)  # right-skewed, like the Jura and Meuse surveys


def test_noise_matches_the_stated_snr(scene):
    abundances = read_raster(scene["OUTPUT_ABUNDANCES"]).reshape(-1, 5).astype(float)
    materials = read_csv_library(os.path.join(ROOT, "resources", "spectra", "simulation_materials.csv"))
    centres, fwhm = sim.ahsi_bands()
    endmembers = sim.materials_at_bands(materials.spectra, materials.wavelengths, centres, fwhm)
    with RasterReader(scene["OUTPUT"]) as reader:
        cube = np.vstack([pixels for _, pixels, _ in reader.blocks()])
    outliers = gdal.Open(scene["OUTPUT"]).GetMetadataItem("PCCEE_OUTLIERS").split(";")
    keep = np.ones(len(cube), dtype=bool)
    for item in outliers:
        row, col = map(int, item.split(","))
        keep[row * SIZE + col] = False
    assert (~keep).sum() == 5
    residual = cube[keep] - abundances[keep] @ endmembers
    measured_snr = (abundances @ endmembers).mean(axis=0) / residual.std(axis=0)
    clear = ~water_vapour_bands(centres)
    assert np.all(np.abs(measured_snr[clear] / 150.0 - 1.0) < 0.10)
    assert np.all(np.abs(measured_snr[~clear] / 15.0 - 1.0) < 0.10)


def test_unwritable_output_is_refused_before_anything_is_written(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"\(OUTPUT_ABUNDANCES\)"):
        run_alg("pccee:createsamplescene", {"SIZE": 64, "OUTPUT": str(tmp_path / "scene.tif"),
                                             "OUTPUT_ABUNDANCES": str(tmp_path / "missing" / "a.tif"),
                                             "OUTPUT_CONCENTRATIONS": str(tmp_path / "m.tif"),
                                             "OUTPUT_SAMPLES": str(tmp_path / "s.gpkg")})
    assert os.listdir(tmp_path) == []
