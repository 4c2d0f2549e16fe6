"""Write the golden fixtures for compilecli.numerics.losses / .metrics from real Keras 3.

Run with the Keras venv (never imported by compilecli or its tests), once per float type:

    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/golden/gen_losses_metrics.py --floatx float64
    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/golden/gen_losses_metrics.py --floatx float32

float64 switches JAX's x64 mode on and sets Keras's floatx; float32 is Keras's default, untouched,
with the inputs given as float32 arrays. Inputs are seeded numpy arrays (the same draws in both
types), plus edge cases (exact 0/1 probabilities, logits of +-50); every case records the inputs,
the object's config, and Keras's outputs, in tests/numerics/golden/{losses,metrics}[.float32].json.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from floatx_env import FLOATX  # noqa: E402 - before Keras: it sets JAX's x64 mode      # without it JAX silently computes in float32

import numpy as np  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx(FLOATX)
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "numerics" / "golden"
SUFFIX = "" if FLOATX == "float64" else "." + FLOATX
RNG = np.random.default_rng(20250611)

# ----------------------------------------------------------------------------- inputs


def normal(*shape, scale=1.0):
    return RNG.normal(size=shape) * scale


def probs(*shape):
    """Rows of positive scores that sum to 1 (softmax of normals)."""
    z = np.exp(normal(*shape))
    return z / z.sum(axis=-1, keepdims=True)


def unit(*shape):
    return RNG.uniform(0.0, 1.0, size=shape)


def labels(n, classes, *, dtype=float):
    return RNG.integers(0, classes, size=n).astype(dtype)


def onehot(ids, classes):
    return np.eye(classes)[np.asarray(ids, dtype=int)]


def binary(*shape):
    return RNG.integers(0, 2, size=shape).astype(float)


def weights(*shape):
    return RNG.uniform(0.1, 2.0, size=shape)


# ----------------------------------------------------------------------------- loss cases

REDUCTIONS = ("sum_over_batch_size", "sum", "none", "mean", "mean_with_sample_weight", None)
B, C = 6, 4


def regression_pair(positive=False):
    if positive:
        return unit(B, 3) * 3 + 0.05, unit(B, 3) * 3 + 0.05
    return normal(B, 3), normal(B, 3)


def class_case(name, y_true, y_pred, config=None, sample_weight=None, tag=""):
    case = {"id": f"{name}{tag}", "kind": "class", "name": name, "config": config or {},
            "y_true": y_true, "y_pred": y_pred}
    if sample_weight is not None:
        case["sample_weight"] = sample_weight
    return case


def fn_case(name, y_true, y_pred, kwargs=None, tag=""):
    return {"id": f"{name}{tag}", "kind": "function", "name": name, "kwargs": kwargs or {},
            "y_true": y_true, "y_pred": y_pred}


def with_reductions(name, make_pair, config=None):
    """One case per reduction (weighted and not), plus 3-D inputs with per-step weights."""
    cases = []
    for reduction in REDUCTIONS:
        cfg = dict(config or {}, reduction=reduction)
        t, p = make_pair()
        cases.append(class_case(name, t, p, cfg, tag=f"[{reduction}]"))
        t, p = make_pair()
        cases.append(class_case(name, t, p, cfg, weights(B), tag=f"[{reduction},sw]"))
    t, p = make_pair()
    cases.append(class_case(name, t, p, config, weights(B, 1), tag="[sw(B,1)]"))
    return cases


def regression_loss_cases():
    cases = []
    for name, positive in (("MeanSquaredError", False), ("MeanAbsoluteError", False),
                           ("MeanAbsolutePercentageError", False), ("MeanSquaredLogarithmicError", True),
                           ("LogCosh", False), ("Poisson", True), ("KLDivergence", True)):
        cases += with_reductions(name, lambda: regression_pair(positive))
        t, p = normal(B, 5, 3), normal(B, 5, 3)
        if positive:
            t, p = np.abs(t), np.abs(p) + 0.01
        cases.append(class_case(name, t, p, sample_weight=weights(B, 5), tag="[3d,sw(B,T)]"))
        t, p = (normal(B), normal(B, 1)) if not positive else (unit(B), unit(B, 1) + 0.05)
        cases.append(class_case(name, t, p, tag="[(B,)vs(B,1)]"))
    cases += with_reductions("Huber", regression_pair)
    cases.append(class_case("Huber", normal(B, 3, scale=2), normal(B, 3), {"delta": 0.5}, tag="[delta=0.5]"))
    cases += with_reductions("CosineSimilarity", regression_pair)
    cases.append(class_case("CosineSimilarity", normal(B, 3), normal(B, 3), {"axis": 0}, tag="[axis=0]"))
    cases.append(class_case("CosineSimilarity", np.zeros((B, 3)), normal(B, 3), tag="[zeros]"))
    return cases


def hinge_loss_cases():
    cases = []
    for name in ("Hinge", "SquaredHinge"):
        cases += with_reductions(name, lambda: (binary(B, 3), normal(B, 3)))
        cases.append(class_case(name, 2 * binary(B, 3) - 1, normal(B, 3), tag="[-1/1]"))
        cases.append(class_case(name, normal(B, 3), normal(B, 3), tag="[nonbinary]"))
    cases += with_reductions("CategoricalHinge", lambda: (onehot(labels(B, C), C), normal(B, C)))
    return cases


def crossentropy_loss_cases():
    cases = []
    for cfg in ({}, {"from_logits": True}, {"label_smoothing": 0.1}, {"from_logits": True, "label_smoothing": 0.2}):
        tag = str(sorted(cfg.items()))
        logits = cfg.get("from_logits", False)
        make_b = lambda: (binary(B, 3), normal(B, 3) if logits else unit(B, 3))  # noqa: E731
        cases += [dict(c, id=c["id"] + tag) for c in with_reductions("BinaryCrossentropy", make_b, cfg)]
        cases.append(class_case("BinaryCrossentropy", binary(B), normal(B, 1) if logits else unit(B, 1), cfg,
                                tag=tag + "[(B,)vs(B,1)]"))
        make_c = lambda: (onehot(labels(B, C), C), normal(B, C) if logits else probs(B, C))  # noqa: E731
        cases += [dict(c, id=c["id"] + tag) for c in with_reductions("CategoricalCrossentropy", make_c, cfg)]
        cases.append(class_case("CategoricalCrossentropy", onehot(labels(B * 5, C), C).reshape(B, 5, C),
                                normal(B, 5, C) if logits else probs(B, 5, C), cfg, weights(B, 5), tag=tag + "[3d]"))
        cases.append(class_case("CategoricalCrossentropy", onehot(labels(B, C), C).T,
                                normal(C, B) if logits else probs(B, C).T, dict(cfg, axis=0), tag=tag + "[axis=0]"))
        for focal in ({}, {"alpha": 0.4, "gamma": 1.5}):
            ftag = tag + str(sorted(focal.items()))
            cases.append(class_case("CategoricalFocalCrossentropy", *make_c(), dict(cfg, **focal), weights(B), tag=ftag))
            cases.append(class_case("BinaryFocalCrossentropy", *make_b(), dict(cfg, **focal), tag=ftag))
            cases.append(class_case("BinaryFocalCrossentropy", *make_b(),
                                    dict(cfg, apply_class_balancing=True, **focal), weights(B), tag=ftag + "[balanced]"))
    cases += sparse_loss_cases()
    return cases


def sparse_loss_cases():
    cases = []
    for logits in (False, True):
        cfg = {"from_logits": logits}
        make = lambda: (labels(B, C), normal(B, C) if logits else probs(B, C))  # noqa: E731
        cases += [dict(c, id=c["id"] + str(logits)) for c in with_reductions("SparseCategoricalCrossentropy", make, cfg)]
        cases.append(class_case("SparseCategoricalCrossentropy", labels(B, C)[:, None],
                                normal(B, C) if logits else probs(B, C), cfg, tag=f"{logits}[(B,1)]"))
        cases.append(class_case("SparseCategoricalCrossentropy", labels(B * 5, C).reshape(B, 5),
                                normal(B, 5, C) if logits else probs(B, 5, C), cfg, weights(B, 5), tag=f"{logits}[3d]"))
        for reduction in ("sum_over_batch_size", "sum", "none", "mean_with_sample_weight"):
            ignore = dict(cfg, ignore_class=1, reduction=reduction)
            y = np.array([0, 1, 2, 1, 3, 0], dtype=float)
            cases.append(class_case("SparseCategoricalCrossentropy", y, make()[1], ignore,
                                    tag=f"{logits}[ignore,{reduction}]"))
            cases.append(class_case("SparseCategoricalCrossentropy", y, make()[1], ignore, weights(B),
                                    tag=f"{logits}[ignore,{reduction},sw]"))
    return cases


def other_loss_cases():
    seg_t, seg_p = binary(B, 4, 4, 1), unit(B, 4, 4, 1)
    cases = [class_case("Dice", seg_t, seg_p), class_case("Dice", seg_t, seg_p, {"axis": [1, 2, 3]}, weights(B)),
             class_case("Dice", binary(B, 3), unit(B, 3), {"reduction": "sum", "axis": -1}),
             class_case("Tversky", seg_t, seg_p),
             class_case("Tversky", seg_t, seg_p, {"alpha": 0.3, "beta": 0.7, "axis": [1, 2, 3]}, weights(B)),
             class_case("Tversky", binary(B, 3), unit(B, 3), {"alpha": 0.7, "beta": 0.3, "axis": -1, "reduction": "none"})]
    emb = normal(8, 5)
    emb = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    ids = np.array([0, 1, 0, 2, 1, 2, 0, 3], dtype=float)
    for cfg in ({}, {"gamma": 2.0, "margin": 0.25}, {"remove_diagonal": False, "gamma": 10.0},
                {"reduction": "sum"}, {"reduction": "none"}):
        cases.append(class_case("Circle", ids, emb, cfg, tag=str(sorted(cfg.items()))))
    cases.append(class_case("Circle", ids, emb, {"gamma": 5.0}, weights(8), tag="[sw]"))
    ctc_t = np.array([[1, 2, 2, 0], [3, 1, 0, 0], [1, 2, 3, 1], [2, 0, 0, 0]], dtype=float)
    for reduction in ("sum_over_batch_size", "none"):
        cases.append(class_case("CTC", ctc_t, normal(4, 9, 5), {"reduction": reduction}, tag=reduction))
    cases.append(class_case("CTC", ctc_t, normal(4, 9, 5), sample_weight=weights(4), tag="[sw]"))
    return cases


def function_loss_cases():
    reg = [("mean_squared_error", False), ("mse", False), ("MAE", False), ("mape", False), ("msle", True),
           ("log_cosh", False), ("huber", False), ("poisson", True), ("kld", True), ("KLD", True),
           ("kl_divergence", True), ("cosine_similarity", False), ("mean_absolute_error", False),
           ("mean_absolute_percentage_error", False), ("mean_squared_logarithmic_error", True),
           ("MSE", False), ("mae", False), ("MAPE", False), ("MSLE", True)]
    cases = [fn_case(name, *regression_pair(pos)) for name, pos in reg]
    cases += [fn_case("huber", normal(B, 3, scale=2), normal(B, 3), {"delta": 0.3}, tag="[delta]"),
              fn_case("cosine_similarity", normal(B, 3), normal(B, 3), {"axis": 0}, tag="[axis0]"),
              fn_case("hinge", binary(B, 3), normal(B, 3)), fn_case("squared_hinge", binary(B, 3), normal(B, 3)),
              fn_case("categorical_hinge", onehot(labels(B, C), C), normal(B, C))]
    for name in ("binary_crossentropy", "bce", "BCE", "binary_focal_crossentropy"):
        cases.append(fn_case(name, binary(B, 3), unit(B, 3)))
        cases.append(fn_case(name, binary(B, 3), normal(B, 3), {"from_logits": True, "label_smoothing": 0.1}, "[logits]"))
    for name in ("categorical_crossentropy", "categorical_focal_crossentropy"):
        cases.append(fn_case(name, onehot(labels(B, C), C), probs(B, C)))
        cases.append(fn_case(name, onehot(labels(B, C), C), normal(B, C), {"from_logits": True, "label_smoothing": 0.2}, "[logits]"))
    cases += [fn_case("sparse_categorical_crossentropy", labels(B, C), probs(B, C)),
              fn_case("sparse_categorical_crossentropy", labels(B, C), normal(B, C), {"from_logits": True, "ignore_class": 2}, "[ignore]"),
              fn_case("dice", binary(B, 3), unit(B, 3)), fn_case("dice", binary(B, 3), unit(B, 3), {"axis": -1}, "[axis]"),
              fn_case("tversky", binary(B, 3), unit(B, 3), {"alpha": 0.2, "beta": 0.8, "axis": -1})]
    emb = normal(6, 4)
    emb = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    cases.append(fn_case("circle", np.array([0, 1, 0, 1, 2, 2.0]), emb, {"gamma": 4.0}))
    cases.append(fn_case("ctc", np.array([[1, 2, 0], [2, 2, 1.0]]), normal(2, 7, 4)))
    return cases


def edge_loss_cases():
    """Where float32 and float64 part: probabilities of exactly 0 and 1 (clipped to eps and
    1 - eps, which float32 rounds to 0.99999988), logits of +-50 (sigmoid/softmax saturate)."""
    hard = np.array([[0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.5, 1.0]])
    hard_t = np.array([[0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 0.0, 0.0]])
    hot_p = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.5, 0.5, 0.0]])
    hot_t = onehot([0, 2, 2, 1], 3)
    big = np.array([[50.0, -50.0, 0.0], [-50.0, 50.0, 3.0], [50.0, 50.0, -50.0], [-50.0, -50.0, 50.0]])
    ids = np.array([0, 1, 2, 0], dtype=float)
    cases = [fn_case("binary_crossentropy", [[0.0]], [[1.0]], tag="[0 vs 1]"),
             fn_case("binary_crossentropy", hard_t, hard, tag="[hard]"),
             fn_case("binary_crossentropy", hard_t, np.concatenate([big[:2, :2]] * 2, axis=1),
                     {"from_logits": True}, tag="[+-50 logits]"),
             fn_case("binary_focal_crossentropy", hard_t, hard, tag="[hard]"),
             fn_case("categorical_crossentropy", hot_t, hot_p, tag="[hard]"),
             fn_case("categorical_crossentropy", hot_t, big, {"from_logits": True}, tag="[+-50 logits]"),
             fn_case("categorical_focal_crossentropy", hot_t, hot_p, tag="[hard]"),
             fn_case("sparse_categorical_crossentropy", ids, hot_p, tag="[hard]"),
             fn_case("sparse_categorical_crossentropy", ids, big, {"from_logits": True}, tag="[+-50 logits]"),
             fn_case("kl_divergence", hot_t, hot_p, tag="[hard]"), fn_case("poisson", hot_t, hot_p, tag="[hard]"),
             fn_case("log_cosh", big, -big, tag="[+-50]"), fn_case("huber", big, -big, tag="[+-50]"),
             fn_case("mean_squared_logarithmic_error", hot_t, hot_p, tag="[hard]"),
             fn_case("mean_absolute_percentage_error", hot_t, hot_p, tag="[zeros]"),
             fn_case("hinge", hard_t, big[:2, :].repeat(2, axis=1)[:, :4], tag="[+-50]"),
             fn_case("cosine_similarity", np.zeros((2, 3)), big[:2], tag="[zeros]")]
    for name, t, p, cfg in (("BinaryCrossentropy", hard_t, hard, {}),
                            ("BinaryCrossentropy", hard_t, np.concatenate([big[:2, :2]] * 2, axis=1), {"from_logits": True}),
                            ("BinaryFocalCrossentropy", hard_t, hard, {"apply_class_balancing": True}),
                            ("CategoricalCrossentropy", hot_t, hot_p, {"label_smoothing": 0.1}),
                            ("CategoricalCrossentropy", hot_t, big, {"from_logits": True}),
                            ("CategoricalFocalCrossentropy", hot_t, hot_p, {}),
                            ("SparseCategoricalCrossentropy", ids, hot_p, {}),
                            ("SparseCategoricalCrossentropy", ids, big, {"from_logits": True}),
                            ("KLDivergence", hot_t, hot_p, {}), ("Poisson", hot_t, hot_p, {}),
                            ("LogCosh", big, -big, {}), ("Huber", big, -big, {"delta": 2.0}),
                            ("Dice", hot_t, hot_p, {}), ("Tversky", hot_t, hot_p, {})):
        cases.append(class_case(name, t, p, cfg, tag="[edge]" + str(sorted(cfg.items()))))
        cases.append(class_case(name, t, p, dict(cfg, reduction="sum"), np.array([0.5, 2.0, 1.0, 0.0])[:len(t)],
                                tag="[edge,sum,sw]" + str(sorted(cfg.items()))))
    return cases


def loss_cases():
    return (regression_loss_cases() + hinge_loss_cases() + crossentropy_loss_cases()
            + other_loss_cases() + function_loss_cases() + edge_loss_cases())


# ----------------------------------------------------------------------------- metric cases


def metric_case(name, config, batches, tag=""):
    """batches: list of (args, sample_weight or None); a reset and re-run of batch 1 follows."""
    updates = [{"args": list(args), **({"kwargs": {"sample_weight": sw}} if sw is not None else {})}
               for args, sw in batches]
    return {"id": f"{name}{tag}", "name": name, "config": config, "updates": updates}


def correlated_pair(*shape):
    """y_pred = y_true + noise. Keras 3.15 on JAX takes ops.mean/ops.var in float32 even for
    float64 inputs, so results that are small differences of large terms (correlations
    near 0) only carry ~6 significant digits in Keras; correlated data keeps them away
    from 0 so that the fixtures test the formula, not Keras's float32 rounding."""
    y_true = normal(*shape)
    return y_true, y_true + normal(*shape, scale=0.5)


