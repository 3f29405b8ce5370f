"""The spectral library every step passes on: spectra with names, classes and where they came from.

One structure for lab spectra (no position) and image endmembers (row, col of the pixel), so PPI,
VCA and prior-library candidates can be pooled and compared. Profiles are encoded as EnMAP-Box's
JSON dictionary ({"x", "y", "xUnit", "yUnit", "bbl"}) so a library written here opens there too.
"""
import json
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from .messages import CoreError, QT_TRANSLATE_NOOP
from .resample import resample_gaussian, resample_linear
from .wavelengths import WavelengthError, to_nanometres

X_UNIT = "nanometers"
Y_UNIT = "reflectance"


class SpectralLibraryError(CoreError):
    """A spectral library that cannot be read or used as it is."""


@dataclass
class SpectralLibrary:
    """Spectra (n_spectra, n_bands) on one wavelength grid (nm), with one attribute entry each.

    rows/cols are pixel positions of image endmembers (-1 for lab spectra); scores are
    algorithm-specific (PPI count, spectral angle in degrees); x/y are map coordinates or NaN.
    """
    spectra: np.ndarray
    wavelengths: Optional[np.ndarray] = None
    names: List[str] = field(default_factory=list)
    classes: List[str] = field(default_factory=list)
    sources: List[str] = field(default_factory=list)
    rows: Optional[np.ndarray] = None
    cols: Optional[np.ndarray] = None
    scores: Optional[np.ndarray] = None
    x: Optional[np.ndarray] = None
    y: Optional[np.ndarray] = None
    y_unit: str = Y_UNIT

    def __post_init__(self):
        self.spectra = np.atleast_2d(np.asarray(self.spectra, dtype=float))
        count, n_bands = self.spectra.shape
        if self.wavelengths is not None:
            self.wavelengths = np.asarray(self.wavelengths, dtype=float)
            if self.wavelengths.shape != (n_bands,):
                raise SpectralLibraryError(QT_TRANSLATE_NOOP(
                    "core", "{} wavelengths for spectra of {} values."), self.wavelengths.size, n_bands)
        self.names = _texts(self.names, count, "spectrum {}")
        self.classes = _texts(self.classes, count, "")
        self.sources = _texts(self.sources, count, "")
        self.rows = _numbers(self.rows, count, -1, np.int64)
        self.cols = _numbers(self.cols, count, -1, np.int64)
        self.scores = _numbers(self.scores, count, np.nan, float)
        self.x = _numbers(self.x, count, np.nan, float)
        self.y = _numbers(self.y, count, np.nan, float)

    def __len__(self):
        return self.spectra.shape[0]

    def resampled(self, target_nm, fwhm_nm=None):
        """A copy on the target wavelength grid: Gaussian response when FWHM is known, else linear."""
        if self.wavelengths is None:
            raise WavelengthError(QT_TRANSLATE_NOOP(
                "core", "The spectral library has no wavelengths to resample from."))
        if fwhm_nm is None:
            spectra = resample_linear(self.spectra, self.wavelengths, target_nm)
        else:
            spectra = resample_gaussian(self.spectra, self.wavelengths, target_nm, fwhm_nm)
        return self.with_spectra(spectra, target_nm)

    def with_spectra(self, spectra, wavelengths):
        """A copy with other spectra and wavelengths, the attributes kept."""
        return SpectralLibrary(spectra, wavelengths, list(self.names), list(self.classes),
                               list(self.sources), self.rows.copy(), self.cols.copy(),
                               self.scores.copy(), self.x.copy(), self.y.copy(), self.y_unit)

    def profile_json(self, index):
        """EnMAP-Box profile dictionary of one spectrum, as JSON text."""
        values = self.spectra[index]
        profile = {"y": [_json_number(v) for v in values], "yUnit": self.y_unit}
        if self.wavelengths is not None:
            profile["x"] = [float(w) for w in self.wavelengths]
            profile["xUnit"] = X_UNIT
        return json.dumps(profile)

    @classmethod
    def from_profiles(cls, profiles, **attributes):
        """Build a library from EnMAP-Box profile dictionaries (JSON text or dict).

        All profiles must share one x grid: a library holds spectra on one wavelength grid.
        """
        decoded = [decode_profile(p) for p in profiles]
        if not decoded:
            raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "The spectral library holds no spectra."))
        grid = decoded[0][0]
        for index, (x, y, _) in enumerate(decoded):
            same = (x is None and grid is None) or (
                x is not None and grid is not None and x.shape == grid.shape and np.allclose(x, grid))
            if not same or y.size != decoded[0][1].size:
                raise SpectralLibraryError(QT_TRANSLATE_NOOP(
                    "core", "Profile {} is on another wavelength grid than the first one; resample the library to one"
                            " grid first."), index + 1)
        spectra = np.vstack([y for _, y, _ in decoded])
        return cls(spectra, grid, y_unit=decoded[0][2], **attributes)


