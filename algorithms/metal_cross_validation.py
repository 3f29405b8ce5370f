"""Out-of-fold Random Forest predictions of each metal at the soil samples: one copy, shared by the
inversion, the unmixing comparison and the endmember ablation, so that their R2 agree to the last digit."""
import numpy as np
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterNumber

from .core import inversion
from .sample_points import usable_samples

TREES = "TREES"
FOLDS = "FOLDS"
CV = "CV"
BLOCK_SIZE = "BLOCK_SIZE"
SEED = "SEED"
MIN_SAMPLES_LEAF = "MIN_SAMPLES_LEAF"


def add_cross_validation_parameters(algorithm, trees=500):
    """Trees, folds, random or spatial-block folds, seed, and (advanced) the minimum leaf size."""
    tr = algorithm.tr
    algorithm.addParameter(QgsProcessingParameterNumber(TREES, tr("Trees per forest"),
                                                        QgsProcessingParameterNumber.Integer, trees, minValue=1))
    algorithm.addParameter(QgsProcessingParameterNumber(FOLDS, tr("Cross-validation folds (0 = leave one out)"),
                                                        QgsProcessingParameterNumber.Integer, 5, minValue=0))
    algorithm.addParameter(QgsProcessingParameterEnum(CV, tr("Cross-validation"),
                                                      [tr("Random folds"), tr("Spatial blocks")], defaultValue=0))
    algorithm.addParameter(QgsProcessingParameterNumber(BLOCK_SIZE, tr("Spatial block size (map units)"),
                                                        QgsProcessingParameterNumber.Double, 1000.0, minValue=0.0))
    algorithm.add_seed_parameter()
    algorithm.add_advanced_parameter(QgsProcessingParameterNumber(MIN_SAMPLES_LEAF, tr("Minimum samples per leaf"),
                                                                  QgsProcessingParameterNumber.Integer, 1, minValue=1))


class CrossValidation:
    """The settings of the forests and folds, and the out-of-fold predictions of one metal."""

    def __init__(self, algorithm, trees, folds, seed, block=None, leaf=1):
        self.algorithm, self.trees, self.folds, self.seed, self.block, self.leaf = \
            algorithm, trees, folds, seed, block, leaf

    @classmethod
    def from_parameters(cls, algorithm, parameters, context):
        """The settings of add_cross_validation_parameters; scikit-learn is required."""
        algorithm.require_scikit_learn(TREES)
        spatial = algorithm.parameterAsEnum(parameters, CV, context) == 1
        folds, block = (algorithm.parameterAsInt(parameters, FOLDS, context),
                        algorithm.parameterAsDouble(parameters, BLOCK_SIZE, context))
        if folds == 1:
            raise algorithm.fail(FOLDS, algorithm.tr("one fold leaves no sample to validate on: give 0 (leave one out) "
                                                     "or 2 or more."))
        if spatial and block <= 0:
            raise algorithm.fail(BLOCK_SIZE, algorithm.tr("spatial blocks need a size above 0 map units; give the size "
                                                          "of a block (1000 m, say), or choose random folds."))
        return cls(algorithm, algorithm.parameterAsInt(parameters, TREES, context), folds,
                   algorithm.parameterAsInt(parameters, SEED, context), block if spatial else None,
                   algorithm.parameterAsInt(parameters, MIN_SAMPLES_LEAF, context))

    def each_metal(self, metals, ids, features, values, feedback, points=None, predictors=None):
        """Yield (index, metal, usable mask, measured, out-of-fold predicted) per (metal, field) pair.
        features decide which samples are usable; predictors(features of the usable samples), when
        given, turns them into what the forests learn from (abundances of sample spectra, say)."""
        for index, (metal, field) in enumerate(metals):
            keep = self.usable(metal, field, ids, features, values[:, index], feedback)
            x = features[keep] if predictors is None else predictors(features[keep])
            target = values[keep, index]
            yield index, metal, keep, target, self.predict(x, target, None if points is None else points[keep])

    def usable(self, metal, field, ids, features, values, feedback):
        """Mask of the samples usable for this metal; the others are listed in the log (see learnable)."""
        algorithm = self.algorithm
        keep, why = usable_samples(values, features)
        for reason, which in why.items():
            if which:
                feedback.pushWarning(algorithm.tr("{}: {} of {} samples left out, {}: ids {}").format(
                    metal, len(which), len(values), reason, ", ".join(str(ids[i]) for i in which)))
        self.learnable(metal, field, features[keep], values[keep])
        return keep

    def learnable(self, metal, field, features, values):
        """Refuse what a forest cannot learn from or be validated on: fewer than 3 usable samples (METALS),
        fewer than the folds (FOLDS), samples on fewer than 3 distinct pixels (SAMPLES), one value (METALS)."""
        algorithm, n = self.algorithm, len(values)
        if n < 3:
            raise algorithm.fail(algorithm.METALS, algorithm.tr(
                "only {} usable samples for {} (field '{}'); at least 3 are needed. The log says why the others "
                "were left out.").format(n, metal, field))
        if n < self.folds:
            raise algorithm.fail(FOLDS if algorithm.parameterDefinition(FOLDS) else algorithm.SAMPLES, algorithm.tr(
                "only {} usable samples for {} (field '{}'), fewer than the {} folds: lower FOLDS, or give 0 for "
                "leave one out.").format(n, metal, field, self.folds))
        distinct = len(np.unique(features, axis=0))
        if distinct < 3:
            raise algorithm.fail(algorithm.SAMPLES, algorithm.tr(
                "the {} usable samples for {} hold only {} distinct predictor value(s): they lie on one pixel, or on "
                "identical pixels, and a forest cannot learn from them. Give samples spread over the "
                "raster.").format(n, metal, distinct))
        if np.ptp(values) == 0:
            raise algorithm.fail(algorithm.METALS, algorithm.tr(
                "{} (field '{}') is {:g} at all {} usable samples: there is nothing to learn. Leave it out of "
                "METALS.").format(metal, field, values[0], n))

    def predict(self, features, target, points=None):
        """Out-of-fold predictions of target: every sample predicted by a forest that never saw it."""
        try:
            splitter, groups = inversion.folds_for(len(target), self.folds, points, self.block, self.seed)
        except ValueError as error:
            raise self.algorithm.fail(BLOCK_SIZE if self.block else FOLDS, error)
        return inversion.cross_validate(features, target, self.trees, self.seed, splitter, groups,
                                        min_samples_leaf=self.leaf)

    def forest(self, features, target):
        """The forest trained on all usable samples, with the same settings."""
        return inversion.train_forest(features, target, self.trees, self.seed, min_samples_leaf=self.leaf)
