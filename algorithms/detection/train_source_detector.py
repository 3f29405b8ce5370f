"""Pollution-source detection, after SI-LICNet: train a lightweight CNN on the patches of a scene around soil
samples labelled by contamination, cross-validated on spatial blocks beside a Random Forest on the centre pixel."""
import time

import numpy as np
from qgis.core import (QgsProcessing, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterLayer)
from qgis.PyQt.QtCore import QVariant

from ..base import PcceeAlgorithm, progress_callbacks
from ..core import detection
from ..core.detection import DetectionError, InputTransform, NetworkConfig
from ..io.detector_file import Detector, save_detector
from ..io.raster_reader import Window
from ..reports.detection_report import BASELINE, CNN, write_detection_report
from ..sample_points import metal_fields, raster_and_samples, samples_at_pixels, usable_samples

#: Pixels of the sample patches the spectral transform is fitted on, at most (spread over all patches).
TRANSFORM_PIXELS = 50000


class SourceDetection(PcceeAlgorithm):
    """Shared by trainsourcedetector and detectsources: PyTorch required, the device, the patches' pixels."""

    GROUP_ID = "detection"
    REQUIRES = ("torch",)
    DEVICE = "DEVICE"
    DEVICES = ("auto", "cpu", "cuda")

    def add_device_parameter(self):
        self.addParameter(QgsProcessingParameterEnum(
            self.DEVICE, self.tr("Device"), [self.tr("Automatic (CUDA GPU when PyTorch sees one)"), self.tr("CPU"),
                                             self.tr("CUDA GPU")], defaultValue=0))

    def device(self, parameters, context, feedback):
        """The torch device chosen by DEVICE; said in the log."""
        from ..core.detection_net import device_for, require_torch
        try:
            device = device_for(self.DEVICES[self.parameterAsEnum(parameters, self.DEVICE, context)])
        except DetectionError as error:
            raise self.fail(self.DEVICE, error)
        torch = require_torch()
        name = torch.cuda.get_device_name(device) if device.type == "cuda" else "CPU, {} threads".format(
            torch.get_num_threads())
        feedback.pushInfo(self.tr("PyTorch {} on {}.").format(torch.__version__, name))
        return device

    @staticmethod
    def band_description(reader):
        """What the model file records of the raster's bands: count, names, wavelengths (or None)."""
        found = reader.wavelengths()
        return {"count": reader.n_bands, "descriptions": list(reader.descriptions),
                "wavelengths_nm": None if found is None else [round(float(w), 4) for w in found.nm]}


