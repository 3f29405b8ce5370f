"""pccee:trainsourcedetector and pccee:detectsources on the simulated scene with pollution sources (known truth):
cross-validated AUC, the network against the centre-pixel forest, occlusion sensitivity over the true sources,
determinism, refusals, a missing PyTorch, the Graphical Modeler and qgis_process."""
import importlib.util
import json
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback,
                       QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                       QgsProcessingModelChildParameterSource, QgsProcessingModelOutput, QgsProcessingModelParameter,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterRasterLayer, QgsVectorLayer)

from conftest import read_raster, write_raster
from test_core_detection import torch_or_skip
from pccee.algorithms.core import scene_simulation as sim

SIZE, SEED, PATCH = 160, 2024, 21
#: Small and quick for the tests (a few seconds of training a fold on 2 busy cores); `make bench` runs the defaults.
TRAINING = {"LABEL": "Cd", "THRESHOLD": 0.3, "REGION": "region", "PATCH": PATCH, "EPOCHS": 20, "FOLDS": 4,
            "SEED": 0, "DEVICE": 1}
CNN, BASELINE = "SI-LICNet", "Random Forest, centre pixel"


@pytest.fixture(scope="module")
def scene(tmp_path_factory, pccee_provider):
    """The 160 x 160 simulated scene with an industrial site and 300 labelled sampling points, and the true
    source masks (recomputed by the core from the same seed)."""
    torch_or_skip()
    import processing
    folder = tmp_path_factory.mktemp("sources")
    result = processing.run("pccee:createsamplescene", {
        "SIZE": SIZE, "SEED": SEED, "DETECTION_SAMPLES": 300, "OUTPUT": str(folder / "scene.tif"),
        "OUTPUT_ABUNDANCES": str(folder / "truth.tif"), "OUTPUT_CONCENTRATIONS": str(folder / "metals.tif"),
        "OUTPUT_SAMPLES": str(folder / "samples.gpkg"), "OUTPUT_DETECTION_SAMPLES": str(folder / "labelled.gpkg")})
    landscape = sim.simulate_landscape(SIZE, np.random.default_rng(SEED))
    result["sources"] = sim.add_industrial_site(landscape, SEED, 30.0)[1]
    result["folder"] = folder
    return result


@pytest.fixture(scope="module")
def trained(scene):
    import processing
    folder = scene["folder"]
    result = processing.run("pccee:trainsourcedetector", dict(
        TRAINING, INPUT=scene["OUTPUT"], SAMPLES=scene["OUTPUT_DETECTION_SAMPLES"],
        OUTPUT_MODEL=str(folder / "detector.npz"), OUTPUT_METRICS=str(folder / "auc.gpkg"),
        OUTPUT_REPORT=str(folder / "detection.html")))
    mapped = processing.run("pccee:detectsources", {
        "INPUT": scene["OUTPUT"], "MODEL": result["OUTPUT_MODEL"], "DEVICE": 1,
        "OUTPUT": str(folder / "probability.tif"), "OUTPUT_SENSITIVITY": str(folder / "sensitivity.tif")})
    return dict(result, **mapped)


def auc_table(path):
    layer = QgsVectorLayer(path, "auc", "ogr")
    return {(f["model"], f["scope"], f["name"]): f["auc"] for f in layer.getFeatures()}


def test_the_labelled_points_carry_their_truth(scene):
    layer = QgsVectorLayer(scene["OUTPUT_DETECTION_SAMPLES"], "labelled", "ogr")
    assert layer.featureCount() == 300 and layer.crs().authid() == "EPSG:4326"
    features = list(layer.getFeatures())
    assert {f["region"] for f in features} == set(sim.SOURCES)
    assert all(f["contaminated"] == int(f["Cd"] > 0.3) for f in features)
    assert 0.3 < np.mean([f["contaminated"] for f in features]) < 0.6
    assert gdal.Open(scene["OUTPUT"]).GetMetadataItem("PCCEE_INDUSTRIAL_SITE")


def test_outside_the_industrial_site_the_scene_is_the_classic_one(scene, tmp_path):
    import processing
    classic = processing.run("pccee:createsamplescene", {
        "SIZE": SIZE, "SEED": SEED, "OUTPUT": str(tmp_path / "scene.tif"), "OUTPUT_ABUNDANCES": str(tmp_path / "a.tif"),
        "OUTPUT_CONCENTRATIONS": str(tmp_path / "m.tif"), "OUTPUT_SAMPLES": str(tmp_path / "s.gpkg")})
    away = scene["sources"].distance_m[..., 1] > 150  # the site and the reach of the sensor's point spread
    np.testing.assert_array_equal(read_raster(classic["OUTPUT"])[away], read_raster(scene["OUTPUT"])[away])
    metals, classic_metals = read_raster(scene["OUTPUT_CONCENTRATIONS"]), read_raster(classic["OUTPUT_CONCENTRATIONS"])
    cd = sim.METALS.index("Cd")
    np.testing.assert_array_equal(np.delete(metals, cd, axis=-1), np.delete(classic_metals, cd, axis=-1))
    assert not np.allclose(metals[..., cd], classic_metals[..., cd])  # Cd follows the sources


