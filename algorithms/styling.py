"""Styles applied to output layers when QGIS loads them; results never depend on styling."""
import numpy as np
from qgis.core import (QgsColorRampShader, QgsContrastEnhancement, QgsMultiBandColorRenderer,
                       QgsProcessingLayerPostProcessorInterface, QgsRasterLayer, QgsRasterShader,
                       QgsSingleBandPseudoColorRenderer, QgsStyle)

# QGIS keeps only a C++ pointer to a post-processor: Python must hold it until the layer is loaded.
_KEEP_ALIVE = []


class TrueColour(QgsProcessingLayerPostProcessorInterface):
    """Render a hyperspectral raster in true colour from the bands nearest 640, 550 and 470 nm."""

    def __init__(self, wavelengths_nm):
        super().__init__()
        self.bands = [int(np.argmin(np.abs(np.asarray(wavelengths_nm) - w))) + 1 for w in (640.0, 550.0, 470.0)]

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        if not isinstance(layer, QgsRasterLayer):
            return
        renderer = QgsMultiBandColorRenderer(layer.dataProvider(), *self.bands)
        for band, setter in zip(self.bands, (renderer.setRedContrastEnhancement,
                                             renderer.setGreenContrastEnhancement,
                                             renderer.setBlueContrastEnhancement)):
            enhancement = QgsContrastEnhancement(layer.dataProvider().dataType(band))
            statistics = layer.dataProvider().bandStatistics(band)
            enhancement.setMinimumValue(statistics.minimumValue)
            enhancement.setMaximumValue(statistics.mean + 2.0 * statistics.stdDev)
            enhancement.setContrastEnhancementAlgorithm(QgsContrastEnhancement.StretchToMinimumMaximum)
            setter(enhancement)
        layer.setRenderer(renderer)
        layer.triggerRepaint()


class PseudoColour(QgsProcessingLayerPostProcessorInterface):
    """Pseudocolour on band 1 with a QGIS colour ramp; limits fixed, or the band's minimum and mean."""

    def __init__(self, ramp="Viridis", invert=False, minimum=None, maximum=None):
        super().__init__()
        self.ramp, self.invert, self.minimum, self.maximum = ramp, invert, minimum, maximum

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        if not isinstance(layer, QgsRasterLayer):
            return
        statistics = layer.dataProvider().bandStatistics(1)
        ramp = QgsStyle.defaultStyle().colorRamp(self.ramp)
        if self.invert:
            ramp.invert()
        low = statistics.minimumValue if self.minimum is None else self.minimum
        high = statistics.mean if self.maximum is None else self.maximum
        shader_function = QgsColorRampShader(low, high, ramp)
        shader_function.classifyColorRamp(8)
        shader = QgsRasterShader()
        shader.setRasterShaderFunction(shader_function)
        layer.setRenderer(QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader))
        layer.triggerRepaint()


def small_angles_stand_out():
    """Angle rasters: bright for small angles (pure, similar pixels), dark from the mean angle up."""
    return PseudoColour("Magma", invert=True)


def hot_concentrations():
    """Concentration rasters: a hot ramp on band 1 up to its mean (paper, section 2.5.3)."""
    return PseudoColour("Reds")


def fractions():
    """Abundance rasters: 0 to 1 on Viridis."""
    return PseudoColour("Viridis", minimum=0.0, maximum=1.0)


def style_on_load(context, path, post_processor, name=None):
    """Attach `post_processor` (and a layer name) to output `path` if QGIS will load it."""
    if context.willLoadLayerOnCompletion(path):
        details = context.layerToLoadOnCompletionDetails(path)
        if name:
            details.name = name
        _KEEP_ALIVE.append(post_processor)
        details.setPostProcessor(post_processor)