def two_batches(make, weighted=True):
    """Three updates: plain, weighted, plain (so the state really accumulates)."""
    return [(make(), None), (make(), weights(B) if weighted else None), (make(), None)]


def accuracy_metric_cases():
    ids = lambda: labels(B, C)  # noqa: E731
    cases = [metric_case("Accuracy", {}, two_batches(lambda: (labels(B, 3), labels(B, 3))))]
    for cfg in ({}, {"threshold": 0.7}):
        cases.append(metric_case("BinaryAccuracy", cfg, two_batches(lambda: (binary(B, 2), unit(B, 2))), str(cfg)))
    cases.append(metric_case("BinaryAccuracy", {}, two_batches(lambda: (binary(B), unit(B, 1))), "[(B,)vs(B,1)]"))
    cases.append(metric_case("CategoricalAccuracy", {}, two_batches(lambda: (onehot(ids(), C), probs(B, C)))))
    cases.append(metric_case("SparseCategoricalAccuracy", {}, two_batches(lambda: (ids(), probs(B, C)))))
    cases.append(metric_case("SparseCategoricalAccuracy", {}, two_batches(lambda: (ids()[:, None], probs(B, C))), "[(B,1)]"))
    for k in (1, 2, 3):
        cases.append(metric_case("TopKCategoricalAccuracy", {"k": k},
                                 two_batches(lambda: (onehot(ids(), C), probs(B, C))), f"[k={k}]"))
        cases.append(metric_case("SparseTopKCategoricalAccuracy", {"k": k},
                                 two_batches(lambda: (ids(), probs(B, C))), f"[k={k}]"))
    sorted_ids = lambda: (ids(), np.argsort(-probs(B, C), axis=-1).astype(float))  # noqa: E731
    cases.append(metric_case("SparseTopKCategoricalAccuracy", {"k": 2, "from_sorted_ids": True},
                             two_batches(sorted_ids), "[sorted_ids]"))
    return cases


