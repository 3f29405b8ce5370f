"""Figures and HTML for the multi-metal analysis: the correlation heat map, the elbow and silhouette
curves, and the zone table."""
import base64
import html
import io as bytes_io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

_STYLE = ("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
          "td,th{border:1px solid #ccc;padding:4px 8px}</style>")


def _png(figure):
    buffer = bytes_io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _page(path, title, body):
    with open(path, "w", encoding="utf-8") as stream:
        stream.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{0}</title>{1}</head><body><h1>{0}'
                     '</h1>{2}</body></html>'.format(html.escape(title), _STYLE, body))


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
    _page(path, title, '<p>Metals ordered by hierarchical clustering of the correlation.</p>'
                       '<img alt="correlation heat map" src="data:image/png;base64,{}">'.format(_png(figure)))


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
    header = "".join("<th>{} mean</th><th>{} P10-P50-P90</th>".format(m, m) for m in metals)
    rows = "".join("<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.1f}</td>{}</tr>".format(
        row["code"], html.escape(row["name"]), row["pixels"], row["hectares"],
        "".join("<td>{:.4g}</td><td>{:.3g}-{:.3g}-{:.3g}</td>".format(*v) for v in row["metals"]))
        for row in table_rows)
    decision = ("Both criteria agree on K = {}." if choice.elbow == choice.best_silhouette else
                "The silhouette maximum (K = {}) decides; the elbow is at K = {}.".format(
                    choice.best_silhouette, choice.elbow)).format(choice.chosen)
    _page(path, "Pollution zones", '<p>{}</p><img alt="elbow and silhouette" src="data:image/png;base64,{}">'
          '<h2>Zones</h2><table><tr><th></th><th>code</th><th>zone</th></tr>{}</table><h2>Statistics</h2>'
          '<table><tr><th>code</th><th>zone</th><th>pixels</th><th>ha</th>{}</tr>{}</table>'.format(
              decision, _png(figure), legend, header, rows))
