"""Pollution-source detection without QGIS: the network's size and receptive field, sliding it over a region
equals applying it to every patch, occlusion, spatial folds with a buffer, AUC, the model file, and the simulated
sources whose truth depends on context."""
import os
import zipfile

import numpy as np
import pytest

from pccee.algorithms.core import detection, scene_simulation as sim
from pccee.algorithms.core.detection import DetectionError, InputTransform, NetworkConfig


def torch_or_skip():
    """PyTorch, or a skip on a developer's machine without it; under CI (CI=true) its absence fails."""
    try:
        import torch
        return torch
    except ImportError:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("PyTorch is missing: `make test` installs python3-torch.")
        pytest.skip("PyTorch is not installed")


@pytest.fixture(scope="module")
def net():
    torch_or_skip()
    from pccee.algorithms.core import detection_net
    return detection_net


def random_network(net, config, seed=0):
    import torch
    torch.manual_seed(seed)
    return net.build_network(config).eval()


def test_the_network_is_small_and_sees_the_whole_patch(net):
    config = NetworkConfig(channels=8, patch=33)
    network = random_network(net, config)
    assert config.parameter_count() == sum(p.numel() for p in network.parameters()) < 10000
    assert {n: tuple(p.shape) for n, p in network.state_dict().items()} == config.shapes()
    assert config.receptive_field == 33 and config.half_widths == (0, 1, 2, 4, 8, 14)
    # Empirically: the prediction moves with every pixel of the patch, corners included.
    import torch
    patch = torch.randn(1, 8, 33, 33, requires_grad=True)
    network(patch).sum().backward()
    influence = patch.grad.abs().sum(dim=1)[0]
    assert (influence > 0).all()
    assert NetworkConfig(330, 129, 16, 32).parameter_count() < 1_000_000  # the largest inputs stay light


def test_sliding_over_a_region_equals_the_network_on_each_patch(net):
    config = NetworkConfig(channels=3, patch=13)
    network = random_network(net, config, seed=1)
    region = np.random.default_rng(0).standard_normal((3, 30, 27)).astype(np.float32)
    dense = net.logit_map(network, region, tile=7)  # tiles smaller than the region: seams must not show
    assert dense.shape == (18, 15)
    patches = np.stack([region[:, r:r + 13, c:c + 13] for r in range(18) for c in range(15)])
    single = net.predict(network, patches)
    np.testing.assert_allclose(net.sigmoid(dense).ravel(), single, atol=1e-5)


def test_occlusion_equals_masking_and_sliding_again(net):
    """Each window's value: the mean drop of the patches centred around it (not inside it) when it is masked."""
    config = NetworkConfig(channels=2, patch=9)
    network = random_network(net, config, seed=2)
    rng = np.random.default_rng(1)
    region = rng.standard_normal((2, 40, 40)).astype(np.float32)
    baseline = net.logit_map(network, region)  # centres 4..35
    counted = rng.random(baseline.shape) > 0.1
    spans = [(10, 14, 12, 16), (20, 23, 20, 23), (16, 21, 24, 29)]
    fill = np.array([0.5, -1.0], dtype=np.float32)
    for measure in ("probability", "log-odds"):
        drops = net.occlusion_drops(network, region, baseline, counted, spans, fill, measure)
        score = net.MEASURES[measure]
        for (top, bottom, left, right), drop in zip(spans, drops):
            masked = region.copy()
            masked[:, top:bottom, left:right] = fill[:, None, None]
            change = score(baseline) - score(net.logit_map(network, masked))
            rows, cols = np.mgrid[0:baseline.shape[0], 0:baseline.shape[1]] + 4  # centres in region pixels
            touched = (rows >= top - 4) & (rows < bottom + 4) & (cols >= left - 4) & (cols < right + 4)
            inside = (rows >= top) & (rows < bottom) & (cols >= left) & (cols < right)
            keep = touched & ~inside & counted
            assert np.abs(change[~touched]).max() < 1e-5  # the receptive field ends at the patch
            assert drop == pytest.approx(change[keep].mean(), abs=1e-5)


def context_patches(n, patch, rng):
    """Toy patches (side 15 or more) whose label is whether a bright 3 x 3 'source' lies within 4 pixels of the
    centre; the centre pixel itself looks the same either way (noise only)."""
    patches = rng.normal(0.0, 0.3, (n, 2, patch, patch)).astype(np.float32)
    labels = rng.random(n) < 0.5
    c = patch // 2
    for index in range(n):
        while True:
            r, k = rng.integers(1, patch - 1, 2)
            near = max(abs(r - c), abs(k - c)) <= 4
            if near == labels[index] and max(abs(r - c), abs(k - c)) >= 2:
                break
        patches[index, 0, r - 1:r + 2, k - 1:k + 2] += 2.0
    return patches, labels.astype(int)


