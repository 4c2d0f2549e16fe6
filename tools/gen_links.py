#!/usr/bin/env python
"""Write src/compilecli/catalogue/data/links.json: the documentation page of every object and of compile().

Keras 3: keras.io pages, laid out as keras-team/keras-io scripts/api_master.py lays them out
(read at commit 4ff39a6c72ebd753d9ef8c2b81f28c9976dc9424); a class's anchor is `#<lowercased name>-class`,
a function's `#<name>-function`, as keras-io's autogen writes them. Objects without a page of their own
link to their kind's index. tf.keras 2.15 has one page per class on tensorflow.org (built in
compilecli.explain.links, no table needed). Standalone Keras 2.3.1 has no hosted API pages: its source files.
Needs no Keras: python tools/gen_links.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, "src"))
OUT = os.path.join(HERE, os.pardir, "src", "compilecli", "catalogue", "data", "links.json")

# keras-io api_master.py: page -> the objects it generates.
PAGES = {
    "optimizer": {f"optimizers/{p}/": [c] for p, c in [
        ("sgd", "SGD"), ("rmsprop", "RMSprop"), ("adam", "Adam"), ("adamw", "AdamW"), ("adadelta", "Adadelta"),
        ("adagrad", "Adagrad"), ("adamax", "Adamax"), ("adafactor", "Adafactor"), ("Nadam", "Nadam"),
        ("ftrl", "Ftrl"), ("lion", "Lion"), ("lamb", "Lamb"), ("loss_scale_optimizer", "LossScaleOptimizer")]},
    "schedule": {f"optimizers/learning_rate_schedules/{p}/": [c] for p, c in [
        ("learning_rate_schedule", "LearningRateSchedule"), ("exponential_decay", "ExponentialDecay"),
        ("piecewise_constant_decay", "PiecewiseConstantDecay"), ("polynomial_decay", "PolynomialDecay"),
        ("inverse_time_decay", "InverseTimeDecay"), ("cosine_decay", "CosineDecay"),
        ("cosine_decay_restarts", "CosineDecayRestarts")]},
    "metric": {
        "metrics/base_metric/": ["Metric"],
        "metrics/accuracy_metrics/": ["Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy",
                                      "TopKCategoricalAccuracy", "SparseTopKCategoricalAccuracy"],
        "metrics/probabilistic_metrics/": ["BinaryCrossentropy", "CategoricalCrossentropy",
                                           "SparseCategoricalCrossentropy", "KLDivergence", "Poisson"],
        "metrics/regression_metrics/": ["MeanSquaredError", "RootMeanSquaredError", "MeanAbsoluteError",
                                        "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
                                        "CosineSimilarity", "LogCoshError", "R2Score"],
        "metrics/classification_metrics/": ["AUC", "Precision", "Recall", "TruePositives", "TrueNegatives",
                                            "FalsePositives", "FalseNegatives", "PrecisionAtRecall",
                                            "RecallAtPrecision", "SensitivityAtSpecificity",
                                            "SpecificityAtSensitivity", "F1Score", "FBetaScore"],
        "metrics/segmentation_metrics/": ["IoU", "BinaryIoU", "OneHotIoU", "OneHotMeanIoU", "MeanIoU"],
        "metrics/hinge_metrics/": ["Hinge", "SquaredHinge", "CategoricalHinge"],
        "metrics/metrics_wrappers/": ["MeanMetricWrapper", "Mean", "Sum"],
    },
    "loss": {
        "losses/": ["Loss"],
        "losses/probabilistic_losses/": ["BinaryCrossentropy", "BinaryFocalCrossentropy", "CategoricalCrossentropy",
                                         "CategoricalFocalCrossentropy", "SparseCategoricalCrossentropy", "Poisson",
                                         "CTC", "KLDivergence", "binary_crossentropy", "categorical_crossentropy",
                                         "sparse_categorical_crossentropy", "poisson", "ctc", "kl_divergence"],
        "losses/regression_losses/": ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
                                      "MeanSquaredLogarithmicError", "CosineSimilarity", "Huber", "LogCosh",
                                      "Tversky", "Dice", "mean_squared_error", "mean_absolute_error",
                                      "mean_absolute_percentage_error", "mean_squared_logarithmic_error",
                                      "cosine_similarity", "huber", "log_cosh", "tversky", "dice"],
        "losses/hinge_losses/": ["Hinge", "SquaredHinge", "CategoricalHinge", "hinge", "squared_hinge",
                                 "categorical_hinge"],
    },
}
INDEX = {"optimizer": "optimizers/", "loss": "losses/", "metric": "metrics/",
         "schedule": "optimizers/learning_rate_schedules/"}
KERAS2_FILES = {"optimizer": "optimizers.py", "loss": "losses.py", "metric": "metrics.py"}


def anchor(page: str, name: str) -> str:
    if len(PAGES_BY_PAGE[page]) == 1 and page.count("/") >= 2 and not page.startswith(("losses/", "metrics/")):
        return page                                    # a page of its own
    return page + (f"#{name.lower()}-class" if name[:1].isupper() else f"#{name}-function")


PAGES_BY_PAGE = {page: names for kinds in PAGES.values() for page, names in kinds.items()}


def main():
    from compilecli.catalogue import KINDS, load_catalogue
    keras3 = {"base": "https://keras.io/api/", "compile": "models/model_training_apis/#compile-method"}
    tc = load_catalogue().target("keras3")
    for kind in KINDS:
        keras3[f"{kind}_index"] = INDEX[kind]
        table = {name: anchor(page, name) for page, names in PAGES[kind].items() for name in names}
        keras3[kind] = {c: table[c] for c in tc.canonicals(kind) if c in table}
    keras2 = {"base": "https://github.com/keras-team/keras/blob/2.3.1/keras/", "compile": "engine/training.py"}
    for kind, path in KERAS2_FILES.items():
        keras2[f"{kind}_index"] = path
    data = {"_about": __doc__.strip().splitlines()[0], "keras3": keras3, "keras2": keras2}
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
