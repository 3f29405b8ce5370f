"""Outputs as a user meets them: each raster opened fresh in QGIS (as when dragged in from the folder) shows the
style written beside it, and the workflow's layers arrive named, grouped and ordered."""
import os

import numpy as np
import pytest
from qgis.core import (QgsApplication, QgsMultiBandColorRenderer, QgsPalettedRasterRenderer, QgsProcessingContext,
                       QgsProcessingOutputLayerDefinition, QgsProject, QgsRasterLayer, QgsSingleBandPseudoColorRenderer)

from conftest import create_scene, read_raster


@pytest.fixture(scope="module")
def chain(tmp_path_factory, pccee_provider):
    """The workflow's steps on a 64 x 64 simulated scene, each output named: {name: path}."""
    import processing
    folder = tmp_path_factory.mktemp("styles")
    out = {k: v for k, v in create_scene(folder, size=64).items() if isinstance(v, str)}

    def run(algorithm, parameters):
        return processing.run("pccee:" + algorithm, parameters, context=QgsProcessingContext())

    def path(name):
        return str(folder / name)

    ppi = run("extractendmembersppi", {"INPUT": out["clean"], "SKEWERS": 1000, "ENDMEMBERS": 6,
                                       "OUTPUT": path("ppi.gpkg"), "OUTPUT_SCORES": path("ppi_counts.tif")})
    prior = run("matchpriorlibrary", {"INPUT": out["clean"], "OUTPUT": path("prior.gpkg"),
                                      "OUTPUT_ANGLES": path("prior_angles.tif")})
    topk = run("selecttopkendmembers", {"CANDIDATES": [ppi["OUTPUT"], prior["OUTPUT"]], "K": 4, "UP_TO_K": True,
                                        "OUTPUT": path("topk.gpkg")})
    run("unmixabundances", {"INPUT": out["clean"], "ENDMEMBERS": topk["OUTPUT"], "OUTPUT": path("abundances.tif"),
                            "OUTPUT_RESIDUAL": path("residual.tif")})
    run("invertmetals", {"ABUNDANCES": path("abundances.tif"), "SAMPLES": out["samples"], "TREES": 20,
                         "SOIL_PH": 6.0, "BACKGROUND": "Pb=30, Cd=0.1",
                         "OUTPUT": path("concentrations.tif"), "OUTPUT_UNCERTAINTY": path("uncertainty.tif"),
                         "OUTPUT_METRICS": path("metrics.gpkg"), "OUTPUT_REPORT": path("inversion.html"),
                         "OUTPUT_MODEL": path("model.npz")})
    run("zonepollution", {"INPUT": path("concentrations.tif"), "K": 3, "SOIL_PH": 6.0, "OUTPUT": path("zones.tif"),
                          "OUTPUT_STATS": path("zones.gpkg"), "OUTPUT_REPORT": path("zones.html")})
    run("spectralanglemaps", {"INPUT": out["clean"], "ENDMEMBERS": topk["OUTPUT"], "OUTPUT": path("sam.tif"),
                              "OUTPUT_PLOT": path("spectra.html")})
    out.update({name: path(name + ".tif") for name in ("ppi_counts", "prior_angles", "abundances", "residual",
                                                       "concentrations", "uncertainty", "zones", "sam")})
    out.update(topk=topk["OUTPUT"], ppi_library=ppi["OUTPUT"], prior_library=prior["OUTPUT"],
               metrics=path("metrics.gpkg"), zone_table=path("zones.gpkg"))
    return out


def opened(path):
    """The raster as QGIS opens a file the user drags in: its default style (the .qml beside it) read."""
    layer = QgsRasterLayer(path, os.path.basename(path), "gdal")
    assert layer.isValid(), path
    return layer


def stretch(path, band=1):
    """The 2nd and 98th percentiles of a band's valid values."""
    values = read_raster(path)[..., band - 1].astype(float)
    return np.percentile(values[(values != -9999.0) & (values != -1.0)], [2, 98])


