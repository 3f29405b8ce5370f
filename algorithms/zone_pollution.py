"""K-means pollution zoning (PCCEE section 2.6.2), with K chosen by the elbow and silhouette."""
import numpy as np
from osgeo import gdal
from qgis.core import (QgsPalettedRasterRenderer, QgsProcessing,
                       QgsProcessingLayerPostProcessorInterface, QgsProcessingParameterBoolean,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer, QgsRasterLayer)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from .base import PcceeAlgorithm
from .core.sampling import PixelSample
from .core.zoning import Standardiser, assign, choose_k, zone_names
from .io.analysis_report import zoning_report
from .io.raster_writer import RasterWriter
from .styling import style_on_load

NODATA = 0
STATS_SAMPLE = 200000


def zone_colours(k):
    """Green (low) to red (high)."""
    ramp = [(26, 152, 80), (145, 207, 96), (254, 224, 139), (252, 141, 89), (215, 48, 39)]
    positions = np.linspace(0, len(ramp) - 1, k)
    return ["#{:02x}{:02x}{:02x}".format(*[int(np.interp(p, range(len(ramp)), [c[i] for c in ramp]))
                                          for i in range(3)]) for p in positions]


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
    INPUT = "INPUT"
    K = "K"
    K_MIN = "K_MIN"
    K_MAX = "K_MAX"
    SAMPLE_SIZE = "SAMPLE_SIZE"
    LOG_TRANSFORM = "LOG_TRANSFORM"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    OUTPUT_STATS = "OUTPUT_STATS"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    GROUP_ID = "analysis"

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
        self.addParameter(QgsProcessingParameterNumber(self.SEED, self.tr("Random seed"),
                                                       QgsProcessingParameterNumber.Integer, 0, minValue=0))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Pollution zones")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_STATS, self.tr("Zone statistics"),
                                                            QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT_REPORT, self.tr("Zoning report"),
                                                                self.tr("HTML files (*.html)")))

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
        for _, pixels, valid in reader.blocks():
            if feedback.isCanceled():
                raise self.cancelled()
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
        standardise = Standardiser(values[:, varying], self.parameterAsBoolean(parameters, self.LOG_TRANSFORM, context))
        fitting = standardise(sample.subsample(size)[:, varying])
        if k:
            choice = choose_k(fitting, k, k, seed)
        else:
            choice = choose_k(fitting, k_min, min(k_max, len(fitting) - 1), seed)
            feedback.pushInfo(self.tr("K = {}: silhouette maximum {}, elbow {}.").format(
                choice.chosen, choice.best_silhouette, choice.elbow))
        k, centres = choice.chosen, choice.centres
        labels, colours = zone_names(k, self.zone_words()), zone_colours(k)
        self._write_zones(reader, path, centres, varying, standardise, labels, colours, feedback)
        zones = assign(standardise(values[:, varying]), centres)
        rows = self._statistics(reader, zones, values, count, len(values), labels)
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
            windows = reader.windows()
            for done, (window, pixels, valid) in enumerate(reader.blocks(windows), start=1):
                if feedback.isCanceled():
                    raise self.cancelled()
                codes = np.zeros(window.n_pixels, dtype=np.uint8)
                if valid.any():
                    codes[valid] = assign(standardise(pixels[valid][:, varying]), centres) + 1
                writer.write(window, codes[:, None])
                feedback.setProgress(100.0 * done / len(windows))

    @staticmethod
    def _statistics(reader, zones, values, count, sampled, labels):
        """Per zone: pixel count and area (scaled from the sample), mean and percentiles of each metal."""
        pixel_area = reader.pixel_area
        rows = []
        for code, name in enumerate(labels):
            members = values[zones == code]
            pixels = int(round(len(members) * count / sampled))
            metals = [(m.mean(), *np.percentile(m, [10, 50, 90])) if len(m) else (np.nan,) * 4 for m in members.T]
            rows.append({"code": code + 1, "name": name, "pixels": pixels, "hectares": pixels * pixel_area / 1e4,
                         "metals": metals})
        return rows
