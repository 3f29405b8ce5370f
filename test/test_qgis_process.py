"""The plugin as a user runs it in batch scripts: enabled in a clean profile, run by qgis_process."""
import json

import numpy as np

from conftest import read_raster, write_raster


def test_list_shows_the_provider_and_its_algorithms(qgis_process):
    listing = qgis_process("list")
    assert listing.returncode == 0, listing.stderr
    assert "PCCEE heavy-metal mapping" in listing.stdout
    for algorithm in ("pccee:compareunmixing", "pccee:correlatemetals", "pccee:createsamplescene",
                      "pccee:endmemberablation", "pccee:extractendmembersppi", "pccee:extractendmembersvca",
                      "pccee:importspectrallibrary", "pccee:invertmetals", "pccee:matchpriorlibrary",
                      "pccee:mergeendmembers", "pccee:predictmetals", "pccee:removebadbands",
                      "pccee:selecttopkendmembers", "pccee:spectralanglemaps", "pccee:stackvnirswir", "pccee:unmixabundances", "pccee:trainsourcedetector", "pccee:detectsources",
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


def test_the_workflow_model_runs_with_only_the_scene_and_the_samples(qgis_process, tmp_path):
    """resources/models/pccee_workflow.model3, registered as pccee:pcceeworkflow, on a small simulated
    scene (64 x 64) whose water pixels lie nearer a partial-range mineral spectrum than the water spectra:
    the purity-aware Top-K assigns the classes jointly and keeps all four (before issue 17 it kept 3, and
    failed without UP_TO_K). No output has to be named: the ones left out (all but the three inspected
    here) go to temporary files, removed when qgis_process exits."""
    scene = {"OUTPUT": tmp_path / "scene.tif", "OUTPUT_ABUNDANCES": tmp_path / "truth.tif",
             "OUTPUT_CONCENTRATIONS": tmp_path / "metals.tif", "OUTPUT_SAMPLES": tmp_path / "samples.gpkg"}
    made = qgis_process("run", "pccee:createsamplescene", "--", "SIZE=64", "SEED=2024",
                        *["{}={}".format(k, v) for k, v in scene.items()])
    assert made.returncode == 0, made.stdout + made.stderr
    named = {"topk:topk_endmembers": "topk.gpkg", "invert:concentrations": "metals_map.tif", "zone:zones": "zones.tif"}
    run = qgis_process("--json", "run", "pccee:pcceeworkflow", "--", "scene={}".format(scene["OUTPUT"]),
                       "samples={}".format(scene["OUTPUT_SAMPLES"]),
                       *["{}={}".format(k, tmp_path / v) for k, v in named.items()])
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    reply = json.loads(run.stdout)
    assert len(reply["results"]) == 19 and all(reply["results"].values())  # every output written somewhere
    assert all(reply["results"][k] == str(tmp_path / v) for k, v in named.items())
    assert not any("Only 3 of K = 4" in line for line in reply["log"].get("warning", []))
    from qgis.core import QgsVectorLayer
    topk = QgsVectorLayer(str(tmp_path / "topk.gpkg"), "topk", "ogr")
    assert sorted(f["class"] for f in topk.getFeatures()) == ["mining soil", "urban", "vegetation", "water"]
    metals = read_raster(tmp_path / "metals_map.tif")
    assert metals.shape == (64, 64, 8) and np.isfinite(metals).all() and metals.min() >= 0
    zones = read_raster(tmp_path / "zones.tif")
    assert zones.min() >= 1 and zones.max() >= 2
    assert (tmp_path / "zones.qml").exists() and (tmp_path / "metals_map.qml").exists()  # styled where they land