@pytest.mark.parametrize("name, ramp_units, shown_band", [("concentrations", "mg/kg", 1), ("uncertainty", "mg/kg", 1),
                                                         ("residual", "RMSE", 1), ("prior_angles", "°", 1),
                                                         ("sam", "°", 1), ("metals", "mg/kg", 1)])
def test_continuous_outputs_open_with_a_robust_stretch_and_units(chain, name, ramp_units, shown_band):
    path = chain[name]
    assert os.path.exists(os.path.splitext(path)[0] + ".qml")
    layer = opened(path)  # the renderer lives as long as its layer
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer) and renderer.band() == shown_band
    low, high = stretch(path, shown_band)
    tolerance = 0.03 * (high - low)  # QGIS's cumulative cut reads a histogram of the band
    assert renderer.classificationMin() == pytest.approx(low, abs=tolerance)
    assert renderer.classificationMax() == pytest.approx(high, abs=tolerance)
    function = renderer.shader().rasterShaderFunction()
    assert function.legendSettings().suffix().strip() == ramp_units
    assert function.colorRampType() == function.Interpolated


def test_fractions_counts_and_scenes_open_in_their_own_styles(chain):
    for name in ("abundances", "truth"):
        layer = opened(chain[name])
        renderer = layer.renderer()
        assert (renderer.classificationMin(), renderer.classificationMax()) == (0.0, 1.0), name
    layer = opened(chain["ppi_counts"])
    counts = layer.renderer()
    assert counts.classificationMin() == 1.0 and counts.shader().rasterShaderFunction().clip()  # zeros not drawn
    assert counts.classificationMax() > 1.0
    for name in ("scene", "clean"):
        layer = opened(chain[name])
        renderer = layer.renderer()
        assert isinstance(renderer, QgsMultiBandColorRenderer), name
        assert renderer.redBand() > renderer.greenBand() > renderer.blueBand(), name  # bands in rising wavelength


@pytest.mark.parametrize("name", ["scene", "clean"])
def test_true_colour_stretch_is_that_of_the_scaled_values(chain, name):
    """The scenes' stretch is sampled as they are written (no second read of the cube): it must still be the 2-98 %
    of what QGIS shows, the stored integers times the band's scale, nodata left out."""
    from osgeo import gdal
    layer = opened(chain[name])
    renderer = layer.renderer()
    dataset = gdal.Open(chain[name])
    for band, enhancement in ((renderer.redBand(), renderer.redContrastEnhancement()),
                              (renderer.greenBand(), renderer.greenContrastEnhancement()),
                              (renderer.blueBand(), renderer.blueContrastEnhancement())):
        gdal_band = dataset.GetRasterBand(band)
        values = gdal_band.ReadAsArray().astype(float).ravel()
        values = values[values != gdal_band.GetNoDataValue()] * gdal_band.GetScale() + gdal_band.GetOffset()
        low, high = np.percentile(values, [2, 98])
        assert enhancement.minimumValue() == pytest.approx(low, abs=0.01 * (high - low)), (name, band)
        assert enhancement.maximumValue() == pytest.approx(high, abs=0.01 * (high - low)), (name, band)


def test_zones_open_with_their_names_and_colours(chain):
    """A GTiff keeps its category names in the .aux.xml beside it; QGIS 3.22 reads them, but from the colour table
    it makes a legend of 256 entries (0, the zones, then 4 to 255). The .qml gives the zones and nothing else."""
    layer = opened(chain["zones"])
    renderer = layer.renderer()
    assert isinstance(renderer, QgsPalettedRasterRenderer)
    assert [c.label for c in renderer.classes()] == ["low background", "moderate diffusion", "high-risk composite"]
    assert [c.value for c in renderer.classes()] == [1, 2, 3]
    assert [label for label, _ in renderer.legendSymbologyItems()] == [c.label for c in renderer.classes()]
    colours = [c.color.name() for c in renderer.classes()]
    assert colours[0] != colours[-1] and len(set(colours)) == 3


