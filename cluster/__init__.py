"""The PCCEE chain on a Dask distributed cluster: many scenes at once, or a per-pixel step over tiles of one huge
scene. A LocalCluster on this machine by default, or a running cluster's scheduler; every task runs the plugin's
algorithm in a qgis_process of its own, so the outputs are those of a run on one machine, bit for bit.

From a script or the QGIS Python console (the plugin folder's parent on sys.path, as QGIS sets it)::

    from pccee.cluster import connect, scene_jobs, run_jobs, run_tiles
    with connect(workers=4) as client:               # or connect("tcp://scheduler:8786")
        results = run_jobs(client, scene_jobs(glob.glob("scenes/*.tif"), "out", "samples/{name}.gpkg"))
        run_tiles(client, "pccee:unmixabundances", {"INPUT": "huge_clean.tif", "ENDMEMBERS": "topk.gpkg",
                                                     "OUTPUT": "abundances.tif"})

From a shell: python3 -m pccee.cluster --help. Needs dask.distributed (sudo apt install python3-distributed);
the plugin itself does not.
"""
from .client import INSTALL_MESSAGE, DaskMissing, connect, default_workers, require_distributed
from .scenes import DEFAULT_OUTPUTS, WORKFLOW, WORKFLOW_OUTPUTS, Job, JobResult, run_jobs, scene_jobs, summary
from .tasks import AlgorithmFailed
from .tiles import DEFAULT_TILE, TILED_STEPS, TilesFailed, check_tiled_run, run_tiles

__all__ = ["INSTALL_MESSAGE", "DaskMissing", "connect", "default_workers", "require_distributed", "DEFAULT_OUTPUTS",
           "WORKFLOW", "WORKFLOW_OUTPUTS", "Job", "JobResult", "run_jobs", "scene_jobs", "summary", "AlgorithmFailed",
           "DEFAULT_TILE", "TILED_STEPS", "TilesFailed", "check_tiled_run", "run_tiles"]
