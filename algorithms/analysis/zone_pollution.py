"""K-means pollution zoning (PCCEE section 2.6.2), K chosen by a stated rule, zones read against GB 15618-2018."""
import numpy as np
from osgeo import gdal
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)
from qgis.PyQt.QtCore import QVariant

from ..base import PcceeAlgorithm
from ..core.sampling import PixelSample
from ..core.zoning import RULES, Standardiser, assign, choose_k, zone_colours, zone_names, zone_statistics
from ..reports.analysis_report import zoning_report
from ..io.raster_writer import RasterWriter
from ..io.staged_outputs import staged
from ..soil_quality import SoilQuality, add_soil_quality_parameters
from ..styling import Paletted, style_on_load

NODATA = 0
STATS_SAMPLE = 200000


class ZonePollution(PcceeAlgorithm):
    K = "K"
    K_RULE = "K_RULE"
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
            "pixels by the rule K_RULE: the elbow of the SSE curve (default: the K farthest below the straight line "
            "between the curve's ends, after which one more zone reduces the spread little), or the silhouette "
            "maximum (the K whose zones are best separated). The report draws both curves "
            "with the K chosen marked. Zones are numbered by their mean standardised concentration (1 = lowest) and "
            "named; for K = 3: low background, moderate diffusion, high-risk composite. Every pixel is then "
            "assigned block by block.\n"
            "Each zone's mean concentrations are set against China's risk screening values for agricultural soil "
            "(GB 15618-2018, by soil pH class and land use; without a pH, the strictest class) and against "
            "background values you give, with the share of the zone above the screening value.\n"
            "Outputs: the zone raster (paletted, with a legend and a .qml style beside it), a table per zone "
            "(pixels, hectares, mean and 10th/50th/90th percentiles of each metal from the sample, share above the "
            "screening value) and an HTML report with the zone map, the curves and the comparison.\n\n"
            "Reference: GB 15618-2018, Soil environmental quality - Risk control standard for soil contamination "
            "of agricultural land.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Concentration raster")))
        self.addParameter(QgsProcessingParameterNumber(self.K, self.tr("Number of zones (0 = choose)"),
                                                       QgsProcessingParameterNumber.Integer, 0, minValue=0, maxValue=50))
        self.addParameter(QgsProcessingParameterEnum(self.K_RULE, self.tr("Rule that chooses K"),
                                                     [self.tr("Elbow of the SSE curve"), self.tr("Silhouette maximum")],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(self.K_MIN, self.tr("Smallest K to try"),
                                                       QgsProcessingParameterNumber.Integer, 2, minValue=2))
        self.addParameter(QgsProcessingParameterNumber(self.K_MAX, self.tr("Largest K to try"),
                                                       QgsProcessingParameterNumber.Integer, 10, minValue=2))
        self.addParameter(QgsProcessingParameterNumber(self.SAMPLE_SIZE, self.tr("Pixels sampled to fit and choose K"),
                                                       QgsProcessingParameterNumber.Integer, 20000, minValue=10))
        self.addParameter(QgsProcessingParameterBoolean(self.LOG_TRANSFORM, self.tr("Log-transform skewed metals"),
                                                        True))
        add_soil_quality_parameters(self)
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
        rule = RULES[self.parameterAsEnum(parameters, self.K_RULE, context)]
        quality = SoilQuality.from_parameters(self, parameters, context)
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
            choice = choose_k(fitting, k, k, seed, rule=rule)
        else:
            choice = choose_k(fitting, k_min, min(k_max, distinct - 1), seed, rule=rule)
            feedback.pushInfo(self.tr("K = {} by the {} rule: elbow of the SSE curve {}, silhouette maximum {}.").format(
                choice.chosen, self.rule_label(rule), choice.elbow, choice.best_silhouette))
        k, centres = choice.chosen, choice.centres
        labels, colours = zone_names(k, self.zone_words()), zone_colours(k)
        self._write_zones(reader, path, centres, varying, standardise, labels, colours, feedback)
        zones = assign(standardise(values[:, varying]), centres)
        limits = quality.thresholds(names)
        rows = zone_statistics(zones, values, count, len(values), labels, reader.pixel_area,
                               [np.nan if limits[n][1] is None else limits[n][1] for n in names])
        report = self.output_file_path(parameters, self.OUTPUT_REPORT, context)
        units = reader.dataset.GetMetadataItem("PCCEE_UNITS") or "mg/kg"
        zoning_report(report, choice, labels, colours, rows, names, staged(path), units, limits, quality.describe())
        style_on_load(context, path, Paletted(labels, colours))
        columns = [("code", QVariant.Int), ("zone", QVariant.String), ("pixels", QVariant.Int),
                   ("hectares", QVariant.Double)]
        columns += [("{}_{}".format(name, stat), QVariant.Double) for name in names
                    for stat in ("mean", "p10", "p50", "p90", "above_sv")]
        table_rows = [[row["code"], row["name"], row["pixels"], row["hectares"]] +
                      [v for metal, above in zip(row["metals"], row["above"]) for v in (*metal, 100.0 * above)]
                      for row in rows]
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

    def rule_label(self, rule):
        """A rule of core.zoning.RULES in the user's language."""
        return {"elbow": self.tr("elbow"), "silhouette": self.tr("silhouette")}[rule]

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
