"""pccee:correlatemetals and pccee:zonepollution."""
import csv

import numpy as np
import pytest
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsField, QgsFields, QgsGeometry, QgsPointXY,
                       QgsProcessingException, QgsVectorFileWriter, QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant
from sklearn.metrics import adjusted_rand_score

from conftest import data_path, read_raster, write_raster


def table(path):
    return {f["metal"]: f for f in QgsVectorLayer(path, "table", "ogr").getFeatures()}


def test_raster_correlation_equals_numpy_with_nodata_holes(run_alg, tmp_path):
    rng = np.random.default_rng(0)
    base = rng.lognormal(size=(300, 260))
    cube = np.stack([base, base * 2 + rng.normal(0, 0.5, base.shape), rng.lognormal(size=base.shape),
                     -base + rng.normal(0, 0.3, base.shape) + 10], axis=-1).astype(np.float32)
    cube[rng.random(base.shape) < 0.1, 2] = -9999.0  # holes in one band
    path = write_raster(tmp_path / "metals.tif", cube, nodata=-9999.0, descriptions=["Pb", "Zn", "Cr", "Ni"])
    result = run_alg("pccee:correlatemetals", {"INPUT": path, "OUTPUT": str(tmp_path / "r.gpkg"),
                                               "OUTPUT_REPORT": str(tmp_path / "r.html")})
    rows = table(result["OUTPUT"])
    flat = cube.reshape(-1, 4)
    complete = (flat != -9999.0).all(axis=1)
    expected = np.corrcoef(flat[complete].astype(np.float64).T)
    names = ["Pb", "Zn", "Cr", "Ni"]
    for i, a in enumerate(names):
        assert rows[a]["n"] == complete.sum()
        for j, b in enumerate(names):
            assert rows[a][b] == pytest.approx(expected[i, j], abs=1e-6)
    order = list(rows)
    assert abs(order.index("Pb") - order.index("Zn")) == 1  # the correlated pair stands together
    assert "data:image/png;base64," in (tmp_path / "r.html").read_text()


def jura_layer(folder):
    """The Jura samples as a point layer; values that are not numbers (typos in the survey) become NULL."""
    metals = ["Cd", "Cu", "Pb", "Co", "Cr", "Ni", "Zn"]
    fields = QgsFields()
    for metal in metals:
        fields.append(QgsField(metal, QVariant.Double))
    path = str(folder / "jura.gpkg")
    writer = QgsVectorFileWriter(path, "UTF-8", fields, QgsWkbTypes.Point, QgsCoordinateReferenceSystem("EPSG:21781"),
                                 "GPKG")
    values = []
    with open(data_path("points", "jura", "jura.csv"), newline="") as stream:
        for row in csv.DictReader(stream):
            try:
                x, y = float(row["X (km)"]) * 1000, float(row["Y (km)"]) * 1000
            except ValueError:  # a typo in the survey's coordinates
                continue
            parsed = []
            for metal in metals:
                try:
                    parsed.append(float(row[metal + " (ppm)"]))
                except ValueError:
                    parsed.append(None)
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            feature.setAttributes(parsed)
            writer.addFeature(feature)
            values.append([np.nan if v is None else v for v in parsed])
    del writer
    return path, metals, np.array(values)


def test_sample_correlations_on_the_jura_survey(run_alg, tmp_path):
    path, metals, values = jura_layer(tmp_path)
    result = run_alg("pccee:correlatemetals", {"SAMPLES": path, "FIELDS": metals, "OUTPUT": str(tmp_path / "r.gpkg"),
                                               "OUTPUT_REPORT": str(tmp_path / "r.html")})
    rows = table(result["OUTPUT"])
    for i, a in enumerate(metals):
        for j, b in enumerate(metals):
            both = ~np.isnan(values[:, i]) & ~np.isnan(values[:, j])
            assert rows[a][b] == pytest.approx(np.corrcoef(values[both, i], values[both, j])[0, 1], abs=1e-9)
    assert rows["Cr"]["Ni"] == pytest.approx(0.71, abs=0.02)  # the Jura survey's strong Cr-Ni pair


