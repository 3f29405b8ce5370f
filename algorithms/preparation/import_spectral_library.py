"""Turn an ENVI spectral library or a CSV of spectra into a PCCEE library layer."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFile, QgsProcessingParameterString)

from ..base import PcceeAlgorithm
from ..core.spectral_library import SpectralLibraryError
from ..core.wavelengths import WavelengthError
from ..io.spectral_library_files import read_library
from ..library_layer import write_library


class ImportSpectralLibrary(PcceeAlgorithm):
    CLASS_COLUMN = "CLASS_COLUMN"
    GROUP_ID = "spectrallibraries"

    def name(self):
        return "importspectrallibrary"

    def displayName(self):
        return self.tr("Import spectral library")


    def shortHelpString(self):
        return self.tr(
            "Reads a spectral library file and writes it as a library layer: one feature per spectrum "
            "with fields name, source, class, row, col, score and the spectrum in 'profiles' (EnMAP-Box "
            "JSON profile: wavelengths in nm and values), ready for prior-library matching.\n\n"
            "Input: an ENVI spectral library (.sli with its .hdr; classes are taken from a CSV with the "
            "same base name when present, as earthlib ships) or a CSV with one row per spectrum, "
            "columns named by wavelength (450.2 or 450.2 nm) and optional name, class, source columns.\n"
            "Class column: which metadata column names the class (default: 'class', or earthlib's LEVEL_3).\n\n"
            "Reference: ENVI spectral library format, NV5 Geospatial; EnMAP-Box spectral profiles.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("Spectral library file (.sli, .hdr or .csv)"),
            fileFilter=self.tr("Spectral libraries (*.sli *.hdr *.csv *.SLI *.HDR *.CSV)")))
        self.addParameter(QgsProcessingParameterString(
            self.CLASS_COLUMN, self.tr("Class column in the metadata"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Spectral library"), QgsProcessing.TypeVector))

    def process(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        class_column = self.parameterAsString(parameters, self.CLASS_COLUMN, context).strip() or None
        try:
            library = read_library(path, class_column)
        except FileNotFoundError as error:
            raise self.fail(self.INPUT, self.tr("file not found: {}").format(error.filename))
        except (SpectralLibraryError, WavelengthError) as error:
            raise self.fail(self.INPUT, error)
        if library.wavelengths is None:
            feedback.pushWarning(self.tr("The library has no wavelengths: it cannot be resampled to an "
                                         "image's bands until they are added."))
        feedback.pushInfo(self.tr("{} spectra of {} values read from {}.").format(
            len(library), library.spectra.shape[1], path))
        dest_id = write_library(self, parameters, context, self.OUTPUT, library, QgsCoordinateReferenceSystem())
        return {self.OUTPUT: dest_id}
