"""What every PCCEE algorithm shares: translation, instance creation, and turning bad input into a
QgsProcessingException that names the parameter and says how to fix it."""
import importlib.util
import os

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsProcessing,
                       QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterString, QgsRasterLayer,
                       QgsWkbTypes)
from qgis.PyQt.QtCore import QCoreApplication

from .core.messages import CoreError
from .core.wavelengths import WavelengthError, check_wavelengths, parse_wavelength_list
from .io.block_cache import bounded_block_cache
from .io.raster_reader import RasterError, RasterReader
from .io.staged_outputs import Interrupted, current_stage, interrupts_cancel, run_stage
from .output_safety import resolve_destinations
from .parameter_checks import refusal
from .styling import no_statistics_files, sidecar


#: Optional modules: import name -> (pip name, Debian package).
OPTIONAL_MODULES = {"sklearn": ("scikit-learn", "python3-sklearn"), "torch": ("torch", "python3-torch")}
#: pylupdate's contexts for messages of module-level helpers (`algorithm.tr(...)` and `tr = algorithm.tr`) and of
#: the core's errors (core.messages).
HELPER_CONTEXTS = ("algorithm", "@default", "core")


def group_names():
    """Toolbox groups, in workflow order: id -> translated name."""
    translate = QCoreApplication.translate
    return {"workflows": translate("PcceeProvider", "Workflows"),
            "sampledata": translate("PcceeAlgorithm", "Sample data"),
            "spectrallibraries": translate("PcceeAlgorithm", "Spectral libraries"),
            "preparation": translate("PcceeAlgorithm", "Preparation"),
            "endmembers": translate("PcceeAlgorithm", "Endmember extraction"),
            "unmixing": translate("PcceeAlgorithm", "Unmixing"),
            "inversion": translate("PcceeAlgorithm", "Inversion"),
            "analysis": translate("PcceeAlgorithm", "Analysis"),
            "evaluation": translate("PcceeAlgorithm", "Evaluation (the paper's tables)"),
            "detection": translate("PcceeAlgorithm", "Pollution-source detection (SI-LICNet)")}


def numbered_group(group_id):
    """A Toolbox group's name led by its place in the workflow ('3. Preparation', the whole chain '0. Workflows'): the
    Toolbox sorts groups by name, which would put Analysis first. One digit each: '10.' would sort before '2.'."""
    names = group_names()
    return "{}. {}".format(list(names).index(group_id), names[group_id])


