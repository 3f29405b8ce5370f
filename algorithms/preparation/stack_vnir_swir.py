"""Stack the VNIR and SWIR files of a GaoFen-5 AHSI product into one scene on the VNIR grid."""
import uuid

import numpy as np
from osgeo import gdal, gdal_array, osr
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterString)

from ..base import PcceeAlgorithm
from ..core.detector_overlap import (KEEP_AUTOMATIC, KEEP_SWIR, KEEP_VNIR, NoiseSampler, OverlapError,
                                    decide_overlap, describe_bands, overlap_bands, stacked_order)
from ..io.raster_reader import RasterError, RasterReader
from ..io.raster_writer import RasterWriter

#: Integer storage kept as it is (with each band's GDAL scale and offset) when both files use it.
_RAW_TYPES = (np.dtype(np.uint8), np.dtype(np.int16), np.dtype(np.uint16))
#: Nodata for pixels that one detector does not see, when the inputs define none.
_DEFAULT_NODATA = {np.dtype(np.int16): -32768, np.dtype(np.uint16): 0, np.dtype(np.uint8): 0}


class StackVnirSwir(PcceeAlgorithm):
    VNIR = "VNIR"
    SWIR = "SWIR"
    VNIR_WAVELENGTHS = "VNIR_WAVELENGTHS"
    SWIR_WAVELENGTHS = "SWIR_WAVELENGTHS"
    OVERLAP = "OVERLAP"
    RESAMPLING = "RESAMPLING"
    GROUP_ID = "preparation"

    OVERLAP_CHOICES = (KEEP_AUTOMATIC, KEEP_VNIR, KEEP_SWIR)
    RESAMPLING_METHODS = ("near", "bilinear", "cubic")

    def name(self):
        return "stackvnirswir"

    def displayName(self):
        return self.tr("Stack VNIR and SWIR scenes (GF-5 AHSI)")

    def shortHelpString(self):
        return self.tr(
            "Makes one hyperspectral scene of the two files of a GaoFen-5 AHSI product: the VNIR file "
            "(150 bands, about 390-1029 nm, FWHM 5 nm) and the SWIR file (180 bands, about 1004-2513 nm, "
            "FWHM 10 nm). The bands are stacked in rising wavelength on the VNIR file's grid: a SWIR file on "
            "another grid (shifted, another size or pixel) of the same CRS is resampled onto it. Both "
            "detectors record about 1004-1029 nm; the overlapping bands of one of them are dropped, so that no "
            "wavelength is repeated. Automatic: the detector that is noisier there is dropped; its noise is "
            "estimated from the image, per band, as the robust (MAD) standard deviation of the differences "
            "between horizontally adjacent pixels divided by sqrt(2), relative to the band's median signal "
            "(SNR). The log lists the dropped bands and the SNR of both detectors.\n\n"
            "Inputs: the VNIR and SWIR rasters; their wavelengths are read from the files (GDAL or ENVI "
            "metadata, band names) or given as lists when the files have none.\n"
            "Output: one GeoTIFF with the wavelengths (and FWHM when both files have them) of every band; "
            "integer reflectance (such as int16 x 10000) is kept as it is with its scale when both files use "
            "the same data type. A pixel that one detector does not see is nodata. Then run the workflow "
            "(Remove bad bands first) on this scene.\n\n"
            "Reference: Liu, Y.-N. et al. (2019), The Advanced Hyperspectral Imager: aboard China's GaoFen-5 "
            "satellite, IEEE Geoscience and Remote Sensing Magazine 7(4), 23-32.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.VNIR, self.tr("VNIR raster (visible and near infrared)")))
        self.addParameter(QgsProcessingParameterRasterLayer(self.SWIR, self.tr("SWIR raster (short-wave infrared)")))
        self.addParameter(QgsProcessingParameterEnum(
            self.OVERLAP, self.tr("Bands where the detectors overlap"),
            options=[self.tr("Automatic: drop those of the noisier detector"), self.tr("Keep the VNIR bands"),
                     self.tr("Keep the SWIR bands")], defaultValue=0))
        for name, label in ((self.VNIR_WAVELENGTHS, self.tr("VNIR wavelengths (nm) if the file has none")),
                            (self.SWIR_WAVELENGTHS, self.tr("SWIR wavelengths (nm) if the file has none"))):
            self.add_advanced_parameter(QgsProcessingParameterString(name, label, optional=True))
        self.add_advanced_parameter(QgsProcessingParameterEnum(
            self.RESAMPLING, self.tr("Resampling of a SWIR raster on another grid"),
            options=[self.tr("Nearest neighbour (keeps the values)"), self.tr("Bilinear"), self.tr("Cubic")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Stacked scene")))

    def process(self, parameters, context, feedback):
        vnir = self.open_raster(parameters, self.VNIR, context)
        swir = self.open_raster(parameters, self.SWIR, context)
        feedback.pushInfo(self.tr("VNIR raster: {} bands.").format(vnir.n_bands))
        vnir_nm, vnir_fwhm = self.band_wavelengths(vnir, parameters, context, feedback, parameter=self.VNIR_WAVELENGTHS)
        feedback.pushInfo(self.tr("SWIR raster: {} bands.").format(swir.n_bands))
        swir_nm, swir_fwhm = self.band_wavelengths(swir, parameters, context, feedback, parameter=self.SWIR_WAVELENGTHS)
        try:
            in_vnir, in_swir, shared = overlap_bands(vnir_nm, swir_nm)
        except OverlapError as error:
            raise self.fail(self.SWIR, self.tr("{} Give the VNIR file as VNIR and the SWIR file as SWIR (swap them), "
                                               "or correct the wavelengths.").format(self.message(error)))
        keep = self.OVERLAP_CHOICES[self.parameterAsEnum(parameters, self.OVERLAP, context)]
        self._check_grids(vnir, swir)
        output = self.output_raster_path(parameters, self.OUTPUT, context)

        decision = self._decide(vnir, swir, vnir_nm, swir_nm, in_vnir, in_swir, shared, keep, feedback)
        try:
            order, nm = stacked_order(vnir_nm, swir_nm, decision)
        except OverlapError as error:
            raise self.fail(self.SWIR_WAVELENGTHS, self.tr("{} Check the wavelengths of both rasters.").format(
                self.message(error)))
        fwhm = None
        if vnir_fwhm is not None and swir_fwhm is not None:
            fwhm = np.concatenate([vnir_fwhm[decision.keep_vnir], swir_fwhm[decision.keep_swir]])[order]
        else:
            feedback.pushInfo(self.tr("No FWHM written: it is not known for both rasters."))

        method = self.RESAMPLING_METHODS[self.parameterAsEnum(parameters, self.RESAMPLING, context)]
        gridded, vrt = self._on_vnir_grid(vnir, swir, method, feedback)
        try:
            self._stack(vnir, swir, gridded, decision, order, nm, fwhm, output, feedback)
        finally:
            if vrt is not None:
                gridded.close()
                gdal.Unlink(vrt)
        feedback.pushInfo(self.tr("Stacked scene: {} bands, {:.1f}-{:.1f} nm.").format(nm.size, nm[0], nm[-1]))
        return {self.OUTPUT: output}

    def _check_grids(self, vnir, swir):
        """Refuse rasters in different CRS, rotated grids, and a SWIR raster that misses the VNIR's extent."""
        vnir_crs, swir_crs = _crs(vnir.projection), _crs(swir.projection)
        if (vnir_crs is None) != (swir_crs is None) or (vnir_crs is not None and not vnir_crs.IsSame(swir_crs)):
            raise self.fail(self.SWIR, self.tr(
                "its CRS ({}) is not the VNIR raster's ({}). Reproject the SWIR raster to the VNIR raster's CRS "
                "first (Raster > Projections > Warp), or choose the SWIR file of the same product.").format(
                    _crs_name(swir_crs), _crs_name(vnir_crs)))
        for name, reader in ((self.VNIR, vnir), (self.SWIR, swir)):
            transform = reader.geotransform
            if transform[2] != 0.0 or transform[4] != 0.0:
                raise self.fail(name, self.tr("its grid is rotated, which this algorithm does not resample. Warp it "
                                              "to a north-up grid first (Raster > Projections > Warp)."))
        vx0, vx1, vy0, vy1 = _extent(vnir)
        sx0, sx1, sy0, sy1 = _extent(swir)
        width, height = min(vx1, sx1) - max(vx0, sx0), min(vy1, sy1) - max(vy0, sy0)
        if width <= 0 or height <= 0:
            raise self.fail(self.SWIR, self.tr(
                "it does not overlap the VNIR raster (VNIR x {:.1f}-{:.1f}, y {:.1f}-{:.1f}; SWIR x {:.1f}-{:.1f}, "
                "y {:.1f}-{:.1f}). Choose the SWIR file of the same scene.").format(vx0, vx1, vy0, vy1,
                                                                                   sx0, sx1, sy0, sy1))
        self._covered = width * height / ((vx1 - vx0) * (vy1 - vy0))

    def _decide(self, vnir, swir, vnir_nm, swir_nm, in_vnir, in_swir, shared, keep, feedback):
        """Which overlapping bands to drop; with `automatic`, from the SNR of both detectors there."""
        if shared is None:
            feedback.pushInfo(self.tr("The wavelength ranges do not overlap: all bands kept."))
            return decide_overlap(vnir_nm, swir_nm, keep=KEEP_VNIR)
        feedback.pushInfo(self.tr("Both detectors record {:.1f}-{:.1f} nm: VNIR bands {}, SWIR bands {}.").format(
            shared[0], shared[1], describe_bands(np.flatnonzero(in_vnir)), describe_bands(np.flatnonzero(in_swir))))
        if keep != KEEP_AUTOMATIC:
            decision = decide_overlap(vnir_nm, swir_nm, keep=keep)
            self._log_dropped(decision, vnir_nm, swir_nm, in_vnir, in_swir, feedback, self.tr("as asked"))
            return decision
        # On each file's own grid: resampling (bilinear, cubic) would smooth the noise being measured.
        vnir_snr, swir_snr = np.full(vnir.n_bands, np.nan), np.full(swir.n_bands, np.nan)
        vnir_snr[in_vnir] = self._snr(vnir, np.flatnonzero(in_vnir), feedback, 0, 15)
        swir_snr[in_swir] = self._snr(swir, np.flatnonzero(in_swir), feedback, 15, 30)
        for label, nm, snr, inside in ((self.tr("VNIR"), vnir_nm, vnir_snr, in_vnir),
                                       (self.tr("SWIR"), swir_nm, swir_snr, in_swir)):
            feedback.pushInfo(self.tr("{} SNR in the overlap (median signal / noise; noise: robust standard "
                                      "deviation of adjacent-pixel differences / sqrt(2)): {}.").format(
                label, ", ".join("{:.1f} nm {:.1f}".format(w, s) for w, s in zip(nm[inside], snr[inside]))))
        decision = decide_overlap(vnir_nm, swir_nm, vnir_snr, swir_snr, KEEP_AUTOMATIC)
        noisier, other = (decision.vnir_snr, decision.swir_snr) if decision.dropped == "vnir" else (
            decision.swir_snr, decision.vnir_snr)
        self._log_dropped(decision, vnir_nm, swir_nm, in_vnir, in_swir, feedback, self.tr(
            "the noisier detector there: median SNR {:.1f} against {:.1f}").format(noisier, other))
        if other < 1.1 * noisier:
            feedback.pushInfo(self.tr("The two SNRs differ by less than 10 %: either detector would do there. Choose "
                                      "which bands to keep ({}) to make the choice fixed.").format(self.OVERLAP))
        return decision

    def _log_dropped(self, decision, vnir_nm, swir_nm, in_vnir, in_swir, feedback, why):
        dropped = np.flatnonzero(in_vnir if decision.dropped == "vnir" else in_swir)
        nm = (vnir_nm if decision.dropped == "vnir" else swir_nm)[dropped]
        span = "{:.1f}".format(nm[0]) if nm.size == 1 else "{:.1f}-{:.1f}".format(nm.min(), nm.max())
        feedback.pushInfo(self.tr("Dropped {} bands {} ({} nm), {}.").format(
            self.tr("VNIR") if decision.dropped == "vnir" else self.tr("SWIR"), describe_bands(dropped), span, why))

    def _snr(self, reader, bands, feedback, start, end):
        """Per-band SNR of `bands` (0-based) over the whole raster, streamed."""
        sampler = NoiseSampler(len(bands))
        windows = reader.windows(reader.n_bands)  # sized for all bands: bounded, however few are read
        for window, pixels, valid in self.stream(reader, feedback, windows, bands, start=start, end=end):
            sampler.update(pixels.reshape(window.ysize, window.xsize, len(bands)),
                           valid.reshape(window.ysize, window.xsize))
        if sampler.n_pairs == 0:
            raise self.fail(self.OVERLAP, self.tr("'{}' has no two valid neighbouring pixels to estimate its noise "
                                                  "from. Choose which bands to keep.").format(reader.path))
        return sampler.estimate()[2]

    def _on_vnir_grid(self, vnir, swir, method, feedback):
        """(reader, vrt path or None): the SWIR raster as is when it shares the VNIR grid, else warped onto
        it through a virtual raster (computed window by window as it is read)."""
        if (swir.width, swir.height) == (vnir.width, vnir.height) and np.allclose(
                swir.geotransform, vnir.geotransform, rtol=0, atol=1e-6 * abs(vnir.geotransform[1])):
            return swir, None
        x0, dx, _, y0, _, dy = vnir.geotransform
        bounds = (min(x0, x0 + dx * vnir.width), min(y0, y0 + dy * vnir.height),
                  max(x0, x0 + dx * vnir.width), max(y0, y0 + dy * vnir.height))
        path = "/vsimem/pccee_stack_{}.vrt".format(uuid.uuid4().hex)
        options = dict(format="VRT", outputBounds=bounds, width=vnir.width, height=vnir.height, resampleAlg=method)
        if swir.nodata[0] is not None:
            options.update(srcNodata=swir.nodata[0], dstNodata=swir.nodata[0])
        try:
            gdal.Warp(path, swir.path, **options)
            gridded = RasterReader(path)
        except (RuntimeError, RasterError) as error:
            gdal.Unlink(path)
            raise self.fail(self.SWIR, self.tr("cannot be resampled onto the VNIR grid: {}").format(
                self.message(error)))
        sx0, sdx, _, sy0, _, sdy = swir.geotransform
        feedback.pushInfo(self.tr(
            "The SWIR raster ({} x {} pixels of {:g} x {:g}, origin {:.2f}, {:.2f}) is resampled ({}) onto the VNIR "
            "grid ({} x {} pixels of {:g} x {:g}, origin {:.2f}, {:.2f}); it covers {:.1f} % of the VNIR extent, "
            "the rest is nodata.").format(swir.width, swir.height, sdx, abs(sdy), sx0, sy0, method, vnir.width,
                                          vnir.height, dx, abs(dy), x0, y0, 100.0 * min(1.0, self._covered)))
        return gridded, path

    def _stack(self, vnir, swir, gridded, decision, order, nm, fwhm, output, feedback):
        """Copy the kept bands of both rasters, window by window, in wavelength order."""
        keep_vnir, keep_swir = np.flatnonzero(decision.keep_vnir), np.flatnonzero(decision.keep_swir)
        vnir_type, swir_type = _dtype(vnir), _dtype(swir)
        raw = vnir_type == swir_type and vnir_type in _RAW_TYPES
        scales = np.concatenate([vnir.scales[keep_vnir], swir.scales[keep_swir]])[order]
        offsets = np.concatenate([vnir.offsets[keep_vnir], swir.offsets[keep_swir]])[order]
        dtype = vnir_type if raw else np.dtype(np.float32)
        nodata = next((value for value in (vnir.nodata[0], swir.nodata[0]) if value is not None),
                      _DEFAULT_NODATA.get(dtype, np.nan))
        if raw:
            feedback.pushInfo(self.tr("Stored as {} with each band's scale and offset, as in the inputs.").format(
                dtype.name))
        else:
            feedback.pushInfo(self.tr("Stored as float32 values with the scale and offset applied (inputs: {} and "
                                      "{}).").format(vnir_type.name, swir_type.name))
        descriptions = [vnir.descriptions[b] for b in keep_vnir] + [swir.descriptions[b] for b in keep_swir]
        windows = vnir.windows(nm.size)
        position = np.argsort(order)  # where each band of (VNIR kept, SWIR kept) goes in the output
        vnir_blocks = self.stream(vnir, feedback, windows, keep_vnir, False, 30.0, 100.0)
        swir_blocks = gridded.blocks(windows, keep_swir, scaled=False)
        try:
            with RasterWriter(output, vnir.width, vnir.height, nm.size, vnir.geotransform, vnir.projection,
                              dtype=dtype, nodata=nodata, descriptions=[descriptions[i] for i in order],
                              wavelengths_nm=nm, fwhm_nm=fwhm, scales=scales if raw else None,
                              offsets=offsets if raw else None) as writer:
                for (window, vnir_pixels, vnir_valid), (_, swir_pixels, swir_valid) in zip(vnir_blocks, swir_blocks):
                    pixels = np.empty((window.n_pixels, nm.size), dtype=np.float32)
                    pixels[:, position[:keep_vnir.size]] = vnir_pixels
                    pixels[:, position[keep_vnir.size:]] = swir_pixels
                    if not raw:  # the original files' scale and offset (a warped VRT may not carry them)
                        pixels *= scales.astype(np.float32)
                        pixels += offsets.astype(np.float32)
                    pixels[~(vnir_valid & swir_valid)] = nodata
                    writer.write(window, pixels)
        finally:  # wait for the reads in flight before the caller closes the virtual SWIR raster
            vnir_blocks.close()
            swir_blocks.close()


def _crs(wkt):
    if not wkt:
        return None
    reference = osr.SpatialReference()
    reference.ImportFromWkt(wkt)
    return reference


def _crs_name(reference):
    if reference is None:
        return "none"
    code = reference.GetAuthorityCode(None)
    return "{}:{}".format(reference.GetAuthorityName(None), code) if code else reference.GetName()


def _extent(reader):
    """(xmin, xmax, ymin, ymax) of a north-up raster."""
    x0, dx, _, y0, _, dy = reader.geotransform
    xs, ys = (x0, x0 + dx * reader.width), (y0, y0 + dy * reader.height)
    return min(xs), max(xs), min(ys), max(ys)


def _dtype(reader):
    return np.dtype(gdal_array.GDALTypeCodeToNumericTypeCode(reader.dataset.GetRasterBand(1).DataType))
