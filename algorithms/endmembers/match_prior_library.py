"""Prior-library SAM matching (PCCEE section 2.3.3): the closest pixel to each lab spectrum."""
import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterRasterDestination)

from ..angle_rasters import write_angle_raster
from ..base import PcceeAlgorithm
from ..core.spectral_library import SpectralLibrary
from ..library_layer import write_library
from ..prior_library import CLASS_FIELD, PRIOR, PRIOR_FILE, add_prior_parameters, load_prior, resample_to
from ..reflectance_input import open_reflectance
from ..styling import small_angles_stand_out, style_on_load


class MatchPriorLibrary(PcceeAlgorithm):
    PRIOR, PRIOR_FILE, CLASS_FIELD = PRIOR, PRIOR_FILE, CLASS_FIELD
    OUTPUT_ANGLES = "OUTPUT_ANGLES"
    GROUP_ID = "endmembers"

    def name(self):
        return "matchpriorlibrary"

    def displayName(self):
        return self.tr("Match prior spectral library (SAM)")


    def shortHelpString(self):
        return self.tr(
            "Resamples each reference spectrum of a prior library to the image's wavelengths (linear "
            "interpolation) and takes the pixel with the smallest spectral angle to it as an endmember: "
            "the physical constraint of PCCEE. A reference measured over part of the image's range is "
            "compared on the bands it covers (the log says which); one with no overlap is refused.\n\n"
            "Library: a library layer, a file (.sli, .hdr, .csv), or, when both are empty, the built-in "
            "library of measured vegetation, urban, mining-soil and water spectra (USGS splib07, earthlib).\n"
            "Outputs: one endmember per reference (source PRIOR, class copied, score = angle in degrees) "
            "and a raster with the angle of every pixel to every reference.\n\n"
            "Reference: Kruse et al. (1993), The spectral image processing system (SIPS), Remote Sensing of "
            "Environment 44, 145-163.")

    def initAlgorithm(self, config=None):
        self.add_scene_parameter()
        add_prior_parameters(self, self.tr("Prior spectral library (empty: built-in)"))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Prior-matched endmembers"), QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_ANGLES, self.tr("Spectral angle to each reference")))

    def process(self, parameters, context, feedback):
        reader = open_reflectance(self, parameters, self.INPUT, context, feedback)
        wavelengths, _ = self.band_wavelengths(reader, parameters, context, feedback)
        prior, parameter = load_prior(self, parameters, context, feedback)
        references = resample_to(self, prior, wavelengths, parameter, feedback)
        angles_path = self.output_raster_path(parameters, self.OUTPUT_ANGLES, context)
        closest = write_angle_raster(self, reader, references.spectra, prior.names, angles_path, feedback)
        if (closest.index < 0).any():
            raise self.fail(self.INPUT, self.tr("the raster has no valid pixel to match."))
        rows, cols = np.divmod(closest.index, reader.width)
        x, y = reader.pixel_centres(closest.index)
        matched = SpectralLibrary(reader.read_pixels(closest.index), wavelengths, names=list(prior.names),
                                  classes=list(prior.classes), sources=["PRIOR"] * len(prior), rows=rows, cols=cols,
                                  scores=closest.angle, x=x, y=y)
        for index in range(len(matched)):
            feedback.pushInfo(self.tr("{} ({}): row {}, col {}, {:.2f} degrees").format(
                matched.names[index], matched.classes[index], rows[index], cols[index], closest.angle[index]))
        output = write_library(self, parameters, context, self.OUTPUT, matched,
                               QgsCoordinateReferenceSystem.fromWkt(reader.projection))
        style_on_load(context, angles_path, small_angles_stand_out())
        return {self.OUTPUT: output, self.OUTPUT_ANGLES: angles_path}
