"""The display stretch sampled while a raster is written."""
import numpy as np
import pytest

from pccee.algorithms.core.display_stretch import SAMPLE_SIZE, StretchSample


def test_sample_is_every_nth_pixel_across_uneven_blocks():
    rng = np.random.default_rng(0)
    values = rng.integers(-100, 3000, size=(4 * SAMPLE_SIZE + 7, 3)).astype(np.int16)
    values[::5, 1] = -32768  # nodata
    sample = StretchSample([1, 2], len(values), nodata=-32768)
    for start, stop in ((0, 1000), (1000, 333333), (333333, len(values))):
        sample.update(values[start:stop])
    every_fourth = values[::4, 1:].astype(float)
    for column, (low, high) in enumerate(sample.limits((0.02, 0.98), scales=[1, 1e-4, 2e-4], offsets=[0, 0.5, 0])):
        expected = every_fourth[:, column][every_fourth[:, column] != -32768] * [1e-4, 2e-4][column] + [0.5, 0][column]
        assert (low, high) == pytest.approx(tuple(np.quantile(expected, [0.02, 0.98])), rel=1e-12)


def test_a_band_without_valid_values_has_no_limits():
    sample = StretchSample([0, 1], 10, nodata=0)
    sample.update(np.array([[0, 1], [0, np.nan], [0, 3]], dtype=np.float32))
    assert sample.limits((0.0, 1.0)) == [None, (1.0, 3.0)]
