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


class SmallAnglesStandOut(QgsProcessingLayerPostProcessorInterface):
    """Pseudocolour on band 1 of an angle raster: bright for small angles (pure, similar pixels), dark
    from the band's mean angle up."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        if not isinstance(layer, QgsRasterLayer):
            return
        statistics = layer.dataProvider().bandStatistics(1)
        ramp = QgsStyle.defaultStyle().colorRamp("Magma")
        ramp.invert()
        shader_function = QgsColorRampShader(statistics.minimumValue, statistics.mean, ramp)
        shader_function.classifyColorRamp(8)
        shader = QgsRasterShader()
        shader.setRasterShaderFunction(shader_function)
        layer.setRenderer(QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader))
        layer.triggerRepaint()


def style_on_load(context, path, post_processor, name=None):
    """Attach `post_processor` (and a layer name) to output `path` if QGIS will load it."""
    if context.willLoadLayerOnCompletion(path):
        details = context.layerToLoadOnCompletionDetails(path)
        if name:
            details.name = name
        _KEEP_ALIVE.append(post_processor)
        details.setPostProcessor(post_processor)