class TrainSourceDetector(SourceDetection):
    REQUIRES = ("torch", "sklearn")
    SAMPLES = "SAMPLES"
    LABEL = "LABEL"
    THRESHOLD = "THRESHOLD"
    REGION = "REGION"
    PATCH = "PATCH"
    COMPONENTS = "COMPONENTS"
    EPOCHS = "EPOCHS"
    FOLDS = "FOLDS"
    BLOCK = "BLOCK"
    TREES = "TREES"
    OUTPUT_MODEL = "OUTPUT_MODEL"
    OUTPUT_METRICS = "OUTPUT_METRICS"

    def name(self):
        return "trainsourcedetector"

    def displayName(self):
        return self.tr("Train pollution-source detector (SI-LICNet)")

    def shortHelpString(self):
        return self.tr(
            "Learns where soils are contaminated from what lies around them: a lightweight CNN classifies the "
            "patch of the raster centred on each soil sample (PATCH pixels a side) as contaminated or not, keeping "
            "the large-scale spatial context, after SI-LICNet (which found Cd pollution sources in six regions of "
            "Dongguan, ROC-AUC 0.75-0.91, and showed industrial and residential land as the sensitive areas).\n\n"
            "Input: any raster (a hyperspectral scene, reduced to COMPONENTS principal components fitted on the "
            "patches; its abundances; any multiband image), and soil samples with LABEL: 0/1, or a concentration "
            "that is contaminated above THRESHOLD (default 0.3 mg/kg: the risk-screening value for Cd of China's "
            "soil standard GB 15618-2018 for farmland of pH 5.5 or less; 0.3-0.8 at higher pH). REGION, optional: "
            "an AUC per region, as the paper's table.\n"
            "The network (6897 weights for 8 channels and a 33-pixel patch): two 3 x 3 and one 1 x 1 convolutions "
            "make local features of 5 x 5 pixels; each is averaged over nested squares centred on the sample (the "
            "centre, 3, 5, 9, 17 ... pixels, up to the whole patch), which keeps what lies around the sample and "
            "how far; a small perceptron gives the probability. Its receptive field is the whole patch. Trained "
            "with Adam on the class-balanced cross-entropy, patches turned and mirrored at random; deterministic "
            "for a SEED on the CPU.\n"
            "Validation: FOLDS spatial folds of square blocks (BLOCK pixels; 0 = three patches); training samples "
            "whose patch overlaps a test patch are left out of that fold, so neighbouring patches never straddle "
            "training and test. The same folds score a Random Forest on the centre pixel alone (the same "
            "channels), so the report shows what the spatial context is worth. The decision threshold maximises "
            "Youden's J on the out-of-fold predictions.\n"
            "Outputs: the model file (.npz of plain arrays with a JSON header describing the bands, the transform "
            "and the network, and a digest; loading never unpickles anything), the AUC table (field auc: per fold, "
            "per region, overall, for both models) and an HTML report (ROC curves, training curves, confusion at "
            "the threshold). Map the probability and the occlusion sensitivity with 'Map pollution sources'.\n"
            "Needs PyTorch (Debian: python3-torch; elsewhere pip install torch).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.INPUT, self.tr("Raster (scene, abundances or any multiband image)")))
        self.addParameter(QgsProcessingParameterFeatureSource(self.SAMPLES, self.tr("Soil samples"),
                                                              [QgsProcessing.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.LABEL, self.tr("Label: 0/1, or a concentration (see the threshold)"), "Cd", self.SAMPLES,
            QgsProcessingParameterField.Numeric))
        self.addParameter(QgsProcessingParameterNumber(
            self.THRESHOLD, self.tr("Contaminated above (mg/kg; GB 15618 Cd: 0.3)"),
            QgsProcessingParameterNumber.Double, 0.3))
        self.addParameter(QgsProcessingParameterField(self.REGION, self.tr("Region (AUC per region)"), None,
                                                      self.SAMPLES, optional=True))
        self.addParameter(QgsProcessingParameterNumber(self.PATCH, self.tr("Patch (pixels per side, odd)"),
                                                       QgsProcessingParameterNumber.Integer, 33, minValue=9,
                                                       maxValue=257))
        self.addParameter(QgsProcessingParameterNumber(
            self.COMPONENTS, self.tr("Principal components (0 = the bands as they are)"),
            QgsProcessingParameterNumber.Integer, 8, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(self.EPOCHS, self.tr("Epochs"),
                                                       QgsProcessingParameterNumber.Integer, 40, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(self.FOLDS, self.tr("Spatial cross-validation folds"),
                                                       QgsProcessingParameterNumber.Integer, 5, minValue=2))
        self.add_advanced_parameter(QgsProcessingParameterNumber(
            self.BLOCK, self.tr("Spatial block (pixels per side; 0 = three patches)"),
            QgsProcessingParameterNumber.Integer, 0, minValue=0))
        self.add_advanced_parameter(QgsProcessingParameterNumber(
            self.TREES, self.tr("Trees of the centre-pixel Random Forest"), QgsProcessingParameterNumber.Integer,
            200, minValue=1))
        self.add_seed_parameter()
        self.add_device_parameter()
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT_MODEL, self.tr("Trained detector"),
                                                                self.tr("PCCEE model (*.npz)")))
        self.add_table_and_report(self.OUTPUT_METRICS, self.tr("AUC per fold, region and overall"),
                                  self.tr("Detection report"))

    def process(self, parameters, context, feedback):
        started = time.time()
        reader, layer, source = raster_and_samples(self, self.INPUT, parameters, context)
        patch = self.parameterAsInt(parameters, self.PATCH, context)
        try:
            detection.check_patch(patch)
        except DetectionError as error:
            raise self.fail(self.PATCH, error)
        folds_wanted = self.parameterAsInt(parameters, self.FOLDS, context)
        epochs = self.parameterAsInt(parameters, self.EPOCHS, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        block = self.parameterAsInt(parameters, self.BLOCK, context) or 3 * patch
        device = self.device(parameters, context, feedback)

        label_name = self.parameterAsFields(parameters, self.LABEL, context)
        [(label, field)] = metal_fields(self, self.LABEL, source, label_name[0] if label_name else "")
        ids, points, centre_values, values = samples_at_pixels(self, self.SAMPLES, reader, layer, source,
                                                               [(label, field)], context)
        keep, why = usable_samples(values[:, 0], centre_values)
        for reason, which in why.items():
            if which:
                feedback.pushWarning(self.tr("{} of {} samples left out, {}: ids {}").format(
                    len(which), len(ids), reason, ", ".join(str(ids[i]) for i in which)))
        threshold = self.parameterAsDouble(parameters, self.THRESHOLD, context)
        labels, given = detection.binary_labels(values[keep, 0], threshold)
        rule = self.tr("{}: 0/1 labels; THRESHOLD is not used.") if given else self.tr("{}: contaminated above {:g}.")
        feedback.pushInfo(rule.format(field, threshold))
        regions = self.regions(parameters, context, source, ids[keep])
        rows, cols = np.divmod(reader.pixel_at(points[keep, 0], points[keep, 1]), reader.width)
        counts = (int(labels.size), int(labels.sum()))
        if min(counts[1], counts[0] - counts[1]) < 2:
            raise self.fail(self.LABEL, self.tr(
                "{} usable samples, {} of them contaminated: both classes need 2 samples or more. Check the field "
                "and THRESHOLD.").format(*counts))
        feedback.pushInfo(self.tr("{} samples, {} contaminated.").format(*counts))

        transform = self.fit_transform(parameters, context, reader, rows, cols, patch, seed, feedback)
        patches = self.read_patches(reader, rows, cols, patch, transform, feedback)
        config = NetworkConfig(transform.n_channels, patch)
        feedback.pushInfo(self.tr("SI-LICNet: {} channels, patch {} x {}, {} weights, receptive field {} x {} "
                                  "pixels.").format(config.channels, patch, patch, config.parameter_count(),
                                                    config.receptive_field, config.receptive_field))
        try:
            folds = detection.spatial_folds(rows, cols, labels, folds_wanted, patch, block, seed)
        except DetectionError as error:
            raise self.fail(self.FOLDS, error)
        trees = self.parameterAsInt(parameters, self.TREES, context)
        cnn, baseline, histories = self.cross_validate(config, patches, labels, folds, epochs, seed, trees, device,
                                                       feedback)
        rows_table = detection.auc_rows(labels, {CNN: cnn, BASELINE: baseline}, folds, regions)
        for model, scope, name, n, positives, value in rows_table:
            if scope == "overall":
                feedback.pushInfo(self.tr("{} AUC ({}): {:.3f}").format(model, name, value))
        decision = detection.youden_threshold(labels, cnn)

        progress, canceled = progress_callbacks(feedback, 80, 97)
        from ..core.detection_net import train_network, weights_of
        network, history = train_network(config, patches, labels, epochs, seed, device, progress=progress,
                                         canceled=canceled)
        if feedback.isCanceled():
            raise self.cancelled()
        histories.append(history)
        centre = patch // 2
        fill = patches[labels == 0][:, :, centre, centre].mean(axis=0)
        overall = {model: value for model, scope, name, _, _, value in rows_table
                   if (scope, name) == ("overall", "all")}
        header = {"bands": self.band_description(reader), "pixel_size": [abs(reader.geotransform[1]),
                                                                         abs(reader.geotransform[5])],
                  "label": {"field": field, "threshold": None if given else threshold},
                  "decision_threshold": decision,
                  "training": {"samples": counts[0], "contaminated": counts[1], "epochs": epochs, "seed": seed,
                               "folds": folds_wanted, "block": block, "auc_cv": overall[CNN],
                               "auc_centre_pixel_forest": overall[BASELINE]}}
        model_path = self.output_file_path(parameters, self.OUTPUT_MODEL, context)
        save_detector(model_path, Detector(config, weights_of(network), transform,
                                           fill.astype(np.float32), header))
        columns = [("model", QVariant.String), ("scope", QVariant.String), ("name", QVariant.String),
                   ("n", QVariant.Int), ("positives", QVariant.Int), ("auc", QVariant.Double)]
        metrics = self.write_table(parameters, self.OUTPUT_METRICS, context, columns, rows_table)
        settings = [["raster", "{} ({} bands)".format(reader.path, reader.n_bands)],
                    ["label", "{} (0/1)".format(field) if given else "{} > {:g}".format(field, threshold)],
                    ["samples", "{}, {} contaminated".format(*counts)],
                    ["input channels", "{} principal components".format(config.channels) if transform.axes_ is not None
                     else "{} bands, standardised".format(config.channels)],
                    ["network", "SI-LICNet: {} weights; receptive field {} x {} pixels (the patch)".format(
                        config.parameter_count(), config.receptive_field, config.receptive_field)],
                    ["epochs, seed, device", "{}, {}, {}".format(epochs, seed, device)],
                    ["folds, block", "{} spatial folds of {} x {}-pixel blocks".format(folds_wanted, block, block)],
                    ["time", "{:.0f} s".format(time.time() - started)]]
        report = self.output_file_path(parameters, self.OUTPUT_REPORT, context)
        write_detection_report(report, settings, labels, cnn, baseline, regions, folds, histories, decision,
                               rows_table)
        return {self.OUTPUT_MODEL: model_path, self.OUTPUT_METRICS: metrics, self.OUTPUT_REPORT: report}

    def regions(self, parameters, context, source, ids):
        """The REGION value of each sample (by feature id) as text, or None without REGION."""
        fields = self.parameterAsFields(parameters, self.REGION, context)
        if not fields:
            return None
        by_id = {feature.id(): feature[fields[0]] for feature in source.getFeatures()}
        return np.array([str(by_id[i]) if by_id[i] not in (None, "") and str(by_id[i]) != "NULL" else "(none)"
                         for i in ids])

    def fit_transform(self, parameters, context, reader, rows, cols, patch, seed, feedback):
        """The InputTransform fitted on (up to TRANSFORM_PIXELS) valid pixels of the sample patches."""
        wanted = self.parameterAsInt(parameters, self.COMPONENTS, context)
        components = wanted if 0 < wanted < reader.n_bands else 0
        rng = np.random.default_rng(seed)
        per_patch = max(1, TRANSFORM_PIXELS // len(rows))
        blocks = []
        for window, _ in detection.region_around(rows, cols, patch // 2, reader.height, reader.width):
            pixels, valid = reader.read(Window(*window))
            pixels = pixels[valid]
            if len(pixels):
                blocks.append(pixels[rng.choice(len(pixels), min(per_patch, len(pixels)), replace=False)])
        transform = InputTransform(components).fit(blocks)
        feedback.pushInfo(self.tr("Input: {} principal components of {} bands.").format(components, reader.n_bands)
                          if components else self.tr("Input: the {} bands, standardised.").format(reader.n_bands))
        return transform

    def read_patches(self, reader, rows, cols, patch, transform, feedback):
        """(n, channels, patch, patch) float32 inputs centred on each sample; 0 off the raster and on nodata."""
        patches = np.zeros((len(rows), transform.n_channels, patch, patch), dtype=np.float32)
        for index, (window, (top, left)) in enumerate(detection.region_around(rows, cols, patch // 2, reader.height,
                                                                              reader.width)):
            if feedback.isCanceled():
                raise self.cancelled()
            pixels, valid = reader.read(Window(*window))
            values = transform.transform(pixels, valid).reshape(window[3], window[2], -1)
            patches[index, :, top:top + window[3], left:left + window[2]] = values.transpose(2, 0, 1)
        return patches

    def cross_validate(self, config, patches, labels, folds, epochs, seed, trees, device, feedback):
        """Out-of-fold probabilities of the network and of the centre-pixel forest, and each fold's History."""
        from sklearn.ensemble import RandomForestClassifier
        from ..core.detection_net import predict, train_network
        cnn, baseline, histories = np.zeros(labels.size), np.zeros(labels.size), []
        centre = config.patch // 2
        for number, fold in enumerate(folds):
            feedback.pushInfo(self.tr("Fold {}: {} training samples ({} left out by the buffer), {} test.").format(
                number + 1, len(fold.train), fold.dropped, len(fold.test)))
            progress, canceled = progress_callbacks(feedback, 5 + 75 * number / len(folds),
                                                    5 + 75 * (number + 1) / len(folds))
            network, history = train_network(config, patches[fold.train], labels[fold.train], epochs, seed, device,
                                             validation=(patches[fold.test], labels[fold.test]), progress=progress,
                                             canceled=canceled)
            if feedback.isCanceled():
                raise self.cancelled()
            histories.append(history)
            cnn[fold.test] = predict(network, patches[fold.test], device)
            # Threads only (the default for forests): inside QGIS, sys.executable is QGIS, not Python.
            forest = RandomForestClassifier(n_estimators=trees, random_state=seed, n_jobs=-1)
            forest.fit(patches[fold.train][:, :, centre, centre], labels[fold.train])
            baseline[fold.test] = forest.predict_proba(patches[fold.test][:, :, centre, centre])[:, 1]
        return cnn, baseline, histories
