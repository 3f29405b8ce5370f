"""The soil-quality parameters that the inversion and the zoning share: soil pH and land use for China's risk
screening values (GB 15618-2018, core.soil_standards) and the user's background values."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterNumber, QgsProcessingParameterString

from .core.soil_standards import BackgroundError, STANDARD, parse_background, ph_class, PH_CLASSES, thresholds

SOIL_PH = "SOIL_PH"
LAND_USE = "LAND_USE"
BACKGROUND = "BACKGROUND"
#: LAND_USE's choices, in the order of the enum.
LAND_USE_KEYS = ("other", "paddy", "orchard")


def add_soil_quality_parameters(algorithm):
    """SOIL_PH (optional), LAND_USE and BACKGROUND (optional)."""
    tr = algorithm.tr
    algorithm.addParameter(QgsProcessingParameterNumber(
        SOIL_PH, tr("Soil pH (empty: strictest GB 15618 class)"),
        QgsProcessingParameterNumber.Double, None, optional=True, minValue=0.0, maxValue=14.0))
    algorithm.addParameter(QgsProcessingParameterEnum(
        LAND_USE, tr("Land use (GB 15618 screening values)"),
        [tr("Other agricultural land"), tr("Paddy field"), tr("Orchard")], defaultValue=0))
    algorithm.addParameter(QgsProcessingParameterString(
        BACKGROUND, tr("Background (mg/kg), e.g. Pb=29.7, Cd=0.13"), optional=True))


class SoilQuality:
    """The thresholds a run compares its metals with, and the sentence that says which."""

    def __init__(self, ph, land_use, background):
        self.ph, self.land_use, self.background = ph, land_use, background

    @classmethod
    def from_parameters(cls, algorithm, parameters, context):
        ph = parameters.get(SOIL_PH)
        ph = None if ph in (None, "") else algorithm.parameterAsDouble(parameters, SOIL_PH, context)
        land_use = LAND_USE_KEYS[algorithm.parameterAsEnum(parameters, LAND_USE, context)]
        try:
            background = parse_background(algorithm.parameterAsString(parameters, BACKGROUND, context))
        except BackgroundError as error:
            raise algorithm.fail(BACKGROUND, error)
        return cls(ph, land_use, background)

    def thresholds(self, metals):
        """{metal: (background, screening value, intervention value)} in mg/kg, None where there is none."""
        return thresholds(metals, self.ph, self.land_use, self.background)

    def describe(self):
        """Which values apply, in words (English: the reports are in English)."""
        if self.ph is None:
            ph = "soil pH not given: the lowest value of the four pH classes (the strictest reading)"
        else:
            ph = "soil pH {:g} ({})".format(self.ph, PH_CLASSES[ph_class(self.ph)])
        land = {"other": "other agricultural land", "paddy": "paddy fields", "orchard": "orchards"}[self.land_use]
        return "{} risk screening and intervention values for {}, {}".format(STANDARD, land, ph)
