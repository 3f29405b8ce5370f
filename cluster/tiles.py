"""One huge scene on a Dask cluster: a per-pixel step run on tiles of the scene by the workers, then mosaicked.

The steps that compute each pixel from that pixel alone, given what is fixed before the scene is read (the
endmember library, the model file, the bands to keep), give the same values on a tile as on the whole scene:
Remove bad bands, Unmix abundances (NNLS, FCLS, UCLS, SVR) and Predict metal concentrations. What the whole
scene decides is decided once here and handed to every tile: the reflectance scale of integer scenes, the bands
that are constant over the scene (a statistics pass over the tiles on the workers) and the ENVI bad band list;
a tile keeps the scene's metadata (wavelengths, ENVI header items), so every tile reads its pixels and bands as
the run on the whole scene does.

Tiles are VRT windows of the scene (no copy), aligned to multiples of the edge given (a multiple of 256, the
plugin's tile edge, decodes no block of a tiled scene twice). Each output is a GeoTIFF written by the plugin's
own RasterWriter from the tiles' outputs, byte for byte, with the metadata of the run on the whole scene, and
all outputs appear together only when every tile succeeded. Paths must be the same on every worker.
"""
import os
import shutil
import tempfile
import time
import uuid
from typing import NamedTuple

import numpy as np
from osgeo import gdal, gdal_array

from ..algorithms.core.band_selection import BandSelectionError, parse_band_list
from ..algorithms.io.raster_metadata import find_wavelengths
from ..algorithms.io.raster_reader import BLOCK_VALUES, RasterError, RasterReader, Window
from ..algorithms.io.raster_writer import RasterWriter, check_writable
from ..algorithms.io.staged_outputs import run_stage
from . import tasks
from .client import describe, stop

gdal.UseExceptions()

#: Default tile edge in pixels: a multiple of the plugin's output tiles (64 to 256 pixels, io.raster_writer.tile_edge).
DEFAULT_TILE = 2048
#: Metadata domains that describe a file's layout, not its content: never copied onto a tile or a mosaic.
_LAYOUT_DOMAINS = ("IMAGE_STRUCTURE", "DERIVED_SUBDATASETS", "SUBDATASETS", "LocationInfo")


class TiledStep(NamedTuple):
    """A step that runs on tiles: its raster input, whether that input is a reflectance scene (its scale
    decided on the whole scene), and its raster outputs."""
    input: str
    scene: bool
    outputs: tuple


TILED_STEPS = {
    "pccee:removebadbands": TiledStep("INPUT", True, ("OUTPUT",)),
    "pccee:unmixabundances": TiledStep("INPUT", True, ("OUTPUT", "OUTPUT_RESIDUAL")),
    "pccee:predictmetals": TiledStep("ABUNDANCES", False, ("OUTPUT", "OUTPUT_UNCERTAINTY")),
}


class TilesFailed(RuntimeError):
    """A tiled run that could not complete; no output was written."""


def tile_windows(width, height, edge):
    """Windows of edge x edge pixels (smaller along the right and bottom edges), row by row."""
    edge = int(edge)
    if edge < 1:
        raise ValueError("The tile edge must be a positive number of pixels, not {}.".format(edge))
    return [Window(x, y, min(edge, width - x), min(edge, height - y))
            for y in range(0, height, edge) for x in range(0, width, edge)]


def write_tile(source, window, path, scale=None):
    """A VRT of `window` of the raster `source` at `path`, carrying every metadata domain of the scene and of its
    bands (wavelengths in GDAL's IMAGERY domain, ENVI header items), and `scale` on every band when given (the
    reflectance scale decided on the whole scene). Checked: the tile's wavelengths are the scene's, bit for bit."""
    dataset = gdal.Open(source)
    tile = gdal.Translate(path, dataset, format="VRT", srcWin=[window.xoff, window.yoff, window.xsize, window.ysize])
    _copy_metadata(dataset, tile)
    if scale is not None:
        for index in range(tile.RasterCount):
            tile.GetRasterBand(index + 1).SetScale(float(scale))
    tile = None
    scene_wavelengths, tile_wavelengths = find_wavelengths(dataset), find_wavelengths(gdal.Open(path))
    if not _same_wavelengths(scene_wavelengths, tile_wavelengths):
        raise TilesFailed("The tiles of '{}' do not carry its wavelengths unchanged: give them in WAVELENGTHS, "
                          "or run the step on the whole scene.".format(source))
    return path


