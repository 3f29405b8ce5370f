"""Clear refusals for the values QGIS checks before a run. QGIS's own words name neither the limit nor the
fix ('Incorrect parameter value for SKEWERS') or blame the wrong thing ('Could not load source layer for INPUT:
x.tif not found', of a file that exists but is not a raster)."""
import os

from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterVectorLayer)

from .io.raster_reader import RasterError, RasterReader


def refusal(algorithm, parameters, context):
    """The message (label, name, why and fix) for the first parameter QGIS refuses; None if none is."""
    for definition in algorithm.parameterDefinitions():
        value = parameters.get(definition.name())
        if not definition.checkValueIsAcceptable(value, context):
            return str(algorithm.fail(definition.name(), _why(algorithm, definition, value)))
    return None


def _why(algorithm, definition, value):
    tr = algorithm.tr
    if value is None or value == "":
        return tr("a value is required.")
    if isinstance(definition, QgsProcessingParameterNumber):
        return _number(algorithm, definition, value)
    if isinstance(definition, QgsProcessingParameterEnum):
        return tr("choose {} of: {}.").format(tr("at least one") if definition.allowMultiple() else tr("one"),
                                             ", ".join(definition.options()))
    if isinstance(value, str) and isinstance(definition, QgsProcessingParameterRasterLayer):
        return _raster_file(algorithm, value)
    if isinstance(value, str) and isinstance(definition, (QgsProcessingParameterFeatureSource,
                                                          QgsProcessingParameterVectorLayer,
                                                          QgsProcessingParameterMultipleLayers)):
        return (tr("file not found: {}").format(value) if not os.path.exists(value) else
                tr("'{}' is not a vector layer QGIS can open. Give a GeoPackage, shapefile or another vector "
                   "file.").format(value))
    return tr("QGIS does not accept the value '{}'.").format(value)


def _number(algorithm, definition, value):
    """The allowed range of a number parameter, and the value given."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return algorithm.tr("'{}' is not a number.").format(value)
    if number < definition.minimum():
        return algorithm.tr("{:g} is below the smallest value allowed, {:g}.").format(number, definition.minimum())
    if number > definition.maximum():
        return algorithm.tr("{:g} is above the largest value allowed, {:g}.").format(number, definition.maximum())
    if definition.dataType() == QgsProcessingParameterNumber.Integer and number != int(number):
        return algorithm.tr("{:g} is not a whole number.").format(number)
    return algorithm.tr("QGIS does not accept the value '{}'.").format(value)


def _raster_file(algorithm, path):
    """Why a path is no raster layer: missing, or GDAL's reason."""
    if not os.path.exists(path):
        return algorithm.tr("file not found: {}").format(path)
    try:
        RasterReader(path).close()
    except RasterError as error:
        return algorithm.tr("{} Give a raster file (GeoTIFF, ENVI, VRT).").format(algorithm.message(error))
    return algorithm.tr("QGIS cannot open '{}' as a raster layer. Give a GeoTIFF, ENVI or VRT file.").format(path)
