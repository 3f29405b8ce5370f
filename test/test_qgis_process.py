"""The plugin as a user runs it in batch scripts: enabled in a clean profile, run by qgis_process."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

from conftest import ROOT, read_raster, write_raster

QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")


@pytest.fixture(scope="module")
def qgis_process(tmp_path_factory):
    """Run qgis_process in a fresh profile where only the pccee plugin was enabled."""
    if QGIS_PROCESS is None:
        pytest.fail("qgis_process is not installed: run `make test`, which installs QGIS.")
    profile = tmp_path_factory.mktemp("profile")
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    os.symlink(ROOT, plugins / "pccee")
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profile), QT_QPA_PLATFORM="offscreen")
    env.pop("QGIS_OPTS", None)  # Debian's wrapper option that 3.22 rejects

    def run(*arguments):
        return subprocess.run([QGIS_PROCESS, *arguments], env=env, capture_output=True, text=True, timeout=300)

    enabled = run("plugins", "enable", "pccee")
    assert enabled.returncode == 0, enabled.stderr
    return run


def test_list_shows_the_provider_and_its_algorithms(qgis_process):
    listing = qgis_process("list")
    assert listing.returncode == 0, listing.stderr
    assert "PCCEE heavy-metal mapping" in listing.stdout
    for algorithm in ("pccee:compareunmixing", "pccee:correlatemetals", "pccee:createsamplescene",
                      "pccee:endmemberablation", "pccee:extractendmembersppi", "pccee:extractendmembersvca",
                      "pccee:importspectrallibrary", "pccee:invertmetals", "pccee:matchpriorlibrary",
                      "pccee:mergeendmembers", "pccee:predictmetals", "pccee:removebadbands",
                      "pccee:selecttopkendmembers", "pccee:spectralanglemaps", "pccee:unmixabundances",
                      "pccee:zonepollution"):
        assert algorithm in listing.stdout


def test_run_with_json_output(qgis_process, tmp_path):
    cube = np.random.default_rng(5).random((40, 30, 5)).astype(np.float32)
    source = write_raster(tmp_path / "cube.tif", cube, [500.0, 900.0, 1400.0, 1600.0, 2200.0])
    output = tmp_path / "clean.tif"
    result = qgis_process("--json", "run", "pccee:removebadbands", "--",
                          "INPUT={}".format(source), "BAD_BANDS=1", "OUTPUT={}".format(output))
    assert result.returncode == 0, result.stdout + result.stderr
    reply = json.loads(result.stdout)
    assert reply["results"]["OUTPUT"] == str(output)
    assert np.array_equal(read_raster(output), cube[:, :, [1, 3, 4]])


def test_bad_input_fails_with_the_parameter_named(qgis_process, tmp_path):
    source = write_raster(tmp_path / "bare.tif", np.ones((5, 5, 3), dtype=np.float32))
    result = qgis_process("run", "pccee:removebadbands", "--", "INPUT={}".format(source),
                          "OUTPUT={}".format(tmp_path / "o.tif"))
    assert result.returncode != 0
    assert "(WAVELENGTHS)" in result.stdout + result.stderr
    assert not (tmp_path / "o.tif").exists()


def test_sample_scene_then_bad_bands_as_in_the_demo(qgis_process, tmp_path):
    outputs = {name: str(tmp_path / file) for name, file in (
        ("OUTPUT", "scene.tif"), ("OUTPUT_ABUNDANCES", "truth.tif"), ("OUTPUT_CONCENTRATIONS", "metals.tif"),
        ("OUTPUT_SAMPLES", "samples.gpkg"))}
    created = qgis_process("--json", "run", "pccee:createsamplescene", "--", "SIZE=64", "SEED=3",
                           *["{}={}".format(k, v) for k, v in outputs.items()])
    assert created.returncode == 0, created.stdout + created.stderr
    assert json.loads(created.stdout)["results"]["OUTPUT_SAMPLES"] == outputs["OUTPUT_SAMPLES"]
    cleaned = qgis_process("--json", "run", "pccee:removebadbands", "--", "INPUT=" + outputs["OUTPUT"],
                           "OUTPUT={}".format(tmp_path / "clean.tif"))
    assert cleaned.returncode == 0, cleaned.stdout + cleaned.stderr
    assert read_raster(tmp_path / "clean.tif").shape == (64, 64, 301)  # 29 water-vapour bands dropped
    ppi = qgis_process("--json", "run", "pccee:extractendmembersppi", "--", "INPUT={}".format(tmp_path / "clean.tif"),
                       "SKEWERS=1000", "ENDMEMBERS=4", "DEVICE=1", "OUTPUT={}".format(tmp_path / "ppi.gpkg"),
                       "OUTPUT_SCORES={}".format(tmp_path / "ppi.tif"))
    assert ppi.returncode == 0, ppi.stdout + ppi.stderr
    assert read_raster(tmp_path / "ppi.tif").sum() == 2000
    prior = qgis_process("run", "pccee:matchpriorlibrary", "--", "INPUT={}".format(tmp_path / "clean.tif"),
                         "OUTPUT={}".format(tmp_path / "prior.gpkg"), "OUTPUT_ANGLES={}".format(tmp_path / "a.tif"))
    assert prior.returncode == 0, prior.stdout + prior.stderr
    top = qgis_process("--json", "run", "pccee:selecttopkendmembers", "--", "CANDIDATES={}".format(tmp_path / "ppi.gpkg"),
                       "CANDIDATES={}".format(tmp_path / "prior.gpkg"), "K=3", "OUTPUT={}".format(tmp_path / "top.gpkg"))
    assert top.returncode == 0, top.stdout + top.stderr  # a list parameter: the name repeated
    assert json.loads(top.stdout)["results"]["OUTPUT"] == str(tmp_path / "top.gpkg")
    unmixed = qgis_process("run", "pccee:unmixabundances", "--", "INPUT={}".format(tmp_path / "clean.tif"),
                           "ENDMEMBERS={}".format(tmp_path / "top.gpkg"), "METHOD=1",
                           "OUTPUT={}".format(tmp_path / "ab.tif"), "OUTPUT_RESIDUAL={}".format(tmp_path / "res.tif"))
    assert unmixed.returncode == 0, unmixed.stdout + unmixed.stderr
    assert abs(read_raster(tmp_path / "ab.tif").sum(axis=2) - 1.0).max() < 1e-5  # FCLS


def test_the_workflow_model_runs_through_qgis_process(qgis_process, tmp_path):
    """resources/models/pccee_workflow.model3, registered as pccee:pcceeworkflow, on a small simulated
    scene: the six outputs it must write, the others to temporary files."""
    scene = {"OUTPUT": tmp_path / "scene.tif", "OUTPUT_ABUNDANCES": tmp_path / "truth.tif",
             "OUTPUT_CONCENTRATIONS": tmp_path / "metals.tif", "OUTPUT_SAMPLES": tmp_path / "samples.gpkg"}
    made = qgis_process("run", "pccee:createsamplescene", "--", "SIZE=72", "SEED=4",
                        *["{}={}".format(k, v) for k, v in scene.items()])
    assert made.returncode == 0, made.stdout + made.stderr
    outputs = {"topk:topk_endmembers": "topk.gpkg", "unmix:abundances": "abundances.tif",
               "invert:concentrations": "metals_map.tif", "invert:uncertainty": "spread.tif",
               "invert:inversion_report": "inversion.html", "zone:zones": "zones.tif"}
    run = qgis_process("--json", "run", "pccee:pcceeworkflow", "--", "scene={}".format(scene["OUTPUT"]),
                       "samples={}".format(scene["OUTPUT_SAMPLES"]),
                       *["{}={}".format(k, tmp_path / v) for k, v in outputs.items()])
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = json.loads(run.stdout)["results"]
    assert all(results[k] == str(tmp_path / v) for k, v in outputs.items())
    assert read_raster(tmp_path / "metals_map.tif").shape == (72, 72, 8)
    zones = read_raster(tmp_path / "zones.tif")
    assert zones.min() >= 1 and zones.max() >= 2
    from qgis.core import QgsVectorLayer
    assert QgsVectorLayer(str(tmp_path / "topk.gpkg"), "topk", "ogr").featureCount() == 4