def test_a_style_exists_only_beside_a_committed_output(chain, run_alg, tmp_path):
    """The .qml is written in the run's stage: a failed run leaves neither the raster nor its style."""
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException):
        run_alg("pccee:zonepollution", {"INPUT": chain["concentrations"], "K": 3, "BACKGROUND": "Pb 30",
                                        "OUTPUT": str(tmp_path / "z.tif"), "OUTPUT_STATS": str(tmp_path / "z.gpkg"),
                                        "OUTPUT_REPORT": str(tmp_path / "z.html")})
    assert os.listdir(str(tmp_path)) == []


def test_workflow_layers_arrive_named_grouped_ordered_and_diagnostics_hidden(chain):
    """What QGIS does at the end of a workflow run from its dialog (every output to load, the child algorithms'
    styles attached), on the chain's files: one group named after the scene, zones on top, one layer per metal,
    diagnostics hidden, the scene at the bottom, tables last."""
    from processing.gui.Postprocessing import handleAlgorithmResults
    from pccee.algorithms.provider import WORKFLOW_OUTPUTS
    from pccee.algorithms.styling import OutputLayer, hot_concentrations, keep_alive
    model = QgsApplication.processingRegistry().createAlgorithmById("pccee:pcceeworkflow")
    files = {"zone:zones": "zones", "invert:concentrations": "concentrations", "invert:uncertainty": "uncertainty",
             "unmix:abundances": "abundances", "unmix:abundance_residual": "residual", "topk:topk_endmembers": "topk",
             "prior:prior_endmembers": "prior_library", "prior:prior_angles": "prior_angles",
             "ppi:ppi_endmembers": "ppi_library", "ppi:ppi_counts": "ppi_counts", "badbands:clean_scene": "clean",
             "invert:inversion_metrics": "metrics", "zone:zone_statistics": "zone_table"}
    project = QgsProject()
    context = QgsProcessingContext()
    context.setProject(project)
    results = {}
    for name, key in files.items():  # as the steps register their outputs ('zones', 'ppi_counts': the model's ids)
        definition = QgsProcessingOutputLayerDefinition(chain[key], project)
        model.parameterAsOutputLayer({name: definition}, name, context)
        details = context.layerToLoadOnCompletionDetails(chain[key])
        details.name = name.split(":")[1]
        if key == "concentrations":
            details.setPostProcessor(keep_alive(OutputLayer(hot_concentrations())))
        results[name] = chain[key]
    model._place_layers({"scene": chain["scene"]}, results, context)
    assert handleAlgorithmResults(model, context, parameters={})
    root = project.layerTreeRoot()
    assert [node.name() for node in root.children()] == ["PCCEE workflow: scene"]
    group = root.children()[0]
    names = [node.name() for node in group.children()]
    labels = {name: model.parameterDefinition(name).description() for name, _ in WORKFLOW_OUTPUTS}
    assert names == [labels[n] for n, shown in WORKFLOW_OUTPUTS if n in files and shown is not None] + \
        [labels[n] for n, shown in WORKFLOW_OUTPUTS if n in files and shown is None]
    assert names[0] == "Pollution zones" and names[-3] == "Scene without bad bands (true colour)"
    shown = [node.name() for node in group.children() if node.itemVisibilityChecked()]
    assert shown[:3] == ["Pollution zones", "Metal concentrations (mg/kg)", "Scene without bad bands (true colour)"]
    metals = group.children()[1]
    assert [node.name() for node in metals.children()] == ["{} (mg/kg)".format(m) for m in
                                                           ("Pb", "Cd", "Cr", "Hg", "As", "Cu", "Zn", "Ni")]
    assert [node.itemVisibilityChecked() for node in metals.children()] == [True] + [False] * 7
    cd = metals.children()[1].layer().renderer()
    assert cd.band() == 2 and cd.classificationMax() == pytest.approx(stretch(chain["concentrations"], 2)[1], rel=0.05)
