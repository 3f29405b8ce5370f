"""pccee:unmixabundances on Jasper Ridge (Zhu 2017 truth), on the simulated scene, and with bad input."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException

from conftest import JASPER_MATERIALS, ROOT, create_scene, data_path, jasper_ridge, read_raster, recording_feedback, write_raster
from pccee.algorithms.core import scene_simulation as sim
from pccee.algorithms.core.spectral_library import SpectralLibrary
from pccee.algorithms.io.spectral_library_files import read_csv_library, write_csv_library

METHODS = {"NNLS": 0, "FCLS": 1, "UCLS": 2, "NMF": 3, "SVR": 4}


def import_library(run_alg, folder, spectra, wavelengths, names, name="library"):
    path = str(folder / "{}.csv".format(name))
    write_csv_library(SpectralLibrary(spectra, wavelengths, list(names), list(names)), path)
    return run_alg("pccee:importspectrallibrary", {"INPUT": path, "OUTPUT": str(folder / "{}.gpkg".format(name))})["OUTPUT"]


def unmix(run_alg, folder, scene, library, method, tag=""):
    return run_alg("pccee:unmixabundances", {"INPUT": scene, "ENDMEMBERS": library, "METHOD": METHODS[method],
                                             "OUTPUT": str(folder / "a{}{}.tif".format(method, tag)),
                                             "OUTPUT_RESIDUAL": str(folder / "r{}{}.tif".format(method, tag))})


@pytest.fixture(scope="module")
def jasper(tmp_path_factory, pccee_provider):
    """Jasper Ridge and its ground-truth endmembers, each rescaled to the cube by least squares."""
    import processing
    folder = tmp_path_factory.mktemp("jasper")
    path, truth, abundances = jasper_ridge(folder)
    cube = read_raster(path).reshape(-1, 198).astype(float)
    flat = abundances.reshape(-1, 4)
    design = np.stack([np.outer(flat[:, k], truth[k]).ravel() for k in range(4)], axis=1)
    scale = np.linalg.lstsq(design, cube.ravel(), rcond=None)[0]
    wavelengths = np.loadtxt(data_path("scenes", "jasper_ridge", "jasper_ridge_wavelengths_nm.txt"))
    library = import_library(lambda n, p: processing.run(n, p), folder, truth * scale[:, None], wavelengths,
                             JASPER_MATERIALS)
    return path, library, flat, (cube != 0).any(axis=1), folder


def abundance_rmse(path, truth, valid):
    estimate = read_raster(path).reshape(-1, truth.shape[1])
    return np.sqrt(((estimate[valid] - truth[valid]) ** 2).mean()), estimate


def test_fcls_on_jasper_ridge_meets_the_reference(run_alg, jasper):
    path, library, truth, valid, folder = jasper
    result = unmix(run_alg, folder, path, library, "FCLS")
    rmse, estimate = abundance_rmse(result["OUTPUT"], truth, valid)
    assert rmse <= 0.08  # measured 0.0784; a reference FCLS gives 0.078 (../shared/data/README.md)
    assert np.abs(estimate[valid].sum(axis=1) - 1.0).max() < 1e-5
    dataset = gdal.Open(result["OUTPUT"])
    assert [dataset.GetRasterBand(i + 1).GetDescription() for i in range(4)] == \
        ["{0} ({0})".format(m) for m in JASPER_MATERIALS]
    nnls_rmse, _ = abundance_rmse(unmix(run_alg, folder, path, library, "NNLS")["OUTPUT"], truth, valid)
    assert nnls_rmse <= 0.12  # measured 0.116: without sum-to-one the dark water takes up brightness


def test_learned_methods_on_jasper_ridge(run_alg, jasper):
    path, library, truth, valid, folder = jasper
    errors = {m: abundance_rmse(unmix(run_alg, folder, path, library, m)["OUTPUT"], truth, valid)[0]
              for m in ("FCLS", "NMF", "SVR")}
    # Measured: FCLS 0.078, NMF 0.264 (its refined endmembers drift from the truth), SVR 0.071. Unlike the
    # paper, SVR trained on mixtures of the true endmembers matches FCLS here; it is ~40x slower.
    assert errors["NMF"] > 2 * errors["FCLS"], errors
    assert errors["SVR"] <= 0.08, errors


@pytest.fixture(scope="module")
def simulated(tmp_path_factory, pccee_provider):
    """The simulated scene without bad bands, its truth, and its five true materials as a library."""
    import processing
    folder = tmp_path_factory.mktemp("simulated")
    scene = create_scene(folder, outliers=0)  # the outliers' spectra are not mixtures of the materials
    materials = read_csv_library(os.path.join(ROOT, "resources", "spectra", "simulation_materials.csv"))
    centres, fwhm = sim.ahsi_bands()
    spectra = sim.materials_at_bands(materials.spectra, materials.wavelengths, centres, fwhm)
    library = import_library(lambda n, p: processing.run(n, p), folder, spectra, centres, sim.MATERIALS)
    return scene["clean"], library, scene["abundances"].reshape(-1, 5), folder


def test_true_materials_unmix_the_simulated_scene(run_alg, simulated):
    scene, library, truth, folder = simulated
    valid = np.ones(len(truth), dtype=bool)
    for method, limit in (("FCLS", 0.01), ("NNLS", 0.01)):
        result = unmix(run_alg, folder, scene, library, method)
        rmse, _ = abundance_rmse(result["OUTPUT"], truth, valid)
        # Measured 0.005 (FCLS and NNLS): noise of SNR 150 on five well-separated materials over 301 bands
        # leaves a few thousandths of abundance error; the endmembers are resampled from the scene's grid
        # of 330 bands to the 301 kept, which adds nothing (same band centres).
        assert rmse <= limit, (method, rmse)
        residual = read_raster(result["OUTPUT_RESIDUAL"])[..., 0]
        assert np.median(residual) < 0.01


def test_invalid_pixels_get_nodata_not_nans(run_alg, tmp_path):
    rng = np.random.default_rng(1)
    endmembers = rng.random((3, 6)) + 0.1
    cube = (rng.dirichlet(np.ones(3), 300) @ endmembers).reshape(15, 20, 6).astype(np.float32)
    cube[:5] = -1.0  # a whole nodata strip
    wavelengths = [450.0, 550.0, 650.0, 850.0, 1650.0, 2200.0]
    scene = write_raster(tmp_path / "scene.tif", cube, wavelengths, nodata=-1.0)
    library = import_library(run_alg, tmp_path, endmembers, wavelengths, ["a", "b", "c"])
    result = unmix(run_alg, tmp_path, scene, library, "NNLS")
    abundances = read_raster(result["OUTPUT"])
    assert not np.isnan(abundances).any()
    assert (abundances[:5] == -9999.0).all() and (abundances[5:] >= 0).all()
    assert gdal.Open(result["OUTPUT"]).GetRasterBand(1).GetNoDataValue() == -9999.0


def test_bad_endmembers_are_named(run_alg, tmp_path):
    cube = np.random.default_rng(2).random((8, 8, 4)).astype(np.float32) + 0.1
    scene = write_raster(tmp_path / "scene.tif", cube, [450.0, 550.0, 650.0, 850.0])
    too_many = import_library(run_alg, tmp_path, np.random.default_rng(3).random((5, 4)), [450.0, 550.0, 650.0, 850.0],
                              list("abcde"), "many")
    with pytest.raises(QgsProcessingException, match=r"\(ENDMEMBERS\).*5 endmembers need at least 5 bands"):
        unmix(run_alg, tmp_path, scene, too_many, "NNLS")
    elsewhere = import_library(run_alg, tmp_path, np.ones((2, 3)), [2000.0, 2100.0, 2200.0], ["x", "y"], "far")
    with pytest.raises(QgsProcessingException, match=r"\(ENDMEMBERS\).*do not overlap"):
        unmix(run_alg, tmp_path, scene, elsewhere, "NNLS")
    assert not (tmp_path / "aNNLS.tif").exists()


def test_gpu_asked_for_without_one_is_named(run_alg, tmp_path, without_gpu):
    cube = np.random.default_rng(4).random((8, 8, 4)).astype(np.float32) + 0.1
    wavelengths = [450.0, 550.0, 650.0, 850.0]
    scene = write_raster(tmp_path / "scene.tif", cube, wavelengths)
    library = import_library(run_alg, tmp_path, cube.reshape(-1, 4)[:2], wavelengths, ["a", "b"])
    with pytest.raises(QgsProcessingException, match=r"\(DEVICE\).*No GPU.*choose the CPU"):
        run_alg("pccee:unmixabundances", {"INPUT": scene, "ENDMEMBERS": library, "DEVICE": 2,
                                          "OUTPUT": str(tmp_path / "a.tif"), "OUTPUT_RESIDUAL": str(tmp_path / "r.tif")})
    assert not (tmp_path / "a.tif").exists() and not (tmp_path / "r.tif").exists()


@pytest.mark.parametrize("method", ["NNLS", "FCLS"])
def test_gpu_and_cpu_unmix_jasper_ridge_alike(run_alg, jasper, method, gpu_module):
    path, library, _, _, folder = jasper
    maps = []
    for device in (1, 2):
        result = run_alg("pccee:unmixabundances", {
            "INPUT": path, "ENDMEMBERS": library, "METHOD": METHODS[method], "DEVICE": device,
            "OUTPUT": str(folder / "gpu{}{}.tif".format(method, device)),
            "OUTPUT_RESIDUAL": str(folder / "gpur{}{}.tif".format(method, device))})
        maps.append((read_raster(result["OUTPUT"]), read_raster(result["OUTPUT_RESIDUAL"])))
    np.testing.assert_allclose(maps[1][0], maps[0][0], atol=1e-6)
    np.testing.assert_allclose(maps[1][1], maps[0][1], rtol=1e-4, atol=1e-6)


def test_duplicate_endmembers_are_warned_with_the_condition_number(run_alg, tmp_path):
    rng = np.random.default_rng(4)
    endmembers = rng.random((2, 5)) + 0.1
    duplicated = np.vstack([endmembers, endmembers[:1] * 1.5])
    cube = (rng.dirichlet(np.ones(2), 64) @ endmembers).reshape(8, 8, 5).astype(np.float32)
    wavelengths = [450.0, 550.0, 650.0, 850.0, 1650.0]
    scene = write_raster(tmp_path / "scene.tif", cube, wavelengths)
    library = import_library(run_alg, tmp_path, duplicated, wavelengths, ["a", "b", "a again"])
    log = recording_feedback()
    run_alg("pccee:unmixabundances", {"INPUT": scene, "ENDMEMBERS": library, "OUTPUT": str(tmp_path / "a.tif"),
                                      "OUTPUT_RESIDUAL": str(tmp_path / "r.tif")}, feedback=log)
    assert any("'a' and 'a again' are 0.00 degrees apart" in line for line in log.lines)
    assert any("Condition number" in line for line in log.lines)


def test_compare_unmixing_tabulates_every_method(run_alg, jasper, tmp_path):
    from qgis.core import QgsVectorLayer
    path, library, truth, valid, folder = jasper
    result = run_alg("pccee:compareunmixing", {"INPUT": path, "ENDMEMBERS": library, "METHODS": [0, 1, 2, 3, 4],
                                               "OUTPUT": str(tmp_path / "table.gpkg"),
                                               "OUTPUT_REPORT": str(tmp_path / "report.html")})
    rows = {f["method"]: f for f in QgsVectorLayer(result["OUTPUT"], "table", "ogr").getFeatures()}
    assert sorted(rows) == ["FCLS", "NMF", "NNLS", "SVR", "UCLS"]
    assert rows["FCLS"]["mean_sum"] == pytest.approx(1.0, abs=1e-6)
    assert rows["UCLS"]["rmse"] <= rows["NNLS"]["rmse"] <= rows["FCLS"]["rmse"]  # fewer constraints, smaller residual
    assert rows["SVR"]["seconds"] > rows["NNLS"]["seconds"]  # SVR trains one model per endmember first
    assert "<td>SVR</td>" in (tmp_path / "report.html").read_text()


def test_compare_unmixing_refuses_a_raster_without_valid_pixels(run_alg, tmp_path):
    wavelengths = [450.0, 550.0, 650.0, 850.0]
    scene = write_raster(tmp_path / "empty.tif", np.full((6, 7, 4), -1.0, dtype=np.float32), wavelengths, nodata=-1.0)
    library = import_library(run_alg, tmp_path, np.random.default_rng(4).random((2, 4)) + 0.1, wavelengths, ["a", "b"])
    for methods in ([0, 1], [0, 3, 4]):  # NMF samples the scene before the methods run
        with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*no valid pixel"):
            run_alg("pccee:compareunmixing", {"INPUT": scene, "ENDMEMBERS": library, "METHODS": methods,
                                              "OUTPUT": str(tmp_path / "table.gpkg"),
                                              "OUTPUT_REPORT": str(tmp_path / "report.html")})
    assert not (tmp_path / "report.html").exists()


def test_compare_unmixing_adds_the_inversion_r2_per_method(run_alg, simulated, tmp_path):
    from qgis.core import QgsVectorLayer
    scene, library, truth, folder = simulated
    result = run_alg("pccee:compareunmixing", {
        "INPUT": scene, "ENDMEMBERS": library, "METHODS": [0, 1], "SAMPLES": str(folder / "samples.gpkg"),
        "METALS": "cd, Zn", "TREES": 50, "OUTPUT": str(tmp_path / "table.gpkg"),
        "OUTPUT_REPORT": str(tmp_path / "report.html")})
    rows = {f["method"]: f for f in QgsVectorLayer(result["OUTPUT"], "table", "ogr").getFeatures()}
    for method in ("NNLS", "FCLS"):
        assert rows[method]["cv_r2_mean"] == pytest.approx((rows[method]["cv_r2_cd"] + rows[method]["cv_r2_Zn"]) / 2)
        assert rows[method]["cv_r2_mean"] > 0.6  # the true materials predict the mining metals
    assert "CV R2 Zn" in (tmp_path / "report.html").read_text()
