"""The forests' mean and spread, summed tree by tree, against scikit-learn's own trees."""
import numpy as np
from sklearn.ensemble import RandomForestRegressor

from pccee.algorithms.core.inversion import ForestArrays, predict_with_spread


def test_mean_and_spread_equal_the_trees_stacked():
    rng = np.random.default_rng(4)
    features = rng.random((150, 3))
    target = 300.0 + features @ np.array([50.0, -20.0, 80.0]) + rng.normal(0.0, 4.0, 150)
    forest = RandomForestRegressor(n_estimators=40, random_state=1).fit(features, target)
    trees = np.stack([tree.predict(features[:60]) for tree in forest.estimators_])
    mean, spread = predict_with_spread([forest, ForestArrays.from_forest(forest)], features[:60])
    for column in range(2):  # the fitted forest, and its arrays as a model file holds them
        np.testing.assert_allclose(mean[:, column], trees.mean(axis=0), rtol=1e-12)
        np.testing.assert_allclose(spread[:, column], trees.std(axis=0), rtol=1e-9, atol=1e-9)
    assert spread.min() >= 0.0 and spread.max() > 1.0
