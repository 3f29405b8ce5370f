"""K-means pollution zoning (PCCEE section 2.6.2), with K chosen by the elbow and silhouette."""
import numpy as np
from osgeo import gdal
from qgis.core import (QgsPalettedRasterRenderer, QgsProcessingLayerPostProcessorInterface,
                       QgsProcessingParameterBoolean, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer,
                       QgsRasterLayer)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from ..base import PcceeAlgorithm
from ..core.sampling import PixelSample
from ..core.zoning import Standardiser, assign, choose_k, zone_colours, zone_names, zone_statistics
from ..reports.analysis_report import zoning_report
from ..io.raster_writer import RasterWriter
from ..styling import style_on_load

NODATA = 0
STATS_SAMPLE = 200000


class ZoneLegend(QgsProcessingLayerPostProcessorInterface):
    """Paletted rendering with the zone names as the legend."""

    def __init__(self, names, colours):
        super().__init__()
        self.names, self.colours = names, colours

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        if isinstance(layer, QgsRasterLayer):
            classes = [QgsPalettedRasterRenderer.Class(i + 1, QColor(c), n)
                       for i, (n, c) in enumerate(zip(self.names, self.colours))]
            layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))
            layer.triggerRepaint()


class ZonePollution(PcceeAlgorithm):
    K = "K"
    K_MIN = "K_MIN"
    K_MAX = "K_MAX"
    SAMPLE_SIZE = "SAMPLE_SIZE"
    LOG_TRANSFORM = "LOG_TRANSFORM"
    OUTPUT_STATS = "OUTPUT_STATS"
    GROUP_ID = "analysis"
    REQUIRES = ("sklearn",)

    def name(self):
        return "zonepollution"

    def displayName(self):
        return self.tr("Zone pollution (K-means)")


    def shortHelpString(self):
        return self.tr(
            "Clusters the pixels of a concentration raster (one band per metal) by K-means on standardised "
            "(optionally log-transformed) metal vectors. K = 0 chooses K in K_MIN-K_MAX on a random sample of "
            "pixels: the silhouette maximum decides and the elbow of the SSE curve is reported beside it. Zones "
            "are numbered by their mean standardised concentration (1 = lowest) and named; for K = 3: low "
            "background, moderate diffusion, high-risk composite. Every pixel is then assigned block by block.\n"
            "Outputs: the zone raster (paletted, with a legend), a table per zone (pixels, hectares, mean and "
            "10th/50th/90th percentiles of each metal from the sample) and an HTML report with the elbow and "
            "silhouette curves.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Concentration raster")))
        self.addParameter(QgsProcessingParameterNumber(self.K, self.tr("Number of zones (0 = choose)"),
                                                       QgsProcessingParameterNumber.Integer, 0, minValue=0, maxValue=50))
        self.addParameter(QgsProcessingParameterNumber(self.K_MIN, self.tr("Smallest K to try"),
                                                       QgsProcessingParameterNumber.Integer, 2, minValue=2))
        self.addParameter(QgsProcessingParameterNumber(self.K_MAX, self.tr("Largest K to try"),
                                                       QgsProcessingParameterNumber.Integer, 10, minValue=2))
        self.addParameter(QgsProcessingParameterNumber(self.SAMPLE_SIZE, self.tr("Pixels sampled to fit and choose K"),
                                                       QgsProcessingParameterNumber.Integer, 20000, minValue=10))
        self.addParameter(QgsProcessingParameterBoolean(self.LOG_TRANSFORM, self.tr("Log-transform skewed metals"),
                                                        True))
        self.add_seed_parameter()
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Pollution zones")))
        self.add_table_and_report(self.OUTPUT_STATS, self.tr("Zone statistics"), self.tr("Zoning report"))

    def process(self, parameters, context, feedback):
        reader = self.open_raster(parameters, self.INPUT, context)
        self.require_scikit_learn(self.INPUT)
        k, k_min, k_max = (self.parameterAsInt(parameters, n, context) for n in (self.K, self.K_MIN, self.K_MAX))
        if k == 1:
            raise self.fail(self.K, self.tr("one zone is no zoning: give 0 (choose) or at least 2."))
        if k == 0 and k_max < k_min:
            raise self.fail(self.K_MAX, self.tr("K_MAX ({}) is smaller than K_MIN ({}).").format(k_max, k_min))
        seed = self.parameterAsInt(parameters, self.SEED, context)
        size = self.parameterAsInt(parameters, self.SAMPLE_SIZE, context)
        path = self.output_raster_path(parameters, self.OUTPUT, context)
        sample, count = PixelSample(max(size, STATS_SAMPLE), np.random.default_rng(seed)), 0
        for _, pixels, valid in self.stream(reader, feedback, end=40.0):
            sample.update(pixels[valid])
            count += int(valid.sum())
        if count == 0:
            raise self.fail(self.INPUT, self.tr("the raster has no pixel valid in every band."))
        if size > count:
            feedback.pushInfo(self.tr("SAMPLE_SIZE ({}) exceeds the {} valid pixels: all of them are used.").format(
                size, count))
        values = sample.pixels
        varying = values.std(axis=0) > 0
        names = [d or "band {}".format(i + 1) for i, d in enumerate(reader.descriptions)]
        for index in np.flatnonzero(~varying):
            feedback.pushWarning(self.tr("'{}' is constant: left out of the clustering.").format(names[index]))
        log = self.parameterAsBoolean(parameters, self.LOG_TRANSFORM, context)
        self._check_metals(values, varying, names, log)
        standardise = Standardiser(values[:, varying], log)
        fitting = standardise(sample.subsample(size)[:, varying])
        distinct = self._check_distinct(fitting, k, k_min)
        if k:
            choice = choose_k(fitting, k, k, seed)
        else:
            choice = choose_k(fitting, k_min, min(k_max, distinct - 1), seed)
            feedback.pushInfo(self.tr("K = {}: silhouette maximum {}, elbow {}.").format(
                choice.chosen, choice.best_silhouette, choice.elbow))
        k, centres = choice.chosen, choice.centres
        labels, colours = zone_names(k, self.zone_words()), zone_colours(k)
        self._write_zones(reader, path, centres, varying, standardise, labels, colours, feedback)
        zones = assign(standardise(values[:, varying]), centres)
        rows = zone_statistics(zones, values, count, len(values), labels, reader.pixel_area)
        report = self.output_file_path(parameters, self.OUTPUT_REPORT, context)
        zoning_report(report, choice, labels, colours, rows, names)
        style_on_load(context, path, ZoneLegend(labels, colours))
        columns = [("code", QVariant.Int), ("zone", QVariant.String), ("pixels", QVariant.Int),
                   ("hectares", QVariant.Double)]
        columns += [("{}_{}".format(name, stat), QVariant.Double) for name in names for stat in ("mean", "p10", "p50", "p90")]
        table_rows = [[row["code"], row["name"], row["pixels"], row["hectares"]] +
                      [v for metal in row["metals"] for v in metal] for row in rows]
        return {self.OUTPUT: path, self.OUTPUT_STATS: self.write_table(parameters, self.OUTPUT_STATS, context, columns,
                                                                       table_rows),
                self.OUTPUT_REPORT: report}

    def _check_metals(self, values, varying, names, log):
        """Refuse a raster with no varying band (INPUT), or negative values to log-transform (LOG_TRANSFORM)."""
        if not varying.any():
            raise self.fail(self.INPUT, self.tr("every band is constant over the {} valid pixel(s): there is nothing to "
                                                "zone. Give a concentration raster whose metals vary.").format(len(values)))
        lowest = values.min(axis=0)
        negative = [i for i in np.flatnonzero(varying) if lowest[i] < 0]
        if log and negative:
            raise self.fail(self.LOG_TRANSFORM, self.tr(
                "negative values in {} (lowest {:g}): a log transform needs concentrations of 0 or more. Turn "
                "LOG_TRANSFORM off, or give concentrations.").format(", ".join(names[i] for i in negative),
                                                                      lowest[negative].min()))

    def _check_distinct(self, fitting, k, k_min):
        """The number of distinct metal vectors K-means gets; fewer than the zones asked for is refused."""
        distinct = len(np.unique(fitting, axis=0))
        if k and k > distinct:
            raise self.fail(self.K, self.tr("K = {} zones, but the valid pixels hold only {} distinct metal vectors: "
                                            "give K = {} at most, or 0 to choose.").format(k, distinct, distinct))
        if not k and distinct <= k_min:
            raise self.fail(self.INPUT if distinct < 3 else self.K_MIN, self.tr(
                "the valid pixels hold only {} distinct metal vectors; choosing K from K_MIN = {} needs at least {}. "
                "Give a larger raster, a smaller K_MIN, or K itself.").format(distinct, k_min, k_min + 1))
        return distinct

    def zone_words(self):
        """core.zoning's words for zone names, in the user's language (legend, table and report)."""
        return {"three": (self.tr("low background"), self.tr("moderate diffusion"), self.tr("high-risk composite")),
                "zone": self.tr("zone {}"), "lowest": self.tr("{} (lowest)"), "highest": self.tr("{} (highest)")}

    def _write_zones(self, reader, path, centres, varying, standardise, labels, colours, feedback):
        with RasterWriter(path, reader.width, reader.height, 1, reader.geotransform, reader.projection,
                          dtype=np.uint8, nodata=NODATA, descriptions=["pollution zone"]) as writer:
            band = writer.dataset.GetRasterBand(1)
            table = gdal.ColorTable()
            for code, colour in enumerate(colours, start=1):
                table.SetColorEntry(code, tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) + (255,))
            band.SetColorTable(table)
            band.SetCategoryNames([""] + labels)
            for window, pixels, valid in self.stream(reader, feedback, start=60.0):
                codes = np.zeros(window.n_pixels, dtype=np.uint8)
                if valid.any():
                    codes[valid] = assign(standardise(pixels[valid][:, varying]), centres) + 1
                writer.write(window, codes[:, None])
