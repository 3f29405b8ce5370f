"""How output rasters look in QGIS, and where their layers go. Each style is written as a .qml beside its file
when the run's outputs are committed: QGIS reads it whenever the file is opened later (drag and drop, a project,
another session). When QGIS loads the layer at the end of a run, OutputLayer loads that style again, names the
layer and places it (in the workflow's group, at its rank, shown or hidden). Results never depend on styling:
a style that cannot be made is left out with a line in the log."""
import os
from contextlib import contextmanager

import numpy as np
from osgeo import gdal
from qgis.core import (Qgis, QgsBasicNumericFormat, QgsColorRampLegendNodeSettings, QgsColorRampShader,
                       QgsContrastEnhancement, QgsLayerTreeLayer, QgsMessageLog, QgsMultiBandColorRenderer,
                       QgsPalettedRasterRenderer, QgsProcessingLayerPostProcessorInterface, QgsProject, QgsRasterLayer,
                       QgsRasterMinMaxOrigin, QgsRasterShader, QgsSingleBandPseudoColorRenderer, QgsStyle)
from qgis.PyQt.QtGui import QColor

from .io.raster_reader import thread_config
from .io.staged_outputs import current_stage

#: The robust stretch: the 2nd to the 98th percentile of the band (QGIS's 'cumulative count cut').
ROBUST_CUT = (0.02, 0.98)
#: The layer-tree property that orders a run's layers in their group (smaller: higher up).
RANK = "pccee/rank"

# QGIS keeps only a C++ pointer to a post-processor: Python must hold it until the layer is loaded.
_KEEP_ALIVE = []


def sidecar(path):
    """The style file QGIS reads when it opens the raster `path`: the same name with .qml."""
    return os.path.splitext(str(path))[0] + ".qml"


def band_names(path):
    """The band descriptions of a raster file (metal or endmember names); 'band n' where there is none."""
    dataset = gdal.Open(str(path))
    try:
        return [dataset.GetRasterBand(b).GetDescription() or "band {}".format(b)
                for b in range(1, dataset.RasterCount + 1)]
    finally:
        dataset = None


def _limits(layer, band, cut):
    """(low, high) of a robust stretch of the band; its minimum and maximum where the cut is empty."""
    provider = layer.dataProvider()
    low, high = provider.cumulativeCut(band, *cut)
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low:
        statistics = provider.bandStatistics(band)
        low, high = statistics.minimumValue, statistics.maximumValue
    if not (np.isfinite(low) and np.isfinite(high)):
        low, high = 0.0, 1.0
    if high <= low:  # a constant band
        high = low + max(abs(low) * 1e-3, 1e-6)
    return float(low), float(high)


def _number_format(low, high):
    """Legend numbers with three significant digits of the larger limit (0.126, 12.6, 126)."""
    magnitude = max(abs(low), abs(high), 1e-12)
    number_format = QgsBasicNumericFormat()
    number_format.setNumberDecimalPlaces(int(max(0, 2 - np.floor(np.log10(magnitude)))))
    number_format.setShowTrailingZeros(False)
    return number_format


class TrueColour:
    """A hyperspectral raster in true colour from the bands nearest 640, 550 and 470 nm, each stretched 2-98 %:
    between `limits` ((low, high) per band, red first, from RasterWriter.display_limits) where the writer sampled
    them, else from the file."""

    per_band = False

    def __init__(self, wavelengths_nm, limits=None):
        self.wavelengths_nm = wavelengths_nm
        self.bands = [int(np.argmin(np.abs(np.asarray(wavelengths_nm) - w))) + 1 for w in (640.0, 550.0, 470.0)]
        self.limits = limits or [None] * 3

    def display_bands(self):
        """The 0-based bands a RasterWriter samples the stretch of (its display_bands)."""
        return [band - 1 for band in self.bands]

    def stretched_by(self, writer):
        """This style between the limits the writer sampled from what it wrote (RasterWriter.display_limits)."""
        return TrueColour(self.wavelengths_nm, writer.display_limits(ROBUST_CUT))

    def apply(self, layer, band=None):
        renderer = QgsMultiBandColorRenderer(layer.dataProvider(), *self.bands)
        for band, limits, setter in zip(self.bands, self.limits, (renderer.setRedContrastEnhancement,
                                                                  renderer.setGreenContrastEnhancement,
                                                                  renderer.setBlueContrastEnhancement)):
            enhancement = QgsContrastEnhancement(layer.dataProvider().dataType(band))
            sampled = limits is not None and limits[1] > limits[0]  # else from the file, its min and max if need be
            low, high = limits if sampled else _limits(layer, band, ROBUST_CUT)
            enhancement.setMinimumValue(low)
            enhancement.setMaximumValue(high)
            enhancement.setContrastEnhancementAlgorithm(QgsContrastEnhancement.StretchToMinimumMaximum)
            setter(enhancement)
        layer.setRenderer(renderer)


