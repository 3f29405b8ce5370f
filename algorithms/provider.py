"""The PCCEE Processing provider: the plugin's algorithms and its Graphical Modeler models."""
import glob
import os

from qgis.core import (QgsApplication, QgsMessageLog, QgsProcessing, QgsProcessingModelAlgorithm,
                       QgsProcessingProvider)
from qgis.PyQt.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QIcon

from .preparation.create_sample_scene import CreateSampleScene
from .preparation.import_spectral_library import ImportSpectralLibrary
from .preparation.remove_bad_bands import RemoveBadBands
from .preparation.stack_vnir_swir import StackVnirSwir
from .endmembers.extract_endmembers_ppi import ExtractEndmembersPpi
from .endmembers.extract_endmembers_vca import ExtractEndmembersVca
from .endmembers.match_prior_library import MatchPriorLibrary
from .endmembers.merge_endmembers import MergeEndmembers
from .endmembers.select_top_k_endmembers import SelectTopKEndmembers
from .endmembers.spectral_angle_maps import SpectralAngleMaps
from .unmixing.unmix_abundances import UnmixAbundances
from .inversion.invert_metals import InvertMetals
from .inversion.predict_metals import PredictMetals
from .analysis.correlate_metals import CorrelateMetals
from .analysis.zone_pollution import ZonePollution
from .evaluation.compare_unmixing import CompareUnmixing
from .evaluation.endmember_ablation import EndmemberAblation
from .detection.train_source_detector import TrainSourceDetector
from .detection.detect_sources import DetectSources
from .base import PcceeAlgorithm, numbered_group
from .output_safety import resolve_destinations
from .paths import RESOURCES
from .styling import OutputLayer, ResultGroup, keep_alive, sidecar

#: In workflow order: preparation, endmembers, unmixing, inversion, analysis, evaluation, detection.
ALGORITHMS = (CreateSampleScene, ImportSpectralLibrary, RemoveBadBands, StackVnirSwir,
              ExtractEndmembersPpi, ExtractEndmembersVca, MatchPriorLibrary, MergeEndmembers, SelectTopKEndmembers,
              SpectralAngleMaps, UnmixAbundances, InvertMetals, PredictMetals, CorrelateMetals, ZonePollution,
              CompareUnmixing, EndmemberAblation, TrainSourceDetector, DetectSources)


class PcceeProvider(QgsProcessingProvider):
    """Provider id 'pccee'. models_dir: where *.model3 files are loaded from (resources/models)."""

    def __init__(self, models_dir=os.path.join(RESOURCES, "models")):
        super().__init__()
        self.models_dir = models_dir
        self._models_resolved = False
        QgsApplication.processingRegistry().providerAdded.connect(self._registered)

    def _registered(self, provider_id):
        """The registry adds a provider after loading it, so while loading, a model's steps (this
        provider's own algorithms) cannot be resolved and the model gets no outputs: load again now."""
        if provider_id == self.id() and not self._models_resolved:
            self._models_resolved = True
            self.refreshAlgorithms()

    def id(self):
        return "pccee"

    def name(self):
        return QCoreApplication.translate("PcceeProvider", "PCCEE heavy-metal mapping")

    def longName(self):
        return QCoreApplication.translate(
            "PcceeProvider", "PCCEE: physically-constrained endmember extraction and heavy-metal inversion")

    def icon(self):
        return QIcon(os.path.join(RESOURCES, "icons", "pccee.svg"))

    def svgIconPath(self):
        return os.path.join(RESOURCES, "icons", "pccee.svg")

    def supportedOutputRasterLayerExtensions(self):
        return ["tif"]

    def loadAlgorithms(self):
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
        for path in sorted(glob.glob(os.path.join(self.models_dir, "*.model3"))):
            model = ShippedModel()
            if model.fromFile(path):
                _optional_outputs(model)
                model.order_parameters()
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage("Could not load model {}".format(path), "PCCEE")


#: The workflow model's inputs as its dialog lists them: what a run needs, then the options.
WORKFLOW_INPUTS = ("scene", "samples", "metals", "prior_library", "k", "soil_ph", "land_use", "background",
                   "wavelengths", "up_to_k")
#: Its outputs, (name, shown on the map), in the dialog's order and the order of their layers in the run's group
#: (top first): results, then each step's diagnostics, hidden, down to the scene; shown None: a table (at the end).
WORKFLOW_OUTPUTS = (("zone:zones", True), ("zone:zone_report", None), ("zone:zone_statistics", None),
                    ("invert:concentrations", True), ("invert:uncertainty", False),
                    ("invert:inversion_report", None), ("invert:inversion_metrics", None),
                    ("invert:inversion_model", None), ("correlate:correlation_report", None),
                    ("correlate:correlation", None), ("unmix:abundances", False),
                    ("unmix:abundance_residual", False), ("topk:topk_endmembers", False),
                    ("prior:prior_endmembers", False), ("prior:prior_angles", False),
                    ("vca:vca_endmembers", False), ("ppi:ppi_endmembers", False), ("ppi:ppi_counts", False),
                    ("badbands:clean_scene", True))
