"""Pollution zoning (PCCEE section 2.6.2): K-means on standardised metal vectors, K chosen by a stated rule (the
elbow of the SSE curve, or the silhouette maximum) with both curves kept to show it, zones ordered and named by
their mean concentration."""
from typing import NamedTuple

import numpy as np

from .linalg import matmul

#: The words zone names are made of; the QGIS algorithm passes them in the user's language.
ZONE_WORDS = {"three": ("low background", "moderate diffusion", "high-risk composite"), "zone": "zone {}",
              "lowest": "{} (lowest)", "highest": "{} (highest)"}


#: How K is chosen from the curves: the elbow of the SSE curve (the default), or the silhouette maximum.
RULES = ("elbow", "silhouette")


class KChoice(NamedTuple):
    """The curves over ks, both criteria, the rule, the K chosen and its centres ordered by their mean (lowest
    first)."""
    ks: np.ndarray
    sse: np.ndarray
    silhouette: np.ndarray
    elbow: int
    best_silhouette: int
    chosen: int
    centres: np.ndarray
    rule: str = "elbow"

    def silhouette_at(self, k):
        return float(self.silhouette[list(self.ks).index(k)])


def elbow(ks, sse):
    """The k farthest below the straight line from the first to the last point of the SSE curve."""
    ks, sse = np.asarray(ks, dtype=float), np.asarray(sse, dtype=float)
    if len(ks) < 3:
        return int(ks[0])
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (sse - sse[-1]) / (sse[0] - sse[-1]) if sse[0] != sse[-1] else np.zeros_like(sse)
    return int(ks[np.argmax((1.0 - x) - y)])


def choose_k(sample, k_min, k_max, seed, silhouette_size=5000, rule="elbow"):
    """Fit K-means once for every k in [k_min, k_max] on the sample and choose K by `rule`: 'elbow', the K
    farthest below the chord of the SSE curve (where one more zone stops paying: Satopaa et al. 2011, Kneedle), or
    'silhouette', its maximum (Rousseeuw 1987), which on smooth concentration fields often lands where the SSE curve
    shows no break.
    Both curves and both answers are returned, so that a report shows the K chosen on both."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    rng = np.random.default_rng(seed)
    subset = sample if len(sample) <= silhouette_size else sample[rng.choice(len(sample), silhouette_size, replace=False)]
    ks = np.arange(k_min, k_max + 1)
    sse, silhouette, centres = [], [], []
    for k in ks:
        model = KMeans(n_clusters=int(k), n_init=10, random_state=seed).fit(sample)
        sse.append(model.inertia_)
        silhouette.append(silhouette_score(subset, model.predict(subset)))
        centres.append(model.cluster_centers_[np.argsort(model.cluster_centers_.mean(axis=1), kind="stable")])
    sse, silhouette = np.array(sse), np.array(silhouette)
    best, knee = int(ks[int(np.argmax(silhouette))]), elbow(ks, sse)
    chosen = best if rule == "silhouette" else knee
    return KChoice(ks, sse, silhouette, knee, best, chosen, centres[list(ks).index(chosen)], rule)


def assign(values, centres):
    """Index of the nearest centre of every row (squared distances by one matrix product)."""
    distances = (centres ** 2).sum(axis=1)[None, :] - 2.0 * matmul(values, centres.T)
    return distances.argmin(axis=1)


def zone_names(k, words=ZONE_WORDS):
    """Names of k zones ordered by mean concentration: the paper's three names for k = 3, otherwise
    numbered with the lowest and highest marked."""
    if k == 3:
        return list(words["three"])
    names = [words["zone"].format(i + 1) for i in range(k)]
    names[0], names[-1] = words["lowest"].format(names[0]), words["highest"].format(names[-1])
    return names


class Standardiser:
    """Optional log transform, then z-scores with the sample's mean and deviation."""

    def __init__(self, sample, log=False):
        self.log = log
        values = self._transform(sample)
        self.mean, self.scale = values.mean(axis=0), values.std(axis=0)

    def _transform(self, values):
        values = np.asarray(values, dtype=np.float64)
        return np.log1p(np.clip(values, 0, None)) if self.log else values

    def __call__(self, values):
        return (self._transform(values) - self.mean) / self.scale


def zone_colours(k):
    """Green (low) to red (high)."""
    ramp = [(26, 152, 80), (145, 207, 96), (254, 224, 139), (252, 141, 89), (215, 48, 39)]
    positions = np.linspace(0, len(ramp) - 1, k)
    return ["#{:02x}{:02x}{:02x}".format(*[int(np.interp(p, range(len(ramp)), [c[i] for c in ramp]))
                                          for i in range(3)]) for p in positions]


def zone_statistics(zones, values, count, sampled, labels, pixel_area, limits=None):
    """Per zone: pixel count and area (scaled from the sample of `sampled` of the `count` valid pixels; pixel_area
    in map units squared), mean and 10th, 50th and 90th percentiles of each metal, and (limits: one threshold per
    metal, NaN for none) the fraction of the zone's pixels above each metal's threshold. zones: 0-based codes."""
    limits = np.full(values.shape[1], np.nan) if limits is None else np.asarray(limits, dtype=float)
    rows = []
    for code, name in enumerate(labels):
        members = values[zones == code]
        pixels = int(round(len(members) * count / sampled))
        metals = [(m.mean(), *np.percentile(m, [10, 50, 90])) if len(m) else (np.nan,) * 4 for m in members.T]
        with np.errstate(invalid="ignore"):
            above = [float(np.mean(m > limit)) if len(m) and np.isfinite(limit) else np.nan
                     for m, limit in zip(members.T, limits)]
        rows.append({"code": code + 1, "name": name, "pixels": pixels, "hectares": pixels * pixel_area / 1e4,
                     "metals": metals, "above": above})
    return rows
