"""The paper's Table 1: seven endmember workflows (PPI, VCA, prior SAM and their combinations), each carried
through NNLS unmixing to the cross-validated inversion, with the same seed and folds."""
import time

import numpy as np
from qgis.core import (QgsProcessing, QgsProcessingMultiStepFeedback, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterNumber,
                       QgsProcessingUtils)
from qgis.PyQt.QtCore import QVariant

from ..base import PcceeAlgorithm
from ..endmembers.endmember_extraction import EndmemberExtraction as Extraction
from ..endmembers.extract_endmembers_ppi import ExtractEndmembersPpi as Ppi
from ..endmembers.extract_endmembers_vca import ExtractEndmembersVca as Vca
from ..endmembers.match_prior_library import MatchPriorLibrary
from ..endmembers.merge_endmembers import MergeEndmembers
from ..endmembers.select_top_k_endmembers import SelectTopKEndmembers as TopK
from ..core import inversion
from ..reports.ablation_report import write_ablation_report
from ..io.raster_reader import RasterReader
from ..library_layer import read_library
from ..metal_cross_validation import SEED, CrossValidation, add_cross_validation_parameters
from ..prior_library import CLASS_FIELD, PRIOR, PRIOR_FILE, add_prior_parameters
from ..sample_points import (add_metals_parameter, chosen_metals, metal_fields, raster_and_samples,
                             samples_at_pixels)
from ..unmixing.unmix_abundances import METHODS, UnmixAbundances

TEMPORARY = QgsProcessing.TEMPORARY_OUTPUT

#: (name, sources) in the paper's order; "PS" is the prior library matched by SAM.
WORKFLOWS = (("PPI", ("PPI",)), ("PPI+VCA", ("PPI", "VCA")), ("PPI+PS", ("PPI", "PS")), ("VCA", ("VCA",)),
             ("VCA+PS", ("VCA", "PS")), ("PS", ("PS",)), ("PPI+VCA+PS", ("PPI", "VCA", "PS")))


