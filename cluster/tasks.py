"""What a Dask worker runs: the plugin's algorithms through `qgis_process`, one fresh QGIS per task, and small
GDAL reads of tiles. No QGIS import here (a test checks): a worker needs QGIS installed, not loaded, and no QGIS
state is shared between the threads or tasks of a worker.

A task runs an algorithm exactly as a user's batch script does (`qgis_process.bin --json run ALG -- NAME=value`),
so the same inputs and seeds give the same files as a run on one machine. Each task gets a QGIS profile of its
own, copied from one where the plugin is enabled (made once per worker process): QGIS's settings and databases are
never written by two processes at once.
"""
import atexit
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import numpy as np

from ..algorithms.core.band_selection import BandStatistics
from ..algorithms.io.raster_reader import RasterReader

#: The plugin folder the workers run (this checkout or install): linked into each task's profile as `pccee`.
PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: Lines qgis_process prints on every run that say nothing about the algorithm.
_NOISE = ("QStandardPaths:", "<string>:1: DeprecationWarning", "Warning: QStandardPaths")
#: Seconds a task that ran past its timeout gets to clean up after SIGTERM (the plugin removes its staged outputs).
GRACE_SECONDS = 60

#: A run gets SIGTERM when the worker that started it dies (Linux's util-linux setpriv), so that a stopped cluster
#: leaves no qgis_process running; the plugin then removes its staged outputs.
_DIE_WITH_PARENT = ["setpriv", "--pdeathsig", "TERM"] if shutil.which("setpriv") else []

#: What Dask sets in its worker processes (and, for a LocalCluster, in the process that starts it) to keep NumPy on
#: one thread: a qgis_process run gets these as they were before Dask set them, so that it computes as the user's
#: own run would (BLAS on several threads may sum in another order, and the last bits of a result differ).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MALLOC_TRIM_THRESHOLD_")
#: Their values when pccee.cluster was first imported, before any cluster started (None: not set).
USER_ENVIRONMENT = {name: os.environ.get(name) for name in THREAD_VARIABLES}

_PROFILES = {}
_PROFILES_LOCK = threading.Lock()
#: The qgis_process runs in progress in this worker, by batch (one run_jobs or run_tiles call), for stop_runs.
_RUNNING = {}
_RUNNING_LOCK = threading.Lock()


class AlgorithmFailed(Exception):
    """A qgis_process run that ended in an error: args are (algorithm, the error as the user would read it)."""

    def __str__(self):
        return "{} failed: {}".format(*self.args)


def find_qgis_process(executable=None):
    """The qgis_process binary: `executable` when given, else qgis_process.bin (Debian's wrapper script passes
    an option that QGIS 3.22 rejects), else qgis_process on the PATH."""
    found = executable or shutil.which("qgis_process.bin") or shutil.which("qgis_process")
    if not found:
        raise AlgorithmFailed("qgis_process", "qgis_process is not installed on {}: install QGIS there "
                                              "(sudo apt install qgis python3-qgis qgis-providers).".format(
                                                  socket.gethostname()))
    return found


def qgis_environment(profile, environment=None):
    """The environment of a qgis_process run in `profile`: offscreen, without Debian's QGIS_OPTS, and with the
    variables in `environment` ({name: value, or None to unset}; default USER_ENVIRONMENT) set as given."""
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profile), QT_QPA_PLATFORM="offscreen")
    env.pop("QGIS_OPTS", None)
    for name, value in (USER_ENVIRONMENT if environment is None else environment).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _enabled_profile(executable):
    """A profile where the plugin is enabled, made once per worker process (removed when it exits)."""
    with _PROFILES_LOCK:
        key = (executable, os.getpid())
        if key not in _PROFILES:
            profile = tempfile.mkdtemp(prefix="pccee-profile-")
            atexit.register(shutil.rmtree, profile, True)
            plugins = os.path.join(profile, "profiles", "default", "python", "plugins")
            os.makedirs(plugins)
            os.symlink(PLUGIN_DIR, os.path.join(plugins, "pccee"))
            enabled = subprocess.run([executable, "plugins", "enable", "pccee"], env=qgis_environment(profile),
                                     capture_output=True, text=True, timeout=300)
            if enabled.returncode != 0:
                raise AlgorithmFailed("qgis_process plugins enable pccee", _error_text(enabled.stdout, enabled.stderr))
            _PROFILES[key] = profile
        return _PROFILES[key]


def command_line(executable, algorithm, parameters):
    """qgis_process's arguments for a run: `NAME=value` after `--` (QGIS 3.22), a list as the name repeated,
    booleans as true/false."""
    arguments = [executable, "--json", "run", algorithm, "--"]
    for name, value in parameters.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, bool):
                item = "true" if item else "false"
            arguments.append("{}={}".format(name, item))
    return arguments


def absolute_paths(parameters):
    """The parameters with every value that names an existing file by a relative path made absolute: a worker
    does not run in the caller's folder."""
    def absolute(value):
        if isinstance(value, (list, tuple)):
            return [absolute(item) for item in value]
        if isinstance(value, str) and value and not os.path.isabs(value) and os.path.exists(value):
            return os.path.abspath(value)
        return value
    return {name: absolute(value) for name, value in parameters.items()}


