"""The numerical core must import in a Python without QGIS or GDAL (reusable, unit-testable)."""
import subprocess
import sys

from conftest import _PACKAGES

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('qgis', 'osgeo', 'PyQt5'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
sys.path.insert(0, {packages!r})
import pkgutil, importlib
import pccee.algorithms.core as core
names = [m.name for m in pkgutil.iter_modules(core.__path__)]
for name in names:
    importlib.import_module('pccee.algorithms.core.' + name)
print(len(names))
"""


def test_core_imports_without_qgis_or_gdal():
    result = subprocess.run([sys.executable, "-c", BLOCKER.format(packages=_PACKAGES)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 4
