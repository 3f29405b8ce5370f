"""pccee:stackvnirswir: the simulated GF-5 AHSI scene split into its VNIR and SWIR files and stacked again."""
import json
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException

from conftest import create_scene, read_raster, recording_feedback, write_raster
from pccee.algorithms.io import raster_reader
from pccee.algorithms.io.raster_reader import RasterReader

VNIR_BANDS = list(range(150))          # 390-1029 nm
SWIR_BANDS = list(range(150, 330))     # 1004-2513 nm
VNIR_OVERLAP = list(range(144, 150))   # 1007.6-1029 nm, inside the SWIR's range
SWIR_OVERLAP = [150, 151, 152]         # 1004-1020.9 nm, inside the VNIR's range
EXTRA_NOISE = 150                      # DN (0.015 reflectance), about 5 x the scene's own noise


@pytest.fixture(scope="module")
def scene(tmp_path_factory, pccee_provider):
    """The 64 x 64 simulated scene (int16 x 10000, 330 bands): path, cube (raw DN) and wavelengths."""
    folder = tmp_path_factory.mktemp("stack")
    path = create_scene(folder, size=64, seed=11, outliers=0, clean=False)["scene"]
    with RasterReader(path) as reader:
        found = reader.wavelengths()
    return {"path": path, "cube": read_raster(path), "nm": found.nm, "fwhm": found.fwhm}


def split(scene, folder, noisy=None, swir_window=None, swir_shift=(0.0, 0.0)):
    """The scene as a user's two files (gdal_translate keeps scale, nodata, wavelengths and FWHM), with
    EXTRA_NOISE added to the overlap bands of the `noisy` detector; the SWIR file cut to swir_window
    (xoff, yoff, xsize, ysize) and its origin moved by swir_shift (x, y) in map units."""
    vnir = gdal.Translate(str(folder / "vnir.tif"), scene["path"], bandList=[b + 1 for b in VNIR_BANDS])
    swir = gdal.Translate(str(folder / "swir.tif"), scene["path"], bandList=[b + 1 for b in SWIR_BANDS],
                          srcWin=swir_window)
    if swir_shift != (0.0, 0.0):
        x0, dx, rx, y0, ry, dy = swir.GetGeoTransform()
        swir.SetGeoTransform((x0 + swir_shift[0], dx, rx, y0 + swir_shift[1], ry, dy))
    if noisy is not None:
        dataset, bands = (vnir, VNIR_OVERLAP) if noisy == "vnir" else (swir, SWIR_OVERLAP)
        first = VNIR_BANDS[0] if noisy == "vnir" else SWIR_BANDS[0]
        rng = np.random.default_rng(3)
        for band in bands:
            values = scene["cube"][:, :, band].astype(np.int32)
            noise = rng.normal(0.0, EXTRA_NOISE, values.shape)
            dataset.GetRasterBand(band - first + 1).WriteArray(np.rint(values + noise).astype(np.int16))
    vnir = swir = None
    return str(folder / "vnir.tif"), str(folder / "swir.tif")


def stack(run_alg, vnir, swir, output, feedback=None, **extra):
    log = feedback or recording_feedback()
    result = run_alg("pccee:stackvnirswir", dict({"VNIR": vnir, "SWIR": swir, "OUTPUT": str(output)}, **extra),
                     feedback=log)
    return result["OUTPUT"], log.text


@pytest.mark.parametrize("noisy, dropped, message", [
    ("vnir", VNIR_OVERLAP, "Dropped VNIR bands 145-150 (1007.6-1029.0 nm)"),
    ("swir", SWIR_OVERLAP, "Dropped SWIR bands 1-3 (1004.0-1020.9 nm)")])
def test_the_noisier_detectors_overlap_is_dropped(run_alg, scene, tmp_path, noisy, dropped, message):
    vnir, swir = split(scene, tmp_path, noisy=noisy)
    output, log = stack(run_alg, vnir, swir, tmp_path / "stacked.tif")
    kept = [b for b in range(330) if b not in dropped]
    assert np.array_equal(read_raster(output), scene["cube"][:, :, kept])
    assert message in log and "the noisier detector there" in log, log
    with RasterReader(output) as reader:
        found = reader.wavelengths()
        assert reader.n_bands == len(kept) == (324 if noisy == "vnir" else 327)
        assert np.all(np.diff(found.nm) > 0)
        assert found.nm == pytest.approx(scene["nm"][kept], abs=1e-3)
        assert found.fwhm == pytest.approx(scene["fwhm"][kept], abs=1e-3)
        assert np.allclose(reader.scales, 1e-4)
    written, original = gdal.Open(output), gdal.Open(scene["path"])
    assert written.GetRasterBand(1).DataType == gdal.GDT_Int16
    assert written.GetGeoTransform() == original.GetGeoTransform()
    assert written.GetProjection() == original.GetProjection()


