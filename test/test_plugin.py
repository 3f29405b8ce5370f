"""The plugin's lifecycle in QGIS (initGui / unload) and models registered from resources/models."""
import os
import subprocess
import sys

import pytest
from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProcessingModelAlgorithm,
                       QgsProcessingModelChildAlgorithm, QgsProcessingModelChildParameterSource,
                       QgsProcessingModelOutput, QgsProcessingModelParameter, QgsProcessingParameterDefinition,
                       QgsProcessingParameterFile, QgsVectorLayer)

from conftest import ROOT, register_provider
from pccee.algorithms.provider import PcceeProvider


@pytest.fixture
def registry_without_pccee(pccee_provider):
    """The registry with the session's provider taken out for the test and put back after it."""
    registry = QgsApplication.processingRegistry()
    registry.removeProvider(registry.providerById("pccee"))
    yield registry
    if registry.providerById("pccee") is not None:
        registry.removeProvider(registry.providerById("pccee"))
    register_provider()


def test_plugin_registers_and_removes_its_provider(registry_without_pccee):
    import pccee
    plugin = pccee.classFactory(None)
    plugin.initGui()
    provider = registry_without_pccee.providerById("pccee")
    assert provider is not None and not provider.icon().isNull()
    assert registry_without_pccee.algorithmById("pccee:importspectrallibrary") is not None
    plugin.unload()
    assert registry_without_pccee.providerById("pccee") is None


def write_import_model(path):
    """A one-step model (import a library), saved as the Graphical Modeler does."""
    model = QgsProcessingModelAlgorithm("importmodel", "Tests", "tests")
    model.addModelParameter(QgsProcessingParameterFile("library", "Library"), QgsProcessingModelParameter("library"))
    child = QgsProcessingModelChildAlgorithm("pccee:importspectrallibrary")
    child.setChildId("import")
    child.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("library")])
    output = QgsProcessingModelOutput("layer", "Imported")
    output.setChildId("import")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"layer": output})
    model.addChildAlgorithm(child)
    assert model.toFile(str(path))


def test_models_in_the_models_folder_become_provider_algorithms(registry_without_pccee, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    write_import_model(models / "import.model3")
    register_provider(PcceeProvider(models_dir=str(models)))
    model = registry_without_pccee.algorithmById("pccee:importmodel")
    assert model is not None
    library = tmp_path / "lib.csv"
    library.write_text("name,class,450,550,650\nsoil,soil,0.1,0.2,0.3\nleaf,vegetation,0.05,0.1,0.4\n")
    import processing
    result = processing.run("pccee:importmodel", {"library": str(library), "import:layer": str(tmp_path / "o.gpkg")},
                            context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    layer = QgsVectorLayer(result["import:layer"], "out", "ogr")
    assert layer.featureCount() == 2
    assert [f["class"] for f in layer.getFeatures()] == ["soil", "vegetation"]


def test_the_shipped_workflow_model_is_valid_and_current(pccee_provider, tmp_path):
    """The Modeler draws a step red and calls the model invalid when one of its inputs has no source; the
    shipped file must also hold what scripts/build_workflow_model.py builds today (no stale model)."""
    model = QgsApplication.processingRegistry().createAlgorithmById("pccee:pcceeworkflow")
    valid, issues = model.validate()
    assert valid, issues
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    built = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build_workflow_model.py"),
                            str(tmp_path / "built.model3")], env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    shipped, current = QgsProcessingModelAlgorithm(), QgsProcessingModelAlgorithm()
    assert shipped.fromFile(os.path.join(ROOT, "resources", "models", "pccee_workflow.model3"))
    assert current.fromFile(str(tmp_path / "built.model3"))
    assert shipped.toVariant() == current.toVariant()  # read back, so that newer QGIS versions compare alike


def test_every_workflow_layer_name_is_listed_for_translation(pccee_provider):
    """The model's output descriptions become the layer names, translated at run time from WORKFLOW_LAYER_NAMES
    (pylupdate cannot read the model file): a renamed output would land untranslated."""
    from pccee.algorithms.provider import WORKFLOW_LAYER_NAMES
    model = QgsApplication.processingRegistry().createAlgorithmById("pccee:pcceeworkflow")
    descriptions = {output.description() for output in model.destinationParameterDefinitions()}
    assert descriptions == set(WORKFLOW_LAYER_NAMES)


def test_the_workflow_model_needs_only_the_scene_and_the_samples(pccee_provider):
    """A run names the scene and the samples; K (4), keep-fewer (on) and the wavelengths are inputs with
    defaults, every output goes to a temporary file unless named. The id stays what scripts store."""
    model = QgsApplication.processingRegistry().createAlgorithmById("pccee:pcceeworkflow")
    assert (model.id(), model.displayName()) == ("pccee:pcceeworkflow", "PCCEE workflow")
    required = [d.name() for d in model.parameterDefinitions()
                if not d.flags() & d.FlagOptional and not d.isDestination() and d.defaultValue() is None]
    assert sorted(required) == ["samples", "scene"]
    assert all(d.flags() & d.FlagOptional for d in model.destinationParameterDefinitions())
    defaults = {d.name(): d.defaultValue() for d in model.parameterDefinitions()}
    assert (defaults["k"], defaults["up_to_k"], defaults["wavelengths"]) == (4, True, None)
    sources = {child_id: child.parameterSources() for child_id, child in model.childAlgorithms().items()}
    assert sources["topk"]["K"][0].parameterName() == "k"
    assert sources["topk"]["UP_TO_K"][0].parameterName() == "up_to_k"
    assert sources["badbands"]["WAVELENGTHS"][0].parameterName() == "wavelengths"


def test_expert_settings_are_folded_under_advanced(pccee_provider):
    """What most users never change sits under 'Advanced Parameters' in each dialog."""
    registry = QgsApplication.processingRegistry()
    folded = {"pccee:unmixabundances": ("INPUT", "WAVELENGTHS", "SEED", "MIXTURES"),
              "pccee:invertmetals": ("ABUNDANCES", "MIN_SAMPLES_LEAF"),
              "pccee:selecttopkendmembers": ("K", "UP_TO_K"),
              "pccee:extractendmembersppi": ("INPUT", "SUPPORT_ANGLE", "WAVELENGTHS"),
              "pccee:createsamplescene": ("SIZE", "SNR"),
              "pccee:endmemberablation": ("INPUT", "WAVELENGTHS", "MIN_SAMPLES_LEAF")}
    for algorithm, (shown, *names) in folded.items():
        flags = {d.name(): d.flags() for d in registry.algorithmById(algorithm).parameterDefinitions()}
        assert all(flags[name] & QgsProcessingParameterDefinition.FlagAdvanced for name in names), algorithm
        assert not flags[shown] & QgsProcessingParameterDefinition.FlagAdvanced, algorithm


def test_a_missing_scikit_learn_is_said_before_the_run(pccee_provider, monkeypatch):
    """canExecute() tells the dialog and qgis_process what to install, as QGIS's R provider does; algorithms
    that need scikit-learn only for some options still run without it."""
    import importlib.util
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sklearn" else find_spec(name, *a))
    registry = QgsApplication.processingRegistry()
    for algorithm in ("invertmetals", "zonepollution", "endmemberablation"):
        ok, message = registry.algorithmById("pccee:" + algorithm).create().canExecute()
        assert not ok and "sudo apt install python3-sklearn" in message and "pip install scikit-learn" in message
    for algorithm in ("unmixabundances", "extractendmembersvca", "removebadbands"):
        assert registry.algorithmById("pccee:" + algorithm).create().canExecute() == (True, "")
