"""pccee:invertmetals and pccee:predictmetals on the simulated scene with its TRUE abundances."""
import numpy as np
import pytest
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsField, QgsGeometry, QgsPointXY,
                       QgsProcessingException, QgsVectorFileWriter, QgsVectorLayer, QgsFields, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant
from scipy.stats import spearmanr

from conftest import create_scene, read_raster, write_raster

METALS = ("Pb", "Cd", "Cr", "Hg", "As", "Cu", "Zn", "Ni")


@pytest.fixture(scope="module")
def inverted(tmp_path_factory, pccee_provider):
    import processing
    folder = tmp_path_factory.mktemp("inversion")
    made = create_scene(folder, size=160, clean=False)
    scene = {"OUTPUT_ABUNDANCES": made["truth"], "OUTPUT_CONCENTRATIONS": made["metals"], "OUTPUT_SAMPLES": made["samples"]}
    result = processing.run("pccee:invertmetals", {
        "ABUNDANCES": scene["OUTPUT_ABUNDANCES"], "SAMPLES": scene["OUTPUT_SAMPLES"], "TREES": 100,
        "OUTPUT": str(folder / "map.tif"), "OUTPUT_UNCERTAINTY": str(folder / "spread.tif"),
        "OUTPUT_METRICS": str(folder / "metrics.gpkg"), "OUTPUT_REPORT": str(folder / "report.html"),
        "OUTPUT_MODEL": str(folder / "model.npz")})
    metrics = {f["metal"]: f for f in QgsVectorLayer(result["OUTPUT_METRICS"], "metrics", "ogr").getFeatures()}
    return scene, result, metrics, folder


def test_cross_validated_r2_on_true_abundances(inverted):
    _, _, metrics, _ = inverted
    assert sorted(metrics) == sorted(METALS) and all(metrics[m]["n"] == 53 for m in METALS)
    active = np.mean([metrics[m]["r2"] for m in METALS if m != "Pb"])
    print({m: round(metrics[m]["r2"], 3) for m in METALS})
    # Measured on this 160 x 160 scene with 100 trees: see README; the goal is 0.85, Pb lower.
    assert active >= 0.75, active
    assert metrics["Pb"]["r2"] < active
    assert all(metrics[m]["train_r2"] > metrics[m]["r2"] for m in METALS)  # never the training fit


