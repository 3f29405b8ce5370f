"""Pollution-source detection timed without QGIS, on the CPU and on a CUDA GPU: the script to run on a GPU machine.

    python3 bench/bench_detection_core.py                  # 300 and 1000 pixels a side, every device PyTorch sees
    python3 bench/bench_detection_core.py --sizes 300 --devices cpu --epochs 5 --folds 2    # a quick look

Needs Python 3 with NumPy, SciPy and PyTorch (scikit-learn for the centre-pixel forest, skipped without it); no
QGIS, no GDAL. The simulated scene with pollution sources is built in memory by the plugin's core (the same one
`pccee:createsamplescene DETECTION_SAMPLES=...` writes), then the steps of `pccee:trainsourcedetector` and
`pccee:detectsources` run on it with the same settings as the algorithms' defaults: spectral transform, patches,
spatially blocked cross-validation, the final training, the probability map and the occlusion sensitivity.
Each step's seconds, the AUCs and the sensitivity ratio (over the true sources / over the rest) go to the
standard output and to bench_output/detection_core.md (or --out).
"""
import argparse
import os
import time

import numpy as np

from core_bench import ROOT, import_plugin, simulated_materials

PIXEL_M = 30.0


def import_core():
    import_plugin()
    from pccee.algorithms.core import detection, detection_net, scene_simulation
    return detection, detection_net, scene_simulation


def simulated_scene(sim, size, samples, seed=2024):
    """(cube (size, size, 330) float32, sample rows, cols, labels, regions, source mask), as createsamplescene."""
    rng = np.random.default_rng(seed)
    landscape = sim.simulate_landscape(size, rng)
    sim.simulate_concentrations(landscape, rng)
    sim.design_samples(landscape, 53, rng)
    centres, _, endmembers = simulated_materials(sim)
    outliers = sim.plant_outliers(landscape, 5, centres.size, rng)
    sigma = sim.noise_sigma(landscape.abundances, endmembers, 150.0, centres)
    landscape, sources = sim.add_industrial_site(landscape, seed, PIXEL_M)
    cadmium = sim.source_cadmium(sources, seed).astype(np.float32)
    cube = sim.render_window(landscape.abundances, endmembers, sigma, seed, 0, 0, outliers)
    rows, cols, regions = sim.design_detection_samples(landscape, sources, samples, seed)
    labels = (cadmium[rows, cols] > sim.CD_SCREENING).astype(np.int64)
    return cube, rows, cols, labels, np.array(sim.SOURCES)[regions], sources.any


