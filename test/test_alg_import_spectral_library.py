"""pccee:importspectrallibrary through processing.run in an offscreen QGIS."""
import json
import os

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer, QgsWkbTypes

from conftest import data_path
from pccee.algorithms.core.spectral_library import SpectralLibrary
from pccee.algorithms.io.spectral_library_files import read_library, write_envi_library
from pccee.algorithms.library_layer import read_library as read_layer


def test_earthlib_imports_as_7261_profiles_that_round_trip(run_alg, tmp_path):
    source = data_path("libraries", "earthlib", "spectra.sli")
    output = str(tmp_path / "earthlib.gpkg")
    result = run_alg("pccee:importspectrallibrary", {"INPUT": source, "OUTPUT": output})
    layer = QgsVectorLayer(result["OUTPUT"], "earthlib", "ogr")
    assert layer.isValid() and layer.featureCount() == 7261
    assert layer.wkbType() == QgsWkbTypes.NoGeometry
    assert layer.fields().names()[-7:] == ["name", "source", "class", "row", "col", "score", "profiles"]
    first = next(layer.getFeatures())
    profile = json.loads(first["profiles"])
    assert profile["xUnit"] == "nanometers" and len(profile["y"]) == 180 and first["class"] == "soil"
    back = read_layer(layer)
    original = read_library(source)
    assert back.spectra.shape == (7261, 180)
    assert np.allclose(back.spectra, original.spectra.astype(np.float32), rtol=1e-7, atol=0)
    assert np.allclose(back.wavelengths, original.wavelengths)
    assert back.names == original.names and back.classes == original.classes


def test_missing_header_names_the_parameter(run_alg, tmp_path):
    orphan = tmp_path / "orphan.sli"
    orphan.write_bytes(np.zeros(10, dtype="<f4").tobytes())
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*No ENVI header"):
        run_alg("pccee:importspectrallibrary", {"INPUT": str(orphan), "OUTPUT": str(tmp_path / "o.gpkg")})
    assert not os.path.exists(tmp_path / "o.gpkg")


def test_header_disagreeing_with_data_is_an_input_error(run_alg, tmp_path):
    write_envi_library(SpectralLibrary(np.ones((3, 10)), np.arange(10) + 400.0), tmp_path / "lib.sli")
    header = tmp_path / "lib.sli.hdr"
    header.write_text(header.read_text().replace("samples = 10", "samples = 12"))
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*disagree"):
        run_alg("pccee:importspectrallibrary", {"INPUT": str(tmp_path / "lib.sli"),
                                                "OUTPUT": str(tmp_path / "o.gpkg")})
    assert not os.path.exists(tmp_path / "o.gpkg")


def test_unwritable_output_names_the_parameter(run_alg, tmp_path):
    library = tmp_path / "lib.csv"
    library.write_text("name,450,550\na,0.1,0.2\n")
    with pytest.raises(QgsProcessingException, match="OUTPUT"):
        run_alg("pccee:importspectrallibrary", {"INPUT": str(library),
                                                "OUTPUT": str(tmp_path / "no" / "such" / "dir" / "o.gpkg")})
