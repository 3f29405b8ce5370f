"""Soil samples on a raster: metal fields matched without regard to case, positions reprojected to the
raster's CRS, predictor values read at their pixels, and the reasons a sample is left out."""
import re

import numpy as np
from qgis.core import NULL, QgsCoordinateTransform, QgsCsException, QgsPointXY, QgsProcessingParameterField

#: The metals of the paper; the metal fields' default.
DEFAULT_METALS = ("Pb", "Cd", "Cr", "Hg", "As", "Cu", "Zn", "Ni")


def raster_and_samples(algorithm, raster, parameters, context):
    """(reader, layer, samples source) of the raster parameter `raster` and SAMPLES; refused when the samples are not a
    point layer, or when either has no CRS (the samples could not be placed on the raster)."""
    reader = algorithm.open_raster(parameters, raster, context)
    layer = algorithm.parameterAsRasterLayer(parameters, raster, context)
    source = algorithm.parameterAsSource(parameters, algorithm.SAMPLES, context)
    if source is None:
        raise algorithm.fail(algorithm.SAMPLES, algorithm.tr("not a point layer."))
    if not layer.crs().isValid() or not source.sourceCrs().isValid():
        raise algorithm.fail(algorithm.SAMPLES if layer.crs().isValid() else raster,
                             algorithm.tr("has no coordinate reference system; set it in the layer properties."))
    return reader, layer, source


def add_metals_parameter(algorithm, samples):
    """METALS: the samples' metal fields, picked from the fields of the `samples` parameter (default: the paper's
    eight metals). Scripts may also give one text, comma-separated ('Pb, Cd'). Optional to QGIS, which refuses an
    unset field parameter even when it has a default; left out, the default applies (chosen_metals)."""
    algorithm.addParameter(QgsProcessingParameterField(
        algorithm.METALS, algorithm.tr("Metal fields (mg/kg)"), ";".join(DEFAULT_METALS), parentLayerParameterName=samples,
        type=QgsProcessingParameterField.Any, allowMultiple=True, optional=True))


def chosen_metals(algorithm, parameters, context):
    """The names given to METALS: the fields picked, or a comma- or semicolon-separated text; the default's when
    the parameter is left out (given but empty, none: the run is refused)."""
    if parameters.get(algorithm.METALS) is None:
        return list(DEFAULT_METALS)
    return [name.strip() for picked in algorithm.parameterAsFields(parameters, algorithm.METALS, context)
            for name in re.split(r"[,;]", picked) if name.strip()]


def metal_fields(algorithm, parameter, source, wanted):
    """(metal, field) pairs for a list of metals (or a comma-separated text), matched without regard to case."""
    fields = {name.lower(): name for name in source.fields().names()}
    if isinstance(wanted, str):
        wanted = wanted.split(",")
    wanted = [m.strip() for m in wanted if m.strip()]
    missing = [m for m in wanted if m.lower() not in fields]
    if not wanted or missing:
        raise algorithm.fail(parameter, algorithm.tr("no field named {} in the samples; they have: {}.").format(
            ", ".join(missing) or "(none given)", ", ".join(source.fields().names())))
    pairs = [(m, fields[m.lower()]) for m in wanted]
    for _, field in pairs:
        _check_text_field(algorithm, parameter, source, field)
    return pairs


def _check_text_field(algorithm, parameter, source, field):
    """Refuse a text field holding values that are not numbers ('n.d.', '<0.5', '12,5'): leaving those samples
    out would drop the lowest concentrations (below detection) without a word."""
    if source.fields().field(field).isNumeric():
        return
    texts = [str(f[field]).strip() for f in source.getFeatures() if f[field] is not None and f[field] != NULL]
    wrong = [text for text in texts if text and np.isnan(_number(text))]
    if wrong:
        raise algorithm.fail(parameter, algorithm.tr(
            "the field '{}' is text and {} of its {} values are not numbers (such as {}). Convert it to a numeric "
            "field, writing values below detection as numbers (half the detection limit, say) or leaving them "
            "empty.").format(field, len(wrong), len(texts), ", ".join("'{}'".format(t) for t in sorted(set(wrong))[:3])))


