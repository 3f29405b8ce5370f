"""Nothing lost, ever: outputs never overwrite an input or each other, appear only when the whole run succeeded,
and a cancel, SIGINT or SIGTERM leaves no trace (no partial file, no staging folder, no sidecar)."""
import hashlib
import os
import signal
import subprocess
import time

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from conftest import create_scene, recording_feedback, write_raster


@pytest.fixture(scope="module")
def scene(tmp_path_factory, pccee_provider):
    return create_scene(tmp_path_factory.mktemp("safety"), size=64, clean=False)


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def listing(folder):
    """Every entry of a folder, hidden ones included."""
    return sorted(os.listdir(str(folder)))


def run_refused(run_alg, algorithm, parameters, protected, *words):
    """The run fails before any work, with every word in its message, and the protected files unchanged."""
    before = {path: digest(path) for path in protected}
    with pytest.raises(QgsProcessingException) as error:
        run_alg(algorithm, parameters)
    for word in words:
        assert word in str(error.value), str(error.value)
    assert {path: digest(path) for path in protected} == before
    return str(error.value)


def test_an_output_equal_to_an_input_is_refused_and_the_input_kept(run_alg, scene, tmp_path):
    run_refused(run_alg, "pccee:removebadbands", {"INPUT": scene["scene"], "OUTPUT": scene["scene"]},
                [scene["scene"]], "(OUTPUT)", "input INPUT", "Choose another output file")
    # the abundances as the model file: once turned into a zip, now refused
    run_refused(run_alg, "pccee:invertmetals", {
        "ABUNDANCES": scene["truth"], "SAMPLES": scene["samples"], "TREES": 5,
        "OUTPUT": str(tmp_path / "m.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "u.tif"),
        "OUTPUT_METRICS": str(tmp_path / "metrics.gpkg"), "OUTPUT_REPORT": str(tmp_path / "r.html"),
        "OUTPUT_MODEL": scene["truth"]}, [scene["truth"]], "(OUTPUT_MODEL)", "input ABUNDANCES")
    # the samples' GeoPackage as a table output
    run_refused(run_alg, "pccee:correlatemetals", {
        "SAMPLES": scene["samples"], "FIELDS": ["Pb", "Cd"], "OUTPUT": scene["samples"],
        "OUTPUT_REPORT": str(tmp_path / "c.html")}, [scene["samples"]], "(OUTPUT)", "input SAMPLES")
    assert listing(tmp_path) == []


def test_the_sources_of_a_vrt_input_are_protected_too(run_alg, tmp_path):
    from osgeo import gdal
    cube = np.random.default_rng(1).random((12, 10, 4)).astype(np.float32)
    source = write_raster(tmp_path / "cube.tif", cube, [500.0, 900.0, 1600.0, 2200.0])
    vrt = str(tmp_path / "cube.vrt")
    gdal.BuildVRT(vrt, [source])
    run_refused(run_alg, "pccee:removebadbands", {"INPUT": vrt, "OUTPUT": source, "DROP_CONSTANT": False},
                [source, vrt], "(OUTPUT)", "input INPUT")


def test_two_outputs_on_one_path_are_refused(run_alg, scene, tmp_path):
    same = str(tmp_path / "same.tif")
    run_refused(run_alg, "pccee:invertmetals", {
        "ABUNDANCES": scene["truth"], "SAMPLES": scene["samples"], "TREES": 5, "OUTPUT": same,
        "OUTPUT_UNCERTAINTY": same, "OUTPUT_METRICS": str(tmp_path / "metrics.gpkg"), "OUTPUT_REPORT": str(tmp_path / "r.html"),
        "OUTPUT_MODEL": str(tmp_path / "m.npz")}, [], "(OUTPUT_UNCERTAINTY)", "output OUTPUT", "its own file")
    assert listing(tmp_path) == []


@pytest.mark.parametrize("name, value, words", [
    ("OUTPUT", "abundances.png", ("(OUTPUT)", ".tif", "abundances.tif")),
    ("OUTPUT", "abundances.img", ("(OUTPUT)", ".tif")),
    ("OUTPUT_REPORT", "report.pdf", ("(OUTPUT_REPORT)", ".html")),
    ("OUTPUT_MODEL", "model.zip", ("(OUTPUT_MODEL)", ".npz")),
    ("OUTPUT_MODEL", "missing-folder/model.npz", ("(OUTPUT_MODEL)", "does not exist")),
])
def test_file_names_are_honoured_or_refused_before_any_work(run_alg, scene, tmp_path, name, value, words):
    parameters = {"ABUNDANCES": scene["truth"], "SAMPLES": scene["samples"], "TREES": 5,
                  "OUTPUT": str(tmp_path / "m.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "u.tif"),
                  "OUTPUT_METRICS": str(tmp_path / "metrics.gpkg"), "OUTPUT_REPORT": str(tmp_path / "r.html"),
                  "OUTPUT_MODEL": str(tmp_path / "m.npz")}
    feedback = QgsProcessingFeedback()
    with pytest.raises(QgsProcessingException) as error:
        run_alg("pccee:invertmetals", dict(parameters, **{name: str(tmp_path / value)}), feedback)
    for word in words:
        assert word in str(error.value), str(error.value)
    assert feedback.progress() == 0  # refused before the training
    assert listing(tmp_path) == []


def test_a_table_named_like_an_image_is_refused(run_alg, scene, tmp_path):
    run_refused(run_alg, "pccee:correlatemetals", {
        "SAMPLES": scene["samples"], "FIELDS": ["Pb", "Cd"], "OUTPUT": str(tmp_path / "table.png"),
        "OUTPUT_REPORT": str(tmp_path / "c.html")}, [], "(OUTPUT)", ".gpkg", "table.gpkg")
    assert listing(tmp_path) == []


def test_a_name_without_extension_gets_the_output_format(run_alg, scene, tmp_path):
    result = run_alg("pccee:removebadbands", {"INPUT": scene["scene"], "OUTPUT": str(tmp_path / "clean")})
    assert result["OUTPUT"] == str(tmp_path / "clean.tif")
    assert "clean.tif" in listing(tmp_path) and not any(name.startswith(".") for name in listing(tmp_path))


def test_a_run_cancelled_late_leaves_no_output_at_all(run_alg, scene, tmp_path):
    """'Invert metals' writes its model, report and table before the maps: a cancel while mapping must
    remove them all, and leave an older output of the same name as it was."""
    old_report = tmp_path / "r.html"
    old_report.write_text("an earlier report")
    parameters = {"ABUNDANCES": scene["truth"], "SAMPLES": scene["samples"], "TREES": 5,
                  "OUTPUT": str(tmp_path / "m.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "u.tif"),
                  "OUTPUT_METRICS": str(tmp_path / "metrics.gpkg"), "OUTPUT_REPORT": str(old_report),
                  "OUTPUT_MODEL": str(tmp_path / "m.npz")}
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("pccee:invertmetals", parameters, recording_feedback(cancel_at=51))
    assert listing(tmp_path) == ["r.html"] and old_report.read_text() == "an earlier report"
    run_alg("pccee:invertmetals", parameters)
    assert listing(tmp_path) == ["m.npz", "m.qml", "m.tif", "metrics.gpkg", "r.html", "u.qml", "u.tif"]  # with styles


def test_zones_keep_their_names_beside_the_file_and_nothing_else(run_alg, scene, tmp_path):
    import xml.etree.ElementTree as ElementTree
    result = run_alg("pccee:zonepollution", {"INPUT": scene["metals"], "K": 3, "OUTPUT": str(tmp_path / "z.tif"),
                                             "OUTPUT_STATS": str(tmp_path / "z.gpkg"),
                                             "OUTPUT_REPORT": str(tmp_path / "z.html")})
    assert listing(tmp_path) == ["z.gpkg", "z.html", "z.qml", "z.tif", "z.tif.aux.xml"]
    names = [c.text for c in ElementTree.parse(result["OUTPUT"] + ".aux.xml").iter("Category") if c.text]
    assert names == ["low background", "moderate diffusion", "high-risk composite"]


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_end_a_qgis_process_run_without_a_trace(qgis_process, tmp_path, signal_number):
    """A run that writes a large scene is interrupted while its outputs are being staged."""
    command = qgis_process.command("run", "pccee:createsamplescene", "--", "SIZE=500", *[
        "{}={}".format(name, tmp_path / file) for name, file in (
            ("OUTPUT", "scene.tif"), ("OUTPUT_ABUNDANCES", "truth.tif"), ("OUTPUT_CONCENTRATIONS", "metals.tif"),
            ("OUTPUT_SAMPLES", "samples.gpkg"))])
    process = subprocess.Popen(command, env=qgis_process.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    deadline = time.monotonic() + 120
    while not any(name.startswith(".pccee-") for name in listing(tmp_path)) and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before its outputs were staged"
        time.sleep(0.2)
    time.sleep(1.0)
    assert process.poll() is None, "the run ended before the signal: make the scene larger"
    process.send_signal(signal_number)
    output, _ = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "Interrupted by {}".format(signal.Signals(signal_number).name) in output
    assert listing(tmp_path) == []


@pytest.fixture(scope="module")
def made(tmp_path_factory, pccee_provider):
    """Inputs for every streaming algorithm on a scene wider than one 256-pixel output tile, so that it streams
    in several windows: the scene without bad bands, an endmember library, a model."""
    import processing
    folder = tmp_path_factory.mktemp("made")
    scene = create_scene(folder, size=272, clean=False)
    clean = processing.run("pccee:removebadbands", {"INPUT": scene["scene"], "OUTPUT": str(folder / "clean.tif")})
    library = processing.run("pccee:extractendmembersvca", {"INPUT": clean["OUTPUT"], "ENDMEMBERS": 4,
                                                            "OUTPUT": str(folder / "vca.gpkg")})
    model = processing.run("pccee:invertmetals", {
        "ABUNDANCES": scene["truth"], "SAMPLES": scene["samples"], "TREES": 5, "OUTPUT": str(folder / "m.tif"),
        "OUTPUT_UNCERTAINTY": str(folder / "u.tif"), "OUTPUT_METRICS": str(folder / "metrics.gpkg"),
        "OUTPUT_REPORT": str(folder / "r.html"), "OUTPUT_MODEL": str(folder / "m.npz")})
    return dict(scene, clean=clean["OUTPUT"], library=library["OUTPUT"], model=model["OUTPUT_MODEL"])


STREAMING = {  # algorithm: (parameters from the inputs, outputs written in the test's folder)
    "removebadbands": (lambda m: {"INPUT": m["scene"]}, ("OUTPUT",)),
    "extractendmembersppi": (lambda m: {"INPUT": m["clean"], "SKEWERS": 200}, ("OUTPUT", "OUTPUT_SCORES")),
    "extractendmembersvca": (lambda m: {"INPUT": m["clean"]}, ("OUTPUT",)),
    "matchpriorlibrary": (lambda m: {"INPUT": m["clean"]}, ("OUTPUT", "OUTPUT_ANGLES")),
    "spectralanglemaps": (lambda m: {"INPUT": m["clean"], "ENDMEMBERS": m["library"]}, ("OUTPUT", "OUTPUT_PLOT")),
    "unmixabundances": (lambda m: {"INPUT": m["clean"], "ENDMEMBERS": m["library"]}, ("OUTPUT", "OUTPUT_RESIDUAL")),
    "compareunmixing": (lambda m: {"INPUT": m["clean"], "ENDMEMBERS": m["library"], "METHODS": [0, 1]},
                        ("OUTPUT", "OUTPUT_REPORT")),
    "invertmetals": (lambda m: {"ABUNDANCES": m["truth"], "SAMPLES": m["samples"], "TREES": 5},
                     ("OUTPUT", "OUTPUT_UNCERTAINTY", "OUTPUT_METRICS", "OUTPUT_REPORT", "OUTPUT_MODEL")),
    "predictmetals": (lambda m: {"ABUNDANCES": m["truth"], "MODEL": m["model"]}, ("OUTPUT", "OUTPUT_UNCERTAINTY")),
    "correlatemetals": (lambda m: {"INPUT": m["metals"]}, ("OUTPUT", "OUTPUT_REPORT")),
    "zonepollution": (lambda m: {"INPUT": m["metals"], "K": 3}, ("OUTPUT", "OUTPUT_STATS", "OUTPUT_REPORT")),
}
EXTENSIONS = {"OUTPUT_REPORT": "html", "OUTPUT_PLOT": "html", "OUTPUT_MODEL": "npz", "OUTPUT_METRICS": "gpkg",
              "OUTPUT_STATS": "gpkg"}


@pytest.mark.parametrize("algorithm", sorted(STREAMING))
def test_every_streaming_algorithm_stops_between_blocks_and_leaves_nothing(run_alg, made, tmp_path, monkeypatch,
                                                                            algorithm):
    from pccee.algorithms.io import raster_reader
    monkeypatch.setattr(raster_reader, "BLOCK_VALUES", 300 * 256 * 16)  # windows of 16 rows: several per scene
    inputs, outputs = STREAMING[algorithm]
    parameters = inputs(made)
    table = "gpkg" if algorithm in ("extractendmembersppi", "extractendmembersvca", "matchpriorlibrary",
                                    "correlatemetals", "compareunmixing") else "tif"
    parameters.update({name: str(tmp_path / "{}.{}".format(name.lower(), EXTENSIONS.get(name, table if name ==
                                                                                         "OUTPUT" else "tif")))
                       for name in outputs})
    feedback = recording_feedback(cancel_at=0.001)
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("pccee:" + algorithm, parameters, feedback)
    assert feedback.progress() < 60, "ran on after the cancel"  # not only the check at the end of the run
    assert listing(tmp_path) == []


def test_the_workflow_model_refuses_an_output_on_its_scene_and_cleans_up_a_cancelled_run(run_alg, scene, tmp_path):
    """A step sees only its own inputs: the model itself checks what the user named, and a run cancelled
    halfway removes the outputs its first steps wrote."""
    run_refused(run_alg, "pccee:pcceeworkflow", {"scene": scene["scene"], "samples": scene["samples"],
                                                 "unmix:abundances": scene["scene"]},
                [scene["scene"]], "(unmix:abundances)", "input scene")
    named = {"topk:topk_endmembers": str(tmp_path / "topk.gpkg"), "invert:concentrations": str(tmp_path / "m.tif")}
    with pytest.raises(QgsProcessingException):
        run_alg("pccee:pcceeworkflow", dict(named, scene=scene["scene"], samples=scene["samples"]),
                recording_feedback(cancel_at=50))
    assert listing(tmp_path) == []


def test_outputs_load_into_the_project_from_their_final_place(scene, tmp_path):
    """As from the Toolbox: the layers QGIS loads at the end are the moved files, not the staged ones."""
    import processing
    from qgis.core import QgsProject
    project = QgsProject.instance()
    before = set(project.mapLayers())
    results = processing.runAndLoadResults("pccee:matchpriorlibrary", {
        "INPUT": scene["scene"], "OUTPUT": str(tmp_path / "prior.gpkg"), "OUTPUT_ANGLES": str(tmp_path / "angles.tif")})
    loaded = [project.mapLayer(i) for i in set(project.mapLayers()) - before]
    try:
        sources = sorted(layer.source().split("|")[0] for layer in loaded)
        assert sources == [str(tmp_path / "angles.tif"), str(tmp_path / "prior.gpkg")]
        assert all(layer.isValid() for layer in loaded)
        assert results["OUTPUT"].startswith(str(tmp_path / "prior.gpkg")) and ".partial" not in results["OUTPUT"]
    finally:
        project.removeMapLayers([layer.id() for layer in loaded])
