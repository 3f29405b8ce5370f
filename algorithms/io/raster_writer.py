"""Write GeoTIFF outputs block by block into a staged file that becomes the output only on success.

A half-written abundance or concentration map looks like a result and is not one, so the file
appears under its final name only after the last block is written and GDAL has closed it: with the
other outputs of the run when one is in progress (see staged_outputs), else on its own.
"""
import os

import numpy as np
from osgeo import gdal

from ..core.display_stretch import StretchSample
from ..core.messages import QT_TRANSLATE_NOOP
from .block_cache import gdal_turn
from .raster_reader import TILE, RasterError
from .staged_outputs import OutputStage, current_stage

gdal.UseExceptions()

_NUMPY_TO_GDAL = {
    np.dtype(np.float32): gdal.GDT_Float32, np.dtype(np.float64): gdal.GDT_Float64,
    np.dtype(np.uint8): gdal.GDT_Byte, np.dtype(np.int16): gdal.GDT_Int16,
    np.dtype(np.uint16): gdal.GDT_UInt16, np.dtype(np.int32): gdal.GDT_Int32,
}


#: Largest tile, in bytes, of a raster written here: a tile of a pixel-interleaved cube holds every band, and GDAL
#: decodes a whole tile to read one pixel of it and keeps several tiles in flight while it compresses. Measured on a
#: 1000 x 1000 x 301 scene, 128-pixel tiles (10 MB as int16, 20 as float32) instead of 256 (39 and 79 MB): remove bad
#: bands 9 s and 1.05 GB instead of 11 s and 1.3 GB (float32: 1.27 GB instead of 1.63), VCA on the copy 10 s
#: instead of 16, the file within 0.3 % of the size.
MAX_TILE_BYTES = 24 * 1024 * 1024


def tile_edge(n_bands, dtype, largest=TILE):
    """The tile edge for a raster of n_bands of dtype: `largest` (256), halved while a tile holds more than
    MAX_TILE_BYTES (down to 64)."""
    edge = largest
    while edge > 64 and edge * edge * int(n_bands) * np.dtype(dtype).itemsize > MAX_TILE_BYTES:
        edge //= 2
    return edge


def creation_options(n_bands, dtype, tile=None):
    """The GeoTIFF creation options of every raster written here (tile: the tile edge, default tile_edge).
    DEFLATE's fastest level, tiles compressed on all cores: measured on a 330-band int16 cube and on float32
    abundances, files within 1 % of the default level's size in 35-40 % of the time."""
    tile = tile or tile_edge(n_bands, dtype)
    return ["TILED=YES", "BLOCKXSIZE={}".format(tile), "BLOCKYSIZE={}".format(tile),
            "COMPRESS=DEFLATE", "ZLEVEL=1", "NUM_THREADS=ALL_CPUS",
            "PREDICTOR={}".format(3 if np.dtype(dtype).kind == "f" else 2),
            "BIGTIFF=IF_SAFER", "INTERLEAVE={}".format("PIXEL" if n_bands > 1 else "BAND")]


def check_writable(path):
    """Raise RasterError unless a file can be created at path (its folder exists and is writable)."""
    folder = os.path.dirname(os.path.abspath(str(path)))
    if not os.path.isdir(folder):
        raise RasterError(QT_TRANSLATE_NOOP("core", "The folder '{}' does not exist."), folder)
    if not os.access(folder, os.W_OK):
        raise RasterError(QT_TRANSLATE_NOOP("core", "The folder '{}' is not writable."), folder)
    if os.path.isdir(str(path)):
        raise RasterError(QT_TRANSLATE_NOOP("core", "'{}' is a folder, not a file name."), path)