def test_cross_validated_auc_and_what_spatial_context_is_worth(trained):
    auc = auc_table(trained["OUTPUT_METRICS"])
    assert auc[(CNN, "overall", "all")] >= 0.85, auc
    assert auc[(CNN, "overall", "all")] >= auc[(BASELINE, "overall", "all")], auc
    # Where the truth lies in the surroundings, not in the pixel: clearly better over both regions together, and in
    # each at least as good (0.02: a few pairs of samples ordered otherwise on another CPU's rounding).
    context = [(auc[(CNN, "region", r)], auc[(BASELINE, "region", r)]) for r in ("industrial site", "town")]
    assert np.mean([cnn for cnn, _ in context]) >= np.mean([forest for _, forest in context]) + 0.05, auc
    assert all(cnn >= forest - 0.02 for cnn, forest in context), auc
    assert {name for _, scope, name in auc if scope == "fold"} == {"1", "2", "3", "4"}
    with open(trained["OUTPUT_REPORT"], encoding="utf-8") as stream:
        report = stream.read()
    for text in ("ROC curves", "training curves", "Confusion at the decision threshold", BASELINE, "context adds"):
        assert text in report


def test_the_probability_map_is_the_sliding_network_and_finds_the_contaminated_points(scene, trained):
    probability = read_raster(trained["OUTPUT"])[..., 0]
    assert probability.shape == (SIZE, SIZE) and 0.0 <= probability.min() and probability.max() <= 1.0
    dataset = gdal.Open(trained["OUTPUT"])
    assert 0.0 < float(dataset.GetMetadataItem("PCCEE_DECISION_THRESHOLD")) < 1.0
    near = scene["sources"].distance_m.min(axis=-1)
    assert probability[near < 90].mean() > 0.6 > 0.2 > probability[near > 1200].mean()


def test_occlusion_sensitivity_is_high_over_the_true_sources(scene, trained):
    sensitivity = read_raster(trained["OUTPUT_SENSITIVITY"])[..., 0]
    mapped = sensitivity != -9999.0
    sources = scene["sources"].any
    over, rest = sensitivity[sources & mapped].mean(), sensitivity[~sources & mapped].mean()
    assert over > 0 and over >= 2.0 * rest, (over, rest)
    assert gdal.Open(trained["OUTPUT_SENSITIVITY"]).GetMetadataItem("PCCEE_WINDOW") == str(PATCH // 4)


def quick(scene, folder, **changes):
    """A quick training (a few epochs, small patch) for the checks that do not need accuracy."""
    import processing
    os.makedirs(str(folder), exist_ok=True)
    return processing.run("pccee:trainsourcedetector", dict(
        TRAINING, INPUT=scene["OUTPUT"], SAMPLES=scene["OUTPUT_DETECTION_SAMPLES"], PATCH=9, EPOCHS=2, FOLDS=2, TREES=20,
        OUTPUT_MODEL=str(folder / "d.npz"), OUTPUT_METRICS=str(folder / "auc.gpkg"),
        OUTPUT_REPORT=str(folder / "r.html"), **changes), context=QgsProcessingContext(),
        feedback=QgsProcessingFeedback())


def test_the_same_seed_gives_the_same_auc_and_weights(scene, tmp_path):
    first, again = quick(scene, tmp_path / "a"), quick(scene, tmp_path / "b")
    assert auc_table(first["OUTPUT_METRICS"]) == auc_table(again["OUTPUT_METRICS"])
    with np.load(first["OUTPUT_MODEL"]) as a, np.load(again["OUTPUT_MODEL"]) as b:
        assert sorted(a.files) == sorted(b.files) and all(np.array_equal(a[n], b[n]) for n in a.files)


def test_a_raster_with_other_bands_is_refused(scene, trained, tmp_path, run_alg):
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*trained on a raster of 330 bands.*has 5"):
        run_alg("pccee:detectsources", {"INPUT": scene["OUTPUT_ABUNDANCES"], "MODEL": trained["OUTPUT_MODEL"],
                                         "OUTPUT": str(tmp_path / "p.tif"), "OUTPUT_SENSITIVITY": str(tmp_path / "s.tif")})
    centres, _ = sim.ahsi_bands()
    shifted = write_raster(tmp_path / "shifted.tif", np.full((12, 12, 330), 0.2, dtype=np.float32), centres + 8.0)
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*band 1 is at 398.0 nm here, 390.0 nm in the model"):
        run_alg("pccee:detectsources", {"INPUT": shifted, "MODEL": trained["OUTPUT_MODEL"],
                                         "OUTPUT": str(tmp_path / "p.tif"), "OUTPUT_SENSITIVITY": str(tmp_path / "s.tif")})
    assert not (tmp_path / "p.tif").exists()


def test_a_raster_without_valid_pixels_is_refused_and_nothing_is_written(trained, tmp_path, run_alg):
    centres, _ = sim.ahsi_bands()
    empty = write_raster(tmp_path / "empty.tif", np.zeros((12, 12, 330), dtype=np.float32), centres)
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*no valid pixel"):
        run_alg("pccee:detectsources", {"INPUT": empty, "MODEL": trained["OUTPUT_MODEL"],
                                         "OUTPUT": str(tmp_path / "p.tif"), "OUTPUT_SENSITIVITY": str(tmp_path / "s.tif")})
    assert sorted(os.listdir(str(tmp_path))) == ["empty.tif"]


def test_a_file_that_is_not_a_detector_is_refused(scene, tmp_path, run_alg):
    np.save(str(tmp_path / "code.npy"), np.array([print], dtype=object), allow_pickle=True)
    os.replace(str(tmp_path / "code.npy"), str(tmp_path / "code.npz"))
    with pytest.raises(QgsProcessingException, match=r"\(MODEL\).*not a PCCEE model file"):
        run_alg("pccee:detectsources", {"INPUT": scene["OUTPUT"], "MODEL": str(tmp_path / "code.npz"),
                                         "OUTPUT": str(tmp_path / "p.tif"), "OUTPUT_SENSITIVITY": str(tmp_path / "s.tif")})


def test_one_class_of_labels_is_refused_naming_label(scene, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"\(LABEL\).*both classes"):
        quick(scene, tmp_path, THRESHOLD=100.0)


def test_a_missing_pytorch_is_said_before_the_run(pccee_provider, monkeypatch):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else find_spec(name, *a))
    registry = QgsApplication.processingRegistry()
    for algorithm in ("trainsourcedetector", "detectsources"):
        ok, message = registry.algorithmById("pccee:" + algorithm).create().canExecute()
        assert not ok and "sudo apt install python3-torch" in message and "pip install torch" in message
    for algorithm in ("invertmetals", "createsamplescene", "unmixabundances"):
        assert registry.algorithmById("pccee:" + algorithm).create().canExecute() == (True, "")


