"""Read any GDAL raster as (n_pixels, n_bands) blocks with a valid-pixel mask (its band metadata: raster_metadata).

Scenes of 330 bands do not fit in memory at any useful size, so every algorithm streams windows
that are aligned to the file's own blocks (no block is decoded twice) and to the tiles the
outputs are written with (no output tile is written twice).
"""
import math
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
from osgeo import gdal, gdal_array

from ..core.messages import CoreError, QT_TRANSLATE_NOOP
from .block_cache import gdal_turn
from .raster_metadata import envi_bad_bands, envi_items, find_wavelengths

gdal.UseExceptions()

#: Output tile edge; processing windows are multiples of it.
TILE = 256
#: Default budget for one block of pixels, in float32 values (192 MiB): two 256 x 256 tiles of a 330-band
#: scene, so that GDAL decodes the tiles of one read in parallel.
BLOCK_VALUES = 48 * 1024 * 1024
#: Most pixels in one window, whatever the bands: a raster of a few bands (abundances, concentrations) would
#: otherwise come in windows of millions of pixels, and per-pixel work in float64 would grow with the scene.
MAX_WINDOW_PIXELS = 16 * TILE * TILE
#: Scale of integer reflectance without a scale factor: many L2 products (EnMAP's among them) and
#: atmospheric correction tools store reflectance x 10000 in 16-bit integers.
INTEGER_REFLECTANCE_SCALE = 1e-4
#: Reflectance above this is not reflectance: integer values whose 99th percentile exceeds it are scaled.
MAX_REFLECTANCE = 1.5
#: Edge of the windows sampled (five of them) to recognise integer reflectance.
SAMPLE_EDGE = 32


class RasterError(CoreError):
    """A raster that cannot be opened, read or written."""


class Window(NamedTuple):
    """A pixel rectangle of the raster."""
    xoff: int
    yoff: int
    xsize: int
    ysize: int

    @property
    def n_pixels(self):
        return self.xsize * self.ysize


