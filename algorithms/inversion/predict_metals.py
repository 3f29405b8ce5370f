"""Apply a model trained by 'Invert metal concentrations' to another abundance raster."""
from qgis.core import QgsProcessingParameterFile, QgsProcessingParameterRasterLayer

from ..io.model_file import ModelFileError, load_model
from .invert_metals import ConcentrationMaps


class PredictMetals(ConcentrationMaps):
    MODEL = "MODEL"

    def name(self):
        return "predictmetals"

    def displayName(self):
        return self.tr("Predict metal concentrations")

    def shortHelpString(self):
        return self.tr(
            "Maps metal concentrations and their uncertainty (spread of the trees) from an abundance raster with "
            "the forests saved by 'Invert metal concentrations'. The raster must have the predictors the model "
            "was trained on, in the same order. Only model files written by this plugin are read: they hold "
            "plain arrays and a digest, and a file that is not one, or has been altered, is refused.\n"
            "The digest detects accidental damage (a truncated or corrupted copy), not a determined forger, who "
            "can recompute it. A crafted file is harmless because nothing in it is unpickled or run and every "
            "tree is checked on load (children in range and below their node, leaves consistent, splits on the "
            "model's predictors, finite thresholds and values): at worst it predicts wrong values. Use model "
            "files you trust.\n"
            "The maps are computed on the GPU with CuPy when one is present (DEVICE, advanced).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(self.ABUNDANCES, self.tr("Abundances (or other predictors)")))
        self.addParameter(QgsProcessingParameterFile(self.MODEL, self.tr("Trained model (.npz)"), extension="npz"))
        self.add_map_parameters()

    def process(self, parameters, context, feedback):
        reader = self.open_raster(parameters, self.ABUNDANCES, context)
        try:
            forests, metals, predictors = load_model(self.parameterAsFile(parameters, self.MODEL, context))
        except ModelFileError as error:
            raise self.fail(self.MODEL, self.tr("{} Give a model written by 'Invert metal concentrations' (train it "
                                                "again if needed).").format(self.message(error)))
        if len(predictors) != reader.n_bands:
            raise self.fail(self.ABUNDANCES, self.tr("the model was trained on {} predictors ({}) but the raster has "
                                                     "{} bands.").format(len(predictors), ", ".join(predictors),
                                                                         reader.n_bands))
        if list(predictors) != list(reader.descriptions):
            feedback.pushWarning(self.tr("Band names differ from the model's predictors ({}): check the order.").format(
                ", ".join(predictors)))
        paths = {n: self.output_raster_path(parameters, n, context) for n in (self.OUTPUT, self.OUTPUT_UNCERTAINTY)}
        self.write_maps(reader, forests, metals, paths, context, feedback, self.map_device(parameters, context, feedback))
        return paths
