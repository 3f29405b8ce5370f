"""A simulated GaoFen-5 AHSI mining-area scene whose truth is known: abundances, spectra, metals.

The paper's GF-5 scene and its 53 soil samples are not public, so every accuracy test and the demo
run on this scene instead. Everything is drawn from one seed; the spectra are real (USGS splib07 and
earthlib, resources/spectra), the landscape and the metal model are documented assumptions:

- Landscape: a meandering river (turbid water), three tailings ponds around a mine, a town, forested
  hills and farmland parcels (crops or bare red soil). Land-cover fractions are blurred by the sensor's
  point spread (sigma 0.8 px), so boundaries are mixed and patch interiors stay pure. Around the ponds,
  wind-blown tailings add a sub-pixel tailings fraction 0.35 exp(-d / L), L = size / 10 pixels.
- Spectra: linear mixture of the five materials, resampled to the 330 AHSI bands by their Gaussian
  response; Gaussian noise with sigma_b = mean_b / SNR per band, ten times larger inside the
  water-vapour windows, where real L2 reflectance is unreliable.
- Metals: log C_m = mu_m + sigma_m (rho_m S_m + sqrt(1 - rho_m^2) E_m). S_m is a standardised
  mix of four abundance drivers: log(tailings + 0.01), which falls with the distance to the ponds
  (mining: Pb, Cd, Hg, As, Cu, Zn), the bare-soil fraction (geogenic: Cr, Ni), log(urban + 0.02)
  and vegetation, weighted per metal (METAL_MODEL); rho_m = 0.96 (Pb: 0.70, weakly tied to the
  spectra as in the paper). E_m are smooth random fields correlated like the log-concentrations of the Swiss Jura
  survey (Atteia et al. 1994). sigma_m are Jura log standard deviations (Hg and As assumed); mu_m puts
  the scene's 99.9th percentile at the paper's maxima (Pb 65.8, Cd 2.45, As 66.09 mg/kg) or at typical
  Hunan mining-soil maxima for the other metals.
"""
from typing import NamedTuple

import numpy as np
from scipy import ndimage

from .linalg import matmul
from .resample import resample_gaussian
from .wavelengths import water_vapour_bands

MATERIALS = ("vegetation", "urban", "soil", "tailings", "water")
VEGETATION, URBAN, SOIL, TAILINGS, WATER = range(5)
METALS = ("Pb", "Cd", "Cr", "Hg", "As", "Cu", "Zn", "Ni")
#: Reflectance is stored as int16 x 10000, the usual L2 product convention.
REFLECTANCE_SCALE = 10000.0
#: Noise is drawn per tile of this edge, so the same seed gives the same scene whatever the blocks.
NOISE_TILE = 256
PSF_SIGMA = 0.8
HALO_PEAK = 0.35

# Per metal: log standard deviation, 99.9th percentile (mg/kg), weights of the standardised drivers
# (mining = log(tailings + 0.01), bare soil, urban = log(urban + 0.02), vegetation), and rho.
METAL_MODEL = {
    "Pb": (0.44, 65.8, (1.0, 0.0, 0.5, 0.0), 0.70),   # Jura sigma; paper max; weakly spectral, traffic
    "Cd": (0.67, 2.45, (1.0, 0.6, 0.0, 0.0), 0.96),   # Jura sigma; paper max; mining and farmland soil
    "Cr": (0.34, 120.0, (0.2, 1.0, 0.0, 0.0), 0.96),  # Jura sigma; geogenic (parent material)
    "Hg": (0.80, 1.2, (1.0, 0.0, 0.0, -0.5), 0.96),   # assumed: the most skewed metal around Sb mines
    "As": (0.60, 66.09, (1.0, 0.3, 0.0, -0.3), 0.96), # assumed sigma; paper max
    "Cu": (0.73, 90.0, (0.8, 0.4, 0.4, 0.0), 0.96),   # Jura sigma; mining and urban
    "Zn": (0.39, 300.0, (1.0, 0.3, 0.0, 0.0), 0.96),  # Jura sigma
    "Ni": (0.50, 60.0, (0.0, 1.0, 0.0, 0.5), 0.96),   # Jura sigma; geogenic
}
# Correlation of the residual fields: log-concentrations of the Jura survey (Cd, Cu, Pb, Cr, Ni, Zn,
# measured here from ../shared/data/points/jura); Hg follows Cd and As follows Cu (assumed).
_JURA = {("Cd", "Cu"): 0.22, ("Cd", "Pb"): 0.34, ("Cd", "Cr"): 0.61, ("Cd", "Ni"): 0.65, ("Cd", "Zn"): 0.69,
         ("Cu", "Pb"): 0.74, ("Cu", "Cr"): 0.28, ("Cu", "Ni"): 0.28, ("Cu", "Zn"): 0.66, ("Pb", "Cr"): 0.25,
         ("Pb", "Ni"): 0.32, ("Pb", "Zn"): 0.64, ("Cr", "Ni"): 0.80, ("Cr", "Zn"): 0.65, ("Ni", "Zn"): 0.70}
