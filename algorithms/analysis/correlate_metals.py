"""Pearson (or Spearman) correlation among metals (PCCEE section 2.6.1): of the measured samples, with p-values, or
(as an option that says what it measures) of a predicted concentration raster."""
import re

import numpy as np
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterRasterLayer)
from qgis.PyQt.QtCore import QVariant

from ..base import PcceeAlgorithm
from ..core.correlation import cluster_order, correlation, p_values, pairwise_correlation
from ..core.pca import StreamingPCA
from ..core.sampling import PixelSample
from ..reports.analysis_report import correlation_report

SPEARMAN_SAMPLE = 100000


class CorrelateMetals(PcceeAlgorithm):
    SAMPLES = "SAMPLES"
    FIELDS = "FIELDS"
    SPEARMAN = "SPEARMAN"
    GROUP_ID = "analysis"

    def name(self):
        return "correlatemetals"

    def displayName(self):
        return self.tr("Correlate metals")


    def shortHelpString(self):
        return self.tr(
            "Pearson correlation between the metals measured at the soil samples (the chosen fields; each pair over "
            "the samples holding both), with its two-sided p-value and the number of samples n: which metals "
            "co-occur in the soil, and so may share a source (the paper's section 2.6.1). Spearman ranks "
            "optionally.\n"
            "Instead of samples, a predicted concentration raster (one band per metal) can be given: its correlation "
            "is computed over the pixels valid in every band, block by block (Spearman: on a random sample of 100000 "
            "pixels). Read it with care: every predicted metal derives from the same few abundances, so r measures "
            "how alike the fitted models are, not how the metals co-occur, and pixels are no independent samples "
            "(no p-value is given).\n"
            "Constant metals are left out with a warning. Outputs: the matrix as a table (r, p and n) and an HTML "
            "heat map with the values in the cells, metals ordered by hierarchical clustering so that groups such as "
            "Pb-Cd-Zn stand together.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(self.SAMPLES, self.tr("Soil samples (measured metals)"),
                                                              optional=True))
        self.addParameter(QgsProcessingParameterField(self.FIELDS, self.tr("Metal fields of the samples"),
                                                      parentLayerParameterName=self.SAMPLES,
                                                      type=QgsProcessingParameterField.Numeric, allowMultiple=True,
                                                      optional=True))
        self.addParameter(QgsProcessingParameterBoolean(self.SPEARMAN, self.tr("Spearman rank correlation"), False))
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.INPUT, self.tr("Or a raster of predicted metals"), optional=True))
        self.add_table_and_report(self.OUTPUT, self.tr("Correlation table"), self.tr("Correlation heat map"))

    def process(self, parameters, context, feedback):
        spearman = self.parameterAsBoolean(parameters, self.SPEARMAN, context)
        source = self.parameterAsSource(parameters, self.SAMPLES, context)
        if source is not None:
            names = [name.strip() for picked in self.parameterAsFields(parameters, self.FIELDS, context)
                     for name in re.split(r"[,;]", picked) if name.strip()]
            if len(names) < 2:
                raise self.fail(self.FIELDS, self.tr("choose at least two metal fields."))
            self._check_fields(source, names)
            values = np.array([[_number(f[name]) for name in names] for f in source.getFeatures()])
            r, n = pairwise_correlation(values, "spearman" if spearman else "pearson")
            p = p_values(r, n)
            counted = n[~np.eye(len(names), dtype=bool)] if len(names) > 1 else n.ravel()
            description = ("<p class='headline'>{} correlation of the concentrations measured at the soil samples: "
                           "n = {} samples{}. It shows which metals co-occur in the soil and may share a source."
                           "</p>").format("Spearman" if spearman else "Pearson", int(counted.max()),
                                          "" if counted.min() == counted.max() else
                                          " (each pair over the samples holding both: {} to {})".format(
                                              int(counted.min()), int(counted.max())))
        else:
            names, r, n = self._raster(parameters, context, feedback, spearman)
            p = None
            description = ("<p class='headline'>{} correlation of a predicted concentration raster over {} pixels. "
                           "Every predicted metal derives from the same abundances, so r measures how alike the "
                           "fitted models are, not how the metals co-occur in the soil; pixels are no independent "
                           "samples, so no p-value is given. For the metals' own correlation, give the measured "
                           "samples.</p>").format("Spearman" if spearman else "Pearson", int(n.max()))
            feedback.pushWarning(self.tr("Correlation of predicted maps: every metal derives from the same abundances, "
                                         "so r shows how alike the models are, not how the metals co-occur. Give the "
                                         "measured samples for that."))
        keep = ~np.isnan(np.diag(r))
        for name in np.array(names)[~keep]:
            feedback.pushWarning(self.tr("'{}' is constant or empty: left out.").format(name))
        if keep.sum() < 2:
            raise self.fail(self.FIELDS if source is not None else self.INPUT, self.tr(
                "fewer than two metals vary ({} constant or empty): there is nothing to correlate. Choose metals "
                "with values that vary.").format(", ".join(str(name) for name in np.array(names)[~keep])))
        names, r, n = [str(name) for name in np.array(names)[keep]], r[np.ix_(keep, keep)], n[np.ix_(keep, keep)]
        p = None if p is None else p[np.ix_(keep, keep)]
        order = cluster_order(r)
        names, r, n = [names[i] for i in order], r[np.ix_(order, order)], n[np.ix_(order, order)]
        p = None if p is None else p[np.ix_(order, order)]
        report = self.output_file_path(parameters, self.OUTPUT_REPORT, context)
        correlation_report(report, r, names, "{} correlation of the {}".format(
            "Spearman" if spearman else "Pearson", "measured metals" if source is not None else "predicted maps"),
            n, p, description)
        columns = ([("metal", QVariant.String)] + [(name, QVariant.Double) for name in names] +
                   [("p_" + name, QVariant.Double) for name in names] + [("n", QVariant.Int)])
        rows = [[name] + list(r[index]) + list(np.full(len(names), np.nan) if p is None else p[index]) +
                [int(n[index].min())] for index, name in enumerate(names)]
        return {self.OUTPUT: self.write_table(parameters, self.OUTPUT, context, columns, rows),
                self.OUTPUT_REPORT: report}

    def _check_fields(self, source, names):
        """Refuse fields the samples lack, or text fields (their values would silently be left out)."""
        fields = source.fields()
        missing = [name for name in names if fields.lookupField(name) < 0]
        if missing:
            raise self.fail(self.FIELDS, self.tr("no field named {} in the samples; they have: {}.").format(
                ", ".join(missing), ", ".join(fields.names())))
        text = [name for name in names if not fields.field(name).isNumeric()]
        if text:
            raise self.fail(self.FIELDS, self.tr("text fields, not numbers: {}. Choose numeric metal fields, or "
                                                 "convert the text ones to numbers first.").format(", ".join(text)))

    def _raster(self, parameters, context, feedback, spearman):
        if self.parameterAsRasterLayer(parameters, self.INPUT, context) is None:
            raise self.fail(self.INPUT, self.tr("give a concentration raster or sample points."))
        reader = self.open_raster(parameters, self.INPUT, context)
        if reader.n_bands < 2:
            raise self.fail(self.INPUT, self.tr("the raster has a single band; correlation needs one band per metal."))
        names = [d or "band {}".format(i + 1) for i, d in enumerate(reader.descriptions)]
        statistics = StreamingPCA(reader.n_bands)
        sample = PixelSample(SPEARMAN_SAMPLE, np.random.default_rng(0))
        for _, pixels, valid in self.stream(reader, feedback):
            statistics.update(pixels[valid])
            if spearman:
                sample.update(pixels[valid])
        if statistics.count < 3:
            raise self.fail(self.INPUT, self.tr("fewer than 3 pixels are valid in every band."))
        if spearman:
            r, _ = pairwise_correlation(sample.pixels, "spearman")
            count = len(sample.pixels)
        else:
            r, _ = correlation(statistics)
            count = statistics.count
        feedback.pushInfo(self.tr("Correlation over {} pixels valid in every band.").format(count))
        return names, r, np.full(r.shape, count)



def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan
