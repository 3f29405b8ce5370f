"""Build resources/models/pccee_workflow.model3: the whole PCCEE workflow as a Graphical Modeler model.

Run with QGIS's Python from the repository root:  QT_QPA_PLATFORM=offscreen python3 scripts/build_workflow_model.py
(an optional argument writes the model elsewhere).
The model opens in the Graphical Modeler (Processing > Graphical Modeler > open) and appears in the Toolbox as
pccee:pcceeworkflow ("PCCEE workflow") once the plugin is loaded. A run needs only the scene and the samples:
every output goes to a temporary file unless given a path.
"""
import os
import sys

os.environ["QT_HASH_SEED"] = "0"  # Qt writes XML attributes in hash order: a fixed seed, a stable file
from qgis.core import (QgsApplication, QgsProcessing, QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                       QgsProcessingModelChildParameterSource, QgsProcessingModelOutput, QgsProcessingModelParameter,
                       QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber, QgsProcessingParameterRasterLayer,
                       QgsProcessingParameterString)
from qgis.PyQt.QtCore import QPointF

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
Source = QgsProcessingModelChildParameterSource

# The scene's wavelengths feed only the bad-band step: it writes them, for the bands it keeps, into the clean
# scene the later steps read (the list given for the scene would not fit the clean scene's fewer bands).
# The soil-quality inputs the inversion and the zoning share (GB 15618-2018 screening values, background values).
SOIL_QUALITY = {"SOIL_PH": Source.fromModelParameter("soil_ph"), "LAND_USE": Source.fromModelParameter("land_use"),
                "BACKGROUND": Source.fromModelParameter("background")}
