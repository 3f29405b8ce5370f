"""The HTML reports' common parts: one page layout, figures embedded as PNG, tables."""
import base64
import html
import io as bytes_io

import matplotlib

from ..io.staged_outputs import staged

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

_STYLE = ("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
          "td,th{border:1px solid #ccc;padding:4px 8px}</style>")


def figure_img(figure, alt, dpi=90):
    """An <img> holding the figure as an embedded PNG; the figure is closed."""
    buffer = bytes_io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    return '<img alt="{}" src="data:image/png;base64,{}">'.format(
        html.escape(alt), base64.b64encode(buffer.getvalue()).decode("ascii"))


def table(header, rows):
    """An HTML table; cells are escaped text (pass numbers already formatted)."""
    head = "".join("<th>{}</th>".format(html.escape(str(h))) for h in header)
    body = "".join("<tr>{}</tr>".format("".join("<td>{}</td>".format(html.escape(str(c))) for c in row))
                   for row in rows)
    return "<table><tr>{}</tr>{}</table>".format(head, body)


def write_page(path, title, body):
    """A self-contained HTML page: the title as heading, then body (HTML)."""
    with open(staged(path), "w", encoding="utf-8") as stream:
        stream.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{0}</title>{1}</head><body>'
                     '<h1>{0}</h1>{2}</body></html>'.format(html.escape(title), _STYLE, body))