class EndmemberAblation(PcceeAlgorithm):
    SAMPLES = "SAMPLES"
    METALS = "METALS"
    WORKFLOWS = "WORKFLOWS"
    PRIOR, PRIOR_FILE, CLASS_FIELD = PRIOR, PRIOR_FILE, CLASS_FIELD
    PPI_ENDMEMBERS = "PPI_ENDMEMBERS"
    VCA_ENDMEMBERS = "VCA_ENDMEMBERS"
    SKEWERS = "SKEWERS"
    K = "K"
    GROUP_ID = "evaluation"
    REQUIRES = ("sklearn",)

    def name(self):
        return "endmemberablation"

    def displayName(self):
        return self.tr("Compare endmember workflows (ablation)")

    def shortHelpString(self):
        return self.tr(
            "The ablation of the paper's Table 1. PPI, VCA and the prior-library SAM (PS) each run once on the "
            "raster; then each workflow (PPI, PPI+VCA, PPI+PS, VCA, VCA+PS, PS, PPI+VCA+PS) builds its "
            "endmember library, unmixes the raster with NNLS, and a Random Forest per metal is cross-validated "
            "on the abundances at the soil samples, with the same seed and folds for every workflow.\n\n"
            "Libraries: without PS, all the candidates of the workflow (merged, a pixel found twice kept once): "
            "there is no prior to rank them. With PS, the candidates and the prior-matched pixels go through "
            "the Top-K optimisation (K, one per prior class, refined on the raster), as in the PCCEE workflow; a "
            "workflow whose candidates match fewer classes keeps fewer (the table says how many).\n"
            "Outputs: a table (per workflow: number of endmembers, CV R2 per metal and their mean, seconds) "
            "and an HTML report with a grouped bar chart. Seconds: the extractions the workflow uses, its "
            "selection, unmixing and cross-validation; the full-scene concentration maps are not drawn. Each "
            "row equals running the steps one by one with 'Invert metal concentrations' on the same settings.\n"
            "Remove bad bands first.")

    def initAlgorithm(self, config=None):
        self.add_scene_parameter()
        self.addParameter(QgsProcessingParameterFeatureSource(self.SAMPLES, self.tr("Soil samples"),
                                                              [QgsProcessing.TypeVectorPoint]))
        add_metals_parameter(self, self.SAMPLES)
        self.addParameter(QgsProcessingParameterEnum(self.WORKFLOWS, self.tr("Workflows"),
                                                     [name for name, _ in WORKFLOWS], allowMultiple=True,
                                                     defaultValue=list(range(len(WORKFLOWS)))))
        add_prior_parameters(self, self.tr("Prior spectral library (empty: built-in)"))
        for name, label, default in ((self.PPI_ENDMEMBERS, self.tr("PPI endmembers"), 10),
                                     (self.VCA_ENDMEMBERS, self.tr("VCA endmembers"), 6),
                                     (self.SKEWERS, self.tr("PPI skewers"), 10000),
                                     (self.K, self.tr("K (Top-K endmembers of the workflows with PS)"), 4)):
            self.addParameter(QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Integer,
                                                           default, minValue=1))
        add_cross_validation_parameters(self)
        self.add_table_and_report(self.OUTPUT, self.tr("Workflow comparison table"), self.tr("Workflow comparison report"))

    def process(self, parameters, context, feedback):
        reader, layer, source = raster_and_samples(self, self.INPUT, parameters, context)
        metals = metal_fields(self, self.METALS, source, chosen_metals(self, parameters, context))
        chosen = [WORKFLOWS[i] for i in self.parameterAsEnums(parameters, self.WORKFLOWS, context)]
        validation = CrossValidation.from_parameters(self, parameters, context)
        samples_at_pixels(self, self.SAMPLES, reader, layer, source, metals, context)  # fails early if none fall on it
        report = self.output_file_path(parameters, self.OUTPUT_REPORT, context)

        used = sorted({s for _, sources in chosen for s in sources}, key=["PPI", "VCA", "PS"].index)
        steps = QgsProcessingMultiStepFeedback(len(used) + 3 * len(chosen), feedback)
        children = _Children(self, parameters, context, steps)
        candidates = {s: children.extract(s) for s in used}
        rows = []
        for name, sources in chosen:
            start = time.perf_counter()
            library = children.select([candidates[s][0] for s in sources], "PS" in sources)
            abundances = children.unmix(library)
            children.advance()
            r2 = self._cross_validated_r2(validation, abundances, layer, source, metals, context, steps)
            seconds = sum(candidates[s][1] for s in sources) + time.perf_counter() - start
            names = read_library(QgsProcessingUtils.mapLayerFromString(library, context)).names
            rows.append(dict(workflow=name, endmembers=names, r2=r2, mean_r2=float(np.mean(r2)), seconds=seconds))
            feedback.pushInfo(self.tr("{}: {} endmembers, mean CV R2 {:.3f} ({}), {:.1f} s").format(
                name, len(names), rows[-1]["mean_r2"], ", ".join("{} {:.3f}".format(m, v) for (m, _), v in
                                                                 zip(metals, r2)), seconds))
        best = max(rows, key=lambda row: row["mean_r2"])
        feedback.pushInfo(self.tr("Best mean CV R2: {} ({:.3f}).").format(best["workflow"], best["mean_r2"]))
        names = [m for m, _ in metals]
        write_ablation_report(report, rows, names, self.tr(
            "NNLS unmixing; Random Forest of {} trees, {} folds, seed {}; Top-K = {} for the workflows with PS.").format(
                validation.trees, validation.folds or "leave-one-out", validation.seed,
                self.parameterAsInt(parameters, self.K, context)))
        columns = [("workflow", QVariant.String), ("endmembers", QVariant.Int), ("endmember_names", QVariant.String),
                   ("cv_r2_mean", QVariant.Double)] + [("cv_r2_" + m, QVariant.Double) for m in names] + \
                  [("seconds", QVariant.Double)]
        table = [[row["workflow"], len(row["endmembers"]), "; ".join(row["endmembers"]), row["mean_r2"], *row["r2"],
                  row["seconds"]] for row in rows]
        return {self.OUTPUT: self.write_table(parameters, self.OUTPUT, context, columns, table),
                self.OUTPUT_REPORT: report}

    def _cross_validated_r2(self, validation, abundances, layer, source, metals, context, feedback):
        """CV R2 of each metal from the abundances at the samples, as 'Invert metal concentrations' does."""
        ids, points, features, values = samples_at_pixels(self, self.SAMPLES, RasterReader(abundances), layer,
                                                          source, metals, context)
        return [inversion.metrics(target, predicted, predicted).r2 for _, _, _, target, predicted in
                validation.each_metal(metals, ids, features, values, feedback, points)]


