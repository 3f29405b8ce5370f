"""HTML report of the metal inversion: the metrics table and, per metal, measured against predicted
(training fit as circles, out-of-fold validation as triangles, 1:1 dashed, as the paper's Figure 6) and
the feature importances."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .html_report import figure_img, table, write_page  # noqa: E402


def _figure(results, predictors):
    count = len(results)
    figure, axes = plt.subplots(2, count, figsize=(3.2 * count, 6.4), squeeze=False)
    for column, (metal, scores, measured, validated, fitted, importances, _) in enumerate(results):
        axis = axes[0, column]
        axis.scatter(measured, fitted, marker="o", facecolors="none", edgecolors="#1f77b4", label="training")
        axis.scatter(measured, validated, marker="^", color="#d62728", label="validation (CV)")
        low, high = float(np.min(measured)), float(np.max(measured))
        axis.plot([low, high], [low, high], "k--", linewidth=1)
        axis.set_title("{}  n = {}\nCV R2 = {:.2f}, RPD = {:.2f}".format(metal, scores.n, scores.r2, scores.rpd),
                       fontsize=9)
        axis.set_xlabel("measured (mg/kg)", fontsize=8)
        axis.set_ylabel("predicted (mg/kg)", fontsize=8)
        if column == 0:
            axis.legend(fontsize=7)
        axes[1, column].barh(range(len(importances)), importances, color="#6c757d")
        axes[1, column].set_yticks(range(len(importances)))
        axes[1, column].set_yticklabels(predictors, fontsize=7)
        axes[1, column].set_title("importance", fontsize=9)
    figure.tight_layout()
    return figure


def write_inversion_report(path, results, predictors):
    """results: (metal, Metrics, measured, out-of-fold predicted, fitted, importances, excluded ids) per metal."""
    figure = _figure(results, [p or "band {}".format(i + 1) for i, p in enumerate(predictors)])
    rows = [[metal, s.n, "{:.3f}".format(s.r2), "{:.4g}".format(s.rmse), "{:.2f}".format(s.rpd), s.rpd_class,
             "{:.3f}".format(s.train_r2), ", ".join(str(i) for i in excluded) or "none"]
            for metal, s, *_, excluded in results]
    write_page(path, "Random Forest inversion",
               "<p>R2, RMSE and RPD from out-of-fold predictions; training R2 from the fit on all samples.</p>" +
               table(["metal", "n", "CV R2", "CV RMSE", "RPD", "class", "training R2", "samples left out (ids)"],
                     rows) + figure_img(figure, "measured against predicted"))
