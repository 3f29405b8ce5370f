"""Pollution-source detection (after SI-LICNet): the NumPy side. Patches of the scene around labelled
soil samples, the spectral transform the network reads (PCA, then standardised channels), spatially blocked
folds with a buffer, ROC curves and AUC, and the occluding windows of the sensitivity map.

The network itself (PyTorch, optional) is in detection_net; nothing here imports it, so this module serves the
model file and the report without PyTorch.
"""
from typing import NamedTuple

import numpy as np
from scipy.spatial import cKDTree
from scipy.stats import rankdata

from .linalg import matmul
from .messages import CoreError, QT_TRANSLATE_NOOP
from .pca import StreamingPCA

#: Stem of the network: two 3 x 3 convolutions and a 1 x 1, no padding: each feature sees 5 x 5 pixels.
STEM_MARGIN = 2


class DetectionError(CoreError):
    """Labels, folds or a patch the detector cannot work with."""


class NetworkConfig(NamedTuple):
    """The architecture of one SI-LICNet: input channels, patch side (odd, pixels), feature width, hidden units."""
    channels: int
    patch: int
    width: int = 16
    hidden: int = 32

    @property
    def feature_side(self):
        """Side of the stem's feature map over one patch (valid convolutions)."""
        return self.patch - 2 * STEM_MARGIN

    @property
    def half_widths(self):
        """Half-widths of the centred squares the features are averaged over, in feature pixels: the centre,
        then 1, 2, 4, 8... up to the whole feature map (the pyramid that keeps the large-scale context)."""
        whole = (self.feature_side - 1) // 2
        widths = [0] + [2 ** k for k in range(8) if 2 ** k < whole]
        return tuple(widths + [whole])

    @property
    def receptive_field(self):
        """Pixels a side that decide one prediction: the largest pooled square plus the stem's margin: the patch."""
        return 2 * self.half_widths[-1] + 1 + 2 * STEM_MARGIN

    def shapes(self):
        """{weight name: shape} of the network's parameters, in PyTorch's state_dict order and names."""
        c, w, h, scales = self.channels, self.width, self.hidden, len(self.half_widths)
        return {"stem.0.weight": (w, c, 3, 3), "stem.0.bias": (w,), "stem.2.weight": (w, w, 3, 3), "stem.2.bias": (w,),
                "stem.4.weight": (w, w, 1, 1), "stem.4.bias": (w,), "head.0.weight": (h, w * scales),
                "head.0.bias": (h,), "head.3.weight": (1, h), "head.3.bias": (1,)}

    def parameter_count(self):
        return int(sum(np.prod(shape) for shape in self.shapes().values()))


def check_patch(patch):
    """An odd patch side of at least 9 pixels (the stem takes 4, the pyramid needs a centre and a ring)."""
    if patch < 9 or patch % 2 == 0:
        raise DetectionError(QT_TRANSLATE_NOOP(
            "core", "The patch must be an odd number of pixels, 9 or more, so that the sample lies at its centre "
                    "pixel; {} is not."), patch)
    return patch


