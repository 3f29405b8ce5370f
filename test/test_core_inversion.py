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


def test_a_scene_is_predicted_once_per_occupied_cell_and_equals_scikit_learn():
    """Pixels between the same thresholds of every tree are walked once: 500 distinct abundance vectors
    repeated over 20,000 pixels make at most 500 cells; the mean equals scikit-learn's predict, the spread the
    trees' own, whether the forest is fitted or rebuilt from a model file's arrays."""
    from pccee.algorithms.core.inversion import occupied_cells
    rng = np.random.default_rng(7)
    samples = rng.dirichlet(np.ones(4), 50)
    target = 20.0 + samples @ np.array([60.0, 5.0, -10.0, 30.0]) + rng.normal(0.0, 2.0, 50)
    forest = RandomForestRegressor(n_estimators=60, random_state=2).fit(samples, target)
    arrays = ForestArrays.from_forest(forest)
    pixels = rng.dirichlet(np.ones(4), 500)[rng.integers(0, 500, 20000)]
    cells, representatives = occupied_cells([arrays], pixels.astype(np.float32))
    assert len(representatives) <= 500 and cells.max() == len(representatives) - 1
    trees = np.stack([tree.predict(pixels) for tree in forest.estimators_])
    np.testing.assert_allclose(np.concatenate(list(arrays._walk(pixels))), trees, rtol=1e-12)  # without scikit-learn
    for model in (forest, arrays):
        mean, spread = predict_with_spread([model], pixels)
        np.testing.assert_allclose(mean[:, 0], forest.predict(pixels), rtol=1e-12)
        np.testing.assert_allclose(spread[:, 0], trees.std(axis=0), rtol=1e-9, atol=1e-9)


def test_cells_split_among_threads_give_the_same_maps(monkeypatch):
    """The occupied cells are walked on all cores in parts; the sums run in the same tree order whatever the
    parts, so the maps are bit for bit those of one part."""
    import pccee.algorithms.core.inversion as inversion
    rng = np.random.default_rng(3)
    samples = rng.dirichlet(np.ones(4), 60)
    forest = RandomForestRegressor(n_estimators=30, random_state=0).fit(samples, samples @ np.array([9.0, 1.0, -4.0, 6.0]))
    pixels = rng.dirichlet(np.ones(4), 5000)
    whole = predict_with_spread([forest], pixels)
    monkeypatch.setattr(inversion, "CELLS_PER_THREAD", 100)
    monkeypatch.setattr(inversion.os, "cpu_count", lambda: 7)
    split = predict_with_spread([forest], pixels)
    assert np.array_equal(whole[0], split[0]) and np.array_equal(whole[1], split[1])
    np.testing.assert_allclose(whole[0][:, 0], forest.predict(pixels), rtol=1e-12)


def test_the_trees_walked_on_the_node_arrays_equal_scikit_learn():
    """The walk that a GPU runs (and a CPU without scikit-learn): every tree, every pixel, to the last digit of
    scikit-learn's own trees, including pixels exactly on a threshold."""
    from pccee.algorithms.core.inversion import _mean_and_spread
    rng = np.random.default_rng(11)
    samples = rng.dirichlet(np.ones(3), 80).astype(np.float32)
    forest = RandomForestRegressor(n_estimators=25, random_state=5).fit(samples, samples @ np.array([3.0, -1.0, 2.0]))
    arrays = ForestArrays.from_forest(forest)
    pixels = rng.dirichlet(np.ones(3), 3000).astype(np.float32)
    split = arrays.left >= 0
    pixels[:200, 0] = arrays.threshold[split][:200].astype(np.float32)  # on the thresholds (float32, as compared)
    trees = np.stack([tree.predict(pixels) for tree in forest.estimators_])
    walked = np.concatenate(list(arrays._walk(pixels)))
    assert np.array_equal(walked, trees)
    mean, spread = _mean_and_spread(iter([walked[:7], walked[7:]]))  # summed in groups of trees
    np.testing.assert_allclose(mean, forest.predict(pixels), rtol=1e-12)
    np.testing.assert_allclose(spread, trees.std(axis=0), rtol=1e-9, atol=1e-9)


def test_maps_on_the_gpu_equal_the_cpu(gpu_module):
    rng = np.random.default_rng(12)
    samples = rng.dirichlet(np.ones(4), 120)
    forests = [RandomForestRegressor(n_estimators=50, random_state=seed).fit(samples, samples @ rng.random(4) * 100)
               for seed in range(3)]
    pixels = rng.dirichlet(np.ones(4), 50000)[rng.integers(0, 50000, 200000)]
    cpu = predict_with_spread(forests, pixels)
    gpu = predict_with_spread(forests, pixels, gpu_module)
    assert all(isinstance(array, np.ndarray) for array in gpu)
    np.testing.assert_allclose(gpu[0], cpu[0], rtol=1e-12)
    np.testing.assert_allclose(gpu[1], cpu[1], rtol=1e-9, atol=1e-9)
