"""Random Forest inversion of metal concentrations from abundances (PCCEE section 2.5).

Cross-validated metrics come from out-of-fold predictions only. A trained forest is exported to plain
arrays (the nodes of every tree), which (1) make a model file that loads without unpickling (io.model_file)
and (2) predict every tree at once in NumPy, giving each pixel's mean and the spread of the trees (uncertainty).
scikit-learn is imported when a forest is trained.
"""
from typing import NamedTuple

import numpy as np

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
    from sklearn.ensemble import RandomForestRegressor
    # Threads only (the default for forests): inside QGIS, sys.executable is QGIS, not Python.
    return RandomForestRegressor(n_estimators=trees, random_state=seed, n_jobs=-1, min_samples_leaf=min_samples_leaf,
                                 max_features=max_features).fit(features, target)


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
        """Yield each tree's predictions (n,); a tree walks its pixels down level by level, dropping those
        that reached a leaf."""
        features = np.asarray(features, dtype=np.float64)
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


def predict_with_spread(forests, features):
    """(mean (n, m), standard deviation across trees (n, m)) of m forests: fitted scikit-learn forests
    (each tree's own predict) or ForestArrays read from a model file. Trees are summed one at a time, so
    memory holds a few rows of n values whatever the number of trees."""
    means, spreads = [], []
    features = np.asarray(features, dtype=np.float64)
    for forest in forests:
        if hasattr(forest, "estimators_"):
            trees = (tree.predict(features) for tree in forest.estimators_)
        else:
            trees = forest.tree_predictions(features)
        first = next(trees)
        total, squares, count = np.zeros_like(first), np.zeros_like(first), 1
        for prediction in trees:  # shifted by the first tree: sums of small differences keep their precision
            difference = prediction - first
            total += difference
            squares += difference * difference
            count += 1
        mean_difference = total / count
        means.append(first + mean_difference)
        spreads.append(np.sqrt(np.maximum(squares / count - mean_difference ** 2, 0.0)))
    return np.column_stack(means), np.column_stack(spreads)