def samples_at_pixels(algorithm, parameter, reader, layer, source, metals, context):
    """Sample ids, positions (raster CRS), the raster's values at their pixels (NaN outside or on nodata)
    and the metals' values (NaN where missing or not a number)."""
    transform = QgsCoordinateTransform(source.sourceCrs(), layer.crs(), context.transformContext())
    ids, points, values = [], [], []
    for feature in source.getFeatures():
        point = _sample_point(algorithm, parameter, feature, transform)
        ids.append(feature.id())
        points.append((point.x(), point.y()) if point is not None else (np.nan, np.nan))
        values.append([_number(feature[field]) for _, field in metals])
    if not ids:
        raise algorithm.fail(parameter, algorithm.tr("the layer holds no sample. Give the layer of soil samples."))
    points = np.array(points, dtype=float).reshape(-1, 2)
    pixel = reader.pixel_at(points[:, 0], points[:, 1])
    if not (pixel >= 0).any():
        raise algorithm.fail(parameter, algorithm.tr("no sample lies on the raster (after reprojection to {}).").format(
            layer.crs().authid()))
    features = np.full((len(pixel), reader.n_bands), np.nan)
    features[pixel >= 0] = reader.read_pixels(pixel[pixel >= 0])
    if np.isnan(features).any(axis=1).all():
        raise algorithm.fail(parameter, algorithm.tr(
            "the {} samples on the raster all fall on nodata pixels (nodata, NaN, or zero in every band). Check the "
            "raster's nodata value, or give samples where it has data.").format(int((pixel >= 0).sum())))
    return np.array(ids), points, features, np.array(values, dtype=float)


def _sample_point(algorithm, parameter, feature, transform):
    """A sample's position in the raster's CRS, None without geometry; a multipoint of one point is that
    point, one of several points is refused (which would be the sample?)."""
    if not feature.hasGeometry():
        return None
    geometry = feature.geometry()
    points = geometry.asMultiPoint() if geometry.isMultipart() else [geometry.asPoint()]
    if len(points) != 1:
        raise algorithm.fail(parameter, algorithm.tr(
            "sample {} is a multipoint of {} points; a sample is one point. Split the layer with 'Multipart to "
            "singleparts' first.").format(feature.id(), len(points)))
    try:
        return transform.transform(QgsPointXY(points[0]))
    except QgsCsException:
        crs = transform.sourceCrs()
        raise algorithm.fail(parameter, algorithm.tr(
            "sample {} at ({:g}, {:g}) cannot be transformed from {} to the raster's {}: the layer's CRS is "
            "probably wrong. Set the right one in the layer properties.").format(
                feature.id(), points[0].x(), points[0].y(), crs.authid() or crs.description(),
                transform.destinationCrs().authid()))


def usable_samples(values, features):
    """(mask of usable samples for one metal, {reason: positions left out}). A negative or infinite value is
    no concentration (negative ones are mostly codes for missing or below-detection values): left out too."""
    off = np.isnan(features).any(axis=1)
    negative = (values < 0) & np.isfinite(values) & ~off
    why = {"outside the raster, on nodata or without geometry": off,
           "no numeric value": np.isnan(values) & ~off,
           "not a finite number": np.isinf(values) & ~off,
           "negative value (lowest {:g})".format(values[negative].min() if negative.any() else 0.0): negative}
    usable = ~off & np.isfinite(values) & (values >= 0)
    return usable, {reason: list(np.flatnonzero(mask)) for reason, mask in why.items()}


def _number(value):
    try:
        return float(value) if value is not None and value != NULL else np.nan
    except (TypeError, ValueError):
        return np.nan
