"""Random Forest inversion of metal concentrations from abundances (PCCEE section 2.5).

Cross-validated metrics come from out-of-fold predictions only. A trained forest is exported to plain
arrays (the nodes of every tree), which (1) make a model file that loads without unpickling (io.model_file)
and (2) predict every tree at once in NumPy, giving each pixel's mean and the spread of the trees (uncertainty).
scikit-learn is imported when a forest is trained.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

#: Training samples from which a forest grows its trees on all cores.
MANY_SAMPLES = 500
#: Fewest distinct cells worth a thread of their own.
CELLS_PER_THREAD = 10000

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
        """Yield each tree's predictions (n,): scikit-learn's compiled walk on trees rebuilt from the arrays when
        scikit-learn is there, else a NumPy walk down level by level (the same comparisons, in float32)."""
        trees = self.compiled_trees()
        if trees is not None:
            features = np.ascontiguousarray(features, dtype=np.float32)
            for tree in trees:
                yield tree.predict(features)[:, 0]
            return
        yield from self._walk(features)

    def compiled_trees(self):
        """scikit-learn Tree objects built from the node arrays (no unpickling: the arrays are checked on load
        and copied into the node table of the installed scikit-learn), or None without scikit-learn."""
        if getattr(self, "_compiled", None) is not None:
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
        features = np.asarray(features, dtype=np.float32).astype(np.float64)
        for root in self.roots:
            nodes = np.full(len(features), root)
            moving = np.arange(len(features))
            while moving.size:
                current = nodes[moving]
                inner = self.left[current] >= 0
                moving, current = moving[inner], current[inner]
                go_left = features[moving, self.feature[current]] <= self.threshold[current]
                nodes[moving] = np.where(go_left, self.left[current], self.right[current])
            yield self.value[nodes]

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


def predict_with_spread(forests, features):
    """(mean (n, m), standard deviation across trees (n, m)) of m forests: fitted scikit-learn forests or
    ForestArrays read from a model file.

    Exact, and fast on a whole scene: every split compares one predictor with a threshold, so pixels whose
    predictors fall between the same thresholds of every tree (the same cell) get the same prediction from
    every tree. The trees walk one pixel per occupied cell (a forest trained on 50 samples has at most 49
    thresholds per predictor, so a scene's millions of pixels fill far fewer cells), and the cells are spread
    back to their pixels. Predictors are compared in float32, as scikit-learn's trees do. Trees are summed one
    at a time, so memory holds a few rows of n values whatever the number of trees."""
    arrays = [forest if isinstance(forest, ForestArrays) else ForestArrays.from_forest(forest) for forest in forests]
    features = np.asarray(features, dtype=np.float32)
    cells, representatives = occupied_cells(arrays, features)
    distinct = features[representatives]
    # The cells split among the cores: a tree's walk releases Python's lock, and each cell's sums run over the
    # trees in the same order whatever the split, so the result does not depend on the number of cores.
    parts = np.array_split(np.arange(len(distinct)), max(1, min(os.cpu_count() or 1, len(distinct) // CELLS_PER_THREAD)))
    means, spreads = [], []
    with ThreadPoolExecutor(len(parts)) as pool:
        for nodes in arrays:
            nodes.compiled_trees()  # built once, before the threads share them
            mean, spread = (np.concatenate(columns) for columns in zip(*pool.map(
                lambda rows: _mean_and_spread(nodes.tree_predictions(distinct[rows])), parts)))
            means.append(mean[cells])
            spreads.append(spread[cells])
    return np.column_stack(means), np.column_stack(spreads)


def _mean_and_spread(predictions):
    """(mean, standard deviation) over the trees' predictions, summed one tree at a time (memory: a few rows)."""
    first = next(predictions)
    total, squares, count = np.zeros_like(first), np.zeros_like(first), 1
    for prediction in predictions:  # shifted by the first tree: sums of small differences keep their precision
        difference = prediction - first
        total += difference
        squares += difference * difference
        count += 1
    mean_difference = total / count
    return first + mean_difference, np.sqrt(np.maximum(squares / count - mean_difference ** 2, 0.0))


def occupied_cells(forests, features):
    """(cell of each pixel (n,), one pixel of each cell): cells are the boxes that the split thresholds of all
    the forests cut the predictor space into."""
    key = np.zeros(len(features), dtype=np.int64)
    for column in range(features.shape[1]):
        thresholds = np.unique(np.concatenate([f.threshold[(f.left >= 0) & (f.feature == column)] for f in forests]))
        if thresholds.size == 0:
            continue
        if (key.max(initial=0) + 1) * (thresholds.size + 1) >= 2 ** 62:  # too many cells to number: no grouping
            return np.arange(len(features)), np.arange(len(features))
        key = key * (thresholds.size + 1) + np.searchsorted(thresholds, features[:, column], side="left")
    _, representatives, cells = np.unique(key, return_index=True, return_inverse=True)
    return cells.ravel(), representatives