def auc_metric_cases():
    cases = []
    make = lambda: (binary(B * 2), unit(B * 2))  # noqa: E731
    wb = lambda: [(make(), None), (make(), weights(B * 2)), (make(), None)]  # noqa: E731
    for curve in ("ROC", "PR", "PRGAIN"):
        for summation in ("interpolation", "minoring", "majoring"):
            for n in (200, 13):
                cfg = {"curve": curve, "summation_method": summation, "num_thresholds": n}
                cases.append(metric_case("AUC", cfg, wb(), str(sorted(cfg.items()))))
    cases.append(metric_case("AUC", {"thresholds": [0.1, 0.35, 0.5, 0.8]}, wb(), "[thresholds]"))
    cases.append(metric_case("AUC", {"thresholds": [0.25, 0.5, 0.75], "curve": "PR"}, wb(), "[even thresholds]"))
    cases.append(metric_case("AUC", {"from_logits": True}, [((binary(12), normal(12)), None)] * 2, "[logits]"))
    ml = lambda: (binary(B * 2, 3), unit(B * 2, 3))  # noqa: E731
    mlb = [(ml(), None), (ml(), weights(B * 2)), (ml(), None)]
    for cfg in ({"multi_label": True}, {"multi_label": True, "num_labels": 3, "label_weights": [0.2, 0.5, 1.0]},
                {"multi_label": True, "curve": "PR"}, {"multi_label": False, "label_weights": [0.2, 0.5, 1.0]},
                {"multi_label": True, "thresholds": [0.3, 0.6]}):
        cases.append(metric_case("AUC", cfg, mlb, str(sorted(cfg.items()))))
    return cases


