"""PNG quick-looks of rasters for reports and the demo page: true colour, one panel per band with its own colour
bar and units, and classes (zones) with their legend; each with a scale bar.

Reads a decimated overview (at most `max_side` pixels a side) through GDAL, never the full cube. matplotlib is
imported only when a picture is drawn (html_report.new_figure).
"""
import numpy as np
from osgeo import gdal

from ..io.raster_reader import RasterReader
from .html_report import colour_map, new_figure, save_png

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
        pixel = abs(reader.geotransform[1]) if reader.geotransform else None
        width = reader.width
    bands = [int(np.argmin(np.abs(wavelengths - w))) for w in (640.0, 550.0, 470.0)]
    rgb = _overview(path, bands, max_side)
    high = np.percentile(rgb, 99)
    figure = new_figure(7, 7)
    axis = figure.add_subplot(1, 1, 1)
    axis.imshow(np.clip(rgb / high, 0, 1) ** 0.8)
    _finish(axis, title, pixel, width, rgb.shape[1])
    save_png(figure, png)


def band_panels_png(path, png, title, names, max_side=600, limits=(0.0, 1.0), cmap="viridis", label="fraction",
                    columns=4):
    """One panel per band, `columns` to a row, titled with `names`: fractions on a shared scale (limits) with one
    colour bar, or (limits=None) each band stretched between its 2nd and 98th percentile with a colour bar of its
    own labelled `label` (the units: concentrations)."""
    with RasterReader(path) as reader:
        bands = list(range(reader.n_bands))
        nodata = reader.nodata[0]
        pixel = abs(reader.geotransform[1]) if reader.geotransform else None
        width = reader.width
    values = _overview(path, bands, max_side)
    if nodata is not None:
        values = np.where(values == nodata, np.nan, values)
    columns = min(columns, len(bands))
    rows = int(np.ceil(len(bands) / columns))
    figure = new_figure(3.2 * columns + (1.0 if limits else 0.0), 3.1 * rows + 0.5)
    axes = [figure.add_subplot(rows, columns, i + 1) for i in range(len(bands))]
    for axis, band in zip(axes, bands):
        low, high = limits if limits else np.nanpercentile(values[..., band], [2, 98])
        image = axis.imshow(values[..., band], vmin=low, vmax=high, cmap=cmap, interpolation="nearest")
        _finish(axis, names[band], pixel if band == bands[0] else None, width, values.shape[1], size=12)
        if not limits:
            figure.colorbar(image, ax=axis, shrink=0.82, label=label)
    if limits:
        figure.colorbar(image, ax=axes, shrink=0.8, label=label)
    figure.suptitle(title, fontsize=14)
    save_png(figure, png)


def classes_figure(path, title, names=None, colours=None, max_side=600):
    """A figure of a class raster (codes 1..n, 0 = none) in its colours with a legend of names; names and colours
    default to the file's category names and colour table."""
    from matplotlib.patches import Patch
    dataset = gdal.Open(str(path))
    band = dataset.GetRasterBand(1)
    table, categories = band.GetColorTable(), band.GetCategoryNames() or []
    entries = [table.GetColorEntry(c)[:3] for c in range(table.GetCount())] if table else []
    pixel, width = abs(dataset.GetGeoTransform()[1]), dataset.RasterXSize
    table = band = dataset = None
    codes = _overview(path, [0], max_side)[..., 0].astype(int)
    count = len(names) if names else max(int(codes.max()), 0)
    names = names or [categories[c] if c < len(categories) and categories[c] else "class {}".format(c)
                      for c in range(1, count + 1)]
    if colours is None:
        colours = ["#{:02x}{:02x}{:02x}".format(*entries[c]) if c < len(entries) else
                   "#{:02x}{:02x}{:02x}".format(*[int(255 * v) for v in colour_map("RdYlGn_r")(c / max(count, 1))[:3]])
                   for c in range(1, count + 1)]
    rgba = np.ones(codes.shape + (4,))
    for code, colour in enumerate(colours, start=1):
        rgba[codes == code] = [int(colour[i:i + 2], 16) / 255.0 for i in (1, 3, 5)] + [1.0]
    figure = new_figure(8.5, 6.5)
    axis = figure.add_subplot(1, 1, 1)
    axis.imshow(rgba, interpolation="nearest")
    _finish(axis, title, pixel, width, codes.shape[1])
    axis.legend(handles=[Patch(facecolor=c, edgecolor="#555", label=n if str(i) in n else "{} ({})".format(n, i))
                         for i, (n, c) in enumerate(zip(names, colours), start=1)],
                loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=11, frameon=False, title="zone")
    return figure


def classes_png(path, png, title, names=None, colours=None, max_side=600):
    save_png(classes_figure(path, title, names, colours, max_side), png)


def _finish(axis, title, pixel, width, shown_width, size=13):
    """Title, no axes, and (pixel: the size of a pixel in metres) a scale bar in the lower left corner."""
    axis.set_title(title, fontsize=size)
    axis.set_axis_off()
    if pixel:
        metres_per_shown = pixel * width / shown_width
        length = _nice_length(0.25 * shown_width * metres_per_shown)
        bar = length / metres_per_shown
        x, y = 0.05 * shown_width, axis.get_ylim()[0] * 0.95
        axis.plot([x, x + bar], [y, y], color="black", linewidth=4, solid_capstyle="butt")
        axis.plot([x, x + bar], [y, y], color="white", linewidth=1.5, solid_capstyle="butt")
        axis.text(x + bar / 2, y * 0.97, "{:g} km".format(length / 1000) if length >= 1000 else "{:g} m".format(length),
                  ha="center", va="bottom", fontsize=10, color="black",
                  bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1})


def _nice_length(metres):
    """1, 2 or 5 times a power of ten, at most `metres`."""
    power = 10 ** np.floor(np.log10(max(metres, 1e-9)))
    return float(max(m for m in (1, 2, 5) if m * power <= metres) * power)