# (child id, algorithm, description, {parameter: source}, {model output name: (child output, description)})
STEPS = [
    ("badbands", "pccee:removebadbands", "Remove bad bands",
     {"INPUT": Source.fromModelParameter("scene"), "DROP_WATER_VAPOUR": Source.fromStaticValue(True),
      "DROP_CONSTANT": Source.fromStaticValue(True), "WAVELENGTHS": Source.fromModelParameter("wavelengths")},
     {"clean_scene": ("OUTPUT", "Scene without bad bands (true colour)")}),
    ("ppi", "pccee:extractendmembersppi", "PPI candidates (10)",
     {"INPUT": Source.fromChildOutput("badbands", "OUTPUT"), "ENDMEMBERS": Source.fromStaticValue(10),
      "SKEWERS": Source.fromStaticValue(10000), "SEED": Source.fromStaticValue(0)},
     {"ppi_endmembers": ("OUTPUT", "PPI endmembers"), "ppi_counts": ("OUTPUT_SCORES", "PPI counts (purity)")}),
    ("vca", "pccee:extractendmembersvca", "VCA candidates (6)",
     {"INPUT": Source.fromChildOutput("badbands", "OUTPUT"), "ENDMEMBERS": Source.fromStaticValue(6),
      "VARIANCE": Source.fromStaticValue(0.95), "SEED": Source.fromStaticValue(0)},
     {"vca_endmembers": ("OUTPUT", "VCA endmembers")}),
    ("prior", "pccee:matchpriorlibrary", "Prior-library SAM matching",
     {"INPUT": Source.fromChildOutput("badbands", "OUTPUT"), "PRIOR": Source.fromModelParameter("prior_library")},
     {"prior_endmembers": ("OUTPUT", "Prior-matched endmembers"),
      "prior_angles": ("OUTPUT_ANGLES", "Angles to the prior spectra (degrees)")}),
    ("topk", "pccee:selecttopkendmembers", "Top-K optimisation (K)",
     {"CANDIDATES": [Source.fromChildOutput("ppi", "OUTPUT"), Source.fromChildOutput("vca", "OUTPUT"),
                     Source.fromChildOutput("prior", "OUTPUT")],
      "PRIOR": Source.fromModelParameter("prior_library"), "K": Source.fromModelParameter("k"),
      "UP_TO_K": Source.fromModelParameter("up_to_k"), "INPUT": Source.fromChildOutput("badbands", "OUTPUT"),
      "REFINE": Source.fromStaticValue(True)},
     {"topk_endmembers": ("OUTPUT", "Top-K endmembers")}),
    ("unmix", "pccee:unmixabundances", "NNLS unmixing",
     {"INPUT": Source.fromChildOutput("badbands", "OUTPUT"), "ENDMEMBERS": Source.fromChildOutput("topk", "OUTPUT"),
      "METHOD": Source.fromStaticValue(0)},
     {"abundances": ("OUTPUT", "Abundances (fractions 0-1)"),
      "abundance_residual": ("OUTPUT_RESIDUAL", "Unmixing residual (RMSE)")}),
    ("invert", "pccee:invertmetals", "Random Forest inversion",
     {"ABUNDANCES": Source.fromChildOutput("unmix", "OUTPUT"), "SAMPLES": Source.fromModelParameter("samples"),
      "METALS": Source.fromModelParameter("metals"), "TREES": Source.fromStaticValue(500),
      "FOLDS": Source.fromStaticValue(5), "SEED": Source.fromStaticValue(0), **SOIL_QUALITY},
     {"concentrations": ("OUTPUT", "Metal concentrations (mg/kg)"),
      "uncertainty": ("OUTPUT_UNCERTAINTY", "Concentration uncertainty (mg/kg)"),
      "inversion_metrics": ("OUTPUT_METRICS", "Inversion metrics (table)"),
      "inversion_report": ("OUTPUT_REPORT", "Inversion report (HTML)"),
      "inversion_model": ("OUTPUT_MODEL", "Trained inversion model")}),
    ("correlate", "pccee:correlatemetals", "Correlation of the measured metals",
     {"SAMPLES": Source.fromModelParameter("samples"), "FIELDS": Source.fromModelParameter("metals")},
     {"correlation": ("OUTPUT", "Metal correlation (table)"),
      "correlation_report": ("OUTPUT_REPORT", "Metal correlation report (HTML)")}),
    ("zone", "pccee:zonepollution", "K-means pollution zones",
     {"INPUT": Source.fromChildOutput("invert", "OUTPUT"), "K": Source.fromStaticValue(0),
      "SEED": Source.fromStaticValue(0), **SOIL_QUALITY},
     {"zones": ("OUTPUT", "Pollution zones"), "zone_statistics": ("OUTPUT_STATS", "Zone statistics (table)"),
      "zone_report": ("OUTPUT_REPORT", "Zoning report (HTML)")}),
]


def add_default_sources(child, sources):
    """The default value of every other input of the child, as a static source: a parameter without a
    source is 'mandatory' to the Modeler's check, which draws the step red and calls the model invalid."""
    for definition in child.algorithm().parameterDefinitions():
        if definition.name() not in sources and not definition.isDestination() and definition.defaultValue() is not None:
            child.addParameterSources(definition.name(), [Source.fromStaticValue(definition.defaultValue())])