def _same_wavelengths(first, second):
    if first is None or second is None:
        return first is None and second is None
    same_fwhm = (first.fwhm is None and second.fwhm is None) or (
        first.fwhm is not None and second.fwhm is not None and np.array_equal(first.fwhm, second.fwhm))
    return np.array_equal(first.nm, second.nm) and same_fwhm


def _copy_metadata(source, target):
    """Every metadata domain but the layout ones, of the dataset and of each band, with the bands' descriptions,
    nodata, scale and offset."""
    for domain in source.GetMetadataDomainList() or []:
        if domain not in _LAYOUT_DOMAINS and not domain.startswith("xml:"):
            target.SetMetadata(source.GetMetadata(domain), domain)
    for index in range(source.RasterCount):
        band, out = source.GetRasterBand(index + 1), target.GetRasterBand(index + 1)
        for domain in band.GetMetadataDomainList() or []:
            if domain not in _LAYOUT_DOMAINS and not domain.startswith("xml:"):
                out.SetMetadata(band.GetMetadata(domain), domain)
        out.SetDescription(band.GetDescription())
        if band.GetNoDataValue() is not None:
            out.SetNoDataValue(band.GetNoDataValue())
        if band.GetScale() not in (None, 1.0):
            out.SetScale(band.GetScale())
        if band.GetOffset() not in (None, 0.0):
            out.SetOffset(band.GetOffset())


def run_tiles(client, algorithm, parameters, tile=DEFAULT_TILE, scratch=None, progress=print, timeout=None,
              qgis_process=None):
    """Run a per-pixel step (a key of TILED_STEPS) on tiles of its input on the cluster and mosaic its outputs.

    parameters: the step's parameters as for qgis_process ({name: value}), outputs included (GeoTIFF paths; the
    ones left out are not kept); tile: the tile edge in pixels; scratch: a folder every worker can write, for
    the tiles (default: a hidden folder beside the first output, removed at the end); progress: called with one
    line per finished tile; timeout: seconds per tile. Returns {output name: path}. The values equal those of
    the step run on the whole scene on one machine, bit for bit. Raises TilesFailed, having written nothing.
    """
    step, parameters, source, outputs = check_tiled_run(algorithm, parameters)
    try:
        reader = RasterReader(source)
    except RasterError as error:
        raise ValueError("{}: {}".format(step.input, error.template.format(*error.values)))
    with reader:
        scale = reader.reflectance_scale()[0] if step.scene else None
        width, height = reader.width, reader.height
        grid = dict(geotransform=reader.geotransform, projection=reader.projection)
        bad_bands = reader.bad_bands()
    windows = tile_windows(width, height, tile)
    scratch = tempfile.mkdtemp(prefix=".pccee-tiles-", dir=scratch or os.path.dirname(next(iter(outputs.values()))))
    try:
        tiles = [write_tile(source, window, os.path.join(scratch, "tile-{:05d}.vrt".format(index)), scale)
                 for index, window in enumerate(windows)]
        progress("{} on {} tiles of {} x {} pixels of {} ({} x {}), {}".format(
            algorithm, len(tiles), tile, tile, source, width, height, describe(client)))
        fixed = dict(parameters)
        if algorithm == "pccee:removebadbands":
            fixed.update(_bands_to_drop(client, parameters, reader.n_bands, bad_bands, tiles, progress))
        replies = _run_on_tiles(client, algorithm, fixed, step, tiles, windows, scratch, progress, timeout,
                                qgis_process)
        with run_stage():  # every output appears together, or none
            for name, final in outputs.items():
                progress("Mosaic of {}: {}".format(name, final))
                _mosaic(final, [(window, None if reply["empty"] else reply["results"][name])
                                for window, reply in zip(windows, replies)], width, height, grid)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return outputs


