"""GDAL's block cache, bounded while runs are in progress.

GDAL keeps decoded blocks up to 5 % of the machine's memory by default (1.2 GB of 24 GB). A streaming run
reads each block once, so that cache only makes the run's memory grow with the scene; reads of scattered
pixels are grouped by block (RasterReader), so they need no cache either. Not much smaller, though: with 128 MB,
GDAL 3.6.2 stalled (idle, no progress for minutes) while copying a 330-band int16 scene with the reads ahead and
the writer's compression threads; 256 MB ran every scene measured, int16 and float32. A smaller GDAL_CACHEMAX of
the user's is therefore raised to it during runs.
"""
import threading
from contextlib import contextmanager

from osgeo import gdal

#: Block cache while runs are in progress, in bytes.
RUN_CACHE = 256 * 1024 * 1024

_lock = threading.Lock()
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
