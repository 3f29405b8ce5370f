"""Band wavelengths: parse them from the many ways sensors and files write them, in nanometres.

Hyperspectral files carry wavelengths as numbers with a unit somewhere else (GDAL/ENVI metadata),
as text in band descriptions ("450.2 nm", "Band 3 (0.4502 um)") or not at all. Every later step
(resampling libraries, dropping water-vapour bands) needs them in one unit, so everything ends here.
"""
import re

import numpy as np

from .messages import CoreError, QT_TRANSLATE_NOOP

#: Atmospheric water-vapour absorption windows (nm) where surface reflectance is unreliable.
WATER_VAPOUR_WINDOWS_NM = ((1350.0, 1450.0), (1800.0, 1950.0))

_UNIT_TO_NM = {
    "nm": 1.0, "nanometer": 1.0, "nanometers": 1.0, "nanometre": 1.0, "nanometres": 1.0,
    "um": 1000.0, "µm": 1000.0, "μm": 1000.0, "micrometer": 1000.0, "micrometers": 1000.0,
    "micrometre": 1000.0, "micrometres": 1000.0, "micron": 1000.0, "microns": 1000.0,
    "mm": 1.0e6, "millimeter": 1.0e6, "millimeters": 1.0e6,
}

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_VALUE_WITH_UNIT = re.compile(
    r"(" + _NUMBER + r")\s*(nanomet(?:er|re)s?|micromet(?:er|re)s?|microns?|nm|um|µm|μm|mm)\b",
    re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*(" + _NUMBER + r")\s*$")


class WavelengthError(CoreError):
    """Wavelengths are missing, malformed or inconsistent with the bands."""


def unit_factor(unit):
    """Factor that converts a value in `unit` to nanometres; None when the unit is unknown."""
    if unit is None:
        return None
    return _UNIT_TO_NM.get(str(unit).strip().lower())


def guess_factor(values):
    """Unit factor for bare numbers: optical sensors span 0.3-15 um or 300-15000 nm, so
    values below 30 are micrometres."""
    values = np.asarray(values, dtype=float)
    return 1000.0 if np.nanmax(values) < 30.0 else 1.0


def to_nanometres(values, unit=None):
    """Convert wavelength values to nanometres; an unknown or empty unit is guessed from the range.

    Parameters: values, sequence of numbers; unit, a unit name such as "Micrometers" or None.
    Returns: float64 array of wavelengths in nm.
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    factor = unit_factor(unit)
    if factor is None:
        factor = guess_factor(values)
    return values * factor


def parse_wavelength(text):
    """One wavelength in nm from free text such as "450.2 nm", "Band 3 (0.4502 um)" or "450.2".

    A number with a unit wins; a bare number is accepted and its unit guessed from its size.
    Returns None when the text holds no wavelength (e.g. "Band 1").
    """
    if text is None:
        return None
    text = str(text)
    match = _VALUE_WITH_UNIT.search(text)
    if match:
        return float(match.group(1)) * _UNIT_TO_NM[match.group(2).lower()]
    match = _BARE_NUMBER.match(text)
    if match:
        value = float(match.group(1))
        return value * guess_factor([value])
    return None


def parse_wavelength_list(text, unit=None):
    """Wavelengths from a user list or file content: numbers separated by commas, spaces,
    semicolons or new lines, optionally in braces (ENVI style). Returns nm as float64."""
    cleaned = re.sub(r"[{}\[\]]", " ", str(text))
    tokens = [t for t in re.split(r"[\s,;]+", cleaned) if t]
    try:
        values = [float(t) for t in tokens]
    except ValueError as error:
        raise WavelengthError(QT_TRANSLATE_NOOP(
            "core", "Wavelength list holds a value that is not a number: {}"), error)
    if not values:
        raise WavelengthError(QT_TRANSLATE_NOOP("core", "Wavelength list is empty."))
    return to_nanometres(values, unit)


def check_wavelengths(wavelengths, n_bands):
    """Validate a wavelength vector against the number of bands: right length, finite, positive, no
    wavelength twice (a band listed twice, or a pasted list one value off). Any order is valid: a descending
    list is a band order, and every use (resampling, band windows) works per band."""
    wavelengths = np.asarray(wavelengths, dtype=float)
    if wavelengths.shape != (n_bands,):
        raise WavelengthError(QT_TRANSLATE_NOOP(
            "core", "{} wavelengths given for {} bands."), wavelengths.size, n_bands)
    if not np.all(np.isfinite(wavelengths)) or np.any(wavelengths <= 0):
        raise WavelengthError(QT_TRANSLATE_NOOP("core", "Wavelengths must be finite and positive."))
    values, counts = np.unique(wavelengths, return_counts=True)
    if np.any(counts > 1):
        twice = np.flatnonzero(counts > 1)[0]
        bands = np.flatnonzero(wavelengths == values[twice]) + 1
        raise WavelengthError(QT_TRANSLATE_NOOP(
            "core", "Bands {} share the wavelength {:g} nm; each band needs its own wavelength."),
            " and ".join(str(b) for b in bands), values[twice])
    return wavelengths


def water_vapour_bands(wavelengths_nm, windows=WATER_VAPOUR_WINDOWS_NM):
    """Boolean mask of bands that fall inside the water-vapour absorption windows."""
    wavelengths_nm = np.asarray(wavelengths_nm, dtype=float)
    mask = np.zeros(wavelengths_nm.shape, dtype=bool)
    for low, high in windows:
        mask |= (wavelengths_nm >= low) & (wavelengths_nm <= high)
    return mask
