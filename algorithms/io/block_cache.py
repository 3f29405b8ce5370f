"""GDAL's block cache, bounded while runs are in progress.

GDAL keeps decoded blocks up to 5 % of the machine's memory by default (1.2 GB of 24 GB). A streaming run
reads each block once, so that cache only makes the run's memory grow with the scene; reads of scattered
pixels are grouped by block (RasterReader), so they need no cache either.

The cache is one for the whole process, and a full cache can deadlock GDAL: a multi-threaded read must write out a
block that a write in another thread holds dirty, while that write waits for compression threads busy with the
read (seen with GDAL 3.6.2 copying a 2000 x 2000 float32 scene, and an int16 one with a 128 MB cache, the next
window read ahead: both threads idle for good; OSGeo/gdal#4272 describes the design). So the plugin's reads and
writes take turns (gdal_turn); the computing between them still overlaps with them. A smaller GDAL_CACHEMAX of the
user's is raised to RUN_CACHE during runs.
"""
import threading
from contextlib import contextmanager

from osgeo import gdal

#: Block cache while runs are in progress, in bytes.
RUN_CACHE = 256 * 1024 * 1024

_lock = threading.Lock()
_turns = threading.Lock()
_runs = 0
_previous = None


@contextmanager
def bounded_block_cache(limit=RUN_CACHE):
    """GDAL's cache `limit` while the block runs; the first run to start sets it and the last to end restores it
    (the cache is one for the whole process: QGIS's own rendering uses it between runs)."""
    global _runs, _previous
    with _lock:
        if _runs == 0:
            _previous = gdal.GetCacheMax()
            gdal.SetCacheMax(limit)
        _runs += 1
    try:
        yield
    finally:
        with _lock:
            _runs -= 1
            if _runs == 0:
                gdal.SetCacheMax(_previous)


@contextmanager
def gdal_turn():
    """One read or write of the plugin's rasters at a time in this process (see the module's docstring); each one
    still decodes or compresses on all cores."""
    with _turns:
        yield