def three_clusters(folder):
    rng = np.random.default_rng(1)
    truth = np.repeat(np.arange(3), 200 * 90 // 3).reshape(200, 90)
    centres = np.array([[1.0, 0.1, 20.0], [4.0, 0.4, 80.0], [16.0, 1.6, 320.0]])  # evenly apart in log space
    cube = centres[truth] * rng.normal(1.0, 0.05, (200, 90, 3))
    return write_raster(folder / "clusters.tif", cube.astype(np.float32), descriptions=["Pb", "Cd", "Zn"]), truth


def test_three_clusters_are_found_by_both_criteria_and_named_in_order(run_alg, tmp_path):
    path, truth = three_clusters(tmp_path)
    result = run_alg("pccee:zonepollution", {"INPUT": path, "K": 0, "K_MIN": 2, "K_MAX": 8, "SAMPLE_SIZE": 3000,
                                             "OUTPUT": str(tmp_path / "z.tif"), "OUTPUT_STATS": str(tmp_path / "s.gpkg"),
                                             "OUTPUT_REPORT": str(tmp_path / "z.html")})
    zones = read_raster(result["OUTPUT"])[..., 0]
    assert adjusted_rand_score(truth.ravel(), zones.ravel()) > 0.99
    assert np.array_equal(np.unique(zones), [1, 2, 3])
    assert (zones[truth == 2] == 3).all() and (zones[truth == 0] == 1).all()  # highest means, highest code
    stats = {f["code"]: f for f in QgsVectorLayer(result["OUTPUT_STATS"], "s", "ogr").getFeatures()}
    assert [stats[c]["zone"] for c in (1, 2, 3)] == ["low background", "moderate diffusion", "high-risk composite"]
    assert stats[1]["Pb_mean"] < stats[2]["Pb_mean"] < stats[3]["Pb_mean"]
    assert sum(stats[c]["pixels"] for c in stats) == 200 * 90
    assert "Both criteria agree on K = 3" in (tmp_path / "z.html").read_text()


def test_high_risk_zone_covers_the_tailings(run_alg, simulated_scene, tmp_path):
    result = run_alg("pccee:zonepollution", {"INPUT": simulated_scene["metals"], "K": 3,
                                             "OUTPUT": str(tmp_path / "z.tif"), "OUTPUT_STATS": str(tmp_path / "s.gpkg"),
                                             "OUTPUT_REPORT": str(tmp_path / "z.html")})
    zones = read_raster(result["OUTPUT"])[..., 0]
    tailings = simulated_scene["abundances"][..., 3] > 0.5
    assert (zones[tailings] == 3).mean() > 0.9


def test_bad_analysis_input(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*give a concentration raster or sample points"):
        run_alg("pccee:correlatemetals", {"OUTPUT": str(tmp_path / "r.gpkg"), "OUTPUT_REPORT": str(tmp_path / "r.html")})
    single = write_raster(tmp_path / "one.tif", np.ones((5, 5, 1), dtype=np.float32) + np.arange(25).reshape(5, 5, 1))
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*single band"):
        run_alg("pccee:correlatemetals", {"INPUT": single, "OUTPUT": str(tmp_path / "r.gpkg"),
                                          "OUTPUT_REPORT": str(tmp_path / "r.html")})
    path, _ = three_clusters(tmp_path)
    with pytest.raises(QgsProcessingException, match=r"\(K_MAX\).*smaller than K_MIN"):
        run_alg("pccee:zonepollution", {"INPUT": path, "K_MIN": 5, "K_MAX": 3, "OUTPUT": str(tmp_path / "z.tif"),
                                        "OUTPUT_STATS": str(tmp_path / "s.gpkg"), "OUTPUT_REPORT": str(tmp_path / "z.html")})
    with pytest.raises(QgsProcessingException, match=r"\(K\).*one zone is no zoning"):
        run_alg("pccee:zonepollution", {"INPUT": path, "K": 1, "OUTPUT": str(tmp_path / "z.tif"),
                                        "OUTPUT_STATS": str(tmp_path / "s.gpkg"), "OUTPUT_REPORT": str(tmp_path / "z.html")})
    assert not (tmp_path / "z.tif").exists()
    constant = np.dstack([read_raster(path), np.full((200, 90, 1), 5.0, dtype=np.float32)])
    flat = write_raster(tmp_path / "flat.tif", constant, descriptions=["Pb", "Cd", "Zn", "Hg"])
    rows = table(run_alg("pccee:correlatemetals", {"INPUT": flat, "OUTPUT": str(tmp_path / "c.gpkg"),
                                                   "OUTPUT_REPORT": str(tmp_path / "c.html")})["OUTPUT"])
    assert "Hg" not in rows and not any(np.isnan(rows[m][n]) for m in rows for n in rows)
    result = run_alg("pccee:zonepollution", {"INPUT": flat, "K": 3, "SAMPLE_SIZE": 10 ** 6,
                                             "OUTPUT": str(tmp_path / "z2.tif"), "OUTPUT_STATS": str(tmp_path / "s2.gpkg"),
                                             "OUTPUT_REPORT": str(tmp_path / "z2.html")})
    assert np.array_equal(np.unique(read_raster(result["OUTPUT"])), [1, 2, 3])
