"""The reports and quick-looks as a reader meets them: units, the numbers that matter, what a statistic measures,
and pictures that fit a 1400 px window."""
import base64
import html
import re
import struct

import numpy as np
from osgeo import gdal

from conftest import write_raster
from pccee.algorithms.reports.quicklook import band_panels_png, classes_png


def png_size(data):
    """(width, height) of PNG bytes."""
    return struct.unpack(">II", data[16:24])


def embedded_images(path):
    return [png_size(base64.b64decode(match)) for match in
            re.findall(r'src="data:image/png;base64,([^"]+)"', open(path, encoding="utf-8").read())]


def text(path):
    """The report's words without tags."""
    page = open(path, encoding="utf-8").read()
    return html.unescape(re.sub(r"<[^>]+>", " ", page[page.index("<body>"):])).replace("\xa0", " ")


def test_correlation_report_of_the_samples_says_n_and_p_and_of_a_raster_what_it_measures(run_alg, simulated_scene,
                                                                                          tmp_path):
    run_alg("pccee:correlatemetals", {"SAMPLES": simulated_scene["samples"], "FIELDS": "Pb;Cd;Zn;Cr",
                                      "OUTPUT": str(tmp_path / "r.gpkg"), "OUTPUT_REPORT": str(tmp_path / "r.html")})
    words = text(tmp_path / "r.html")
    assert "measured at the soil samples: n = 53 samples" in words
    assert "6 pairs are tested" in words and "Bonferroni" in words
    assert re.search(r"Pb\s+Zn\s+0\.\d\d\s+(< 0\.001|0\.\d{3})\s+53", words)
    from qgis.core import QgsVectorLayer
    rows = {f["metal"]: f for f in QgsVectorLayer(str(tmp_path / "r.gpkg"), "r", "ogr").getFeatures()}
    assert 0 <= rows["Pb"]["p_Zn"] < 0.05 and rows["Pb"]["n"] == 53
    run_alg("pccee:correlatemetals", {"INPUT": simulated_scene["metals"], "OUTPUT": str(tmp_path / "m.gpkg"),
                                      "OUTPUT_REPORT": str(tmp_path / "m.html")})
    words = text(tmp_path / "m.html")
    assert "predicted concentration raster" in words and "how alike the fitted models are" in words
    assert "no p-value" in words
    assert all(width <= 1400 for width, _ in embedded_images(tmp_path / "r.html"))


def test_zoning_report_shows_the_map_units_the_rule_and_the_screening_values(run_alg, simulated_scene, tmp_path):
    result = run_alg("pccee:zonepollution", {"INPUT": simulated_scene["metals"], "K": 0, "K_MAX": 6,
                                             "SAMPLE_SIZE": 4000, "SOIL_PH": 6.0, "BACKGROUND": "Pb=30, Cd=0.1",
                                             "OUTPUT": str(tmp_path / "z.tif"), "OUTPUT_STATS": str(tmp_path / "z.gpkg"),
                                             "OUTPUT_REPORT": str(tmp_path / "z.html")})
    words = text(result["OUTPUT_REPORT"])
    assert "chosen by the elbow of the SSE curve" in words
    assert "GB 15618-2018 risk screening and intervention values for other agricultural land, soil pH 6" in words
    assert "(mg/kg)" in words and "× SV" in words
    assert re.search(r"GB 15618 screening value\s+90\s+0\.3", words)  # Pb and Cd at pH 5.5-6.5
    assert re.search(r"background \(given\)\s+30\s+0\.1", words)
    images = embedded_images(result["OUTPUT_REPORT"])
    assert len(images) == 2 and all(width <= 1400 for width, _ in images)  # the zone map and the curves
    from qgis.core import QgsVectorLayer
    stats = list(QgsVectorLayer(result["OUTPUT_STATS"], "s", "ogr").getFeatures())
    assert all(0.0 <= f["Pb_above_sv"] <= 100.0 for f in stats)


def test_inversion_report_has_units_thresholds_and_fits_the_window(run_alg, simulated_scene, tmp_path):
    result = run_alg("pccee:invertmetals", {"ABUNDANCES": simulated_scene["truth"], "SAMPLES": simulated_scene["samples"],
                                            "TREES": 10, "OUTPUT": str(tmp_path / "m.tif"),
                                            "OUTPUT_UNCERTAINTY": str(tmp_path / "u.tif"),
                                            "OUTPUT_METRICS": str(tmp_path / "m.gpkg"),
                                            "OUTPUT_REPORT": str(tmp_path / "r.html"),
                                            "OUTPUT_MODEL": str(tmp_path / "m.npz")})
    words = text(result["OUTPUT_REPORT"])
    assert "CV RMSE (mg/kg)" in words and "screening value (mg/kg)" in words
    assert "Cross-validated R² from" in words and "over 8 metals" in words
    assert "soil pH not given: the lowest value of the four pH classes" in words
    images = embedded_images(result["OUTPUT_REPORT"])
    assert len(images) == 2 and all(width <= 1400 for width, _ in images)


def test_quick_looks_have_colour_bars_a_legend_and_fit_the_window(tmp_path):
    rng = np.random.default_rng(0)
    cube = rng.lognormal(size=(80, 90, 8)).astype(np.float32)
    path = write_raster(tmp_path / "metals.tif", cube, descriptions=["Pb", "Cd", "Cr", "Hg", "As", "Cu", "Zn", "Ni"])
    band_panels_png(path, str(tmp_path / "metals.png"), "concentrations", list("abcdefgh"), limits=None,
                    label="mg/kg")
    picture = gdal.Open(str(tmp_path / "metals.png"))
    assert 900 < picture.RasterXSize <= 1400 and picture.RasterYSize > 0.5 * picture.RasterXSize  # 4 x 2 panels
    zones = np.repeat(np.arange(1, 4, dtype=np.uint8), 30).reshape(1, 90).repeat(80, axis=0)[..., None]
    zones_path = write_raster(tmp_path / "zones.tif", zones)
    classes_png(zones_path, str(tmp_path / "zones.png"), "zones", ["low", "middle", "high"],
                ["#1a9850", "#fee08b", "#d73027"])
    picture = gdal.Open(str(tmp_path / "zones.png")).ReadAsArray()
    red = (picture[0] > 200) & (picture[1] < 80) & (picture[2] < 60)
    assert red.sum() > 500  # the high zone is drawn in its colour (map and legend)
