"""Soil samples on a raster: metal fields matched without regard to case, positions reprojected to the
raster's CRS, predictor values read at their pixels, and the reasons a sample is left out."""
import numpy as np
from qgis.core import NULL, QgsCoordinateTransform, QgsPointXY



def metal_fields(algorithm, parameter, source, text):
    """(metal, field) pairs for a comma-separated list of metals, matched without regard to case."""
    fields = {name.lower(): name for name in source.fields().names()}
    wanted = [m.strip() for m in text.split(",") if m.strip()]
    missing = [m for m in wanted if m.lower() not in fields]
    if not wanted or missing:
        raise algorithm.fail(parameter, algorithm.tr("no field named {} in the samples; they have: {}.").format(
            ", ".join(missing) or "(none given)", ", ".join(source.fields().names())))
    return [(m, fields[m.lower()]) for m in wanted]


def samples_at_pixels(algorithm, parameter, reader, layer, source, metals, context):
    """Sample ids, positions (raster CRS), the raster's values at their pixels (NaN outside or on nodata)
    and the metals' values (NaN where missing or not a number)."""
    transform = QgsCoordinateTransform(source.sourceCrs(), layer.crs(), context.transformContext())
    ids, points, values = [], [], []
    for feature in source.getFeatures():
        if not feature.hasGeometry():
            continue
        point = transform.transform(QgsPointXY(feature.geometry().asPoint()))
        ids.append(feature.id())
        points.append((point.x(), point.y()))
        values.append([_number(feature[field]) for _, field in metals])
    points = np.array(points, dtype=float).reshape(-1, 2)
    pixel = reader.pixel_at(points[:, 0], points[:, 1])
    if not (pixel >= 0).any():
        raise algorithm.fail(parameter, algorithm.tr("no sample lies on the raster (after reprojection to {}).").format(
            layer.crs().authid()))
    features = np.full((len(pixel), reader.n_bands), np.nan)
    features[pixel >= 0] = reader.read_pixels(pixel[pixel >= 0])
    return np.array(ids), points, features, np.array(values, dtype=float)


def usable_samples(values, features):
    """(mask of usable samples for one metal, {reason: positions left out})."""
    outside = np.isnan(features).all(axis=1)
    invalid = ~outside & np.isnan(features).any(axis=1)
    missing = np.isnan(values) & ~outside & ~invalid
    why = {"outside the raster": list(np.flatnonzero(outside)), "on nodata": list(np.flatnonzero(invalid)),
           "no numeric value": list(np.flatnonzero(missing))}
    return ~(outside | invalid | np.isnan(values)), why


def _number(value):
    try:
        return float(value) if value is not None and value != NULL else np.nan
    except (TypeError, ValueError):
        return np.nan