def run_algorithm(algorithm, parameters, qgis_process=None, profile=None, timeout=None, environment=None,
                  batch=None):
    """Run a Processing algorithm (an id such as pccee:pcceeworkflow, or a .model3 file) in a fresh qgis_process.

    Parameters: algorithm; parameters, {name: value or list of values}; qgis_process, the binary (default: found
    on the PATH); profile, a QGIS profile folder where the plugin is enabled, used as it is (default: a copy of
    one made for this worker, removed afterwards); timeout, seconds before the run is stopped (SIGTERM, then
    SIGKILL after GRACE_SECONDS); environment, variables to set (None: unset) in the run's environment, by default
    USER_ENVIRONMENT: the caller passes its own, since a worker's were changed by Dask; batch, a name under which
    stop_runs finds the run.
    Returns {"results": the algorithm's outputs, "log": its info lines, "seconds", "host", "pid"}.
    Raises AlgorithmFailed with the algorithm's own error message.
    """
    executable = find_qgis_process(qgis_process)
    own = None
    if profile is None:
        own = tempfile.mkdtemp(prefix="pccee-task-")
        profile = os.path.join(own, "profile")
        shutil.copytree(_enabled_profile(executable), profile, symlinks=True)
    started = time.monotonic()
    process = None
    try:
        process = subprocess.Popen(_DIE_WITH_PARENT + command_line(executable, algorithm, parameters),
                                   env=qgis_environment(profile, environment), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        with _RUNNING_LOCK:
            _RUNNING.setdefault(batch, set()).add(process)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            stdout, stderr = _stop(process)
            raise AlgorithmFailed(algorithm, "stopped after the timeout of {:g} s.".format(timeout))
        except BaseException:  # the task was interrupted: the run must not outlive it
            _stop(process)
            raise
    finally:
        with _RUNNING_LOCK:
            _RUNNING.get(batch, set()).discard(process)
        if own is not None:
            shutil.rmtree(own, ignore_errors=True)
    if process.returncode != 0:
        raise AlgorithmFailed(algorithm, _error_text(stdout, stderr))
    try:
        reply = json.loads(stdout)
    except ValueError:
        raise AlgorithmFailed(algorithm, "qgis_process printed no JSON: " + _error_text(stdout, stderr))
    return {"results": reply.get("results", {}), "log": reply.get("log", {}).get("info", []),
            "seconds": time.monotonic() - started, "host": socket.gethostname(), "pid": os.getpid()}


def stop_runs(batch):
    """SIGTERM to this worker's runs of a batch (the plugin removes their staged outputs); their tasks then fail.
    Run on every worker by the caller when the batch is interrupted or has failed (Dask cannot stop a running
    task). Returns how many runs were stopped."""
    with _RUNNING_LOCK:
        processes = list(_RUNNING.pop(batch, set()))
    for process in processes:
        if process.poll() is None:
            process.terminate()
    return len(processes)


def _stop(process):
    """End a run: SIGTERM (the plugin cleans up), SIGKILL if it is still there after GRACE_SECONDS."""
    process.terminate()
    try:
        return process.communicate(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


def _error_text(stdout, stderr):
    """The error as qgis_process reported it, on one line and once (it prints an algorithm's error up to three
    times, and a parameter check's over two lines after 'ERROR:')."""
    lines = []
    for line in (stderr or "").splitlines() + (stdout or "").splitlines():
        line = " ".join(line.split())
        if line and not line.startswith(_NOISE) and line not in lines:
            lines.append(line)
    errors = [i for i, line in enumerate(lines) if line.startswith("ERROR")]
    lines = lines[errors[0]:] if errors else lines
    text = ""
    for line in lines[-20:]:
        text += ("" if not text else " " if text[-1] in ".:;!?" else ": ") + line
    if text.startswith("ERROR:"):
        text = text[len("ERROR:"):].strip()
    return text or "qgis_process ended with an error and printed nothing."


def tile_statistics(path):
    """Per-band minimum, maximum and finite count of a raster (a tile), read as 'Remove bad bands' reads it to
    find constant or empty bands: (minimum, maximum, finite) arrays, merged over the tiles by merge_statistics."""
    with RasterReader(path) as reader:
        statistics = BandStatistics(reader.n_bands)
        for _, pixels, _ in reader.blocks(scaled=False, dtype=reader.stored_type):
            reader.add_values(statistics, pixels)
    return statistics.minimum, statistics.maximum, statistics.finite


def merge_statistics(parts):
    """One BandStatistics from tile_statistics of every tile (minimum and maximum are exact, in any order)."""
    merged = None
    for minimum, maximum, finite in parts:
        if merged is None:
            merged = BandStatistics(len(minimum))
        merged.minimum = np.fmin(merged.minimum, minimum)
        merged.maximum = np.fmax(merged.maximum, maximum)
        merged.finite += finite
    return merged


def has_valid_pixels(path):
    """Whether a raster (a tile) holds a pixel the plugin would process (not nodata, NaN or all zero)."""
    with RasterReader(path) as reader:
        return any(reader.read(window, scaled=False)[1].any() for window in reader.windows())


def run_tile(algorithm, parameters, tile_input, **options):
    """run_algorithm on one tile. A tile without a valid pixel (nodata beyond a swath's edge) makes the step fail
    ('no valid pixel'); there the run on the whole scene writes nodata, so the tile is returned as empty and the
    mosaic fills it with nodata. Returns run_algorithm's dict with "empty" added."""
    try:
        reply = run_algorithm(algorithm, parameters, **options)
    except AlgorithmFailed as error:
        if has_valid_pixels(tile_input):
            raise
        return {"empty": True, "error": error.args[1], "host": socket.gethostname(), "pid": os.getpid()}
    reply["empty"] = False
    return reply
