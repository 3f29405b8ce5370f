"""Spectral library files: ENVI spectral libraries (.sli + .hdr) and CSV, to and from SpectralLibrary.

ENVI .sli is how USGS, earthlib and most lab libraries are distributed; ENVI keeps per-spectrum
attributes (classes) in a CSV beside it, keyed by spectrum name, so that sidecar is read too.
CSV is one row per spectrum with wavelength columns, readable in any spreadsheet.
"""
import csv
import os
import re

import numpy as np

from ..core.messages import QT_TRANSLATE_NOOP
from ..core.spectral_library import SpectralLibrary, SpectralLibraryError, require_values
from ..core.wavelengths import (WavelengthError, check_wavelengths, parse_wavelength, parse_wavelength_list,
                                to_nanometres)

_ENVI_DTYPES = {1: "u1", 2: "i2", 3: "i4", 4: "f4", 5: "f8", 12: "u2", 13: "u4", 14: "i8", 15: "u8"}
_NAME_COLUMNS = ("name", "spectra names", "spectrum", "id")


def read_library(path, class_column=None, metadata_path=None):
    """Read an ENVI spectral library (.sli or its .hdr) or a CSV library, chosen by extension."""
    extension = os.path.splitext(str(path))[1].lower()
    if extension == ".csv":
        return require_values(read_csv_library(path, class_column))
    return require_values(read_envi_library(path, class_column, metadata_path))


def envi_paths(path):
    """(data path, header path) of an ENVI library given either file."""
    path = str(path)
    if path.lower().endswith(".hdr"):
        header = path
        data = path[:-4]
        if not os.path.exists(data):
            candidates = [data + ext for ext in (".sli", ".SLI", ".esl")]
            data = next((c for c in candidates if os.path.exists(c)), data)
        return data, header
    for header in (path + ".hdr", os.path.splitext(path)[0] + ".hdr"):
        if os.path.exists(header):
            return path, header
    raise SpectralLibraryError(QT_TRANSLATE_NOOP(
        "core", "No ENVI header (.hdr) found beside '{}': put the library's header in the same folder, named as the "
                "library with .hdr added or in place of its extension."), path)


def parse_envi_header(text):
    """ENVI header as a dict of lower-case keys to strings; brace lists may span lines."""
    if not text.lstrip().upper().startswith("ENVI"):
        raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "The header does not start with 'ENVI'."))
    header = {}
    for match in re.finditer(r"^\s*([^=\n]+?)\s*=\s*(\{[^}]*\}|[^\n]*)", text, re.MULTILINE):
        header[match.group(1).strip().lower()] = match.group(2).strip()
    return header


def _brace_list(value):
    return [item.strip() for item in value.strip().strip("{}").split(",")] if value else []


def read_envi_library(path, class_column=None, metadata_path=None):
    """Read an ENVI spectral library; classes from a sidecar CSV (same base name) when present."""
    data_path, header_path = envi_paths(path)
    with open(header_path, encoding="utf-8", errors="replace") as stream:
        header = parse_envi_header(stream.read())
    try:
        samples, lines = int(header["samples"]), int(header["lines"])
        data_type = int(header.get("data type", 4))
        offset = int(header.get("header offset", 0))
        big_endian = int(header.get("byte order", 0)) == 1
    except (KeyError, ValueError) as error:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "The ENVI header '{}' lacks or garbles {}."), header_path, error)
    if int(header.get("bands", 1)) != 1:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "'{}' is an image (bands = {}), not a spectral library."), header_path, header.get("bands"))
    if data_type not in _ENVI_DTYPES:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "ENVI data type {} is not supported."), data_type)
    dtype = np.dtype(_ENVI_DTYPES[data_type]).newbyteorder(">" if big_endian else "<")
    expected = offset + samples * lines * dtype.itemsize
    if not os.path.exists(data_path):
        raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "The ENVI data file '{}' does not exist."), data_path)
    actual = os.path.getsize(data_path)
    if actual != expected:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "The header and the data of '{}' disagree: {} spectra of {} values of {} bytes need {} bytes, the"
                    " file has {}."), data_path, lines, samples, dtype.itemsize, expected, actual)
    spectra = np.fromfile(data_path, dtype=dtype, offset=offset).reshape(lines, samples).astype(float)
    scale = float(header.get("reflectance scale factor", 1.0) or 1.0)
    if scale not in (0.0, 1.0):
        spectra /= scale
    names = _brace_list(header.get("spectra names"))
    if names and len(names) != lines:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "The header names {} spectra but holds {}."), len(names), lines)
    wavelengths = None
    if "wavelength" in header:
        raw = parse_wavelength_list(header["wavelength"], "nm")
        if raw.size != samples:
            raise SpectralLibraryError(QT_TRANSLATE_NOOP(
                "core", "The header lists {} wavelengths for {} values per spectrum."), raw.size, samples)
        wavelengths = to_nanometres(raw, header.get("wavelength units"))
    classes = _sidecar_classes(metadata_path or os.path.splitext(data_path)[0] + ".csv", names, class_column)
    return SpectralLibrary(spectra, wavelengths, names, classes, ["LIBRARY"] * lines)


