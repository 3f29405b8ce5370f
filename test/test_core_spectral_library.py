"""The spectral-library structure and its EnMAP-Box JSON profiles."""
import json

import numpy as np
import pytest

from pccee.algorithms.core.spectral_library import SpectralLibrary, SpectralLibraryError, decode_profile


def test_profile_round_trip_keeps_values_units_and_gaps():
    library = SpectralLibrary([[0.1, np.nan, 0.3]], [400.0, 500.0, 600.0], names=["a"])
    text = library.profile_json(0)
    profile = json.loads(text)
    assert profile["xUnit"] == "nanometers" and profile["yUnit"] == "reflectance"
    assert profile["y"][1] is None
    back = SpectralLibrary.from_profiles([text])
    assert np.allclose(back.spectra, library.spectra, equal_nan=True)
    assert back.wavelengths.tolist() == [400.0, 500.0, 600.0]


def test_decode_enmapbox_profile_in_micrometres_with_bad_band_list():
    x, y, unit = decode_profile({"x": [0.4, 0.5], "y": [1, 2], "xUnit": "micrometers", "bbl": [1, 0]})
    assert x.tolist() == [400.0, 500.0] and y[0] == 1 and np.isnan(y[1]) and unit == "reflectance"


def test_profiles_on_different_grids_are_refused():
    a = SpectralLibrary([[1.0, 2.0]], [400.0, 500.0]).profile_json(0)
    b = SpectralLibrary([[1.0, 2.0]], [400.0, 600.0]).profile_json(0)
    with pytest.raises(SpectralLibraryError, match="Profile 2 is on another wavelength grid"):
        SpectralLibrary.from_profiles([a, b])


def test_attribute_lengths_are_checked():
    with pytest.raises(SpectralLibraryError, match="2 attribute values for 1 spectra"):
        SpectralLibrary([[1.0, 2.0]], names=["a", "b"])
    with pytest.raises(SpectralLibraryError, match="3 wavelengths for spectra of 2 values"):
        SpectralLibrary([[1.0, 2.0]], [1.0, 2.0, 3.0])
