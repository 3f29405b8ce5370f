"""The model file of 'Train pollution-source detector': the network's weights, the spectral transform and the
description of the bands it was trained on, as plain arrays in a .npz with a JSON header and a digest.

Loading never unpickles anything: every array is read with allow_pickle=False, the header is JSON, and every
array is checked against the architecture the header declares (names, shapes, finite values), so a damaged or
crafted file is refused, or at worst predicts wrong values.
"""
from typing import NamedTuple

import numpy as np

from ..core.detection import DetectionError, InputTransform, NetworkConfig, check_patch
from ..core.messages import QT_TRANSLATE_NOOP
from .model_file import ModelFileError, json_header, read_sealed, write_sealed

FORMAT = "pccee-silicnet-1"
#: Bounds on the architecture a file may declare (a crafted header must not allocate gigabytes).
LIMITS = {"channels": 4096, "patch": 513, "width": 512, "hidden": 4096}
WEIGHT_PREFIX = "weight:"


class Detector(NamedTuple):
    """What a model file holds. header: the JSON header (bands: count, descriptions, wavelengths_nm; pixel_size;
    label; decision_threshold; training)."""
    config: NetworkConfig
    weights: dict
    transform: InputTransform
    fill: np.ndarray
    header: dict

    @property
    def bands(self):
        return self.header["bands"]


def save_detector(path, detector):
    """Write a Detector as a .npz of plain float arrays with a SHA-256 digest over its content."""
    header = dict(detector.header, format=FORMAT, network=dict(detector.config._asdict(), name="SI-LICNet"))
    arrays = {WEIGHT_PREFIX + name: np.asarray(value, dtype=np.float32) for name, value in detector.weights.items()}
    arrays.update({name: np.asarray(value, dtype=np.float64) for name, value in detector.transform.arrays().items()})
    arrays["fill"] = np.asarray(detector.fill, dtype=np.float32)
    write_sealed(path, arrays, header)


def load_detector(path):
    """The Detector of a file written by save_detector; anything else is refused with a ModelFileError."""
    arrays, text = read_sealed(path)
    header = _header(path, text)
    config = _config(path, header["network"])
    weights = {name[len(WEIGHT_PREFIX):]: value for name, value in arrays.items() if name.startswith(WEIGHT_PREFIX)}
    expected = config.shapes()
    if set(weights) != set(expected) or any(weights[n].shape != tuple(s) for n, s in expected.items()):
        raise _damaged(path, "its weights do not fit the network its header declares")
    n_bands = header["bands"]["count"]
    transform = _transform(path, arrays, n_bands, config.channels)
    fill = arrays.get("fill")
    if fill is None or fill.shape != (config.channels,):
        raise _damaged(path, "its occlusion fill does not fit the network")
    if not all(np.all(np.isfinite(a)) for a in list(weights.values()) + [fill]):
        raise _damaged(path, "it holds values that are not finite numbers")
    return Detector(config, weights, transform, fill, header)


def _damaged(path, what):
    return ModelFileError(QT_TRANSLATE_NOOP("core", "'{}' is damaged or crafted: {}."), path, what)


def _header(path, text):
    header = json_header(path, text)
    if header.get("format") != FORMAT:
        raise ModelFileError(QT_TRANSLATE_NOOP(
            "core", "'{}' holds a model of format '{}'; this needs a pollution-source detector ('{}'), written by "
                    "'Train pollution-source detector'."), path, header.get("format"), FORMAT)
    bands = header.get("bands")
    if (not isinstance(bands, dict) or not isinstance(bands.get("count"), int) or bands["count"] < 1
            or not isinstance(bands.get("descriptions"), list) or len(bands["descriptions"]) != bands["count"]):
        raise _damaged(path, "its header does not describe the bands")
    wavelengths = bands.get("wavelengths_nm")
    if wavelengths is not None and (not isinstance(wavelengths, list) or len(wavelengths) != bands["count"]
                                    or not all(isinstance(w, (int, float)) for w in wavelengths)):
        raise _damaged(path, "its header lists wrong wavelengths")
    threshold = header.get("decision_threshold")
    if not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise _damaged(path, "its decision threshold is not a probability")
    return header


def _config(path, network):
    """The NetworkConfig the header declares, within LIMITS."""
    if not isinstance(network, dict) or any(not isinstance(network.get(k), int) or not 1 <= network[k] <= limit
                                            for k, limit in LIMITS.items()):
        raise _damaged(path, "its header does not declare a network this plugin builds")
    try:
        check_patch(network["patch"])
    except DetectionError:
        raise _damaged(path, "its patch is not an odd number of pixels, 9 or more")
    return NetworkConfig(network["channels"], network["patch"], network["width"], network["hidden"])


def _transform(path, arrays, n_bands, channels):
    """The InputTransform of the file, its shapes checked against the bands and the channels."""
    names = ("transform_mean", "transform_axes", "transform_centre", "transform_scale")
    if any(name not in arrays for name in names):
        raise _damaged(path, "its spectral transform is missing")
    mean, axes, centre, scale = (arrays[name] for name in names)
    pca = axes.ndim == 2 and axes.shape[0] == n_bands and axes.shape[1] == channels
    plain = axes.ndim == 2 and axes.shape == (n_bands, 0) and channels == n_bands
    if (mean.shape != (n_bands,) or not (pca or plain) or centre.shape != (channels,) or scale.shape != (channels,)
            or not all(np.all(np.isfinite(a)) for a in (mean, axes, centre, scale)) or np.any(scale <= 0)):
        raise _damaged(path, "its spectral transform does not fit its bands and network")
    return InputTransform.from_arrays({name: arrays[name] for name in names})
