"""The PCCEE Processing provider: the plugin's algorithms and its Graphical Modeler models."""
import glob
import os

from qgis.core import (QgsApplication, QgsMessageLog, QgsProcessing, QgsProcessingModelAlgorithm,
                       QgsProcessingProvider)
from qgis.PyQt.QtCore import QCoreApplication
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
from .base import PcceeAlgorithm
from .output_safety import resolve_destinations
from .paths import RESOURCES

#: In workflow order: preparation, endmembers, unmixing, inversion, analysis, evaluation.
ALGORITHMS = (CreateSampleScene, ImportSpectralLibrary, RemoveBadBands, StackVnirSwir,
              ExtractEndmembersPpi, ExtractEndmembersVca, MatchPriorLibrary, MergeEndmembers, SelectTopKEndmembers,
              SpectralAngleMaps, UnmixAbundances, InvertMetals, PredictMetals, CorrelateMetals, ZonePollution,
              CompareUnmixing, EndmemberAblation)


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
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage("Could not load model {}".format(path), "PCCEE")


def model_names():
    """Translated Toolbox names of the shipped models, by name() (the id users' scripts store, never
    changed), and of their groups, by the group written in the model file."""
    translate = QCoreApplication.translate
    return {"pcceeworkflow": translate("PcceeProvider", "PCCEE workflow"),
            "Workflows": translate("PcceeProvider", "Workflows")}


class ShippedModel(QgsProcessingModelAlgorithm):
    """A model from resources/models as the provider registers it: a translated display name beside
    its stable id, and its non-mandatory outputs optional, in every copy the registry creates."""

    def displayName(self):
        return model_names().get(self.name(), self.name())

    def group(self):
        return model_names().get(super().group(), super().group())

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
            return results
        except BaseException:
            for path in created:
                for leftover in (path, path + ".aux.xml"):
                    if os.path.exists(leftover):
                        os.remove(leftover)
            raise

    def createInstance(self):
        copy = ShippedModel()
        copy.loadVariant(self.toVariant())
        copy.setSourceFilePath(self.sourceFilePath())
        _optional_outputs(copy)
        return copy


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
