"""pccee:endmemberablation (the paper's Table 1) and pccee:mergeendmembers, on the simulated scene."""
import time

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from pccee.algorithms.evaluation.endmember_ablation import WORKFLOWS
from pccee.algorithms.library_layer import read_library

METALS = ("Pb", "Cd", "Cr", "Hg", "As", "Cu", "Zn", "Ni")
#: Small settings keep the test quick; the README's table uses the defaults on a larger scene.
SETTINGS = {"SKEWERS": 1000, "TREES": 30, "FOLDS": 5, "SEED": 3}


def table(path):
    layer = QgsVectorLayer(path, "table", "ogr")
    return {feature["workflow"]: {name: feature[name] for name in layer.fields().names()}
            for feature in layer.getFeatures()}


@pytest.fixture(scope="module")
def ablation(tmp_path_factory, simulated_scene):
    import processing
    folder = tmp_path_factory.mktemp("ablation")
    start = time.perf_counter()
    result = processing.run("pccee:endmemberablation", dict(
        SETTINGS, INPUT=simulated_scene["clean"], SAMPLES=simulated_scene["samples"],
        OUTPUT=str(folder / "ablation.gpkg"), OUTPUT_REPORT=str(folder / "ablation.html")))
    return {"folder": folder, "rows": table(result["OUTPUT"]), "report": result["OUTPUT_REPORT"],
            "elapsed": time.perf_counter() - start}


def test_the_table_holds_every_workflow_and_metal(ablation):
    rows = ablation["rows"]
    assert list(rows) == [name for name, _ in WORKFLOWS]
    for name, row in rows.items():
        r2 = [row["cv_r2_" + metal] for metal in METALS]
        assert all(np.isfinite(r2)) and all(-1.0 < value <= 1.0 for value in r2), name
        assert row["cv_r2_mean"] == pytest.approx(np.mean(r2))
        assert 0 < row["seconds"] < ablation["elapsed"]  # its own steps, not the whole run
        names = row["endmember_names"].split("; ")
        sources = {source for _, sources in WORKFLOWS if _ == name for source in sources}
        if "PS" in sources:  # Top-K: at most K = 4, one per prior class (a prior spectrum's name may hold a comma)
            assert 1 <= row["endmembers"] <= 4 and row["endmembers"] <= len(names)
        else:  # every candidate of the methods used, and nothing else
            assert row["endmembers"] == len(names)
            assert {n.split()[0] for n in names} == sources
    assert rows["PPI+VCA"]["endmembers"] >= max(rows["PPI"]["endmembers"], rows["VCA"]["endmembers"])
    with open(ablation["report"], encoding="utf-8") as stream:
        page = stream.read()
    assert "data:image/png;base64," in page and page.count("<tr>") == len(WORKFLOWS) + 1


