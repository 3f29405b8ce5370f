"""The limits of a display stretch from the values of a raster as it is written, so that styling a large output
needs no second read of it (QGIS reads a band of a pixel-interleaved cube by decoding every band: a 2-98 % stretch
of three bands of a 330-band scene took three times as long as copying it)."""
import numpy as np

#: Pixels the percentiles are taken from, as many as QGIS samples for its own stretch (QgsRasterLayer's SAMPLE_SIZE).
SAMPLE_SIZE = 250000


class StretchSample:
    """Every n-th pixel of some bands, in the order the blocks come, n chosen so that about SAMPLE_SIZE of the
    n_pixels remain; values equal to a band's nodata, and non-finite ones, do not count."""

    def __init__(self, bands, n_pixels, nodata=None):
        self.bands = np.asarray(bands, dtype=np.int64)
        self.step = max(1, int(n_pixels) // SAMPLE_SIZE)
        self.nodata = nodata
        self._next, self._parts = 0, []

    def update(self, values):
        """Add a block (n_pixels, all bands) of stored values."""
        taken = np.asarray(values)[self._next::self.step][:, self.bands].astype(np.float64)
        self._next = (self._next - len(values)) % self.step
        if self.nodata is not None:
            taken[taken == self.nodata] = np.nan
        self._parts.append(taken)

    def limits(self, cut, scales=None, offsets=None):
        """[(low, high)] per band: the cut fractions (e.g. 0.02, 0.98) of value x scale + offset; None for a band
        with no valid value."""
        sample = np.concatenate(self._parts) if self._parts else np.empty((0, self.bands.size))
        if scales is not None:
            sample = sample * np.asarray(scales, dtype=np.float64)[self.bands]
        if offsets is not None:
            sample = sample + np.asarray(offsets, dtype=np.float64)[self.bands]
        result = []
        for column in sample.T:
            column = column[np.isfinite(column)]
            result.append(tuple(float(v) for v in np.quantile(column, cut)) if column.size else None)
        return result
