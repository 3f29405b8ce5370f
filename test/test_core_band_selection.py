"""Bad-band lists, water-vapour windows and constant bands."""
import numpy as np
import pytest

from pccee.algorithms.core.band_selection import (BandSelectionError, BandStatistics, parse_band_list,
                                                  select_bands)


def test_band_list_is_one_based_with_ranges():
    assert parse_band_list("1-3, 7;9 9", 10).tolist() == [0, 1, 2, 6, 8]
    assert parse_band_list("", 10).tolist() == []
    with pytest.raises(BandSelectionError, match="outside 1-10"):
        parse_band_list("9-11", 10)
    with pytest.raises(BandSelectionError, match="not a band number"):
        parse_band_list("4-x", 10)


def test_statistics_stream_over_blocks():
    rng = np.random.default_rng(1)
    data = rng.random((1000, 4))
    data[:, 1] = 0.5          # constant
    data[:, 3] = np.nan       # empty
    data[::7, 0] = np.nan     # holes do not hide a real band
    statistics = BandStatistics(4)
    for block in np.array_split(data, 7):
        statistics.update(block)
    assert statistics.uninformative().tolist() == [False, True, False, True]


def test_statistics_skip_masked_values_without_copying_the_block():
    """Integers with a nodata value and border pixels: the mask leaves them out, so a band constant inside the scene
    is found constant, and a band of nodata inside a border of zeros is empty."""
    data = np.full((600, 3), 7, dtype=np.int16)
    data[:, 0] = np.arange(600)
    data[:100] = 0                      # a border of zeros (whole pixels)
    data[100:, 2] = -32768              # nodata everywhere inside
    statistics = BandStatistics(3)
    for block in np.array_split(data, 4):
        statistics.update(block, (block != 0).any(axis=1)[:, None] & (block != -32768))
    assert statistics.uninformative().tolist() == [False, True, True]
    assert (statistics.minimum[0], statistics.maximum[0]) == (100, 599)


def test_select_bands_combines_reasons():
    wavelengths = np.array([500.0, 1400.0, 1600.0, 1900.0, 2200.0])
    keep = select_bands(5, drop=[0], wavelengths_nm=wavelengths, drop_water_vapour=True,
                        uninformative=np.array([False, False, False, False, True]))
    assert keep.tolist() == [False, False, True, False, False]
    with pytest.raises(BandSelectionError, match="Only 0 of 5 bands remain"):
        select_bands(5, drop=[0, 1, 2, 3, 4])
    with pytest.raises(BandSelectionError, match="wavelengths are known"):
        select_bands(5, drop_water_vapour=True)
