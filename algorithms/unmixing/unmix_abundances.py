"""Abundance estimation (PCCEE section 2.4): linear mixture by NNLS (default), FCLS, UCLS; NMF; SVR."""
import numpy as np
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination)

from ..base import PcceeAlgorithm
from ..core.sampling import PixelSample
from ..core.spectral_library import SpectralLibraryError
from ..core.unmixing import CONDITION_WARNING, LinearUnmixer, UnmixingError, near_duplicates, residual_rmse
from ..core.unmixing_learned import NmfUnmixer, SvrUnmixer
from ..device_parameter import add_device_parameter, chosen_array_module
from ..io.raster_writer import RasterWriter
from ..library_layer import read_library
from ..reflectance_input import open_reflectance
from ..styling import fractions, residuals, style_on_load

METHODS = ("nnls", "fcls", "ucls", "nmf", "svr")
NODATA = -9999.0


class UnmixAbundances(PcceeAlgorithm):
    ENDMEMBERS = "ENDMEMBERS"
    METHOD = "METHOD"
    FIX_ENDMEMBERS = "FIX_ENDMEMBERS"
    SAMPLE_SIZE = "SAMPLE_SIZE"
    MIXTURES = "MIXTURES"
    OUTPUT_RESIDUAL = "OUTPUT_RESIDUAL"
    GROUP_ID = "unmixing"

    def name(self):
        return "unmixabundances"

    def displayName(self):
        return self.tr("Unmix abundances")


    def shortHelpString(self):
        return self.tr(
            "Estimates the fraction of each endmember in every pixel. NNLS (default): linear mixture model with "
            "non-negative abundances, solved exactly (Lawson-Hanson for all pixels of a block at once); FCLS: "
            "non-negative and summing to one; UCLS: unconstrained least squares; NMF: non-negative matrix "
            "factorisation started from the endmembers (refined on a random sample of pixels unless fixed); "
            "SVR: one support vector regression per endmember trained on synthetic mixtures. Endmembers are "
            "resampled to the image's wavelengths when their grids differ. Streamed block by block; NNLS, FCLS and "
            "UCLS run on the GPU with CuPy when one is present (DEVICE, advanced).\n\n"
            "Outputs: one band per endmember (named after it, nodata where the input is invalid) and the "
            "per-pixel RMSE of the reconstruction.\n\n"
            "References: Heinz and Chang (2001), IEEE TGRS 39(3); Lawson and Hanson (1974), Solving Least "
            "Squares Problems.")

    def initAlgorithm(self, config=None):
        self.add_scene_parameter()
        self.addParameter(QgsProcessingParameterFeatureSource(self.ENDMEMBERS, self.tr("Endmember library")))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Method"), options=[self.tr("NNLS: linear mixture, non-negative"),
                                                     self.tr("FCLS: non-negative, sum to one"),
                                                     self.tr("UCLS: unconstrained least squares"),
                                                     self.tr("NMF: non-negative matrix factorisation"),
                                                     self.tr("SVR: support vector regression")], defaultValue=0))
        advanced = [
            QgsProcessingParameterBoolean(self.FIX_ENDMEMBERS, self.tr("NMF: keep the endmembers fixed"), False),
            QgsProcessingParameterNumber(self.SAMPLE_SIZE, self.tr("NMF: pixels sampled to refine the endmembers"),
                                         QgsProcessingParameterNumber.Integer, 20000, minValue=100),
            QgsProcessingParameterNumber(self.MIXTURES, self.tr("SVR: synthetic training mixtures"),
                                         QgsProcessingParameterNumber.Integer, 2000, minValue=50, maxValue=100000)]
        for parameter in advanced:
            self.add_advanced_parameter(parameter)
        self.add_seed_parameter(advanced=True)
        add_device_parameter(self, advanced=True)
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Abundances")))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT_RESIDUAL,
                                                                  self.tr("Reconstruction RMSE")))

    def process(self, parameters, context, feedback):
        reader = open_reflectance(self, parameters, self.INPUT, context, feedback)
        endmembers, bands = self._endmembers(reader, parameters, context, feedback)
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        outputs = {name: self.output_raster_path(parameters, name, context) for name in (self.OUTPUT, self.OUTPUT_RESIDUAL)}
        xp, device = chosen_array_module(self, parameters, context)
        try:
            linear = LinearUnmixer(endmembers.spectra[:, bands], "nnls" if method in ("nmf", "svr") else method, xp)
        except UnmixingError as error:
            raise self.fail(self.ENDMEMBERS, error)
        self._check_conditioning(endmembers, bands, linear.condition, feedback)
        unmixer = self._model(method, linear, reader, bands, parameters, context, feedback)
        if unmixer is linear:
            feedback.pushInfo(self.tr("Unmixing on {}.").format(device))
        names = ["{} ({})".format(n, c) if c else n for n, c in zip(endmembers.names, endmembers.classes)]
        self._stream(reader, bands, unmixer, names, outputs, method, xp, feedback)
        style_on_load(context, outputs[self.OUTPUT], fractions())
        style_on_load(context, outputs[self.OUTPUT_RESIDUAL], residuals())
        return outputs

    def _endmembers(self, reader, parameters, context, feedback):
        """The library on the image's bands, and the bands where every endmember has a value."""
        try:
            library = read_library(self.parameterAsSource(parameters, self.ENDMEMBERS, context))
        except SpectralLibraryError as error:
            raise self.fail(self.ENDMEMBERS, error)
        wavelengths, _ = self.band_wavelengths(reader, parameters, context, feedback, required=False)
        if library.wavelengths is not None and wavelengths is not None:
            same = library.wavelengths.shape == wavelengths.shape and np.allclose(library.wavelengths, wavelengths)
            if not same:
                library = library.resampled(wavelengths)
                feedback.pushInfo(self.tr("Endmembers resampled to the image's {} bands.").format(len(wavelengths)))
        elif library.spectra.shape[1] != reader.n_bands:
            raise self.fail(self.ENDMEMBERS, self.tr(
                "the endmembers have {} values but the raster has {} bands, and wavelengths are missing to resample "
                "them. Give a library with wavelengths, or one value per band.").format(library.spectra.shape[1],
                                                                                          reader.n_bands))
        bands = np.flatnonzero(np.isfinite(library.spectra).all(axis=0))
        if bands.size == 0:
            raise self.fail(self.ENDMEMBERS, self.tr("the endmembers do not overlap the image's wavelengths on any band "
                                                     "that all of them cover. Give endmembers measured over the image's "
                                                     "range."))
        if bands.size < reader.n_bands:
            feedback.pushInfo(self.tr("Unmixing on the {} of {} bands that every endmember covers.").format(
                bands.size, reader.n_bands))
        return library, bands

    def _check_conditioning(self, endmembers, bands, condition, feedback):
        for i, j, angle in near_duplicates(endmembers.spectra[:, bands]):
            feedback.pushWarning(self.tr("Endmembers '{}' and '{}' are {:.2f} degrees apart: nearly duplicates."
                                         ).format(endmembers.names[i], endmembers.names[j], angle))
        message = self.tr("Condition number of the endmembers' Gram matrix: {:.3g}.").format(condition)
        if condition > CONDITION_WARNING:
            feedback.pushWarning(message + self.tr(" Abundances of similar endmembers are unstable; remove "
                                                   "duplicates or collinear endmembers."))
        else:
            feedback.pushInfo(message)

    def _model(self, method, linear, reader, bands, parameters, context, feedback):
        if method in ("nnls", "fcls", "ucls"):
            return linear
        self.require_scikit_learn(self.METHOD)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        if method == "svr":
            feedback.pushInfo(self.tr("Training one SVR per endmember on synthetic mixtures."))
            return SvrUnmixer(linear.endmembers, self.parameterAsInt(parameters, self.MIXTURES, context), seed=seed).fit()
        model = NmfUnmixer(linear.endmembers, self.parameterAsBoolean(parameters, self.FIX_ENDMEMBERS, context), seed=seed)
        if not model.fix_endmembers:
            sample = PixelSample(self.parameterAsInt(parameters, self.SAMPLE_SIZE, context), np.random.default_rng(seed))
            for _, pixels, valid in self.stream(reader, feedback, bands=bands, end=50.0):
                sample.update(pixels[valid].astype(np.float64))
            if len(sample.keys) == 0:
                raise self.fail(self.INPUT, self.tr("the raster has no valid pixel to unmix."))
            feedback.pushInfo(self.tr("Refining the endmembers by NMF on {} sampled pixels.").format(len(sample.keys)))
            model.fit(sample.pixels)
        return model

    def _stream(self, reader, bands, unmixer, names, outputs, method, xp, feedback):
        windows = reader.windows(bands.size)
        grid = dict(geotransform=reader.geotransform, projection=reader.projection, nodata=NODATA)
        metadata = {"PCCEE_METHOD": method.upper(), "PCCEE_UNITS": "fraction"}
        with RasterWriter(outputs[self.OUTPUT], reader.width, reader.height, len(names), descriptions=names,
                          metadata=metadata, **grid) as abundance_writer, \
                RasterWriter(outputs[self.OUTPUT_RESIDUAL], reader.width, reader.height, 1,
                             descriptions=["reconstruction RMSE"], **grid) as residual_writer:
            unmixed = 0
            for window, pixels, valid in self.stream(reader, feedback, windows, bands):
                abundances = np.full((window.n_pixels, len(names)), NODATA)
                residual = np.full((window.n_pixels, 1), NODATA)
                if valid.any():
                    chosen = pixels if valid.all() else pixels[valid]  # no copy of a block with no gap
                    values = unmixer.abundances(chosen)
                    abundances[valid] = values
                    residual[valid, 0] = residual_rmse(chosen, values, unmixer.components_, xp)
                    unmixed += len(chosen)
                abundance_writer.write(window, abundances)
                residual_writer.write(window, residual)
            if not unmixed:
                raise self.fail(self.INPUT, self.tr("the raster has no valid pixel to unmix (all nodata, NaN or zero). "
                                                    "Check its nodata value."))