def test_the_network_learns_context_the_centre_pixel_does_not_hold(net):
    from sklearn.ensemble import RandomForestClassifier
    rng = np.random.default_rng(3)
    patches, labels = context_patches(400, 15, rng)
    config = NetworkConfig(2, 15, width=8, hidden=16)
    network, history = net.train_network(config, patches[:300], labels[:300], 25, seed=0,
                                         validation=(patches[300:], labels[300:]))
    cnn = detection.auc(labels[300:], net.predict(network, patches[300:]))
    forest = RandomForestClassifier(100, random_state=0).fit(patches[:300, :, 7, 7], labels[:300])
    centre = detection.auc(labels[300:], forest.predict_proba(patches[300:, :, 7, 7])[:, 1])
    assert cnn > 0.9 and abs(centre - 0.5) < 0.15, (cnn, centre)
    assert len(history["loss"]) == 25 and history["loss"][-1] < history["loss"][0]
    assert history["validation_auc"][-1] == pytest.approx(cnn)


def test_the_same_seed_trains_the_same_network(net):
    import torch
    rng = np.random.default_rng(4)
    patches, labels = context_patches(80, 15, rng)
    config = NetworkConfig(2, 15, width=8, hidden=8)
    state = torch.random.get_rng_state()
    first, _ = net.train_network(config, patches, labels, 3, seed=5)
    again, _ = net.train_network(config, patches, labels, 3, seed=5)
    other, _ = net.train_network(config, patches, labels, 3, seed=6)
    assert torch.equal(torch.random.get_rng_state(), state)  # the caller's random state is left alone
    for name, value in net.weights_of(first).items():
        np.testing.assert_array_equal(value, net.weights_of(again)[name])
    assert not np.array_equal(net.weights_of(first)["head.3.weight"], net.weights_of(other)["head.3.weight"])


def test_one_class_or_an_even_patch_is_refused(net):
    with pytest.raises(DetectionError, match="one class"):
        net.train_network(NetworkConfig(2, 9), np.zeros((4, 2, 9, 9), np.float32), [1, 1, 1, 1], 1, 0)
    for patch in (8, 7):
        with pytest.raises(DetectionError, match="odd number of pixels, 9 or more"):
            detection.check_patch(patch)


