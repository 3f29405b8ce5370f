"""The chain on a Dask LocalCluster of two worker processes (pccee.cluster): two simulated scenes through the
workflow model, and the per-pixel steps over tiles of a scene, each equal bit for bit to the same run on one
machine; a failed scene or tile reported with its error and no partial output."""
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT

distributed = pytest.importorskip("distributed") if os.environ.get("CI", "").lower() not in ("1", "true", "yes") \
    else __import__("distributed")  # under CI a missing Dask fails the run instead of skipping it

# The outputs compared: every raster, table and file the workflow writes, reports aside (they name their files).
COMPARED = ("badbands:clean_scene", "ppi:ppi_counts", "ppi:ppi_endmembers", "vca:vca_endmembers",
            "prior:prior_endmembers", "prior:prior_angles", "topk:topk_endmembers", "unmix:abundances",
            "unmix:abundance_residual", "invert:concentrations", "invert:uncertainty", "invert:inversion_metrics",
            "invert:inversion_model", "correlate:correlation", "zone:zones", "zone:zone_statistics")
TILE = 40  # tiles of 40 x 40, 40 x 24, 24 x 40 and 24 x 24 pixels on the 64 x 64 scenes
HOLE = slice(40, 64)  # alpha's bottom-right tile is all zero (no valid pixel), as beyond a swath's edge


@pytest.fixture(scope="module")
def client():
    from pccee.cluster import connect
    with connect(workers=2, processes=True) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def scenes(tmp_path_factory, pccee_provider):
    """alpha (seed 11, a corner of no data) and beta (seed 12): 64 x 64 simulated scenes with their samples, and
    'broken', a file that is not a raster."""
    import processing
    from osgeo import gdal
    folder = tmp_path_factory.mktemp("scenes")
    for name, seed in (("alpha", 11), ("beta", 12)):
        processing.run("pccee:createsamplescene", {
            "SIZE": 64, "SEED": seed, "OUTPUT": str(folder / (name + ".tif")),
            "OUTPUT_SAMPLES": str(folder / (name + ".gpkg")), "OUTPUT_ABUNDANCES": str(folder / (name + "_truth.tif")),
            "OUTPUT_CONCENTRATIONS": str(folder / (name + "_metals.tif"))})
    alpha = gdal.Open(str(folder / "alpha.tif"), gdal.GA_Update)
    for index in range(alpha.RasterCount):
        band = alpha.GetRasterBand(index + 1)
        values = band.ReadAsArray()
        values[HOLE, HOLE] = 0
        band.WriteArray(values)
    alpha = None
    (folder / "broken.tif").write_text("not a raster")
    return folder


def as_a_user_runs(qgis_process):
    """qgis_process's environment as in the user's shell: the NumPy thread variables as they were before the
    LocalCluster set them (pccee.cluster gives its runs the same; thread counts change the last bits of sums)."""
    from pccee.cluster.tasks import qgis_environment
    return qgis_environment(qgis_process.env["QGIS_CUSTOM_CONFIG_PATH"])


@pytest.fixture(scope="module")
def workflow(scenes, client, qgis_process, tmp_path_factory):
    """On the cluster, one job each: the workflow model on alpha and on broken, and Remove bad bands on beta (the
    many-scenes path, cheaper than a second workflow). On one machine, at the same time: the same two runs by
    qgis_process directly."""
    from pccee.cluster import WORKFLOW_OUTPUTS, Job, run_jobs, scene_jobs
    single = tmp_path_factory.mktemp("single")
    user = as_a_user_runs(qgis_process)
    on_one_machine = [subprocess.Popen(qgis_process.command("--json", "run", *arguments), env=user, text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE) for arguments in (
        ["pccee:pcceeworkflow", "--", "scene={}".format(scenes / "alpha.tif"),
         "samples={}".format(scenes / "alpha.gpkg"),
         *["{}={}".format(name, single / file) for name, file in WORKFLOW_OUTPUTS.items()]],
        ["pccee:removebadbands", "--", "INPUT={}".format(scenes / "beta.tif"),
         "OUTPUT={}".format(single / "beta.tif")])]
    out = tmp_path_factory.mktemp("cluster")
    lines = []
    jobs = scene_jobs([scenes / "alpha.tif", scenes / "broken.tif"], out, str(scenes / "{name}.gpkg"), outputs="all")
    jobs.append(Job("beta", "pccee:removebadbands", {"INPUT": str(scenes / "beta.tif"),
                                                     "OUTPUT": str(out / "beta_clean.tif")}))
    results = {result.name: result for result in run_jobs(client, jobs, progress=lines.append)}
    for run in on_one_machine:
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stdout[-2000:] + stderr[-2000:]
    singles = {name: str(single / file) for name, file in WORKFLOW_OUTPUTS.items()}
    singles["beta"] = str(single / "beta.tif")
    return {"single": singles, "results": results, "out": out, "lines": lines}


