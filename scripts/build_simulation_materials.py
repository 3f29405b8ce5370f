"""Build resources/spectra/simulation_materials.csv: the five REAL spectra the sample scene is mixed from.

Run from the repository root with ../shared/data beside it:  python3 scripts/build_simulation_materials.py
Gaps in a measurement are filled by linear interpolation (held constant past its ends) on one 1 nm grid,
350-2500 nm; each spectrum's source is in the CSV's `source` column.
"""
import os

import numpy as np

import reference_spectra as ref

GRID = np.arange(350.0, 2501.0, 1.0)


def main():
    earth = ref.earthlib()
    picks = [
        ("vegetation", ref.usgs(0, "Engelmann-Spruce_ES-Needls-1_ASDFRa_AREF", GRID, True)),
        ("urban", ref.earthlib_pick(earth, "road", GRID, True)),
        ("soil", ref.earthlib_pick(earth, "soil", GRID, True, quantiles=(0.9, 1.0))),
        ("tailings", ref.usgs(47, "Muscov+Jaros_CU93-314_coatng_BECKb_AREF", GRID, True)),
        ("water", ref.usgs(5, "Water+Montmor_SWy-2+5.01g-l_ASDFRa_AREF", GRID, True)),
    ]
    names = [name for name, _ in picks]
    library = ref.SpectralLibrary(np.round([values for _, (values, _) in picks], 5), GRID, names=names,
                                  classes=names, sources=[source for _, (_, source) in picks])
    out = os.path.join(ref.ROOT, "resources", "spectra")
    os.makedirs(out, exist_ok=True)
    ref.files.write_csv_library(library, os.path.join(out, "simulation_materials.csv"))
    print("\n".join("{}: {}".format(n, s) for n, s in zip(names, library.sources)))


if __name__ == "__main__":
    main()
