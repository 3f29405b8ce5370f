"""Choose the array module: CuPy on a GPU when asked for and present, NumPy otherwise.

The GPU path is the same code as the CPU path: functions take `xp` (or the arrays' own module, module_of) and
call xp.matmul, xp.argmax... Arrays cross to the GPU at the start of a step's work on a block and come back
as NumPy (to_numpy) before they are written.
"""
import sys

import numpy as np

from .messages import CoreError, QT_TRANSLATE_NOOP


class DeviceError(CoreError):
    """A GPU was required but none can be used."""


def _cupy():
    """The CuPy module if it imports, sees a GPU and runs what the plugin needs, else None (and why). A GPU and its
    driver are not enough: products, solvers and compiled kernels need CUDA's libraries (cuBLAS, cuSOLVER, NVRTC),
    which CuPy's wheels do not all bring; without them the first block of a run would fail."""
    try:
        import cupy
        if cupy.cuda.runtime.getDeviceCount() < 1:
            return None, "CuPy sees no GPU"
        square = cupy.eye(2)[None]
        float((cupy.linalg.solve(square, cupy.ones((1, 2, 1))).sum() + cupy.linalg.pinv(square[0]).sum()
               + cupy.sqrt(square[0] @ square[0]).sum()))
        return cupy, None
    except Exception as error:  # ImportError, CUDA driver or library errors: any of them means no GPU here
        return None, "CuPy is not usable ({})".format(error)


def array_module(device="auto"):
    """(xp, description) for device 'auto', 'cpu' or 'gpu'; 'gpu' without a usable GPU raises."""
    if device == "cpu":
        return np, "CPU (NumPy)"
    cupy, reason = _cupy()
    if cupy is not None:
        return cupy, "GPU (CuPy, {})".format(cupy.cuda.runtime.getDeviceProperties(0)["name"].decode())
    if device == "gpu":
        raise DeviceError(QT_TRANSLATE_NOOP(
            "core", "No GPU can be used: {}. Install CuPy for your CUDA version (pip install cupy-cuda12x) and the "
                    "CUDA Toolkit of that version, or choose the CPU."), reason)
    return np, "CPU (NumPy; {})".format(reason)


def module_of(array):
    """The array module of array: CuPy for a CuPy array, NumPy for anything else (CuPy is not imported here)."""
    cupy = sys.modules.get("cupy")
    return cupy.get_array_module(array) if cupy is not None else np


def to_numpy(array):
    """A NumPy array from a NumPy or CuPy array."""
    return array.get() if hasattr(array, "get") else np.asarray(array)
