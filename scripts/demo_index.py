"""Write demo_output/index.html: every output of `make demo` linked, with quick-looks. Run by scripts/demo.sh."""
import html
import os
import sys

sys.path.insert(0, sys.argv[1])
from pccee.algorithms.core.scene_simulation import MATERIALS  # noqa: E402
from pccee.algorithms.reports.quicklook import band_panels_png, true_colour_png  # noqa: E402
from pccee.algorithms.io.raster_reader import RasterReader  # noqa: E402

OUT = sys.argv[2]
SECTIONS = [
    ("Simulated scene (SIMULATED data, known truth)", ["scene.tif", "truth_abundances.tif", "truth_concentrations.tif",
                                                       "samples.gpkg"], ["scene_truecolour.png", "truth_abundances.png"]),
    ("Preparation", ["scene_clean.tif"], []),
    ("Endmembers: PPI + VCA + prior SAM, Top-K", ["endmembers_ppi.gpkg", "ppi_counts.tif", "endmembers_vca.gpkg",
                                                   "endmembers_prior.gpkg", "prior_angles.tif", "endmembers_topk.gpkg",
                                                   "sam_maps.tif", "endmember_spectra.html"], []),
    ("Ablation: seven endmember workflows (the paper's Table 1)", ["endmember_ablation.html",
                                                                    "endmember_ablation.gpkg"], []),
    ("Unmixing", ["abundances.tif", "abundance_residual.tif", "unmixing_comparison.html"], ["abundances.png"]),
    ("Inversion", ["concentrations.tif", "concentration_uncertainty.tif", "inversion_metrics.gpkg",
                   "inversion_report.html", "inversion_model.npz"], ["concentrations.png"]),
    ("Analysis", ["metal_correlation.html", "pollution_zones.tif", "pollution_zones.gpkg", "pollution_zones.html"],
     ["pollution_zones.png"]),
]


def names_of(path):
    with RasterReader(os.path.join(OUT, path)) as reader:
        return reader.descriptions


def main():
    true_colour_png(os.path.join(OUT, "scene.tif"), os.path.join(OUT, "scene_truecolour.png"),
                    "Simulated GF-5 AHSI scene (true colour)")
    band_panels_png(os.path.join(OUT, "truth_abundances.tif"), os.path.join(OUT, "truth_abundances.png"),
                  "Simulated truth: abundances", MATERIALS)
    band_panels_png(os.path.join(OUT, "abundances.tif"), os.path.join(OUT, "abundances.png"),
                  "PCCEE Top-4 endmembers, NNLS abundances", names_of("abundances.tif"))
    band_panels_png(os.path.join(OUT, "concentrations.tif"), os.path.join(OUT, "concentrations.png"),
                  "Random Forest concentrations (mg/kg, 2-98 % stretch per metal)", names_of("concentrations.tif"),
                  limits=None, cmap="hot")
    band_panels_png(os.path.join(OUT, "pollution_zones.tif"), os.path.join(OUT, "pollution_zones.png"),
                  "Pollution zones (1 = lowest)", ["zones"], limits=None, cmap="RdYlGn_r")
    body = []
    for title, files, pictures in SECTIONS:
        links = "".join('<li><a href="{0}">{0}</a></li>'.format(html.escape(f)) for f in files
                        if os.path.exists(os.path.join(OUT, f)))
        images = "".join('<img src="{0}" alt="{0}" style="max-width:100%">'.format(p) for p in pictures)
        body.append("<h2>{}</h2><ul>{}</ul>{}".format(html.escape(title), links, images))
    with open(os.path.join(OUT, "index.html"), "w", encoding="utf-8") as stream:
        stream.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>PCCEE demo</title><style>'
                     'body{font-family:sans-serif;margin:2em;max-width:1100px}</style></head><body>'
                     '<h1>PCCEE for QGIS: demo on the simulated GF-5 scene</h1><p>Rasters and layers open in QGIS '
                     '(drag them in); reports open in a browser.</p>' + "".join(body) + "</body></html>")


if __name__ == "__main__":
    main()
