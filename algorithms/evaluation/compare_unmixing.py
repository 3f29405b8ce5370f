"""Compare unmixing methods on the same scene and endmembers (the paper's Table 2, without inversion)."""
import html
import time

import numpy as np
from qgis.core import (QgsProcessing,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber)
from qgis.PyQt.QtCore import QVariant

from ..core import inversion
from ..core.unmixing import LinearUnmixer, UnmixingError, residual_rmse
from ..reports.html_report import table, write_page
from ..metal_cross_validation import CrossValidation
from ..reflectance_input import open_reflectance
from ..sample_points import add_metals_parameter, chosen_metals, metal_fields, samples_at_pixels
from ..unmixing.unmix_abundances import METHODS, UnmixAbundances


class CompareUnmixing(UnmixAbundances):
    GROUP_ID = "evaluation"
    METHODS = "METHODS"
    SAMPLES = "SAMPLES"
    METALS = "METALS"
    TREES = "TREES"

    def name(self):
        return "compareunmixing"

    def displayName(self):
        return self.tr("Compare unmixing methods")

    def shortHelpString(self):
        return self.tr(
            "Runs several unmixing methods on the same raster and endmembers and tabulates, per method, the "
            "mean reconstruction RMSE, the mean sum of abundances (1 for a physical mixture) and the time it "
            "takes to fit and unmix the scene, as in the paper's Table 2 (LMM 4.14 s, NMF 74.34 s, SVR 1320.58 s "
            "there). The scene is read once for all the methods, so the times leave the reading out (NMF's "
            "includes its pass to sample pixels). With SAMPLES, each "
            "method's abundances at the samples feed a Random Forest per metal and the table gets the "
            "cross-validated R2 of every metal and their mean (5 random folds, seeded). Nothing is written "
            "but the table and an HTML report.")

    def initAlgorithm(self, config=None):
        super().initAlgorithm(config)
        for name in (self.METHOD, self.OUTPUT, self.OUTPUT_RESIDUAL):
            self.removeParameter(name)
        self.addParameter(QgsProcessingParameterEnum(
            self.METHODS, self.tr("Methods"), options=["NNLS", "FCLS", "UCLS", "NMF", "SVR"], allowMultiple=True,
            defaultValue=[0, 3, 4]))
        self.addParameter(QgsProcessingParameterFeatureSource(self.SAMPLES, self.tr("Soil samples (optional)"),
                                                              [QgsProcessing.TypeVectorPoint], optional=True))
        add_metals_parameter(self, self.SAMPLES)
        self.addParameter(QgsProcessingParameterNumber(self.TREES, self.tr("Trees per forest"),
                                                       QgsProcessingParameterNumber.Integer, 200, minValue=1))
        self.add_table_and_report(self.OUTPUT, self.tr("Comparison table"), self.tr("Comparison report"))

    def process(self, parameters, context, feedback):
        reader = open_reflectance(self, parameters, self.INPUT, context, feedback)
        endmembers, bands = self._endmembers(reader, parameters, context, feedback)
        methods = [METHODS[i] for i in self.parameterAsEnums(parameters, self.METHODS, context)]
        if not methods:
            raise self.fail(self.METHODS, self.tr("choose at least one method."))
        samples = self._samples(reader, parameters, context)
        metals = [m for m, _ in samples[0]] if samples else []
        unmixers, seconds = {}, {}
        for method in methods:
            start = time.perf_counter()
            try:
                linear = LinearUnmixer(endmembers.spectra[:, bands], "nnls" if method in ("nmf", "svr") else method)
            except UnmixingError as error:
                raise self.fail(self.ENDMEMBERS, error)
            unmixers[method] = self._model(method, linear, reader, bands, parameters, context, feedback)
            seconds[method] = time.perf_counter() - start
        totals = {method: np.zeros(3) for method in methods}  # sum of residuals, of abundances; pixels
        for _, pixels, valid in self.stream(reader, feedback, bands=bands, start=20.0, end=60.0):  # one read, all methods
            if not valid.any():
                continue
            chosen = pixels if valid.all() else pixels[valid]
            for method, unmixer in unmixers.items():
                start = time.perf_counter()
                values = unmixer.abundances(chosen)
                residual = residual_rmse(chosen, values, unmixer.components_)
                seconds[method] += time.perf_counter() - start
                totals[method] += (residual.sum(dtype=np.float64), values.sum(dtype=np.float64), len(chosen))
        if totals[methods[0]][2] == 0:
            raise self.fail(self.INPUT, self.tr("the raster has no valid pixel to unmix."))
        rows = []
        for method, unmixer in unmixers.items():
            residuals, abundances, count = totals[method]
            scores = self._inversion_r2(unmixer, bands, samples, parameters, context, feedback) if samples else []
            rows.append((method.upper(), residuals / count, abundances / count, seconds[method],
                         float(np.mean(scores)) if scores else None, scores))
            feedback.pushInfo(self.tr("{}: RMSE {:.5f}, mean sum {:.3f}, {:.2f} s").format(*rows[-1][:4]) +
                              (self.tr(", mean CV R2 {:.3f}").format(rows[-1][4]) if scores else ""))
        report = self.output_file_path(parameters, self.OUTPUT_REPORT, context)
        _write_report(report, rows, endmembers.names, metals)
        columns = [("method", QVariant.String), ("rmse", QVariant.Double), ("mean_sum", QVariant.Double),
                   ("seconds", QVariant.Double), ("cv_r2_mean", QVariant.Double)]
        columns += [("cv_r2_{}".format(metal), QVariant.Double) for metal in metals]
        table_rows = [list(row[:5]) + list(row[5]) for row in rows]
        return {self.OUTPUT: self.write_table(parameters, self.OUTPUT, context, columns, table_rows),
                self.OUTPUT_REPORT: report}

    def _samples(self, reader, parameters, context):
        """(metal fields, sample ids, spectra at the samples, values), or None without SAMPLES."""
        source = self.parameterAsSource(parameters, self.SAMPLES, context)
        if source is None:
            return None
        self.require_scikit_learn(self.SAMPLES)
        metals = metal_fields(self, self.METALS, source, chosen_metals(self, parameters, context))
        layer = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        ids, _, spectra, values = samples_at_pixels(self, self.SAMPLES, reader, layer, source, metals, context)
        return metals, ids, spectra, values

    def _inversion_r2(self, unmixer, bands, samples, parameters, context, feedback):
        """Cross-validated R2 per metal of forests on this method's abundances at the samples (5 random folds)."""
        metals, ids, spectra, values = samples
        validation = CrossValidation(self, self.parameterAsInt(parameters, self.TREES, context), 5,
                                     self.parameterAsInt(parameters, self.SEED, context))
        return [inversion.metrics(target, predicted, predicted).r2 for _, _, _, target, predicted in validation.each_metal(
            metals, ids, spectra, values, feedback,
            predictors=lambda usable: unmixer.abundances(usable[:, bands].astype(np.float32)))]


def _write_report(path, rows, names, metals):
    header = ["method", "reconstruction RMSE", "mean sum of abundances", "seconds"]
    if metals:
        header += ["mean CV R2"] + ["CV R2 " + m for m in metals]
    cells = [[row[0], "{:.5f}".format(row[1]), "{:.3f}".format(row[2]), "{:.2f}".format(row[3])] +
             (["{:.3f}".format(v) for v in [row[4]] + list(row[5])] if metals else []) for row in rows]
    write_page(path, "Unmixing methods compared", "<p>Endmembers: {}</p>".format(html.escape(", ".join(names))) +
               table(header, cells))
