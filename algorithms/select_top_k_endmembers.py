"""Top-K optimisation (PCCEE section 2.3.4): the K candidates closest to the prior, one per class."""
import numpy as np
from qgis.core import (QgsProcessing, QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber)

from .base import PcceeAlgorithm
from .core.spectral_library import SpectralLibrary, SpectralLibraryError
from .core.top_k import TopKError, rank_candidates
from .library_layer import read_library, write_library
from .prior_library import add_prior_parameters, load_prior, resample_to


class SelectTopKEndmembers(PcceeAlgorithm):
    CANDIDATES = "CANDIDATES"
    PRIOR = "PRIOR"
    PRIOR_FILE = "PRIOR_FILE"
    CLASS_FIELD = "CLASS_FIELD"
    K = "K"
    ONE_PER_CLASS = "ONE_PER_CLASS"
    OUTPUT = "OUTPUT"
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
        add_prior_parameters(self, self.PRIOR, self.PRIOR_FILE, self.CLASS_FIELD,
                             self.tr("Prior spectral library (empty: built-in)"))
        self.addParameter(QgsProcessingParameterNumber(self.K, self.tr("K (endmembers to keep)"),
                                                       QgsProcessingParameterNumber.Integer, 4, minValue=1))
        self.addParameter(QgsProcessingParameterBoolean(self.ONE_PER_CLASS, self.tr("At most one per prior class"),
                                                        True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Top-K endmembers"),
                                                            QgsProcessing.TypeVectorPoint))

    def processAlgorithm(self, parameters, context, feedback):
        layers = self.parameterAsLayerList(parameters, self.CANDIDATES, context)
        if not layers:
            raise self.fail(self.CANDIDATES, self.tr("give at least one candidate library layer."))
        candidates = self._pool(layers)
        prior, parameter = load_prior(self, parameters, context, feedback, self.PRIOR, self.PRIOR_FILE,
                                      self.CLASS_FIELD)
        prior = resample_to(self, prior, candidates.wavelengths, parameter, feedback)
        k = self.parameterAsInt(parameters, self.K, context)
        try:
            ranking = rank_candidates(candidates.spectra, prior.spectra, prior.classes, k,
                                      self.parameterAsBoolean(parameters, self.ONE_PER_CLASS, context))
        except TopKError as error:
            raise self.fail(self.K, str(error))
        kept = ranking.selected
        for position in np.argsort(ranking.angle):
            feedback.pushInfo(self.tr("{}{} ({}): {:.2f} degrees to {}").format(
                "* " if position in kept else "  ", candidates.names[position], candidates.sources[position],
                ranking.angle[position], ranking.nearest_class[position]))
        selected = SpectralLibrary(
            candidates.spectra[kept], candidates.wavelengths, [candidates.names[i] for i in kept],
            [ranking.nearest_class[i] for i in kept], [candidates.sources[i] for i in kept], candidates.rows[kept],
            candidates.cols[kept], ranking.angle[kept], candidates.x[kept], candidates.y[kept])
        return {self.OUTPUT: write_library(self, parameters, context, self.OUTPUT, selected, layers[0].crs())}

    def _pool(self, layers):
        """All candidates on the first library's wavelengths; a pixel found twice is kept once."""
        libraries = []
        for layer in layers:
            try:
                library = read_library(layer)
            except SpectralLibraryError as error:
                raise self.fail(self.CANDIDATES, self.tr("{}: {}").format(layer.name(), error))
            if library.wavelengths is None:
                raise self.fail(self.CANDIDATES, self.tr("{} has no wavelengths.").format(layer.name()))
            libraries.append(library)
        grid = libraries[0].wavelengths
        parts = [lib if lib.wavelengths.shape == grid.shape and np.allclose(lib.wavelengths, grid)
                 else lib.resampled(grid) for lib in libraries]
        fields = {name: [v for lib in parts for v in getattr(lib, name)] for name in ("names", "sources")}
        arrays = {name: np.concatenate([getattr(lib, name) for lib in parts])
                  for name in ("rows", "cols", "scores", "x", "y")}
        spectra = np.vstack([lib.spectra for lib in parts])
        key = [(r, c) if r >= 0 else ("spectrum", i) for i, (r, c) in enumerate(zip(arrays["rows"], arrays["cols"]))]
        first = sorted({k: i for i, k in reversed(list(enumerate(key)))}.values())
        return SpectralLibrary(spectra[first], grid, [fields["names"][i] for i in first], [],
                               [fields["sources"][i] for i in first], *(arrays[n][first] for n in
                                                                          ("rows", "cols", "scores", "x", "y")))