class PseudoColour:
    """Pseudocolour on one band with a QGIS colour ramp, between fixed limits or a robust stretch of that band
    (2-98 %), starting at `floor` at least; a continuous legend labelled in `units`. clip: values outside the limits
    are not drawn (PPI counts of 0). per_band: in the desktop, one layer per band, each with its own stretch (one
    per metal)."""

    def __init__(self, ramp="Viridis", invert=False, limits=None, units="", clip=False, per_band=False,
                 cut=ROBUST_CUT, floor=None):
        self.ramp, self.invert, self.limits, self.units = ramp, invert, limits, units
        self.clip, self.per_band, self.cut, self.floor = clip, per_band, cut, floor

    def apply(self, layer, band=1):
        low, high = self.limits if self.limits is not None else _limits(layer, band, self.cut)
        if self.floor is not None:
            low, high = max(low, self.floor), max(high, self.floor + 1.0)
        ramp = QgsStyle.defaultStyle().colorRamp(self.ramp)
        if self.invert:
            ramp.invert()
        function = QgsColorRampShader(low, high, ramp, QgsColorRampShader.Interpolated)
        function.classifyColorRamp(5, -1)
        function.setClip(self.clip)
        legend = QgsColorRampLegendNodeSettings()
        legend.setUseContinuousLegend(True)
        legend.setSuffix(" " + self.units if self.units else "")
        legend.setNumericFormat(_number_format(low, high))
        function.setLegendSettings(legend)
        shader = QgsRasterShader(low, high)
        shader.setRasterShaderFunction(function)
        renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), band, shader)
        renderer.setClassificationMin(low)
        renderer.setClassificationMax(high)
        origin = QgsRasterMinMaxOrigin()
        if self.limits is None:  # the layer properties recompute the same stretch for another band
            origin.setLimits(QgsRasterMinMaxOrigin.CumulativeCut)
            origin.setCumulativeCutLower(self.cut[0])
            origin.setCumulativeCutUpper(self.cut[1])
        else:
            origin.setLimits(QgsRasterMinMaxOrigin.None_)
        renderer.setMinMaxOrigin(origin)
        layer.setRenderer(renderer)


class Paletted:
    """Classes with names and colours (values 1, 2, ...): zones, with their names as the legend."""

    def __init__(self, names, colours):
        self.names, self.colours, self.per_band = list(names), list(colours), False

    def apply(self, layer, band=1):
        classes = [QgsPalettedRasterRenderer.Class(value, QColor(colour), name)
                   for value, (name, colour) in enumerate(zip(self.names, self.colours), start=1)]
        layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), band, classes))


def small_angles_stand_out():
    """Angle rasters (degrees): bright for small angles (pure, similar pixels), dark for large ones; 2-98 %."""
    return PseudoColour("Magma", invert=True, units="°")


def hot_concentrations():
    """Concentration rasters (mg/kg): a hot ramp, each metal stretched 2-98 % (a stretch to the mean showed every
    hotspot in one dark red), one layer per metal in the desktop."""
    return PseudoColour("Reds", units="mg/kg", per_band=True)


def spread_of_trees():
    """Uncertainty rasters (mg/kg, the spread of the trees): light to dark purple, 2-98 %."""
    return PseudoColour("Purples", units="mg/kg")


def fractions():
    """Abundance rasters: 0 to 1 on Viridis."""
    return PseudoColour("Viridis", limits=(0.0, 1.0), units="")


def residuals():
    """Unmixing residual (reflectance RMSE): light to dark grey, 2-98 %."""
    return PseudoColour("Greys", units="RMSE")


def purity_counts():
    """PPI counts: pixels never found extreme (0) are not drawn, the others from yellow to black, up to the
    99.9th percentile (a few pixels hold most counts)."""
    return PseudoColour("Inferno", invert=True, units="counts", clip=True, cut=(0.0, 0.999), floor=1.0)


def style_on_load(context, path, style, name=None):
    """Write `style` as a .qml beside the output `path` when the run's outputs are committed (QGIS reads it when
    the file is opened), and apply it, with a layer name, if QGIS loads the layer at the end of the run."""
    stage = current_stage()
    if stage is None:
        save_style(path, sidecar(path), style)
    else:
        stage.before_commit(lambda: save_style(stage.path(path), stage.path(sidecar(path)), style))
    if context.willLoadLayerOnCompletion(path):
        details = context.layerToLoadOnCompletionDetails(path)
        if name:
            details.name = name
        details.setPostProcessor(keep_alive(OutputLayer(style)))


