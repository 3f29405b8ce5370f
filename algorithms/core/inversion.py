"""Random Forest inversion of metal concentrations from abundances (PCCEE section 2.5).

Cross-validated metrics come from out-of-fold predictions only. A trained forest is exported to plain
arrays (the nodes of every tree), which (1) make a model file that loads without unpickling (io.model_file)
and (2) predict every tree, giving each pixel's mean and the spread of the trees (uncertainty): on the CPU with
scikit-learn's compiled walk, on a GPU (CuPy) or without scikit-learn by walking the node arrays.
scikit-learn is imported when a forest is trained.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

from .device import module_of, to_numpy

#: Training samples from which a forest grows its trees on all cores.
MANY_SAMPLES = 500
#: Fewest distinct cells worth a thread of their own.
CELLS_PER_THREAD = 10000
#: Nodes (trees x pixels) walked down together on a GPU, which wants millions at once (32 MiB per int64 array);
#: the CPU walks one tree at a time, its arrays kept in cache.
GPU_WALK_NODES = 2 ** 22

#: Residual prediction deviation classes (soil spectroscopy convention, as in the paper).
RPD_CLASSES = ((1.4, "poor"), (2.0, "acceptable"), (2.5, "good"), (np.inf, "excellent"))


class Metrics(NamedTuple):
    n: int
    r2: float
    rmse: float
    rpd: float
    rpd_class: str
    train_r2: float


def metrics(measured, predicted, fitted):
    """Cross-validated R2, RMSE and RPD (sd / RMSE) from out-of-fold predictions; training R2 from the fit."""
    measured = np.asarray(measured, dtype=float)
    rmse = float(np.sqrt(np.mean((measured - predicted) ** 2)))
    total = np.sum((measured - measured.mean()) ** 2)
    r2 = float(1.0 - np.sum((measured - predicted) ** 2) / total)
    train_r2 = float(1.0 - np.sum((measured - fitted) ** 2) / total)
    rpd = float(np.std(measured, ddof=1) / rmse) if rmse > 0 else np.inf
    label = next((name for limit, name in RPD_CLASSES if rpd < limit), RPD_CLASSES[-1][1])  # rmse 0: infinite RPD
    return Metrics(len(measured), r2, rmse, rpd, label, train_r2)


def folds_for(n_samples, folds, coordinates=None, block_size=None, seed=0):
    """A scikit-learn splitter: leave-one-out (folds = 0), random k-fold, or k-fold over spatial blocks
    of block_size map units (samples in one block are never split between training and validation)."""
    from sklearn.model_selection import GroupKFold, KFold, LeaveOneOut
    if folds == 0:
        return LeaveOneOut(), None
    if block_size:
        blocks = np.floor(np.asarray(coordinates) / block_size).astype(np.int64)
        groups = np.unique(blocks, axis=0, return_inverse=True)[1].ravel()
        if np.unique(groups).size < folds:
            raise ValueError("Only {} spatial blocks of {:g} map units hold samples, fewer than the {} folds: "
                             "use smaller blocks or fewer folds.".format(np.unique(groups).size, block_size, folds))
        return GroupKFold(n_splits=folds), groups
    return KFold(n_splits=folds, shuffle=True, random_state=seed), None


def train_forest(features, target, trees, seed, min_samples_leaf=1, max_features=1.0):
    """A fitted forest; the same trees whatever the threads (each tree's seed is drawn before any is grown)."""
    from sklearn.ensemble import RandomForestRegressor
    # Threads only (the default for forests): inside QGIS, sys.executable is QGIS, not Python. A tree of a few hundred
    # soil samples grows in less time than a thread hand-over takes, so small forests grow on one thread (measured: 500
    # trees on 48 samples, 0.37 s against 0.56 s) and predict on one (a fold's samples: 6 ms against 28 ms).
    threads = -1 if len(target) >= MANY_SAMPLES else 1
    forest = RandomForestRegressor(n_estimators=trees, random_state=seed, n_jobs=threads,
                                   min_samples_leaf=min_samples_leaf, max_features=max_features).fit(features, target)
    forest.n_jobs = 1
    return forest


def cross_validate(features, target, trees, seed, splitter, groups=None, **forest):
    """Out-of-fold predictions of a forest for every sample."""
    predicted = np.empty(len(target))
    for train, test in splitter.split(features, target, groups):
        predicted[test] = train_forest(features[train], target[train], trees, seed, **forest).predict(features[test])
    return predicted


class ForestArrays:
    """The nodes of every tree of a fitted regression forest, as flat arrays with per-tree offsets."""

    def __init__(self, left, right, feature, threshold, value, roots):
        self.left, self.right, self.feature = left, right, feature
        self.threshold, self.value, self.roots = threshold, value, roots
        self._compiled, self._walked = None, {}

    @classmethod
    def from_forest(cls, forest):
        parts, roots, offset = [], [], 0
        for estimator in forest.estimators_:
            tree = estimator.tree_
            leaf = tree.children_left < 0
            parts.append((np.where(leaf, -1, tree.children_left + offset), np.where(leaf, -1, tree.children_right + offset),
                          tree.feature, tree.threshold, tree.value[:, 0, 0]))
            roots.append(offset)
            offset += tree.node_count
        left, right, feature, threshold, value = (np.concatenate(p) for p in zip(*parts))
        return cls(left.astype(np.int64), right.astype(np.int64), feature.astype(np.int64), threshold, value,
                   np.array(roots, dtype=np.int64))

    def tree_predictions(self, features):
        """Yield the predictions (trees, n) of groups of trees for features (n, predictors) in float32:
        scikit-learn's compiled walk, one tree at a time, on trees rebuilt from the arrays for NumPy features when
        scikit-learn is there; else (CuPy features, or no scikit-learn) the node arrays walked on the features'
        module (the same comparisons)."""
        trees = self.compiled_trees() if module_of(features) is np else None
        if trees is None:
            yield from self._walk(features)
            return
        features = np.ascontiguousarray(features, dtype=np.float32)
        for tree in trees:
            yield tree.predict(features)[None, :, 0]

    def compiled_trees(self):
        """scikit-learn Tree objects built from the node arrays (no unpickling: the arrays are checked on load
        and copied into the node table of the installed scikit-learn), or None without scikit-learn."""
        if self._compiled is not None:
            return self._compiled
        try:
            from sklearn.tree._tree import NODE_DTYPE, Tree
        except ImportError:
            return None
        n_features = int(self.feature.max(initial=0)) + 1
        ends = np.append(self.roots[1:], self.left.size)
        trees = []
        for root, end in zip(self.roots, ends):
            left, right = self.left[root:end], self.right[root:end]
            leaf = left < 0
            nodes = np.zeros(end - root, dtype=NODE_DTYPE)
            nodes["left_child"] = np.where(leaf, -1, left - root)
            nodes["right_child"] = np.where(leaf, -1, right - root)
            nodes["feature"] = np.where(leaf, -2, self.feature[root:end])
            nodes["threshold"] = np.where(leaf, -2.0, self.threshold[root:end])
            tree = Tree(n_features, np.array([1], dtype=np.intp), 1)
            tree.__setstate__({"max_depth": _depth(nodes), "node_count": end - root, "nodes": nodes,
                               "values": self.value[root:end].reshape(-1, 1, 1).astype(np.float64)})
            trees.append(tree)
        self._compiled = trees
        return trees

    def _walk(self, features):
        """Yield the predictions (trees, n) of groups of trees, walked down level by level on the features' module,
        only the pixels not yet at a leaf at each level: float32 predictors compared in float64 with the
        thresholds, as scikit-learn does."""
        xp = module_of(features)
        left, right, feature, threshold, value, roots = self._on(xp)
        features = features.astype(xp.float32).astype(xp.float64)
        n = len(features)
        group = 1 if xp is np else max(1, GPU_WALK_NODES // max(1, n))
        for first in range(0, len(roots), group):
            nodes = xp.repeat(roots[first:first + group], n)  # tree by tree, n pixels each
            moving = xp.arange(nodes.size)
            while moving.size:
                current = nodes[moving]
                inner = left[current] >= 0
                moving, current = moving[inner], current[inner]
                go_left = features[moving % n, feature[current]] <= threshold[current]
                nodes[moving] = xp.where(go_left, left[current], right[current])
            yield value[nodes].reshape(-1, n)

    def _on(self, xp):
        """The node arrays on module xp (copied once), leaves' features clipped to a valid column."""
        if xp.__name__ not in self._walked:
            arrays = (self.left, self.right, np.maximum(self.feature, 0), self.threshold, self.value, self.roots)
            self._walked[xp.__name__] = tuple(xp.asarray(array) for array in arrays)
        return self._walked[xp.__name__]

    def arrays(self):
        return {"left": self.left, "right": self.right, "feature": self.feature, "threshold": self.threshold,
                "value": self.value, "roots": self.roots}


def _depth(nodes):
    """Depth of a tree whose children come after their parents (as checked on load)."""
    depth = np.zeros(len(nodes), dtype=np.int64)
    for node in range(len(nodes)):
        if nodes["left_child"][node] >= 0:
            depth[[nodes["left_child"][node], nodes["right_child"][node]]] = depth[node] + 1
    return int(depth.max())


def predict_with_spread(forests, features, xp=np):
    """(mean (n, m), standard deviation across trees (n, m)) of m forests: fitted scikit-learn forests or
    ForestArrays read from a model file; on NumPy or CuPy (xp), returned as NumPy.

    Exact, and fast on a whole scene: every split compares one predictor with a threshold, so pixels whose
    predictors fall between the same thresholds of every tree (the same cell) get the same prediction from
    every tree. The trees walk one pixel per occupied cell (a forest trained on 50 samples has at most 49
    thresholds per predictor, so a scene's millions of pixels fill far fewer cells), and the cells are spread
    back to their pixels. Predictors are compared in float32, as scikit-learn's trees do. Trees are summed a
    group at a time, so memory holds a few rows of n values whatever the number of trees."""
    arrays = forest_arrays(forests)
    features = xp.asarray(np.asarray(features, dtype=np.float32))
    if len(features) == 0:
        return np.zeros((0, len(arrays))), np.zeros((0, len(arrays)))
    cells, representatives = occupied_cells(arrays, features)
    distinct = features[representatives]
    # On the CPU the cells split among the cores: a tree's walk releases Python's lock, and each cell's sums run
    # over the trees in the same order whatever the split, so the result does not depend on the number of cores.
    # A GPU works in this thread, on its stream.
    threads = max(1, min(os.cpu_count() or 1, len(distinct) // CELLS_PER_THREAD)) if xp is np else 1
    bounds = np.linspace(0, len(distinct), threads + 1).astype(int)
    parts = [slice(start, stop) for start, stop in zip(bounds[:-1], bounds[1:])]
    means, spreads = [], []
    with ThreadPoolExecutor(threads) as pool:
        for nodes in arrays:
            if xp is np:
                nodes.compiled_trees()  # built once, before the threads share them
            mean, spread = (xp.concatenate(columns) for columns in zip(*(pool.map if xp is np else map)(
                lambda rows: _mean_and_spread(nodes.tree_predictions(distinct[rows])), parts)))
            means.append(mean[cells])
            spreads.append(spread[cells])
    return to_numpy(xp.stack(means, axis=1)), to_numpy(xp.stack(spreads, axis=1))


def forest_arrays(forests):
    """ForestArrays of fitted scikit-learn forests (those already ForestArrays kept): convert once for a whole
    scene, since each conversion builds the trees again for scikit-learn's walk or copies them to the GPU."""
    return [forest if isinstance(forest, ForestArrays) else ForestArrays.from_forest(forest) for forest in forests]


def _mean_and_spread(groups):
    """(mean, standard deviation) over the trees from their predictions (trees, n), summed a group at a time and
    shifted by the first tree: sums of small differences keep their precision."""
    first, total, squares, count = None, 0.0, 0.0, 0
    for predictions in groups:
        first = predictions[0] if first is None else first
        difference = predictions - first
        total = total + difference.sum(axis=0)
        squares = squares + (difference * difference).sum(axis=0)
        count += len(predictions)
    xp = module_of(first)
    mean_difference = total / count
    return first + mean_difference, xp.sqrt(xp.maximum(squares / count - mean_difference ** 2, 0.0))


def occupied_cells(forests, features):
    """(cell of each pixel (n,), one pixel of each cell), on the features' module: cells are the boxes that the
    split thresholds of all the forests cut the predictor space into."""
    xp = module_of(features)
    key = xp.zeros(len(features), dtype=xp.int64)
    for column in range(features.shape[1]):
        thresholds = np.unique(np.concatenate([f.threshold[(f.left >= 0) & (f.feature == column)] for f in forests]))
        if thresholds.size == 0:
            continue
        if (int(key.max()) + 1) * (thresholds.size + 1) >= 2 ** 62:  # too many cells to number: no grouping
            return xp.arange(len(features)), xp.arange(len(features))
        key = key * (thresholds.size + 1) + xp.searchsorted(xp.asarray(thresholds),
                                                            features[:, column].astype(xp.float64), side="left")
    _, representatives, cells = xp.unique(key, return_index=True, return_inverse=True)
    return cells.ravel(), representatives
