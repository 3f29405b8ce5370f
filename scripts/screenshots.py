"""Screenshots of the QGIS desktop as a user meets the plugin, for `make screenshots` (scripts/screenshots.sh runs
QGIS under Xvfb with `--code` on this file). Writes PNG files into $PCCEE_SCREENSHOTS and quits QGIS.

1. toolbox.png: the Processing Toolbox, PCCEE's groups in workflow order.
2. workflow_dialog.png, invert_dialog.png, zone_dialog.png: dialogs as they open, and (*_advanced.png) with their
   advanced parameters unfolded.
3. workflow_layers.png: the desktop after the workflow ran from its dialog (every output loaded): one group, zones
   on top, the other layers hidden or below.
4. workflow_concentrations.png: the same with the zones hidden: Pb in its 2-98 % stretch.
5. opened_from_folder.png: a fresh project with the zones and concentration files dragged in from the folder:
   the styles come from the .qml beside each file.
"""
import os
import sys
import time
import traceback

from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProcessingOutputLayerDefinition,
                       QgsProject, QgsRasterLayer)
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QTreeView
from qgis.utils import iface

OUT = os.environ["PCCEE_SCREENSHOTS"]
PLUGINS = os.environ["PCCEE_PLUGINS"]
SIZE = int(os.environ.get("PCCEE_SCENE_SIZE", "100"))
LOG = open(os.path.join(OUT, "screenshots.log"), "w")


def say(text):
    LOG.write("{:.1f} s  {}\n".format(time.time() - START, text))
    LOG.flush()


def settle(seconds=1.0):
    """Let Qt draw (and the map canvas render) for a moment."""
    end = time.time() + seconds
    while time.time() < end:
        QApplication.processEvents()
        time.sleep(0.05)
    iface.mapCanvas().waitWhileRendering()
    QApplication.processEvents()


def grab(widget, name):
    settle()
    widget.grab().save(os.path.join(OUT, name))
    say("wrote " + name)


def toolbox():
    dock = iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
    dock.show()
    settle()
    tree = dock.findChild(QTreeView)
    model = tree.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if "PCCEE" in str(model.data(index)):
            tree.expand(index)
            tree.scrollTo(index)
    grab(iface.mainWindow(), "toolbox.png")


def dialogs():
    """Each dialog at the size QGIS opens it, then with its advanced parameters unfolded."""
    import processing
    from qgis.PyQt.QtWidgets import QGroupBox, QToolButton
    for algorithm, name in (("pccee:pcceeworkflow", "workflow_dialog"), ("pccee:invertmetals", "invert_dialog"),
                            ("pccee:zonepollution", "zone_dialog")):
        dialog = processing.createAlgorithmDialog(algorithm)
        dialog.show()
        grab(dialog, name + ".png")
        for box in dialog.findChildren(QGroupBox):  # a QgsCollapsibleGroupBox: its button unfolds it
            if box.metaObject().className() == "QgsCollapsibleGroupBox" and box.findChildren(QToolButton):
                box.findChildren(QToolButton)[0].click()
        grab(dialog, name + "_advanced.png")
        say("{} dialog: {} x {}".format(algorithm, dialog.width(), dialog.height()))
        dialog.close()


def run_workflow():
    """The simulated scene, then the workflow with every output loaded into the project, as its dialog does."""
    import processing
    from processing.gui.Postprocessing import handleAlgorithmResults
    data = os.path.join(OUT, "data")
    os.makedirs(data, exist_ok=True)
    processing.run("pccee:createsamplescene", {
        "SIZE": SIZE, "SEED": 2024, "OUTPUT": os.path.join(data, "scene.tif"),
        "OUTPUT_ABUNDANCES": os.path.join(data, "truth_abundances.tif"),
        "OUTPUT_CONCENTRATIONS": os.path.join(data, "truth_concentrations.tif"),
        "OUTPUT_SAMPLES": os.path.join(data, "samples.gpkg")})
    say("scene created")
    project = QgsProject.instance()
    model = QgsApplication.processingRegistry().createAlgorithmById("pccee:pcceeworkflow")
    parameters = {"scene": os.path.join(data, "scene.tif"), "samples": os.path.join(data, "samples.gpkg")}
    files = {"zone:zones": "pollution_zones.tif", "invert:concentrations": "concentrations.tif",
             "zone:zone_report": "pollution_zones.html", "invert:inversion_report": "inversion_report.html",
             "correlate:correlation_report": "metal_correlation.html"}
    for definition in model.destinationParameterDefinitions():
        target = os.path.join(data, files[definition.name()]) if definition.name() in files else "TEMPORARY_OUTPUT"
        parameters[definition.name()] = (QgsProcessingOutputLayerDefinition(target, project)
                                         if definition.type() in ("rasterDestination", "sink") else target)
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = QgsProcessingFeedback()
    messages = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, level: messages.append((tag, level, text)))
    started = time.time()
    results, ok = model.run(parameters, context, feedback)
    say("workflow ran in {:.0f} s: {}".format(time.time() - started, ok))
    handleAlgorithmResults(model, context, feedback, parameters=parameters)
    settle()
    warnings = [m for m in messages if m[1] > 0 and m[0] != "Processing"]
    say("messages other than Processing's: {}".format(warnings or "none"))
    return project


def workflow_layers(project):
    group = project.layerTreeRoot().children()[0]
    zones = group.children()[0].layer()
    iface.mapCanvas().setExtent(zones.extent())
    iface.mapCanvas().refresh()
    grab(iface.mainWindow(), "workflow_layers.png")
    group.children()[0].setItemVisibilityChecked(False)
    iface.mapCanvas().refresh()
    grab(iface.mainWindow(), "workflow_concentrations.png")


def opened_from_folder():
    project = QgsProject.instance()
    project.clear()
    data = os.path.join(OUT, "data")
    for name in ("concentrations.tif", "pollution_zones.tif"):
        layer = QgsRasterLayer(os.path.join(data, name), os.path.splitext(name)[0], "gdal")
        project.addMapLayer(layer)
    iface.mapCanvas().setExtent(layer.extent())
    iface.mapCanvas().refresh()
    grab(iface.mainWindow(), "opened_from_folder.png")


def main():
    sys.path.insert(0, PLUGINS)
    import pccee
    plugin = pccee.classFactory(iface)
    plugin.initGui()
    iface.mainWindow().resize(1600, 1000)
    iface.mainWindow().showMaximized()
    settle(2.0)
    for step in (toolbox, dialogs):
        try:
            step()
        except Exception:  # noqa: BLE001 (go on with the other pictures, say what failed)
            say(traceback.format_exc())
    try:
        workflow_layers(run_workflow())
        opened_from_folder()
    except Exception:  # noqa: BLE001
        say(traceback.format_exc())
    say("done")
    LOG.close()
    QgsProject.instance().setDirty(False)
    os._exit(0)


START = time.time()
main()