def test_the_user_chooses_which_overlap_to_keep(run_alg, scene, tmp_path):
    vnir, swir = split(scene, tmp_path, noisy="vnir")
    output, log = stack(run_alg, vnir, swir, tmp_path / "stacked.tif", OVERLAP=1)  # keep the (noisy) VNIR bands
    assert "Dropped SWIR bands 1-3 (1004.0-1020.9 nm), as asked" in log and "SNR" not in log
    assert read_raster(output).shape == (64, 64, 327)


def test_swir_on_a_shifted_grid_is_resampled_onto_the_vnir_grid(run_alg, scene, tmp_path):
    # Cut: SWIR pixel (r, c) is scene pixel (r + 2, c + 3); 60 x 62 pixels, so it misses a margin.
    vnir, swir = split(scene, tmp_path, swir_window=[3, 2, 60, 62])
    output, log = stack(run_alg, vnir, swir, tmp_path / "stacked.tif", OVERLAP=1)
    assert "resampled (near) onto the VNIR grid" in log and "covers 90.8 % of the VNIR extent" in log
    stacked, cube = read_raster(output), scene["cube"]
    inside = (slice(2, 64), slice(3, 63))
    assert np.array_equal(stacked[inside], cube[inside][:, :, [b for b in range(330) if b not in SWIR_OVERLAP]])
    outside = np.ones((64, 64), bool)
    outside[inside] = False
    assert (stacked[outside] == -32768).all()  # one detector misses them: nodata on every band
    assert gdal.Open(output).GetRasterBand(1).GetNoDataValue() == -32768
    # Half a pixel east, bilinear: each SWIR value is the mean of two neighbours.
    vnir, swir = split(scene, tmp_path, swir_shift=(15.0, 0.0))
    output, _ = stack(run_alg, vnir, swir, tmp_path / "bilinear.tif", OVERLAP=1, RESAMPLING=1)
    swir_out = read_raster(output)[:, 1:, 150:].astype(float)   # SWIR bands 4-180, after the 150 VNIR ones
    expected = (cube[:, :-1, 153:].astype(float) + cube[:, 1:, 153:]) / 2.0
    assert np.abs(swir_out - expected).max() <= 1.0


def test_user_wavelengths_float_data_and_ranges_apart(run_alg, tmp_path):
    rng = np.random.default_rng(2)
    vnir = write_raster(tmp_path / "v.tif", rng.random((20, 24, 4)).astype(np.float32))
    swir_cube = rng.random((20, 24, 3)).astype(np.float32)
    swir = write_raster(tmp_path / "s.tif", swir_cube, [1005.0, 1500.0, 2000.0])
    with pytest.raises(QgsProcessingException, match=r"\(VNIR_WAVELENGTHS\).*no band wavelengths.*4 values"):
        stack(run_alg, vnir, swir, tmp_path / "o.tif")
    output, log = stack(run_alg, vnir, swir, tmp_path / "o.tif", VNIR_WAVELENGTHS="0.4, 0.6, 0.8, 1.01", OVERLAP=2)
    with RasterReader(output) as reader:
        assert reader.wavelengths().nm == pytest.approx([400.0, 600.0, 800.0, 1005.0, 1500.0, 2000.0])
        assert reader.wavelengths().fwhm is None
    assert np.array_equal(read_raster(output)[:, :, 3:], swir_cube)
    assert "Dropped VNIR bands 4 (1010.0 nm), as asked" in log
    output, log = stack(run_alg, vnir, swir, tmp_path / "apart.tif", VNIR_WAVELENGTHS="400, 600, 800, 900")
    assert "do not overlap: all bands kept" in log and read_raster(output).shape == (20, 24, 7)