def confusion_metric_cases():
    cases = []
    make = lambda: (binary(B, 2), unit(B, 2))  # noqa: E731
    multi = lambda: (binary(B, C), unit(B, C))  # noqa: E731
    for name in ("TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives"):
        for cfg in ({}, {"thresholds": [0.2, 0.5, 0.9]}, {"thresholds": [0.0, 0.5, 1.0]}):
            cases.append(metric_case(name, cfg, two_batches(make), str(cfg)))
    for name in ("Precision", "Recall"):
        for cfg in ({}, {"thresholds": [0.3, 0.5, 0.7]}, {"thresholds": [0.0, 0.25, 0.5, 0.75, 1.0]},
                    {"thresholds": 0.6}, {"class_id": 1}, {"top_k": 2}, {"top_k": 1, "class_id": 2},
                    {"top_k": 2, "thresholds": [0.2, 0.4]}):
            cases.append(metric_case(name, cfg, two_batches(multi), str(sorted(cfg.items()))))
    big = lambda: (binary(30), unit(30))  # noqa: E731
    for name, key in (("SensitivityAtSpecificity", "specificity"), ("SpecificityAtSensitivity", "sensitivity"),
                      ("PrecisionAtRecall", "recall"), ("RecallAtPrecision", "precision")):
        for cfg in ({key: 0.5}, {key: 0.8, "num_thresholds": 7}, {key: 0.4, "num_thresholds": 1}):
            cases.append(metric_case(name, cfg, [(big(), None), (big(), weights(30)), (big(), None)], str(cfg)))
        cases.append(metric_case(name, {key: 0.6, "class_id": 1}, two_batches(multi), "[class_id]"))
    return cases