_PROXY = {"Hg": "Cd", "As": "Cu"}


class Landscape(NamedTuple):
    """Truth of a simulated scene: abundances (rows, cols, 5) summing to one and the distance of
    every pixel to the nearest tailings pond, in pixels."""
    abundances: np.ndarray
    tailings_distance: np.ndarray


def ahsi_bands():
    """GF-5 AHSI band centres and FWHM (nm): 150 VNIR bands 390-1029 nm (FWHM 5 nm) and 180 SWIR
    bands 1004-2513 nm (FWHM 10 nm), evenly spaced; the published ranges and resolutions."""
    centres = np.concatenate([np.linspace(390.0, 1029.0, 150), np.linspace(1004.0, 2513.0, 180)])
    fwhm = np.concatenate([np.full(150, 5.0), np.full(180, 10.0)])
    return centres, fwhm


def materials_at_bands(spectra, grid_nm, centres, fwhm):
    """Material spectra convolved with the sensor's band responses; held constant past the lab range."""
    step = grid_nm[1] - grid_nm[0]
    pad_low = np.arange(grid_nm[0] - 60.0, grid_nm[0], step)
    pad_high = np.arange(grid_nm[-1] + step, grid_nm[-1] + 60.0, step)
    grid = np.concatenate([pad_low, grid_nm, pad_high])
    padded = np.pad(np.asarray(spectra, dtype=float), ((0, 0), (pad_low.size, pad_high.size)), mode="edge")
    return resample_gaussian(padded, grid, centres, fwhm)


def _smooth_field(shape, sigma, rng):
    """A smooth Gaussian random field with zero mean and unit variance."""
    field = ndimage.gaussian_filter(rng.standard_normal(shape), sigma, mode="reflect")
    return (field - field.mean()) / field.std()


def simulate_landscape(size, rng):
    """Abundances of the five materials over a size x size scene, with pure cores and mixed edges."""
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    label = np.full((size, size), -1)
    cover = np.zeros((size, size, len(MATERIALS)))

    # River: enters at the top, meanders to the bottom; 3-5 pixels wide.
    phase, amplitude = rng.uniform(0, 2 * np.pi), rng.uniform(0.05, 0.09) * size
    centre = 0.3 * size + 0.4 * rows + amplitude * np.sin(2 * np.pi * rows / size * 1.5 + phase)
    river = np.abs(cols - centre) <= rng.uniform(1.5, 2.5)

    # Mine: three tailings ponds (ellipses) east of the river.
    mine = np.array([rng.uniform(0.25, 0.45), rng.uniform(0.6, 0.8)]) * size
    ponds = np.zeros((size, size), dtype=bool)
    for _ in range(3):
        cy, cx = mine + rng.normal(0, 0.05 * size, 2)
        ry, rx = rng.uniform(0.015, 0.03, 2) * size + 2.5
        angle = rng.uniform(0, np.pi)
        dy, dx = rows - cy, cols - cx
        u = dx * np.cos(angle) + dy * np.sin(angle)
        v = -dx * np.sin(angle) + dy * np.cos(angle)
        ponds |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    ponds &= ~river

    # Town: a smooth blob west of the river, downstream of the mine.
    town_centre = np.array([rng.uniform(0.6, 0.75), rng.uniform(0.15, 0.3)]) * size
    blob = np.hypot(rows - town_centre[0], cols - town_centre[1]) / (0.09 * size) + 0.25 * _smooth_field(
        (size, size), 2.0, rng)
    town = (blob < 1.0) & ~river & ~ponds

    hills = _smooth_field((size, size), size / 12.0, rng)
    forest = (hills > np.quantile(hills, 0.6)) & ~river & ~ponds & ~town

    label[forest] = VEGETATION
    cover[forest, VEGETATION] = 1.0
    urban_share = np.clip(0.75 + 0.35 * _smooth_field((size, size), 1.0, rng), 0.4, 1.0)
    cover[town, URBAN] = urban_share[town]
    cover[town, VEGETATION] = (1.0 - urban_share[town]) * 0.6
    cover[town, SOIL] = (1.0 - urban_share[town]) * 0.4
    _farmland(cover, ~(forest | town | river | ponds), size, rng)
    cover[ponds] = 0.0
    cover[ponds, TAILINGS] = 1.0
    cover[river] = 0.0
    cover[river, WATER] = 1.0

    abundances = np.stack([ndimage.gaussian_filter(cover[..., m], PSF_SIGMA, mode="nearest")
                           for m in range(len(MATERIALS))], axis=-1)
    distance = ndimage.distance_transform_edt(~ponds)
    halo = HALO_PEAK * np.exp(-distance / (size / 10.0)) * (distance > 0) * (1.0 - abundances[..., WATER])
    abundances *= (1.0 - halo)[..., None]
    abundances[..., TAILINGS] += halo
    abundances /= abundances.sum(axis=-1, keepdims=True)
    return Landscape(abundances, distance)