def test_metrics_equal_scikit_learn_on_the_same_data(inverted):
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.metrics import mean_squared_error, r2_score
    from sklearn.model_selection import KFold, cross_val_predict
    scene, _, metrics, _ = inverted
    samples = QgsVectorLayer(scene["OUTPUT_SAMPLES"], "samples", "ogr")
    truth = read_raster(scene["OUTPUT_ABUNDANCES"])
    from osgeo import gdal
    x0, step, _, y0, _, _ = gdal.Open(scene["OUTPUT_ABUNDANCES"]).GetGeoTransform()
    from qgis.core import QgsCoordinateTransform, QgsProject
    to_utm = QgsCoordinateTransform(samples.crs(), QgsCoordinateReferenceSystem("EPSG:32649"), QgsProject.instance())
    features, values = [], []
    for feature in samples.getFeatures():
        point = to_utm.transform(feature.geometry().asPoint())
        features.append(truth[int((y0 - point.y()) // step), int((point.x() - x0) // step)])
        values.append(feature["Cd"])
    features, values = np.array(features, dtype=float), np.array(values)
    forest = RandomForestRegressor(n_estimators=100, random_state=0, n_jobs=-1)
    predicted = cross_val_predict(forest, features, values, cv=KFold(5, shuffle=True, random_state=0))
    assert metrics["Cd"]["r2"] == pytest.approx(r2_score(values, predicted), abs=1e-9)
    assert metrics["Cd"]["rmse"] == pytest.approx(np.sqrt(mean_squared_error(values, predicted)), abs=1e-9)
    assert metrics["Cd"]["rpd"] == pytest.approx(np.std(values, ddof=1) / metrics["Cd"]["rmse"])


def test_maps_agree_with_the_truth_and_uncertainty_tracks_the_error(inverted):
    scene, result, _, _ = inverted
    truth = read_raster(scene["OUTPUT_CONCENTRATIONS"]).reshape(-1, 8)
    mapped = read_raster(result["OUTPUT"]).reshape(-1, 8)
    spread = read_raster(result["OUTPUT_UNCERTAINTY"]).reshape(-1, 8)
    r2 = {}
    for index, metal in enumerate(METALS):
        error = np.abs(truth[:, index] - mapped[:, index])
        r2[metal] = 1 - (error ** 2).sum() / ((truth[:, index] - truth[:, index].mean()) ** 2).sum()
        assert spearmanr(spread[:, index], error)[0] > 0.1, metal  # larger spread where the error is larger
    print({m: round(v, 3) for m, v in r2.items()})
    # Measured over all 25600 pixels: mean 0.70 over the seven spectrally active metals, Hg lowest (0.49).
    assert np.mean([r2[m] for m in METALS if m != "Pb"]) >= 0.65 and min(r2.values()) > 0.3, r2
    page = (result["OUTPUT_REPORT"] and open(result["OUTPUT_REPORT"]).read())
    assert "data:image/png;base64," in page and "<td>Cd</td>" in page


def test_model_file_predicts_the_same_and_refuses_tampering(run_alg, inverted, tmp_path):
    scene, result, _, _ = inverted
    again = run_alg("pccee:predictmetals", {"ABUNDANCES": scene["OUTPUT_ABUNDANCES"], "MODEL": result["OUTPUT_MODEL"],
                                            "OUTPUT": str(tmp_path / "m.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "u.tif")})
    assert np.abs(read_raster(again["OUTPUT"]) - read_raster(result["OUTPUT"])).max() < 1e-4
    with np.load(result["OUTPUT_MODEL"], allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["0_threshold"] = arrays["0_threshold"] + 1.0
    tampered = str(tmp_path / "tampered.npz")
    np.savez(tampered, **arrays)
    with pytest.raises(QgsProcessingException, match=r"\(MODEL\).*altered"):
        run_alg("pccee:predictmetals", {"ABUNDANCES": scene["OUTPUT_ABUNDANCES"], "MODEL": tampered,
                                        "OUTPUT": str(tmp_path / "x.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "y.tif")})
    import pickle
    foreign = tmp_path / "foreign.npz"
    np.savez(str(foreign), header=np.array(pickle.dumps({"x": 1}), dtype=object))
    with pytest.raises(QgsProcessingException, match=r"\(MODEL\).*not a PCCEE model"):
        run_alg("pccee:predictmetals", {"ABUNDANCES": scene["OUTPUT_ABUNDANCES"], "MODEL": str(foreign),
                                        "OUTPUT": str(tmp_path / "x.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "y.tif")})
    assert not (tmp_path / "x.tif").exists()
    three_bands = write_raster(tmp_path / "three.tif", np.ones((5, 5, 3), dtype=np.float32))
    with pytest.raises(QgsProcessingException, match=r"\(ABUNDANCES\).*trained on 5 predictors"):
        run_alg("pccee:predictmetals", {"ABUNDANCES": three_bands, "MODEL": result["OUTPUT_MODEL"],
                                        "OUTPUT": str(tmp_path / "x.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "y.tif")})


def test_maps_on_a_gpu_asked_for_without_one_are_refused(run_alg, inverted, tmp_path, without_gpu):
    """Refused before any forest is trained, by both algorithms that map."""
    scene, result, _, _ = inverted
    maps = {"DEVICE": 2, "OUTPUT": str(tmp_path / "m.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "u.tif")}
    with pytest.raises(QgsProcessingException, match=r"\(DEVICE\).*No GPU.*pip install cupy"):
        run_alg("pccee:predictmetals", dict(maps, ABUNDANCES=scene["OUTPUT_ABUNDANCES"], MODEL=result["OUTPUT_MODEL"]))
    with pytest.raises(QgsProcessingException, match=r"\(DEVICE\).*No GPU.*pip install cupy"):
        run_alg("pccee:invertmetals", dict(maps, ABUNDANCES=scene["OUTPUT_ABUNDANCES"], SAMPLES=scene["OUTPUT_SAMPLES"],
                                           OUTPUT_METRICS=str(tmp_path / "t.gpkg"), OUTPUT_REPORT=str(tmp_path / "r.html"),
                                           OUTPUT_MODEL=str(tmp_path / "f.npz")))
    assert not any(tmp_path.iterdir())


def test_maps_on_the_gpu_equal_the_cpu(run_alg, inverted, tmp_path, gpu_module):
    scene, result, _, _ = inverted
    maps = [run_alg("pccee:predictmetals", {"ABUNDANCES": scene["OUTPUT_ABUNDANCES"], "MODEL": result["OUTPUT_MODEL"],
                                            "DEVICE": device, "OUTPUT": str(tmp_path / "m{}.tif".format(device)),
                                            "OUTPUT_UNCERTAINTY": str(tmp_path / "u{}.tif".format(device))})
            for device in (1, 2)]
    for name in ("OUTPUT", "OUTPUT_UNCERTAINTY"):
        np.testing.assert_allclose(read_raster(maps[1][name]), read_raster(maps[0][name]), rtol=1e-6, atol=1e-6)


def point_layer(path, points, crs, values):
    fields = QgsFields()
    fields.append(QgsField("cd", QVariant.Double))
    writer = QgsVectorFileWriter(str(path), "UTF-8", fields, QgsWkbTypes.Point, crs, "GPKG")
    for (x, y), value in zip(points, values):
        feature = QgsFeature(fields)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes([value])
        writer.addFeature(feature)
    del writer
    return str(path)


def test_bad_samples_are_named(run_alg, inverted, tmp_path):
    scene, _, _, _ = inverted
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    parameters = {"ABUNDANCES": scene["OUTPUT_ABUNDANCES"], "METALS": "Cd", "TREES": 10,
                  "OUTPUT": str(tmp_path / "m.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "u.tif"),
                  "OUTPUT_METRICS": str(tmp_path / "t.gpkg"), "OUTPUT_REPORT": str(tmp_path / "r.html"),
                  "OUTPUT_MODEL": str(tmp_path / "model.npz")}
    far = point_layer(tmp_path / "far.gpkg", [(2.0 + i * 0.01, 48.0) for i in range(10)], wgs84, range(10))
    with pytest.raises(QgsProcessingException, match=r"\(SAMPLES\).*no sample lies on the raster"):
        run_alg("pccee:invertmetals", dict(parameters, SAMPLES=far))
    near = [(111.40 + i * 0.001, 27.70) for i in range(4)]
    few = point_layer(tmp_path / "few.gpkg", near, wgs84, [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(QgsProcessingException, match=r"only 4 usable samples for Cd"):
        run_alg("pccee:invertmetals", dict(parameters, SAMPLES=few))
    empty = point_layer(tmp_path / "empty.gpkg", near, wgs84, [None] * 4)
    with pytest.raises(QgsProcessingException, match=r"\(METALS\).*only 0 usable samples"):
        run_alg("pccee:invertmetals", dict(parameters, SAMPLES=empty))
    with pytest.raises(QgsProcessingException, match=r"\(METALS\).*no field named Sb"):
        run_alg("pccee:invertmetals", dict(parameters, SAMPLES=few, METALS="Cd, Sb"))
    no_crs = QgsVectorLayer("Point?field=cd:double", "no crs", "memory")
    no_crs.setCrs(QgsCoordinateReferenceSystem())  # QGIS gives layers its default CRS; a user can unset it
    feature = QgsFeature(no_crs.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*near[0])))
    feature.setAttributes([1.0])
    no_crs.dataProvider().addFeatures([feature])
    assert not no_crs.crs().isValid()
    with pytest.raises(QgsProcessingException, match=r"\(SAMPLES\).*no coordinate reference system"):
        run_alg("pccee:invertmetals", dict(parameters, SAMPLES=no_crs))
    assert not (tmp_path / "m.tif").exists() and not (tmp_path / "model.npz").exists()
