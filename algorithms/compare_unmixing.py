"""Compare unmixing methods on the same scene and endmembers (the paper's Table 2, without inversion)."""
import html
import time

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsProcessing,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

from .core.unmixing import LinearUnmixer, UnmixingError, residual_rmse
from .unmix_abundances import METHODS, UnmixAbundances


class CompareUnmixing(UnmixAbundances):
    METHODS = "METHODS"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def name(self):
        return "compareunmixing"

    def displayName(self):
        return self.tr("Compare unmixing methods")

    def shortHelpString(self):
        return self.tr(
            "Runs several unmixing methods on the same raster and endmembers and tabulates, per method, the "
            "mean reconstruction RMSE, the mean sum of abundances (1 for a physical mixture) and the wall time, "
            "as in the paper's Table 2 (LMM 4.14 s, NMF 74.34 s, SVR 1320.58 s there). Nothing is written "
            "but the table and an HTML report. The cross-validated R2 of the metal inversion per method will "
            "join the table with the inversion step.")

    def initAlgorithm(self, config=None):
        super().initAlgorithm(config)
        for name in (self.METHOD, self.OUTPUT, self.OUTPUT_RESIDUAL):
            self.removeParameter(name)
        self.addParameter(QgsProcessingParameterEnum(
            self.METHODS, self.tr("Methods"), options=["NNLS", "FCLS", "UCLS", "NMF", "SVR"], allowMultiple=True,
            defaultValue=[0, 3, 4]))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Comparison table"),
                                                            QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT_REPORT, self.tr("Comparison report"),
                                                                self.tr("HTML files (*.html)")))

    def processAlgorithm(self, parameters, context, feedback):
        reader = self.open_raster(parameters, self.INPUT, context)
        endmembers, bands = self._endmembers(reader, parameters, context, feedback)
        methods = [METHODS[i] for i in self.parameterAsEnums(parameters, self.METHODS, context)]
        if not methods:
            raise self.fail(self.METHODS, self.tr("choose at least one method."))
        rows = []
        for method in methods:
            start = time.perf_counter()
            try:
                linear = LinearUnmixer(endmembers.spectra[:, bands], "nnls" if method in ("nmf", "svr") else method)
            except UnmixingError as error:
                raise self.fail(self.ENDMEMBERS, str(error))
            unmixer = self._model(method, linear, reader, bands, parameters, context, feedback)
            errors, sums = [], []
            for window in reader.windows(bands.size):
                if feedback.isCanceled():
                    raise self.cancelled()
                pixels, valid = reader.read(window, bands)
                if valid.any():
                    values = unmixer.abundances(pixels[valid])
                    errors.append(residual_rmse(pixels[valid], values, unmixer.components_))
                    sums.append(values.sum(axis=1))
            rows.append((method.upper(), float(np.mean(np.concatenate(errors))), float(np.mean(np.concatenate(sums))),
                         time.perf_counter() - start))
            feedback.pushInfo(self.tr("{}: RMSE {:.5f}, mean sum {:.3f}, {:.2f} s").format(*rows[-1]))
        report = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        _write_report(report, rows, endmembers.names)
        return {self.OUTPUT: self._write_table(parameters, context, rows), self.OUTPUT_REPORT: report}

    def _write_table(self, parameters, context, rows):
        fields = QgsFields()
        for name, kind in (("method", QVariant.String), ("rmse", QVariant.Double), ("mean_sum", QVariant.Double),
                           ("seconds", QVariant.Double)):
            fields.append(QgsField(name, kind))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise self.fail(self.OUTPUT, self.invalidSinkError(parameters, self.OUTPUT))
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes(list(row))
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return dest_id


def _write_report(path, rows, names):
    body = "".join("<tr><td>{}</td><td>{:.5f}</td><td>{:.3f}</td><td>{:.2f}</td></tr>".format(*row) for row in rows)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("""<!DOCTYPE html><html><head><meta charset="utf-8"><title>PCCEE unmixing comparison</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px}}</style>
</head><body><h1>Unmixing methods compared</h1><p>Endmembers: {}</p>
<table><tr><th>method</th><th>reconstruction RMSE</th><th>mean sum of abundances</th><th>seconds</th></tr>{}</table>
</body></html>""".format(html.escape(", ".join(names)), body))
