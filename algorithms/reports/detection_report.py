"""HTML report of the pollution-source detector: what spatial context is worth (SI-LICNet against a Random Forest
on the centre pixel alone, both cross-validated on the same spatial folds), ROC curves, AUC per fold and per
region (as the SI-LICNet paper's table), the training curves, and the confusion at the decision threshold."""
import html

import numpy as np

from ..core.detection import auc, confusion, roc_curve
from .html_report import figure_img, new_figure, table, write_page

CNN, BASELINE = "SI-LICNet", "Random Forest, centre pixel"


def _roc_figure(labels, cnn, baseline, regions):
    figure = new_figure(5.2, 5.0)
    axis = figure.add_subplot(1, 1, 1)
    for name, scores, style in ((CNN, cnn, "-"), (BASELINE, baseline, "--")):
        fpr, tpr, _ = roc_curve(labels, scores)
        axis.plot(fpr, tpr, style, linewidth=2, label="{} (AUC {:.3f})".format(name, auc(labels, scores)))
    if regions is not None:
        for region in sorted(set(regions)):
            chosen = regions == region
            if len(set(labels[chosen])) == 2:
                fpr, tpr, _ = roc_curve(labels[chosen], cnn[chosen])
                axis.plot(fpr, tpr, ":", linewidth=1, label="{}: {} (AUC {:.3f})".format(
                    CNN, region, auc(labels[chosen], cnn[chosen])))
    axis.plot([0, 1], [0, 1], color="#999999", linewidth=0.8)
    axis.set_xlabel("false positive rate (1 - specificity)")
    axis.set_ylabel("true positive rate (sensitivity)")
    axis.set_title("ROC, out-of-fold predictions")
    axis.legend(fontsize=7, loc="lower right")
    return figure


def _training_figure(histories):
    figure = new_figure(10, 3.6)
    loss, validation = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
    for number, history in enumerate(histories[:-1], start=1):
        loss.plot(np.arange(1, len(history["loss"]) + 1), history["loss"], linewidth=1, label="fold {}".format(number))
        if history["validation_auc"]:
            validation.plot(np.arange(1, len(history["validation_auc"]) + 1), history["validation_auc"], linewidth=1,
                            label="fold {}".format(number))
    final = histories[-1]["loss"]
    loss.plot(np.arange(1, len(final) + 1), final, color="black", linewidth=2, label="final model (all samples)")
    loss.set_xlabel("epoch")
    loss.set_ylabel("training loss (weighted cross-entropy)")
    loss.legend(fontsize=7)
    validation.set_xlabel("epoch")
    validation.set_ylabel("AUC on the fold's test samples")
    validation.set_title("watched only: never used to stop or choose", fontsize=8)
    validation.legend(fontsize=7)
    figure.tight_layout()
    return figure


def _side_by_side(rows):
    """The AUC rows of both models on one line per fold, region and overall."""
    def shown(value):
        return "{:.3f}".format(value) if value == value else "n/a (one class)"
    by_key = {}
    for model, scope, name, n, positives, value in rows:
        by_key.setdefault((scope, name, n, positives), {})[model] = value
    lines = []
    for (scope, name, n, positives), values in by_key.items():
        cnn, baseline = values.get(CNN, float("nan")), values.get(BASELINE, float("nan"))
        gain = cnn - baseline
        lines.append([scope, name, n, positives, shown(cnn), shown(baseline),
                      "{:+.3f}".format(gain) if gain == gain else ""])
    return lines


def write_detection_report(path, settings, labels, cnn, baseline, regions, folds, histories, threshold, rows):
    """settings: (name, value) rows; labels, cnn, baseline: per sample (out-of-fold probabilities); regions: per
    sample names or None; folds: core.detection.Fold list; histories: one per fold, then the final model's;
    threshold: the decision threshold; rows: the metrics table (model, scope, name, n, positives, auc)."""
    labels = np.asarray(labels)
    overall = {model: value for model, scope, name, _, _, value in rows if scope == "overall" and name == "all"}
    gain = overall[CNN] - overall[BASELINE]
    verdict = ("Spatial context adds {:+.3f} AUC: the network sees what lies around each sample, the forest only the "
               "sample's own pixel.".format(gain) if gain > 0 else
               "Spatial context adds nothing here ({:+.3f} AUC): the samples' own pixels tell as much as their "
               "surroundings.".format(gain))
    (tn, fp), (fn, tp) = confusion(labels, cnn, threshold)
    fold_rows = [[number, len(fold.train), fold.dropped, len(fold.test), int(labels[fold.test].sum())]
                 for number, fold in enumerate(folds, start=1)]
    body = ('<p class="headline">{}</p>'.format(html.escape(verdict)) +
            table(["setting", "value"], settings) +
            "<h2>AUC (out-of-fold)</h2>" +
            table(["scope", "name", "samples", "contaminated", CNN, BASELINE, "context adds"], _side_by_side(rows)) +
            figure_img(_roc_figure(labels, cnn, baseline, None if regions is None else np.asarray(regions)),
                       "ROC curves") +
            "<h2>Confusion at the decision threshold</h2><p>Probability threshold {:.3f}: the maximum of Youden's J "
            "(sensitivity + specificity - 1) on the out-of-fold predictions; the model file keeps it.</p>".format(
                threshold) +
            table(["", "predicted clean", "predicted contaminated"],
                  [["clean", tn, fp], ["contaminated", fn, tp]]) +
            "<p>Sensitivity {:.3f}, specificity {:.3f}.</p>".format(tp / max(tp + fn, 1), tn / max(tn + fp, 1)) +
            "<h2>Spatial folds</h2><p>Test samples of a fold are those of its blocks; training samples whose patch "
            "overlaps a test patch are left out of that fold's training (the buffer), so no pixel is seen in both."
            "</p>" +
            table(["fold", "training samples", "left out by the buffer", "test samples", "test contaminated"],
                  fold_rows) +
            "<h2>Training</h2>" + figure_img(_training_figure(histories), "training curves"))
    write_page(path, "Pollution-source detection (SI-LICNet)", body)
