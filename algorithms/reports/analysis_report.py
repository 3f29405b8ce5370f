"""Figures and HTML for the multi-metal analysis: the correlation heat map with p-values, and the zoning report
(zone map, the elbow and silhouette curves with the K chosen, zone means against soil-quality thresholds)."""
import html

import numpy as np

from .html_report import Html, figure_img, new_figure, table, write_page
from .quicklook import classes_figure


def _stars(p):
    return "" if not np.isfinite(p) else "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


def correlation_report(path, r, names, title, n=None, p=None, description=""):
    """Heat map of r with the values (and significance stars, when p-values are given) in the cells, a table of
    every pair (r, p, n) and `description` (HTML): what the correlation was computed on."""
    size = len(names)
    figure = new_figure(2.2 + 0.85 * size, 1.6 + 0.75 * size)
    axis = figure.add_subplot(1, 1, 1)
    image = axis.imshow(r, vmin=-1, vmax=1, cmap="RdBu_r")
    axis.set_xticks(range(size))
    axis.set_xticklabels(names, rotation=45, ha="right", fontsize=11)
    axis.set_yticks(range(size))
    axis.set_yticklabels(names, fontsize=11)
    for i in range(size):
        for j in range(size):
            if np.isfinite(r[i, j]):
                text = "{:.2f}{}".format(r[i, j], _stars(p[i, j]) if p is not None and i != j else "")
                axis.text(j, i, text, ha="center", va="center", fontsize=9,
                          color="white" if abs(r[i, j]) > 0.6 else "black")
    figure.colorbar(image, ax=axis, label="r", shrink=0.85)
    pairs = [[names[i], names[j], "{:.2f}".format(r[i, j]),
              "" if p is None or not np.isfinite(p[i, j]) else ("< 0.001" if p[i, j] < 0.001 else "{:.3f}".format(p[i, j])),
              "" if n is None else int(n[i, j])]
             for i in range(size) for j in range(i + 1, size) if np.isfinite(r[i, j])]
    pairs.sort(key=lambda row: -abs(float(row[2])))
    tested = size * (size - 1) // 2
    legend = ("<p class='note'>* p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001 (two-sided t test of r = 0 with n - 2 "
              "degrees of freedom). {} pairs are tested: with a Bonferroni correction, a pair is significant at the 5 % "
              "level when p &lt; {:.2g}. Metals ordered by hierarchical clustering of the correlation.</p>".format(
                  tested, 0.05 / max(tested, 1))
              if p is not None else "<p class='note'>Metals ordered by hierarchical clustering of the "
              "correlation.</p>")
    write_page(path, title, description + figure_img(figure, "correlation heat map") + legend +
               "<h2>Pairs, strongest first</h2>" + table(["metal", "metal", "r", "p", "n"], pairs))