def iou_metric_cases():
    ids = lambda: labels(B * 2, 3)  # noqa: E731
    iw = lambda: RNG.integers(1, 4, size=B * 2).astype(float)  # noqa: E731
    sparse = [((ids(), ids()), None), ((ids(), ids()), iw()), ((ids(), ids()), None)]
    cases = [metric_case("MeanIoU", {"num_classes": 3}, sparse),
             metric_case("MeanIoU", {"num_classes": 3, "ignore_class": 0}, sparse, "[ignore]"),
             metric_case("MeanIoU", {"num_classes": 4}, sparse, "[absent class]"),
             metric_case("IoU", {"num_classes": 3, "target_class_ids": [0, 2]}, sparse),
             metric_case("MeanIoU", {"num_classes": 3, "dtype": "float64"},
                         [((ids(), ids()), weights(B * 2))] * 2, "[float weights]"),
             metric_case("MeanIoU", {"num_classes": 3}, [((ids(), ids()), weights(B * 2))] * 2, "[int-truncated weights]"),
             metric_case("BinaryIoU", {}, [((binary(B * 2), unit(B * 2)), None)] * 2),
             metric_case("BinaryIoU", {"target_class_ids": [1], "threshold": 0.3},
                         [((binary(B * 2), unit(B * 2)), iw())] * 2, "[t=0.3]")]
    hot = lambda: (onehot(ids(), 3), probs(B * 2, 3))  # noqa: E731
    cases += [metric_case("OneHotIoU", {"num_classes": 3, "target_class_ids": [1, 2]}, two_batches(hot, False)),
              metric_case("OneHotMeanIoU", {"num_classes": 3}, two_batches(hot, False)),
              metric_case("OneHotMeanIoU", {"num_classes": 3, "sparse_y_pred": True},
                          two_batches(lambda: (onehot(ids(), 3), ids()), False), "[sparse_y_pred]")]
    return cases


