"""SAM heat maps and the endmember spectra plot (PCCEE section 2.3.4), to check endmembers by eye."""
from qgis.core import (QgsProcessingParameterFeatureSource, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterRasterDestination)

from ..angle_rasters import write_angle_raster
from ..base import PcceeAlgorithm
from ..core.spectral_library import SpectralLibraryError
from ..reports.spectra_plot import write_spectra_plot
from ..library_layer import read_library
from ..prior_library import CLASS_FIELD, PRIOR, PRIOR_FILE, add_prior_parameters, load_prior, resample_to
from ..reflectance_input import open_reflectance
from ..styling import small_angles_stand_out, style_on_load


class SpectralAngleMaps(PcceeAlgorithm):
    ENDMEMBERS = "ENDMEMBERS"
    PRIOR, PRIOR_FILE, CLASS_FIELD = PRIOR, PRIOR_FILE, CLASS_FIELD
    OUTPUT_PLOT = "OUTPUT_PLOT"
    GROUP_ID = "endmembers"

    def name(self):
        return "spectralanglemaps"

    def displayName(self):
        return self.tr("Spectral angle maps and spectra plot")


    def shortHelpString(self):
        return self.tr(
            "Heat maps of the spectral angle between every pixel and each endmember of a library, one band "
            "per endmember, styled so that small angles (where the endmember's material is pure) stand out: "
            "endmembers that make sense gather on tailings, vegetation or water, not on scattered pixels.\n"
            "Spectra plot: all endmembers on one set of axes, prior spectra dashed, with the 700-750 nm red "
            "edge and the 2200 nm clay absorption marked (HTML with a table, or PNG if the name ends in .png)."
            "\n\nReference: the PCCEE framework, section 2.3.4.")

    def initAlgorithm(self, config=None):
        self.add_scene_parameter()
        self.addParameter(QgsProcessingParameterFeatureSource(self.ENDMEMBERS, self.tr("Endmember library")))
        add_prior_parameters(self, self.tr("Prior to plot dashed (empty: built-in)"))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Spectral angle maps")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_PLOT, self.tr("Endmember spectra plot"), self.tr("HTML files (*.html);;PNG files (*.png)")))

    def process(self, parameters, context, feedback):
        reader = open_reflectance(self, parameters, self.INPUT, context, feedback)
        wavelengths, _ = self.band_wavelengths(reader, parameters, context, feedback)
        source = self.parameterAsSource(parameters, self.ENDMEMBERS, context)
        try:
            endmembers = read_library(source)
        except SpectralLibraryError as error:
            raise self.fail(self.ENDMEMBERS, error)
        if endmembers.wavelengths is None:
            raise self.fail(self.ENDMEMBERS, self.tr("the library has no wavelengths."))
        on_image = resample_to(self, endmembers, wavelengths, self.ENDMEMBERS, feedback)
        prior, _ = load_prior(self, parameters, context, feedback)
        path = self.output_raster_path(parameters, self.OUTPUT, context)
        plot = self.output_file_path(parameters, self.OUTPUT_PLOT, context)
        write_angle_raster(self, reader, on_image.spectra, endmembers.names, path, feedback)
        write_spectra_plot(plot, on_image, prior)
        style_on_load(context, path, small_angles_stand_out())
        return {self.OUTPUT: path, self.OUTPUT_PLOT: plot}
