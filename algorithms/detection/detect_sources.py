"""Map pollution sources with a detector trained by 'Train pollution-source detector': the probability of
contamination at every pixel (the network slid over the scene) and the occlusion sensitivity (which areas the
predictions depend on), streamed by blocks."""
import numpy as np
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFile, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..core import detection
from ..io.detector_file import load_detector
from ..io.model_file import ModelFileError
from ..io.raster_reader import Window
from ..io.raster_writer import RasterWriter
from ..styling import PseudoColour, style_on_load
from .train_source_detector import SourceDetection

NODATA = -9999.0
#: Wavelengths further apart than this (nm) are other bands.
WAVELENGTH_TOLERANCE = 1.0


class DetectSources(SourceDetection):
    MODEL = "MODEL"
    WINDOW = "WINDOW"
    STRIDE = "STRIDE"
    MEASURE = "MEASURE"
    MEASURES = ("probability", "log-odds")
    OUTPUT_SENSITIVITY = "OUTPUT_SENSITIVITY"

    def name(self):
        return "detectsources"

    def displayName(self):
        return self.tr("Map pollution sources")

    def shortHelpString(self):
        return self.tr(
            "Applies a detector from 'Train pollution-source detector (SI-LICNet)' to a raster with the same bands "
            "(the scene it was trained on, or another one of the same sensor and processing).\n\n"
            "OUTPUT: the probability that the soil at each pixel is contaminated, the network applied to the patch "
            "centred there (computed for a whole block at once, exactly; pixels near the edge see the scene's mean "
            "beyond it). The model's decision threshold is in the raster's metadata.\n"
            "OUTPUT_SENSITIVITY: occlusion sensitivity (Zeiler and Fergus 2014), as the SI-LICNet paper explains its "
            "model: a WINDOW x WINDOW square (0 = a quarter of the patch) is masked at every STRIDE pixels (0 = the "
            "window), its pixels replaced by the mean of the uncontaminated training samples (as if clean land were "
            "there), and the mean drop of the predicted probability of the patches centred around it (those "
            "centred inside it left out) is written on its cell: what the area does to the land around it, as a "
            "pollution source does. Positive where the predictions rely on the area, near 0 where it does not "
            "matter, negative where masking it raises them. MEASURE (advanced): the drop of the probability (the "
            "default), or of the log-odds, which keeps showing the inside of large sources where the probability "
            "stays at 1 whatever is masked. Smaller windows and strides give finer maps at a higher cost (one "
            "network run per window).\n"
            "The raster must have the model's bands: the same number, and the same wavelengths when both have "
            "them; anything else is refused. Only model files written by this plugin are read (plain arrays, JSON "
            "header, digest; nothing is unpickled).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.INPUT, self.tr("Raster with the bands the detector was trained on")))
        self.addParameter(QgsProcessingParameterFile(self.MODEL, self.tr("Trained detector (.npz)"), extension="npz"))
        self.addParameter(QgsProcessingParameterNumber(
            self.WINDOW, self.tr("Occluding window, pixels (0 = a quarter of the patch)"),
            QgsProcessingParameterNumber.Integer, 0, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.STRIDE, self.tr("Occluding stride (pixels; 0 = the window)"), QgsProcessingParameterNumber.Integer,
            0, minValue=0))
        self.add_advanced_parameter(QgsProcessingParameterEnum(
            self.MEASURE, self.tr("Sensitivity measures the drop of"), [self.tr("Probability"), self.tr("Log-odds")],
            defaultValue=0))
        self.add_device_parameter()
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Probability of contamination")))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT_SENSITIVITY,
                                                                  self.tr("Occlusion sensitivity")))

    def process(self, parameters, context, feedback):
        reader = self.open_raster(parameters, self.INPUT, context)
        path = self.parameterAsFile(parameters, self.MODEL, context)
        try:
            model = load_detector(path)
        except ModelFileError as error:
            raise self.fail(self.MODEL, self.tr("{} Give a model written by 'Train pollution-source detector' (train "
                                                "it again if needed).").format(self.message(error)))
        self.check_bands(model, reader, feedback)
        patch = model.config.patch
        window = self.parameterAsInt(parameters, self.WINDOW, context) or max(1, patch // 4)
        stride = self.parameterAsInt(parameters, self.STRIDE, context) or window
        if window > patch:
            raise self.fail(self.WINDOW, self.tr("a window of {0} pixels is larger than the model's patch ({1} x {1}): "
                                                 "give {1} or less.").format(window, patch))
        measure = self.MEASURES[self.parameterAsEnum(parameters, self.MEASURE, context)]
        device = self.device(parameters, context, feedback)
        from ..core.detection_net import build_network, logit_map, occlusion_drops, sigmoid
        network = build_network(model.config, model.weights, device)
        paths = {name: self.output_raster_path(parameters, name, context) for name in (self.OUTPUT,
                                                                                        self.OUTPUT_SENSITIVITY)}
        m = (patch - 1) // 2
        blocks = reader.windows(2 * reader.n_bands)
        regions = [self.region_of(block, m, window, stride) for block in blocks]
        reads = [Window(max(0, x0), max(0, y0), min(reader.width, x1) - max(0, x0), min(reader.height, y1) - max(0, y0))
                 for x0, y0, x1, y1 in regions]
        grid = dict(geotransform=reader.geotransform, projection=reader.projection, nodata=NODATA)
        metadata = {"PCCEE_MODEL": path, "PCCEE_PATCH": patch,
                    "PCCEE_DECISION_THRESHOLD": "{:.4f}".format(model.header["decision_threshold"])}
        feedback.pushInfo(self.tr("Patch {0} x {0}; occluding window {1} x {1} every {2} pixels.").format(
            patch, window, stride))
        high, mapped = 0.0, 0
        with RasterWriter(paths[self.OUTPUT], reader.width, reader.height, 1,
                          descriptions=["contamination probability"],
                          metadata=dict(metadata, PCCEE_UNITS="probability"), **grid) as probability, \
                RasterWriter(paths[self.OUTPUT_SENSITIVITY], reader.width, reader.height, 1,
                             descriptions=["occlusion sensitivity"],
                             metadata=dict(metadata, PCCEE_UNITS="drop of " + measure, PCCEE_WINDOW=window,
                                           PCCEE_STRIDE=stride), **grid) as sensitivity:
            for index, (read, pixels, valid) in enumerate(self.stream(reader, feedback, reads)):
                block, (x0, y0, x1, y1) = blocks[index], regions[index]
                inputs = np.zeros((model.config.channels, y1 - y0, x1 - x0), dtype=np.float32)
                inside = np.zeros((y1 - y0, x1 - x0), dtype=bool)
                rows, cols = slice(read.yoff - y0, read.yoff - y0 + read.ysize), slice(read.xoff - x0,
                                                                                   read.xoff - x0 + read.xsize)
                inputs[:, rows, cols] = model.transform.transform(pixels, valid).reshape(
                    read.ysize, read.xsize, -1).transpose(2, 0, 1)
                inside[rows, cols] = valid.reshape(read.ysize, read.xsize)
                baseline = logit_map(network, inputs, device)  # centres y0 + m .. y1 - m - 1
                counted = inside[m:inside.shape[0] - m, m:inside.shape[1] - m]
                here = (slice(block.yoff - y0 - m, block.yoff - y0 - m + block.ysize),
                        slice(block.xoff - x0 - m, block.xoff - x0 - m + block.xsize))
                mask = counted[here]
                mapped += int(mask.sum())
                probability.write(block, np.where(mask, sigmoid(baseline[here]), NODATA).reshape(-1, 1))
                drops = self.sensitivity(network, inputs, baseline, counted, block, (x0, y0), window, stride,
                                         model.fill, measure, device, feedback, occlusion_drops)
                drops = np.where(mask & np.isfinite(drops), drops, NODATA)
                if (drops != NODATA).any():
                    high = max(high, float(np.percentile(np.abs(drops[drops != NODATA]), 98)))
                sensitivity.write(block, drops.reshape(-1, 1))
            if not mapped:
                raise self.fail(self.INPUT, self.tr("the raster has no valid pixel (all nodata, NaN or zero): there is "
                                                    "nothing to map. Check its nodata value and its bands."))
        style_on_load(context, paths[self.OUTPUT], PseudoColour("Reds", limits=(0.0, 1.0), units="probability"),
                      self.tr("Probability of contamination"))
        style_on_load(context, paths[self.OUTPUT_SENSITIVITY],
                      PseudoColour("RdBu", invert=True, limits=(-max(high, 1e-6), max(high, 1e-6))),
                      self.tr("Occlusion sensitivity"))
        return paths

    @staticmethod
    def region_of(block, m, window, stride):
        """(x0, y0, x1, y1) of the inputs a block needs: its patches, and the patches touched by its occluding
        windows, each with its own patch around it (may extend off the raster)."""
        spans = []
        for start, size in ((block.xoff, block.xsize), (block.yoff, block.ysize)):
            cells = detection.occluder_grid(start, start + size, stride)
            first, last = detection.occluded_span(cells[0], stride, window)[0], \
                detection.occluded_span(cells[-1], stride, window)[1]
            spans.append((min(start - m, first - 2 * m), max(start + size + m, last + 2 * m)))
        (x0, x1), (y0, y1) = spans
        return x0, y0, x1, y1

    def sensitivity(self, network, inputs, baseline, counted, block, origin, window, stride, fill, measure, device,
                    feedback, occlusion_drops):
        """(n_pixels,) sensitivity of the block's pixels: that of the occluding window of each pixel's cell."""
        x0, y0 = origin
        cells_y = detection.occluder_grid(block.yoff, block.yoff + block.ysize, stride)
        cells_x = detection.occluder_grid(block.xoff, block.xoff + block.xsize, stride)
        spans = []
        for ky in cells_y:
            top, bottom = detection.occluded_span(ky, stride, window)
            for kx in cells_x:
                left, right = detection.occluded_span(kx, stride, window)
                spans.append((top - y0, bottom - y0, left - x0, right - x0))
        drops = occlusion_drops(network, inputs, baseline, counted, spans, fill, measure, device,
                                canceled=feedback.isCanceled).reshape(len(cells_y), len(cells_x))
        if feedback.isCanceled():
            raise self.cancelled()
        rows = np.arange(block.yoff, block.yoff + block.ysize) // stride - cells_y[0]
        cols = np.arange(block.xoff, block.xoff + block.xsize) // stride - cells_x[0]
        return drops[rows[:, None], cols[None, :]]

    def check_bands(self, model, reader, feedback):
        """Refuse a raster whose bands are not the model's (count, wavelengths); warn on other names or pixels."""
        bands = model.bands
        if reader.n_bands != bands["count"]:
            raise self.fail(self.INPUT, self.tr(
                "the detector was trained on a raster of {} bands ({}), but this one has {}. Give a raster with the "
                "same bands in the same order (the scene, or the abundances, the detector was trained "
                "on).").format(bands["count"], _listed(bands["descriptions"]), reader.n_bands))
        found = reader.wavelengths()
        if found is not None and bands["wavelengths_nm"] is not None:
            differ = np.abs(np.asarray(found.nm) - np.asarray(bands["wavelengths_nm"])) > WAVELENGTH_TOLERANCE
            if differ.any():
                first = int(np.argmax(differ))
                raise self.fail(self.INPUT, self.tr(
                    "the raster's wavelengths are not the detector's: band {} is at {:.1f} nm here, {:.1f} nm in the "
                    "model ({} of {} bands differ by more than {:g} nm). Give a raster of the same sensor and band "
                    "selection (remove the same bad bands).").format(
                        first + 1, found.nm[first], bands["wavelengths_nm"][first], int(differ.sum()), differ.size,
                        WAVELENGTH_TOLERANCE))
        elif list(reader.descriptions) != list(bands["descriptions"]):
            feedback.pushWarning(self.tr("Band names differ from the detector's ({}): check that the bands are the "
                                         "same, in the same order.").format(_listed(bands["descriptions"])))
        size = model.header.get("pixel_size")
        here = (abs(reader.geotransform[1]), abs(reader.geotransform[5]))
        if size and not np.allclose(size, here, rtol=0.01):
            feedback.pushWarning(self.tr("The raster's pixels ({:g} x {:g}) are not the detector's ({:g} x {:g}): its "
                                         "patch covers another ground area.").format(here[0], here[1], *size))


def _listed(names, most=6):
    """The first band names, then how many more."""
    shown = ", ".join(name or "unnamed" for name in names[:most])
    return shown + (" and {} more".format(len(names) - most) if len(names) > most else "")
