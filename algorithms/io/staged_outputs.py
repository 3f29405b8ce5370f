"""Every output of a run written into a hidden staging folder beside its destination, and moved into place
only when the whole run has succeeded.

A report without its maps, or a model file without the metrics that justify it, looks like a result and is
not one. So each file (with its sidecars: .aux.xml, .shx, .dbf...) is written under its final name inside
`.pccee-*.partial/` in the destination folder, and all of them are renamed together at the end (a rename within
one folder is atomic). A failed or cancelled run removes the staging folders; so do SIGINT and SIGTERM, which
end the run through `interrupts_cancel`, and the interpreter's exit.
"""
import atexit
import os
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager

#: Stages of the runs in progress in this process, removed at exit whatever happened.
_ACTIVE = set()


class Interrupted(Exception):
    """The process received SIGINT or SIGTERM during a run."""


class OutputStage:
    """The staged files of one run: `path(final)` to write, then `commit()` or `abort()`."""

    def __init__(self):
        self._staging = {}  # destination folder -> its staging folder
        self._finals = []
        self._before_commit = []

    def path(self, final):
        """Where to write the file that must end up at `final` (same base name, in the staging folder)."""
        final = os.path.abspath(str(final))
        folder, name = os.path.split(final)
        if folder not in self._staging:
            self._staging[folder] = tempfile.mkdtemp(prefix=".pccee-", suffix=".partial", dir=folder)
            _ACTIVE.add(self)
        self._finals.append(final)
        return os.path.join(self._staging[folder], name)

    def final_of(self, path):
        """The final path of a staged path (or of a string that contains one, such as a layer URI)."""
        for folder, staging in self._staging.items():
            path = path.replace(staging, folder)
        return path

    def before_commit(self, callback):
        """Call `callback()` when the run has succeeded, before its files are moved: sidecars written then (a
        layer style beside its raster, say) appear together with their files."""
        self._before_commit.append(callback)

    def commit(self):
        """Move every staged file into place, replacing older outputs and their stale sidecars."""
        for callback in self._before_commit:
            callback()
        for final in self._finals:
            folder, name = os.path.split(final)
            for sidecar in (name + ".aux.xml", os.path.splitext(name)[0] + ".qml"):
                stale = os.path.join(folder, sidecar)
                if os.path.exists(stale) and not os.path.exists(os.path.join(self._staging[folder], sidecar)):
                    os.remove(stale)
        for folder, staging in self._staging.items():
            for name in sorted(os.listdir(staging)):
                os.replace(os.path.join(staging, name), os.path.join(folder, name))
        self.abort()

    def abort(self):
        """Remove the staging folders and all they hold; destinations are left as they were."""
        for staging in self._staging.values():
            shutil.rmtree(staging, ignore_errors=True)
        _ACTIVE.discard(self)


_LOCAL = threading.local()


def current_stage():
    """The stage of the run in progress in this thread (None outside a run)."""
    stack = getattr(_LOCAL, "stack", [])
    return stack[-1] if stack else None


def staged(final):
    """Where to write the output file `final`: inside the current run's stage, or `final` itself outside a run."""
    stage = current_stage()
    return str(final) if stage is None else stage.path(final)


@contextmanager
def run_stage():
    """A stage for the outputs of the enclosed run: committed when the block ends normally, else removed.
    Runs nest (an algorithm that runs others): each commits its own outputs."""
    stage = OutputStage()
    _LOCAL.stack = getattr(_LOCAL, "stack", []) + [stage]
    try:
        yield stage
    except BaseException:
        stage.abort()
        raise
    else:
        stage.commit()
    finally:
        _LOCAL.stack = _LOCAL.stack[:-1]


@atexit.register
def _remove_active_stages():
    for stage in list(_ACTIVE):
        stage.abort()


@contextmanager
def interrupts_cancel(cancel):
    """While the block runs, SIGINT and SIGTERM call `cancel()` and raise Interrupted, so the run ends through
    its normal failure path (staged files removed) instead of completing (qgis_process ignores Ctrl-C) or
    dying with its partial files. Signals can only be caught in the main thread: in the QGIS desktop,
    algorithms run in worker threads and are cancelled from their progress dialog instead."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number, frame):
        cancel()
        raise Interrupted(signal.Signals(number).name)

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
