"""The model file of 'Invert metal concentrations': forests as plain arrays in a .npz, with a header and a digest.

Loading never unpickles anything, and every tree is checked before use, so a damaged or crafted file is refused
or at worst predicts wrong values: it never runs code, reads out of bounds or walks a tree forever.
"""
import hashlib
import json
import zipfile

import numpy as np

from ..core.inversion import ForestArrays
from ..core.messages import CoreError, QT_TRANSLATE_NOOP
from .staged_outputs import staged

FORMAT = "pccee-forest-1"
#: The arrays of one forest in a model file, "<forest index>_<name>".
FOREST_ARRAYS = ("left", "right", "feature", "threshold", "value", "roots")


class ModelFileError(CoreError):
    """A model file that is not a PCCEE forest of this version, or has been altered."""


def write_sealed(path, arrays, header):
    """A .npz of plain arrays (no pickled objects) with a JSON header and a SHA-256 digest over its content:
    the envelope of every model file the plugin writes."""
    arrays = dict(arrays, header=np.array(json.dumps(header)))
    arrays["digest"] = np.array(array_digest(arrays))
    with open(staged(path), "wb") as stream:
        np.savez_compressed(stream, **arrays)


def read_sealed(path):
    """(arrays, header text) of a file written by write_sealed; refused unless complete and unaltered."""
    arrays = read_arrays(path)
    if "header" not in arrays or "digest" not in arrays:
        raise ModelFileError(QT_TRANSLATE_NOOP("core", "'{}' is not a PCCEE model file."), path)
    digest = str(arrays.pop("digest"))
    if array_digest(arrays) != digest:
        raise ModelFileError(QT_TRANSLATE_NOOP(
            "core", "'{}' has been altered since this plugin wrote it (its digest does not match)."), path)
    return arrays, arrays["header"]


def save_model(path, forests, metals, predictors):
    """The forests as plain node arrays, "<forest index>_<name>", in a sealed .npz."""
    arrays = {"{}_{}".format(index, name): values for index, forest in enumerate(forests)
              for name, values in forest.arrays().items()}
    write_sealed(path, arrays, {"format": FORMAT, "metals": list(metals), "predictors": list(predictors)})


def load_model(path):
    """(forests, metals, predictors) from a file written by save_model; anything else is refused.

    The digest catches accidental damage only: anyone can recompute it. A crafted file is made harmless by
    what loading does not do (unpickle) and by checking every tree (see _checked_forest): at worst it
    predicts wrong values, it never runs code, reads out of bounds or walks a tree forever."""
    arrays, text = read_sealed(path)
    header = _header(path, text)
    n_features = len(header["predictors"])
    forests = [_checked_forest(path, arrays, index, metal, n_features) for index, metal in enumerate(header["metals"])]
    return forests, header["metals"], header["predictors"]


def read_arrays(path):
    """Every array of a .npz file, without unpickling anything."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except FileNotFoundError:
        raise ModelFileError(QT_TRANSLATE_NOOP("core", "'{}' does not exist."), path)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:  # np.load calls a non-.npz file pickled
        raise ModelFileError(QT_TRANSLATE_NOOP(
            "core", "'{}' is not a PCCEE model file: not a complete .npz archive of plain arrays ({})."), path, error)


def json_header(path, text):
    """The JSON header of a PCCEE .npz file as a dict; refused when it is not one."""
    try:
        header = json.loads(str(text))
    except ValueError:
        header = None
    if not isinstance(header, dict):
        raise ModelFileError(QT_TRANSLATE_NOOP(
            "core", "'{}' is not a PCCEE model file (its header is not readable)."), path)
    return header


def _header(path, text):
    """The header's format, metals and predictors, checked."""
    header = json_header(path, text)
    if header.get("format") != FORMAT:
        raise ModelFileError(QT_TRANSLATE_NOOP(
            "core", "'{}' holds a model of format '{}'; this plugin reads '{}'."), path, header.get("format"), FORMAT)
    for key in ("metals", "predictors"):
        if not isinstance(header.get(key), list) or not header[key] or not all(isinstance(v, str) for v in header[key]):
            raise ModelFileError(QT_TRANSLATE_NOOP("core", "'{}' is damaged: its header lists no {}."), path, key)
    return header


def _checked_forest(path, arrays, index, metal, n_features):
    """The ForestArrays of one metal, refused unless every tree walk must end at a leaf: children in range
    and greater than their node (no loop), inside their own tree, leaves with no child, split features among
    the n_features predictors, finite thresholds and values, one length for all node arrays."""
    def damaged(what):
        return ModelFileError("'{}' is damaged or crafted: the forest of {} {}.".format(path, metal, what))

    names = ["{}_{}".format(index, name) for name in FOREST_ARRAYS]
    if any(name not in arrays for name in names):
        raise damaged("is missing")
    left, right, feature, threshold, value, roots = (arrays[name] for name in names)
    nodes = (left, right, feature, threshold, value)
    if any(a.ndim != 1 for a in nodes + (roots,)) or len({a.size for a in nodes}) != 1:
        raise damaged("has arrays of different shapes")
    if not roots.size or not left.size:
        raise damaged("has no tree")
    if any(a.dtype.kind != "i" for a in (left, right, feature, roots)) or any(a.dtype.kind != "f" for a in (threshold, value)):
        raise damaged("has arrays of the wrong type")
    n = left.size
    if roots[0] != 0 or np.any(np.diff(roots) <= 0) or roots[-1] >= n:
        raise damaged("has trees that do not start where they should")
    node = np.arange(n)
    end = np.append(roots[1:], n)[np.searchsorted(roots, node, side="right") - 1]  # first node after each node's tree
    leaf = left < 0
    if np.any(leaf != (right < 0)) or np.any(left[leaf] != -1) or np.any(right[leaf] != -1):
        raise damaged("has nodes with one child")
    inner = ~leaf
    for child in (left[inner], right[inner]):
        if np.any(child <= node[inner]) or np.any(child >= end[inner]):
            raise damaged("has a child node that points back up its tree or out of it")
    if np.any(feature[inner] < 0) or np.any(feature[inner] >= n_features):
        raise damaged("splits on a predictor it does not have ({} listed)".format(n_features))
    if not np.all(np.isfinite(threshold[inner])) or not np.all(np.isfinite(value)):
        raise damaged("holds thresholds or values that are not finite numbers")
    return ForestArrays(left, right, feature, threshold, value, roots)


def array_digest(arrays):
    digest = hashlib.sha256()
    for name in sorted(arrays):
        if name == "digest":
            continue
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(arrays[name]).tobytes())
    return digest.hexdigest()
