"""Block-wise GDAL reading and writing: exact copies, metadata kept, memory flat, atomic output."""
import os
import tracemalloc

import numpy as np
import pytest
from osgeo import gdal

from conftest import read_raster, write_raster
from pccee.algorithms.io.raster_reader import MAX_WINDOW_PIXELS, RasterError, RasterReader, Window, aligned_windows
from pccee.algorithms.io.raster_writer import RasterWriter


def copy_raster(source, target, tile, max_values):
    with RasterReader(source) as reader:
        found = reader.wavelengths()
        with RasterWriter(target, reader.width, reader.height, reader.n_bands, reader.geotransform,
                          reader.projection, dtype=np.float32, nodata=reader.nodata[0],
                          descriptions=reader.descriptions, wavelengths_nm=found.nm, tile=tile) as writer:
            for window, pixels, _ in reader.blocks(reader.windows(max_values=max_values, tile=tile)):
                writer.write(window, pixels)


@pytest.mark.parametrize("block", [None, 32])
def test_copy_is_exact_with_metadata(tmp_path, block):
    rng = np.random.default_rng(0)
    cube = rng.random((150, 130, 6)).astype(np.float32)
    cube[5, 7, :] = -9999.0
    wavelengths = [450.0, 550.0, 650.0, 850.0, 1650.0, 2200.0]
    names = ["b{} ({} nm)".format(i + 1, w) for i, w in enumerate(wavelengths)]
    source = write_raster(tmp_path / "in.tif", cube, wavelengths, nodata=-9999.0, descriptions=names, block=block)
    target = tmp_path / "out.tif"
    # Small windows: the raster is several windows wide and tall.
    copy_raster(source, target, tile=32, max_values=6 * 32 * 64)
    assert np.array_equal(read_raster(target), cube)
    original, copy = gdal.Open(source), gdal.Open(str(target))
    assert copy.GetGeoTransform() == original.GetGeoTransform()
    assert copy.GetSpatialRef().IsSame(original.GetSpatialRef())
    with RasterReader(target) as reader:
        assert reader.descriptions == names
        assert reader.nodata == [-9999.0] * 6
        assert reader.wavelengths().nm.tolist() == wavelengths
        assert reader.block_size == (32, 32)
    assert not [f for f in os.listdir(tmp_path) if "partial" in f]


@pytest.mark.parametrize("n_bands", [1, 3])
def test_blocks_are_written_as_read_and_rounded_to_integer_files(tmp_path, n_bands):
    values = np.random.default_rng(2).normal(0.0, 100.0, (30 * 20, n_bands)).astype(np.float32)
    for dtype, expected in ((np.float32, values), (np.int16, np.rint(values))):
        path = tmp_path / "w{}.tif".format(np.dtype(dtype).name)
        with RasterWriter(path, 20, 30, n_bands, dtype=dtype) as writer:
            writer.write(Window(0, 0, 20, 30), values)
        assert np.array_equal(read_raster(path).reshape(-1, n_bands), expected)


def test_windows_tile_the_raster_once_and_align_to_blocks():
    windows = aligned_windows(1000, 700, 256, 256, 3 * 256 * 256)
    covered = np.zeros((700, 1000), dtype=int)
    for w in windows:
        covered[w.yoff:w.yoff + w.ysize, w.xoff:w.xoff + w.xsize] += 1
        assert w.xoff % 256 == 0 and w.yoff % 256 == 0
    assert (covered == 1).all()


@pytest.mark.parametrize("n_bands, pixels", [(330, 2 * 256 * 256), (8, MAX_WINDOW_PIXELS), (1, MAX_WINDOW_PIXELS)])
def test_windows_of_a_large_scene_are_bounded_in_values_and_pixels(tmp_path, n_bands, pixels):
    """A full GF-5-sized scene (empty, sparse) comes in windows of two tiles for 330 bands and of at most
    MAX_WINDOW_PIXELS for a few bands: what one window costs does not grow with the scene."""
    path = str(tmp_path / "large.tif")
    gdal.GetDriverByName("GTiff").Create(path, 4000, 4000, n_bands, gdal.GDT_Int16,
                                         ["TILED=YES", "SPARSE_OK=TRUE", "INTERLEAVE=PIXEL"])
    with RasterReader(path) as reader:
        windows = reader.windows()
    assert pixels / 2 < max(w.n_pixels for w in windows) <= pixels
    assert sum(w.n_pixels for w in windows) == 4000 * 4000


