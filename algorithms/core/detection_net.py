"""SI-LICNet as this plugin builds it: a lightweight CNN that classifies the patch around a soil sample as
contaminated or not, keeping the large-scale spatial context (after SI-LICNet, the explainable lightweight image
classification network that found Cd pollution sources in six regions of Dongguan). PyTorch is imported inside
the functions, so the core imports without it.

The network (see detection.NetworkConfig for its sizes):
- a stem of valid convolutions (3 x 3, 3 x 3, 1 x 1; ReLU): local spectral-spatial features, each of 5 x 5 pixels;
- a centred pyramid: each feature averaged over nested squares centred on the sample (the centre, 3, 5, 9, 17
  ... pixels, the whole patch), which keeps what lies around the sample AND how far from it, so the prediction's
  receptive field is the whole patch;
- a small perceptron (one hidden layer, dropout) to the logit of 'contaminated'.
Every layer is translation-equivariant until the pooling, so the network slides over a scene exactly: the map's
value at a pixel is the network applied to the patch centred there, computed for a whole block at once.
"""
import numpy as np

from .detection import STEM_MARGIN, DetectionError, auc
from .messages import QT_TRANSLATE_NOOP

_CLASS = []


def require_torch():
    """The torch module; a DetectionError that says what to install when it is missing."""
    try:
        import torch
    except ImportError:
        raise DetectionError(QT_TRANSLATE_NOOP(
            "core", "PyTorch is not installed: on Debian or Ubuntu, sudo apt install python3-torch; elsewhere, pip "
                    "install torch into the Python that QGIS uses."))
    return torch


def device_for(name):
    """A torch device for 'auto' (CUDA when PyTorch sees a GPU), 'cpu' or 'cuda' (refused without one)."""
    torch = require_torch()
    if name == "cuda" and not torch.cuda.is_available():
        raise DetectionError(QT_TRANSLATE_NOOP(
            "core", "PyTorch sees no CUDA GPU here (PyTorch {} {}): choose the CPU, or install a CUDA build of "
                    "PyTorch for this GPU."), torch.__version__, "built with CUDA" if torch.version.cuda else
            "built without CUDA")
    if name == "cpu" or (name == "auto" and not torch.cuda.is_available()):
        return torch.device("cpu")
    return torch.device("cuda")


def _network_class():
    if _CLASS:
        return _CLASS[0]
    torch = require_torch()
    from torch import nn
    from torch.nn import functional

    class SiLicNet(nn.Module):
        """See the module's docstring; forward() takes patches (n, channels, patch, patch), dense() a region."""

        def __init__(self, config):
            super().__init__()
            self.config = config
            width = config.width
            self.stem = nn.Sequential(nn.Conv2d(config.channels, width, 3), nn.ReLU(), nn.Conv2d(width, width, 3),
                                      nn.ReLU(), nn.Conv2d(width, width, 1), nn.ReLU())
            self.head = nn.Sequential(nn.Linear(width * len(config.half_widths), config.hidden), nn.ReLU(),
                                      nn.Dropout(0.2), nn.Linear(config.hidden, 1))

        def pyramid(self, features):
            """(n, width, s + f - 1, s + f - 1) features -> (n, s, s, width x scales): at each of the s x s
            centres, the mean of every feature over each centred square. One patch (s = 1, training): plain means
            of the squares; a region: box sums from an integral image (in float64), a few operations per centre
            whatever the square's size."""
            whole = self.config.half_widths[-1]
            rows, cols = features.shape[2] - 2 * whole, features.shape[3] - 2 * whole
            if rows == 1 and cols == 1:
                means = [features[:, :, whole - half:whole + half + 1, whole - half:whole + half + 1].mean(dim=(2, 3))
                         for half in self.config.half_widths]
                return torch.stack(means, dim=2).flatten(1)[:, None, None, :]
            integral = functional.pad(features.double().cumsum(2).cumsum(3), (1, 0, 1, 0))
            means = []
            for half in self.config.half_widths:
                side, top = 2 * half + 1, whole - half
                low, high = slice(top, top + rows), slice(top + side, top + side + rows)
                left, right = slice(top, top + cols), slice(top + side, top + side + cols)
                total = integral[:, :, high, right] - integral[:, :, low, right] - integral[:, :, high, left] + \
                    integral[:, :, low, left]
                means.append((total / (side * side)).float())
            return torch.stack(means, dim=2).flatten(1, 2).permute(0, 2, 3, 1)

        def dense(self, region):
            """Logits (n, h, w) of the patches centred on every pixel of a region (n, channels, h + patch - 1,
            w + patch - 1)."""
            return self.head(self.pyramid(self.stem(region))).squeeze(-1)

        def forward(self, patches):
            return self.dense(patches).reshape(-1)

    _CLASS.append(SiLicNet)
    return SiLicNet


