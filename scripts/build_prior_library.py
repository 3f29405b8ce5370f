"""Build resources/prior_library/pccee_prior.csv: the default prior library of the paper's four classes.

Run from the repository root with ../shared/data beside it:  python3 scripts/build_prior_library.py
Only measured spectra. One is also a material of the simulated scene: the Engelmann spruce needles, the
only measured green canopy in the shared data, without which the default library could not recognise
green vegetation; the scene's other four materials are not in it.
Stored on a 5 nm grid, 350-2500 nm, NaN where a spectrum was not measured (earthlib's removed
water-vapour bands; USGS NIC4 mineral spectra start at 1.3-1.4 um): matching uses each spectrum's overlap.
"""
import os

import numpy as np

import reference_spectra as ref

GRID = np.arange(350.0, 2501.0, 5.0)


def main():
    earth = ref.earthlib()
    picks = [
        ("vegetation", "Engelmann spruce needles", ref.usgs(0, "Engelmann-Spruce_ES-Needls-1_ASDFRa_AREF", GRID, False)),
        ("vegetation", "rangeland grass and shrubs", ref.usgs(1, "Rangeland_C04-170_S30%_G24%_ASDFRa_AREF", GRID, False)),
        ("vegetation", "lodgepole pine needles", ref.usgs(9, "Lodgepole-Pine_LP-Needles-2_ASDFRa_AREF", GRID, False)),
        ("urban", "asphalt", ref.earthlib_pick(earth, "asphalt", GRID, False)),
        ("urban", "concrete sidewalk", ref.earthlib_pick(earth, "sidewalk", GRID, False)),
        ("urban", "composite shingle roof", ref.earthlib_pick(earth, "comp_shingle", GRID, False)),
        ("urban", "concrete tile roof", ref.earthlib_pick(earth, "concrete_tile", GRID, False)),
        ("mining soil", "typical soil", ref.earthlib_pick(earth, "soil", GRID, False)),
        ("mining soil", "iron-rich soil", ref.earthlib_pick(earth, "soil", GRID, False, quantiles=(0.75, 0.85))),
        ("mining soil", "K-jarosite", ref.usgs(28, "Jarosite_GDS99_K_200C_Syn_NIC4a_RREF", GRID, False)),
        ("mining soil", "siderite", ref.usgs(55, "Siderite_HS271.3B_BECKa_AREF", GRID, False)),
        ("mining soil", "gypsum", ref.usgs(33, "Gypsum_HS333.3B_(Selenite)_NIC4aaa_RREF", GRID, False)),
        ("water", "seawater", ref.usgs(4, "Seawater_Coast_Chl_SW1_BECKa_AREF", GRID, False)),
        ("water", "water, 0.5 g/l montmorillonite", ref.usgs(6, "Water+Montmor_SWy-2+0.50g-l_ASDFRa_AREF", GRID, False)),
    ]
    library = ref.SpectralLibrary(np.round([values for _, _, (values, _) in picks], 5), GRID,
                                  names=[name for _, name, _ in picks], classes=[cls for cls, _, _ in picks],
                                  sources=[source for _, _, (_, source) in picks])
    out = os.path.join(ref.ROOT, "resources", "prior_library")
    os.makedirs(out, exist_ok=True)
    ref.files.write_csv_library(library, os.path.join(out, "pccee_prior.csv"))
    for cls, name, source in zip(library.classes, library.names, library.sources):
        print("{:12s} {:32s} {}".format(cls, name, source))


if __name__ == "__main__":
    main()
