"""A Dask client: a LocalCluster on this machine by default, or a running cluster's scheduler. Dask's distributed
scheduler is optional, like scikit-learn: the plugin never needs it, this package does and says how to get it."""
import importlib
import importlib.util
import os
import sys

INSTALL_MESSAGE = ("Running on a Dask cluster needs Dask's distributed scheduler: on Debian or Ubuntu, "
                   "sudo apt install python3-distributed; elsewhere, pip install \"dask[distributed]\" into the "
                   "Python that runs this (not into QGIS's own NumPy or GDAL).")


class DaskMissing(ImportError):
    """dask.distributed is not installed; the message says how to install it."""


def require_distributed():
    """The dask.distributed module, or DaskMissing with the command that installs it."""
    try:
        return importlib.import_module("distributed")
    except ImportError as error:
        raise DaskMissing(INSTALL_MESSAGE + " ({})".format(error)) from error


def inside_qgis():
    """True in the QGIS desktop's Python (its sys.executable is QGIS itself, which cannot start worker processes)."""
    return not os.path.basename(sys.executable or "").lower().startswith("python")


def default_workers():
    """Workers of a LocalCluster when none are asked for: half the cores, since every qgis_process already
    decodes, computes and compresses on several threads."""
    return max(1, (os.cpu_count() or 2) // 2)


def connect(scheduler=None, workers=None, processes=None):
    """A dask.distributed Client.

    scheduler: the address of a running scheduler ("tcp://host:8786", started with `dask-scheduler`, its
    workers with `dask-worker tcp://host:8786`); None starts a LocalCluster of `workers` workers (default
    default_workers()), one task at a time each. processes: worker processes (default), or threads where
    processes cannot start (the QGIS Python console, whose sys.executable is QGIS); every task runs its
    algorithm in a qgis_process of its own either way. Close the client when done (`with connect() as client:`):
    a LocalCluster closes with it.
    """
    distributed = require_distributed()
    if scheduler:
        return distributed.Client(scheduler)
    if processes is None:
        processes = not inside_qgis()
    # The dashboard (with bokeh installed) on a free port: another cluster may hold Dask's 8787.
    return distributed.Client(n_workers=int(workers or default_workers()), threads_per_worker=1,
                              processes=processes, dashboard_address=":0")


def stop(client, futures, batch):
    """Cancel the tasks of a batch and stop its qgis_process runs in progress on every worker (SIGTERM: the plugin
    removes their staged outputs); Dask alone cannot stop a task that is running."""
    from . import tasks
    client.cancel(list(futures))
    try:
        client.run(tasks.stop_runs, batch)
    except Exception:  # noqa: BLE001 (a worker gone already has no run to stop)
        pass


def describe(client):
    """'N workers at ADDRESS' (and the dashboard's address when there is one), for the progress log."""
    workers = len(client.scheduler_info().get("workers", {}))
    text = "{} worker{} at {}".format(workers, "" if workers == 1 else "s", client.scheduler.address)
    link = getattr(client, "dashboard_link", None) if importlib.util.find_spec("bokeh") is not None else None
    return text + (" (dashboard: {})".format(link) if link else "")