def build_network(config, weights=None, device="cpu"):
    """A SiLicNet for config (detection.NetworkConfig), with weights ({name: array}, checked) if given."""
    torch = require_torch()
    network = _network_class()(config)
    if weights is not None:
        network.load_state_dict({name: torch.from_numpy(np.asarray(value, dtype=np.float32))
                                 for name, value in weights.items()}, strict=True)
    return network.to(device)


def weights_of(network):
    """{name: float32 array} of a network's parameters (what the model file stores)."""
    return {name: value.detach().cpu().numpy().astype(np.float32) for name, value in network.state_dict().items()}


def dihedral(batch, k):
    """One of the 8 rotations and reflections of square patches (n, c, p, p): soil pollution has no preferred
    direction, so each is as likely as the patch as seen."""
    torch = require_torch()
    batch = torch.rot90(batch, k % 4, dims=(2, 3))
    return torch.flip(batch, dims=(3,)) if k >= 4 else batch


class History(dict):
    """Per epoch: 'loss' (mean training loss) and, with validation patches, 'validation_auc'."""


def train_network(config, patches, labels, epochs, seed, device="cpu", batch_size=32, learning_rate=3e-3,
                  weight_decay=1e-4, validation=None, progress=None, canceled=None):
    """Train a SiLicNet on patches (n, channels, patch, patch) float32 and labels (n,) 0/1: Adam on the binary
    cross-entropy weighted for class balance, cosine-decayed learning rate, each patch in a random one of its
    8 rotations and reflections at each epoch. Deterministic on the CPU for a seed (the global PyTorch random
    state is left as it was). validation: (patches, labels) scored after each epoch (never used to choose
    anything). Returns (network in eval mode, History)."""
    torch = require_torch()
    labels = np.asarray(labels, dtype=np.float32)
    positives = float(labels.sum())
    if positives in (0.0, float(labels.size)):
        raise DetectionError(QT_TRANSLATE_NOOP("core", "The training samples are all of one class."))
    rng = np.random.default_rng(seed)
    history = History(loss=[], validation_auc=[])
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        network = build_network(config, device=device)
        optimiser = torch.optim.Adam(network.parameters(), lr=learning_rate, weight_decay=weight_decay)
        loss_function = torch.nn.BCEWithLogitsLoss(
            pos_weight=torch.tensor((labels.size - positives) / positives, device=device))
        data = torch.from_numpy(np.ascontiguousarray(patches, dtype=np.float32))
        target = torch.from_numpy(labels)
        for epoch in range(epochs):
            for group in optimiser.param_groups:
                group["lr"] = learning_rate * 0.5 * (1.0 + np.cos(np.pi * epoch / max(epochs, 1)))
            network.train()
            order, turns = rng.permutation(labels.size), rng.integers(0, 8, labels.size)
            total = 0.0
            for start in range(0, labels.size, batch_size):
                if canceled is not None and canceled():
                    return network.eval(), history
                chosen = order[start:start + batch_size]
                x = data[chosen].to(device)
                for k in range(1, 8):
                    selected = np.flatnonzero(turns[chosen] == k)
                    if selected.size:
                        x[selected] = dihedral(x[selected], k)
                loss = loss_function(network(x), target[chosen].to(device))
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                total += float(loss) * chosen.size
            history["loss"].append(total / labels.size)
            if validation is not None and len(validation[1]):
                history["validation_auc"].append(auc(validation[1], predict(network, validation[0], device)))
            if progress is not None:
                progress((epoch + 1) / epochs)
    return network.eval(), history


def predict(network, patches, device="cpu", batch_size=256):
    """Probabilities (n,) of contamination for patches (n, channels, patch, patch)."""
    torch = require_torch()
    network.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(patches), batch_size):
            x = torch.from_numpy(np.ascontiguousarray(patches[start:start + batch_size], dtype=np.float32))
            out.append(torch.sigmoid(network(x.to(device))).cpu().numpy())
    return np.concatenate(out) if out else np.empty(0, dtype=np.float32)


