"""Apply a model trained by 'Invert metal concentrations' to another abundance raster."""
from qgis.core import QgsProcessingParameterFile, QgsProcessingParameterRasterLayer

from .core.inversion import ModelFileError, load_model
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
            "plain arrays and a digest, and a file that is not one, or has been altered, is refused.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(self.ABUNDANCES, self.tr("Abundances (or other predictors)")))
        self.addParameter(QgsProcessingParameterFile(self.MODEL, self.tr("Trained model (.npz)"), extension="npz"))
        self.add_map_outputs()

    def process(self, parameters, context, feedback):
        reader = self.open_raster(parameters, self.ABUNDANCES, context)
        try:
            forests, metals, predictors = load_model(self.parameterAsFile(parameters, self.MODEL, context))
        except ModelFileError as error:
            raise self.fail(self.MODEL, str(error))
        if len(predictors) != reader.n_bands:
            raise self.fail(self.ABUNDANCES, self.tr("the model was trained on {} predictors ({}) but the raster has "
                                                     "{} bands.").format(len(predictors), ", ".join(predictors),
                                                                         reader.n_bands))
        if list(predictors) != list(reader.descriptions):
            feedback.pushWarning(self.tr("Band names differ from the model's predictors ({}): check the order.").format(
                ", ".join(predictors)))
        paths = {n: self.output_raster_path(parameters, n, context) for n in (self.OUTPUT, self.OUTPUT_UNCERTAINTY)}
        self.write_maps(reader, forests, metals, paths, context, feedback)
        return paths