def mean_metric_cases():
    cases = []
    for name, positive in (("MeanSquaredError", False), ("MeanAbsoluteError", False),
                           ("MeanAbsolutePercentageError", False), ("MeanSquaredLogarithmicError", True),
                           ("RootMeanSquaredError", False), ("LogCoshError", False), ("CosineSimilarity", False),
                           ("KLDivergence", True), ("Poisson", True)):
        cases.append(metric_case(name, {}, two_batches(lambda: regression_pair(positive))))
        cases.append(metric_case(name, {}, [((normal(B, 5, 3), normal(B, 5, 3)) if not positive else
                                             (unit(B, 5, 3), unit(B, 5, 3)), weights(B, 5))] * 2, "[3d,sw(B,T)]"))
    for name in ("PearsonCorrelation", "ConcordanceCorrelation"):
        cases.append(metric_case(name, {}, two_batches(lambda: correlated_pair(B, 5))))
        cases.append(metric_case(name, {"axis": 0}, two_batches(lambda: correlated_pair(B, 5), False), "[axis0]"))
        cases.append(metric_case(name, {}, [(correlated_pair(B, 4, 5), weights(B, 4))] * 2, "[3d,sw(B,T)]"))
    cases.append(metric_case("CosineSimilarity", {"axis": 0}, two_batches(regression_pair, False), "[axis0]"))
    for name in ("Hinge", "SquaredHinge"):
        cases.append(metric_case(name, {}, two_batches(lambda: (binary(B, 3), normal(B, 3)))))
    cases.append(metric_case("CategoricalHinge", {}, two_batches(lambda: (onehot(labels(B, C), C), normal(B, C)))))
    for cfg in ({}, {"from_logits": True, "label_smoothing": 0.1}):
        lg = bool(cfg)
        cases.append(metric_case("BinaryCrossentropy", cfg, two_batches(lambda: (binary(B, 2), normal(B, 2) if lg else unit(B, 2))), str(cfg)))
        cases.append(metric_case("CategoricalCrossentropy", cfg, two_batches(lambda: (onehot(labels(B, C), C), normal(B, C) if lg else probs(B, C))), str(cfg)))
    for cfg in ({}, {"from_logits": True}, {"ignore_class": 1}):
        lg = cfg.get("from_logits", False)
        cases.append(metric_case("SparseCategoricalCrossentropy", cfg,
                                 two_batches(lambda: (labels(B, C), normal(B, C) if lg else probs(B, C))), str(cfg)))
    for name in ("Mean", "Sum"):
        cases.append(metric_case(name, {}, [((normal(B),), None), ((normal(B),), weights(B)), ((normal(B, 3),), weights(B))]))
        cases.append(metric_case(name, {}, [((unit(B, 3),), weights(B, 3)), ((unit(B, 3, 2),), weights(B, 3))], "[nd]"))
    cases.append(metric_case("MeanMetricWrapper", {"fn": "mean_squared_error"}, two_batches(regression_pair)))
    return cases


def score_metric_cases():
    cases = []
    for cfg in ({}, {"class_aggregation": "variance_weighted_average"}, {"class_aggregation": None},
                {"num_regressors": 2}):
        cases.append(metric_case("R2Score", cfg, two_batches(regression_pair), str(cfg)))
    cases.append(metric_case("R2Score", {}, [((normal(B), normal(B, 1)), None)] * 2, "[(B,)vs(B,1)]"))
    make = lambda: (onehot(labels(B * 2, C), C), probs(B * 2, C))  # noqa: E731
    wmake = [(make(), None), (make(), weights(B * 2)), (make(), None)]
    for average in (None, "micro", "macro", "weighted"):
        cases.append(metric_case("F1Score", {"average": average}, wmake, f"[{average}]"))
        cases.append(metric_case("FBetaScore", {"average": average, "beta": 2.0, "threshold": 0.3}, wmake, f"[{average}]"))
    cases.append(metric_case("F1Score", {"threshold": 0.2}, wmake, "[t=0.2]"))
    return cases


