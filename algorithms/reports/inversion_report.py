"""HTML report of the metal inversion: the metrics table with units, each metal's map against the soil-quality
thresholds, measured against predicted per metal (training fit as circles, out-of-fold validation as triangles,
1:1 dashed, as the paper's Figure 6) and the feature importances as one table of colours."""
import html

import numpy as np

from .html_report import figure_img, new_figure, table, write_page

COLUMNS = 4


def _scatter_figure(results):
    count = len(results)
    rows = int(np.ceil(count / COLUMNS))
    columns = min(COLUMNS, count)
    figure = new_figure(3.1 * columns, 3.1 * rows)
    for index, (metal, scores, measured, validated, fitted, _, _) in enumerate(results):
        axis = figure.add_subplot(rows, columns, index + 1)
        axis.scatter(measured, fitted, marker="o", facecolors="none", edgecolors="#1f77b4", s=22, label="training fit")
        axis.scatter(measured, validated, marker="^", color="#d62728", s=22, label="validation (out of fold)")
        low, high = float(np.min(measured)), float(np.max(measured))
        axis.plot([low, high], [low, high], "k--", linewidth=1)
        axis.set_title("{}: CV R² = {:.2f}, RPD = {:.2f}".format(metal, scores.r2, scores.rpd), fontsize=11)
        axis.set_xlabel("measured (mg/kg)", fontsize=10)
        axis.set_ylabel("predicted (mg/kg)", fontsize=10)
        axis.tick_params(labelsize=9)
        if index == 0:
            axis.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    return figure


def _importance_figure(results, predictors):
    """Metals in rows, predictors in columns, the forests' importances in the cells."""
    values = np.array([importances for _, _, _, _, _, importances, _ in results])
    metals = [metal for metal, *_ in results]
    figure = new_figure(2.2 + 1.3 * len(predictors), 0.9 + 0.42 * len(metals))
    axis = figure.add_subplot(1, 1, 1)
    image = axis.imshow(values, cmap="Blues", vmin=0, vmax=max(float(values.max()), 1e-9), aspect="auto")
    axis.set_xticks(range(len(predictors)))
    axis.set_xticklabels(predictors, rotation=20, ha="right", fontsize=10)
    axis.set_yticks(range(len(metals)))
    axis.set_yticklabels(metals, fontsize=10)
    for i in range(len(metals)):
        for j in range(len(predictors)):
            axis.text(j, i, "{:.2f}".format(values[i, j]), ha="center", va="center", fontsize=9,
                      color="white" if values[i, j] > 0.6 * values.max() else "black")
    figure.colorbar(image, ax=axis, label="importance (share of the forest's impurity decrease)")
    return figure


def write_inversion_report(path, results, predictors, limits=None, above=None, standard=""):
    """results: (metal, Metrics, measured, out-of-fold predicted, fitted, importances, excluded ids) per metal;
    limits: {metal: (background, screening value, intervention value)} (mg/kg, None where there is none);
    above: the share of the mapped pixels above each metal's screening value."""
    predictors = [p or "band {}".format(i + 1) for i, p in enumerate(predictors)]
    limits = limits or {}
    rows = []
    for index, (metal, s, *_, excluded) in enumerate(results):
        screening = (limits.get(metal) or (None, None, None))[1]
        rows.append([metal, s.n, "{:.3f}".format(s.r2), "{:.4g}".format(s.rmse), "{:.2f}".format(s.rpd), s.rpd_class,
                     "{:.3f}".format(s.train_r2), "" if screening is None else "{:g}".format(screening),
                     "" if screening is None or above is None else "{:.1f} %".format(100.0 * above[index]),
                     ", ".join(str(i) for i in excluded) or "none"])
    best = max(results, key=lambda item: item[1].r2)
    worst = min(results, key=lambda item: item[1].r2)
    headline = ("Cross-validated R² from {:.2f} ({}) to {:.2f} ({}) over {} metals, from {} predictors.".format(
        worst[1].r2, worst[0], best[1].r2, best[0], len(results), len(predictors)))
    exceeding = [(metal, above[i]) for i, (metal, *_) in enumerate(results)
                 if above is not None and (limits.get(metal) or (None, None))[1] is not None and above[i] > 0]
    if above is not None and limits:
        headline += " " + ("Mapped above the GB 15618 screening value: " + ", ".join(
            "{} {:.1f} %".format(metal, 100.0 * share) for metal, share in exceeding) + "." if exceeding else
            "No metal is mapped above its GB 15618 screening value.")
    body = ("<p class='headline'>{}</p><p>R², RMSE and RPD from out-of-fold predictions (each sample predicted by a "
            "forest that never saw it); training R² from the fit on all samples, for comparison only. RPD: below 1.4 "
            "poor, 1.4-2.0 acceptable, 2.0-2.5 good, above 2.5 excellent.{}</p>").format(
                html.escape(headline), " Thresholds: {}.".format(html.escape(standard)) if standard else "")
    body += table(["metal", "n", "CV R²", "CV RMSE (mg/kg)", "RPD", "class", "training R²",
                   "screening value (mg/kg)", "map above it", "samples left out (ids)"], rows)
    body += "<h2>Measured against predicted</h2>" + figure_img(_scatter_figure(results), "measured against predicted")
    body += "<h2>What the forests learn from</h2>" + figure_img(_importance_figure(results, predictors),
                                                                 "feature importances")
    write_page(path, "Random Forest inversion", body)
