"""Vertex Component Analysis endmembers, streamed over the scene."""
import numpy as np
from qgis.core import QgsProcessingParameterNumber

from ..core.candidates import most_typical
from ..core.spectral_angle import spectral_angles
from ..core.vca import vca
from .endmember_extraction import EndmemberExtraction

#: Reduced pixels are kept in memory below this size (bytes); larger scenes are re-read each pass.
CACHE_BYTES = 512 * 1024 * 1024
#: Pixels with the largest projections examined per vertex (TAIL's default).
DEFAULT_TAIL = 25


class ExtractEndmembersVca(EndmemberExtraction):
    VARIANCE = "VARIANCE"
    TAIL = "TAIL"
    SOURCE = "VCA"

    def name(self):
        return "extractendmembersvca"

    def displayName(self):
        return self.tr("Extract endmembers (VCA)")

    def shortHelpString(self):
        return self.tr(
            "Vertex Component Analysis: removes the mean, projects the pixels on the principal components "
            "that hold VARIANCE of the variance (at least ENDMEMBERS - 1 of them), and finds the vertices of "
            "the data simplex one by one, each the pixel with the largest projection on a random direction "
            "orthogonal to the vertices found before. Good at medium-purity endmembers (vegetated soils), "
            "complementing PPI. The scene is streamed block by block.\n"
            "Robust vertices (TAIL, default 25): of the TAIL pixels with the largest projection, the vertex is "
            "the most typical one (the smallest spectral angle to their band-wise median), not the single most "
            "extreme, which is often noise or an isolated outlier pixel (on Jasper Ridge, 4 endmembers, seeds "
            "1-3: mean angle to the ground truth 7.6 degrees instead of 9.4). TAIL = 1 is the paper's rule.\n\n"
            "Output: the endmember library (spectra from the original bands, score = order found).\n\n"
            "Reference: Nascimento and Bioucas-Dias (2005), Vertex component analysis: a fast algorithm to "
            "unmix hyperspectral data, IEEE TGRS 43(4), 898-910.")

    def initAlgorithm(self, config=None):
        self.add_input_parameters(6)
        self.addParameter(QgsProcessingParameterNumber(
            self.VARIANCE, self.tr("Variance kept by PCA (fraction)"), QgsProcessingParameterNumber.Double,
            0.95, minValue=0.5, maxValue=1.0))
        self.add_advanced_parameter(QgsProcessingParameterNumber(
            self.TAIL, self.tr("Pixels per vertex (1 = the paper's single extreme)"),
            QgsProcessingParameterNumber.Integer, DEFAULT_TAIL, minValue=1,
            maxValue=10000))
        self.add_output_parameters()

    def process(self, parameters, context, feedback):
        reader = self.open_scene(parameters, context, feedback)
        count = self.parameterAsInt(parameters, self.ENDMEMBERS, context)
        if count > reader.n_bands + 1:
            raise self.fail(self.ENDMEMBERS, self.tr("VCA finds at most bands + 1 = {} endmembers.").format(
                reader.n_bands + 1))
        statistics = self.scene_statistics(reader, feedback, 0, 20, count)
        axes, fraction = statistics.components(variance=self.parameterAsDouble(parameters, self.VARIANCE, context))
        if axes.shape[1] < count - 1:
            axes, fraction = statistics.components(n_components=count - 1)
        feedback.pushInfo(self.tr("PCA: {} components hold {:.2%} of the variance.").format(
            axes.shape[1], fraction.sum()))

        def project(pixels):
            return statistics.project(pixels, axes)

        if statistics.count * axes.shape[1] * 8 <= CACHE_BYTES:
            cached = list(self.valid_blocks(reader, feedback, 20, 60, project))

            def blocks():
                return cached
        else:
            feedback.pushInfo(self.tr("Large scene: the reduced pixels are re-read for each vertex."))

            def blocks():
                return self.valid_blocks(reader, feedback, 20, 90, project)
        tail = self.parameterAsInt(parameters, self.TAIL, context)
        found = vca(blocks, count, np.random.default_rng(self.parameterAsInt(parameters, self.SEED, context)), tail,
                    self._typical_chooser(reader, feedback) if tail > 1 else None)
        if len(found) < count:
            feedback.pushWarning(self.tr("VCA found only {} distinct vertices (asked for {}): the scene's spectra span "
                                         "{} dimensions. The library holds those {}.").format(
                len(found), count, len(found) - 1, len(found)))
        output = self.write_endmembers(parameters, context, feedback, reader, found,
                                       np.arange(1, len(found) + 1, dtype=float))
        return {self.OUTPUT: output}

    def _typical_chooser(self, reader, feedback):
        """VCA's choose callback: of the tail's pixels (by decreasing projection), the most typical one."""
        def choose(indices):
            spectra = reader.read_pixels(indices)
            position = most_typical(spectra)
            if position:
                extreme, chosen = divmod(int(indices[0]), reader.width), divmod(int(indices[position]), reader.width)
                angle = spectral_angles(spectra[:1], spectra[position:position + 1])[0, 0]
                feedback.pushInfo(self.tr(
                    "VCA vertex: the most extreme pixel (row {}, col {}) is {:.1f} degrees from the typical one of the "
                    "{} most extreme; kept row {}, col {}.").format(extreme[0], extreme[1], angle, len(indices),
                                                                  chosen[0], chosen[1]))
            return position
        return choose
