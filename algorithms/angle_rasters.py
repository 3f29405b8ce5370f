"""Spectral-angle rasters: the angle of every pixel to each of a set of spectra, streamed, with the
closest pixel to each spectrum found on the way (prior matching and SAM heat maps share this)."""
import numpy as np

from .core.spectral_angle import ClosestPixels, spectral_angles
from .io.raster_writer import RasterWriter

NODATA = -1.0


def write_angle_raster(algorithm, reader, references, names, path, feedback, start=0.0, end=100.0):
    """Write one float32 band of angles (degrees) per reference; invalid pixels get NODATA.

    references: (n_refs, n_bands) on the image's bands, NaN where a reference has no value.
    Returns ClosestPixels (angle and global index of the pixel closest to each reference).
    """
    closest = ClosestPixels(len(references))
    windows = reader.windows()
    with RasterWriter(path, reader.width, reader.height, len(references), reader.geotransform, reader.projection,
                      nodata=NODATA, descriptions=["angle to {} (degrees)".format(n) for n in names],
                      metadata={"PCCEE_UNITS": "degrees"}) as writer:
        mapped = 0
        for window, pixels, valid in algorithm.stream(reader, feedback, windows, start=start, end=end):
            mapped += int(valid.sum())
            angles = np.full((window.n_pixels, len(references)), NODATA)
            angles[valid] = np.nan_to_num(spectral_angles(pixels if valid.all() else pixels[valid], references), nan=NODATA)
            closest.update(reader.pixel_indices(window)[valid], np.where(angles[valid] == NODATA, np.nan, angles[valid]))
            writer.write(window, angles)
        if not mapped:
            raise algorithm.fail(algorithm.INPUT, algorithm.tr(
                "the raster has no valid pixel (all nodata, NaN or zero): there is no angle to map. Check its nodata "
                "value."))
    return closest
