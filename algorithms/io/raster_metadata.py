"""What a raster's metadata says about its bands: wavelengths and FWHM (from GDAL's IMAGERY domain, an ENVI
header, band items or band names) and the ENVI header's bad band list. Kept apart from block reading: a raster
is read the same way whatever its metadata convention."""
from typing import NamedTuple, Optional

import numpy as np

from ..core.wavelengths import WavelengthError, parse_wavelength, parse_wavelength_list, to_nanometres


class Wavelengths(NamedTuple):
    """Band centres and widths in nm (fwhm None when unknown) and where they were found."""
    nm: np.ndarray
    fwhm: Optional[np.ndarray]
    source: str


def find_wavelengths(dataset):
    """Band wavelengths in nm from a GDAL dataset's metadata, or None when it holds none.

    Looks, in order, at GDAL's IMAGERY domain (CENTRAL_WAVELENGTH_UM, GDAL >= 3.10), the
    ENVI header's `wavelength` and `fwhm` lists, the per-band `wavelength`/`wavelength_units`
    items, and band descriptions such as "450.2 nm" or "0.4502 um".
    """
    for finder in (_imagery_wavelengths, _envi_wavelengths, _band_item_wavelengths, _description_wavelengths):
        found = finder(dataset)
        if found is not None and found.nm.size == dataset.RasterCount and np.all(np.isfinite(found.nm)):
            return found
    return None


def envi_bad_bands(dataset):
    """0-based indices of the bands the ENVI header's bad band list ('bbl', 0 = bad) marks, or None
    when the header has no usable list (absent, or not one value per band)."""
    text = envi_items(dataset).get("bbl")
    if text is None:
        return None
    try:
        flags = parse_wavelength_list(text, "nm")  # any ENVI list: numbers in braces, unit factor 1
    except WavelengthError:
        return None
    return np.flatnonzero(flags == 0) if flags.size == dataset.RasterCount else None


def envi_items(dataset):
    """The ENVI header's items (GDAL's ENVI domain), keys in lower case; empty for other formats."""
    return {k.lower(): v for k, v in (dataset.GetMetadata("ENVI") or {}).items()}


def _band_metadata(dataset, domain=""):
    return [dataset.GetRasterBand(i + 1).GetMetadata(domain) or {} for i in range(dataset.RasterCount)]


def _imagery_wavelengths(dataset):
    items = _band_metadata(dataset, "IMAGERY")
    if not all("CENTRAL_WAVELENGTH_UM" in item for item in items):
        return None
    nm = np.array([float(item["CENTRAL_WAVELENGTH_UM"]) for item in items]) * 1000.0
    fwhm = None
    if all("FWHM_UM" in item for item in items):
        fwhm = np.array([float(item["FWHM_UM"]) for item in items]) * 1000.0
    return Wavelengths(nm, fwhm, "GDAL IMAGERY metadata")


def _band_item_wavelengths(dataset):
    items = [{k.lower(): v for k, v in item.items()} for item in _band_metadata(dataset)]
    if not all("wavelength" in item for item in items):
        return None
    try:
        values = [float(item["wavelength"]) for item in items]
        fwhm = [float(item["fwhm"]) for item in items] if all("fwhm" in i for i in items) else None
    except ValueError:
        return None
    unit = items[0].get("wavelength_units")
    return Wavelengths(to_nanometres(values, unit),
                       None if fwhm is None else to_nanometres(fwhm, unit or _unit_of(values)),
                       "band metadata 'wavelength'")


def _envi_wavelengths(dataset):
    envi = envi_items(dataset)
    if "wavelength" not in envi:
        return None
    raw = parse_wavelength_list(envi["wavelength"], "nm")
    unit = envi.get("wavelength_units") or envi.get("wavelength units") or _unit_of(raw)
    nm = to_nanometres(raw, unit)
    fwhm = None
    if "fwhm" in envi:
        fwhm = to_nanometres(parse_wavelength_list(envi["fwhm"], "nm"), unit)
        fwhm = fwhm if fwhm.size == nm.size else None
    return Wavelengths(nm, fwhm, "ENVI header 'wavelength'")


def _description_wavelengths(dataset):
    values = [parse_wavelength(dataset.GetRasterBand(i + 1).GetDescription()) for i in range(dataset.RasterCount)]
    if any(value is None for value in values):
        return None
    return Wavelengths(np.array(values, dtype=float), None, "band descriptions")


def _unit_of(values):
    """Unit name that matches how the centre wavelengths were written, for their FWHM."""
    return "um" if np.nanmax(np.asarray(values, dtype=float)) < 30.0 else "nm"
