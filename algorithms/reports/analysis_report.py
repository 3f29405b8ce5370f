"""Figures and HTML for the multi-metal analysis: the correlation heat map, the elbow and silhouette
curves, and the zone table."""
import html

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .html_report import figure_img, table, write_page  # noqa: E402


def correlation_report(path, r, names, title):
    """Heat map of r with the values printed in the cells."""
    figure, axis = plt.subplots(figsize=(1.0 + 0.7 * len(names), 0.8 + 0.7 * len(names)))
    image = axis.imshow(r, vmin=-1, vmax=1, cmap="RdBu_r")
    axis.set_xticks(range(len(names)))
    axis.set_xticklabels(names, rotation=45, ha="right")
    axis.set_yticks(range(len(names)))
    axis.set_yticklabels(names)
    for i in range(len(names)):
        for j in range(len(names)):
            if np.isfinite(r[i, j]):
                axis.text(j, i, "{:.2f}".format(r[i, j]), ha="center", va="center", fontsize=8,
                          color="white" if abs(r[i, j]) > 0.6 else "black")
    figure.colorbar(image, ax=axis, label="r")
    write_page(path, title, "<p>Metals ordered by hierarchical clustering of the correlation.</p>" +
               figure_img(figure, "correlation heat map"))


def zoning_report(path, choice, names, colours, table_rows, metals):
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    left.plot(choice.ks, choice.sse, "o-")
    left.axvline(choice.elbow, color="grey", linestyle="--", label="elbow: K = {}".format(choice.elbow))
    left.set_xlabel("K")
    left.set_ylabel("SSE (within-cluster sum of squares)")
    left.legend()
    right.plot(choice.ks, choice.silhouette, "o-", color="#d62728")
    right.axvline(choice.best_silhouette, color="grey", linestyle="--",
                  label="maximum: K = {}".format(choice.best_silhouette))
    right.set_xlabel("K")
    right.set_ylabel("mean silhouette")
    right.legend()
    legend = "".join('<tr><td style="background:{}">&nbsp;&nbsp;&nbsp;</td><td>{}</td><td>{}</td></tr>'.format(
        colour, code + 1, html.escape(name)) for code, (name, colour) in enumerate(zip(names, colours)))
    header = ["code", "zone", "pixels", "ha"] + [h for m in metals for h in (m + " mean", m + " P10-P50-P90")]
    rows = [[row["code"], row["name"], row["pixels"], "{:.1f}".format(row["hectares"])] +
            [c for v in row["metals"] for c in ("{:.4g}".format(v[0]), "{:.3g}-{:.3g}-{:.3g}".format(*v[1:]))]
            for row in table_rows]
    decision = ("Both criteria agree on K = {}.".format(choice.chosen) if choice.elbow == choice.best_silhouette else
                "The silhouette maximum (K = {}) decides; the elbow is at K = {}.".format(choice.best_silhouette,
                                                                                         choice.elbow))
    write_page(path, "Pollution zones", "<p>{}</p>{}<h2>Zones</h2><table><tr><th></th><th>code</th><th>zone</th>"
               "</tr>{}</table><h2>Statistics</h2>{}".format(decision, figure_img(figure, "elbow and silhouette"),
                                                             legend, table(header, rows)))
