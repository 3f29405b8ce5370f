"""Several endmember libraries as one, without the prior: the PPI + VCA workflow of the ablation."""
from qgis.core import QgsProcessing, QgsProcessingParameterFeatureSink, QgsProcessingParameterMultipleLayers

from ..base import PcceeAlgorithm
from ..library_layer import pooled_libraries, write_library


class MergeEndmembers(PcceeAlgorithm):
    GROUP_ID = "endmembers"

    def name(self):
        return "mergeendmembers"

    def displayName(self):
        return self.tr("Merge endmember libraries")

    def shortHelpString(self):
        return self.tr(
            "Pools endmember libraries (PPI, VCA, prior matching, lab spectra) into one library for "
            "unmixing, keeping every spectrum: no prior ranking, unlike 'Select Top-K endmembers'. A pixel "
            "found by several methods is kept once. Libraries on other wavelength grids are resampled to the "
            "first library's.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterMultipleLayers(self.INPUT, self.tr("Endmember libraries"),
                                                               QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Merged endmembers"),
                                                            QgsProcessing.TypeVectorPoint))

    def process(self, parameters, context, feedback):
        merged, crs = pooled_libraries(self, parameters, self.INPUT, context)
        feedback.pushInfo(self.tr("{} endmembers in the merged library.").format(len(merged)))
        return {self.OUTPUT: write_library(self, parameters, context, self.OUTPUT, merged, crs)}
