"""Soil-quality thresholds to read heavy-metal maps against: China's GB 15618-2018 and a user's background values.

GB 15618-2018, Soil environmental quality - Risk control standard for soil contamination of agricultural land
(Ministry of Ecology and Environment, State Administration for Market Regulation, in force 1 August 2018):
- risk screening values (Table 1, basic items): at or below them the risk to agricultural products, crop growth
  or the soil's ecology is low and can generally be ignored; above them a risk may exist and should be watched;
- risk intervention values (Table 3): above them the risk is generally high (Cd, Hg, As, Pb, Cr only).
Both are total contents in mg/kg, by soil pH class; Table 1 also by land use (paddy fields, orchards for Cu,
other agricultural land). Not covered: land that is not agricultural (GB 36600-2018 holds the values for
construction land).
"""
import re

from .messages import QT_TRANSLATE_NOOP, CoreError

STANDARD = "GB 15618-2018"
#: The standard's four soil pH classes.
PH_CLASSES = ("pH <= 5.5", "5.5 < pH <= 6.5", "6.5 < pH <= 7.5", "pH > 7.5")
#: Land uses of Table 1: paddy fields, orchards (a separate row for Cu only) and other agricultural land.
LAND_USES = ("paddy", "orchard", "other")

#: Table 1, risk screening values (mg/kg) per pH class, by land use ('all': one row for every land use).
SCREENING = {
    "Cd": {"paddy": (0.3, 0.4, 0.6, 0.8), "other": (0.3, 0.3, 0.3, 0.6)},
    "Hg": {"paddy": (0.5, 0.5, 0.6, 1.0), "other": (1.3, 1.8, 2.4, 3.4)},
    "As": {"paddy": (30.0, 30.0, 25.0, 20.0), "other": (40.0, 40.0, 30.0, 25.0)},
    "Pb": {"paddy": (80.0, 100.0, 140.0, 240.0), "other": (70.0, 90.0, 120.0, 170.0)},
    "Cr": {"paddy": (250.0, 250.0, 300.0, 350.0), "other": (150.0, 150.0, 200.0, 250.0)},
    "Cu": {"orchard": (150.0, 150.0, 200.0, 200.0), "other": (50.0, 50.0, 100.0, 100.0)},
    "Ni": {"all": (60.0, 70.0, 100.0, 190.0)},
    "Zn": {"all": (200.0, 200.0, 250.0, 300.0)},
}
#: Table 3, risk intervention values (mg/kg) per pH class, every land use.
INTERVENTION = {"Cd": (1.5, 2.0, 3.0, 4.0), "Hg": (2.0, 2.5, 4.0, 6.0), "As": (200.0, 150.0, 120.0, 100.0),
                "Pb": (400.0, 500.0, 700.0, 1000.0), "Cr": (800.0, 850.0, 1000.0, 1300.0)}


class BackgroundError(CoreError):
    """Background values that cannot be read."""


def ph_class(ph):
    """Index of the pH class of `ph` in PH_CLASSES (0-3); None when the pH is not known."""
    if ph is None:
        return None
    return 0 if ph <= 5.5 else 1 if ph <= 6.5 else 2 if ph <= 7.5 else 3


def _metal(metal):
    """The standard's spelling of a metal name ('pb', 'PB' -> 'Pb'); None for one it does not cover."""
    return next((m for m in SCREENING if m.lower() == str(metal).strip().lower()), None)


def screening_value(metal, ph=None, land_use="other"):
    """The risk screening value of `metal` (mg/kg) for the soil pH and land use; None for a metal the standard
    does not list. With the pH unknown, the lowest value of the four classes (the strictest reading)."""
    metal = _metal(metal)
    if metal is None:
        return None
    rows = SCREENING[metal]
    values = rows.get(land_use, rows.get("all", rows.get("other")))
    index = ph_class(ph)
    return min(values) if index is None else values[index]


def intervention_value(metal, ph=None):
    """The risk intervention value of `metal` (mg/kg); None where Table 3 has none. pH unknown: the lowest."""
    metal = _metal(metal)
    if metal not in INTERVENTION:
        return None
    index = ph_class(ph)
    return min(INTERVENTION[metal]) if index is None else INTERVENTION[metal][index]


def parse_background(text):
    """{metal: mg/kg} from 'Pb=29.7, Cd=0.126' (also ':' for '=' and ';' or new lines between); empty text, {}."""
    values = {}
    for item in [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]:
        match = re.fullmatch(r"([A-Za-z][\w ]*?)\s*[=:]\s*([-+0-9.eE]+)", item)
        try:
            number = float(match.group(2)) if match else None
        except ValueError:
            number = None
        if number is None:
            raise BackgroundError(QT_TRANSLATE_NOOP("core", "cannot read '{}': write each background value as "
                                                            "metal=mg/kg, such as Pb=29.7, Cd=0.126."), item)
        if not number > 0:
            raise BackgroundError(QT_TRANSLATE_NOOP("core", "the background value of {} is {:g}; it must be above 0 "
                                                            "mg/kg."), match.group(1), number)
        values[match.group(1).strip()] = number
    return values


def thresholds(metals, ph=None, land_use="other", background=None):
    """Per metal: (background or None, screening value or None, intervention value or None), mg/kg. Background
    names are matched without regard to case."""
    background = {name.lower(): value for name, value in (background or {}).items()}
    return {metal: (background.get(str(metal).lower()), screening_value(metal, ph, land_use),
                    intervention_value(metal, ph)) for metal in metals}
