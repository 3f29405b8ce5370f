"""Test set-up: the plugin importable as `pccee` whatever the checkout folder is called, its
provider registered in pytest-qgis's offscreen QGIS, and tiny rasters written from arrays."""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
DATA = os.path.join(SHARED, "data")

# The install folder is `pccee`; a checkout may be called anything, so tests see it through a link.
_PACKAGES = tempfile.mkdtemp(prefix="pccee-import-")
os.symlink(ROOT, os.path.join(_PACKAGES, "pccee"))
sys.path.insert(0, _PACKAGES)


def data_path(*parts):
    """A file from ../shared/data. Without it the test is skipped on a developer's machine, and fails under CI
    (CI=true), where a silently skipped known-answer test would pass for a green run."""
    path = os.path.join(DATA, *parts)
    if not os.path.exists(path):
        message = "shared data not found: {}".format(path)
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + " (CI needs ../shared beside the clone)")
        pytest.skip(message)
    return path


@pytest.fixture
def gpu_module():
    """CuPy on a GPU, or the test is skipped: the GPU path runs the CPU path's code on CuPy's arrays, and that code
    is tested everywhere on NumPy's."""
    from pccee.algorithms.core.device import DeviceError, array_module
    try:
        return array_module("gpu")[0]
    except DeviceError as error:
        pytest.skip(str(error))


@pytest.fixture
def without_gpu():
    """Skips the test where a GPU can be used: it shows what a user without one is told."""
    from pccee.algorithms.core.device import DeviceError, array_module
    try:
        array_module("gpu")
    except DeviceError:
        return
    pytest.skip("a GPU is present: the no-GPU error cannot be shown here")


_KEEP_ALIVE = []


def register_provider(provider=None):
    """Add a PCCEE provider to the registry, keeping the Python object alive as a plugin does
    (the registry deletes providers it removes, and Python must not collect one it still holds)."""
    from qgis.core import QgsApplication
    from pccee.algorithms.provider import PcceeProvider
    provider = provider or PcceeProvider()
    _KEEP_ALIVE.append(provider)
    assert QgsApplication.processingRegistry().addProvider(provider)
    return provider


@pytest.fixture(scope="session")
def pccee_provider(qgis_processing):
    """The PCCEE provider id, registered in the test QGIS (what initProcessing does in qgis_process)."""
    from qgis.core import QgsApplication
    if QgsApplication.processingRegistry().providerById("pccee") is None:
        register_provider()
    return "pccee"


