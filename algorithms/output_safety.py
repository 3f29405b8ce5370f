"""Every output path of a run resolved once and checked before any work: a GeoTIFF or report name with the
right extension, a folder that exists and can be written, never a file of an input, never shared by two outputs.

An output named like its input used to replace a 298-band scene with a 3-band abundance raster; refusing
up front, with the parameter and the fix, is the only safe answer.
"""
import os
import re

from osgeo import gdal
from qgis.core import QgsProcessingOutputLayerDefinition, QgsVectorFileWriter

from .io.raster_reader import RasterError
from .io.raster_writer import check_writable

RASTER_EXTENSIONS = ("tif", "tiff")
_LAYER_TYPES = ("raster", "vector", "source", "layer", "mesh", "multilayer")


def resolve_destinations(algorithm, parameters, context, only_given=False):
    """{output name: final path or URI} for every destination parameter of `algorithm`; a temporary file
    when none is given (a model's intermediate result), or (only_given) no entry. Raises the algorithm's
    failure for a bad path."""
    inputs = input_files(algorithm, parameters, context)
    destinations, taken = {}, {}
    for definition in algorithm.destinationParameterDefinitions():
        name = definition.name()
        given = parameters.get(name)
        if only_given and _temporary(given):
            continue
        values = dict(parameters, **{name: given if given else "TEMPORARY_OUTPUT"})
        if definition.type() == "fileDestination":
            path = algorithm.parameterAsFileOutput(values, name, context)
        else:
            path = algorithm.parameterAsOutputLayer(values, name, context)
        if not _is_file(path):
            destinations[name] = path  # memory:, postgres:, ogr: ... layers are QGIS's to write
            _forget(context, path)  # the layer QGIS creates for it is loaded instead (nothing is at this URI)
            continue
        real = os.path.realpath(path)
        if real in inputs:
            raise algorithm.fail(name, algorithm.tr(
                "'{}' is a file of the input {}: writing it would destroy that input. Choose another output "
                "file.").format(path, inputs[real]))
        if real in taken:
            raise algorithm.fail(name, algorithm.tr(
                "'{}' is also the file of the output {}: each output needs its own file.").format(path, taken[real]))
        path = _check_extension(algorithm, definition, path)
        try:
            check_writable(path)
        except RasterError as error:
            raise algorithm.fail(name, algorithm.tr("{} Choose another output file.").format(algorithm.message(error)))
        taken[real] = name
        destinations[name] = path
    return destinations


def _temporary(value):
    """True for an output left to a temporary file: nothing, TEMPORARY_OUTPUT, or a layer definition of it."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink.staticValue()
    return not value or value == "TEMPORARY_OUTPUT"


def _forget(context, destination):
    """Take `destination` off the layers QGIS loads at the end of the run."""
    layers = context.layersToLoadOnCompletion()
    if destination in layers:
        del layers[destination]
        context.setLayersToLoadOnCompletion(layers)


def input_files(algorithm, parameters, context):
    """{real path: parameter name} of every file the inputs are read from: each layer's whole dataset (an
    ENVI header, a VRT's sources, a shapefile's parts), and file or text parameters that name a file."""
    files = {}
    for definition in algorithm.parameterDefinitions():
        if definition.isDestination() or parameters.get(definition.name()) in (None, ""):
            continue
        for path in _parameter_files(algorithm, definition, parameters, context):
            for member in _dataset_files(path):
                files.setdefault(os.path.realpath(member), definition.name())
    return files


def _parameter_files(algorithm, definition, parameters, context):
    name, kind = definition.name(), definition.type()
    if kind in _LAYER_TYPES:
        # Typed look-ups: an untyped one tries a raster file with OGR first, which logs 'Cannot open'.
        get = {"multilayer": algorithm.parameterAsLayerList, "raster": algorithm.parameterAsRasterLayer,
               "vector": algorithm.parameterAsVectorLayer, "source": algorithm.parameterAsVectorLayer}.get(
                   kind, algorithm.parameterAsLayer)
        layers = get(parameters, name, context)
        layers = layers if isinstance(layers, list) else [layers]
        return [layer.source().split("|")[0] for layer in layers if layer is not None]
    if kind in ("file", "string"):
        text = algorithm.parameterAsString(parameters, name, context).strip()
        return [text] if text and os.path.isfile(text) else []
    return []


def _dataset_files(path):
    """The files GDAL or OGR reads for `path` (itself when it is not a dataset)."""
    try:
        dataset = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_VECTOR | gdal.OF_READONLY)
        listed = dataset.GetFileList() if dataset is not None else None
    except RuntimeError:
        listed = None
    return [path] + [member for member in listed or [] if os.path.exists(member)]


def _is_file(destination):
    return bool(destination) and os.path.isabs(destination) and "|" not in destination


def _check_extension(algorithm, definition, path):
    """`path` with the output's default extension when it has none; a refusal when its extension is one
    the output is not written in (a GeoTIFF named .png would mislead every program that opens it)."""
    stem, extension = os.path.splitext(path)
    extension = extension.lstrip(".").lower()
    if not extension:
        return "{}.{}".format(path, definition.defaultFileExtension())
    allowed = _allowed_extensions(definition)
    if allowed and extension not in allowed:
        shown = ", ".join("." + a for a in allowed[:4]) + (", ..." if len(allowed) > 4 else "")
        raise algorithm.fail(definition.name(), algorithm.tr(
            "'{}': this output is written as {}, not .{}. Name the file {}.").format(
                path, shown, extension, stem + "." + allowed[0]))
    return path


def _allowed_extensions(definition):
    if definition.type() == "rasterDestination":
        return RASTER_EXTENSIONS
    if definition.type() == "fileDestination":
        return tuple(dict.fromkeys(e.lower() for e in re.findall(r"\*\.(\w+)", definition.fileFilter())))
    if definition.type() in ("sink", "vectorDestination"):
        return tuple(QgsVectorFileWriter.supportedFormatExtensions())
    return ()
