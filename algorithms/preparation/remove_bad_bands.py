"""Write a copy of a hyperspectral cube without its bad bands, wavelengths kept."""
import numpy as np
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterString)

from ..base import PcceeAlgorithm
from ..core.band_selection import BandSelectionError, BandStatistics, parse_band_list, select_bands
from ..io.raster_writer import RasterWriter
from ..reflectance_input import open_reflectance
from ..styling import TrueColour, style_on_load


class RemoveBadBands(PcceeAlgorithm):
    BAD_BANDS = "BAD_BANDS"
    DROP_WATER_VAPOUR = "DROP_WATER_VAPOUR"
    DROP_CONSTANT = "DROP_CONSTANT"
    GROUP_ID = "preparation"

    def name(self):
        return "removebadbands"

    def displayName(self):
        return self.tr("Remove bad bands")


    def shortHelpString(self):
        return self.tr(
            "Copies a hyperspectral raster without the bands that spoil spectral angles and unmixing: "
            "bands you list, the water-vapour absorption windows (about 1350-1450 nm and 1800-1950 nm) "
            "and bands that are constant or empty across the whole scene. Band names, wavelengths, "
            "nodata, CRS and geotransform are kept; the scene is streamed block by block.\n\n"
            "Bad bands: 1-based numbers and ranges, such as 1-3, 108-112, 154-166; when empty, the bands an "
            "ENVI header's bad band list (bbl) marks 0.\n"
            "Wavelengths: read from the raster (GDAL or ENVI metadata, or band names such as "
            "'450.2 nm'); give them when the raster has none.\n\n"
            "Reference: Zhu (2017), arXiv:1708.05125, for the bands usually removed from AVIRIS scenes.")

    def initAlgorithm(self, config=None):
        self.add_scene_parameter()
        self.addParameter(QgsProcessingParameterString(
            self.BAD_BANDS, self.tr("Bad bands (1-based, e.g. 1-3, 108-112)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DROP_WATER_VAPOUR, self.tr("Drop water-vapour bands (1350-1450 and 1800-1950 nm)"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DROP_CONSTANT, self.tr("Drop constant or empty bands"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Raster without bad bands")))

    def process(self, parameters, context, feedback):
        reader = open_reflectance(self, parameters, self.INPUT, context, feedback)
        drop_water = self.parameterAsBoolean(parameters, self.DROP_WATER_VAPOUR, context)
        wavelengths, fwhm = self.band_wavelengths(reader, parameters, context, feedback, required=drop_water)
        drop = self._listed_bad_bands(reader, parameters, context, feedback)
        output = self.output_raster_path(parameters, self.OUTPUT, context)
        try:
            keep = np.flatnonzero(select_bands(reader.n_bands, drop, wavelengths, drop_water))
        except BandSelectionError as error:
            raise self.fail(self.BAD_BANDS, error)
        # One pass in the usual case: the copy also finds the constant or empty bands; only when there are some
        # (and they are to be dropped) is the scene copied again without them.
        uninformative, colour = self._copy(reader, keep, wavelengths, fwhm, output, feedback)
        if self.parameterAsBoolean(parameters, self.DROP_CONSTANT, context) and uninformative.any():
            if uninformative.all():
                raise self.fail(self.INPUT, self.tr(
                    "every band is constant or empty across the scene (all nodata, NaN, or one value such as 0): "
                    "the raster holds no image. Check its nodata value, or give the scene itself."))
            keep = keep[~uninformative]
            feedback.pushInfo(self.tr("{} constant or empty bands found: copying the scene again without them.").format(
                int(uninformative.sum())))
            _, colour = self._copy(reader, keep, wavelengths, fwhm, output, feedback)
        feedback.pushInfo(self.tr("Keeping {} of {} bands; dropped: {}.").format(
            keep.size, reader.n_bands, _band_ranges(np.setdiff1d(np.arange(reader.n_bands), keep))))
        if colour is not None:
            style_on_load(context, output, colour)
        return {self.OUTPUT: output}

    def _listed_bad_bands(self, reader, parameters, context, feedback):
        """0-based bands to drop: the user's list, else the ENVI header's bad band list (bbl, 0 = bad)."""
        text = self.parameterAsString(parameters, self.BAD_BANDS, context)
        if not text.strip():
            listed = reader.bad_bands()
            if listed is not None:
                feedback.pushInfo(self.tr("The ENVI header's bad band list (bbl) marks {} bands as bad: {}.").format(
                    listed.size, _band_ranges(listed)))
            return np.array([], dtype=np.int64) if listed is None else listed
        try:
            return parse_band_list(text, reader.n_bands)
        except BandSelectionError as error:
            raise self.fail(self.BAD_BANDS, error)

    def _copy(self, reader, keep, wavelengths, fwhm, output, feedback):
        """Copy the kept bands, window by window (cancelled runs leave no file); return which of them are constant
        or empty over the scene (values that are nodata or non-finite do not count), and the copy's true-colour
        style, stretched on the values copied (None without wavelengths)."""
        dtype = reader.stored_type
        statistics = BandStatistics(keep.size)
        colour = None if wavelengths is None else TrueColour(wavelengths[keep])
        with RasterWriter(output, reader.width, reader.height, keep.size, reader.geotransform,
                          reader.projection, dtype=dtype, nodata=reader.nodata[keep[0]],
                          descriptions=[reader.descriptions[b] for b in keep],
                          wavelengths_nm=None if wavelengths is None else wavelengths[keep],
                          fwhm_nm=None if fwhm is None else fwhm[keep],
                          scales=reader.scales[keep], offsets=reader.offsets[keep],
                          display_bands=None if colour is None else colour.display_bands()) as writer:
            for window, pixels, _ in self.stream(reader, feedback, reader.windows(keep.size), keep, False, dtype=dtype):
                writer.write(window, pixels)
                reader.add_values(statistics, pixels, keep)
        return statistics.uninformative(), colour and colour.stretched_by(writer)


def _band_ranges(indices):
    """'1-3, 108' from 0-based indices, for the log."""
    if len(indices) == 0:
        return "none"
    parts, start = [], indices[0]
    for previous, current in zip(indices, list(indices[1:]) + [None]):
        if current is None or current != previous + 1:
            parts.append(str(start + 1) if start == previous else "{}-{}".format(start + 1, previous + 1))
            start = current
    return ", ".join(parts)
