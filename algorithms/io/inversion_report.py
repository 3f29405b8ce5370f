"""HTML report of the metal inversion: the metrics table and, per metal, measured against predicted
(training fit as circles, out-of-fold validation as triangles, 1:1 dashed, as the paper's Figure 6) and
the feature importances."""
import base64
import html
import io as bytes_io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


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
    buffer = bytes_io.BytesIO()
    figure = _figure(results, [p or "band {}".format(i + 1) for i, p in enumerate(predictors)])
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{:.3f}</td><td>{:.4g}</td><td>{:.2f}</td><td>{}</td><td>{:.3f}</td><td>{}</td>"
        "</tr>".format(html.escape(metal), s.n, s.r2, s.rmse, s.rpd, s.rpd_class, s.train_r2,
                       html.escape(", ".join(str(i) for i in excluded)) or "none")
        for metal, s, *_, excluded in results)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("""<!DOCTYPE html><html><head><meta charset="utf-8"><title>PCCEE metal inversion</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px}}</style>
</head><body><h1>Random Forest inversion</h1>
<p>R2, RMSE and RPD from out-of-fold predictions; training R2 from the fit on all samples.</p>
<table><tr><th>metal</th><th>n</th><th>CV R2</th><th>CV RMSE</th><th>RPD</th><th>class</th><th>training R2</th>
<th>samples left out (ids)</th></tr>{}</table>
<img alt="measured against predicted" src="data:image/png;base64,{}"></body></html>""".format(
            rows, base64.b64encode(buffer.getvalue()).decode("ascii")))
