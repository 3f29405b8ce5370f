"""Heavy-metal inversion (PCCEE section 2.5): Random Forest per metal from abundances at soil samples."""
import numpy as np
from qgis.core import (QgsProcessing, QgsProcessingParameterFeatureSource, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)
from qgis.PyQt.QtCore import QVariant

from ..base import PcceeAlgorithm
from ..core import inversion
from ..device_parameter import add_device_parameter, chosen_array_module
from ..reports.inversion_report import write_inversion_report
from ..io.raster_writer import RasterWriter
from ..io.model_file import save_model
from ..metal_cross_validation import CrossValidation, add_cross_validation_parameters
from ..sample_points import add_metals_parameter, chosen_metals, metal_fields, raster_and_samples, samples_at_pixels
from ..soil_quality import SoilQuality, add_soil_quality_parameters
from ..styling import hot_concentrations, spread_of_trees, style_on_load

NODATA = -9999.0


class ConcentrationMaps(PcceeAlgorithm):
    """Shared by invertmetals and predictmetals: forests applied to an abundance raster, streamed."""

    ABUNDANCES = "ABUNDANCES"
    OUTPUT_UNCERTAINTY = "OUTPUT_UNCERTAINTY"
    GROUP_ID = "inversion"


    def add_map_parameters(self):
        """The device the maps are computed on (advanced) and the two maps."""
        add_device_parameter(self, advanced=True)
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Concentrations (mg/kg)")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_UNCERTAINTY, self.tr("Uncertainty: spread of the trees (mg/kg)")))

    def map_device(self, parameters, context, feedback):
        """The array module DEVICE chooses for the maps, said in the log."""
        xp, device = chosen_array_module(self, parameters, context)
        feedback.pushInfo(self.tr("The maps are computed on {}.").format(device))
        return xp

    def write_maps(self, reader, forests, metals, paths, context, feedback, xp, start=0.0, limits=None):
        """Write the concentration and uncertainty maps, the forests (ForestArrays) walked on array module xp; returns
        (pixels mapped, pixels above each metal's limit), limits: one threshold per metal (NaN: none)."""
        limits = np.full(len(metals), np.nan) if limits is None else np.asarray(limits, dtype=float)
        above = np.zeros(len(metals), dtype=np.int64)
        grid = dict(geotransform=reader.geotransform, projection=reader.projection, nodata=NODATA,
                    descriptions=list(metals), metadata={"PCCEE_UNITS": "mg/kg"})
        windows = reader.windows(reader.n_bands + 4 * len(metals))  # the budget counts the float64 maps too
        with RasterWriter(paths[self.OUTPUT], reader.width, reader.height, len(metals), **grid) as values, \
                RasterWriter(paths[self.OUTPUT_UNCERTAINTY], reader.width, reader.height, len(metals), **grid) as spread:
            mapped = 0
            for window, pixels, valid in self.stream(reader, feedback, windows, start=start):
                mean = np.full((window.n_pixels, len(metals)), NODATA)
                deviation = np.full((window.n_pixels, len(metals)), NODATA)
                if valid.any():
                    mean[valid], deviation[valid] = inversion.predict_with_spread(forests, pixels[valid], xp)
                    mapped += int(valid.sum())
                    above += (mean[valid] > limits[None, :]).sum(axis=0)
                values.write(window, mean)
                spread.write(window, deviation)
            if not mapped:
                raise self.fail(self.ABUNDANCES, self.tr("the raster has no valid pixel (all nodata, NaN or zero): "
                                                         "there is nothing to map. Check its nodata value and its bands."))
        style_on_load(context, paths[self.OUTPUT], hot_concentrations())
        style_on_load(context, paths[self.OUTPUT_UNCERTAINTY], spread_of_trees())
        return mapped, above