class QgisProcess:
    """qgis_process.bin in a fresh profile where only the pccee plugin is enabled: call it with the arguments
    of a run (a CompletedProcess), or take its `command` and `env` to run it as you like."""

    def __init__(self, profile):
        executable = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
        if executable is None:
            pytest.fail("qgis_process is not installed: run `make test`, which installs QGIS.")
        self.executable = executable
        plugins = profile / "profiles" / "default" / "python" / "plugins"
        plugins.mkdir(parents=True)
        os.symlink(ROOT, plugins / "pccee")
        self.env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profile), QT_QPA_PLATFORM="offscreen")
        self.env.pop("QGIS_OPTS", None)  # Debian's wrapper option that 3.22 rejects

    def command(self, *arguments):
        return [self.executable, *arguments]

    def __call__(self, *arguments):
        return subprocess.run(self.command(*arguments), env=self.env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """Run qgis_process in a fresh profile where only the pccee plugin was enabled."""
    run = QgisProcess(tmp_path_factory.mktemp("profile"))
    enabled = run("plugins", "enable", "pccee")
    assert enabled.returncode == 0, enabled.stderr
    return run


def create_scene(folder, size=128, seed=2024, outliers=5, clean=True):
    """The simulated scene through processing.run: a dict of the output paths ('scene', 'truth' abundances,
    'metals' concentrations, 'samples', and 'clean' without bad bands), 'abundances' and 'outliers'."""
    import processing
    from osgeo import gdal
    folder = str(folder)
    result = processing.run("pccee:createsamplescene", {
        "SIZE": size, "SEED": seed, "OUTLIERS": outliers, "OUTPUT": os.path.join(folder, "scene.tif"),
        "OUTPUT_ABUNDANCES": os.path.join(folder, "truth.tif"), "OUTPUT_CONCENTRATIONS": os.path.join(folder, "metals.tif"),
        "OUTPUT_SAMPLES": os.path.join(folder, "samples.gpkg")})
    scene = {"scene": result["OUTPUT"], "truth": result["OUTPUT_ABUNDANCES"], "metals": result["OUTPUT_CONCENTRATIONS"],
             "samples": result["OUTPUT_SAMPLES"], "abundances": read_raster(result["OUTPUT_ABUNDANCES"])}
    listed = gdal.Open(scene["scene"]).GetMetadataItem("PCCEE_OUTLIERS")
    scene["outliers"] = [tuple(map(int, item.split(","))) for item in listed.split(";")] if listed else []
    if clean:
        scene["clean"] = processing.run("pccee:removebadbands", {
            "INPUT": scene["scene"], "OUTPUT": os.path.join(folder, "clean.tif")})["OUTPUT"]
    return scene


@pytest.fixture(scope="session")
def simulated_scene(tmp_path_factory, pccee_provider):
    """The 128 x 128 simulated scene of seed 2024, shared by the tests that only read it."""
    return create_scene(tmp_path_factory.mktemp("simulated"))


def recording_feedback(cancel_at=None):
    """A QgsProcessingFeedback that keeps what the run told the user: `.lines` (info and warnings, in order),
    `.warnings` and `.errors`, and `.text` (all lines joined); with cancel_at, it cancels the run once the
    progress reaches that percentage (between blocks, as a user's Cancel button does)."""
    from qgis.core import QgsProcessingFeedback

    class Recording(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines, self.warnings, self.errors = [], [], []
            if cancel_at is not None:
                self.progressChanged.connect(lambda value: self.cancel() if value >= cancel_at else None)

        def pushInfo(self, info):  # noqa: N802 (QGIS's name)
            self.lines.append(info)

        def pushWarning(self, warning):  # noqa: N802
            self.lines.append(warning)
            self.warnings.append(warning)

        def reportError(self, error, fatal=False):  # noqa: N802
            self.errors.append(error)

        @property
        def text(self):
            return "\n".join(self.lines)

    return Recording()


@pytest.fixture
def run_alg(pccee_provider):
    """processing.run with a fresh context and feedback; returns the results dict."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    def run(name, parameters, feedback=None):
        context = QgsProcessingContext()
        return processing.run(name, parameters, context=context, feedback=feedback or QgsProcessingFeedback())
    return run


def write_raster(path, cube, wavelengths_nm=None, nodata=None, epsg=32649, origin=(600000.0, 3070000.0),
                 pixel=30.0, descriptions=None, block=None, dtype=None):
    """Write (rows, cols, bands) `cube` as a GeoTIFF, plainly with GDAL (independent of the plugin)."""
    from osgeo import gdal, gdal_array, osr
    gdal.UseExceptions()
    rows, cols, n_bands = cube.shape
    dtype = np.dtype(dtype or cube.dtype)
    options = ["INTERLEAVE=PIXEL"]
    if block:
        options += ["TILED=YES", "BLOCKXSIZE={}".format(block), "BLOCKYSIZE={}".format(block)]
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), cols, rows, n_bands, gdal_array.NumericTypeCodeToGDALTypeCode(dtype), options)
    dataset.SetGeoTransform((origin[0], pixel, 0.0, origin[1], 0.0, -pixel))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    dataset.SetProjection(srs.ExportToWkt())
    for index in range(n_bands):
        band = dataset.GetRasterBand(index + 1)
        band.WriteArray(cube[:, :, index].astype(dtype))
        if nodata is not None:
            band.SetNoDataValue(nodata)
        if descriptions is not None:
            band.SetDescription(descriptions[index])
        if wavelengths_nm is not None:
            band.SetMetadataItem("wavelength", str(wavelengths_nm[index]))
            band.SetMetadataItem("wavelength_units", "nm")
    dataset = None
    return str(path)


def read_raster(path):
    """(rows, cols, bands) array of a raster, read plainly with GDAL."""
    from osgeo import gdal
    dataset = gdal.Open(str(path))
    return np.moveaxis(dataset.ReadAsArray().reshape(dataset.RasterCount, dataset.RasterYSize,
                                                     dataset.RasterXSize), 0, -1)


JASPER_MATERIALS = ("tree", "water", "soil", "road")


def jasper_ridge(folder):
    """Jasper Ridge (Zhu 2017) as a GeoTIFF with wavelengths: (path, ground-truth endmembers (4, 198),
    abundances (100, 100, 4)); reflectance = DN / 10000. The .mat pixel order is column-major."""
    from scipy.io import loadmat
    mat = loadmat(data_path("scenes", "jasper_ridge", "jasper_ridge_gt.mat"))
    wavelengths = np.loadtxt(data_path("scenes", "jasper_ridge", "jasper_ridge_wavelengths_nm.txt"))
    cube = mat["Y"].T.reshape(100, 100, 198).transpose(1, 0, 2).astype(np.float32) / 10000.0
    abundances = mat["A"].T.reshape(100, 100, 4).transpose(1, 0, 2)
    path = write_raster(os.path.join(str(folder), "jasper_ridge.tif"), cube, wavelengths, epsg=32610,
                        origin=(560000.0, 4140000.0), pixel=20.0)
    return path, mat["GT"], abundances


def jasper_library_csv(folder):
    """Jasper Ridge's image-derived library (lib1..lib4: tree, water, dirt, road; about 130 spectra each)
    as a CSV spectral library with the scene's wavelengths; classes named as the ground truth's."""
    from scipy.io import loadmat
    from pccee.algorithms.core.spectral_library import SpectralLibrary
    from pccee.algorithms.io.spectral_library_files import write_csv_library
    mat = loadmat(data_path("scenes", "jasper_ridge", "jasper_ridge_library.mat"))
    wavelengths = np.loadtxt(data_path("scenes", "jasper_ridge", "jasper_ridge_wavelengths_nm.txt"))
    spectra, classes = [], []
    for index, material in enumerate(("tree", "water", "soil", "road")):
        block = mat["lib{}".format(index + 1)].T
        spectra.append(block)
        classes += [material] * len(block)
    spectra = np.vstack(spectra)
    names = ["{} {}".format(c, i + 1) for i, c in enumerate(classes)]
    path = os.path.join(str(folder), "jasper_library.csv")
    write_csv_library(SpectralLibrary(spectra, wavelengths, names, classes, ["Zhu 2017"] * len(names)), path)
    return path