def run(size, samples, device, args, detection, net, sim):
    timings, started = {}, time.perf_counter()

    def lap(name):
        nonlocal started
        timings[name] = time.perf_counter() - started
        started = time.perf_counter()

    cube, rows, cols, labels, regions, sources = simulated_scene(sim, size, samples)
    lap("simulate the scene (not timed in the plugin's runs)")
    patch, m = args.patch, args.patch // 2
    windows = detection.region_around(rows, cols, m, size, size)
    rng = np.random.default_rng(0)
    per_patch = max(1, 50000 // len(rows))
    blocks = []
    for (x, y, w, h), _ in windows:
        pixels = cube[y:y + h, x:x + w].reshape(-1, cube.shape[2])
        blocks.append(pixels[rng.choice(len(pixels), min(per_patch, len(pixels)), replace=False)])
    transform = detection.InputTransform(args.components).fit(blocks)
    patches = np.zeros((len(rows), transform.n_channels, patch, patch), dtype=np.float32)
    for index, ((x, y, w, h), (top, left)) in enumerate(windows):
        values = transform.transform(cube[y:y + h, x:x + w].reshape(-1, cube.shape[2])).reshape(h, w, -1)
        patches[index, :, top:top + h, left:left + w] = values.transpose(2, 0, 1)
    config = detection.NetworkConfig(transform.n_channels, patch)
    lap("spectral transform and patches")
    folds = detection.spatial_folds(rows, cols, labels, args.folds, patch, 3 * patch, 0)
    cnn, baseline = np.zeros(labels.size), np.full(labels.size, np.nan)
    for fold in folds:
        network, _ = net.train_network(config, patches[fold.train], labels[fold.train], args.epochs, 0, device)
        cnn[fold.test] = net.predict(network, patches[fold.test], device)
    lap("cross-validation: {} folds x {} epochs".format(args.folds, args.epochs))
    try:
        from sklearn.ensemble import RandomForestClassifier
        for fold in folds:
            forest = RandomForestClassifier(200, random_state=0, n_jobs=-1).fit(patches[fold.train][:, :, m, m],
                                                                                 labels[fold.train])
            baseline[fold.test] = forest.predict_proba(patches[fold.test][:, :, m, m])[:, 1]
    except ImportError:
        pass
    lap("centre-pixel forest on the same folds")
    network, _ = net.train_network(config, patches, labels, args.epochs, 0, device)
    lap("final training, all samples")
    window = args.window or max(1, patch // 4)
    halo = 2 * m + window
    inputs = np.zeros((transform.n_channels, size + 2 * halo, size + 2 * halo), dtype=np.float32)
    inputs[:, halo:halo + size, halo:halo + size] = transform.transform(
        cube.reshape(-1, cube.shape[2])).reshape(size, size, -1).transpose(2, 0, 1)
    del cube
    lap("spectral transform of the scene")
    logits = net.logit_map(network, inputs, device)
    probability = net.sigmoid(logits[halo - m:halo - m + size, halo - m:halo - m + size])
    lap("probability map (the network slid over every pixel)")
    counted = np.zeros(logits.shape, dtype=bool)
    counted[halo - m:halo - m + size, halo - m:halo - m + size] = True
    cells = detection.occluder_grid(0, size, window)
    spans = [(detection.occluded_span(ky, window, window)[0] + halo, detection.occluded_span(ky, window, window)[1]
              + halo, detection.occluded_span(kx, window, window)[0] + halo,
              detection.occluded_span(kx, window, window)[1] + halo) for ky in cells for kx in cells]
    fill = patches[labels == 0][:, :, m, m].mean(axis=0)
    drops = net.occlusion_drops(network, inputs, logits, counted, spans, fill, device=device,
                                batch_size=args.batch).reshape(len(cells), len(cells))
    lap("occlusion sensitivity: {} windows of {} x {}".format(len(spans), window, window))
    index = np.arange(size) // window
    sensitivity = drops[index[:, None], index[None, :]]
    ratio = sensitivity[sources].mean() / sensitivity[~sources].mean()
    return timings, {"AUC SI-LICNet": detection.auc(labels, cnn), "AUC centre-pixel forest": detection.auc(
        labels, baseline), "sensitivity over sources / elsewhere": ratio,
        "probability at contaminated / clean samples": "{:.2f} / {:.2f}".format(
            probability[rows, cols][labels == 1].mean(), probability[rows, cols][labels == 0].mean())}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1000")
    parser.add_argument("--devices", default="", help="cpu, cuda or both (default: cpu, and cuda when present)")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--patch", type=int, default=33)
    parser.add_argument("--components", type=int, default=8)
    parser.add_argument("--window", type=int, default=0)
    parser.add_argument("--batch", type=int, default=16, help="occluding windows per network run")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench_output"))
    args = parser.parse_args()
    detection, net, sim = import_core()
    torch = net.require_torch()
    devices = args.devices.split(",") if args.devices else ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    gpu = ", GPU " + torch.cuda.get_device_name(0) if torch.cuda.is_available() else ""
    lines = ["Pollution-source detection without QGIS: PyTorch {}, {} CPU threads{}; patch {}, {} epochs, {} "
             "folds".format(torch.__version__, torch.get_num_threads(), gpu, args.patch, args.epochs, args.folds), ""]
    for size in (int(s) for s in args.sizes.split(",")):
        samples = 400 if size <= 300 else 1000
        for device in devices:
            timings, results = run(size, samples, net.device_for(device), args, detection, net, sim)
            lines += ["### {0} x {0} pixels, {1} samples, {2}".format(size, samples, device), "",
                      "| step | seconds |", "| --- | --- |"]
            lines += ["| {} | {:.1f} |".format(step, seconds) for step, seconds in timings.items()]
            lines += [""] + ["- {}: {}".format(k, "{:.3f}".format(v) if isinstance(v, float) else v)
                             for k, v in results.items()] + [""]
            print("\n".join(lines[-len(timings) - len(results) - 6:]), flush=True)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "detection_core.md"), "w") as stream:
        stream.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
