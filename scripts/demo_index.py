"""Write demo_output/index.html: every output of `make demo` linked, with quick-looks. Run by scripts/demo.sh."""
import html
import os
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from pccee.algorithms.core.scene_simulation import MATERIALS  # noqa: E402
from pccee.algorithms.reports.quicklook import band_panels_png, classes_png, true_colour_png  # noqa: E402
from pccee.algorithms.io.raster_reader import RasterReader  # noqa: E402

OUT = sys.argv[2]
# (title, [(file, what it is)], quick-looks): one line per output; headline numbers are added from the files.
SECTIONS = [
    ("Simulated scene (SIMULATED data, known truth)", [
        ("scene.tif", "the simulated GF-5 AHSI scene, 330 bands, 30 m (opens in true colour)"),
        ("truth_abundances.tif", "the true material fractions (0-1) the scene was mixed from"),
        ("truth_concentrations.tif", "the true concentrations of the eight metals (mg/kg)"),
        ("samples.gpkg", "the soil samples: points with the measured metals (mg/kg)")],
     ["scene_truecolour.png", "truth_abundances.png"]),
    ("Preparation", [("scene_clean.tif", "the scene without bad bands (water vapour, constant bands)")], []),
    ("Endmembers: PPI + VCA + prior SAM, Top-K", [
        ("endmembers_ppi.gpkg", "Pixel Purity Index candidates"),
        ("ppi_counts.tif", "PPI counts: how often each pixel was extreme (0 not drawn)"),
        ("endmembers_vca.gpkg", "Vertex Component Analysis candidates"),
        ("endmembers_prior.gpkg", "the pixels closest to each prior-library spectrum"),
        ("prior_angles.tif", "spectral angle of every pixel to each prior spectrum (degrees, small = similar)"),
        ("endmembers_topk.gpkg", "the Top-K endmembers kept"),
        ("sam_maps.tif", "spectral angle to each Top-K endmember (degrees)"),
        ("endmember_spectra.html", "the endmember spectra against the prior's")], []),
    ("Ablation: seven endmember workflows (the paper's Table 1)", [
        ("endmember_ablation.html", "cross-validated R² of each endmember workflow"),
        ("endmember_ablation.gpkg", "the same as a table")], []),
    ("Unmixing", [
        ("abundances.tif", "NNLS abundances of the Top-K endmembers (fractions 0-1)"),
        ("abundance_residual.tif", "unmixing residual (reflectance RMSE)"),
        ("unmixing_comparison.html", "NNLS, FCLS, NMF and SVR compared (the paper's Table 2)")], ["abundances.png"]),
    ("Inversion", [
        ("concentrations.tif", "Random Forest concentrations, one band per metal (mg/kg)"),
        ("concentration_uncertainty.tif", "spread of the trees per metal (mg/kg)"),
        ("inversion_metrics.gpkg", "cross-validated R², RMSE and RPD per metal"),
        ("inversion_report.html", "the inversion report: metrics, measured against predicted, GB 15618"),
        ("inversion_model.npz", "the trained forests, for 'Predict metal concentrations'")], ["concentrations.png"]),
    ("Analysis", [
        ("metal_correlation.html", "correlation of the measured metals at the samples (Pearson, p-values)"),
        ("metal_correlation.gpkg", "the same as a table"),
        ("pollution_zones.tif", "K-means pollution zones, named (opens with its legend)"),
        ("pollution_zones.gpkg", "per zone: area, metal statistics, share above the screening value"),
        ("pollution_zones.html", "the zoning report: zone map, K chosen, zones against GB 15618-2018")],
     ["pollution_zones.png"]),
    ("Pollution-source detection (SI-LICNet)", [
        ("detection_scene.tif", "the same landscape with an industrial site (SIMULATED; Cd follows the sources)"),
        ("detection_truth_concentrations.tif", "its true concentrations (Cd: background + tailings, plant, town)"),
        ("detection_samples.gpkg", "400 labelled sampling points: Cd, contaminated (> 0.3 mg/kg), region"),
        ("detection_report.html", "the detector's report: AUC against a centre-pixel forest, ROC, training"),
        ("detection_auc.gpkg", "AUC per fold, region and overall, for both models"),
        ("detector.npz", "the trained detector, for 'Map pollution sources'"),
        ("contamination_probability.tif", "probability that the soil is contaminated (the network slid over the "
                                          "scene)"),
        ("occlusion_sensitivity.tif", "occlusion sensitivity: how much masking each 8 x 8 area lowers the "
                                      "predictions around it (the sources stand out)")],
     ["detection_maps.png", "detection_sensitivity.png"]),
]


def table_rows(name, layer_name=None):
    """The features of a GeoPackage table as dicts (none when the file is missing)."""
    from osgeo import ogr
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        return []
    dataset = ogr.Open(path)
    layer = dataset.GetLayer(0)
    rows = [feature.items() for feature in layer]
    dataset = None
    return rows