def edge_metric_cases():
    """Exact 0/1 probabilities and +-50 logits, as for the losses."""
    hard_t = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [1.0, 0.0]])
    hard = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.0], [1.0, 1.0]])
    big = np.array([[50.0, -50.0], [-50.0, 50.0], [50.0, 50.0], [-50.0, 0.0]])
    hot_t, hot_p = onehot([0, 2, 1, 1], 3), np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0], [0.5, 0.5, 0]])
    twice = lambda t, p: [((t, p), None), ((t, p), np.resize([0.5, 2.0, 1.0, 0.0], len(t)))]  # noqa: E731
    return [metric_case("BinaryCrossentropy", {}, twice(hard_t, hard), "[hard]"),
            metric_case("BinaryCrossentropy", {"from_logits": True}, twice(hard_t, big), "[+-50 logits]"),
            metric_case("CategoricalCrossentropy", {}, twice(hot_t, hot_p), "[hard]"),
            metric_case("SparseCategoricalCrossentropy", {}, twice(np.array([0, 2, 1, 1.0]), hot_p), "[hard]"),
            metric_case("KLDivergence", {}, twice(hot_t, hot_p), "[hard]"),
            metric_case("Poisson", {}, twice(hot_t, hot_p), "[hard]"),
            metric_case("AUC", {}, twice(hard_t.reshape(-1), hard.reshape(-1)), "[hard]"),
            metric_case("AUC", {"from_logits": True}, twice(hard_t.reshape(-1), big.reshape(-1)), "[+-50 logits]"),
            metric_case("BinaryAccuracy", {}, twice(hard_t, hard), "[hard]"),
            metric_case("Precision", {}, twice(hard_t, hard), "[hard]"),
            metric_case("LogCoshError", {}, twice(big, -big), "[+-50]"),
            metric_case("MeanSquaredLogarithmicError", {}, twice(hot_t, hot_p), "[hard]"),
            metric_case("ConcordanceCorrelation", {}, twice(*correlated_pair(4, 6)), "[small]"),
            metric_case("ConcordanceCorrelation", {}, [((normal(B, 5), normal(B, 5)), None)] * 2, "[uncorrelated]"),
            # Uncorrelated data: results near 0, where Keras's float32 means and variances show.
            metric_case("ConcordanceCorrelation", {}, [((normal(B, 5), normal(B, 5)), None),
                                                       ((normal(B, 5), normal(B, 5)), weights(B)),
                                                       ((normal(B, 5), normal(B, 5)), None)], "[uncorrelated,3]"),
            metric_case("ConcordanceCorrelation", {"axis": 0}, [((normal(B, 5), normal(B, 5)), None)] * 2,
                        "[uncorrelated,axis0]"),
            metric_case("PearsonCorrelation", {}, [((normal(B, 5), normal(B, 5)), None),
                                                   ((normal(B, 5), normal(B, 5)), weights(B))], "[uncorrelated]")]


def metric_cases():
    return (accuracy_metric_cases() + auc_metric_cases() + confusion_metric_cases()
            + iou_metric_cases() + mean_metric_cases() + score_metric_cases() + edge_metric_cases())


# ----------------------------------------------------------------------------- runners


def jsonable(x):
    """Arrays, numpy/JAX scalars and nested containers -> plain JSON values."""
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return np.asarray(x).tolist()
    return x