def check_tiled_run(algorithm, parameters):
    """ValueError, naming the parameter and the fix, for a run that cannot go on tiles; else (step, the parameters
    with absolute paths, the input, {output name: path} of the outputs to keep). Cheap: done before a cluster starts."""
    if algorithm not in TILED_STEPS:
        raise ValueError("'{}' cannot run on tiles: only the per-pixel steps can ({}). Run it on the whole scene."
                         .format(algorithm, ", ".join(TILED_STEPS)))
    step = TILED_STEPS[algorithm]
    parameters = tasks.absolute_paths(parameters)
    _refuse_whole_scene_methods(algorithm, parameters)
    source = parameters.get(step.input)
    if not source:
        raise ValueError("{}: give the raster to run on, as {}=path.".format(step.input, step.input))
    return step, parameters, source, _check_outputs(step, parameters, source)


def _refuse_whole_scene_methods(algorithm, parameters):
    if algorithm == "pccee:unmixabundances" and str(parameters.get("METHOD", 0)).strip().lower() in ("3", "nmf"):
        raise ValueError("METHOD: NMF refines the endmembers on pixels sampled over the whole scene, so each tile "
                         "would refine its own. Run NMF on the whole scene, or choose NNLS, FCLS, UCLS or SVR.")


def _check_outputs(step, parameters, source):
    """{output name: absolute path} of the outputs named, checked before any work."""
    outputs = {}
    for name in step.outputs:
        value = parameters.get(name)
        if not value or str(value) == "TEMPORARY_OUTPUT":
            continue
        path = os.path.abspath(str(value))
        if os.path.splitext(path)[1].lower() not in (".tif", ".tiff"):
            raise ValueError("{}: the mosaic is a GeoTIFF; give a .tif file, not '{}'.".format(name, value))
        if os.path.exists(source) and os.path.exists(path) and os.path.samefile(path, source):
            raise ValueError("{}: '{}' is the input; choose another file.".format(name, value))
        if path in outputs.values():
            raise ValueError("{}: '{}' is given for another output too; choose another file.".format(name, value))
        try:
            check_writable(path)
        except RasterError as error:
            raise ValueError("{}: {}".format(name, error.template.format(*error.values)))
        outputs[name] = path
    if not outputs:
        raise ValueError("Name at least one output to keep: {}.".format(
            ", ".join("{}=file.tif".format(name) for name in step.outputs)))
    return outputs


def _bands_to_drop(client, parameters, n_bands, envi_bad_bands, tiles, progress):
    """BAD_BANDS and DROP_CONSTANT for every tile, so that each keeps the bands the whole scene keeps: the bands
    listed (or the ENVI header's bad bands) and, unless DROP_CONSTANT is false, those constant or empty over the
    whole scene, found from the statistics of every tile (computed on the workers)."""
    text = str(parameters.get("BAD_BANDS") or "").strip()
    try:
        drop = set(parse_band_list(text, n_bands).tolist()) if text else set(
            [] if envi_bad_bands is None else envi_bad_bands.tolist())
    except BandSelectionError as error:
        raise ValueError("BAD_BANDS: " + error.template.format(*error.values))
    if str(parameters.get("DROP_CONSTANT", True)).strip().lower() not in ("false", "0", "no"):
        started = time.monotonic()
        futures = client.map(tasks.tile_statistics, tiles, pure=False)
        uninformative = tasks.merge_statistics(client.gather(futures)).uninformative()
        progress("Band statistics of the whole scene from {} tiles in {:.0f} s: {} constant or empty band(s)".format(
            len(tiles), time.monotonic() - started, int(uninformative.sum())))
        if uninformative.all():
            raise TilesFailed("INPUT: every band is constant or empty across the scene (all nodata, NaN, or one "
                              "value such as 0): the raster holds no image. Check its nodata value, or give the scene "
                              "itself.")
        drop |= set(np.flatnonzero(uninformative).tolist())
    return {"BAD_BANDS": ",".join(str(index + 1) for index in sorted(drop)), "DROP_CONSTANT": False}