def test_spatial_folds_never_let_a_test_patch_overlap_a_training_patch():
    rng = np.random.default_rng(5)
    rows, cols = rng.integers(0, 200, 300), rng.integers(0, 200, 300)
    labels = rng.integers(0, 2, 300)
    folds = detection.spatial_folds(rows, cols, labels, 4, patch=15, block=45, seed=1)
    assert sorted(np.concatenate([f.test for f in folds]).tolist()) == list(range(300))
    for fold in folds:
        apart = np.maximum(np.abs(rows[fold.train, None] - rows[None, fold.test]),
                           np.abs(cols[fold.train, None] - cols[None, fold.test]))
        assert apart.min() >= 15  # patches of 15 pixels centred that far apart share no pixel
        assert fold.dropped + len(fold.train) + len(fold.test) == 300
        blocks_test = {(r // 45, c // 45) for r, c in zip(rows[fold.test], cols[fold.test])}
        assert not blocks_test & {(r // 45, c // 45) for r, c in zip(rows[fold.train], cols[fold.train])}
    again = detection.spatial_folds(rows, cols, labels, 4, patch=15, block=45, seed=1)
    assert all(np.array_equal(a.test, b.test) for a, b in zip(folds, again))
    with pytest.raises(DetectionError, match="fewer than the 4 folds"):
        detection.spatial_folds(rows, cols, labels, 4, patch=15, block=250, seed=1)


def test_auc_roc_and_threshold_agree_with_scikit_learn():
    from sklearn.metrics import roc_auc_score, roc_curve
    rng = np.random.default_rng(6)
    labels = rng.integers(0, 2, 500)
    scores = np.round(labels * 0.3 + rng.random(500), 2)  # ties included
    assert detection.auc(labels, scores) == pytest.approx(roc_auc_score(labels, scores), abs=1e-12)
    fpr, tpr, thresholds = detection.roc_curve(labels, scores)
    expected = roc_curve(labels, scores, drop_intermediate=False)
    np.testing.assert_allclose(fpr, expected[0])
    np.testing.assert_allclose(tpr, expected[1])
    threshold = detection.youden_threshold(labels, scores)
    (tn, fp), (fn, tp) = detection.confusion(labels, scores, threshold)
    assert tn + fp + fn + tp == 500
    assert tp / (tp + fn) + tn / (tn + fp) - 1 == pytest.approx(np.max(expected[1] - expected[0]))
    assert np.isnan(detection.auc([1, 1], [0.2, 0.4]))
    labels, given = detection.binary_labels([0.1, 0.31, 0.3, 2.0], 0.3)
    assert labels.tolist() == [0, 1, 0, 1] and not given  # contaminated ABOVE the screening value
    assert detection.binary_labels([0, 1, 1], 0.3)[1]


def test_auc_rows_cover_folds_regions_and_overall():
    labels = np.array([0, 1, 0, 1, 0, 1])
    folds = [detection.Fold(np.array([3, 4, 5]), np.array([0, 1, 2]), 0),
             detection.Fold(np.array([0, 1, 2]), np.array([3, 4, 5]), 0)]
    rows = detection.auc_rows(labels, {"a": [0.1, 0.9, 0.2, 0.8, 0.3, 0.7]}, folds,
                              np.array(["x", "x", "y", "y", "y", "y"]))
    named = {(scope, name): value for _, scope, name, _, _, value in rows}
    assert named[("fold", "1")] == 1.0 and named[("region", "y")] == 1.0 and named[("overall", "all")] == 1.0
    assert ("overall", "mean of folds") in named and len(rows) == 6


def test_the_input_transform_keeps_the_leading_components():
    rng = np.random.default_rng(7)
    scores = rng.standard_normal((2000, 3)) * [5.0, 2.0, 1.0]
    mixing = np.linalg.qr(rng.standard_normal((20, 20)))[0][:3]
    pixels = scores @ mixing + 0.3 + rng.normal(0, 0.01, (2000, 20))
    transform = InputTransform(3).fit([pixels[:700], pixels[700:]])
    channels = transform.transform(pixels)
    assert channels.shape == (2000, 3) and channels.dtype == np.float32
    np.testing.assert_allclose(channels.mean(axis=0), 0.0, atol=1e-4)
    np.testing.assert_allclose(channels.std(axis=0), 1.0, atol=1e-3)
    assert np.abs(np.corrcoef(channels[:, 0], scores[:, 0])[0, 1]) > 0.999
    valid = np.ones(2000, dtype=bool)
    valid[5] = False
    assert not transform.transform(pixels, valid)[5].any()  # nodata reads as the mean
    copy = InputTransform.from_arrays(transform.arrays())
    np.testing.assert_array_equal(copy.transform(pixels), channels)
    plain = InputTransform(0).fit([pixels])
    assert plain.n_channels == 20 and plain.axes_ is None


def small_detector(net, bands=4, patch=9):
    from pccee.algorithms.io.detector_file import Detector
    config = NetworkConfig(bands, patch, 4, 4)
    network = random_network(net, config)
    transform = InputTransform(0).fit([np.random.default_rng(0).random((50, bands))])
    header = {"bands": {"count": bands, "descriptions": ["b{}".format(i) for i in range(bands)],
                        "wavelengths_nm": [500.0 + 100 * i for i in range(bands)]},
              "pixel_size": [30.0, 30.0], "label": {"field": "Cd", "threshold": 0.3}, "decision_threshold": 0.4,
              "training": {}}
    return Detector(config, net.weights_of(network), transform, np.zeros(bands, np.float32), header)


def test_a_model_file_round_trips_without_pickles(net, tmp_path):
    from pccee.algorithms.io.detector_file import load_detector, save_detector
    detector = small_detector(net)
    path = str(tmp_path / "detector.npz")
    save_detector(path, detector)
    with zipfile.ZipFile(path) as archive, np.load(path, allow_pickle=False) as data:
        assert "header.npy" in archive.namelist()
        assert all(data[name].dtype != object for name in data.files)
    loaded = load_detector(path)
    assert loaded.config == detector.config and loaded.header["decision_threshold"] == 0.4
    assert loaded.bands["wavelengths_nm"][1] == 600.0
    for name, value in detector.weights.items():
        np.testing.assert_array_equal(loaded.weights[name], value)
    network = net.build_network(loaded.config, loaded.weights)
    assert network(net.require_torch().zeros(1, 4, 9, 9)).shape == (1,)


def test_altered_crafted_or_foreign_model_files_are_refused(net, tmp_path):
    from pccee.algorithms.io.detector_file import WEIGHT_PREFIX, load_detector, save_detector
    from pccee.algorithms.io.model_file import ModelFileError, array_digest
    import json
    path = str(tmp_path / "detector.npz")
    save_detector(path, small_detector(net))
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}

    def written(name, **changes):
        changed = dict(arrays, **changes)
        changed.pop("digest")
        changed["digest"] = np.array(array_digest(changed))
        target = str(tmp_path / name)
        np.savez(target, **changed)
        return target

    altered = dict(arrays)
    altered[WEIGHT_PREFIX + "head.3.bias"] = arrays[WEIGHT_PREFIX + "head.3.bias"] + 1
    np.savez(str(tmp_path / "altered.npz"), **altered)
    with pytest.raises(ModelFileError, match="altered"):
        load_detector(str(tmp_path / "altered.npz"))
    header = json.loads(str(arrays["header"]))
    with pytest.raises(ModelFileError, match="do not fit the network"):
        load_detector(written("wide.npz", header=np.array(json.dumps(dict(header, network=dict(
            header["network"], width=5))))))
    with pytest.raises(ModelFileError, match="does not declare a network"):
        load_detector(written("huge.npz", header=np.array(json.dumps(dict(header, network=dict(
            header["network"], channels=10 ** 6))))))
    with pytest.raises(ModelFileError, match="pollution-source detector"):
        load_detector(written("forest.npz", header=np.array(json.dumps(dict(header, format="pccee-forest-1")))))
    with pytest.raises(ModelFileError, match="not finite"):
        load_detector(written("nan.npz", fill=np.full(4, np.nan, np.float32)))
    np.save(str(tmp_path / "pickled.npy"), np.array([{"code": "x"}], dtype=object), allow_pickle=True)
    os.replace(str(tmp_path / "pickled.npy"), str(tmp_path / "pickled.npz"))
    with pytest.raises(ModelFileError, match="not a PCCEE model file"):
        load_detector(str(tmp_path / "pickled.npz"))


def test_the_simulated_sources_make_contamination_a_matter_of_context():
    rng = np.random.default_rng(2024)
    landscape = sim.simulate_landscape(128, rng)
    with_site, sources = sim.add_industrial_site(landscape, 2024, 30.0)
    again = sim.add_industrial_site(landscape, 2024, 30.0)[1]
    assert all(np.array_equal(a, b) for a, b in zip(sources.masks, again.masks))
    ponds, site, town = sources.masks
    assert 36 <= site.sum() <= 81 and not (site & (ponds | town)).any()
    np.testing.assert_allclose(with_site.abundances.sum(axis=-1), 1.0, atol=1e-9)
    assert np.median(with_site.abundances[site, sim.URBAN]) > 0.6 and with_site.abundances[site, sim.URBAN].max() > 0.8
    outside = ~site & (sources.distance_m[..., 1] > 150)  # the point spread reaches 4 pixels
    np.testing.assert_array_equal(with_site.abundances[outside], landscape.abundances[outside])
    cadmium = sim.source_cadmium(sources, 2024)
    near = sources.distance_m.min(axis=-1)
    assert np.median(cadmium[near < 60]) > 0.5 and np.median(cadmium[near > 1500]) < 0.2
    rows, cols, regions = sim.design_detection_samples(with_site, sources, 300, 2024)
    assert len(set(zip(rows.tolist(), cols.tolist()))) == 300 and not sources.any[rows, cols].any()
    assert set(regions.tolist()) == {0, 1, 2}
    contaminated = cadmium[rows, cols] > sim.CD_SCREENING
    assert 0.25 < contaminated.mean() < 0.6
    # the same spectrum-like surroundings (farmland of one bare-soil share) are clean far from the sources and
    # polluted near them: the centre pixel alone cannot tell
    farmland = (with_site.abundances[..., sim.SOIL] > 0.8) & ~sources.any
    assert (cadmium[farmland & (near < 150)] > sim.CD_SCREENING).mean() > 0.9
    assert (cadmium[farmland & (near > 1500)] > sim.CD_SCREENING).mean() < 0.1


BLOCK_TORCH = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] == 'torch':
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
sys.path.insert(0, {packages!r})
from pccee.algorithms.core import detection, detection_net
from pccee.algorithms.io import detector_file
try:
    detection_net.require_torch()
except detection.DetectionError as error:
    print(error)
"""


def test_the_core_imports_without_pytorch_and_says_what_to_install():
    import subprocess
    import sys
    from conftest import _PACKAGES
    result = subprocess.run([sys.executable, "-c", BLOCK_TORCH.format(packages=_PACKAGES)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "sudo apt install python3-torch" in result.stdout and "pip install torch" in result.stdout
