"""ENVI .sli and CSV spectral libraries, on the real earthlib library."""
import numpy as np
import pytest

from conftest import data_path
from pccee.algorithms.core.spectral_library import SpectralLibrary, SpectralLibraryError
from pccee.algorithms.io.spectral_library_files import (read_csv_library, read_envi_library, read_library,
                                                       write_csv_library, write_envi_library)


def test_earthlib_reads_with_classes_from_its_sidecar_csv():
    library = read_library(data_path("libraries", "earthlib", "spectra.sli"))
    assert library.spectra.shape == (7261, 180)
    assert library.wavelengths[0] == pytest.approx(400.0) and library.wavelengths[-1] == pytest.approx(2450.0)
    assert library.names[0] == "FS15R_FS4275" and library.classes[0] == "soil"
    assert library.classes.count("canopy") == 2000
    levels = read_library(data_path("libraries", "earthlib", "spectra.sli"), class_column="LEVEL_2")
    assert levels.classes.count("vegetation") == 2000


def test_envi_round_trip_is_exact_in_float32(tmp_path):
    rng = np.random.default_rng(3)
    library = SpectralLibrary(rng.random((5, 20)).astype(np.float32), np.linspace(400, 2500, 20),
                              names=["a, with comma", "b", "c", "d", "e"], classes=list("vvssw"))
    write_envi_library(library, tmp_path / "lib.sli")
    back = read_envi_library(tmp_path / "lib.sli.hdr")
    assert np.array_equal(back.spectra, library.spectra)
    assert back.wavelengths == pytest.approx(library.wavelengths, abs=1e-4)
    assert back.names[0] == "a  with comma" and back.classes == list("vvssw")


def test_envi_header_that_disagrees_with_data_is_refused(tmp_path):
    library = SpectralLibrary(np.ones((3, 10)), np.arange(10) + 400.0)
    write_envi_library(library, tmp_path / "lib.sli")
    header = tmp_path / "lib.sli.hdr"
    header.write_text(header.read_text().replace("lines = 3", "lines = 4"))
    with pytest.raises(SpectralLibraryError, match="header and the data .* disagree"):
        read_envi_library(tmp_path / "lib.sli")
    header.write_text(header.read_text().replace("lines = 4", "lines = 3").replace("samples = 10", "samples = 5"))
    with pytest.raises(SpectralLibraryError, match="header names 3 spectra but holds 6|disagree|wavelengths"):
        read_envi_library(tmp_path / "lib.sli")


def test_csv_round_trip_and_unit_in_column_names(tmp_path):
    library = SpectralLibrary([[0.1, 0.2, np.nan], [0.4, 0.5, 0.6]], [450.5, 550.0, 650.0],
                              names=["x", "y"], classes=["soil", "water"], sources=["LAB", "LAB"])
    write_csv_library(library, tmp_path / "lib.csv")
    back = read_csv_library(tmp_path / "lib.csv")
    assert np.allclose(back.spectra, library.spectra, equal_nan=True)
    assert back.wavelengths.tolist() == [450.5, 550.0, 650.0]
    assert back.names == ["x", "y"] and back.classes == ["soil", "water"] and back.sources == ["LAB", "LAB"]
    (tmp_path / "um.csv").write_text("id,kind,0.45 um,0.55 um\ns1,veg,0.1,0.2\n")
    other = read_csv_library(tmp_path / "um.csv", class_column="kind")
    assert other.wavelengths.tolist() == [450.0, 550.0] and other.classes == ["veg"] and other.names == ["s1"]


def test_csv_without_wavelength_columns_is_refused(tmp_path):
    (tmp_path / "bad.csv").write_text("name,a,b\nx,1,2\n")
    with pytest.raises(SpectralLibraryError, match="no wavelength columns"):
        read_csv_library(tmp_path / "bad.csv")
