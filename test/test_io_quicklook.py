"""Quick-look PNGs for reports and the demo page."""
import numpy as np
from osgeo import gdal

from conftest import write_raster
from pccee.algorithms.io.quicklook import band_panels_png, true_colour_png


def test_true_colour_and_band_panels(tmp_path):
    rng = np.random.default_rng(0)
    cube = rng.random((60, 50, 4)).astype(np.float32)
    path = write_raster(tmp_path / "cube.tif", cube, [470.0, 550.0, 640.0, 860.0])
    true_colour_png(path, str(tmp_path / "rgb.png"), "rgb", max_side=20)
    band_panels_png(path, str(tmp_path / "bands.png"), "bands", list("abcd"), limits=None, cmap="hot")
    for name in ("rgb.png", "bands.png"):
        picture = gdal.Open(str(tmp_path / name))
        assert picture.RasterXSize > 100 and picture.RasterCount >= 3
