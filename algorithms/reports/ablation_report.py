"""The endmember ablation report: the CV R2 of every workflow per metal as a grouped bar chart, and the table."""
import html

import numpy as np

from .html_report import colour_map, figure_img, new_figure, table, write_page


def grouped_bars(rows, metals):
    """One group of bars per metal (and the mean), one bar per workflow."""
    groups = list(metals) + ["mean"]
    width = 0.8 / len(rows)
    figure = new_figure(min(2.0 + 1.1 * len(groups), 13.0), 4.6)
    axis = figure.add_subplot(1, 1, 1)
    colours = colour_map("tab10")
    for position, row in enumerate(rows):
        values = list(row["r2"]) + [row["mean_r2"]]
        axis.bar(np.arange(len(groups)) + (position - (len(rows) - 1) / 2) * width, values, width,
                 label=row["workflow"], color=colours(position % 10))
    axis.set_xticks(np.arange(len(groups)))
    axis.set_xticklabels(groups)
    axis.set_ylabel("cross-validated R²", fontsize=11)
    axis.axhline(0.0, color="black", linewidth=0.8)
    axis.legend(ncol=min(4, len(rows)), fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1))
    return figure


def write_ablation_report(path, rows, metals, settings):
    """rows: dicts with workflow, endmembers (names), r2 (per metal), mean_r2, seconds."""
    best = max(rows, key=lambda row: row["mean_r2"])
    header = ["workflow", "endmembers", "mean CV R2"] + ["CV R2 " + m for m in metals] + ["seconds"]
    cells = [[row["workflow"] + (" (best)" if row is best else ""), len(row["endmembers"]),
              "{:.3f}".format(row["mean_r2"])] + ["{:.3f}".format(v) for v in row["r2"]] +
             ["{:.1f}".format(row["seconds"])] for row in rows]
    libraries = "".join("<li><b>{}</b>: {}</li>".format(html.escape(row["workflow"]),
                                                        html.escape(", ".join(row["endmembers"]))) for row in rows)
    write_page(path, "Endmember extraction workflows compared",
               "<p>{}</p><p>Best mean CV R2: <b>{}</b> ({:.3f}).</p>{}{}<h2>Endmembers of each workflow</h2>"
               "<ul>{}</ul>".format(html.escape(settings), html.escape(best["workflow"]), best["mean_r2"],
                                    figure_img(grouped_bars(rows, metals), "CV R2 per metal and workflow"),
                                    table(header, cells), libraries))