def test_valid_mask_flags_nodata_nan_and_zero_pixels(tmp_path):
    cube = np.ones((4, 5, 3), dtype=np.float32)
    cube[0, 0, 1] = -1.0
    cube[1, 1, 2] = np.nan
    cube[2, 2, :] = 0.0
    cube[3, 3, 0] = 0.0  # one zero band is a value, not a fill
    with RasterReader(write_raster(tmp_path / "m.tif", cube, nodata=-1.0)) as reader:
        (_, pixels, valid), = list(reader.blocks())
    expected = np.ones((4, 5), dtype=bool)
    expected[0, 0] = expected[1, 1] = expected[2, 2] = False
    assert valid.reshape(4, 5).tolist() == expected.tolist()
    assert pixels.shape == (20, 3)


@pytest.mark.parametrize("block", [None, 16])
def test_pixels_and_neighbourhoods_are_read_once_per_block(tmp_path, block):
    """Scattered pixels (corners, block edges, an invalid neighbour) read as GDAL holds them, one read per
    block that holds some: a read per pixel decodes a whole 330-band tile each time."""
    rng = np.random.default_rng(1)
    cube = rng.random((40, 50, 3)).astype(np.float32)
    cube[10, 16, :] = -1.0
    indices = np.array([0, 49, 39 * 50 + 49, 11 * 50 + 15, 11 * 50 + 17, 15 * 50 + 15, 16 * 50 + 16, 25 * 50 + 30])
    padded = np.pad(cube, ((1, 1), (1, 1), (0, 0)), constant_values=np.nan)
    padded[11, 17, :] = np.nan
    with RasterReader(write_raster(tmp_path / "p.tif", cube, nodata=-1.0, block=block)) as reader:
        reads = []
        original = reader.read
        reader.read = lambda window, bands=None: reads.append(window) or original(window, bands)
        spectra = reader.read_pixels(indices)
        neighbours = reader.read_neighbourhoods(indices)
        width, height = reader.block_size
        blocks = len({(i // 50 // height, i % 50 // width) for i in indices})
    rows, cols = np.divmod(indices, 50)
    expected = np.stack([padded[r:r + 3, c:c + 3].reshape(9, 3) for r, c in zip(rows, cols)])
    assert np.array_equal(spectra, cube[rows, cols], equal_nan=True)
    assert np.array_equal(neighbours, np.delete(expected, 4, axis=1), equal_nan=True)
    assert len(reads) == 2 * blocks


def test_blocks_read_ahead_in_order_and_stop_cleanly(tmp_path):
    rng = np.random.default_rng(3)
    path = write_raster(tmp_path / "r.tif", rng.random((128, 96, 4), dtype=np.float32), block=32)
    with RasterReader(path) as reader:
        windows = reader.windows(max_values=4 * 32 * 32, tile=32)
        assert len(windows) > 3
        blocks = reader.blocks(windows, bands=[2, 0])
        first = [next(blocks) for _ in range(3)]
        blocks.close()  # what a cancelled run does: the read in flight is awaited, none is left running
        assert [window for window, _, _ in first] == windows[:3]
        for window, pixels, valid in first:
            expected, expected_valid = reader.read(window, [2, 0])
            assert np.array_equal(pixels, expected) and np.array_equal(valid, expected_valid)
        assert sum(pixels.shape[0] for _, pixels, _ in reader.blocks(windows)) == 128 * 96


def peak_while_streaming(path):
    with RasterReader(path) as reader:
        tracemalloc.start()
        total = 0.0
        for _, pixels, valid in reader.blocks(reader.windows(max_values=8 * 64 * 64, tile=64)):
            total += float(pixels[valid].sum())
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_peak_memory_does_not_grow_with_the_scene(tmp_path):
    rng = np.random.default_rng(2)
    small = write_raster(tmp_path / "small.tif", rng.random((256, 256, 8), dtype=np.float32), block=64)
    large = write_raster(tmp_path / "large.tif", rng.random((1024, 1024, 8), dtype=np.float32), block=64)
    small_peak, large_peak = peak_while_streaming(small), peak_while_streaming(large)
    whole_scene, window = 1024 * 1024 * 8 * 4, 8 * 64 * 64 * 4
    # Read-ahead holds two windows, for a moment three, depending on thread timing: bounded by windows, not
    # by the scene (16 times the small one).
    assert large_peak < 1.6 * small_peak + 64 * 1024
    assert large_peak < 6 * window < whole_scene / 40


def test_failed_write_leaves_no_file_and_keeps_the_old_output(tmp_path):
    target = tmp_path / "out.tif"
    target.write_bytes(b"previous result")
    with pytest.raises(ZeroDivisionError):
        with RasterWriter(target, 10, 10, 1) as writer:
            writer.write(aligned_windows(10, 10, 10, 10, 100)[0], np.zeros((100, 1)))
            1 / 0
    assert target.read_bytes() == b"previous result"
    assert os.listdir(tmp_path) == ["out.tif"]


def test_unreadable_and_unwritable_paths(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a raster")
    with pytest.raises(RasterError, match="not a raster GDAL can read"):
        RasterReader(text)
    with pytest.raises(RasterError, match="does not exist"):
        RasterWriter(tmp_path / "missing" / "out.tif", 5, 5, 1)


def test_wavelengths_from_envi_header_and_descriptions(tmp_path):
    cube = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4) + 1
    path = tmp_path / "cube.img"
    dataset = gdal.GetDriverByName("ENVI").Create(str(path), 3, 2, 4, gdal.GDT_Float32)
    for index in range(4):
        dataset.GetRasterBand(index + 1).WriteArray(cube[:, :, index])
    dataset = None
    header = path.with_suffix(".hdr")
    header.write_text(header.read_text() + "wavelength units = Micrometers\n"
                      "wavelength = {0.45, 0.55,\n 0.65, 0.85}\nfwhm = {0.01, 0.01, 0.01, 0.02}\n")
    with RasterReader(path) as reader:
        found = reader.wavelengths()
        assert found.nm == pytest.approx([450.0, 550.0, 650.0, 850.0])
        assert found.fwhm == pytest.approx([10.0, 10.0, 10.0, 20.0])
    described = write_raster(tmp_path / "d.tif", cube, descriptions=["Band 1 (0.45 um)", "550 nm", "650nm", "0.85"])
    with RasterReader(described) as reader:
        assert reader.wavelengths().nm == pytest.approx([450.0, 550.0, 650.0, 850.0])
    bare = write_raster(tmp_path / "bare.tif", cube)
    with RasterReader(bare) as reader:
        assert reader.wavelengths() is None


def test_scale_and_offset_give_reflectance_and_raw_values_on_request(tmp_path):
    from osgeo import gdal
    raw = np.array([[[1234, 5000], [0, 0]]], dtype=np.int16)  # one row, two pixels, two bands
    path = write_raster(tmp_path / "int16.tif", raw, nodata=-32768)
    dataset = gdal.Open(path, gdal.GA_Update)
    for index in (1, 2):
        dataset.GetRasterBand(index).SetScale(1e-4)
        dataset.GetRasterBand(index).SetOffset(0.01)
    dataset = None
    with RasterReader(path) as reader:
        window = reader.windows()[0]
        pixels, valid = reader.read(window)
        assert pixels[0] == pytest.approx([0.1334, 0.51]) and valid.tolist() == [True, False]
        assert reader.read(window, scaled=False)[0][0].tolist() == [1234.0, 5000.0]


@pytest.mark.parametrize("options, version, safe", [
    (["INTERLEAVE=BAND", "BLOCKYSIZE=8"], 3060200, False),  # the double free of GDAL < 3.7.1
    (["INTERLEAVE=BAND", "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"], 3070000, False),
    (["INTERLEAVE=BAND", "BLOCKYSIZE=8"], 3070100, True),
    (["INTERLEAVE=BAND", "BLOCKYSIZE=32"], 3060200, True),  # one block per band
    (["INTERLEAVE=PIXEL", "BLOCKYSIZE=8"], 3060200, True),
])
def test_threaded_decoding_only_where_gdal_reads_it_safely(tmp_path, options, version, safe):
    from pccee.algorithms.io.raster_reader import threaded_decoding_is_safe
    dataset = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "r.tif"), 32, 32, 3, gdal.GDT_Float32, options)
    assert threaded_decoding_is_safe(dataset, version) is safe


def test_pixel_at_inverts_a_rotated_geotransform(tmp_path):
    path = write_raster(tmp_path / "r.tif", np.ones((20, 30, 2), dtype=np.float32))
    dataset = gdal.Open(path, gdal.GA_Update)
    dataset.SetGeoTransform((1000.0, 8.0, 6.0, 5000.0, 6.0, -8.0))  # 10 m pixels turned by 36.9 degrees
    dataset = None
    with RasterReader(path) as reader:
        indices = np.array([0, 29, 7 * 30 + 11, 19 * 30 + 29])
        x, y = reader.pixel_centres(indices)
        assert np.array_equal(reader.pixel_at(x, y), indices)
        assert np.array_equal(reader.pixel_at([1000.0 - 1.0, 2000.0], [5000.0, 5000.0]), [-1, -1])
        assert reader.pixel_area == pytest.approx(100.0)


def test_integer_reflectance_without_a_scale_is_recognised(tmp_path):
    rng = np.random.default_rng(1)
    reflectance = rng.uniform(0.02, 0.6, (40, 40, 5))
    cases = {"int16 x 10000": (np.round(reflectance * 10000).astype(np.int16), 1e-4),
             "uint16 x 10000": (np.round(reflectance * 10000).astype(np.uint16), 1e-4),
             "float reflectance": (reflectance.astype(np.float32), None),
             "int16 mask of 0 and 1": ((reflectance > 0.3).astype(np.int16), None),
             "byte": (np.round(reflectance * 255).astype(np.uint8), None)}
    for name, (cube, scale) in cases.items():
        with RasterReader(write_raster(tmp_path / "r.tif", cube)) as reader:
            assert reader.reflectance_scale()[0] == scale, name
    dataset = gdal.Open(write_raster(tmp_path / "s.tif", cases["int16 x 10000"][0]), gdal.GA_Update)
    for index in range(5):
        dataset.GetRasterBand(index + 1).SetScale(2e-5)
    dataset = None
    with RasterReader(tmp_path / "s.tif") as reader:
        assert reader.reflectance_scale() == (None, None)  # the file says how, nothing is assumed


def test_envi_bad_band_list_and_reflectance_scale_factor(tmp_path):
    path = str(tmp_path / "e.img")
    gdal.GetDriverByName("ENVI").Create(path, 4, 4, 5, gdal.GDT_Int16)
    with open(str(tmp_path / "e.hdr"), "a") as header:
        header.write("bbl = {0, 1, 1, 0, 1}\nreflectance scale factor = 5000\n")
    with RasterReader(path) as reader:
        assert list(reader.bad_bands()) == [0, 3]
        assert reader.reflectance_scale() == (pytest.approx(2e-4), "ENVI reflectance scale factor")
    with open(str(tmp_path / "e.hdr"), "a") as header:
        header.write("bbl = {0, 1}\n")  # not one flag per band: ignored
    with RasterReader(path) as reader:
        assert reader.bad_bands() is None


def test_gdal_block_cache_is_bounded_during_runs_and_restored_after(tmp_path):
    from pccee.algorithms.io.block_cache import RUN_CACHE, bounded_block_cache
    before = gdal.GetCacheMax()
    with bounded_block_cache():
        with bounded_block_cache():  # a child algorithm of a model
            assert gdal.GetCacheMax() == RUN_CACHE
        assert gdal.GetCacheMax() == RUN_CACHE
    assert gdal.GetCacheMax() == before


def test_unscaled_reads_come_in_the_type_asked_for(tmp_path):
    """Remove bad bands copies an int16 scene as int16: half the memory of float32 windows, the same values."""
    cube = np.random.default_rng(3).integers(-5, 10000, (20, 30, 4)).astype(np.int16)
    with RasterReader(write_raster(tmp_path / "i.tif", cube, nodata=-5)) as reader:
        (window, pixels, valid), = list(reader.blocks(scaled=False, dtype=np.int16))
    assert pixels.dtype == np.int16 and np.array_equal(pixels, cube.reshape(-1, 4))
    assert np.array_equal(valid, ~(cube == -5).any(axis=2).ravel())


def test_tiles_of_a_cube_are_bounded_in_bytes(tmp_path):
    """A pixel-interleaved tile holds every band: a 301-band scene gets 128-pixel tiles, a few abundances 256."""
    from pccee.algorithms.io.raster_writer import MAX_TILE_BYTES, tile_edge
    assert [tile_edge(301, np.int16), tile_edge(301, np.float32), tile_edge(4, np.float32), tile_edge(1000, np.float32),
            tile_edge(5000, np.float64)] == [128, 128, 256, 64, 64]
    assert 128 * 128 * 301 * 4 <= MAX_TILE_BYTES < 256 * 256 * 301 * 2
    path = tmp_path / "cube.tif"
    with RasterWriter(path, 300, 200, 301, dtype=np.int16) as writer:
        writer.write(Window(0, 0, 300, 200), np.ones((60000, 301), np.int16))
    with RasterReader(path) as reader:
        assert reader.block_size == (128, 128)


def test_reads_and_writes_take_turns(tmp_path):
    """GDAL 3.6 can deadlock when a multi-threaded read evicts a block a write in another thread holds dirty (a
    2000 x 2000 float32 scene copied with the next window read ahead hung for good): a read waits for the write."""
    import threading
    from pccee.algorithms.io.block_cache import gdal_turn
    path = tmp_path / "cube.tif"
    write_raster(path, np.ones((8, 8, 3), np.float32))
    done = threading.Event()
    with RasterReader(path) as reader:
        with gdal_turn():  # a write in progress
            worker = threading.Thread(target=lambda: (reader.read(Window(0, 0, 8, 8)), done.set()))
            worker.start()
            assert not done.wait(0.5)
        assert done.wait(10)
        worker.join()


def test_band_statistics_leave_out_nodata_and_fill_pixels(tmp_path):
    """As 'Remove bad bands' and the cluster's tile statistics count values: in the file's own type, nodata and
    a border of zeros left out, so a band constant inside the scene is found constant."""
    from pccee.algorithms.core.band_selection import BandStatistics
    cube = np.full((20, 30, 3), 7, dtype=np.int16)
    cube[..., 0] = np.arange(600, dtype=np.int16).reshape(20, 30)
    cube[:4] = 0                # border
    cube[4:, :, 2] = -9999      # band 3: nodata inside the border
    path = tmp_path / "bands.tif"
    write_raster(path, cube, nodata=-9999, dtype=np.int16)
    with RasterReader(path) as reader:
        assert reader.stored_type == np.int16
        statistics = BandStatistics(reader.n_bands)
        for _, pixels, _ in reader.blocks(scaled=False, dtype=reader.stored_type):
            assert pixels.dtype == np.int16
            reader.add_values(statistics, pixels)
    assert statistics.uninformative().tolist() == [False, True, True]
    assert (statistics.minimum[0], statistics.maximum[0]) == (120, 599)
    float64 = tmp_path / "float64.tif"
    write_raster(float64, cube.astype(np.float64), dtype=np.float64)
    with RasterReader(float64) as reader:
        assert reader.stored_type == np.float32  # float64 reflectance is copied as float32
