"""Many scenes on a Dask cluster: one task per scene, each running the workflow model (or any algorithm) in a
qgis_process of its own, exactly as the batch loop in the README does on one machine."""
import os
import time
import uuid
from typing import NamedTuple, Optional

from . import tasks
from .client import describe, stop

#: The workflow model the plugin ships (resources/models/pccee_workflow.model3).
WORKFLOW = "pccee:pcceeworkflow"
#: Every output of the workflow model and the file it gets in a scene's folder (the names of `make demo`).
WORKFLOW_OUTPUTS = {
    "badbands:clean_scene": "scene_clean.tif",
    "ppi:ppi_endmembers": "endmembers_ppi.gpkg", "ppi:ppi_counts": "ppi_counts.tif",
    "vca:vca_endmembers": "endmembers_vca.gpkg",
    "prior:prior_endmembers": "endmembers_prior.gpkg", "prior:prior_angles": "prior_angles.tif",
    "topk:topk_endmembers": "endmembers_topk.gpkg",
    "unmix:abundances": "abundances.tif", "unmix:abundance_residual": "abundance_residual.tif",
    "invert:concentrations": "concentrations.tif", "invert:uncertainty": "concentration_uncertainty.tif",
    "invert:inversion_metrics": "inversion_metrics.gpkg", "invert:inversion_report": "inversion_report.html",
    "invert:inversion_model": "inversion_model.npz",
    "correlate:correlation": "metal_correlation.gpkg", "correlate:correlation_report": "metal_correlation.html",
    "zone:zones": "pollution_zones.tif", "zone:zone_statistics": "pollution_zones.gpkg",
    "zone:zone_report": "pollution_zones.html",
}
#: Kept by default: all but the copy of the scene without bad bands and the two diagnostic rasters (PPI counts,
#: prior angles), which are as large as a band or the whole cube again, for every scene.
DEFAULT_OUTPUTS = tuple(name for name in WORKFLOW_OUTPUTS
                        if name not in ("badbands:clean_scene", "ppi:ppi_counts", "prior:prior_angles"))


class Job(NamedTuple):
    """One task: a name for the log, the algorithm (id or .model3 file), its parameters ({name: value or list}),
    and the folder made for its outputs (removed again when the job fails and leaves it empty)."""
    name: str
    algorithm: str
    parameters: dict
    folder: Optional[str] = None


class JobResult(NamedTuple):
    """How a job ended: ok, the algorithm's results (output name -> path) or the error as the user reads it,
    seconds on the worker, and where it ran ('host (pid N)')."""
    name: str
    ok: bool
    results: dict
    error: str
    seconds: float
    where: str


def scene_name(path):
    """A scene's name: its file name without the extension (`out/<name>/`, `{name}` in the samples template)."""
    return os.path.splitext(os.path.basename(str(path)))[0]


def scene_jobs(scenes, out_dir, samples, outputs=None, parameters=None, algorithm=WORKFLOW):
    """One job per scene for the workflow model: scene and samples in, the outputs into out_dir/<scene name>/.

    scenes: raster paths (names must differ); samples: one soil-sample file for every scene, or a template with
    {name} (the scene's name), such as 'samples/{name}.gpkg'; outputs: model output names (default
    DEFAULT_OUTPUTS; 'all' or a list of keys of WORKFLOW_OUTPUTS), or a dict {output name: file name}; parameters:
    more inputs of the model, the same for every scene ({'k': 5, 'prior_library': 'lib.gpkg'}); algorithm: the
    model's id, or a .model3 file with the same inputs (scene, samples). Paths are made absolute: every worker
    must see the files under the same paths (a shared file system).
    """
    if outputs is None:
        outputs = DEFAULT_OUTPUTS
    elif outputs == "all":
        outputs = tuple(WORKFLOW_OUTPUTS)
    if not isinstance(outputs, dict):
        unknown = [name for name in outputs if name not in WORKFLOW_OUTPUTS]
        if unknown:
            raise ValueError("Unknown workflow outputs: {}. Choose among: {}.".format(
                ", ".join(unknown), ", ".join(WORKFLOW_OUTPUTS)))
        outputs = {name: WORKFLOW_OUTPUTS[name] for name in outputs}
    names = [scene_name(scene) for scene in scenes]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError("Scenes with the same name would write into the same folder: {}. Rename them.".format(
            ", ".join(twice)))
    jobs = []
    for scene, name in zip(scenes, names):
        folder = os.path.join(os.path.abspath(str(out_dir)), name)
        values = dict(tasks.absolute_paths(parameters or {}), scene=os.path.abspath(str(scene)),
                      samples=os.path.abspath(str(samples).replace("{name}", name)))
        values.update({output: os.path.join(folder, file) for output, file in outputs.items()})
        jobs.append(Job(name, algorithm, values, folder))
    return jobs


def run_jobs(client, jobs, progress=print, timeout=None, qgis_process=None):
    """Run jobs on the cluster, each in a qgis_process of its own; a failed job does not stop the others.

    progress: called with one line per finished job (default print); timeout: seconds per job; qgis_process:
    the binary on the workers (default: found on each worker's PATH). Returns JobResults in the jobs' order.
    A job's outputs appear only when it succeeded (each algorithm stages its outputs; the workflow model removes
    those of its earlier steps when a later one fails).
    """
    progress("{} job{} on {}".format(len(jobs), "" if len(jobs) == 1 else "s", describe(client)))
    for job in jobs:
        if job.folder:
            os.makedirs(job.folder, exist_ok=True)
    distributed = __import__("distributed")
    futures = {}
    batch = uuid.uuid4().hex
    for index, job in enumerate(jobs):
        future = client.submit(tasks.run_algorithm, job.algorithm, job.parameters, qgis_process=qgis_process,
                               timeout=timeout, environment=tasks.USER_ENVIRONMENT, batch=batch,
                               key="{}-{}".format(job.name, uuid.uuid4().hex[:8]), pure=False)
        futures[future] = index
    started = time.monotonic()
    finished = [None] * len(jobs)
    try:
        for done, future in enumerate(distributed.as_completed(list(futures)), start=1):
            job = jobs[futures[future]]
            result = finished[futures[future]] = _job_result(job, future)
            state = "done in {:.0f} s on {}".format(result.seconds, result.where) if result.ok else \
                "FAILED: " + result.error
            progress("[{}/{}] {}: {} ({:.0f} s since the start)".format(done, len(jobs), job.name, state,
                                                                      time.monotonic() - started))
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): the runs in progress stop and write nothing
        stop(client, futures, batch)
        raise
    finally:  # a failed or interrupted job leaves no empty folder behind
        for job, result in zip(jobs, finished):
            if (result is None or not result.ok) and job.folder and os.path.isdir(job.folder) \
                    and not os.listdir(job.folder):
                os.rmdir(job.folder)
    return finished


def _job_result(job, future):
    if future.status == "finished":
        reply = future.result()
        return JobResult(job.name, True, reply["results"], "", reply["seconds"],
                         "{} (pid {})".format(reply["host"], reply["pid"]))
    error = future.exception()
    text = error.args[1] if isinstance(error, tasks.AlgorithmFailed) else "{}: {}".format(type(error).__name__, error)
    return JobResult(job.name, False, {}, text, 0.0, "")


def summary(results):
    """One line: how many jobs succeeded, and each failure with its error."""
    failed = [result for result in results if not result.ok]
    line = "{} of {} done".format(len(results) - len(failed), len(results))
    if failed:
        line += "; failed: " + "; ".join("{}: {}".format(result.name, result.error) for result in failed)
    return line
