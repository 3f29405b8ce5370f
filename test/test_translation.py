"""The plugin installs its translation for the user's locale (built from i18n/*.ts by `make test`)."""
import os
import string
import xml.etree.ElementTree as ElementTree

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
        ablation = QgsApplication.processingRegistry().algorithmById("pccee:endmemberablation").create()
        assert ablation.displayName() == "比较端元提取流程（消融实验）"
        assert ablation.shortHelpString().startswith("论文表 1 的消融实验")
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().algorithmById("pccee:removebadbands").displayName() == "Remove bad bands"


def test_an_error_of_the_core_reaches_a_chinese_user_in_chinese(chinese_locale, tmp_path):
    """The core cannot use Qt: its errors carry their template apart from their values, and the algorithm
    translates the template before filling in the values."""
    import numpy as np
    import processing
    from qgis.core import QgsProcessingException
    from conftest import write_raster
    import pccee
    plugin = pccee.classFactory(None)
    try:
        scene = write_raster(tmp_path / "s.tif", np.ones((4, 4, 3), dtype=np.float32), [500.0, 900.0, 1600.0])
        with pytest.raises(QgsProcessingException) as error:
            processing.run("pccee:removebadbands", {"INPUT": scene, "BAD_BANDS": "abc",
                                                    "OUTPUT": str(tmp_path / "o.tif")})
        assert "“abc”不是波段编号" in str(error.value) and "（BAD_BANDS）" in str(error.value)
    finally:
        plugin.unload()


def test_every_translated_message_reaches_the_user(chinese_locale):
    """Each message is found at run time in the context pylupdate filed it under (a shared base class,
    a module-level helper), not only in the algorithm's own."""
    import pccee
    plugin = pccee.classFactory(None)
    try:
        from pccee.algorithms.base import PcceeAlgorithm
        algorithms = [a for a in QgsApplication.processingRegistry().algorithms() if isinstance(a, PcceeAlgorithm)]
        assert algorithms
        tree = ElementTree.parse(os.path.join(ROOT, "i18n", "pccee_zh.ts"))
        for context in tree.iter("context"):
            if context.findtext("name") == "PcceeProvider":
                continue
            for message in context.iter("message"):
                source, translation = message.findtext("source"), message.findtext("translation")
                assert translation and any(a.tr(source) == translation for a in algorithms), \
                    (context.findtext("name"), source)
    finally:
        plugin.unload()


def placeholders(text):
    """The str.format fields of a message, numbered as format numbers them, with their format specs."""
    fields, automatic = [], 0
    for _, name, spec, _ in string.Formatter().parse(text):
        if name is not None:
            fields.append((automatic if name == "" else int(name), spec))
            automatic += name == ""
    return sorted(fields)


def test_every_translation_formats_like_its_source():
    """A translation whose placeholders differ from the English would make the algorithm fail only for
    users of that language, at the moment it reports."""
    for translations in [f for f in os.listdir(os.path.join(ROOT, "i18n")) if f.endswith(".ts")]:
        for message in ElementTree.parse(os.path.join(ROOT, "i18n", translations)).iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation") or ""
            if translation:
                assert placeholders(translation) == placeholders(source), (translations, source, translation)
                translation.format(*[1.5] * len(placeholders(source)))  # mixed or malformed fields raise here