class PcceeAlgorithm(QgsProcessingAlgorithm):
    """Base of the provider's algorithms; subclasses declare name(), GROUP_ID and parameters."""

    INPUT = "INPUT"
    WAVELENGTHS = "WAVELENGTHS"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    GROUP_ID = ""
    #: Python modules the algorithm cannot run without (keys of OPTIONAL_MODULES).
    REQUIRES = ()

    def groupId(self):
        return self.GROUP_ID

    def group(self):
        return numbered_group(self.GROUP_ID)

    def tr(self, text):
        """Translate in the context pylupdate gave the message: the class that holds the code (this
        algorithm, or a base it shares code with), or that of a module-level helper."""
        contexts = [cls.__name__ for cls in type(self).__mro__ if issubclass(cls, PcceeAlgorithm)]
        for context in contexts + list(HELPER_CONTEXTS):
            translated = QCoreApplication.translate(context, text)
            if translated != text:
                return translated
        return text

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):
        """Check every output path before any work, run `process`, and let the outputs appear only if the
        whole run succeeded: they are staged (see io.staged_outputs) and moved into place together at the
        end; a failure, a cancel, SIGINT or SIGTERM removes them."""
        self.destinations = resolve_destinations(self, parameters, context)
        with bounded_block_cache():  # the outputs opened as layers too: QGIS reads them for its default stretch
            try:
                with run_stage() as stage, interrupts_cancel(feedback.cancel):
                    self.stage = stage
                    results = self.process(parameters, context, feedback)
                    if feedback.isCanceled():
                        raise self.cancelled()
            except Interrupted as signal_name:
                raise QgsProcessingException(self.tr("Interrupted by {}; no output was written.").format(signal_name))
            results = {name: stage.final_of(value) if isinstance(value, str) else value
                       for name, value in results.items()}
            self._remember_rasters(results, context)
        return results

    def _remember_rasters(self, results, context):
        """Keep each raster output open in the run's layer store: the next step of a model, and QGIS loading the
        results, find it there instead of trying the file with OGR first (which logs 'Cannot open')."""
        for definition in self.destinationParameterDefinitions():
            path = results.get(definition.name())
            if definition.type() == "rasterDestination" and isinstance(path, str) and os.path.isfile(path):
                options = QgsRasterLayer.LayerOptions()
                # Opened in the style written beside it: without one, QGIS computes its own stretch, three reads of
                # the whole file for a pixel-interleaved cube (5 s for a 2000 x 2000 scene).
                options.loadDefaultStyle = os.path.exists(sidecar(path))
                with no_statistics_files():
                    layer = QgsRasterLayer(path, os.path.splitext(os.path.basename(path))[0], "gdal", options)
                context.temporaryLayerStore().addMapLayer(layer)

    def process(self, parameters, context, feedback):
        """The algorithm's work (processAlgorithm's arguments and result)."""
        raise NotImplementedError

    def fail(self, parameter, message):
        """A QgsProcessingException for `parameter`, its label and name both shown; message: text, or an error
        of the core (shown in the user's language)."""
        message = self.message(message) if isinstance(message, Exception) else message
        definition = self.parameterDefinition(parameter)
        label = definition.description() if definition is not None else parameter
        return QgsProcessingException(self.tr("{} ({}): {}").format(label, parameter, message))

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS's name)
        """QGIS's checks before a run, refused in words that name the parameter, the limit and the fix."""
        ok, message = super().checkParameterValues(parameters, context)
        return (True, message) if ok else (False, refusal(self, parameters, context) or message)

    def message(self, error):
        """An error's text in the user's language: core errors carry their template apart from their values."""
        return self.tr(error.template).format(*error.values) if isinstance(error, CoreError) else str(error)

    def canExecute(self):  # noqa: N802 (QGIS's name)
        """(False, what to install) when a module in REQUIRES is missing, so the dialog says so before Run (as
        QGIS's R provider does) and qgis_process refuses to start."""
        missing = [module for module in self.REQUIRES if importlib.util.find_spec(module) is None]
        return (False, " ".join(self.install_message(module) for module in missing)) if missing else (True, "")

    def install_message(self, module):
        """What to install for an optional module, and how."""
        pip_name, debian = OPTIONAL_MODULES[module]
        return self.tr("This needs {0}: on Debian or Ubuntu, sudo apt install {1}; elsewhere, pip install {0} into the "
                       "Python that QGIS uses.").format(pip_name, debian)

    def require_scikit_learn(self, parameter):
        """Refuse, naming the parameter and the install command, when scikit-learn is missing (for the options
        that need it, in algorithms that run without it)."""
        if importlib.util.find_spec("sklearn") is None:
            raise self.fail(parameter, self.install_message("sklearn"))

    def stream(self, reader, feedback, windows=None, bands=None, scaled=True, start=0.0, end=100.0, dtype=np.float32):
        """(window, pixels, valid) of each window, read ahead (RasterReader.blocks): the one block loop of
        every algorithm. A cancel ends the run between blocks; the progress bar moves from start to end (%)."""
        windows = reader.windows(None if bands is None else len(bands)) if windows is None else windows
        for done, block in enumerate(reader.blocks(windows, bands, scaled, dtype), start=1):
            if feedback.isCanceled():
                raise self.cancelled()
            yield block
            feedback.setProgress(start + (end - start) * done / len(windows))

    def cancelled(self):
        """The exception that ends a cancelled run (raised between blocks; partial files are removed)."""
        return QgsProcessingException(self.tr("Cancelled; no output was written."))

    def open_raster(self, parameters, name, context):
        """A RasterReader on the raster parameter `name`; only GDAL files can be streamed."""
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is None or not layer.isValid():
            raise self.fail(name, self.tr("not a raster layer QGIS can open. Choose a raster file "
                                          "(GeoTIFF, ENVI, VRT)."))
        if layer.providerType() != "gdal":
            raise self.fail(name, self.tr("only file rasters read by GDAL are supported, not '{}' "
                                          "layers. Save the layer as GeoTIFF first.").format(layer.providerType()))
        try:
            return RasterReader(layer.source())
        except RasterError as error:
            raise self.fail(name, error)

    def add_advanced_parameter(self, parameter):
        """Add a parameter folded under 'Advanced Parameters' in the algorithm's dialog."""
        parameter.setFlags(parameter.flags() | parameter.FlagAdvanced)
        self.addParameter(parameter)

    def add_scene_parameter(self):
        """INPUT, the hyperspectral scene, and (advanced) WAVELENGTHS for scenes whose metadata has none."""
        self.addParameter(QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Hyperspectral raster")))
        self.add_wavelength_parameter(advanced=True)

    def add_seed_parameter(self, default=0, advanced=False):
        """SEED: the same seed gives the same result."""
        parameter = QgsProcessingParameterNumber(self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer,
                                                 default, minValue=0)
        (self.add_advanced_parameter if advanced else self.addParameter)(parameter)

    def add_table_and_report(self, table, table_label, report_label):
        """A table output (no geometry) and OUTPUT_REPORT, its HTML report."""
        self.addParameter(QgsProcessingParameterFeatureSink(table, table_label, QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT_REPORT, report_label,
                                                                self.tr("HTML files (*.html)")))

    def add_wavelength_parameter(self, advanced=False):
        """WAVELENGTHS: nm for every band, for rasters whose metadata holds none."""
        parameter = QgsProcessingParameterString(
            self.WAVELENGTHS, self.tr("Wavelengths (nm) if the raster has none"), optional=True)
        (self.add_advanced_parameter if advanced else self.addParameter)(parameter)

    def band_wavelengths(self, reader, parameters, context, feedback, required=True, parameter=None):
        """Wavelengths of the raster's bands (nm) and FWHM (or None): the wavelength parameter (default
        WAVELENGTHS) wins, then the file's metadata; missing ones are an error when `required`."""
        parameter = parameter or self.WAVELENGTHS
        text = self.parameterAsString(parameters, parameter, context).strip()
        if text:
            if os.path.isfile(text):
                try:
                    with open(text, encoding="utf-8") as stream:
                        text = stream.read()
                except (OSError, UnicodeDecodeError) as error:
                    raise self.fail(parameter, self.tr(
                        "cannot read '{}' as text ({}). Give a UTF-8 text file with one wavelength per band, "
                        "or the list itself.").format(text, error))
            try:
                nm = check_wavelengths(parse_wavelength_list(text), reader.n_bands)
            except WavelengthError as error:
                raise self.fail(parameter, error)
            feedback.pushInfo(self.tr("Wavelengths: {} values given by the user.").format(nm.size))
            return nm, None
        found = reader.wavelengths()
        if found is not None:
            sources = {"GDAL IMAGERY metadata": self.tr("GDAL IMAGERY metadata"),
                       "ENVI header 'wavelength'": self.tr("ENVI header 'wavelength'"),
                       "band descriptions": self.tr("band descriptions")}
            try:
                check_wavelengths(found.nm, reader.n_bands)
            except WavelengthError as error:
                raise self.fail(parameter, self.tr("the wavelengths in the raster's {} are wrong: {} Give the "
                                                          "right ones here; they replace the file's.").format(
                    sources.get(found.source, found.source), error))
            feedback.pushInfo(self.tr("Wavelengths: {:.1f}-{:.1f} nm from the {}.").format(
                found.nm.min(), found.nm.max(), sources.get(found.source, found.source)))
            return found.nm, found.fwhm
        if required:
            raise self.fail(parameter, self.tr(
                "the raster '{}' has no band wavelengths in its metadata or band names. Give one "
                "wavelength per band ({} values) or the path of a text file holding them.").format(
                    reader.path, reader.n_bands))
        return None, None

    def output_raster_path(self, parameters, name, context):
        """The final path of raster output `name` (resolved and checked before the run; writers stage it)."""
        return self.destinations[name]

    def create_sink(self, parameters, name, context, fields, geometry_type, crs=None):
        """(sink, destination id) for feature-sink output `name`; a temporary layer when none is given
        (a model's intermediate result), and a failure that names the parameter. A file destination is
        written in the run's stage, so it appears with the other outputs."""
        destination = self.destinations[name]
        value = current_stage().path(destination) if os.path.isabs(destination) else parameters.get(name)
        parameters = dict(parameters, **{name: value or QgsProcessing.TEMPORARY_OUTPUT})
        try:
            sink, dest_id = self.parameterAsSink(parameters, name, context, fields, geometry_type,
                                                 crs or QgsCoordinateReferenceSystem())
        except QgsProcessingException as error:
            raise self.fail(name, self.tr("{} Choose another output file.").format(error))
        if sink is None:
            raise self.fail(name, self.invalidSinkError(parameters, name))
        return sink, dest_id

    def write_table(self, parameters, name, context, columns, rows):
        """A table without geometry for feature-sink output `name`: columns are (field, QVariant type)
        pairs, rows lists of values (NumPy numbers are converted). Returns the destination id."""
        fields = QgsFields()
        for field, kind in columns:
            fields.append(QgsField(field, kind))
        sink, dest_id = self.create_sink(parameters, name, context, fields, QgsWkbTypes.NoGeometry)
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes([_plain(value) for value in row])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return dest_id

    def output_file_path(self, parameters, name, context):
        """The final path of a file output (report, model); writers stage it (io.staged_outputs.staged)."""
        return self.destinations[name]


def _plain(value):
    """A value QGIS can store: NumPy scalars as Python ones, NaN as NULL."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def progress_callbacks(feedback, start=0.0, end=100.0):
    """(progress(fraction), is_canceled()) for the numerical core, mapped onto a range of the bar."""
    def progress(fraction):
        feedback.setProgress(start + (end - start) * fraction)
    return progress, feedback.isCanceled