def test_streams_block_by_block_and_cancel_leaves_nothing(run_alg, tmp_path, monkeypatch):
    monkeypatch.setattr(raster_reader, "BLOCK_VALUES", 6 * 256 * 256)  # one 256 x 256 tile a block: four blocks
    rng = np.random.default_rng(6)
    vnir_cube = rng.random((300, 280, 4)).astype(np.float32) + 0.1
    swir_cube = rng.random((300, 280, 3)).astype(np.float32) + 0.1
    vnir = write_raster(tmp_path / "v.tif", vnir_cube, [450.0, 650.0, 850.0, 1010.0], block=64)
    swir = write_raster(tmp_path / "s.tif", swir_cube, [1005.0, 1600.0, 2200.0], origin=(600060.0, 3070000.0))
    output, log = stack(run_alg, vnir, swir, tmp_path / "o.tif", OVERLAP=2)  # SWIR 2 pixels east of the VNIR
    stacked = read_raster(output)
    assert np.array_equal(stacked[:, 2:], np.concatenate([vnir_cube[:, 2:, :3], swir_cube[:, :-2]], axis=2))
    assert np.isnan(stacked[:, :2]).all()  # float inputs without nodata: NaN where the SWIR is missing
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        stack(run_alg, vnir, swir, tmp_path / "cancelled.tif", OVERLAP=2, RESAMPLING=1, feedback=recording_feedback(cancel_at=50))
    # QGIS leaves the inputs' histograms (.aux.xml) when it opens them as layers; no output, no staging folder.
    assert [n for n in sorted(os.listdir(tmp_path)) if not n.endswith(".aux.xml")] == ["o.tif", "s.tif", "v.tif"]


def test_bad_inputs_name_the_parameter_and_the_fix(run_alg, scene, tmp_path):
    vnir, swir = split(scene, tmp_path)
    output = tmp_path / "o.tif"
    with pytest.raises(QgsProcessingException, match=r"\(SWIR\).*must start and end below.*swap them"):
        stack(run_alg, swir, vnir, output)
    moved = gdal.Translate(str(tmp_path / "far.tif"), swir)
    x0, dx, rx, y0, ry, dy = moved.GetGeoTransform()
    moved.SetGeoTransform((x0 + 5000.0, dx, rx, y0, ry, dy))
    moved = None
    with pytest.raises(QgsProcessingException, match=r"\(SWIR\).*does not overlap the VNIR raster.*same scene"):
        stack(run_alg, vnir, str(tmp_path / "far.tif"), output)
    gdal.Translate(str(tmp_path / "utm50.tif"), swir, outputSRS="EPSG:32650")
    with pytest.raises(QgsProcessingException, match=r"\(SWIR\).*CRS \(EPSG:32650\) is not the VNIR raster's "
                                                     r"\(EPSG:32649\)\. Reproject"):
        stack(run_alg, vnir, str(tmp_path / "utm50.tif"), output)
    assert not output.exists()


def test_through_qgis_process(qgis_process, tmp_path):
    rng = np.random.default_rng(4)
    base = rng.integers(1000, 3000, size=(30, 40, 1))
    vnir_cube = (base + rng.integers(0, 50, size=(30, 40, 5))).astype(np.int16)
    swir_cube = (base + rng.integers(0, 50, size=(30, 40, 4))).astype(np.int16)
    vnir_cube[:, :, 3:] += rng.normal(0, 400, size=(30, 40, 2)).astype(np.int16)  # noisy past 1000 nm
    vnir = write_raster(tmp_path / "vnir.tif", vnir_cube, [500.0, 700.0, 900.0, 1010.0, 1025.0])
    swir = write_raster(tmp_path / "swir.tif", swir_cube, [1005.0, 1020.0, 1600.0, 2200.0])
    output = tmp_path / "stacked.tif"
    result = qgis_process("--json", "run", "pccee:stackvnirswir", "--", "VNIR={}".format(vnir),
                          "SWIR={}".format(swir), "OUTPUT={}".format(output))
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["results"]["OUTPUT"] == str(output)
    assert np.array_equal(read_raster(output), np.concatenate([vnir_cube[:, :, :3], swir_cube], axis=2))
    with RasterReader(str(output)) as reader:
        assert reader.wavelengths().nm == pytest.approx([500.0, 700.0, 900.0, 1005.0, 1020.0, 1600.0, 2200.0])
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".pccee")]  # no staging folder left
