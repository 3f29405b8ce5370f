"""The prior spectral library: a layer, a file (.sli/.hdr/.csv), or the one the plugin ships."""
import os

import numpy as np
from qgis.core import (QgsProcessingParameterFeatureSource, QgsProcessingParameterField, QgsProcessingParameterFile)

from .core.spectral_library import SpectralLibraryError
from .core.wavelengths import WavelengthError
from .io.spectral_library_files import read_library as read_library_file
from .library_layer import read_library as read_library_layer
from .paths import RESOURCES

BUILTIN_PRIOR = os.path.join(RESOURCES, "prior_library", "pccee_prior.csv")
#: The prior library's parameters, one name in every algorithm: a library layer, or a file, and the class field.
PRIOR, PRIOR_FILE, CLASS_FIELD = "PRIOR", "PRIOR_FILE", "CLASS_FIELD"


def add_prior_parameters(algorithm, label, layer=PRIOR, file=PRIOR_FILE, class_field=CLASS_FIELD):
    """PRIOR (a library layer), PRIOR_FILE (.sli/.hdr/.csv) and CLASS_FIELD; all optional."""
    algorithm.addParameter(QgsProcessingParameterFeatureSource(
        layer, label, optional=True))
    algorithm.addParameter(QgsProcessingParameterFile(
        file, algorithm.tr("Or a library file (.sli, .hdr, .csv)"), optional=True,
        fileFilter=algorithm.tr("Spectral libraries (*.sli *.hdr *.csv)")))
    algorithm.addParameter(QgsProcessingParameterField(
        class_field, algorithm.tr("Class field of the library layer"), parentLayerParameterName=layer,
        optional=True))


def load_prior(algorithm, parameters, context, feedback, layer=PRIOR, file=PRIOR_FILE, class_field=CLASS_FIELD):
    """The prior library (with wavelengths and classes) the user gave, else the built-in one."""
    source = algorithm.parameterAsSource(parameters, layer, context)
    path = algorithm.parameterAsFile(parameters, file, context)
    field = algorithm.parameterAsString(parameters, class_field, context) or None
    name = layer if source is not None else file
    if field and source is not None and source.fields().lookupField(field) < 0:
        raise algorithm.fail(class_field, algorithm.tr("the prior library layer has no field '{}'; it has: {}.").format(
            field, ", ".join(source.fields().names())))
    try:
        if source is not None:
            library = read_library_layer(source, field)
        elif path:
            library = read_library_file(path)
        else:
            library = read_library_file(BUILTIN_PRIOR)
            name = layer
            feedback.pushInfo(algorithm.tr("Prior library: the built-in one ({} measured spectra of {}).").format(
                len(library), ", ".join(sorted(set(library.classes)))))
    except FileNotFoundError as error:
        raise algorithm.fail(name, algorithm.tr("file not found: {}").format(error.filename))
    except (SpectralLibraryError, WavelengthError, OSError) as error:
        raise algorithm.fail(name, error)
    if library.wavelengths is None:
        raise algorithm.fail(name, algorithm.tr("the library has no wavelengths, so it cannot be resampled to the "
                                                "image's bands."))
    if not any(library.classes):
        library.classes = list(library.names)
        feedback.pushWarning(algorithm.tr("The prior library has no classes: each spectrum is its own class."))
    return library, name


def resample_to(algorithm, library, wavelengths, parameter, feedback):
    """The library on the image's bands (linear interpolation, as in the paper), each spectrum on the
    bands it covers; partial coverage is logged, and fewer than 2 bands is an error (an angle on one band is 0
    for every pixel: a match that means nothing)."""
    resampled = library.resampled(wavelengths)
    covered = np.isfinite(resampled.spectra)
    for index in np.flatnonzero(covered.sum(axis=1) < len(wavelengths)):
        if covered[index].sum() < 2:
            measured = library.wavelengths[np.isfinite(library.spectra[index])]
            raise algorithm.fail(parameter, algorithm.tr(
                "'{}' ({:.0f}-{:.0f} nm) does not overlap the image's wavelengths ({:.0f}-{:.0f} nm) on the 2 bands "
                "or more a spectral angle needs (it covers {}). Give a library measured over the image's range, or "
                "leave that spectrum out.").format(library.names[index], measured.min(), measured.max(),
                                                   wavelengths.min(), wavelengths.max(), int(covered[index].sum())))
        feedback.pushInfo(algorithm.tr("'{}' covers {:.0f}-{:.0f} nm: matched on {} of the image's {} bands.").format(
            library.names[index], wavelengths[covered[index]].min(), wavelengths[covered[index]].max(),
            int(covered[index].sum()), len(wavelengths)))
    return resampled
