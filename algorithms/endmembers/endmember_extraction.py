"""What PPI and VCA share: the scene streamed as valid pixels, principal axes, checks, and the output
library of image endmembers (a point at each pixel centre, the spectrum from the original bands)."""
import os
import threading
from collections import OrderedDict

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterNumber)

from ..base import PcceeAlgorithm
from ..core.pca import StreamingPCA
from ..core.spectral_library import SpectralLibrary
from ..library_layer import write_library
from ..reflectance_input import open_reflectance


#: Scenes whose principal-component statistics are kept in memory (a few kB each).
REMEMBERED_SCENES = 8
_statistics = OrderedDict()
_statistics_lock = threading.Lock()


def _scene_key(reader):
    """The file as it is now (path, size, modification time) and as it is read (scales and offsets)."""
    status = os.stat(reader.path)
    return (os.path.realpath(reader.path), status.st_size, status.st_mtime_ns, reader.scales.tobytes(),
            reader.offsets.tobytes())


class EndmemberExtraction(PcceeAlgorithm):
    """Base of the algorithms that pick endmember pixels from a scene; SOURCE names them."""

    ENDMEMBERS = "ENDMEMBERS"
    SOURCE = ""
    GROUP_ID = "endmembers"


    def add_input_parameters(self, default_count):
        self.add_scene_parameter()
        self.addParameter(QgsProcessingParameterNumber(
            self.ENDMEMBERS, self.tr("Number of endmembers"), QgsProcessingParameterNumber.Integer,
            default_count, minValue=1, maxValue=100))
        self.add_seed_parameter()

    def add_output_parameters(self):
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("{} endmembers").format(self.SOURCE), QgsProcessing.TypeVectorPoint))

    def open_scene(self, parameters, context, feedback):
        """The input raster, refused when it cannot hold a spectrum."""
        reader = open_reflectance(self, parameters, self.INPUT, context, feedback)
        if reader.n_bands < 2:
            raise self.fail(self.INPUT, self.tr("the raster has a single band; endmember extraction needs a "
                                                "multi- or hyperspectral raster."))
        return reader

    def valid_blocks(self, reader, feedback, start, end, transform=None):
        """Yield (global pixel indices, pixels) of the valid pixels, window by window, reporting
        progress from start to end % and stopping with an error when the user cancels."""
        for window, pixels, valid in self.stream(reader, feedback, start=start, end=end):
            indices = reader.pixel_indices(window)
            if not valid.all():  # a copy of the block only where some pixels are not valid
                pixels, indices = pixels[valid], indices[valid]
            yield indices, (pixels if transform is None else transform(pixels))

    def scene_statistics(self, reader, feedback, start, end, minimum_pixels):
        """The principal-component statistics of the valid pixels, with the checks that there are valid pixels
        at all and enough of them for the endmembers asked for. One pass over the scene, the first time: PPI and
        VCA of one scene in one session (the workflow model) share it, so the second saves a read of the cube."""
        key = _scene_key(reader) if os.path.isfile(reader.path) else None
        with _statistics_lock:
            pca = _statistics.get(key)
        if pca is None:
            pca = StreamingPCA(reader.n_bands)
            for _, pixels in self.valid_blocks(reader, feedback, start, end):
                pca.update(pixels)
            if key is not None:
                with _statistics_lock:
                    _statistics[key] = pca
                    while len(_statistics) > REMEMBERED_SCENES:
                        _statistics.popitem(last=False)
        else:
            feedback.pushInfo(self.tr("Principal components of this scene computed earlier in the session."))
        self.check_pixel_count(pca.count, minimum_pixels)
        self.check_spread(pca)
        return pca

    def check_spread(self, statistics):
        """Refuse a scene whose valid pixels all hold one spectrum (StreamingPCA of them): no endmember to find."""
        if np.trace(statistics.covariance()) <= 1e-12 * float((statistics.mean ** 2).sum()):
            raise self.fail(self.INPUT, self.tr(
                "all {} valid pixels hold the same spectrum: there are no endmembers to find. Give a scene with "
                "several materials (check that the raster is not a constant fill).").format(statistics.count))

    def check_pixel_count(self, count, minimum_pixels):
        """Refuse a scene with no valid pixel, or fewer than the endmembers asked for."""
        if count == 0:
            raise self.fail(self.INPUT, self.tr(
                "the raster has no valid pixel (all nodata, NaN or zero in at least one band). If some "
                "bands are empty, remove them first with 'Remove bad bands'."))
        if count < minimum_pixels:
            raise self.fail(self.ENDMEMBERS, self.tr("{} endmembers were asked for but the raster has only {} "
                                                     "valid pixels.").format(minimum_pixels, count))

    def write_endmembers(self, parameters, context, feedback, reader, indices, scores):
        """The chosen pixels as a library layer: names '<SOURCE> 1'..., spectra from all bands."""
        wavelengths, _ = self.band_wavelengths(reader, parameters, context, feedback, required=False)
        rows, cols = np.divmod(np.asarray(indices, dtype=np.int64), reader.width)
        x, y = reader.pixel_centres(indices)
        library = SpectralLibrary(
            reader.read_pixels(indices), wavelengths, names=["{} {}".format(self.SOURCE, i + 1) for i in range(len(indices))],
            sources=[self.SOURCE] * len(indices), rows=rows, cols=cols, scores=scores, x=x, y=y)
        crs = QgsCoordinateReferenceSystem.fromWkt(reader.projection)
        for index in range(len(library)):
            feedback.pushInfo(self.tr("{}: row {}, col {}, score {:g}").format(
                library.names[index], library.rows[index], library.cols[index], library.scores[index]))
        return write_library(self, parameters, context, self.OUTPUT, library, crs)