def assert_same_raster(expected, actual):
    """The same values bit for bit, and the same grid, band names, nodata and metadata (QGIS's statistics aside)."""
    from osgeo import gdal
    first, second = gdal.Open(str(expected)), gdal.Open(str(actual))
    assert first.ReadAsArray().tobytes() == second.ReadAsArray().tobytes(), (expected, actual)
    assert first.GetRasterBand(1).DataType == second.GetRasterBand(1).DataType
    assert first.GetGeoTransform() == second.GetGeoTransform()
    assert first.GetProjection() == second.GetProjection()
    assert first.GetMetadata() == second.GetMetadata()
    for index in range(first.RasterCount):
        one, two = first.GetRasterBand(index + 1), second.GetRasterBand(index + 1)
        assert one.GetDescription() == two.GetDescription()
        assert one.GetNoDataValue() == two.GetNoDataValue()
        assert (one.GetScale() or 1.0, one.GetOffset() or 0.0) == (two.GetScale() or 1.0, two.GetOffset() or 0.0)
        for domain in ("", "IMAGERY"):
            assert plain_metadata(one, domain) == plain_metadata(two, domain)


def plain_metadata(band, domain):
    """A band's metadata in a domain, without the statistics QGIS adds when it opens the file."""
    return {k: v for k, v in (band.GetMetadata(domain) or {}).items() if not k.startswith("STATISTICS_")}


def table(path):
    """Every feature of a GeoPackage's layer: its fields and its geometry (WKB)."""
    from osgeo import ogr
    source = ogr.Open(str(path))
    layer = source.GetLayer(0)
    rows = [(feature.items(), feature.GetGeometryRef().ExportToWkb() if feature.GetGeometryRef() else None)
            for feature in layer]
    return [field.GetName() for field in layer.schema], rows


def test_the_workflow_on_the_cluster_equals_the_run_on_one_machine(workflow):
    alpha = workflow["results"]["alpha"]
    assert alpha.ok, alpha.error
    for name in COMPARED:
        expected, actual = workflow["single"][name], alpha.results[name]
        assert actual == os.path.join(str(workflow["out"]), "alpha", os.path.basename(expected))
        if expected.endswith(".tif"):
            assert_same_raster(expected, actual)
        elif expected.endswith(".gpkg"):
            assert table(expected) == table(actual), name
        else:  # the model file: the same arrays
            with np.load(expected) as one, np.load(actual) as two:
                assert sorted(one.files) == sorted(two.files)
                assert all(np.array_equal(one[key], two[key]) for key in one.files)
    zones = workflow["single"]["zone:zones"]
    from osgeo import gdal
    assert (gdal.Open(zones).ReadAsArray()[HOLE, HOLE] == 0).all()  # the corner of no data stayed no data


def test_two_scenes_ran_at_once_each_as_on_one_machine_with_progress(workflow):
    beta = workflow["results"]["beta"]
    assert beta.ok, beta.error
    assert beta.results == {"OUTPUT": str(workflow["out"] / "beta_clean.tif")}
    assert_same_raster(workflow["single"]["beta"], beta.results["OUTPUT"])
    assert workflow["lines"][0].startswith("3 jobs on 2 workers at tcp://")
    assert sorted(line.split("]")[0] for line in workflow["lines"][1:]) == ["[1/3", "[2/3", "[3/3"]
    assert any("alpha: done in" in line for line in workflow["lines"])
    assert any("beta: done in" in line for line in workflow["lines"])