def require_values(library):
    """The library, refused if a spectrum holds no finite value (an empty row, a profile of nulls): it could not
    be resampled, matched or unmixed, and would fail later, far from its cause."""
    empty = [name for name, spectrum in zip(library.names, library.spectra) if not np.isfinite(spectrum).any()]
    if empty:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "{} of the {} spectra hold no value: {}{}. Remove them or fill in their values."),
            len(empty), len(library), ", ".join(empty[:5]), ", ..." if len(empty) > 5 else "")
    return library


def pool(libraries):
    """One library of all spectra, on the first library's wavelengths (the others resampled). A pixel
    found by several methods is kept once, as its first finder named it; lab spectra are all kept."""
    grid = libraries[0].wavelengths
    missing = [index + 1 for index, library in enumerate(libraries) if library.wavelengths is None]
    if missing:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "Library {} has no wavelengths; it cannot be pooled with others."), ", ".join(map(str, missing)))
    parts = [lib if lib.wavelengths.shape == grid.shape and np.allclose(lib.wavelengths, grid)
             else lib.resampled(grid) for lib in libraries]
    texts = {name: [v for lib in parts for v in getattr(lib, name)] for name in ("names", "classes", "sources")}
    arrays = {name: np.concatenate([getattr(lib, name) for lib in parts])
              for name in ("rows", "cols", "scores", "x", "y")}
    spectra = np.vstack([lib.spectra for lib in parts])
    key = [(r, c) if r >= 0 else ("spectrum", i) for i, (r, c) in enumerate(zip(arrays["rows"], arrays["cols"]))]
    first = sorted({k: i for i, k in reversed(list(enumerate(key)))}.values())
    return SpectralLibrary(spectra[first], grid, *([texts[n][i] for i in first] for n in ("names", "classes", "sources")),
                           *(arrays[n][first] for n in ("rows", "cols", "scores", "x", "y")), y_unit=parts[0].y_unit)


def decode_profile(profile):
    """(x in nm or None, y, yUnit) from an EnMAP-Box profile dictionary or its JSON text."""
    if isinstance(profile, (bytes, bytearray)):
        profile = profile.decode("utf-8")
    if isinstance(profile, str):
        try:
            profile = json.loads(profile)
        except json.JSONDecodeError as error:
            raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "A profile is not valid JSON: {}"), error)
    if not isinstance(profile, dict) or "y" not in profile:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "A profile has no 'y' values."))
    y = np.array([np.nan if v is None else v for v in profile["y"]], dtype=float)
    if "bbl" in profile and profile["bbl"] is not None:
        bad = np.asarray(profile["bbl"], dtype=float) == 0
        if bad.shape == y.shape:
            y[bad] = np.nan
    x = profile.get("x")
    if x is not None:
        x = to_nanometres(x, profile.get("xUnit"))
        if x.shape != y.shape:
            raise SpectralLibraryError(QT_TRANSLATE_NOOP(
                "core", "A profile has {} x values for {} y values."), x.size, y.size)
    return x, y, profile.get("yUnit") or Y_UNIT


def _json_number(value):
    return None if not np.isfinite(value) else float(value)


def _texts(values, count, default):
    values = list(values) if values is not None else []
    if values and len(values) != count:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "{} attribute values for {} spectra."), len(values), count)
    if not values:
        return [default.format(i + 1) for i in range(count)]
    return ["" if v is None else str(v) for v in values]


def _numbers(values, count, default, dtype):
    if values is None:
        return np.full(count, default, dtype=dtype)
    values = np.asarray(values, dtype=dtype)
    if values.shape != (count,):
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "{} attribute values for {} spectra."), values.size, count)
    return values
