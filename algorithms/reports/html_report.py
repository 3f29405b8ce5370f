"""The HTML reports' common parts: one page layout (readable in a 1400 px window), figures embedded as PNG, tables.

matplotlib is imported only when a figure is made, never when the plugin loads, and every figure has an Agg canvas
of its own: pyplot's global state and backend, which QGIS's Python console and other plugins share, are left alone.
"""
import base64
import html
import io as bytes_io
import sys

from ..io.staged_outputs import staged

_STYLE = ("<style>body{font-family:'DejaVu Sans',Arial,sans-serif;color:#222;line-height:1.45;max-width:1280px;"
          "margin:1.5em auto;padding:0 1.5em}h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;"
          "border-bottom:1px solid #ddd}img{max-width:100%;height:auto}table{border-collapse:collapse;margin:.8em 0}"
          "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f2f2f2}"
          "td:first-child,th:first-child{text-align:left}.note{color:#555;font-size:.92em}"
          ".headline{font-size:1.1em;background:#f6f8fa;border-left:4px solid #2c7fb8;padding:.5em 1em}</style>")


def new_figure(width, height):
    """A matplotlib Figure of width x height inches on an Agg canvas of its own (no pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure


def colour_map(name):
    """A matplotlib colour map by name."""
    from matplotlib import colormaps
    return colormaps[name]


def figure_img(figure, alt, dpi=100):
    """An <img> holding the figure as an embedded PNG (at most 13 inches wide: 1300 px at dpi 100)."""
    buffer = bytes_io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    if "matplotlib.pyplot" in sys.modules:  # a figure made with pyplot is freed (new_figure's never enter it)
        sys.modules["matplotlib.pyplot"].close(figure)
    return '<img alt="{}" src="data:image/png;base64,{}">'.format(
        html.escape(alt), base64.b64encode(buffer.getvalue()).decode("ascii"))


def save_png(figure, path, dpi=100):
    """Write the figure as a PNG file."""
    figure.savefig(path, format="png", dpi=dpi, bbox_inches="tight")


class Html(str):
    """A table cell that is HTML already (table() escapes every other cell)."""


def table(header, rows):
    """An HTML table; cells are escaped text (pass numbers already formatted), or Html."""
    head = "".join("<th>{}</th>".format(html.escape(str(h))) for h in header)
    body = "".join("<tr>{}</tr>".format("".join("<td>{}</td>".format(c if isinstance(c, Html) else html.escape(str(c)))
                                                for c in row)) for row in rows)
    return "<table><tr>{}</tr>{}</table>".format(head, body)


def write_page(path, title, body):
    """A self-contained HTML page: the title as heading, then body (HTML)."""
    with open(staged(path), "w", encoding="utf-8") as stream:
        stream.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{0}</title>{1}</head><body>'
                     '<h1>{0}</h1>{2}</body></html>'.format(html.escape(title), _STYLE, body))