def zoning_report(path, choice, names, colours, table_rows, metals, zones_path=None, units="mg/kg", limits=None,
                  standard=""):
    """The zone map, the curves that chose K, and per zone its area and mean concentrations against the
    thresholds (limits: {metal: (background, screening value, intervention value)}, None where there is none)."""
    limits = limits or {metal: (None, None, None) for metal in metals}
    rule = {"elbow": "the elbow of the SSE curve (the K farthest below the straight line between the curve's ends: "
                     "one more zone would reduce the within-zone spread little)",
            "silhouette": "the silhouette maximum (the K whose zones are best separated)"}[choice.rule]
    if len(choice.ks) == 1:
        decision = "K = {} zones, as given (mean silhouette {:.2f}).".format(choice.chosen, float(choice.silhouette[0]))
    else:
        decision = ("K = {} zones, chosen by {}. ".format(choice.chosen, rule) +
                    ("Both criteria agree on K = {}.".format(choice.chosen) if choice.elbow == choice.best_silhouette
                     else "The elbow is at K = {}, the silhouette maximum at K = {} ({:.2f}); at K = {} the mean "
                     "silhouette is {:.2f}.".format(choice.elbow, choice.best_silhouette,
                                                     float(np.max(choice.silhouette)), choice.chosen,
                                                     choice.silhouette_at(choice.chosen))))
    total = sum(row["hectares"] for row in table_rows) or 1.0
    body = "<p class='headline'>{} {}</p>".format(html.escape(decision), html.escape(_worst(table_rows, metals, limits)))
    if zones_path:
        body += figure_img(classes_figure(zones_path, "Pollution zones", names, colours), "zone map")
    body += "<h2>Mean concentration per zone ({}) against the thresholds</h2>".format(html.escape(units))
    body += "<p class='note'>Thresholds: {}; background values as given. Each cell: the zone's mean, below it its " \
            "ratio to the screening value (SV) and the share of the zone's pixels above the SV; means above the SV " \
            "in red.</p>".format(html.escape(standard))
    header = ["zone", "area (ha)", "share"] + metals
    rows = [[_zone(row), "{:.1f}".format(row["hectares"]), "{:.0f} %".format(100.0 * row["hectares"] / total)] +
            [_cell(mean[0], limits[m][1], above) for m, mean, above in zip(metals, row["metals"], row["above"])]
            for row in table_rows]
    rows += [[label, "", ""] + [_number(limits[m][index]) for m in metals]
             for index, label in ((0, "background (given)"), (1, "GB 15618 screening value"),
                                  (2, "GB 15618 intervention value"))
             if any(limits[m][index] is not None for m in metals)]
    body += table(header, rows)
    if len(choice.ks) > 1:
        body += "<h2>How K was chosen</h2>" + figure_img(_curves(choice), "elbow and silhouette")
    detail = ["metal"] + [_zone(row) for row in table_rows]
    detail_rows = [[metal] + ["{:.3g} ({:.3g}-{:.3g}-{:.3g})".format(*row["metals"][index]) for row in table_rows]
                   for index, metal in enumerate(metals)]
    body += "<h2>Statistics per zone: mean (10th-50th-90th percentile), {}</h2>".format(html.escape(units))
    body += "<p class='note'>From the pixels sampled for the zoning; pixels per zone: {}.</p>".format(
        html.escape(", ".join("{} {}".format(_zone(row), row["pixels"]) for row in table_rows)))
    body += table(detail, detail_rows)
    write_page(path, "Pollution zones", body)


def _curves(choice):
    figure = new_figure(12, 4.2)
    left, right = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
    for axis, curve, label, colour in ((left, choice.sse, "SSE (within-zone sum of squares)", "#1f77b4"),
                                       (right, choice.silhouette, "mean silhouette", "#d62728")):
        axis.plot(choice.ks, curve, "o-", color=colour)
        axis.axvline(choice.chosen, color="black", linewidth=2, label="chosen: K = {} ({})".format(
            choice.chosen, choice.rule))
        axis.set_xlabel("K (number of zones)", fontsize=11)
        axis.set_ylabel(label, fontsize=11)
        axis.set_xticks(list(choice.ks))
    if len(choice.ks) > 2:
        left.plot([choice.ks[0], choice.ks[-1]], [choice.sse[0], choice.sse[-1]], ":", color="grey")
    left.axvline(choice.elbow, color="grey", linestyle="--", label="elbow: K = {}".format(choice.elbow))
    right.axvline(choice.best_silhouette, color="grey", linestyle="--",
                  label="maximum: K = {}".format(choice.best_silhouette))
    left.legend(fontsize=10)
    right.legend(fontsize=10)
    figure.tight_layout()
    return figure


def _number(value):
    return "" if value is None else "{:g}".format(value)


def _zone(row):
    """'zone 2', or 'high-risk composite (3)' for names without the code."""
    return row["name"] if str(row["code"]) in row["name"] else "{} ({})".format(row["name"], row["code"])


def _cell(mean, screening, above):
    if not np.isfinite(mean):
        return ""
    if screening is None:
        return "{:.3g}".format(mean)
    style = " style='color:#b30000;font-weight:bold'" if mean > screening else ""
    return Html("<span{}>{:.3g}</span><br><span class='note'>{:.2f}&times; SV, {:.0f}&nbsp;% above</span>".format(
        style, mean, mean / screening, 100.0 * above))


def _worst(table_rows, metals, limits):
    """The headline comparison: the zone and metal with the largest share above the screening value."""
    best = None
    for row in table_rows:
        for metal, above in zip(metals, row["above"]):
            if limits[metal][1] is not None and np.isfinite(above) and (best is None or above > best[0]):
                best = (above, metal, row)
    if best is None:
        return ""
    if best[0] == 0:
        return "No zone has pixels above the GB 15618 screening values."
    return "Largest exceedance: {:.0f} % of {} above the {} screening value ({:g} mg/kg).".format(
        100.0 * best[0], _zone(best[2]), best[1], limits[best[1]][1])
