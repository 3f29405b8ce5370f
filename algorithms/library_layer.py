"""SpectralLibrary <-> QGIS vector layer: one feature per spectrum, profile as EnMAP-Box JSON.

Image endmembers get a point at their pixel centre so the user sees where they lie on the map;
lab spectra have no geometry.
"""
import numpy as np
from qgis.core import NULL, QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from .core.messages import QT_TRANSLATE_NOOP
from .core.spectral_library import SpectralLibrary, SpectralLibraryError, pool, require_values

PROFILE_FIELD = "profiles"


def library_fields():
    """The attribute table every PCCEE library layer has."""
    fields = QgsFields()
    for name, kind in (("name", QVariant.String), ("source", QVariant.String), ("class", QVariant.String),
                       ("row", QVariant.Int), ("col", QVariant.Int), ("score", QVariant.Double),
                       (PROFILE_FIELD, QVariant.String)):
        fields.append(QgsField(name, kind))
    return fields


def has_positions(library):
    """True when the spectra come from image pixels with map coordinates."""
    return bool(np.isfinite(library.x).any())


def write_library(algorithm, parameters, context, name, library, crs):
    """Write `library` to the feature-sink parameter `name`; returns the destination id."""
    geometry_type = QgsWkbTypes.Point if has_positions(library) else QgsWkbTypes.NoGeometry
    sink, dest_id = algorithm.create_sink(parameters, name, context, library_fields(), geometry_type, crs)
    for index in range(len(library)):
        feature = QgsFeature(library_fields())
        score = library.scores[index]
        feature.setAttributes([
            library.names[index], library.sources[index], library.classes[index],
            int(library.rows[index]), int(library.cols[index]),
            None if not np.isfinite(score) else float(score), library.profile_json(index)])
        if np.isfinite(library.x[index]) and np.isfinite(library.y[index]):
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(library.x[index], library.y[index])))
        sink.addFeature(feature, QgsFeatureSink.FastInsert)
    return dest_id


def read_library(source, class_field=None):
    """A SpectralLibrary from a feature source with a `profiles` field (EnMAP-Box or PCCEE layer).

    class_field: the attribute that names each spectrum's class (default 'class' when present).
    """
    names = source.fields().names()
    if PROFILE_FIELD not in names:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "The layer has no '{}' field holding spectral profiles: it is not a spectral library. Give a "
                    "library layer written by this plugin (or EnMAP-Box), or import a library file with 'Import "
                    "spectral library'."), PROFILE_FIELD)
    class_field = class_field or ("class" if "class" in names else None)
    if class_field and class_field not in names:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "The layer has no field '{}'."), class_field)
    profiles, attributes = [], {key: [] for key in ("names", "classes", "sources", "rows", "cols", "scores", "x", "y")}
    for feature in source.getFeatures():
        profiles.append(feature[PROFILE_FIELD])
        attributes["names"].append(_value(feature, "name", names, "spectrum {}".format(len(profiles))))
        attributes["classes"].append(_value(feature, class_field, names, ""))
        attributes["sources"].append(_value(feature, "source", names, ""))
        attributes["rows"].append(_value(feature, "row", names, -1))
        attributes["cols"].append(_value(feature, "col", names, -1))
        attributes["scores"].append(_value(feature, "score", names, np.nan))
        point = feature.geometry().asPoint() if feature.hasGeometry() else None
        attributes["x"].append(point.x() if point is not None else np.nan)
        attributes["y"].append(point.y() if point is not None else np.nan)
    return require_values(SpectralLibrary.from_profiles(profiles, **attributes))



def pooled_libraries(algorithm, parameters, name, context):
    """(one library of all spectra of the layers of multiple-layer parameter `name`, CRS of the first
    layer); see core.spectral_library.pool. No layer, or one that is not a library, fails naming `name`."""
    layers = algorithm.parameterAsLayerList(parameters, name, context)
    if not layers:
        raise algorithm.fail(name, algorithm.tr("give at least one endmember library layer."))
    libraries = []
    for layer in layers:
        try:
            libraries.append(read_library(layer))
        except SpectralLibraryError as error:
            raise algorithm.fail(name, "{}: {}".format(layer.name(), error))
        if libraries[-1].wavelengths is None:
            raise algorithm.fail(name, algorithm.tr("{} has no wavelengths.").format(layer.name()))
    return pool(libraries), layers[0].crs()

def _value(feature, field, names, default):
    if not field or field not in names:
        return default
    value = feature[field]
    return default if value is None or value == NULL else value