class InputTransform:
    """What the network reads from a pixel's bands: principal components (or the bands themselves), each
    standardised to zero mean and unit variance; invalid pixels and pixels off the scene read as 0 (the mean).

    Learned attributes: mean_ (bands,), axes_ (bands, k) or None, centre_ (k,), scale_ (k,)."""

    def __init__(self, components=0):
        self.components = int(components)
        self.mean_ = self.axes_ = self.centre_ = self.scale_ = None

    def fit(self, blocks):
        """blocks: an iterable of (n, bands) pixel arrays (valid pixels only), read twice: covariance, then the
        channels' statistics. Returns self."""
        blocks = list(blocks)
        n_bands = blocks[0].shape[1]
        pca = StreamingPCA(n_bands)
        for pixels in blocks:
            pca.update(pixels)
        if pca.count < 2:
            raise DetectionError(QT_TRANSLATE_NOOP("core", "The sample patches hold fewer than 2 valid pixels."))
        self.mean_ = pca.mean
        if 0 < self.components < n_bands:
            self.axes_, _ = pca.components(self.components)
        channels = StreamingPCA(self.n_channels)
        for pixels in blocks:
            channels.update(self._project(pixels))
        self.centre_ = channels.mean
        spread = np.sqrt(np.clip(np.diag(channels.covariance()), 0, None))
        self.scale_ = np.where(spread > 0, spread, 1.0)
        return self

    @property
    def n_channels(self):
        return self.axes_.shape[1] if self.axes_ is not None else self.mean_.size

    def _project(self, pixels):
        centred = np.asarray(pixels, dtype=np.float64) - self.mean_
        return centred if self.axes_ is None else matmul(centred, self.axes_)

    def transform(self, pixels, valid=None):
        """(n, channels) float32; rows of invalid pixels are 0."""
        values = ((self._project(pixels) - self.centre_) / self.scale_).astype(np.float32)
        if valid is not None:
            values[~valid] = 0.0
        values[~np.isfinite(values).all(axis=1)] = 0.0
        return values

    def arrays(self):
        return {"transform_mean": self.mean_, "transform_axes": self.axes_ if self.axes_ is not None else
                np.zeros((self.mean_.size, 0)), "transform_centre": self.centre_, "transform_scale": self.scale_}

    @classmethod
    def from_arrays(cls, arrays):
        transform = cls(arrays["transform_axes"].shape[1])
        transform.mean_ = arrays["transform_mean"]
        transform.axes_ = arrays["transform_axes"] if arrays["transform_axes"].shape[1] else None
        transform.centre_, transform.scale_ = arrays["transform_centre"], arrays["transform_scale"]
        return transform


def region_around(rows, cols, margin, height, width):
    """For each centre pixel: the window (xoff, yoff, xsize, ysize) of the scene within `margin` pixels, clipped
    to the scene, and where it lies in the full (2 margin + 1)^2 square ((row, col) offset): the rest is off the
    scene."""
    rows, cols = np.asarray(rows), np.asarray(cols)
    top, left = np.maximum(rows - margin, 0), np.maximum(cols - margin, 0)
    bottom, right = np.minimum(rows + margin + 1, height), np.minimum(cols + margin + 1, width)
    return [((int(l), int(t), int(r - l), int(b - t)), (int(t - (y - margin)), int(l - (x - margin))))
            for y, x, t, l, b, r in zip(rows, cols, top, left, bottom, right)]


def binary_labels(values, threshold):
    """(labels 0/1, True when the values were labels already): values that are all 0 or 1 are labels; others
    are concentrations, contaminated when above the threshold (the standard's 'exceeds')."""
    values = np.asarray(values, dtype=float)
    if np.all(np.isin(values, (0.0, 1.0))):
        return values.astype(np.int64), True
    return (values > threshold).astype(np.int64), False


class Fold(NamedTuple):
    train: np.ndarray
    test: np.ndarray
    dropped: int  # training samples left out because their patch overlaps a test patch


def spatial_folds(rows, cols, labels, folds, patch, block, seed=0):
    """Spatially blocked cross-validation with a buffer: square blocks of `block` pixels are dealt to `folds`
    folds (in a seeded random order, each to the fold with the fewest samples so far); a fold's test samples
    are those of its blocks, and its training samples are all others EXCEPT those whose patch overlaps a test
    patch (centres fewer than `patch` pixels apart in row and column), so no pixel is seen in training and
    testing. Returns a list of Fold."""
    rows, cols, labels = np.asarray(rows), np.asarray(cols), np.asarray(labels)
    keys = (rows // block) * (int(cols.max()) // block + 1) + cols // block
    blocks, inverse = np.unique(keys, return_inverse=True)
    if blocks.size < folds:
        raise DetectionError(QT_TRANSLATE_NOOP(
            "core", "Only {} spatial blocks of {} pixels hold samples, fewer than the {} folds: use smaller blocks "
                    "or fewer folds."), blocks.size, block, folds)
    counts = np.bincount(inverse, minlength=blocks.size)
    fold_of_block = np.empty(blocks.size, dtype=np.int64)
    load = np.zeros(folds, dtype=np.int64)
    for index in np.random.default_rng(seed).permutation(blocks.size):
        fold_of_block[index] = int(np.argmin(load))
        load[fold_of_block[index]] += counts[index]
    fold = fold_of_block[inverse]
    tree = cKDTree(np.column_stack([rows, cols]).astype(float))
    result = []
    for number in range(folds):
        test = np.flatnonzero(fold == number)
        near = np.zeros(rows.size, dtype=bool)
        for neighbours in tree.query_ball_point(np.column_stack([rows[test], cols[test]]).astype(float),
                                                r=patch - 1, p=np.inf):
            near[neighbours] = True
        train = np.flatnonzero((fold != number) & ~near)
        dropped = int(np.sum((fold != number) & near))
        if np.unique(labels[train]).size < 2:
            raise DetectionError(QT_TRANSLATE_NOOP(
                "core", "Fold {} leaves training samples of one class only ({} samples once those whose patch "
                        "overlaps a test patch are left out): use fewer folds, larger blocks or a smaller patch."),
                number + 1, train.size)
        result.append(Fold(train, test, dropped))
    return result


def roc_curve(labels, scores):
    """(false positive rate, true positive rate, thresholds), from the highest threshold down; a threshold
    calls a sample contaminated when its score is >= it."""
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float)
    order = np.argsort(-scores, kind="mergesort")
    scores, labels = scores[order], labels[order]
    last = np.r_[np.flatnonzero(np.diff(scores)), scores.size - 1]  # last index of each distinct score
    tp = np.cumsum(labels)[last]
    fp = (last + 1) - tp
    positives, negatives = max(labels.sum(), 1), max(labels.size - labels.sum(), 1)
    return (np.r_[0.0, fp / negatives], np.r_[0.0, tp / positives], np.r_[np.inf, scores[last]])


