"""The plugin installs its translation for the user's locale (built from i18n/*.ts by `make test`)."""
import os

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QSettings

from conftest import ROOT


@pytest.fixture
def chinese_locale(pccee_provider):
    settings = QSettings()
    previous = settings.value("locale/userLocale")
    settings.setValue("locale/userLocale", "zh_CN")
    yield
    settings.setValue("locale/userLocale", previous or "en_US")


def test_chinese_user_sees_translated_names(chinese_locale):
    if not os.path.exists(os.path.join(ROOT, "i18n", "pccee_zh.qm")):
        pytest.fail("i18n/pccee_zh.qm is missing: `make test` builds it with lrelease.")
    import pccee
    plugin = pccee.classFactory(None)
    try:
        algorithm = QgsApplication.processingRegistry().algorithmById("pccee:removebadbands").create()
        assert algorithm.displayName() == "去除坏波段"
        assert "（WAVELENGTHS）" in str(algorithm.fail(algorithm.WAVELENGTHS, "x"))
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().algorithmById("pccee:removebadbands").displayName() == "Remove bad bands"
