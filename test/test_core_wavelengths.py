"""Wavelength parsing and unit normalisation."""
import pytest

from pccee.algorithms.core.wavelengths import (WavelengthError, check_wavelengths, parse_wavelength,
                                               parse_wavelength_list, to_nanometres, water_vapour_bands)


@pytest.mark.parametrize("text, expected", [
    ("450.2 nm", 450.2), ("0.4502 um", 450.2), ("Band 3 (0.4502 µm)", 450.2), ("2.2 Micrometers", 2200.0),
    ("1650 nanometers", 1650.0), ("450.2", 450.2), ("0.4502", 450.2), ("B12: 2190.0nm", 2190.0),
])
def test_parse_wavelength_reads_value_and_unit(text, expected):
    assert parse_wavelength(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["Band 1", "", None, "red"])
def test_parse_wavelength_returns_none_without_a_number(text):
    assert parse_wavelength(text) is None


def test_units_are_normalised_and_guessed():
    assert to_nanometres([0.4, 2.5], "Micrometers") == pytest.approx([400.0, 2500.0])
    assert to_nanometres([0.4, 2.5]) == pytest.approx([400.0, 2500.0])
    assert to_nanometres([400.0, 2500.0], "Unknown") == pytest.approx([400.0, 2500.0])


def test_lists_parse_envi_braces_and_user_text():
    assert parse_wavelength_list("{ 0.40 , 0.41,\n 0.42 }") == pytest.approx([400.0, 410.0, 420.0])
    assert parse_wavelength_list("450; 550 650") == pytest.approx([450.0, 550.0, 650.0])
    with pytest.raises(WavelengthError, match="not a number"):
        parse_wavelength_list("450, abc")
    with pytest.raises(WavelengthError, match="empty"):
        parse_wavelength_list("  ")


def test_check_wavelengths_counts_bands():
    with pytest.raises(WavelengthError, match="3 wavelengths given for 4 bands"):
        check_wavelengths([1.0, 2.0, 3.0], 4)


def test_check_wavelengths_refuses_duplicates_and_accepts_any_order():
    with pytest.raises(WavelengthError, match="Bands 2 and 4 share the wavelength 500 nm"):
        check_wavelengths([450.0, 500.0, 550.0, 500.0], 4)
    assert check_wavelengths([2400.0, 1200.0, 600.0], 3).tolist() == [2400.0, 1200.0, 600.0]


def test_water_vapour_windows():
    mask = water_vapour_bands([1000.0, 1350.0, 1400.0, 1500.0, 1850.0, 2200.0])
    assert mask.tolist() == [False, True, True, False, True, False]