class _Children:
    """The ablation's steps as child algorithms sharing its context, each on its own part of the progress bar."""

    def __init__(self, algorithm, parameters, context, feedback):
        self.algorithm, self.parameters, self.context, self.feedback = algorithm, parameters, context, feedback
        self.step = 0
        a = algorithm
        self.wavelengths = parameters.get(a.WAVELENGTHS)
        self.prior = {name: parameters.get(name) for name in (PRIOR, PRIOR_FILE, CLASS_FIELD)}
        self.settings = {name: a.parameterAsInt(parameters, name, context)
                         for name in (a.PPI_ENDMEMBERS, a.VCA_ENDMEMBERS, a.SKEWERS, a.K, SEED)}

    def advance(self):
        """On to the next part of the progress bar, unless the user cancelled."""
        if self.feedback.isCanceled():
            raise self.algorithm.cancelled()
        self.feedback.setCurrentStep(self.step)
        self.step += 1

    def run(self, algorithm, parameters):
        """Run the algorithm class (by its own id) as a child, on the next part of the progress bar."""
        import processing  # the Processing plugin; present wherever algorithms run
        self.advance()
        return processing.run("pccee:" + algorithm().name(), parameters, context=self.context,
                              feedback=self.feedback, is_child_algorithm=True)

    def extract(self, source):
        """(candidate library, seconds) of one method on the raster."""
        start = time.perf_counter()
        scene = {Extraction.INPUT: self.parameters[self.algorithm.INPUT], Extraction.WAVELENGTHS: self.wavelengths,
                 Extraction.OUTPUT: TEMPORARY}
        if source == "PPI":
            result = self.run(Ppi, dict(scene, **{
                Ppi.ENDMEMBERS: self.settings[self.algorithm.PPI_ENDMEMBERS], Ppi.SKEWERS: self.settings[self.algorithm.SKEWERS],
                Ppi.SEED: self.settings[SEED], Ppi.OUTPUT_SCORES: TEMPORARY}))
        elif source == "VCA":
            result = self.run(Vca, dict(scene, **{
                Vca.ENDMEMBERS: self.settings[self.algorithm.VCA_ENDMEMBERS], Vca.SEED: self.settings[SEED]}))
        else:
            result = self.run(MatchPriorLibrary, dict(scene, **self.prior, **{MatchPriorLibrary.OUTPUT_ANGLES: TEMPORARY}))
        return result[Extraction.OUTPUT], time.perf_counter() - start

    def select(self, libraries, with_prior):
        """The workflow's endmember library: Top-K against the prior with PS (refined on the raster, as in the PCCEE
        workflow), else all candidates."""
        if with_prior:
            return self.run(TopK, dict(self.prior, **{
                TopK.CANDIDATES: libraries, TopK.K: self.settings[self.algorithm.K], TopK.UP_TO_K: True,
                TopK.INPUT: self.parameters[self.algorithm.INPUT], TopK.REFINE: True,
                TopK.OUTPUT: TEMPORARY}))[TopK.OUTPUT]
        if len(libraries) == 1:
            self.advance()
            return libraries[0]
        return self.run(MergeEndmembers, {MergeEndmembers.INPUT: libraries,
                                          MergeEndmembers.OUTPUT: TEMPORARY})[MergeEndmembers.OUTPUT]

    def unmix(self, library):
        """The path of the NNLS abundance raster."""
        return self.run(UnmixAbundances, {
            UnmixAbundances.INPUT: self.parameters[self.algorithm.INPUT], UnmixAbundances.ENDMEMBERS: library,
            UnmixAbundances.METHOD: METHODS.index("nnls"), UnmixAbundances.WAVELENGTHS: self.wavelengths,
            UnmixAbundances.OUTPUT: TEMPORARY, UnmixAbundances.OUTPUT_RESIDUAL: TEMPORARY})[UnmixAbundances.OUTPUT]
