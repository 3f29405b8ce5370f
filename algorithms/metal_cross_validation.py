"""Out-of-fold Random Forest predictions of each metal at the soil samples: one copy, shared by the
inversion, the unmixing comparison and the endmember ablation, so that their R2 agree to the last digit."""
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
    algorithm.addParameter(QgsProcessingParameterNumber(SEED, tr("Random seed"),
                                                        QgsProcessingParameterNumber.Integer, 0, minValue=0))
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
        return cls(algorithm, algorithm.parameterAsInt(parameters, TREES, context),
                   algorithm.parameterAsInt(parameters, FOLDS, context),
                   algorithm.parameterAsInt(parameters, SEED, context),
                   algorithm.parameterAsDouble(parameters, BLOCK_SIZE, context) if spatial else None,
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
        """Mask of the samples usable for this metal; the others are listed in the log. Too few fail,
        naming SAMPLES (none on the raster) or METALS (the field holds too few numbers)."""
        algorithm = self.algorithm
        keep, why = usable_samples(values, features)
        for reason, which in why.items():
            if which:
                feedback.pushWarning(algorithm.tr("{}: {} sample(s) left out, {}: ids {}").format(
                    metal, len(which), reason, ", ".join(str(ids[i]) for i in which)))
        n = int(keep.sum())
        if n < max(self.folds, 2) or n < 3:
            raise algorithm.fail(algorithm.SAMPLES if n else algorithm.METALS, algorithm.tr(
                "only {} usable samples for {} (field '{}'); at least {} are needed for {} folds.").format(
                    n, metal, field, max(self.folds, 3), self.folds))
        return keep

    def predict(self, features, target, points=None):
        """Out-of-fold predictions of target: every sample predicted by a forest that never saw it."""
        try:
            splitter, groups = inversion.folds_for(len(target), self.folds, points, self.block, self.seed)
        except ValueError as error:
            raise self.algorithm.fail(BLOCK_SIZE, str(error))
        return inversion.cross_validate(features, target, self.trees, self.seed, splitter, groups,
                                        min_samples_leaf=self.leaf)

    def forest(self, features, target):
        """The forest trained on all usable samples, with the same settings."""
        return inversion.train_forest(features, target, self.trees, self.seed, min_samples_leaf=self.leaf)