def _run_on_tiles(client, algorithm, parameters, step, tiles, windows, scratch, progress, timeout, qgis_process):
    """Every tile's run (one task each); the replies in tile order. The first failure stops the other tiles."""
    futures = {}
    batch = uuid.uuid4().hex
    for index, tile in enumerate(tiles):
        values = dict(parameters, **{step.input: tile})
        values.update({name: os.path.join(scratch, "tile-{:05d}-{}.tif".format(index, name.lower()))
                       for name in step.outputs})
        future = client.submit(tasks.run_tile, algorithm, values, tile, qgis_process=qgis_process, timeout=timeout,
                               environment=tasks.USER_ENVIRONMENT, batch=batch,
                               key="tile-{:05d}-{}".format(index, uuid.uuid4().hex[:8]), pure=False)
        futures[future] = index
    try:
        return _gather_tiles(futures, algorithm, windows, progress)
    except BaseException:  # a failed tile, or interrupted: the other tiles' runs stop before their folder goes
        stop(client, [future for future in futures if future.status != "error"], batch)
        raise


def _gather_tiles(futures, algorithm, windows, progress):
    """The tiles' replies in tile order, one progress line each; TilesFailed at the first failure."""
    distributed = __import__("distributed")
    replies = [None] * len(windows)
    started = time.monotonic()
    for done, future in enumerate(distributed.as_completed(list(futures)), start=1):
        index = futures[future]
        window = windows[index]
        where = "tile {} (columns {}-{}, rows {}-{})".format(index + 1, window.xoff, window.xoff + window.xsize - 1,
                                                             window.yoff, window.yoff + window.ysize - 1)
        if future.status != "finished":
            error = future.exception()
            text = error.args[1] if isinstance(error, tasks.AlgorithmFailed) else "{}: {}".format(
                type(error).__name__, error)
            raise TilesFailed("{} failed on {}: {} No output was written.".format(algorithm, where, text))
        reply = replies[index] = future.result()
        state = "no valid pixel, left nodata" if reply["empty"] else "done in {:.0f} s".format(reply["seconds"])
        progress("[{}/{}] {}: {} on {} (pid {}) ({:.0f} s since the start)".format(
            done, len(windows), where, state, reply["host"], reply["pid"], time.monotonic() - started))
    if all(reply["empty"] for reply in replies):
        raise TilesFailed("{} failed: {} No output was written.".format(algorithm, replies[0]["error"]))
    return replies


def _mosaic(final, pieces, width, height, grid):
    """Write the output `final` (staged by the run_stage in progress) from the tiles' files, value for value, with
    the first tile's metadata; a tile without a file (no valid pixel) is filled with each band's nodata."""
    first = gdal.Open(next(path for _, path in pieces if path))
    n_bands = first.RasterCount
    dtype = np.dtype(gdal_array.GDALTypeCodeToNumericTypeCode(first.GetRasterBand(1).DataType))
    nodata = [first.GetRasterBand(i + 1).GetNoDataValue() for i in range(n_bands)]
    with RasterWriter(final, width, height, n_bands, dtype=dtype, **grid) as writer:
        _copy_metadata(first, writer.dataset)
        for window, path in pieces:
            rows = max(1, BLOCK_VALUES // max(1, window.xsize * n_bands))
            tile = gdal.Open(path) if path else None
            for top in range(0, window.ysize, rows):
                strip = min(rows, window.ysize - top)
                if tile is not None:
                    data = tile.ReadRaster(0, top, window.xsize, strip)
                else:
                    fill = np.array([0 if value is None else value for value in nodata], dtype=dtype)
                    data = np.broadcast_to(fill[:, None, None], (n_bands, strip, window.xsize)).tobytes()
                writer.dataset.WriteRaster(window.xoff, window.yoff + top, window.xsize, strip, data)
    first = None