def test_a_failed_scene_is_reported_and_leaves_no_output(workflow):
    from pccee.cluster import summary
    broken = workflow["results"]["broken"]
    assert not broken.ok and broken.results == {}
    assert "scene" in broken.error and "broken.tif" in broken.error
    assert not (workflow["out"] / "broken").exists()
    assert any(line.startswith("[") and "broken: FAILED" in line for line in workflow["lines"])
    assert summary(workflow["results"].values()) == "2 of 3 done; failed: broken: " + broken.error
    assert broken.error.startswith("An error was encountered while checking parameter values: Could not load source "
                                   "layer for scene: ")


def test_worker_threads_as_in_the_qgis_console_give_the_same_result(workflow, scenes, tmp_path):
    """In the QGIS Python console the workers are threads (QGIS cannot start worker processes): two runs at once
    in one worker process, each in its own qgis_process and profile."""
    from pccee.cluster import Job, connect, run_jobs
    with connect(workers=2, processes=False) as threads:
        results = run_jobs(threads, [Job(name, "pccee:removebadbands", {
            "INPUT": str(scenes / "beta.tif"), "OUTPUT": str(tmp_path / (name + ".tif"))}) for name in ("one", "two")],
            progress=lambda line: None)
    assert all(result.ok for result in results), [result.error for result in results]
    assert results[0].where == results[1].where  # one worker process: two threads, each its own qgis_process
    for name in ("one", "two"):
        assert_same_raster(workflow["single"]["beta"], tmp_path / (name + ".tif"))


def test_bad_bands_removed_on_tiles_equal_the_run_on_the_whole_scene(workflow, scenes, client, tmp_path):
    """Bands constant over the scene are found from the statistics of every tile: the tiles keep the same bands."""
    from pccee.cluster import run_tiles
    lines = []
    written = run_tiles(client, "pccee:removebadbands", {"INPUT": str(scenes / "alpha.tif"),
                                                         "OUTPUT": str(tmp_path / "clean.tif")}, tile=TILE,
                        progress=lines.append)
    assert written == {"OUTPUT": str(tmp_path / "clean.tif")}
    assert_same_raster(workflow["single"]["badbands:clean_scene"], tmp_path / "clean.tif")
    assert any(line.startswith("Band statistics of the whole scene from 4 tiles") for line in lines)
    assert sorted(os.listdir(tmp_path)) == ["clean.tif"]  # the tiles' folder is gone


def test_unmixing_on_tiles_equals_the_run_on_the_whole_scene_with_a_tile_of_no_data(workflow, client, tmp_path):
    from pccee.cluster import run_tiles
    lines = []
    single = workflow["single"]
    run_tiles(client, "pccee:unmixabundances", {
        "INPUT": single["badbands:clean_scene"], "ENDMEMBERS": single["topk:topk_endmembers"],
        "OUTPUT": str(tmp_path / "abundances.tif"), "OUTPUT_RESIDUAL": str(tmp_path / "residual.tif")},
        tile=TILE, progress=lines.append)
    assert_same_raster(single["unmix:abundances"], tmp_path / "abundances.tif")
    assert_same_raster(single["unmix:abundance_residual"], tmp_path / "residual.tif")
    assert sum("no valid pixel, left nodata" in line for line in lines) == 1
    assert sum("done in" in line for line in lines) == 3


def test_metals_predicted_on_tiles_equal_the_run_on_the_whole_scene(workflow, client, qgis_process, tmp_path):
    from pccee.cluster import run_tiles
    single = workflow["single"]
    direct = subprocess.run(qgis_process.command(
        "--json", "run", "pccee:predictmetals", "--", "ABUNDANCES=" + single["unmix:abundances"],
        "MODEL=" + single["invert:inversion_model"], "OUTPUT={}".format(tmp_path / "direct.tif"),
        "OUTPUT_UNCERTAINTY={}".format(tmp_path / "direct_spread.tif")), env=as_a_user_runs(qgis_process),
        capture_output=True, text=True, timeout=300)
    assert direct.returncode == 0, direct.stdout[-2000:] + direct.stderr[-2000:]
    run_tiles(client, "pccee:predictmetals", {
        "ABUNDANCES": single["unmix:abundances"], "MODEL": single["invert:inversion_model"],
        "OUTPUT": str(tmp_path / "metals.tif"), "OUTPUT_UNCERTAINTY": str(tmp_path / "spread.tif")},
        tile=TILE, progress=lambda line: None)
    assert_same_raster(tmp_path / "direct.tif", tmp_path / "metals.tif")
    assert_same_raster(tmp_path / "direct_spread.tif", tmp_path / "spread.tif")