class RasterWriter:
    """A tiled, compressed GeoTIFF written block by block; a context manager that commits on success.

    Parameters: path; width, height, n_bands; geotransform and projection (WKT) of the input;
    dtype (NumPy); nodata; descriptions (one per band: endmember or metal names); wavelengths_nm
    and fwhm_nm written as band metadata when the output is a spectral cube; metadata, a dict of
    dataset-level items (e.g. units, the algorithm that made it); scales and offsets, per band, for
    integer-coded reflectance (value = stored x scale + offset); tile, the tile edge (default: tile_edge);
    display_bands, 0-based bands whose display stretch is sampled from the values written (display_limits).
    """

    def __init__(self, path, width, height, n_bands, geotransform=None, projection="",
                 dtype=np.float32, nodata=None, descriptions=None, wavelengths_nm=None,
                 fwhm_nm=None, metadata=None, scales=None, offsets=None, tile=None, display_bands=None):
        self.path = os.path.abspath(str(path))
        check_writable(self.path)
        self._own_stage = OutputStage() if current_stage() is None else None
        self.temp_path = (self._own_stage or current_stage()).path(self.path)
        self.dtype = np.dtype(dtype)
        self.scales, self.offsets = scales, offsets
        self.stretch = None if display_bands is None else StretchSample(display_bands, width * height, nodata)
        options = creation_options(n_bands, self.dtype, tile)
        try:
            driver = gdal.GetDriverByName("GTiff")
            self.dataset = driver.Create(self.temp_path, int(width), int(height), int(n_bands),
                                         _NUMPY_TO_GDAL[self.dtype], options)
        except RuntimeError as error:
            raise RasterError(QT_TRANSLATE_NOOP("core", "Cannot create '{}': {}"), self.path, error)
        if geotransform is not None:
            self.dataset.SetGeoTransform(tuple(geotransform))
        if projection:
            self.dataset.SetProjection(projection)
        if metadata:
            self.dataset.SetMetadata({str(k): str(v) for k, v in metadata.items()})
        for index in range(int(n_bands)):
            band = self.dataset.GetRasterBand(index + 1)
            if scales is not None:
                band.SetScale(float(scales[index]))
            if offsets is not None:
                band.SetOffset(float(offsets[index]))
            self._describe_band(band, index, nodata, descriptions, wavelengths_nm, fwhm_nm)

    @staticmethod
    def _describe_band(band, index, nodata, descriptions, wavelengths_nm, fwhm_nm):
        if nodata is not None:
            band.SetNoDataValue(float(nodata))
        if descriptions is not None:
            band.SetDescription(str(descriptions[index]))
        if wavelengths_nm is not None:
            # Both conventions: ENVI-style items that GDAL and QGIS read today, and GDAL 3.10's
            # IMAGERY domain that newer tools look for.
            band.SetMetadataItem("wavelength", "{:.4f}".format(wavelengths_nm[index]))
            band.SetMetadataItem("wavelength_units", "Nanometers")
            band.SetMetadataItem("CENTRAL_WAVELENGTH_UM", "{:.7f}".format(wavelengths_nm[index] / 1000.0), "IMAGERY")
            if fwhm_nm is not None:
                band.SetMetadataItem("fwhm", "{:.4f}".format(fwhm_nm[index]))
                band.SetMetadataItem("FWHM_UM", "{:.7f}".format(fwhm_nm[index] / 1000.0), "IMAGERY")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    def write(self, window, values):
        """Write (n_pixels, n_bands) values of a window (from RasterReader.windows)."""
        values = np.asarray(values)
        if self.stretch is not None:
            self.stretch.update(values)
        if values.dtype not in _NUMPY_TO_GDAL:
            values = values.astype(self.dtype)
        # Written pixel-interleaved as it is: GDAL converts to the file's type (rounding to integers), with no
        # transposed or converted copy of the block.
        with gdal_turn():
            if values.shape[1] == 1:  # (GDAL 3.6 indexes a one-band pixel-interleaved array wrongly)
                self.dataset.WriteArray(values.reshape(1, window.ysize, window.xsize), window.xoff, window.yoff)
            else:
                self.dataset.WriteArray(values.reshape(window.ysize, window.xsize, values.shape[1]), window.xoff,
                                        window.yoff, interleave="pixel")

    def display_limits(self, cut):
        """[(low, high)] of the display bands in the values a reader sees (scaled): the cut fractions of what was
        written; None for a band with no valid value."""
        return self.stretch.limits(cut, self.scales, self.offsets)

    def commit(self):
        """Close the file; outside a run, give it (and its .aux.xml) its final name, replacing an older output."""
        with gdal_turn():
            self.dataset.FlushCache()
            self.dataset = None
        if self._own_stage is not None:
            self._own_stage.commit()

    def abort(self):
        """Close the file; outside a run, delete it. The output path is left as it was."""
        with gdal_turn():
            self.dataset = None
        if self._own_stage is not None:
            self._own_stage.abort()