def _farmland(cover, mask, size, rng):
    """Parcels of 6-12 pixels: crops (vegetation 0.5-0.9 over soil) or bare red soil (pure or nearly)."""
    edges_y = np.cumsum(rng.integers(6, 13, size))
    edges_x = np.cumsum(rng.integers(6, 13, size))
    parcel_row = np.searchsorted(edges_y[edges_y < size], np.arange(size), side="right")
    parcel_col = np.searchsorted(edges_x[edges_x < size], np.arange(size), side="right")
    parcel = parcel_row[:, None] * (size + 1) + parcel_col[None, :]
    ids, inverse = np.unique(parcel, return_inverse=True)
    bare = rng.random(ids.size) < 0.4
    vegetation = np.where(bare, np.where(rng.random(ids.size) < 0.5, 0.0, rng.uniform(0.0, 0.15, ids.size)),
                          rng.uniform(0.5, 0.9, ids.size))
    share = vegetation[inverse.reshape(size, size)]
    cover[mask, VEGETATION] = share[mask]
    cover[mask, SOIL] = 1.0 - share[mask]


def noise_sigma(abundances, endmembers, snr, centres):
    """Per-band noise standard deviation: mean scene signal / SNR, x10 in water-vapour windows."""
    mean_signal = abundances.reshape(-1, abundances.shape[-1]).mean(axis=0) @ endmembers
    sigma = mean_signal / float(snr)
    sigma[water_vapour_bands(centres)] *= 10.0
    return sigma


def tile_noise(seed, tile_row, tile_col, shape, sigma):
    """Noise of one NOISE_TILE tile, from its own stream so any block layout gives the same scene."""
    rng = np.random.default_rng([seed, 1, tile_row, tile_col])
    return rng.standard_normal(shape + (sigma.size,), dtype=np.float32) * sigma.astype(np.float32)


