"""Top-K optimisation of PCCEE: keep the candidates closest to the physical prior.

Each candidate endmember is ranked by its smallest spectral angle to the prior library and labelled
with the class of that nearest prior spectrum; the K best are kept, at most one per class unless
allowed, so the library holds K distinct, physically interpretable materials.
"""
import warnings
from typing import NamedTuple

import numpy as np

from .messages import CoreError, QT_TRANSLATE_NOOP
from .spectral_angle import spectral_angles


class TopKError(CoreError):
    """K cannot be met by the candidates or classes at hand."""


class Ranking(NamedTuple):
    """selected: positions of the kept candidates, best first; angle and nearest class per candidate."""
    selected: np.ndarray
    angle: np.ndarray
    nearest_class: list


def _angle_to_class_mean(candidates, prior, prior_classes, nearest_class):
    """Tie-break: the angle of each candidate to the mean spectrum of its nearest class. With an
    image-derived prior many candidates sit at 0 degrees; the one nearest its class's mean is typical."""
    classes = np.asarray(prior_classes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # bands no spectrum of a class covers stay NaN
        means = {c: np.nanmean(prior[classes == c], axis=0) for c in set(prior_classes)}
    return np.array([spectral_angles(candidates[i:i + 1], means[c][None, :])[0, 0]
                     for i, c in enumerate(nearest_class)])


def rank_candidates(candidates, prior, prior_classes, k, one_per_class=True, up_to=False):
    """Rank candidates (n, bands) by their smallest angle to prior (m, bands), to 0.01 degree, then by
    their angle to the mean of that class, and keep k of them; up_to: k at most, fewer when the
    candidates or the classes they match run out, instead of an error."""
    n_candidates = len(candidates)
    if up_to:
        k = min(k, n_candidates, len(set(prior_classes)) if one_per_class else n_candidates)
    if k > n_candidates:
        raise TopKError(QT_TRANSLATE_NOOP(
            "core", "K = {} but there are only {} candidate endmembers."), k, n_candidates)
    angles = spectral_angles(candidates, prior)
    filled = np.where(np.isnan(angles), np.inf, angles)
    nearest = filled.argmin(axis=1)
    angle = filled[np.arange(n_candidates), nearest]
    nearest_class = [prior_classes[i] for i in nearest]
    order = np.lexsort((np.arange(n_candidates), _angle_to_class_mean(candidates, prior, prior_classes, nearest_class),
                        np.round(angle, 2)))
    if not one_per_class:
        return Ranking(order[:k], angle, nearest_class)
    classes = sorted(set(prior_classes))
    if k > len(classes):
        raise TopKError(QT_TRANSLATE_NOOP(
            "core", "K = {} but the prior library has only {} classes ({}); allow several endmembers per class or "
                    "lower K."), k, len(classes), ", ".join(classes))
    kept, taken = [], set()
    for position in order:
        if nearest_class[position] not in taken and np.isfinite(angle[position]):
            kept.append(position)
            taken.add(nearest_class[position])
        if len(kept) == k:
            break
    if len(kept) < k and not up_to:
        raise TopKError(QT_TRANSLATE_NOOP(
            "core", "The candidates match only {} of the {} prior classes ({}); add candidates or lower K."),
            len(taken), len(classes), ", ".join(sorted(taken)))
    return Ranking(np.array(kept, dtype=np.int64), angle, nearest_class)


#: Candidates closer than this (degrees) are taken for one material when purity is measured.
SAME_MATERIAL_ANGLE = 10.0
#: A candidate is pure when at least this share of its reconstruction comes from its own material.
PURE = 0.9
#: A candidate the others rebuild within this angle (degrees) is a mixture of them; one they rebuild this far
#: off or worse lies outside their cone: a vertex, pure whatever its neighbours' shares.
REBUILT_ANGLE = 5.0
#: Among close matches, candidates within this much of the purest compete (on simplex volume).
PURER_BY = 0.1
#: Angles "close" to the best a of a class: within a + max(min(a, CLOSE_DEGREES), CLOSE_FRACTION a). A match's
#: uncertainty is of the order of its own angle: a lab spectrum 4 degrees from its best pixel leaves 2 degrees of
#: play, an image-derived spectrum 0.1 degree from its pixel (the scene's own labelled pixel) leaves none.
CLOSE_DEGREES, CLOSE_FRACTION = 2.0, 0.25
#: A class whose best candidate is farther than this (degrees) is not supported by the candidates.
MAX_ANGLE = 30.0


class Selection(NamedTuple):
    """The collaborative Top-K: selected positions (best matched class first), class of each selected one,
    per candidate its angle to that class (to its nearest class when not selected) and its purity, and the
    prior classes left out with the reason ([(class, reason template, values)]), and per selected one the
    candidates that match its class nearly as well, itself first, then by angle (see supported_refinement)."""
    selected: np.ndarray
    classes: list
    angle: np.ndarray
    nearest_class: list
    purity: np.ndarray
    dropped: list
    alternatives: list


def pool_purity(candidates, same_material_angle=SAME_MATERIAL_ANGLE):
    """How pure each candidate is, judged by the other candidates: the share of its non-negative least-squares
    reconstruction from all the others that comes from candidates of its own material (within
    same_material_angle degrees). A mixed pixel (a river-bank pixel of soil and water) is rebuilt from the
    soil and water candidates, so its share is its soil fraction; a pure pixel is rebuilt from its own
    material, or not at all (a vertex of the candidates' cone: rebuilt REBUILT_ANGLE or more off, purity 1;
    in between, the larger of its share and the fraction of REBUILT_ANGLE its reconstruction is off).

    Parameters: candidates (n, bands), distinct pixels. Returns (n,) purity in [0, 1].
    """
    from scipy.optimize import nnls
    candidates = np.asarray(candidates, dtype=float)
    n = len(candidates)
    purity = np.ones(n)
    if n < 2:
        return purity
    angles = spectral_angles(candidates, candidates)
    for i in range(n):
        others = np.flatnonzero(np.arange(n) != i)
        weights, _ = nnls(candidates[others].T, candidates[i])
        total = weights.sum()
        if total > 0:
            share = weights[angles[i, others] <= same_material_angle].sum() / total
            rebuilt = spectral_angles(candidates[i:i + 1], (weights @ candidates[others])[None, :])[0, 0]
            purity[i] = max(share, min(1.0, rebuilt / REBUILT_ANGLE))
    return purity


def class_angles(candidates, prior, prior_classes):
    """(sorted class names, (n, n_classes) smallest angle of each candidate to each class; inf where none)."""
    angles = spectral_angles(candidates, prior)
    angles = np.where(np.isnan(angles), np.inf, angles)
    names = sorted(set(prior_classes))
    labels = np.asarray(prior_classes)
    return names, np.stack([angles[:, labels == name].min(axis=1) for name in names], axis=1)


def simplex_log_volume(spectra):
    """Log volume of the simplex whose vertices are the spectra (k, bands), each scaled to sum 1 (brightness
    removed: a mixture is then exactly a convex combination of its endmembers); -inf when degenerate."""
    points = np.asarray(spectra, dtype=float)
    points = points / np.abs(points).sum(axis=1, keepdims=True)
    if len(points) < 2:
        return 0.0
    edges = (points[1:] - points[0]).T
    sign, log_det = np.linalg.slogdet(edges.T @ edges)
    return 0.5 * log_det if sign > 0 else -np.inf


def select_collaborative(candidates, prior, prior_classes, k, purity=None, max_angle=MAX_ANGLE):
    """The purity-aware Top-K: one pure candidate per prior class, the classes assigned jointly.

    1. Every candidate gets its angle to every class (smallest over the class's spectra) and its purity
       (pool_purity, unless given).
    2. Classes are assigned to candidates jointly (Hungarian algorithm, least total angle), pure candidates
       before impure ones, so a class is not left empty because its best candidate lies nearer another class
       (dark water next to a partial-range mineral spectrum). A class whose assigned angle exceeds max_angle,
       or that finds no candidate, is dropped with the reason; K keeps the classes matched best.
    3. Within each kept class, the candidates whose angle is close to the assigned one (see CLOSE_DEGREES)
       and whose purity is within PURER_BY of the purest of them compete: among nearly equal
       matches the purer wins (the pure soil pixel rather than the soil-water mixture), and among equally pure
       ones the set of largest simplex volume (N-FINDR's criterion, Winter 1999): the vertex, not a pixel
       on the way to another material (a soil pixel rather than a soil-road mixture the candidates cannot
       tell apart by purity).

    Parameters: candidates (n, bands); prior (m, bands), NaN where a spectrum has no value; prior_classes (m,);
    k; purity (n,) or None. Returns Selection.
    """
    from scipy.optimize import linear_sum_assignment
    candidates = np.asarray(candidates, dtype=float)
    n = len(candidates)
    names, angles = class_angles(candidates, prior, prior_classes)
    purity = pool_purity(candidates) if purity is None else np.asarray(purity, dtype=float)
    nearest = [names[i] for i in angles.argmin(axis=1)] if n else []
    dropped = []
    pure = purity >= PURE
    cost = np.where(np.isfinite(angles), angles + np.where(pure, 0.0, 1000.0)[:, None], 1e9)
    rows, cols = linear_sum_assignment(cost.T) if n else (np.empty(0, int), np.empty(0, int))
    assigned = dict(zip(rows.tolist(), cols.tolist()))
    kept = []
    for index, name in enumerate(names):
        if index not in assigned:
            dropped.append((name, QT_TRANSLATE_NOOP("core", "the {} candidates are all taken by classes they match "
                                                            "better"), (n,)))
            continue
        angle = angles[assigned[index], index]
        if not np.isfinite(angle) or angle > max_angle:
            best = np.min(angles[:, index]) if n else np.inf
            dropped.append((name, QT_TRANSLATE_NOOP("core", "no candidate lies within {:g} degrees of its spectra "
                                                            "(the nearest: {:.1f} degrees)"), (max_angle, best)))
            continue
        kept.append((angle + (0.0 if pure[assigned[index]] else 1000.0), name, assigned[index]))
    kept.sort()
    for _, name, _ in kept[k:]:
        dropped.append((name, QT_TRANSLATE_NOOP("core", "K = {} keeps the classes matched best"), (k,)))
    kept = kept[:k]
    order = [name for _, name, _ in kept]
    chosen = [first for _, _, first in kept]
    tiers, closes = [], []
    for _, name, first in kept:
        column = names.index(name)
        best = angles[first, column]
        limit = best + max(min(best, CLOSE_DEGREES), CLOSE_FRACTION * best)
        close = [j for j in range(n) if angles[j, column] <= limit and (j == first or j not in chosen)]
        purest = max(purity[j] for j in close)
        tiers.append([j for j in close if purity[j] >= purest - PURER_BY])
        closes.append(sorted(close, key=lambda j: angles[j, column]))
    for _ in range(10):  # N-FINDR's replacement sweeps, each slot within its purest tier
        changed = False
        for slot, tier in enumerate(tiers):
            others = chosen[:slot] + chosen[slot + 1:]
            volumes = [simplex_log_volume(candidates[[j] + others]) if j not in others else -np.inf for j in tier]
            best = tier[int(np.argmax(volumes))]
            if best != chosen[slot] and (chosen[slot] not in tier or max(volumes) >
                                         simplex_log_volume(candidates[[chosen[slot]] + others]) + 1e-9):
                chosen[slot], changed = best, True
        if not changed:
            break
    selected = np.array(chosen, dtype=np.int64)
    angle = angles[np.arange(n), angles.argmin(axis=1)] if n else np.empty(0)
    for name, position in zip(order, selected):
        angle[position] = angles[position, names.index(name)]
        nearest[position] = name
    alternatives = [[own] + [j for j in close if j not in chosen] for own, close in zip(chosen, closes)]
    return Selection(selected, order, angle, nearest, purity, dropped, alternatives)


#: A pixel is a pure pixel of an endmember when its fully constrained abundance of it is at least this.
PURE_PIXEL = 0.8
#: Pure pixels whose spread the endmembers' mixing explains for at least this share (mixing_share) lie on a mixing
#: line, not around a typical spectrum: their median would be a mixture. Measured: at most 0.69 on Jasper Ridge (every
#: step), 0.85-0.97 for the simulated scene's urban, water and vegetation pixels.
MIXING_LINE = 0.75


class Refinement(NamedTuple):
    """spectra (k, bands); pure pixel count per endmember in the last step (k,); iterations; mixing (k,): True where
    the endmember kept its spectrum because its pure pixels lie on a mixing line."""
    spectra: np.ndarray
    counts: np.ndarray
    iterations: int
    mixing: np.ndarray


def mixing_share(pixels, abundances, endmembers):
    """The share of the spread of pixels (n, bands) about their mean that their reconstruction abundances (n, k) @
    endmembers (k, bands) explains: 1 - sum |x - a E|^2 / sum |x - mean x|^2 (1 when they do not spread)."""
    spread = np.sum((pixels - pixels.mean(axis=0)) ** 2)
    if not spread > 0:
        return 1.0
    return 1.0 - np.sum((pixels - abundances @ endmembers) ** 2) / spread


def refine_endmembers(endmembers, pixels, threshold=PURE_PIXEL, max_iterations=20, tolerance=0.01, min_pixels=3,
                      mixing_limit=MIXING_LINE):
    """Each endmember replaced by the typical spectrum of its pure pixels: the band-wise median of the pixels
    whose fully constrained (FCLS) abundance of it is at least `threshold`, the pixels unmixed again with
    the new endmembers until none moves by more than `tolerance` degrees. PPI and VCA pick extreme pixels,
    often the brightest or noisiest of a material; the median of its pure pixels is the material as the
    scene holds it (how reference endmembers such as Zhu's for Jasper Ridge are labelled).

    Only where the pure pixels spread by the material's own variability: pure pixels spread by within-class
    variability (illumination, moisture, condition), which the other endmembers do not explain, or by mixing, which
    they do (Somers et al. 2011). A material with few or no pure pixels (a town of roofs among gardens, a narrow
    river) has an 'abundance >= threshold' set that is a mixing line towards its neighbours: its median is a
    mixture, and iterating walks it down the line (on the simulated scene urban drifted 10-15 degrees towards soil
    and tailings, and the metal inversion lost 0.15 CV R2). So an endmember whose pure pixels' spread the FCLS
    reconstruction explains for at least `mixing_limit` (mixing_share) keeps its spectrum from that step on; the
    rule is checked at every step, so a refinement that drifts onto a mixing line stops there.

    Parameters: endmembers (k, bands); pixels (n, bands), a sample of the scene. Returns Refinement. An endmember
    with fewer than min_pixels pure pixels keeps its spectrum. Reference: Somers, Asner, Tits and Coppin (2011),
    Endmember variability in spectral mixture analysis: a review, Remote Sensing of Environment 115, 1603-1616.
    """
    from .unmixing import LinearUnmixer
    pixels = np.asarray(pixels, dtype=np.float64)
    refined = np.array(endmembers, dtype=np.float64)
    counts = np.zeros(len(refined), dtype=np.int64)
    mixing = np.zeros(len(refined), dtype=bool)
    iteration = 0
    for iteration in range(1, max_iterations + 1):
        abundances = LinearUnmixer(refined, "fcls").abundances(pixels)
        moved = refined.copy()
        for index in range(len(refined)):
            pure = abundances[:, index] >= threshold
            counts[index] = int(pure.sum())
            if mixing[index] or counts[index] < min_pixels:
                continue
            if mixing_share(pixels[pure], abundances[pure], refined) >= mixing_limit:
                mixing[index] = True
                continue
            moved[index] = np.median(pixels[pure], axis=0)
        shift = np.nanmax(np.diag(spectral_angles(moved, refined)))
        refined = moved
        if not shift > tolerance:
            break
    return Refinement(refined, counts, iteration, mixing)


#: A refined endmember with fewer pure pixels than this share of the sample represents no part of the scene.
MIN_PURE_SHARE = 0.001


def supported_refinement(candidates, alternatives, pixels, min_share=MIN_PURE_SHARE):
    """(positions kept, one per slot; their Refinement): refine_endmembers of the selection, where an endmember left
    with (almost) no pure pixels is replaced by the next match of its class and the set refined again.

    An endmember with no pure pixels in the scene is an isolated extreme (a few saturated or unusual pixels), or
    its pure pixels went to a neighbour: on Jasper Ridge a rare bright soil pixel kept 1 pure pixel of 10,000 while
    the urban endmember drifted onto the soil and left the road 8 degrees off. A physically meaningful endmember
    stands for pure pixels of the scene, so such a slot takes the next candidate of its class (alternatives, nearest
    first) whose refined set gives it at least min_share of the sample as pure pixels and leaves fewer endmembers
    without them; when none does, the slot keeps its candidate.

    Parameters: candidates (n, bands); alternatives, per slot the candidate positions of its class, the selected
    one first (Selection.alternatives); pixels (m, bands), a sample of the scene.
    """
    candidates = np.asarray(candidates, dtype=np.float64)
    least = min_share * len(pixels)
    positions = [options[0] for options in alternatives]
    refinement = refine_endmembers(candidates[positions], pixels)
    for slot, options in enumerate(alternatives):
        if refinement.counts[slot] >= least:
            continue
        for option in options[1:]:
            if option in positions:
                continue
            trial = positions[:slot] + [option] + positions[slot + 1:]
            tried = refine_endmembers(candidates[trial], pixels)
            if tried.counts[slot] >= least and (tried.counts < least).sum() < (refinement.counts < least).sum():
                positions, refinement = trial, tried
                break
    return positions, refinement
