"""Top-K optimisation (PCCEE section 2.3.4): the K candidates closest to the prior, one per class."""
import numpy as np
from qgis.core import (QgsProcessing, QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber)

from ..base import PcceeAlgorithm
from ..core.spectral_library import SpectralLibrary
from ..core.top_k import TopKError, rank_candidates
from ..library_layer import pooled_libraries, write_library
from ..prior_library import CLASS_FIELD, PRIOR, PRIOR_FILE, add_prior_parameters, load_prior, resample_to


class SelectTopKEndmembers(PcceeAlgorithm):
    CANDIDATES = "CANDIDATES"
    PRIOR, PRIOR_FILE, CLASS_FIELD = PRIOR, PRIOR_FILE, CLASS_FIELD
    K = "K"
    ONE_PER_CLASS = "ONE_PER_CLASS"
    UP_TO_K = "UP_TO_K"
    GROUP_ID = "endmembers"

    def name(self):
        return "selecttopkendmembers"

    def displayName(self):
        return self.tr("Select Top-K endmembers")


    def shortHelpString(self):
        return self.tr(
            "Pools candidate endmember libraries (PPI, VCA, prior matching), ranks every candidate by its "
            "smallest spectral angle to the prior library, labels it with the class of that nearest prior "
            "spectrum and keeps the K best (default 4, as in the paper: soil, vegetation, urban, water), at "
            "most one per prior class unless allowed. A pixel found by several methods counts once.\n\n"
            "Output: the optimised library, score = angle to the prior in degrees, class = matched class.\n\n"
            "Reference: the PCCEE framework (physically-constrained collaborative endmember extraction).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.CANDIDATES, self.tr("Candidate endmember libraries"), QgsProcessing.TypeVector))
        add_prior_parameters(self, self.tr("Prior spectral library (empty: built-in)"))
        self.addParameter(QgsProcessingParameterNumber(self.K, self.tr("K (endmembers to keep)"),
                                                       QgsProcessingParameterNumber.Integer, 4, minValue=1))
        self.addParameter(QgsProcessingParameterBoolean(self.ONE_PER_CLASS, self.tr("At most one per prior class"),
                                                        True))
        self.add_advanced_parameter(QgsProcessingParameterBoolean(self.UP_TO_K, self.tr(
            "Keep fewer than K when the candidates match fewer prior classes (instead of failing)"), False))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Top-K endmembers"),
                                                            QgsProcessing.TypeVectorPoint))

    def process(self, parameters, context, feedback):
        candidates, crs = pooled_libraries(self, parameters, self.CANDIDATES, context)
        prior, parameter = load_prior(self, parameters, context, feedback)
        prior = resample_to(self, prior, candidates.wavelengths, parameter, feedback)
        k = self.parameterAsInt(parameters, self.K, context)
        try:
            ranking = rank_candidates(candidates.spectra, prior.spectra, prior.classes, k,
                                      self.parameterAsBoolean(parameters, self.ONE_PER_CLASS, context),
                                      self.parameterAsBoolean(parameters, self.UP_TO_K, context))
        except TopKError as error:
            raise self.fail(self.K, error)
        kept = ranking.selected
        if len(kept) < k:
            feedback.pushWarning(self.tr("Only {} of K = {} endmembers kept: too few candidates, or they match "
                                         "too few prior classes.").format(len(kept), k))
        for position in np.argsort(ranking.angle):
            feedback.pushInfo(self.tr("{}{} ({}): {:.2f} degrees to {}").format(
                "* " if position in kept else "  ", candidates.names[position], candidates.sources[position],
                ranking.angle[position], ranking.nearest_class[position]))
        selected = SpectralLibrary(
            candidates.spectra[kept], candidates.wavelengths, [candidates.names[i] for i in kept],
            [ranking.nearest_class[i] for i in kept], [candidates.sources[i] for i in kept], candidates.rows[kept],
            candidates.cols[kept], ranking.angle[kept], candidates.x[kept], candidates.y[kept])
        return {self.OUTPUT: write_library(self, parameters, context, self.OUTPUT, selected, crs)}
