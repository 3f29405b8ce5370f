"""PNG quick-looks of rasters for reports and the demo page: true colour and class-fraction maps.

Reads a decimated overview (at most `max_side` pixels a side) through GDAL, never the full cube.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from osgeo import gdal  # noqa: E402

from ..io.raster_reader import RasterReader  # noqa: E402

gdal.UseExceptions()


def _overview(path, bands, max_side):
    """(rows, cols, len(bands)) scaled values of the given 0-based bands, decimated to max_side."""
    with RasterReader(path) as reader:
        factor = max(1, int(np.ceil(max(reader.width, reader.height) / max_side)))
        rows, cols = reader.height // factor, reader.width // factor
        planes = []
        for band in bands:
            values = reader.dataset.GetRasterBand(int(band) + 1).ReadAsArray(buf_xsize=cols, buf_ysize=rows)
            planes.append(values.astype(np.float32) * reader.scales[band] + reader.offsets[band])
        return np.stack(planes, axis=-1)


def true_colour_png(path, png, title, max_side=600):
    """True-colour PNG (bands nearest 640, 550, 470 nm) with one stretch for all three, so hues stay
    natural: black to the 99th percentile of the brightest band, gamma 0.8."""
    with RasterReader(path) as reader:
        wavelengths = reader.wavelengths().nm
    bands = [int(np.argmin(np.abs(wavelengths - w))) for w in (640.0, 550.0, 470.0)]
    rgb = _overview(path, bands, max_side)
    high = np.percentile(rgb, 99)
    _save(np.clip(rgb / high, 0, 1) ** 0.8, png, title)


def band_panels_png(path, png, title, names, max_side=600, limits=(0.0, 1.0), cmap="viridis", label="fraction"):
    """One panel per band: fractions on a shared 0-1 scale, or (limits=None) each band stretched
    between its 2nd and 98th percentile (concentrations)."""
    with RasterReader(path) as reader:
        bands = list(range(reader.n_bands))
        nodata = reader.nodata[0]
    values = _overview(path, bands, max_side)
    if nodata is not None:
        values = np.where(values == nodata, np.nan, values)
    figure, axes = plt.subplots(1, len(bands), figsize=(3.2 * len(bands), 3.4), squeeze=False)
    for axis, band in zip(axes[0], bands):
        low, high = limits if limits else np.nanpercentile(values[..., band], [2, 98])
        image = axis.imshow(values[..., band], vmin=low, vmax=high, cmap=cmap)
        axis.set_title(names[band], fontsize=8)
        axis.set_axis_off()
    if limits:
        figure.colorbar(image, ax=axes, shrink=0.8, label=label)
    figure.suptitle(title)
    figure.savefig(png, dpi=80)
    plt.close(figure)


def _save(image, png, title):
    figure, axis = plt.subplots(figsize=(6, 6))
    axis.imshow(image)
    axis.set_title(title)
    axis.set_axis_off()
    figure.savefig(png, dpi=80, bbox_inches="tight")
    plt.close(figure)
