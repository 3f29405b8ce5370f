"""Plugin entry: translations and the Processing provider, in the desktop and in qgis_process."""
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .algorithms.provider import PcceeProvider


class PcceePlugin:
    """Registers the PCCEE provider; initProcessing alone is what qgis_process calls."""

    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        self.translator = None
        self._install_translator()

    def _install_translator(self):
        locale = (QSettings().value("locale/userLocale") or QLocale().name())[:2]
        path = os.path.join(os.path.dirname(__file__), "i18n", "pccee_{}.qm".format(locale))
        if os.path.exists(path):
            self.translator = QTranslator()
            if self.translator.load(path):
                QCoreApplication.installTranslator(self.translator)

    def initProcessing(self):
        if self.provider is None:
            self.provider = PcceeProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