def logit_map(network, region, device="cpu", tile=128):
    """Logits (h, w) of the patches centred on each pixel of a region (channels, h + patch - 1, w + patch - 1),
    computed by tiles of tile x tile centres (bounded memory)."""
    torch = require_torch()
    margin = network.config.patch - 1
    height, width = region.shape[1] - margin, region.shape[2] - margin
    result = np.empty((height, width), dtype=np.float32)
    network.eval()
    with torch.no_grad():
        for top in range(0, height, tile):
            for left in range(0, width, tile):
                rows, cols = min(tile, height - top), min(tile, width - left)
                part = np.ascontiguousarray(region[None, :, top:top + rows + margin, left:left + cols + margin])
                result[top:top + rows, left:left + cols] = network.dense(torch.from_numpy(part).to(device))[0].cpu()
    return result


def sigmoid(logits):
    """Probabilities from logits, as float32."""
    return (1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64)))).astype(np.float32)


#: What occlusion measures: the drop of the probability, or of the log-odds (which do not saturate inside large
#: sources, where the probability stays at 1 whatever one masks).
MEASURES = {"probability": sigmoid, "log-odds": lambda logits: np.asarray(logits, dtype=np.float32)}


def occlusion_drops(network, region, baseline, counted, spans, fill=None, measure="probability", device="cpu",
                    batch_size=16, canceled=None):
    """Occlusion sensitivity (Zeiler and Fergus 2014) over a scene: for each occluding window, the mean drop of
    the prediction (`measure`: 'probability' or 'log-odds') of the patches centred AROUND it when its pixels are
    masked. Patches centred inside the window are left out: the map then shows what an area does to the land
    around it, which is what a pollution source does, not how its own pixels look.

    region: (channels, H, W) inputs; baseline: logit_map of the region, (H - patch + 1, W - patch + 1), the
    patches centred on region[:, m:-m, m:-m] (m = (patch - 1) / 2); counted: the same shape, True where a centre
    counts (on the scene, valid); spans: (top, bottom, left, right) of each window in region pixels, each at
    least 2 m from the region's edges; fill: the channels the masked pixels take (default 0, the mean; the plugin
    gives the mean of the uncontaminated samples: 'as if clean land were there').
    Returns (len(spans),) mean drops (NaN where no counted centre is touched)."""
    torch = require_torch()
    score = MEASURES[measure]
    baseline = score(baseline)
    m, r = (network.config.patch - 1) // 2, STEM_MARGIN
    fill = np.zeros(region.shape[0], np.float32) if fill is None else np.asarray(fill, dtype=np.float32)
    drops = np.full(len(spans), np.nan)
    groups = {}
    for index, (top, bottom, left, right) in enumerate(spans):
        groups.setdefault((bottom - top, right - left), []).append(index)
    network.eval()
    with torch.no_grad():
        # The stem's features of the whole region, once: masking a window changes only those within the stem's
        # margin of it, so each window recomputes those alone (feature row i is the stem over region rows i..i+2r).
        features = network.stem(torch.from_numpy(np.ascontiguousarray(region[None])).to(device))[0]
        for (rows, cols), members in groups.items():
            for start in range(0, len(members), batch_size):
                if canceled is not None and canceled():
                    return drops
                chosen = [spans[i] for i in members[start:start + batch_size]]
                local = np.stack([region[:, top - 2 * r:bottom + 2 * r, left - 2 * r:right + 2 * r]
                                  for top, bottom, left, right in chosen])
                local[:, :, 2 * r:2 * r + rows, 2 * r:2 * r + cols] = fill[None, :, None, None]
                changed = network.stem(torch.from_numpy(local).to(device))
                reach = 2 * m - 2 * r  # the features the affected centres pool, beyond the window
                batch = torch.stack([features[:, top - 2 * m:bottom + reach, left - 2 * m:right + reach]
                                     for top, bottom, left, right in chosen])
                batch[:, :, reach:2 * m + rows, reach:2 * m + cols] = changed
                masked = score(network.head(network.pyramid(batch)).squeeze(-1).cpu().numpy())
                for slot, (top, bottom, left, right) in enumerate(chosen):
                    # the centres top - m .. bottom + m - 1 (region rows) are baseline rows top - 2m .. bottom - 1
                    window = (slice(top - 2 * m, bottom), slice(left - 2 * m, right))
                    keep = counted[window].copy()
                    keep[m:m + rows, m:m + cols] = False
                    if keep.any():
                        drops[members[start + slot]] = float(np.mean((baseline[window] - masked[slot])[keep]))
    return drops
