"""Pixel Purity Index endmember candidates, with the PCCEE spatial filter, on CPU or GPU."""
import numpy as np
from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination

from ..core.candidates import neighbour_support, select_apart_filled
from ..core.pca import StreamingPCA
from ..core.ppi import PpiAccumulator, isotropic_skewers
from ..device_parameter import add_device_parameter, chosen_array_module
from .endmember_extraction import EndmemberExtraction
from ..io.raster_writer import RasterWriter
from ..styling import purity_counts, style_on_load

#: Candidates examined per endmember asked for, in decreasing PPI count.
CANDIDATES_PER_ENDMEMBER = 50
#: Neighbours (of 8) that must resemble a candidate for it to be a material, not an outlier.
MIN_SUPPORT = 2
#: Kept endmembers are at least this many pixels apart.
MIN_DISTANCE = 3.0
#: Principal components the pixels are projected on before the skewers (REDUCE's default): measured on the
#: simulated 1000 x 1000 scene, the same five materials as the full spectra, each as pure, in a quarter of the time.
DEFAULT_COMPONENTS = 30


class ExtractEndmembersPpi(EndmemberExtraction):
    SKEWERS = "SKEWERS"
    REDUCE = "REDUCE"
    SPATIAL_FILTER = "SPATIAL_FILTER"
    SUPPORT_ANGLE = "SUPPORT_ANGLE"
    SEPARATION_ANGLE = "SEPARATION_ANGLE"
    OUTPUT_SCORES = "OUTPUT_SCORES"
    SOURCE = "PPI"

    def name(self):
        return "extractendmembersppi"

    def displayName(self):
        return self.tr("Extract endmembers (PPI)")

    def shortHelpString(self):
        return self.tr(
            "Pixel Purity Index: projects every pixel on SKEWERS random directions (isotropic unit vectors) "
            "and counts how often each pixel is the extreme; the purest pixels are counted most. Runs on the "
            "GPU with CuPy when one is present (DEVICE), otherwise on the CPU, block by block.\n\n"
            "Spatial filter (PCCEE): a candidate must have at least 2 of its 8 neighbours within the support "
            "angle (isolated hot or saturated pixels are dropped), and kept endmembers must differ by the "
            "separation angle and lie 3 pixels apart, so ten endmembers are not ten pixels of one field. A "
            "neighbour supports a candidate within the support angle or within twice that neighbour's own "
            "pixel-to-pixel variation (noisy water), so a hot pixel at a field edge is dropped and a narrow "
            "river's water is kept. On a large scene the extremes gather on few materials: when fewer than "
            "ENDMEMBERS candidates lie the separation angle apart, it is halved (down to an eighth), then the "
            "rest is filled with the next pixels by count, 3 pixels from the others; the log says which.\n"
            "Reduce (default 30): the pixels are projected on their first 30 principal components before the "
            "skewers, as ENVI's PPI runs on MNF components: the extremes of the signal are the same, the noise "
            "of the other bands is left out, and a full GF-5 scene takes minutes instead of a quarter of an hour. "
            "0 projects the full spectra, as the paper does; a scene with no more bands than that is projected "
            "whole.\n"
            "Outputs: the endmember library (score = PPI count, spectra from the original bands) and a "
            "raster of PPI counts. Remove bad bands first: noisy water-vapour bands add noise to the counts.\n\n"
            "Reference: Boardman, Kruse and Green (1995), Mapping target signatures via partial unmixing of "
            "AVIRIS data, JPL Publication 95-1.")

    def initAlgorithm(self, config=None):
        self.add_input_parameters(10)
        self.addParameter(QgsProcessingParameterNumber(
            self.SKEWERS, self.tr("Number of skewers (random projections)"), QgsProcessingParameterNumber.Integer,
            10000, minValue=10, maxValue=10000000))
        self.addParameter(QgsProcessingParameterNumber(
            self.REDUCE, self.tr("Principal components first (0 = full spectra)"),
            QgsProcessingParameterNumber.Integer, DEFAULT_COMPONENTS, minValue=0, maxValue=1000))
        self.addParameter(QgsProcessingParameterBoolean(
            self.SPATIAL_FILTER, self.tr("Drop isolated outliers, keep endmembers apart"), True))
        add_device_parameter(self)
        for name, label, default in ((self.SUPPORT_ANGLE, self.tr("Support angle for neighbours (degrees)"), 5.0),
                                     (self.SEPARATION_ANGLE, self.tr("Separation angle between endmembers (degrees)"),
                                      3.0)):
            parameter = QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Double, default,
                                                     minValue=0.0, maxValue=90.0)
            self.add_advanced_parameter(parameter)
        self.add_output_parameters()
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT_SCORES, self.tr("PPI counts")))

    def process(self, parameters, context, feedback):
        reader = self.open_scene(parameters, context, feedback)
        count = self.parameterAsInt(parameters, self.ENDMEMBERS, context)
        n_skewers = self.parameterAsInt(parameters, self.SKEWERS, context)
        reduce = self.parameterAsInt(parameters, self.REDUCE, context)
        if reduce >= reader.n_bands:
            feedback.pushInfo(self.tr("{} components asked for and the raster has {} bands: the full spectra are "
                                      "projected.").format(reduce, reader.n_bands))
            reduce = 0
        scores_path = self.output_raster_path(parameters, self.OUTPUT_SCORES, context)
        xp, device = chosen_array_module(self, parameters, context)
        feedback.pushInfo(self.tr("PPI with {} skewers on {}.").format(n_skewers, device))

        rng = np.random.default_rng(self.parameterAsInt(parameters, self.SEED, context))
        if reduce:
            statistics = self.scene_statistics(reader, feedback, 0, 20, count)
            axes, fraction = statistics.components(n_components=reduce)
            feedback.pushInfo(self.tr("Projected on {} principal components ({:.2%} of the variance).").format(
                reduce, fraction.sum()))
            accumulator = PpiAccumulator(isotropic_skewers(reduce, n_skewers, rng), xp)
            reduced = lambda p: statistics.project(p, axes, np.float32)  # noqa: E731
            for indices, pixels in self.valid_blocks(reader, feedback, 20, 80, reduced):
                accumulator.update(indices, pixels)
        else:
            # One pass: the counts, and the statistics that the candidates are denoised with.
            statistics = StreamingPCA(reader.n_bands)
            accumulator = PpiAccumulator(isotropic_skewers(reader.n_bands, n_skewers, rng), xp)
            for indices, pixels in self.valid_blocks(reader, feedback, 0, 80):
                statistics.update(pixels)
                accumulator.update(indices, pixels)
            self.check_pixel_count(statistics.count, count)
            self.check_spread(statistics)
        indices, counts = accumulator.counts()
        chosen = self._choose(reader, parameters, context, feedback, indices, counts, count, statistics)
        self._write_scores(reader, scores_path, indices, counts, feedback)
        style_on_load(context, scores_path, purity_counts())
        output = self.write_endmembers(parameters, context, feedback, reader, indices[chosen], counts[chosen])
        return {self.OUTPUT: output, self.OUTPUT_SCORES: scores_path}

    def _choose(self, reader, parameters, context, feedback, indices, counts, count, statistics):
        """Positions (into indices) of the endmembers: by count, filtered and kept apart if asked.

        Candidates are compared on spectra denoised by the leading principal components (99.9 % of the
        variance): noise alone puts dark pixels of one material several degrees apart."""
        order = np.lexsort((indices, -counts))[:CANDIDATES_PER_ENDMEMBER * count]
        if not self.parameterAsBoolean(parameters, self.SPATIAL_FILTER, context):
            return order[:count]
        spectra = reader.read_pixels(indices[order])
        support = neighbour_support(spectra, reader.read_neighbourhoods(indices[order]),
                                    self.parameterAsDouble(parameters, self.SUPPORT_ANGLE, context))
        isolated = support < MIN_SUPPORT
        for position in np.flatnonzero(isolated)[:20]:
            row, col = divmod(int(indices[order[position]]), reader.width)
            feedback.pushInfo(self.tr("Spatial filter: dropped isolated pixel at row {}, col {} (PPI count {})."
                                      ).format(row, col, counts[order[position]]))
        order, spectra = order[~isolated], spectra[~isolated]
        rows, cols = np.divmod(indices[order], reader.width)
        denoised = statistics.denoise(spectra)
        asked_angle = self.parameterAsDouble(parameters, self.SEPARATION_ANGLE, context)
        kept, separation, filled = select_apart_filled(denoised, rows, cols, count, asked_angle, MIN_DISTANCE)
        if separation < asked_angle and not filled:
            feedback.pushWarning(self.tr("Fewer than {} candidates lie {:g} degrees apart (the extremes of a large scene "
                                         "gather on few materials): endmembers kept {:g} degrees apart instead.").format(
                count, asked_angle, separation))
        elif filled:
            feedback.pushWarning(self.tr("Only {} distinct materials among the {} PPI candidates, even {:g} degrees apart: "
                                         "{} more endmembers are the next pixels by count, {:g} pixels from the others "
                                         "(purer or other pixels of materials already found).").format(
                len(kept) - filled, len(order), separation, filled, MIN_DISTANCE))
        if len(kept) < count:
            feedback.pushWarning(self.tr("Only {} endmembers (asked for {}): only {} pixels passed the spatial filter; "
                                         "add skewers.").format(len(kept), count, len(order)))
        return order[kept]

    def _write_scores(self, reader, path, indices, counts, feedback):
        """The PPI count of every pixel, as an int32 raster written window by window."""
        with RasterWriter(path, reader.width, reader.height, 1, reader.geotransform, reader.projection,
                          dtype=np.int32, descriptions=["PPI count"]) as writer:
            for window in reader.windows(1):
                if feedback.isCanceled():
                    raise self.cancelled()
                global_index = reader.pixel_indices(window)
                position = np.clip(np.searchsorted(indices, global_index), 0, max(len(indices) - 1, 0))
                hit = indices[position] == global_index if len(indices) else np.zeros(window.n_pixels, bool)
                writer.write(window, np.where(hit, counts[position] if len(indices) else 0, 0)[:, None])