def headlines():
    """{file: headline numbers} read from the outputs."""
    lines = {}
    metrics = table_rows("inversion_metrics.gpkg")
    if metrics:
        lines["inversion_metrics.gpkg"] = "CV R²: " + ", ".join("{} {:.2f}".format(r["metal"], r["r2"]) for r in metrics)
    topk = table_rows("endmembers_topk.gpkg")
    if topk:
        lines["endmembers_topk.gpkg"] = "{} endmembers: {}".format(len(topk), ", ".join(
            "{} ({})".format(r.get("name"), r.get("class")) for r in topk))
    zones = table_rows("pollution_zones.gpkg")
    if zones:
        total = sum(r["hectares"] for r in zones) or 1.0
        lines["pollution_zones.tif"] = "{} zones: {}".format(len(zones), ", ".join(
            "{} {:.0f} ha ({:.0f} %)".format(r["zone"], r["hectares"], 100.0 * r["hectares"] / total) for r in zones))
    correlation = table_rows("metal_correlation.gpkg")
    metals = [row["metal"] for row in correlation]
    pairs = [(abs(row[b]), row["metal"], b, row[b], row.get("p_" + b), row["n"]) for row in correlation for b in metals
             if b != row["metal"] and row.get(b) is not None]
    if pairs:
        _, a, b, r, p, n = max(pairs)
        lines["metal_correlation.html"] = "strongest pair {}-{}: r = {:.2f}{}, n = {}".format(
            a, b, r, "" if p is None else (", p < 0.001" if p < 0.001 else ", p = {:.3f}".format(p)), n)
    detection = {(row["model"], row["name"]): row["auc"] for row in table_rows("detection_auc.gpkg")
                 if row["scope"] == "overall"}
    if detection:
        lines["detection_auc.gpkg"] = "cross-validated AUC: SI-LICNet {:.3f}, centre-pixel forest {:.3f}".format(
            detection[("SI-LICNet", "all")], detection[("Random Forest, centre pixel", "all")])
    return lines


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
                    "Random Forest concentrations (2-98 % stretch per metal)", names_of("concentrations.tif"),
                    limits=None, cmap="YlOrRd", label="mg/kg")
    classes_png(os.path.join(OUT, "pollution_zones.tif"), os.path.join(OUT, "pollution_zones.png"),
                "Pollution zones (K-means; 1 = lowest)")
    if os.path.exists(os.path.join(OUT, "occlusion_sensitivity.tif")):
        band_panels_png(os.path.join(OUT, "contamination_probability.tif"), os.path.join(OUT, "detection_maps.png"),
                        "SI-LICNet: probability of Cd contamination", ["probability"], cmap="Reds",
                        label="probability")
        from osgeo import gdal
        drops = gdal.Open(os.path.join(OUT, "occlusion_sensitivity.tif")).ReadAsArray()
        high = float(np.percentile(np.abs(drops[drops != -9999.0]), 99))  # one scale either side of 0
        band_panels_png(os.path.join(OUT, "occlusion_sensitivity.tif"), os.path.join(OUT, "detection_sensitivity.png"),
                        "Occlusion sensitivity (red: what the predictions around an area rely on)",
                        ["drop of probability"], limits=(-high, high), cmap="RdBu_r", label="drop of probability")
    numbers = headlines()
    body = []
    for title, files, pictures in SECTIONS:
        links = "".join('<li><a href="{0}">{0}</a>: {1}{2}</li>'.format(
            html.escape(f), html.escape(what), " <b>{}</b>".format(html.escape(numbers[f])) if f in numbers else "")
            for f, what in files if os.path.exists(os.path.join(OUT, f)))
        images = "".join('<img src="{0}" alt="{0}">'.format(p) for p in pictures)
        body.append("<h2>{}</h2><ul>{}</ul>{}".format(html.escape(title), links, images))
    headline = " ".join(numbers[f] + "." for f in ("pollution_zones.tif", "inversion_metrics.gpkg",
                                                   "endmembers_topk.gpkg") if f in numbers)
    with open(os.path.join(OUT, "index.html"), "w", encoding="utf-8") as stream:
        stream.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>PCCEE demo</title><style>'
                     "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:1.5em auto;max-width:1280px;padding:0 1.5em;"
                     "line-height:1.45}img{max-width:100%;height:auto}li{margin:.2em 0}"
                     ".headline{background:#f6f8fa;border-left:4px solid #2c7fb8;padding:.5em 1em}</style></head><body>"
                     '<h1>PCCEE for QGIS: demo on the simulated GF-5 scene</h1><p class="headline">' +
                     html.escape(headline) + '</p><p>Rasters and layers open in QGIS with their styles (drag them in: '
                     'the .qml beside each raster holds its colours, stretch and legend); reports open in a browser. '
                     'Thresholds: China\'s GB 15618-2018 risk screening values for agricultural land; soil pH not '
                     'given, so the strictest pH class applies.</p>' + "".join(body) + "</body></html>")


if __name__ == "__main__":
    main()