class InvertMetals(ConcentrationMaps):
    REQUIRES = ("sklearn",)
    SAMPLES = "SAMPLES"
    METALS = "METALS"
    OUTPUT_METRICS = "OUTPUT_METRICS"
    OUTPUT_MODEL = "OUTPUT_MODEL"

    def name(self):
        return "invertmetals"

    def displayName(self):
        return self.tr("Invert metal concentrations (Random Forest)")

    def shortHelpString(self):
        return self.tr(
            "Trains one Random Forest per metal from the abundances (any raster bands) at the soil samples, "
            "reports cross-validated R2, RMSE and RPD (out-of-fold predictions, never the training fit; RPD below "
            "1.4 poor, 1.4-2.0 acceptable, 2.0-2.5 good, above 2.5 excellent) beside the training R2, and maps the "
            "concentrations over the whole scene with their uncertainty (the spread of the trees).\n\n"
            "Samples in any CRS are reprojected to the raster's; samples outside the raster, on nodata, or "
            "without a numeric value for a metal (negative and infinite values included: they are no "
            "concentrations) are left out for that metal and listed in the log and report. A text field with "
            "values that are not numbers ('n.d.', or a detection limit written with a less-than sign) is refused "
            "rather than thinned.\n"
            "Folds: 0 = leave-one-out. CV: random folds, or spatial blocks of the given size (map units) so that "
            "neighbouring samples never validate each other.\n"
            "The model file (.npz of plain arrays with a digest, no pickled code) is applied to other scenes by "
            "'Predict metal concentrations'. The maps are computed on the GPU with CuPy when one is present "
            "(DEVICE, advanced); the forests are trained on the CPU.\n"
            "The report sets each metal's map against China's risk screening values for agricultural soil "
            "(GB 15618-2018, by soil pH and land use; without a pH, the strictest class): the share of the mapped "
            "area above them.\n\nReferences: Breiman (2001), Random forests, Machine Learning 45; GB 15618-2018, "
            "Soil environmental quality - Risk control standard for soil contamination of agricultural land.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(self.ABUNDANCES, self.tr("Abundances (or other predictors)")))
        self.addParameter(QgsProcessingParameterFeatureSource(self.SAMPLES, self.tr("Soil samples"),
                                                              [QgsProcessing.TypeVectorPoint]))
        add_metals_parameter(self, self.SAMPLES)
        add_cross_validation_parameters(self)
        add_soil_quality_parameters(self)
        self.add_map_parameters()
        self.add_table_and_report(self.OUTPUT_METRICS, self.tr("Cross-validated metrics"), self.tr("Inversion report"))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT_MODEL, self.tr("Trained model"),
                                                                self.tr("PCCEE model (*.npz)")))

    def rpd_label(self, rpd_class):
        """core.inversion's RPD class in the user's language (the table keeps the English word)."""
        return {"poor": self.tr("poor"), "acceptable": self.tr("acceptable"), "good": self.tr("good"),
                "excellent": self.tr("excellent")}[rpd_class]

    def process(self, parameters, context, feedback):
        reader, layer, source = raster_and_samples(self, self.ABUNDANCES, parameters, context)
        metals = metal_fields(self, self.METALS, source, chosen_metals(self, parameters, context))
        paths = {n: self.output_raster_path(parameters, n, context) for n in (self.OUTPUT, self.OUTPUT_UNCERTAINTY)}
        xp = self.map_device(parameters, context, feedback)
        validation = CrossValidation.from_parameters(self, parameters, context)
        quality = SoilQuality.from_parameters(self, parameters, context)
        ids, points, features, values = samples_at_pixels(self, self.SAMPLES, reader, layer, source, metals, context)
        forests, results = [], []
        for index, metal, keep, y, predicted in validation.each_metal(metals, ids, features, values, feedback, points):
            x = features[keep]
            forest = validation.forest(x, y)
            scores = inversion.metrics(y, predicted, forest.predict(x))
            results.append((metal, scores, y, predicted, forest.predict(x), forest.feature_importances_,
                            [ids[i] for i in np.flatnonzero(~keep)]))
            forests.append(forest)
            feedback.pushInfo(self.tr("{}: n = {}, CV R2 = {:.3f}, RMSE = {:.4g}, RPD = {:.2f} ({}), training R2 = "
                                      "{:.3f}").format(metal, *scores._replace(rpd_class=self.rpd_label(scores.rpd_class))))
            feedback.setProgress(50.0 * (index + 1) / len(metals))
        names = [m for m, _ in metals]
        model = self.output_file_path(parameters, self.OUTPUT_MODEL, context)
        arrays = inversion.forest_arrays(forests)  # once for the model file and every block of the maps
        save_model(model, arrays, names, reader.descriptions)
        columns = [("metal", QVariant.String), ("n", QVariant.Int), ("r2", QVariant.Double), ("rmse", QVariant.Double),
                   ("rpd", QVariant.Double), ("rpd_class", QVariant.String), ("train_r2", QVariant.Double),
                   ("excluded", QVariant.String)]
        rows = [[metal, *scores, ", ".join(str(i) for i in excluded)] for metal, scores, *_, excluded in results]
        metrics_id = self.write_table(parameters, self.OUTPUT_METRICS, context, columns, rows)
        limits = quality.thresholds(names)
        mapped, above = self.write_maps(reader, arrays, names, paths, context, feedback, xp, start=50.0,
                                        limits=[np.nan if limits[m][1] is None else limits[m][1] for m in names])
        report = self.output_file_path(parameters, self.OUTPUT_REPORT, context)
        write_inversion_report(report, results, reader.descriptions, limits, above / max(mapped, 1),
                               quality.describe())
        return dict(paths, **{self.OUTPUT_METRICS: metrics_id, self.OUTPUT_REPORT: report, self.OUTPUT_MODEL: model})