def in_floatx(x):
    """Float arrays (and nested lists of them) in FLOATX: what the fixture records and feeds Keras."""
    if isinstance(x, dict):
        return {k: in_floatx(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and not (x and isinstance(x[0], (int, float, list))):
        return [in_floatx(v) for v in x]
    if isinstance(x, (np.ndarray, list)):
        return np.asarray(x, dtype=FLOATX)
    return x


def as_floatx(case):
    case = dict(case)
    for key in ("y_true", "y_pred", "sample_weight"):
        if case.get(key) is not None:
            case[key] = in_floatx(case[key])
    if "updates" in case:
        case["updates"] = [{"args": [in_floatx(a) for a in u["args"]],
                            **({"kwargs": in_floatx(u["kwargs"])} if "kwargs" in u else {})}
                           for u in case["updates"]]
    return case


def run_loss(case):
    y_true, y_pred = np.asarray(case["y_true"]), np.asarray(case["y_pred"])
    if case["kind"] == "function":
        fn = keras.losses.get(case["name"])
        return {"output": jsonable(fn(y_true, y_pred, **case.get("kwargs", {})))}
    loss = keras.losses.get({"class_name": case["name"], "config": case.get("config", {})})
    sample_weight = case.get("sample_weight")
    sw = None if sample_weight is None else np.asarray(sample_weight)
    t, p = keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)
    return {"output": jsonable(loss(y_true, y_pred, sample_weight=sw)),
            "call": jsonable(loss.call(t, p)), "get_config": jsonable(loss.get_config())}


def run_metric(case):
    config = dict(case.get("config", {}))
    if isinstance(config.get("fn"), str):       # MeanMetricWrapper: the fixture names its function
        config["fn"] = keras.losses.get(config["fn"])
    metric = getattr(keras.metrics, case["name"])(**config)
    results = []
    for update in case["updates"]:
        kwargs = {k: np.asarray(v) for k, v in update.get("kwargs", {}).items()}
        metric.update_state(*[np.asarray(a) for a in update["args"]], **kwargs)
        results.append(jsonable(metric.result()))
    metric.reset_state()
    first = case["updates"][0]
    kwargs = {k: np.asarray(v) for k, v in first.get("kwargs", {}).items()}
    metric.update_state(*[np.asarray(a) for a in first["args"]], **kwargs)
    return {"results": results, "after_reset": jsonable(metric.result()),
            "get_config": jsonable(metric.get_config())}


def checked(run, case):
    try:
        return run(case)
    except Exception as exc:
        raise RuntimeError(f"case {case['id']!r} failed in Keras: {exc}") from exc


def names_table(module_objects):
    """Every name keras.<module>.get accepts -> "class:Name" or "function:name"."""
    table = {}
    for name, obj in sorted(module_objects.items()):
        table[name] = ("class:" if isinstance(obj, type) else "function:") + obj.__name__
    return table


COMPILE_SHAPES = [((8, 1), (8, 1)), ((8,), (8, 1)), ((8,), (8, 5)), ((8, 1), (8, 5)), ((8, 5), (8, 5)),
                  ((8, 3), (8, 3, 5)), ((8, 3, 5), (8, 3, 5))]
COMPILE_METRICS = ["accuracy", "acc", "Accuracy", "ACC", "crossentropy", "ce", "mse", "auc", "binary_accuracy", "AUC"]
COMPILE_LOSSES = ["crossentropy", "ce", "CE", "Crossentropy", "mse", "categorical_crossentropy", "Huber"]


def compile_table(resolve, identifiers):
    """What model.compile() resolves each identifier to, for several label/output shapes."""
    rows = []
    for y_true_shape, y_pred_shape in COMPILE_SHAPES:
        y_true, y_pred = np.zeros(y_true_shape), np.zeros(y_pred_shape)
        for identifier in identifiers:
            row = {"identifier": identifier, "y_true_shape": y_true_shape, "y_pred_shape": y_pred_shape}
            try:
                obj = resolve(identifier, y_true, y_pred)
                inner = getattr(obj, "fn", obj)
                row.update(class_name=type(obj).__name__, name=obj.name,
                           fn=getattr(inner, "__name__", None) if inner is not obj else None)
            except ValueError as exc:
                row["error"] = str(exc)
            rows.append(row)
    return rows


def dump(header, cases):
    """Readable but compact JSON: the header indented, then one case per line."""
    head = json.dumps(header, indent=1)[:-2]
    body = ",\n".join("  " + json.dumps(case) for case in cases)
    return f"{head},\n \"cases\": [\n{body}\n ]\n}}\n"


def main():
    from keras.src.losses import ALL_OBJECTS_DICT as loss_names
    from keras.src.metrics import ALL_OBJECTS_DICT as metric_names
    losses = [dict(case, **checked(run_loss, case)) for case in map(as_floatx, loss_cases())]
    metrics = [dict(case, **checked(run_metric, case)) for case in map(as_floatx, metric_cases())]
    header = {"keras_version": keras.__version__, "backend": keras.backend.backend(),
              "floatx": keras.config.floatx(), "epsilon": keras.config.epsilon()}
    OUT.mkdir(parents=True, exist_ok=True)
    from keras.src.trainers import compile_utils
    compiled = {"losses.json": compile_table(compile_utils.get_loss, COMPILE_LOSSES),
                "metrics.json": compile_table(compile_utils.get_metric, COMPILE_METRICS)}
    for fname, names, cases in (("losses.json", loss_names, losses), ("metrics.json", metric_names, metrics)):
        doc = dict(header, names=names_table(names), compile=compiled[fname])
        fname = fname.replace(".json", SUFFIX + ".json")
        (OUT / fname).write_text(dump(doc, jsonable(cases)))
        print(f"{fname}: {len(cases)} cases, {len(names)} names")


if __name__ == "__main__":
    main()