def test_a_failed_tile_writes_nothing_and_keeps_older_outputs(workflow, client, tmp_path):
    from pccee.cluster import TilesFailed, run_tiles
    older = tmp_path / "abundances.tif"
    older.write_bytes(b"an older result")
    with pytest.raises(TilesFailed) as failure:
        run_tiles(client, "pccee:unmixabundances", {
            "INPUT": workflow["single"]["badbands:clean_scene"], "ENDMEMBERS": str(tmp_path / "missing.gpkg"),
            "OUTPUT": str(older), "OUTPUT_RESIDUAL": str(tmp_path / "residual.tif")}, tile=TILE,
            progress=lambda line: None)
    message = str(failure.value)
    assert "pccee:unmixabundances failed on tile" in message and "ENDMEMBERS" in message
    assert message.endswith("No output was written.")
    assert older.read_bytes() == b"an older result"
    assert sorted(os.listdir(tmp_path)) == ["abundances.tif"]  # no mosaic, no tiles, no hidden folder


def test_the_command_line_reports_a_refused_method_and_a_failed_tile(workflow, tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.dirname(os.path.dirname(
        __import__("pccee").__file__))] + sys.path))
    command = [sys.executable, "-m", "pccee.cluster", "tiles", "pccee:unmixabundances",
               "INPUT=" + workflow["single"]["badbands:clean_scene"], "OUTPUT={}".format(tmp_path / "a.tif")]
    refused = subprocess.run(command + ["ENDMEMBERS=" + workflow["single"]["topk:topk_endmembers"], "METHOD=3"],
                             env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and "METHOD: NMF refines the endmembers" in refused.stderr
    failed = subprocess.run(command + ["ENDMEMBERS={}".format(tmp_path / "missing.gpkg"), "--workers", "1",
                                       "--tile", "64"], env=env, capture_output=True, text=True, timeout=300)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "ENDMEMBERS" in failed.stderr and "No output was written." in failed.stderr
    assert "1 tiles of 64 x 64 pixels" in failed.stdout
    assert sorted(os.listdir(tmp_path)) == []


def test_every_output_of_the_workflow_model_has_a_file_name(pccee_provider):
    from qgis.core import QgsApplication
    from pccee.cluster import DEFAULT_OUTPUTS, WORKFLOW_OUTPUTS
    model = QgsApplication.processingRegistry().createAlgorithmById("pccee:pcceeworkflow")
    assert sorted(output.name() for output in model.destinationParameterDefinitions()) == sorted(WORKFLOW_OUTPUTS)
    assert set(DEFAULT_OUTPUTS) < set(WORKFLOW_OUTPUTS) and len(set(WORKFLOW_OUTPUTS.values())) == len(WORKFLOW_OUTPUTS)


def test_without_dask_the_message_says_what_to_install():
    """pccee.cluster imports without QGIS (its tasks run subprocesses and GDAL) and without Dask, and says how to
    install Dask when a cluster is asked for."""
    probe = ("import sys; sys.modules['qgis'] = None; sys.modules['distributed'] = None\n"
             "import pccee.cluster\n"
             "try:\n    pccee.cluster.connect()\nexcept pccee.cluster.DaskMissing as error:\n    print(error)\n")
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(__import__("pccee").__file__)))
    reply = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert reply.returncode == 0, reply.stderr
    assert "sudo apt install python3-distributed" in reply.stdout and 'pip install "dask[distributed]"' in reply.stdout
    assert os.path.isfile(os.path.join(ROOT, "cluster", "__main__.py"))