def keep_alive(processor):
    """`processor`, held by Python until the end of the session (QGIS keeps only a pointer to it)."""
    _KEEP_ALIVE.append(processor)
    return processor


@contextmanager
def no_statistics_files():
    """GDAL keeps the histograms a stretch is computed from (QGIS computes one for every layer it opens) in a .aux.xml
    beside the file: not for files opened here (in this thread), so that a run adds its outputs and styles only."""
    with thread_config("GDAL_PAM_ENABLED", "NO"):
        yield


def save_style(raster, qml, style):
    """Write `style` of the raster file as the .qml file `qml`; a failure is logged, never raised."""
    if not os.path.exists(raster):
        return
    with no_statistics_files():
        _save_style(raster, qml, style)


def _save_style(raster, qml, style):
    options = QgsRasterLayer.LayerOptions()
    options.loadDefaultStyle = False
    layer = QgsRasterLayer(raster, os.path.basename(raster), "gdal", options)
    try:
        if not layer.isValid():
            raise ValueError("QGIS cannot open the file")
        style.apply(layer)
        message, saved = layer.saveNamedStyle(qml)
        if not saved:
            raise ValueError(message)
    except Exception as error:  # noqa: BLE001 (a style never fails a run)
        QgsMessageLog.logMessage("No style written for {}: {}".format(raster, error), "PCCEE", Qgis.Warning)
    finally:
        del layer  # closes the file before it is moved


class ResultGroup:
    """The layer-tree group of one run's layers, made when the first of them is loaded."""

    def __init__(self, name):
        self.name, self._group = name, None

    def node(self, parent):
        if self._group is None:
            self._group = parent.insertGroup(0, self.name)
        return self._group


class OutputLayer(QgsProcessingLayerPostProcessorInterface):
    """What QGIS does with an output layer it loads: the style written beside its file (or `style`), and its
    place: in `group` (a ResultGroup) at `rank`, shown or not; a per-band style makes a group with one layer
    per band (each metal with its own stretch, the first shown)."""

    def __init__(self, style=None, group=None, rank=None, visible=True):
        super().__init__()
        self.style, self.group, self.rank, self.visible = style, group, rank, visible

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        if isinstance(layer, QgsRasterLayer):
            if os.path.exists(sidecar(layer.source())):
                layer.loadNamedStyle(sidecar(layer.source()))
            elif self.style is not None:
                self.style.apply(layer)
            layer.triggerRepaint()
        project = layer.project() or QgsProject.instance()
        node = project.layerTreeRoot().findLayer(layer.id())
        if node is None:
            return
        if self.group is not None or self.rank is not None:
            parent = self.group.node(node.parent()) if self.group is not None else node.parent()
            node = _move(node, parent, self.rank)
        if getattr(self.style, "per_band", False) and layer.bandCount() > 1:
            node = self._one_layer_per_band(layer, node, project)
        node.setItemVisibilityChecked(self.visible)
        node.setExpanded(self.visible)

    def _one_layer_per_band(self, layer, node, project):
        """A group named as the layer holding one layer per band, named by the band ('Pb (mg/kg)')."""
        parent = node.parent()
        group = parent.insertGroup(_index(parent, node), layer.name())
        if self.rank is not None:
            group.setCustomProperty(RANK, self.rank)
        units = " ({})".format(self.style.units) if self.style.units else ""
        for band, name in enumerate(band_names(layer.source()), start=1):
            if band == 1:
                child = node.clone()
                group.insertChildNode(0, child)
                parent.removeChildNode(node)
                band_layer = layer
            else:
                band_layer = QgsRasterLayer(layer.source(), "", "gdal")
                self.style.apply(band_layer, band)
                project.addMapLayer(band_layer, False)
                child = group.addLayer(band_layer)
            band_layer.setName(name + units)
            child.setItemVisibilityChecked(band == 1)
            child.setExpanded(band == 1)
        return group


def _rank(node):
    value = node.customProperty(RANK)
    return float("inf") if value is None else float(value)


def _move(node, parent, rank):
    """The layer node moved into `parent`, before the first child of a higher rank; returns its new node. The
    copy goes in before the original leaves: a layer whose last node is removed leaves the project."""
    if rank is not None:
        node.setCustomProperty(RANK, rank)
    rank = _rank(node)
    children = parent.children()
    index = next((i for i, child in enumerate(children) if _rank(child) > rank and not _same_layer(child, node)),
                 len(children))
    clone = node.clone()
    parent.insertChildNode(index, clone)
    node.parent().removeChildNode(node)
    return clone


def _same_layer(child, node):
    return isinstance(child, QgsLayerTreeLayer) and child.layerId() == node.layerId()


def _index(parent, node):
    return next(i for i, child in enumerate(parent.children()) if _same_layer(child, node))
