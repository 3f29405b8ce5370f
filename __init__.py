"""PCCEE for QGIS: heavy-metal pollution mapping from hyperspectral imagery (QGIS plugin)."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import PcceePlugin
    return PcceePlugin(iface)