def render_window(abundances, endmembers, sigma, seed, yoff, xoff, outliers=None):
    """Noisy reflectance (rows, cols, bands) of a window of the scene, float32.

    abundances: the window's (rows, cols, 5) truth; outliers: dict (row, col) -> spectrum in scene
    coordinates, replacing the mixture there (sensor artefacts for PPI's spatial filter).
    """
    rows, cols = abundances.shape[:2]
    clean = matmul(abundances.reshape(-1, abundances.shape[-1]), endmembers).reshape(rows, cols, -1)
    cube = clean.astype(np.float32)
    for ty in range(yoff // NOISE_TILE, (yoff + rows - 1) // NOISE_TILE + 1):
        for tx in range(xoff // NOISE_TILE, (xoff + cols - 1) // NOISE_TILE + 1):
            y0, x0 = ty * NOISE_TILE, tx * NOISE_TILE
            noise = tile_noise(seed, ty, tx, (NOISE_TILE, NOISE_TILE), sigma)
            ys = slice(max(y0, yoff), min(y0 + NOISE_TILE, yoff + rows))
            xs = slice(max(x0, xoff), min(x0 + NOISE_TILE, xoff + cols))
            cube[ys.start - yoff:ys.stop - yoff, xs.start - xoff:xs.stop - xoff] += \
                noise[ys.start - y0:ys.stop - y0, xs.start - x0:xs.stop - x0]
    for (row, col), spectrum in (outliers or {}).items():
        if yoff <= row < yoff + rows and xoff <= col < xoff + cols:
            cube[row - yoff, col - xoff] = spectrum
    return cube


def plant_outliers(landscape, count, n_bands, rng):
    """Isolated spectral outliers (hot or saturated detector pixels) on land, apart from each other."""
    abundances = landscape.abundances
    land = (abundances[..., WATER] < 0.05) & (abundances[..., TAILINGS] < 0.5)
    size = abundances.shape[0]
    candidates = np.argwhere(land[3:-3, 3:-3]) + 3
    picks = candidates[rng.choice(len(candidates), size=min(count, len(candidates)), replace=False)]
    return {(int(r), int(c)): rng.uniform(0.3, 1.0, n_bands).astype(np.float32) for r, c in picks
            if size > 6}


def _residual_correlation():
    names = [_PROXY.get(m, m) for m in METALS]
    matrix = np.eye(len(METALS))
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            if i != j:
                matrix[i, j] = 0.9 if a == b else _JURA.get((a, b), _JURA.get((b, a)))
    values, vectors = np.linalg.eigh(matrix)
    matrix = vectors @ np.diag(np.clip(values, 1e-3, None)) @ vectors.T
    scale = np.sqrt(np.diag(matrix))
    return matrix / np.outer(scale, scale)


def _standardise(values):
    return (values - values.mean()) / values.std()


def simulate_concentrations(landscape, rng):
    """Concentrations (rows, cols, 8) in mg/kg of METALS, from the documented model above."""
    abundances = landscape.abundances
    size = abundances.shape[0]
    drivers = np.stack([_standardise(np.log(abundances[..., TAILINGS] + 0.01)),
                        _standardise(abundances[..., SOIL]),
                        _standardise(np.log(abundances[..., URBAN] + 0.02)),
                        _standardise(abundances[..., VEGETATION])], axis=-1)
    residual = np.stack([_smooth_field((size, size), max(1.0, size / 30.0), rng) for _ in METALS], axis=-1)
    residual = matmul(residual.reshape(-1, len(METALS)), np.linalg.cholesky(_residual_correlation()).T
                      ).reshape(residual.shape)
    concentrations = np.empty(abundances.shape[:2] + (len(METALS),))
    for index, metal in enumerate(METALS):
        sigma, top, weights, rho = METAL_MODEL[metal]
        driver = _standardise(matmul(drivers.reshape(-1, 4), np.asarray(weights)).reshape(drivers.shape[:2]))
        z = rho * driver + np.sqrt(1.0 - rho ** 2) * _standardise(residual[..., index])
        mu = np.log(top) - sigma * np.quantile(z, 0.999)
        concentrations[..., index] = np.exp(mu + sigma * z)
    return concentrations


def design_samples(landscape, count, rng, grid_fraction=0.68):
    """Soil sample pixels: a regular grid (about two thirds) plus random points drawn towards the
    tailings, as the paper's grid-plus-random design; never on water or town cores.

    Returns rows, cols (int arrays) and the design of each point ('grid' or 'random').
    """
    abundances = landscape.abundances
    size = abundances.shape[0]
    eligible = (abundances[..., WATER] < 0.3) & (abundances[..., URBAN] < 0.6)
    _, (near_r, near_c) = ndimage.distance_transform_edt(~eligible, return_indices=True)
    side = int(np.floor(np.sqrt(count * grid_fraction)))
    centres = ((np.arange(side) + 0.5) * size / side).astype(int)
    taken = set()
    rows, cols, design = [], [], []
    for r in centres:
        for c in centres:
            point = (int(near_r[r, c]), int(near_c[r, c]))
            if point not in taken:
                taken.add(point)
                rows.append(point[0]); cols.append(point[1]); design.append("grid")
    weights = eligible * np.exp(-landscape.tailings_distance / (size / 8.0))
    for r, c in taken:
        weights[r, c] = 0.0
    flat = rng.choice(weights.size, size=count - len(rows), replace=False, p=(weights / weights.sum()).ravel())
    for index in flat:
        rows.append(int(index // size)); cols.append(int(index % size)); design.append("random")
    return np.array(rows), np.array(cols), design


# Pollution sources for SI-LICNet detection (createsamplescene's DETECTION_SAMPLES): an industrial site joins
# the tailings ponds and the town, and Cd follows the sources by distance. Drawn from a stream of its own, so
# the default scene is unchanged.
SOURCES = ("mine", "industrial site", "town")
#: Per source: Cd added at its edge (mg/kg) and the distance over which that falls by e (m): wind-blown
#: tailings and runoff around the ponds, stack emissions of a smelter-like plant, traffic and waste in town.
SOURCE_CADMIUM = {"mine": (1.5, 300.0), "industrial site": (1.2, 200.0), "town": (0.5, 150.0)}
#: Geogenic Cd (mg/kg): median and log standard deviation of a smooth field, the order of China's soil background
#: values; and the log standard deviation of sampling and analysis error.
CD_BACKGROUND, CD_BACKGROUND_SIGMA, CD_NOISE_SIGMA = 0.13, 0.3, 0.1
#: GB 15618-2018 risk-screening value for Cd in farmland soil of pH <= 5.5 (the red soils of Hunan), mg/kg.
CD_SCREENING = 0.3


class Sources(NamedTuple):
    """Where the pollution sources are: boolean masks (rows, cols) of the tailings ponds, the industrial site and
    the town, in SOURCES order; and each pixel's distance to each source (rows, cols, 3), in metres."""
    masks: tuple
    distance_m: np.ndarray

    @property
    def any(self):
        return self.masks[0] | self.masks[1] | self.masks[2]


def add_industrial_site(landscape, seed, pixel_m):
    """The landscape with an industrial site (a walled compound of roofs and yards, 180-270 m a side) on land away
    from the ponds, the town and the scene's edge, and the Sources. Drawn from its own stream (seed, 18)."""
    rng = np.random.default_rng([seed, 18])
    abundances = landscape.abundances.copy()
    size = abundances.shape[0]
    ponds = landscape.tailings_distance == 0
    town = abundances[..., URBAN] > 0.5
    from_ponds = ndimage.distance_transform_edt(~ponds)
    from_town = ndimage.distance_transform_edt(~town)
    land = (abundances[..., WATER] < 0.05) & (abundances[..., TAILINGS] < 0.3) & (abundances[..., URBAN] < 0.1)
    margin = max(8, int(0.12 * size))
    inner = np.zeros_like(land)
    inner[margin:size - margin, margin:size - margin] = True
    for reach in (0.25, 0.2, 0.15, 0.1, 0.0):
        candidates = np.argwhere(land & inner & (from_ponds > reach * size) & (from_town > reach * size))
        if len(candidates):
            break
    row, col = candidates[rng.integers(len(candidates))]
    height, width = rng.integers(6, 10, 2)
    site = np.zeros((size, size), dtype=bool)
    site[row - height // 2:row - height // 2 + height, col - width // 2:col - width // 2 + width] = True
    cover = np.zeros(len(MATERIALS))
    cover[URBAN], cover[SOIL] = 0.85, 0.15
    weight = ndimage.gaussian_filter(site.astype(float), PSF_SIGMA, mode="nearest")[..., None]
    abundances = abundances * (1.0 - weight) + weight * cover
    masks = (ponds, site, town & ~ndimage.binary_dilation(site, iterations=2))
    distance = np.stack([ndimage.distance_transform_edt(~mask) * pixel_m for mask in masks], axis=-1)
    return Landscape(abundances, landscape.tailings_distance), Sources(masks, distance)


def source_cadmium(sources, seed):
    """Cd (rows, cols) in mg/kg: the geogenic background plus, from each source, SOURCE_CADMIUM's amount falling
    exponentially with the distance to it, times sampling error. Whether a soil exceeds a threshold then depends
    on what lies around it, not on its own spectrum."""
    rng = np.random.default_rng([seed, 19])
    shape = sources.distance_m.shape[:2]
    cadmium = CD_BACKGROUND * np.exp(CD_BACKGROUND_SIGMA * _smooth_field(shape, max(1.0, shape[0] / 30.0), rng))
    for index, name in enumerate(SOURCES):
        amount, reach = SOURCE_CADMIUM[name]
        cadmium += amount * np.exp(-sources.distance_m[..., index] / reach)
    return cadmium * np.exp(CD_NOISE_SIGMA * rng.standard_normal(shape))


def design_detection_samples(landscape, sources, count, seed):
    """Soil sampling points for detection: on land (not water, ponds, the site or town cores), at distinct
    pixels, half spread uniformly and half drawn towards the sources (weight exp(-d / 300 m)), so both classes
    are well represented. Returns rows, cols and the region of each: the index in SOURCES of its nearest source."""
    rng = np.random.default_rng([seed, 20])
    abundances = landscape.abundances
    eligible = ((abundances[..., WATER] < 0.3) & (abundances[..., URBAN] < 0.5) & (abundances[..., TAILINGS] < 0.5)
                & ~sources.any)
    nearest = sources.distance_m.min(axis=-1)
    uniform = eligible / eligible.sum()
    towards = eligible * np.exp(-nearest / 300.0)
    weights = (0.5 * uniform + 0.5 * towards / towards.sum()).ravel()
    count = min(int(count), int(eligible.sum()))
    flat = rng.choice(weights.size, size=count, replace=False, p=weights / weights.sum())
    rows, cols = np.divmod(flat, abundances.shape[1])
    return rows, cols, sources.distance_m[rows, cols].argmin(axis=-1)