def auc(labels, scores):
    """Area under the ROC curve (the probability that a contaminated sample scores above a clean one, ties
    counting half; Mann-Whitney); NaN without both classes."""
    labels, scores = np.asarray(labels).astype(bool), np.asarray(scores, dtype=float)
    positives, negatives = int(labels.sum()), int((~labels).sum())
    if not positives or not negatives:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[labels].sum() - positives * (positives + 1) / 2.0) / (positives * negatives))


def youden_threshold(labels, scores):
    """The score threshold that maximises sensitivity + specificity - 1 (Youden's J) on these samples."""
    fpr, tpr, thresholds = roc_curve(labels, scores)
    best = int(np.argmax(tpr[1:] - fpr[1:])) + 1
    return float(thresholds[best])


def confusion(labels, scores, threshold):
    """((true negatives, false positives), (false negatives, true positives)) at score >= threshold."""
    labels, called = np.asarray(labels).astype(bool), np.asarray(scores) >= threshold
    return ((int(np.sum(~labels & ~called)), int(np.sum(~labels & called))),
            (int(np.sum(labels & ~called)), int(np.sum(labels & called))))


def occluder_grid(start, stop, stride):
    """Indices k of the occluding windows whose cells [k stride, (k + 1) stride) meet rows (or columns)
    start..stop-1: every pixel takes the sensitivity of the window of its cell."""
    return np.arange(start // stride, (stop - 1) // stride + 1)


def occluded_span(k, stride, window):
    """[first, last + 1) of the occluding window centred on cell k (window pixels, centred on the cell's centre)."""
    centre = k * stride + (stride - 1) / 2.0
    first = int(np.floor(centre - (window - 1) / 2.0))
    return first, first + window


def auc_rows(labels, scores, folds, regions=None):
    """The AUC table: for each model (scores: {model name: out-of-fold scores}), one row per fold, per region
    (when regions, one name per sample, are given) and overall: (model, scope, name, samples, positives, auc);
    overall 'all' pools the out-of-fold scores, overall 'mean of folds' averages the folds' AUC."""
    labels = np.asarray(labels)
    rows = []
    for model, values in scores.items():
        values = np.asarray(values)
        per_fold = []
        for number, fold in enumerate(folds, start=1):
            per_fold.append(auc(labels[fold.test], values[fold.test]))
            rows.append((model, "fold", str(number), len(fold.test), int(labels[fold.test].sum()), per_fold[-1]))
        if regions is not None:
            regions = np.asarray(regions)
            for region in sorted(set(regions.tolist())):
                chosen = regions == region
                rows.append((model, "region", region, int(chosen.sum()), int(labels[chosen].sum()),
                             auc(labels[chosen], values[chosen])))
        rows.append((model, "overall", "all", labels.size, int(labels.sum()), auc(labels, values)))
        finite = [value for value in per_fold if value == value]
        rows.append((model, "overall", "mean of folds", labels.size, int(labels.sum()),
                     float(np.mean(finite)) if finite else float("nan")))
    return rows