def aligned_windows(width, height, step_x, step_y, max_pixels):
    """Windows that tile the raster, each a whole number of step_x by step_y cells.

    A window spans the full width when the budget allows, and as many rows of cells as fit.
    """
    cells_across = math.ceil(width / step_x)
    cells = max(1, max_pixels // (step_x * step_y))
    if cells >= cells_across:
        win_w, win_h = width, step_y * max(1, cells // cells_across)
    else:
        win_w, win_h = step_x * cells, step_y
    return [Window(x, y, min(win_w, width - x), min(win_h, height - y))
            for y in range(0, height, win_h) for x in range(0, width, win_w)]


def _alignment(block, tile, size):
    """Step that is a multiple of both the file's block and the output tile, unless that is huge."""
    if block >= size:
        return tile
    step = block * tile // math.gcd(block, tile)
    return step if step <= 4 * max(block, tile) else max(block, tile)


class RasterReader:
    """A GDAL raster opened for block-wise reading. Use as a context manager."""

    def __init__(self, path):
        self.path = str(path)
        try:
            self.dataset = _open(self.path)
        except RuntimeError as error:
            raise RasterError(QT_TRANSLATE_NOOP("core", "'{}' is not a raster GDAL can read: {}"), self.path, error)
        if self.dataset is None or self.dataset.RasterCount == 0:
            raise RasterError(QT_TRANSLATE_NOOP("core", "'{}' is not a raster GDAL can read."), self.path)
        self.width = self.dataset.RasterXSize
        self.height = self.dataset.RasterYSize
        self.n_bands = self.dataset.RasterCount
        bands = [self.dataset.GetRasterBand(i + 1) for i in range(self.n_bands)]
        self.nodata = [band.GetNoDataValue() for band in bands]
        self.descriptions = [band.GetDescription() for band in bands]
        self.block_size = tuple(bands[0].GetBlockSize())
        self.scales = np.array([band.GetScale() or 1.0 for band in bands])
        self.offsets = np.array([band.GetOffset() or 0.0 for band in bands])
        self.integer = np.array([gdal.GetDataTypeName(band.DataType).startswith(("Byte", "Int", "UInt"))
                                 for band in bands])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.dataset = None

    @property
    def geotransform(self):
        return self.dataset.GetGeoTransform()

    @property
    def projection(self):
        return self.dataset.GetProjection()

    @property
    def pixel_area(self):
        """Area of one pixel in map units squared (the geotransform's determinant: rotation included)."""
        _, dx, rx, _, ry, dy = self.geotransform
        return abs(dx * dy - rx * ry)

    def windows(self, n_bands=None, max_values=None, tile=TILE):
        """Processing windows holding at most about max_values (default BLOCK_VALUES) values of
        n_bands bands each and MAX_WINDOW_PIXELS pixels, but never less than one aligned tile."""
        n_bands = n_bands or self.n_bands
        max_values = max_values or BLOCK_VALUES
        step_x = _alignment(self.block_size[0], tile, self.width)
        step_y = _alignment(self.block_size[1], tile, self.height)
        if self.block_size[0] >= self.width:
            step_x = self.width
        return aligned_windows(self.width, self.height, step_x, step_y,
                               max(1, min(MAX_WINDOW_PIXELS, max_values // max(1, n_bands))))

    def read(self, window, bands=None, scaled=True, dtype=np.float32):
        """Pixels of a window as (n_pixels, n_selected) float32 and a valid-pixel mask.

        A pixel is invalid where any selected band is nodata, NaN or infinite, or where all
        selected bands are zero (the fill value of most L2 products). bands: 0-based indices.
        scaled: apply the bands' GDAL scale and offset (int16 x 10000 products become reflectance). dtype: the
        type of the pixels, for unscaled reads (the file's own int16 copies a scene in half the memory).
        """
        bands = self._bands(bands)
        pixels = self._read_raw(window, bands, dtype)
        valid = (pixels != 0).any(axis=1)
        if not self.integer[bands].all():  # integers read as float32 are always finite
            valid &= np.isfinite(pixels).all(axis=1)
        nodata = self._nodata_mask(pixels, bands)
        if nodata is not None:
            valid &= ~nodata.any(axis=1)
        return (self._scale(pixels, bands) if scaled else pixels), valid

    @property
    def stored_type(self):
        """The NumPy type of the first band where an unscaled copy can keep it (uint8, int16, uint16, float32);
        float32 otherwise."""
        dtype = gdal_array.GDALTypeCodeToNumericTypeCode(self.dataset.GetRasterBand(1).DataType)
        return dtype if dtype in (np.uint8, np.int16, np.uint16, np.float32) else np.float32

    def add_values(self, statistics, pixels, bands=None):
        """Add pixels read unscaled (read(..., scaled=False)) to a core BandStatistics, without their nodata and
        non-finite values and without fill pixels (fill_mask): one bad band does not hide the others' values, and a
        border of zeros does not make a constant band look informative. No copy of the block is made."""
        fill, filled = self.fill_mask(pixels, bands)
        statistics.update(pixels, filled[:, None] if fill is None else filled[:, None] & ~fill)

    def fill_mask(self, pixels, bands=None):
        """(True where a value of pixels (as read with read(..., scaled=False)) is its band's nodata or non-finite,
        None where none is; the mask of pixels that are not entirely fill, all nodata/NaN or all zero)."""
        bands = self._bands(bands)
        nodata = self._nodata_mask(pixels, bands)
        if self.integer[bands].all():  # integers read as float32 are always finite
            fill = nodata
        else:
            fill = ~np.isfinite(pixels) if nodata is None else nodata | ~np.isfinite(pixels)
        if fill is None or not fill.any():
            return None, (pixels != 0).any(axis=1)
        return fill, ((pixels != 0) & ~fill).any(axis=1)

    def _bands(self, bands):
        return np.arange(self.n_bands) if bands is None else np.asarray(bands, dtype=np.int64)

    def _read_raw(self, window, bands, dtype=np.float32):
        """(n_pixels, n_bands) of dtype, read pixel-interleaved and converted by GDAL (no NumPy copies)."""
        with _no_implicit_decoding_threads(), gdal_turn():
            cube = self.dataset.ReadAsArray(window.xoff, window.yoff, window.xsize, window.ysize,
                                            band_list=[int(b) + 1 for b in bands],
                                            buf_type=gdal_array.NumericTypeCodeToGDALTypeCode(np.dtype(dtype).type),
                                            interleave="pixel")
        return cube.reshape(window.n_pixels, len(bands))

    def _scale(self, pixels, bands):
        """Scale and offset applied in place (pixels is a fresh buffer from GDAL)."""
        if np.any(self.scales[bands] != 1.0):
            pixels *= self.scales[bands].astype(np.float32)
        if np.any(self.offsets[bands] != 0.0):
            pixels += self.offsets[bands].astype(np.float32)
        return pixels

    def _nodata_mask(self, pixels, bands):
        """True where a value equals its band's nodata (one vectorised comparison for all bands); None
        when no band has a nodata value."""
        nodata = np.array([np.nan if self.nodata[b] is None else self.nodata[b] for b in bands], dtype=np.float32)
        if np.isnan(nodata).all():
            return None
        return pixels == nodata[None, :]

    def blocks(self, windows=None, bands=None, scaled=True, dtype=np.float32):
        """Yield (window, pixels, valid) for each window (default: all of them; see read), reading the
        next window on a background thread while the caller works on this one: GDAL decodes without
        holding Python's lock, so reading and computing overlap. Memory holds the caller's block and the
        next one (for a moment a third, as the caller lets go of the last); closing the generator early
        (a cancelled run) waits for the read in flight."""
        windows = self.windows(None if bands is None else len(bands)) if windows is None else windows
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(self.read, windows[0], bands, scaled, dtype) if len(windows) else None
            for index, window in enumerate(windows):
                pixels, valid = pending.result()
                if index + 1 < len(windows):
                    pending = pool.submit(self.read, windows[index + 1], bands, scaled, dtype)
                yield window, pixels, valid

    def pixel_centres(self, indices):
        """Map coordinates (x, y) of the centres of pixels given by global index (row * width + col)."""
        rows, cols = np.divmod(np.asarray(indices, dtype=np.int64), self.width)
        x0, dx, rx, y0, ry, dy = self.geotransform
        x = x0 + (cols + 0.5) * dx + (rows + 0.5) * rx
        y = y0 + (cols + 0.5) * ry + (rows + 0.5) * dy
        return x, y

    def pixel_at(self, x, y):
        """Global index (row * width + col) of the pixels that hold map points (x, y), -1 off the raster;
        through the inverse geotransform, so rotated rasters are located right."""
        x0, dx, rx, y0, ry, dy = gdal.InvGeoTransform(self.geotransform)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        cols = np.floor(x0 + x * dx + y * rx).astype(np.int64)
        rows = np.floor(y0 + x * ry + y * dy).astype(np.int64)
        inside = (cols >= 0) & (cols < self.width) & (rows >= 0) & (rows < self.height)
        return np.where(inside, rows * self.width + cols, -1)

    def pixel_indices(self, window):
        """Global index (row * width + col) of every pixel of a window, in the order read() returns them."""
        rows, cols = np.divmod(np.arange(window.n_pixels), window.xsize)
        return (rows + window.yoff) * self.width + cols + window.xoff

    def read_pixels(self, indices, bands=None):
        """Scaled spectra (n, n_selected) of pixels given by global index; NaN rows for invalid pixels
        (nodata, NaN, all zero)."""
        return self._patches(indices, 0, bands)[:, 0]

    def read_neighbourhoods(self, indices, radius=1, bands=None):
        """Spectra of the (2 radius + 1)^2 - 1 neighbours of each pixel: (n, m, n_selected), NaN where a
        neighbour is off the image or invalid."""
        side = 2 * radius + 1
        return np.delete(self._patches(indices, radius, bands), radius * side + radius, axis=1)

    def _patches(self, indices, radius, bands):
        """The (2 radius + 1)^2 pixels around each pixel, (n, m, n_selected), NaN off the image or invalid.
        Pixels are grouped by the file's blocks and each group is one read: a read of one pixel decodes its
        whole tile (330 bands), so a read per pixel would decode hundreds of tiles many times over."""
        bands = self._bands(bands)
        side = 2 * radius + 1
        rows, cols = np.divmod(np.asarray(indices, dtype=np.int64), self.width)
        result = np.full((len(rows), side * side, len(bands)), np.nan, dtype=np.float32)
        d_rows, d_cols = (offsets.ravel() for offsets in np.mgrid[-radius:radius + 1, -radius:radius + 1])
        cell_w, cell_h = min(self.block_size[0], TILE), min(self.block_size[1], TILE)
        groups = (rows // cell_h) * math.ceil(self.width / cell_w) + cols // cell_w
        for group in np.unique(groups):
            members = np.flatnonzero(groups == group)
            top, left = max(0, rows[members].min() - radius), max(0, cols[members].min() - radius)
            bottom = min(self.height, rows[members].max() + radius + 1)
            right = min(self.width, cols[members].max() + radius + 1)
            pixels, valid = self.read(Window(int(left), int(top), int(right - left), int(bottom - top)), bands)
            pixels[~valid] = np.nan
            patch = pixels.reshape(bottom - top, right - left, len(bands))
            near_rows, near_cols = rows[members, None] + d_rows, cols[members, None] + d_cols
            inside = (near_rows >= 0) & (near_rows < self.height) & (near_cols >= 0) & (near_cols < self.width)
            member, slot = np.nonzero(inside)
            result[members[member], slot] = patch[near_rows[member, slot] - top, near_cols[member, slot] - left]
        return result

    def wavelengths(self):
        """Band wavelengths in nm from the file's metadata, or None when it holds none (see raster_metadata)."""
        return find_wavelengths(self.dataset)

    def bad_bands(self):
        """0-based indices of the bands the ENVI header's bad band list marks, or None (see raster_metadata)."""
        return envi_bad_bands(self.dataset)

    def reflectance_scale(self):
        """(scale, reason) that turns the stored values into reflectance where no GDAL scale or offset says
        how: 1 / the ENVI header's 'reflectance scale factor', else 1e-4 for integer reflectance without a
        scale factor (16- or 32-bit integers whose sampled 99th percentile exceeds MAX_REFLECTANCE, which
        reflectance never does). (None, None) when the values are to be read as they are."""
        if np.any(self.scales != 1.0) or np.any(self.offsets != 0.0):
            return None, None
        factor = envi_items(self.dataset).get("reflectance_scale_factor")
        try:
            factor = float(factor) if factor is not None else None
        except ValueError:
            factor = None
        if factor is not None and factor > 0 and factor != 1.0:
            return 1.0 / factor, "ENVI reflectance scale factor"
        types = {gdal.GetDataTypeName(self.dataset.GetRasterBand(i + 1).DataType) for i in range(self.n_bands)}
        if types <= {"Int16", "UInt16", "Int32", "UInt32"} and self._sampled_percentile(99) > MAX_REFLECTANCE:
            return INTEGER_REFLECTANCE_SCALE, "integer reflectance without a scale factor"
        return None, None

    def assume_scale(self, scale):
        """Read every band as stored value x scale from now on (what a GDAL scale would say)."""
        self.scales = np.full(self.n_bands, float(scale))

    def _sampled_percentile(self, percentile):
        """Percentile of the valid values in five small windows (centre and quadrants); 0 when none is valid."""
        edge_x, edge_y = min(SAMPLE_EDGE, self.width), min(SAMPLE_EDGE, self.height)
        values = []
        for fx, fy in ((0.5, 0.5), (0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
            x = min(int(self.width * fx), self.width - edge_x)
            y = min(int(self.height * fy), self.height - edge_y)
            pixels, valid = self.read(Window(x, y, edge_x, edge_y), scaled=False)
            values.append(pixels[valid].ravel())
        values = np.concatenate(values)
        return float(np.percentile(values, percentile)) if values.size else 0.0

#: First GDAL whose multi-threaded GeoTIFF decoding reads a band subset of a band-interleaved file safely.
_SAFE_THREADED_BAND_SUBSETS = 3070100
_GDAL_VERSION = int(gdal.VersionInfo("VERSION_NUM"))


def _open(path):
    """Open read-only; a GeoTIFF decodes the tiles of one read on all cores where that is safe."""
    with _no_implicit_decoding_threads():
        dataset = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
    if dataset is None or dataset.GetDriver().ShortName != "GTiff" or dataset.RasterCount == 0:
        return dataset
    # Always explicit: NUM_THREADS=1 also overrides a GDAL_NUM_THREADS set in the user's environment.
    threads = "ALL_CPUS" if threaded_decoding_is_safe(dataset) else "1"
    return gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY, open_options=["NUM_THREADS=" + threads])


def threaded_decoding_is_safe(dataset, version=None):
    """False where GDAL < 3.7.1 would corrupt the heap (a double free that aborts QGIS) when reading a
    band subset with NUM_THREADS: band-interleaved GeoTIFFs with more than one block per band."""
    version = _GDAL_VERSION if version is None else version
    if version >= _SAFE_THREADED_BAND_SUBSETS or dataset.RasterCount == 1:
        return True
    if (dataset.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE") or "PIXEL").upper() == "PIXEL":
        return True
    block_x, block_y = dataset.GetRasterBand(1).GetBlockSize()
    return math.ceil(dataset.RasterXSize / block_x) * math.ceil(dataset.RasterYSize / block_y) == 1


@contextmanager
def _no_implicit_decoding_threads():
    """On GDAL < 3.7.1, GeoTIFFs opened without NUM_THREADS (the sources of a VRT) decode single-threaded in
    this thread even when the user's environment sets GDAL_NUM_THREADS, for the crash above."""
    if _GDAL_VERSION >= _SAFE_THREADED_BAND_SUBSETS:
        yield
        return
    with thread_config("GDAL_NUM_THREADS", "1"):
        yield


@contextmanager
def thread_config(name, value):
    """A GDAL configuration option set for this thread only while the block runs (other threads, such as
    QGIS's own, keep theirs)."""
    previous = gdal.GetThreadLocalConfigOption(name, None)
    gdal.SetThreadLocalConfigOption(name, value)
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption(name, previous)
