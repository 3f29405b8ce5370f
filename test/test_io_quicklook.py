"""Quick-look PNGs for reports and the demo page."""
import numpy as np
from osgeo import gdal

from conftest import write_raster
from pccee.algorithms.reports.quicklook import band_panels_png, true_colour_png


def test_true_colour_and_band_panels(tmp_path):
    """Red on the left, blue on the right of the scene: so in the true-colour picture, whatever its title and
    margins; and the band panels are drawn."""
    cube = np.full((60, 50, 4), 0.05, dtype=np.float32)
    cube[:, :25, 2] = 0.6   # 640 nm, left half
    cube[:, 25:, 0] = 0.6   # 470 nm, right half
    path = write_raster(tmp_path / "cube.tif", cube, [470.0, 550.0, 640.0, 860.0])
    true_colour_png(path, str(tmp_path / "rgb.png"), "rgb", max_side=20)
    band_panels_png(path, str(tmp_path / "bands.png"), "bands", list("abcd"), limits=None, cmap="hot")
    picture = gdal.Open(str(tmp_path / "rgb.png")).ReadAsArray().astype(int)
    red, blue = (picture[0] > 200) & (picture[2] < 80), (picture[2] > 200) & (picture[0] < 80)
    assert red.sum() > 1000 and blue.sum() > 1000
    assert np.nonzero(red)[1].max() < np.nonzero(blue)[1].min()  # every red pixel left of every blue one
    panels = gdal.Open(str(tmp_path / "bands.png"))
    assert panels.RasterXSize > 3 * panels.RasterYSize  # four panels side by side