def inputs():
    """The model's inputs; only the scene and the samples are required."""
    up_to_k = QgsProcessingParameterBoolean(
        "up_to_k", "Keep fewer than K if fewer classes match", True)
    up_to_k.setFlags(up_to_k.flags() | up_to_k.FlagAdvanced)
    return [QgsProcessingParameterRasterLayer("scene", "Hyperspectral scene (reflectance, with wavelengths)"),
            QgsProcessingParameterFeatureSource("samples", "Soil samples with metal fields",
                                                [QgsProcessing.TypeVectorPoint]),
            # Optional to QGIS 3.22, which refuses an unset field parameter whatever its default; the default applies.
            QgsProcessingParameterField("metals", "Metal fields (mg/kg)", "Pb;Cd;Cr;Hg;As;Cu;Zn;Ni",
                                        "samples", QgsProcessingParameterField.Any, allowMultiple=True, optional=True),
            QgsProcessingParameterNumber("soil_ph", "Soil pH (empty: strictest GB 15618 class)",
                                         QgsProcessingParameterNumber.Double, None, True, 0.0, 14.0),
            QgsProcessingParameterEnum("land_use", "Land use (GB 15618 screening values)",
                                       ["Other agricultural land", "Paddy field", "Orchard"], defaultValue=0),
            QgsProcessingParameterString("background", "Background (mg/kg), e.g. Pb=29.7, Cd=0.13", optional=True),
            QgsProcessingParameterFeatureSource("prior_library", "Prior spectral library (empty: built-in)",
                                                optional=True),
            QgsProcessingParameterNumber("k", "K (endmembers kept by Top-K)", QgsProcessingParameterNumber.Integer,
                                         4, minValue=1),
            up_to_k,
            QgsProcessingParameterString("wavelengths", "Wavelengths (nm) if the scene has none", optional=True)]


def build():
    # name() is the id users' scripts store (pccee:pcceeworkflow); the provider gives the display name.
    model = QgsProcessingModelAlgorithm("pcceeworkflow", "Workflows")
    for row, parameter in enumerate(inputs()):
        component = QgsProcessingModelParameter(parameter.name())
        component.setPosition(QPointF(120 + 260 * row, 60))
        model.addModelParameter(parameter, component)
    for index, (child_id, algorithm, description, sources, outputs) in enumerate(STEPS):
        child = QgsProcessingModelChildAlgorithm(algorithm)
        child.setChildId(child_id)
        child.setDescription(description)
        child.setPosition(QPointF(380, 160 + 110 * index))
        for name, source in sources.items():
            child.addParameterSources(name, source if isinstance(source, list) else [source])
        add_default_sources(child, sources)
        model_outputs = {}
        for position, (name, (child_output, label)) in enumerate(outputs.items()):
            output = QgsProcessingModelOutput(name, label)
            output.setChildId(child_id)
            output.setChildOutputName(child_output)
            output.setMandatory(False)  # QGIS 3.22 ignores the flag; a temporary default makes them optional
            output.setDefaultValue(QgsProcessing.TEMPORARY_OUTPUT)
            output.setPosition(QPointF(700 + 200 * position, 160 + 110 * index))
            model_outputs[name] = output
        child.setModelOutputs(model_outputs)
        model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    model.setHelpContent({"ALG_DESC": "The PCCEE workflow of the paper: bad bands removed; PPI (10) + VCA (6) + "
                          "prior-library SAM candidates; Top-K (K, default 4; fewer when the candidates match fewer "
                          "prior classes, unless 'keep fewer' is off); NNLS unmixing; Random Forest inversion of the "
                          "metals at the samples; the correlation of the measured metals (Pearson, with p-values and "
                          "n); K-means pollution zones (K at the elbow of the SSE curve). Concentrations and zones are "
                          "set against China's risk screening values for agricultural soil (GB 15618-2018, by soil pH "
                          "and land use) and the background values given. Only the scene and the samples are "
                          "required: outputs not given a path go to temporary files. In QGIS the layers arrive in one "
                          "group, zones and concentrations on top (one layer per metal), diagnostics hidden."})
    return model


def main():
    application = QgsApplication([], False)
    application.initQgis()
    # The children must resolve their algorithms for the model to derive its outputs.
    sys.path.insert(0, os.path.dirname(ROOT))
    provider = __import__(os.path.basename(ROOT) + ".algorithms.provider", fromlist=["PcceeProvider"]).PcceeProvider(
        models_dir="")
    QgsApplication.processingRegistry().addProvider(provider)
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "resources", "models", "pccee_workflow.model3")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not build().toFile(path):
        raise SystemExit("could not write " + path)
    print("wrote", path)


if __name__ == "__main__":
    main()