def test_rows_equal_running_the_workflows_one_by_one(ablation, simulated_scene, run_alg):
    """PPI + VCA + PS and PPI + VCA, step by step as a user would, with 'Invert metal concentrations'."""
    folder, scene = ablation["folder"], simulated_scene["clean"]
    ppi = run_alg("pccee:extractendmembersppi", {"INPUT": scene, "SKEWERS": SETTINGS["SKEWERS"], "SEED": SETTINGS["SEED"],
                                                 "OUTPUT": str(folder / "ppi.gpkg"), "OUTPUT_SCORES": str(folder / "ppi.tif")})
    vca = run_alg("pccee:extractendmembersvca", {"INPUT": scene, "SEED": SETTINGS["SEED"], "OUTPUT": str(folder / "vca.gpkg")})
    prior = run_alg("pccee:matchpriorlibrary", {"INPUT": scene, "OUTPUT": str(folder / "prior.gpkg"),
                                                "OUTPUT_ANGLES": str(folder / "angles.tif")})
    libraries = {
        "PPI+VCA+PS": run_alg("pccee:selecttopkendmembers", {
            "CANDIDATES": [ppi["OUTPUT"], vca["OUTPUT"], prior["OUTPUT"]], "K": 4, "UP_TO_K": True, "INPUT": scene,
            "OUTPUT": str(folder / "topk.gpkg")})["OUTPUT"],
        "PPI+VCA": run_alg("pccee:mergeendmembers", {"INPUT": [ppi["OUTPUT"], vca["OUTPUT"]],
                                                     "OUTPUT": str(folder / "merged.gpkg")})["OUTPUT"]}
    for name, library in libraries.items():
        abundances = run_alg("pccee:unmixabundances", {"INPUT": scene, "ENDMEMBERS": library,
                                                       "OUTPUT": str(folder / (name + ".tif")),
                                                       "OUTPUT_RESIDUAL": "TEMPORARY_OUTPUT"})["OUTPUT"]
        metrics = run_alg("pccee:invertmetals", {
            "ABUNDANCES": abundances, "SAMPLES": simulated_scene["samples"], "TREES": SETTINGS["TREES"],
            "FOLDS": SETTINGS["FOLDS"], "SEED": SETTINGS["SEED"], "OUTPUT_METRICS": str(folder / (name + ".gpkg")),
            **{name: "TEMPORARY_OUTPUT" for name in ("OUTPUT", "OUTPUT_UNCERTAINTY", "OUTPUT_REPORT", "OUTPUT_MODEL")}})
        by_metal = {f["metal"]: f["r2"] for f in QgsVectorLayer(metrics["OUTPUT_METRICS"], "m", "ogr").getFeatures()}
        row = ablation["rows"][name]
        assert [row["cv_r2_" + metal] for metal in METALS] == pytest.approx([by_metal[m] for m in METALS], abs=1e-9)
        assert row["endmember_names"] == "; ".join(read_library(QgsVectorLayer(library, "l", "ogr")).names)


def test_merge_keeps_a_pixel_found_twice_once(ablation, simulated_scene, run_alg):
    folder = ablation["folder"]
    vca = run_alg("pccee:extractendmembersvca", {"INPUT": simulated_scene["clean"], "OUTPUT": str(folder / "v.gpkg")})
    twice = run_alg("pccee:mergeendmembers", {"INPUT": [vca["OUTPUT"], vca["OUTPUT"]], "OUTPUT": str(folder / "m2.gpkg")})
    merged = read_library(QgsVectorLayer(twice["OUTPUT"], "m", "ogr"))
    original = read_library(QgsVectorLayer(vca["OUTPUT"], "v", "ogr"))
    assert merged.names == original.names
    np.testing.assert_allclose(merged.spectra, original.spectra)


def test_bad_input_names_the_parameter(simulated_scene, run_alg, tmp_path):
    parameters = dict(SETTINGS, INPUT=simulated_scene["clean"], SAMPLES=simulated_scene["samples"],
                      OUTPUT=str(tmp_path / "t.gpkg"), OUTPUT_REPORT=str(tmp_path / "t.html"))
    with pytest.raises(QgsProcessingException, match="WORKFLOWS"):
        run_alg("pccee:endmemberablation", dict(parameters, WORKFLOWS=[]))
    with pytest.raises(QgsProcessingException, match=r"\(METALS\).*Sb"):
        run_alg("pccee:endmemberablation", dict(parameters, METALS="Pb, Sb"))
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\)"):
        run_alg("pccee:mergeendmembers", {"INPUT": [], "OUTPUT": str(tmp_path / "m.gpkg")})
    with pytest.raises(QgsProcessingException, match=r"\(INPUT\).*no 'profiles' field"):
        run_alg("pccee:mergeendmembers", {"INPUT": [simulated_scene["samples"]], "OUTPUT": str(tmp_path / "m.gpkg")})
    with pytest.raises(QgsProcessingException, match=r"\(CANDIDATES\).*no 'profiles' field"):
        run_alg("pccee:selecttopkendmembers", {"CANDIDATES": [simulated_scene["samples"]], "OUTPUT": str(tmp_path / "k.gpkg")})
    assert not (tmp_path / "m.gpkg").exists() and not (tmp_path / "k.gpkg").exists()
    assert not (tmp_path / "t.gpkg").exists() and not (tmp_path / "t.html").exists()