def every_setting(child, settings):
    """Static sources for the given settings and every other input's default, as the Modeler's dialog writes
    them (QGIS 3.22 calls a step without them invalid)."""
    algorithm = QgsApplication.processingRegistry().algorithmById(child.algorithmId())
    for definition in algorithm.parameterDefinitions():
        name = definition.name()
        if not definition.isDestination() and name not in child.parameterSources():
            value = settings.get(name, definition.defaultValue())
            child.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])


def test_train_then_map_in_the_graphical_modeler(scene, tmp_path):
    """The detector's file output feeds the mapping step of a model, as a user wires them in the Modeler."""
    model = QgsProcessingModelAlgorithm("detection", "Tests", "tests")
    model.addModelParameter(QgsProcessingParameterRasterLayer("scene", "Scene"), QgsProcessingModelParameter("scene"))
    model.addModelParameter(QgsProcessingParameterFeatureSource("samples", "Samples"),
                            QgsProcessingModelParameter("samples"))
    train = QgsProcessingModelChildAlgorithm("pccee:trainsourcedetector")
    train.setChildId("train")
    train.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("scene")])
    train.addParameterSources("SAMPLES", [QgsProcessingModelChildParameterSource.fromModelParameter("samples")])
    every_setting(train, dict(TRAINING, PATCH=9, EPOCHS=2, FOLDS=2, TREES=20))
    model.addChildAlgorithm(train)
    detect = QgsProcessingModelChildAlgorithm("pccee:detectsources")
    detect.setChildId("detect")
    detect.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("scene")])
    detect.addParameterSources("MODEL", [QgsProcessingModelChildParameterSource.fromChildOutput("train",
                                                                                                "OUTPUT_MODEL")])
    every_setting(detect, {"DEVICE": 1})
    output = QgsProcessingModelOutput("probability", "Probability")
    output.setChildId("detect")
    output.setChildOutputName("OUTPUT")
    detect.setModelOutputs({"probability": output})
    model.addChildAlgorithm(detect)
    assert model.validate()[0], model.validate()[1]
    import processing
    result = processing.run(model, {"scene": scene["OUTPUT"], "samples": scene["OUTPUT_DETECTION_SAMPLES"],
                                    "detect:probability": str(tmp_path / "probability.tif")},
                            context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    assert read_raster(result["detect:probability"]).shape == (SIZE, SIZE, 1)


def test_map_sources_with_qgis_process(qgis_process, scene, trained, tmp_path):
    result = qgis_process("--json", "run", "pccee:detectsources", "--", "INPUT=" + scene["OUTPUT"],
                          "MODEL=" + trained["OUTPUT_MODEL"], "WINDOW=7", "DEVICE=1",
                          "OUTPUT={}".format(tmp_path / "p.tif"), "OUTPUT_SENSITIVITY={}".format(tmp_path / "s.tif"))
    assert result.returncode == 0, result.stdout + result.stderr
    reply = json.loads(result.stdout)
    assert reply["results"]["OUTPUT"] == str(tmp_path / "p.tif")
    np.testing.assert_array_equal(read_raster(tmp_path / "p.tif"), read_raster(trained["OUTPUT"]))
    assert gdal.Open(str(tmp_path / "s.tif")).GetMetadataItem("PCCEE_WINDOW") == "7"
