"""semantics.json must agree with what Keras 3 and tf.keras 2.15 did when probed.

A range without ``warn`` claims "Keras raises": if a probe outside the range
came back "ok", the range must be marked ``warn``. A range with ``warn`` claims
"Keras accepts": it must not be contradicted by probes that all raised (unless
its ``error_when`` arguments were set in the probe). A value inside the range
that made Keras raise about that very argument means the range is too wide.
Probes like ``use_ema=True,ema_overwrite_frequency=-1`` check ``error_when``.
"""
import ast

import pytest

from compilecli.catalogue import load_catalogue
from compilecli.rules._values import type_ok

GENERATED = ("keras3", "tf2")


def _kwargs(key):
    """'use_ema=True,beta_1=0.0' -> {"use_ema": True, "beta_1": 0.0}; None if not literal."""
    try:
        call = ast.parse("f(%s)" % key, mode="eval").body
        return {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    except (SyntaxError, ValueError):
        return None


def _probes(target):
    t = load_catalogue().target(target)
    for kind, kd in t._facts["kinds"].items():
        for canon, o in kd["objects"].items():
            e = t.entry(kind, canon)
            for key, res in (o.get("probes") or {}).items():
                if key.startswith("zzz"):
                    continue
                kw = _kwargs(key)
                if not kw or e is None:
                    continue
                arg, value = list(kw.items())[-1]      # the probed argument comes last
                spec = e.args.get(arg)
                if spec is None or spec.range is None:
                    continue
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    continue
                others = dict(list(kw.items())[:-1])
                yield kind, canon, arg, value, others, res, spec


def _supported(target):
    """(kind, canonical, arg) that Keras accepted for at least one probed value: an argument
    rejected for every value (LossScaleOptimizer's clipnorm) is not a question of range."""
    out = set()
    for kind, canon, arg, value, others, res, spec in _probes(target):
        if not others and res == "ok":
            out.add((kind, canon, arg))
    return out


def _claims_error(spec, others):
    return not spec.warn_only or (bool(spec.error_when) and all(
        others.get(name) == want for name, want in spec.error_when))


@pytest.mark.parametrize("target", GENERATED)
def test_error_ranges_are_errors_in_keras(target):
    bad = []
    for kind, canon, arg, value, others, res, spec in _probes(target):
        if not spec.range.contains(value) and _claims_error(spec, others) and res == "ok":
            bad.append((kind, canon, arg, value, others))
    assert not bad, "%s: ranges marked as errors that Keras accepts: %s" % (target, bad)


@pytest.mark.parametrize("target", GENERATED)
def test_warn_ranges_are_accepted_by_keras(target):
    """An out-of-range value a warn range lets through must not be one Keras always rejects."""
    seen, supported = {}, _supported(target)
    for kind, canon, arg, value, others, res, spec in _probes(target):
        if spec.range.contains(value) or _claims_error(spec, others):
            continue
        if (kind, canon, arg) not in supported:
            continue
        if not type_ok(value, spec.types):
            continue
        seen.setdefault((kind, canon, arg), []).append(res.startswith("error"))
    bad = [k for k, raised in seen.items() if all(raised)]
    assert not bad, "%s: ranges marked as warnings where Keras raised every time: %s" % (target, bad)


@pytest.mark.parametrize("target", GENERATED)
def test_in_range_values_are_accepted_by_keras(target):
    """A value inside the range (of the right type) that Keras rejects about that argument:
    the range is too wide (Lion's beta_1=0.0)."""
    bad, supported = [], _supported(target)
    for kind, canon, arg, value, others, res, spec in _probes(target):
        if not spec.range.contains(value) or not type_ok(value, spec.types):
            continue
        if (kind, canon, arg) not in supported or (others and not spec.error_when):
            continue      # clipnorm=1.0,clipvalue=1.0: a conflict (CC304), not a range
        if res.startswith("error") and arg in res:
            bad.append((kind, canon, arg, value, others, res[:80]))
    assert not bad, "%s: in-range values Keras rejects: %s" % (target, bad)


def test_the_probes_behind_these_ranges_exist():
    """The ranges fixed from review were generated facts, not typed: the probes are there."""
    k3, tf2 = (load_catalogue().target(t) for t in GENERATED)
    for t in (k3, tf2):
        assert t.probe("optimizer", "Lion", "beta_1=0.0").startswith("error")
        assert t.probe("metric", "R2Score", "num_regressors=-1").startswith("error")
        assert t.probe("metric", "R2Score", "num_regressors=0") == "ok"
        assert t.probe("optimizer", "Adam", "use_ema=True,ema_overwrite_frequency=0") == "ok"
        assert t.probe("optimizer", "Adam", "use_ema=True,ema_overwrite_frequency=-1").startswith("error")
        assert t.probe("optimizer", "Adam", "ema_overwrite_frequency=-1") == "ok"
        assert t.probe("optimizer", "Adagrad", "initial_accumulator_value=-1.0") == "ok"
    assert tf2.probe("optimizer", "legacy.Adagrad", "initial_accumulator_value=-1.0").startswith("error")
