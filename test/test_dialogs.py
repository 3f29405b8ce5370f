"""What a user meets before and after a run in the desktop: the dialogs' order, the metal field pickers, the
Toolbox's groups, a plugin that leaves matplotlib alone, and results that load without stray messages."""
import os
import subprocess
import sys

from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProcessingOutputLayerDefinition,
                       QgsProject)


def test_the_workflow_dialog_lists_its_inputs_then_its_outputs_in_workflow_order(pccee_provider):
    from pccee.algorithms.provider import WORKFLOW_INPUTS, WORKFLOW_OUTPUTS
    model = QgsApplication.processingRegistry().createAlgorithmById("pccee:pcceeworkflow")
    names = [d.name() for d in model.parameterDefinitions()]
    assert names[:3] == ["scene", "samples", "metals"]
    assert names == list(WORKFLOW_INPUTS) + [name for name, _ in WORKFLOW_OUTPUTS]
    assert names[len(WORKFLOW_INPUTS)] == "zone:zones"
    for definition in model.destinationParameterDefinitions():  # plain names, not child ids
        assert "_" not in definition.description() and definition.description()[0].isupper(), definition.name()


def test_metals_are_picked_from_the_samples_fields(pccee_provider):
    registry = QgsApplication.processingRegistry()
    pickers = {"pccee:invertmetals": ("METALS", "SAMPLES"), "pccee:compareunmixing": ("METALS", "SAMPLES"),
               "pccee:endmemberablation": ("METALS", "SAMPLES"), "pccee:pcceeworkflow": ("metals", "samples"),
               "pccee:correlatemetals": ("FIELDS", "SAMPLES")}
    for algorithm, (name, parent) in pickers.items():
        instance = registry.createAlgorithmById(algorithm)  # its parameters live as long as it
        definition = instance.parameterDefinition(name)
        assert definition.type() == "field", algorithm
        assert definition.parentLayerParameterName() == parent and definition.allowMultiple(), algorithm
    workflow = registry.createAlgorithmById("pccee:pcceeworkflow")
    correlate = workflow.childAlgorithm("correlate").parameterSources()
    assert correlate["SAMPLES"][0].parameterName() == "samples"  # the measured metals, not the predicted maps
    assert correlate["FIELDS"][0].parameterName() == "metals"
    assert "INPUT" not in correlate or not correlate["INPUT"][0].staticValue()


def test_toolbox_groups_sort_in_workflow_order(pccee_provider):
    """The Toolbox sorts groups by name: the names carry their place in the workflow."""
    from pccee.algorithms.base import PcceeAlgorithm, group_names, numbered_group
    provider = QgsApplication.processingRegistry().providerById("pccee")
    used = {a.groupId() for a in provider.algorithms() if isinstance(a, PcceeAlgorithm)} | {"workflows"}
    in_workflow_order = [numbered_group(group) for group in group_names() if group in used]
    assert sorted({algorithm.group() for algorithm in provider.algorithms()}) == in_workflow_order
    assert in_workflow_order[0] == "0. Workflows" and in_workflow_order[3] == "3. Preparation"


def test_loading_the_plugin_leaves_pyplot_and_the_backend_alone():
    """The Python console and other plugins share matplotlib: the plugin may not switch its backend or load pyplot
    when QGIS starts; reports draw on canvases of their own when they are written."""
    code = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'; sys.path.insert(0, sys.argv[1])\n"
            "from qgis.core import QgsApplication; app = QgsApplication([], False); app.initQgis()\n"
            "import matplotlib; matplotlib.use('svg'); before = matplotlib.get_backend()\n"
            "import pccee; plugin = pccee.classFactory(None); plugin.initProcessing()\n"
            "print('pyplot' if 'matplotlib.pyplot' in sys.modules else 'no pyplot', matplotlib.get_backend() == before)")
    import pccee
    packages = os.path.dirname(os.path.dirname(os.path.abspath(pccee.__file__)))
    done = subprocess.run([sys.executable, "-c", code, packages], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.stdout.split()[-3:] == ["no", "pyplot", "True"], done.stdout + done.stderr


def test_results_load_without_stray_messages(run_alg, simulated_scene, tmp_path):
    """Temporary tables load as the layers QGIS made (no 'memory:...' left behind to fail), and a raster output
    stays open in the run's store, so that a model's next step and the loading never try it with OGR first."""
    from processing.gui.Postprocessing import handleAlgorithmResults
    project = QgsProject()
    context = QgsProcessingContext()
    context.setProject(project)
    messages = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, level: messages.append((tag, text)))
    parameters = {"SAMPLES": simulated_scene["samples"], "FIELDS": ["Pb", "Cd", "Zn"],
                  "OUTPUT": QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", project),
                  "OUTPUT_REPORT": str(tmp_path / "r.html")}
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("pccee:correlatemetals")
    assert algorithm.run(parameters, context, QgsProcessingFeedback())[1]  # as the dialog runs it
    assert not any(key.startswith("memory:") for key in context.layersToLoadOnCompletion())
    assert handleAlgorithmResults(algorithm, context, parameters=parameters)
    assert len(project.mapLayers()) == 1
    zones = QgsApplication.processingRegistry().createAlgorithmById("pccee:zonepollution")
    result, ok = zones.run({"INPUT": simulated_scene["metals"], "K": 2, "OUTPUT": str(tmp_path / "z.tif"),
                            "OUTPUT_STATS": str(tmp_path / "z.gpkg"), "OUTPUT_REPORT": str(tmp_path / "z.html")},
                           context, QgsProcessingFeedback())
    assert ok and result["OUTPUT"] in [layer.source() for layer in context.temporaryLayerStore().mapLayers().values()]
    QgsApplication.processEvents()
    assert not [m for m in messages if m[0] == "OGR"], messages


#: The longest label (with QGIS's ' [optional]') that fits the parameter column of a dialog at the size QGIS opens it
#: (688 x 523 px: a 376 px column, about 6.6 px a character): a longer one does not wrap, it widens the column and
#: pushes the file buttons out of view.
LONGEST_LABEL = 54


def test_every_parameter_label_fits_the_dialog(pccee_provider):
    provider = QgsApplication.processingRegistry().providerById("pccee")
    long_labels = ["{}: {} ({})".format(algorithm.name(), label, len(label)) for algorithm in provider.algorithms()
                   for definition in algorithm.parameterDefinitions()
                   for label in [definition.description() + (" [optional]" if definition.flags() &
                                                             definition.FlagOptional else "")]
                   if len(label) > LONGEST_LABEL]
    assert not long_labels, "\n".join(long_labels)
