"""Every diagnostic code compilecli can emit: the explicit registry.

Families (as flake8/pycodestyle group theirs):
  CC1xx  loading: the file, its syntax, YAML traps, the spec's top-level shape
  CC2xx  unknown names: optimizers, losses, metrics, schedules, arguments
  CC3xx  argument types, ranges and conflicts
  CC4xx  multi-output structure: dicts and lists by output
  CC5xx  loss / output activation / label format consistency
  CC6xx  removed, renamed or not-yet-available arguments per target
  CC9xx  meta: compilecli's own suppression comments
  SMxxx  verdicts of `compilecli smoke` (VERDICTS below)

The words for each code (message, fix hint, explain page) live in
``compilecli/i18n/{en,zh}.json`` under ``codes.<CODE>``.
"""
from __future__ import annotations

from compilecli.record import dataclass   # dataclasses without exec: start-up
from typing import Dict

from compilecli.diagnostics import ERROR, WARNING


@dataclass(frozen=True)
class CodeInfo:
    code: str
    severity: str          # default severity
    name: str              # short kebab-case name, like a yamllint rule id
    exit_code: int = 1     # 2 for input that cannot be read at all


def _codes(*rows) -> Dict[str, CodeInfo]:
    return {row[0]: CodeInfo(*row) for row in rows}


CODES: Dict[str, CodeInfo] = _codes(
    # CC1xx: loading
    ("CC100", ERROR, "unreadable-file", 2),
    ("CC101", ERROR, "not-text", 2),
    ("CC102", ERROR, "too-large", 2),
    ("CC103", ERROR, "syntax-error"),
    ("CC104", ERROR, "resource-limit"),
    ("CC105", ERROR, "unsafe-tag"),
    ("CC106", ERROR, "not-a-mapping"),
    ("CC107", ERROR, "multiple-documents"),
    ("CC110", ERROR, "duplicate-key"),
    ("CC111", WARNING, "yaml11-float-string"),
    ("CC112", WARNING, "yaml11-boolean-word"),
    ("CC113", ERROR, "tab-character"),
    ("CC120", WARNING, "unknown-top-level-key"),
    ("CC121", ERROR, "missing-compile-section"),
    ("CC122", ERROR, "unknown-target"),
    ("CC123", ERROR, "malformed-model"),
    ("CC124", WARNING, "unknown-model-key"),
    # CC2xx: unknown names
    ("CC201", ERROR, "unknown-optimizer"),
    ("CC202", ERROR, "unknown-loss"),
    ("CC203", ERROR, "unknown-metric"),
    ("CC204", ERROR, "unknown-schedule"),
    ("CC205", ERROR, "unknown-compile-argument"),
    ("CC206", ERROR, "unknown-object-argument"),
    ("CC207", ERROR, "malformed-object"),
    ("CC208", ERROR, "abstract-base-class"),
    ("CC209", ERROR, "alias-as-class-name"),          # probe:dict-names (tools/probes/dict_names_probes.py)
    ("CC210", ERROR, "refused-dict-field"),           # probe:breadth (deserialize.json dict_fields)
    # CC3xx: types, ranges, conflicts
    ("CC301", ERROR, "compile-argument-type"),
    ("CC302", ERROR, "object-argument-type"),
    ("CC303", ERROR, "out-of-range"),
    ("CC304", ERROR, "conflicting-arguments"),
    ("CC305", ERROR, "missing-required-argument"),
    ("CC306", WARNING, "suspicious-value"),
    ("CC307", WARNING, "argument-without-effect"),     # CC307, CC309-CC314: observed by tools/differential
    ("CC309", ERROR, "unreduced-loss"),
    ("CC310", WARNING, "infinite-argument"),
    ("CC311", WARNING, "jit-with-run-eagerly"),
    ("CC312", ERROR, "schedule-without-module"),
    ("CC313", ERROR, "metric-not-for-compile"),
    ("CC314", WARNING, "gradients-clipped-to-zero"),
    ("CC315", ERROR, "argument-exceeds-output"),       # CC315-CC322: i10-errors (observed.json bounds)
    ("CC316", ERROR, "argument-exceeds-argument"),
    ("CC317", ERROR, "null-metric"),
    ("CC318", ERROR, "metrics-nested-too-deep"),
    ("CC319", ERROR, "duplicate-metric-name"),
    ("CC320", ERROR, "function-called-with-config"),
    ("CC321", ERROR, "metric-dtype-conflict"),
    ("CC322", ERROR, "argument-fails-compiled-step"),
    ("CC323", WARNING, "weight-decay-overwhelms"),     # CC323, CC413, CC517-CC519: tools/differential smells
    # CC4xx: multi-output structure
    ("CC401", ERROR, "unknown-output-key"),
    ("CC402", ERROR, "output-count-mismatch"),
    ("CC403", WARNING, "output-without-loss"),
    ("CC404", ERROR, "structure-type"),
    ("CC405", WARNING, "structure-without-model"),
    ("CC406", WARNING, "output-never-trains"),
    ("CC413", WARNING, "negative-loss-weight"),
    # CC5xx: loss / activation / labels
    ("CC501", ERROR, "sparse-labels-categorical-loss"),
    ("CC502", ERROR, "onehot-labels-sparse-loss"),
    ("CC503", WARNING, "softmax-binary-crossentropy"),
    ("CC504", WARNING, "from-logits-after-activation"),
    ("CC505", WARNING, "logits-without-from-logits"),
    ("CC506", WARNING, "single-unit-softmax"),
    ("CC507", WARNING, "accuracy-resolution"),
    ("CC508", WARNING, "loss-label-mismatch"),
    ("CC509", ERROR, "metric-label-shape"),
    ("CC510", ERROR, "loss-label-shape"),
    ("CC517", WARNING, "one-unit-normalised-loss"),
    ("CC518", WARNING, "log-of-negative-output"),
    ("CC519", WARNING, "zero-row-probabilities"),
    # CC6xx: target versions
    ("CC601", ERROR, "removed-compile-argument"),
    ("CC602", ERROR, "compile-argument-not-in-target"),
    ("CC603", ERROR, "renamed-argument"),
    ("CC604", ERROR, "removed-object-argument"),
    ("CC605", ERROR, "object-argument-not-in-target"),
    ("CC606", ERROR, "object-not-in-target"),
    ("CC607", WARNING, "deprecated-argument"),
    ("CC901", WARNING, "unused-suppression"),  # CC9xx: meta, about compilecli's own comments
)


# Verdicts of `compilecli smoke` (SM0xx fine, SM1xx bad: exit 1). Words under codes.SMxxx in i18n/smoke.*.json.
VERDICTS: Dict[str, CodeInfo] = _codes(
    ("SM001", "info", "trains", 0),
    ("SM002", "info", "output-without-loss", 0),
    ("SM101", ERROR, "loss-did-not-fall"),
    ("SM102", ERROR, "diverged"),
    ("SM103", ERROR, "not-finite"),
    ("SM104", ERROR, "metric-constant"),
)


def severity_of(code: str) -> str:
    return CODES[code].severity
