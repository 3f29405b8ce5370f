"""pccee:removebadbands: streams a cube, drops listed, water-vapour and constant bands, keeps metadata."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException

from conftest import read_raster, recording_feedback, write_raster
from pccee.algorithms.io import raster_reader
from pccee.algorithms.io.raster_reader import RasterReader

WAVELENGTHS = [450.0, 650.0, 900.0, 1400.0, 1600.0, 1850.0, 2200.0, 2300.0]


@pytest.fixture
def cube():
    rng = np.random.default_rng(4)
    data = rng.integers(1, 10000, size=(300, 280, 8)).astype(np.int16)
    data[:, :, 7] = 5000  # constant band
    data[10:20, 10:20, :] = -1  # nodata hole does not make band 8 look informative
    return data


def test_drops_listed_water_vapour_and_constant_bands(run_alg, tmp_path, cube):
    source = write_raster(tmp_path / "cube.tif", cube, WAVELENGTHS, nodata=-1, block=64)
    output = str(tmp_path / "clean.tif")
    result = run_alg("pccee:removebadbands", {"INPUT": source, "BAD_BANDS": "1", "DROP_WATER_VAPOUR": True,
                                              "DROP_CONSTANT": True, "OUTPUT": output})
    kept = [1, 2, 4, 6]
    assert np.array_equal(read_raster(result["OUTPUT"]), cube[:, :, kept])
    with RasterReader(output) as reader:
        assert reader.wavelengths().nm.tolist() == [WAVELENGTHS[i] for i in kept]
        assert reader.nodata == [-1.0] * 4
    dataset = gdal.Open(output)
    assert dataset.GetRasterBand(1).DataType == gdal.GDT_Int16
    assert gdal.Open(output).GetGeoTransform() == gdal.Open(source).GetGeoTransform()


def test_one_pass_over_the_scene_unless_constant_bands_are_found(run_alg, tmp_path, cube, monkeypatch):
    """The copy finds the constant bands as it goes: a scene without any is read once (it was scanned first, then
    copied); with one, the copy is made again without it."""
    reads = []
    original = RasterReader.read
    monkeypatch.setattr(RasterReader, "read", lambda self, window, *args, **kw: reads.append(window) or original(
        self, window, *args, **kw))
    varied = cube.copy()
    varied[:, :, 7] = cube[:, :, 6]
    counts = []
    for name, data in (("varied", varied), ("constant", cube)):
        reads.clear()
        source = write_raster(tmp_path / "{}.tif".format(name), data, WAVELENGTHS, nodata=-1, block=64)
        result = run_alg("pccee:removebadbands", {"INPUT": source, "DROP_WATER_VAPOUR": False,
                                                  "OUTPUT": str(tmp_path / "{}_clean.tif".format(name))})
        counts.append(len(reads))
        assert np.array_equal(read_raster(result["OUTPUT"]), data if name == "varied" else cube[:, :, :7])
    windows = len(RasterReader(str(tmp_path / "varied.tif")).windows(8))
    assert counts[0] <= windows + 5 < counts[1]  # + the few small reads that recognise integer reflectance


def test_user_wavelengths_when_the_raster_has_none(run_alg, tmp_path, cube):
    source = write_raster(tmp_path / "bare.tif", cube)
    listing = tmp_path / "wl.txt"
    listing.write_text("\n".join(str(w / 1000.0) for w in WAVELENGTHS))
    output = str(tmp_path / "clean.tif")
    run_alg("pccee:removebadbands", {"INPUT": source, "WAVELENGTHS": str(listing), "DROP_CONSTANT": False,
                                     "OUTPUT": output})
    with RasterReader(output) as reader:
        assert reader.n_bands == 6
        assert reader.wavelengths().nm == pytest.approx([450.0, 650.0, 900.0, 1600.0, 2200.0, 2300.0])


def test_raster_without_wavelengths_names_the_parameter(run_alg, tmp_path, cube):
    source = write_raster(tmp_path / "bare.tif", cube)
    output = tmp_path / "clean.tif"
    with pytest.raises(QgsProcessingException, match=r"\(WAVELENGTHS\).*no band wavelengths.*8 values"):
        run_alg("pccee:removebadbands", {"INPUT": source, "OUTPUT": str(output)})
    with pytest.raises(QgsProcessingException, match=r"\(WAVELENGTHS\).*3 wavelengths given for 8 bands"):
        run_alg("pccee:removebadbands", {"INPUT": source, "WAVELENGTHS": "400, 500, 600", "OUTPUT": str(output)})
    assert not output.exists()


def test_file_that_is_not_a_raster(run_alg, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(QgsProcessingException, match="INPUT"):
        run_alg("pccee:removebadbands", {"INPUT": str(text), "OUTPUT": str(tmp_path / "o.tif")})


def test_unwritable_output_and_bad_band_list(run_alg, tmp_path, cube):
    source = write_raster(tmp_path / "cube.tif", cube, WAVELENGTHS)
    with pytest.raises(QgsProcessingException, match=r"\(OUTPUT\).*does not exist"):
        run_alg("pccee:removebadbands", {"INPUT": source, "OUTPUT": str(tmp_path / "nowhere" / "o.tif")})
    with pytest.raises(QgsProcessingException, match=r"\(BAD_BANDS\).*outside 1-8"):
        run_alg("pccee:removebadbands", {"INPUT": source, "BAD_BANDS": "7-9", "OUTPUT": str(tmp_path / "o.tif")})
    with pytest.raises(QgsProcessingException, match=r"\(BAD_BANDS\).*Only 0 of 8 bands remain"):
        run_alg("pccee:removebadbands", {"INPUT": source, "BAD_BANDS": "1-8", "OUTPUT": str(tmp_path / "o.tif")})
    assert sorted(os.listdir(tmp_path)) == ["cube.tif"]


def test_cancel_between_blocks_leaves_nothing(run_alg, tmp_path, cube, monkeypatch):
    # Blocks of one 256 x 256 tile, so the 300 x 280 scene streams in four.
    monkeypatch.setattr(raster_reader, "BLOCK_VALUES", 8 * 256 * 256)
    source = write_raster(tmp_path / "cube.tif", cube, WAVELENGTHS, block=64)
    output = tmp_path / "clean.tif"
    output.write_bytes(b"older result")
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("pccee:removebadbands", {"INPUT": source, "DROP_CONSTANT": False, "OUTPUT": str(output)},
                feedback=recording_feedback(cancel_at=50))
    assert output.read_bytes() == b"older result"
    assert sorted(os.listdir(tmp_path)) == ["clean.tif", "cube.tif"]