#: The names of the workflow's layers (the descriptions of its outputs in the model file), listed for pylupdate:
#: _place_layers translates them at run time in this context, where pylupdate cannot see them.
WORKFLOW_LAYER_NAMES = (
    QT_TRANSLATE_NOOP("PcceeProvider", "Pollution zones"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Zoning report (HTML)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Zone statistics (table)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Metal concentrations (mg/kg)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Concentration uncertainty (mg/kg)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Inversion report (HTML)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Inversion metrics (table)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Trained inversion model"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Metal correlation report (HTML)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Metal correlation (table)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Abundances (fractions 0-1)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Unmixing residual (RMSE)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Top-K endmembers"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Prior-matched endmembers"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Angles to the prior spectra (degrees)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "VCA endmembers"),
    QT_TRANSLATE_NOOP("PcceeProvider", "PPI endmembers"),
    QT_TRANSLATE_NOOP("PcceeProvider", "PPI counts (purity)"),
    QT_TRANSLATE_NOOP("PcceeProvider", "Scene without bad bands (true colour)"))


def model_names():
    """Translated Toolbox names of the shipped models, by name() (the id users' scripts store, never
    changed); their group ('Workflows' in the model file) is base.group_names()'s first."""
    translate = QCoreApplication.translate
    return {"pcceeworkflow": translate("PcceeProvider", "PCCEE workflow")}


class ShippedModel(QgsProcessingModelAlgorithm):
    """A model from resources/models as the provider registers it: a translated display name beside
    its stable id, and its non-mandatory outputs optional, in every copy the registry creates."""

    def displayName(self):
        return model_names().get(self.name(), self.name())

    def group(self):
        return numbered_group("workflows") if super().group() == "Workflows" else super().group()

    #: The plugin's translated messages and failures that name the parameter, for the model's own checks.
    tr, fail, message, cancelled = (PcceeAlgorithm.tr, PcceeAlgorithm.fail, PcceeAlgorithm.message,
                                    PcceeAlgorithm.cancelled)

    def processAlgorithm(self, parameters, context, feedback):
        """Run with the model's own default for each input the caller left out: QGIS 3.22 hands such a
        step nothing, and the step then takes its own default (Top-K's UP_TO_K false, not the model's true).
        The outputs the user named are checked before the first step (a step sees only its own inputs, so
        'abundances = the scene' would pass there), and those the run created are removed if a step fails."""
        parameters = dict(parameters)
        for definition in self.parameterDefinitions():
            if (not definition.isDestination() and parameters.get(definition.name()) is None
                    and definition.defaultValue() is not None):
                parameters[definition.name()] = definition.defaultValue()
        named = resolve_destinations(self, parameters, context, only_given=True)
        created = [path for path in named.values() if os.path.isabs(path) and not os.path.exists(path)]
        try:
            results = super().processAlgorithm(parameters, context, feedback)
            if feedback.isCanceled():  # QGIS 3.22 ends a cancelled model between steps without an error
                raise self.cancelled()
            self._place_layers(parameters, results, context)
            return results
        except BaseException:
            for path in created:
                for leftover in (path, path + ".aux.xml", sidecar(path)):
                    if os.path.exists(leftover):
                        os.remove(leftover)
            raise

    def _place_layers(self, parameters, results, context):
        """The layers QGIS loads at the end of the run: named as the outputs (not 'ppi_counts'), in one group named
        after the scene, the zones and concentrations on top, the diagnostics hidden, the scene at the bottom."""
        scene = self.parameterAsRasterLayer(parameters, "scene", context)
        group = ResultGroup("{}: {}".format(model_names().get(self.name(), self.name()),
                                            scene.name() if scene is not None else ""))
        for rank, (name, shown) in enumerate(WORKFLOW_OUTPUTS):
            value = results.get(name)
            value = next((v for v in (value, str(value).split("|")[0]) if context.willLoadLayerOnCompletion(v)), None)
            if value is None:
                continue
            details = context.layerToLoadOnCompletionDetails(value)
            details.name = QCoreApplication.translate("PcceeProvider", self.parameterDefinition(name).description())
            details.forceName = True  # not the file's name, which QGIS prefers by default for outputs given a path
            processor = details.postProcessor()
            if not isinstance(processor, OutputLayer):
                processor = keep_alive(OutputLayer())
                details.setPostProcessor(processor)
            processor.group, processor.rank, processor.visible = group, rank + (100 if shown is None else 0), bool(shown)

    def createInstance(self):
        copy = ShippedModel()
        copy.loadVariant(self.toVariant())
        copy.setSourceFilePath(self.sourceFilePath())
        _optional_outputs(copy)
        copy.order_parameters()
        return copy

    def order_parameters(self):
        """The dialog lists parameters in the order of their definitions, which QGIS 3.22 takes from the model
        file's alphabetical map: put them in WORKFLOW_INPUTS and WORKFLOW_OUTPUTS order."""
        order = list(WORKFLOW_INPUTS) + [name for name, _ in WORKFLOW_OUTPUTS]
        definitions = sorted((d.clone() for d in self.parameterDefinitions()),
                             key=lambda d: order.index(d.name()) if d.name() in order else len(order))
        for definition in definitions:
            self.removeParameter(definition.name())
        for definition in definitions:
            self.addParameter(definition, False)


def _optional_outputs(model):
    """Make the parameters of a model's non-mandatory outputs optional, written to temporary files unless
    given a path: QGIS 3.22 derives them all as mandatory, so qgis_process would demand a path for every
    intermediate result."""
    for child_id, child in model.childAlgorithms().items():
        for name, output in child.modelOutputs().items():
            parameter = model.parameterDefinition("{}:{}".format(child_id, name))
            if parameter is not None and not output.isMandatory():
                parameter.setFlags(parameter.flags() | parameter.FlagOptional)
                parameter.setDefaultValue(QgsProcessing.TEMPORARY_OUTPUT)