def _sidecar_classes(path, names, class_column):
    """Classes for named spectra from a CSV keyed by spectrum name; [] when there is none."""
    if not names or not os.path.exists(path):
        if class_column:
            raise SpectralLibraryError(QT_TRANSLATE_NOOP(
                "core", "Class column '{}' was asked for but there is no metadata CSV at '{}'."), class_column, path)
        return []
    with open(path, newline="", encoding="utf-8", errors="replace") as stream:
        rows = list(csv.DictReader(stream))
    if not rows:
        return []
    columns = {c.lower(): c for c in rows[0].keys() if c}
    name_column = next((columns[c] for c in _NAME_COLUMNS if c in columns), None)
    wanted = class_column or next((columns[c] for c in ("class", "class_name", "level_3") if c in columns), None)
    if class_column and class_column.lower() not in columns:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "The metadata CSV '{}' has no column '{}'; it has: {}."),
            path, class_column, ", ".join(rows[0].keys()))
    if name_column is None or wanted is None:
        return []
    wanted = columns[wanted.lower()]
    lookup = {row[name_column].strip(): row[wanted] for row in rows}
    return [lookup.get(name, "") for name in names]


def write_envi_library(library, path):
    """Write float32 .sli + .hdr (wavelengths in nm) and a sidecar CSV with name, class, source."""
    data_path = str(path)
    base = os.path.splitext(data_path)[0]
    np.asarray(library.spectra, dtype="<f4").tofile(data_path)
    names = [_envi_safe(n) for n in library.names]
    lines = ["ENVI", "description = {PCCEE spectral library}",
             "samples = {}".format(library.spectra.shape[1]), "lines = {}".format(len(library)),
             "bands = 1", "header offset = 0", "file type = ENVI Spectral Library", "data type = 4",
             "interleave = bsq", "byte order = 0", "spectra names = {" + ", ".join(names) + "}"]
    if library.wavelengths is not None:
        lines += ["wavelength units = Nanometers",
                  "wavelength = {" + ", ".join("{:.4f}".format(w) for w in library.wavelengths) + "}"]
    with open(data_path + ".hdr", "w", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    with open(base + ".csv", "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "class", "source"])
        writer.writerows(zip(names, library.classes, library.sources))


def _envi_safe(name):
    return re.sub(r"[,{}]", " ", name).strip()


def read_csv_library(path, class_column=None):
    """Read a CSV library: one row per spectrum, columns named by wavelength ("450.2" or "450.2 nm"),
    other columns are attributes (name, class, source, or the one named by class_column)."""
    with open(str(path), newline="", encoding="utf-8-sig", errors="replace") as stream:
        rows = list(csv.reader(stream))
    if len(rows) < 2:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "'{}' has no spectra (a header row and one row per spectrum are needed)."), path)
    header = [h.strip() for h in rows[0]]
    spectral = [i for i, h in enumerate(header) if parse_wavelength(h) is not None]
    if len(spectral) < 2:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "'{}' has no wavelength columns: name them by wavelength, such as 450.2 or 450.2 nm."), path)
    wavelengths = check_wavelengths([parse_wavelength(header[i]) for i in spectral], len(spectral))
    for number, row in enumerate(rows[1:], start=2):
        if any(c.strip() for c in row) and len(row) <= spectral[-1]:
            raise SpectralLibraryError(QT_TRANSLATE_NOOP(
                "core", "Row {} of '{}' has {} cells but the header has {} columns: give every spectrum a cell (empty"
                        " if need be) under each column."), number, path, len(row), len(header))
    try:
        spectra = np.array([[float(row[i]) if row[i].strip() else np.nan for i in spectral]
                            for row in rows[1:] if any(c.strip() for c in row)])
    except (ValueError, IndexError) as error:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP(
            "core", "'{}' holds a spectral value that is not a number: {}"), path, error)
    body = [row for row in rows[1:] if any(c.strip() for c in row)]
    lower = [h.lower() for h in header]

    def column(*candidates):
        index = next((lower.index(c.lower()) for c in candidates if c and c.lower() in lower), None)
        return [row[index] if index < len(row) else "" for row in body] if index is not None else []

    if class_column and class_column.lower() not in lower:
        raise SpectralLibraryError(QT_TRANSLATE_NOOP("core", "'{}' has no column '{}'."), path, class_column)
    return SpectralLibrary(spectra, wavelengths, column(*_NAME_COLUMNS), column(class_column or "class"),
                           column("source") or ["LIBRARY"] * len(body))


def write_csv_library(library, path):
    """Write name, class, source and one column per wavelength (nm) or band number."""
    if library.wavelengths is None:
        raise WavelengthError(QT_TRANSLATE_NOOP("core", "A CSV library needs wavelengths for its column names."))
    with open(str(path), "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "class", "source"] + ["{:.4f}".format(w) for w in library.wavelengths])
        for index in range(len(library)):
            values = ["" if not np.isfinite(v) else repr(float(v)) for v in library.spectra[index]]
            writer.writerow([library.names[index], library.classes[index], library.sources[index]] + values)
