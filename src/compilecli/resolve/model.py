"""The `model:` section: what compile needs to know about the model's outputs."""
from __future__ import annotations

from compilecli.record import dataclass   # dataclasses without exec: start-up
from typing import Any, List, Optional, Tuple

from compilecli.catalogue.model import LABEL_FORMATS
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, SpecPath, diagnostic, short
from compilecli.load.sourcemap import SourceMap

ACTIVATIONS = ("linear", "softmax", "sigmoid", "relu", "tanh", "softplus", "softsign", "elu",
               "selu", "gelu", "silu", "swish", "exponential", "hard_sigmoid", "log_softmax", "leaky_relu",
               "relu6", "mish", "hard_silu", "hard_swish", "celu", "glu", "sparsemax", "softmin")


@dataclass(frozen=True)
class Output:
    index: int
    name: str
    units: Optional[int]
    activation: str            # "linear" when the spec says nothing or null
    labels: Optional[str]      # one of LABEL_FORMATS, None when not given
    path: SpecPath


FIELDS = ("name", "units", "activation", "labels")
MODEL_KEYS = ("inputs", "outputs")


def keyed(raw: Any) -> bool:
    """`outputs` written as a mapping of output name -> output (a model built with dict outputs,
    ``Model(x, {name: tensor})``), not one output written as a mapping of its fields."""
    return (isinstance(raw, dict) and bool(raw) and not any(key in FIELDS for key in raw)
            and all(isinstance(item, dict) for item in raw.values()))


def parse_outputs(model: Any, smap: SourceMap) -> Tuple[Tuple[Output, ...], List[Diagnostic]]:
    """Outputs in order, and CC123 for anything malformed (those outputs are still kept). Keyed outputs
    come in sorted name order: both Keras flatten a dict of outputs that way, so a list pairs with them
    by sorted name (tools/probes/dict_outputs.py)."""
    problems: List[Diagnostic] = []
    if model is None:
        return (), problems
    if not isinstance(model, dict):
        return (), [_bad(("model",), smap, "model", "mapping", model)]
    problems.extend(_unknown_keys(model, ("model",), smap, MODEL_KEYS, "codes.CC124.message"))
    raw = model.get("outputs")
    if raw is None:
        return (), problems
    if keyed(raw):
        return _keyed(raw, smap)
    if isinstance(raw, dict):   # a single output written as a mapping: its fields are at model.outputs
        output, issues = _parse_output(0, raw, ("model", "outputs"), smap)
        return (output,), problems + issues
    if not isinstance(raw, list):
        return (), [_bad(("model", "outputs"), smap, "outputs", "list", raw)]
    outputs = []
    seen = set()                  # names so far: one set lookup per output, not a scan (linear in outputs)
    for index, item in enumerate(raw):
        path = ("model", "outputs", index)
        output, issues = _parse_output(index, item, path, smap)
        problems.extend(issues)
        if output.name in seen:   # Keras needs unique layer names
            problems.append(diagnostic("CC123", ERROR, path, smap.value_span(path), key="codes.CC123.duplicate",
                                       name=output.name))
        seen.add(output.name)
        outputs.append(output)
    return tuple(outputs), problems


def _keyed(raw: dict, smap: SourceMap) -> Tuple[Tuple[Output, ...], List[Diagnostic]]:
    problems: List[Diagnostic] = []
    outputs = []
    for index, key in enumerate(sorted(raw, key=str)):
        output, issues = _parse_output(index, dict(raw[key], name=str(key)), ("model", "outputs", key), smap)
        problems.extend(issues)
        outputs.append(output)
    return tuple(outputs), problems


def _parse_output(index: int, item: Any, path: SpecPath, smap: SourceMap):
    issues: List[Diagnostic] = []
    if not isinstance(item, dict):
        # Keras names unnamed outputs after their layers; a bare name is the common shorthand.
        name = item if isinstance(item, str) else f"output_{index}"
        if not isinstance(item, str):
            issues.append(_bad(path, smap, f"outputs[{index}]", "mapping", item))
        return Output(index, name, None, "linear", None, path), issues
    name = item.get("name", f"output_{index}")
    issues.extend(_unknown_keys(item, path, smap, FIELDS, "codes.CC124.output", output=str(name)))
    units = item.get("units")
    if units is not None and (isinstance(units, bool) or not isinstance(units, int) or units < 1):
        issues.append(_bad(path + ("units",), smap, "units", "positive_int", units))
        units = None
    activation = item.get("activation") or "linear"
    if not isinstance(activation, str) or activation.lower() not in ACTIVATIONS:
        issues.append(_choice(path + ("activation",), smap, "activation", activation, ACTIVATIONS))
        activation = "linear"
    labels = item.get("labels")
    if labels is not None and labels not in LABEL_FORMATS:
        issues.append(_choice(path + ("labels",), smap, "labels", labels, LABEL_FORMATS))
        labels = None
    return Output(index, str(name), units, activation.lower(), labels, path), issues


def _bad(path: SpecPath, smap: SourceMap, field: str, expected: str, value: Any) -> Diagnostic:
    return diagnostic("CC123", ERROR, path, smap.value_span(path),
                      field=field, expected=expected, found=type(value).__name__ if value is not None else "null",
                      value=short(repr(value)))


def _choice(path: SpecPath, smap: SourceMap, field: str, value: Any, choices) -> Diagnostic:
    return diagnostic("CC123", ERROR, path, smap.value_span(path), key="codes.CC123.choice",
                      field=field, value=short(repr(value)), choices=list(choices))


def _unknown_keys(mapping: dict, path: SpecPath, smap: SourceMap, allowed, key: str, **args) -> List[Diagnostic]:
    """CC124 for each key the model section does not have: it is ignored, so what it says goes unchecked
    (``activaton: softmax``; an outputs mapping that mixes an output's fields with output names)."""
    return [diagnostic("CC124", WARNING, path + (name,), smap.key_span(path + (name,)), key=key, name=str(name),
                       allowed=list(allowed), **args)
            for name in mapping if name not in allowed]
