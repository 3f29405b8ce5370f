"""The endmember spectra plot of PCCEE (section 2.3.4): every endmember on one set of axes, prior
spectra dashed, with the vegetation red edge (700-750 nm) and the clay feature (2200 nm) marked."""
import numpy as np

from .html_report import figure_img, new_figure, save_png, table, write_page
from ..io.staged_outputs import staged


def spectra_figure(endmembers, prior=None):
    """A matplotlib figure of the libraries' spectra against wavelength (nm)."""
    figure = new_figure(10, 5.5)
    axis = figure.add_subplot(1, 1, 1)
    axis.axvspan(700, 750, color="#52b788", alpha=0.15, label="red edge 700-750 nm")
    axis.axvline(2200, color="#b08968", linestyle=":", linewidth=1.5, label="clay Al-OH 2200 nm")
    if prior is not None:
        for index in range(len(prior)):
            axis.plot(prior.wavelengths, prior.spectra[index], linestyle="--", linewidth=1.0, alpha=0.7,
                      label="prior: {} ({})".format(prior.names[index], prior.classes[index]))
    x = endmembers.wavelengths if endmembers.wavelengths is not None else np.arange(endmembers.spectra.shape[1])
    for index in range(len(endmembers)):
        label = endmembers.names[index]
        if endmembers.classes[index]:
            label += " ({})".format(endmembers.classes[index])
        axis.plot(x, endmembers.spectra[index], linewidth=2.0, label=label)
    axis.set_xlabel("wavelength (nm)" if endmembers.wavelengths is not None else "band")
    axis.set_ylabel("reflectance")
    axis.set_title("Endmember spectra")
    axis.legend(fontsize=7, ncol=2, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    return figure


def write_spectra_plot(path, endmembers, prior=None):
    """PNG when path ends in .png, else an HTML page with the plot and the endmember table."""
    figure = spectra_figure(endmembers, prior)
    if str(path).lower().endswith(".png"):
        save_png(figure, staged(path))
        return
    rows = [[endmembers.names[i], endmembers.sources[i], endmembers.classes[i],
             endmembers.rows[i] if endmembers.rows[i] >= 0 else "", endmembers.cols[i] if endmembers.cols[i] >= 0 else "",
             "" if not np.isfinite(endmembers.scores[i]) else "{:.2f}".format(endmembers.scores[i])]
            for i in range(len(endmembers))]
    write_page(path, "Endmember spectra", figure_img(figure, "endmember spectra", dpi=100) +
               table(["name", "source", "class", "row", "col", "score"], rows))
