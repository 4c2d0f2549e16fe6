"""Smoke reports: text (per output: loss start -> end, fell or not, metrics, a sparkline,
the verdicts) and JSON (the full per-step history; keys stay English in every language).
"""
from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Optional

from compilecli import i18n
from compilecli.smoke.chart import chart

BARS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 40


def number(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}" if math.isfinite(value) else ("NaN" if math.isnan(value) else str(value))
    return str(value)


def sparkline(values: List[Optional[float]], width: int = SPARK_WIDTH) -> str:
    """Bucket means, scaled min..max; a non-finite bucket shows as '!'."""
    values = [v for v in values if v is not None]
    if not values:
        return ""
    size = max(1, math.ceil(len(values) / width))
    buckets = [values[i:i + size] for i in range(0, len(values), size)]
    means = [sum(b) / len(b) if all(math.isfinite(v) for v in b) else None for b in buckets]
    finite = [m for m in means if m is not None]
    low, high = (min(finite), max(finite)) if finite else (0.0, 0.0)
    span = (high - low) or 1.0
    return "".join("!" if m is None else BARS[min(len(BARS) - 1, int((m - low) / span * len(BARS)))]
                   for m in means)


def verdict_text(v, lang: str, source: str = "") -> Dict[str, str]:
    args = {k: number(val) for k, val in v.arguments.items()}
    if "where" in args:
        args["where"] = i18n.text(f"smoke.where.{v.arguments['where']}", lang)
    base = f"codes.{v.code}"
    variant = f"{base}.{v.arguments['variant']}" if "variant" in v.arguments else base
    return {part: i18n.text(_variant_key(variant, base, part, lang), lang, output=v.output, source=source, **args)
            for part in ("title", "message", "hint")}


def _variant_key(variant: str, base: str, part: str, lang: str) -> str:
    """codes.SM101.short.message when the verdict names that variant and it has the part, else codes.SM101.message."""
    key = f"{variant}.{part}"
    return key if isinstance(i18n.lookup(key, lang), str) and i18n.lookup(key, lang) != key else f"{base}.{part}"


def render_text(report, lang: str, color: bool = False) -> str:
    t = lambda key, **a: i18n.text(f"smoke.{key}", lang, **a)   # noqa: E731
    plan, h = report.plan, report.history
    header = "header" if h.steps_run >= report.steps else "header_stopped"
    lines = [t(header, source=report.source, target=report.target, steps=h.steps_run, asked=report.steps,
               batch_size=report.batch_size, seed=report.seed),
             t("model", inputs=plan.inputs, hidden=plan.hidden, optimizer=_name(plan.optimizer))]
    lines += ["  " + t(key, **args) for key, args in plan.notes]
    for out in plan.outputs:
        lines += _output_lines(out, h, t, report.steps)
    lines.append("")
    for v in report.verdicts:
        words = verdict_text(v, lang, report.source)
        mark = _paint("✗" if v.bad else "✓", "red" if v.bad else "green", color)
        lines.append(t("verdict_line", mark=mark, code=v.code, title=words["title"], message=words["message"]))
        if v.bad and words["hint"]:
            lines.append("    " + t("fix", hint=words["hint"]))
    lines.append(t("result_bad" if report.exit_code else "result_ok", exit_code=report.exit_code))
    return "\n".join(lines) + "\n"


def _output_lines(out, h, t, asked: int) -> List[str]:
    lines = ["", t("output", output=out.name, units=out.units, activation=out.activation,
                   labels=out.labels, loss=_name(out.loss), weight=number(out.weight))]
    if out.loss is None:
        return lines
    evals = [e["outputs"][out.name] for e in h.evals]
    start, end = evals[0]["loss"], evals[-1]["loss"]
    nan = h.nan if h.nan is not None and h.nan["output"] in (None, out.name) else None
    if nan is not None:
        end = float("nan")
    lines.append("  " + t("loss_line", start=number(start), end=number(end), change=_change(start, end, nan, t, asked)))
    history = h.outputs[out.name]["loss"]
    lines += ["  " + line for line in _train_range(history, t)]
    lines += ["    " + line for line in chart(history, t("chart_x"), t("chart_x_log"))]
    if nan is not None:
        lines.append("  " + t("nan_line", step=nan["step"], asked=asked, where=t("where." + nan["where"])))
    for name in evals[0]["metrics"]:
        lines.append("  " + t("metric_line", metric=name, start=number(evals[0]["metrics"][name]),
                                end=number(evals[-1]["metrics"][name])))
    return lines


def _change(start, end, nan, t, asked: int) -> str:
    """The loss line's verdict in words, with the same threshold as the SM codes."""
    from compilecli.smoke.verdict import DIVERGE_FACTOR, FELL_FRACTION, falls_enough, fell_percent
    if nan is not None:
        return t("nan_change", step=nan["step"], asked=asked)
    fell = fell_percent(start, end)
    if fell is None:
        return t("not_fell")
    if falls_enough(start, end):
        return t("fell", percent=f"{fell:.1f}")
    if end > start + (DIVERGE_FACTOR - 1.0) * max(abs(start), 1e-12):
        return t("grew", factor=f"{end / start:.3g}" if start > 0 else "-")
    if fell > 0:
        return t("fell_short", percent=f"{fell:.1f}", needed=f"{FELL_FRACTION * 100:g}")
    return t("rose", percent=f"{-fell:.1f}") if fell < 0 else t("not_fell")


def _train_range(history: List[Optional[float]], t) -> List[str]:
    finite = [(v, i + 1) for i, v in enumerate(history) if v is not None and math.isfinite(v)]
    if len(finite) < 2:
        return []
    (low, low_step), (high, high_step) = min(finite), max(finite)
    return [t("train_range", low=number(low), low_step=low_step, high=number(high), high_step=high_step)]


def render_json(report, lang: str) -> str:
    plan, h = report.plan, report.history
    data = {
        "source": report.source, "target": report.target, "steps": report.steps,
        "steps_run": h.steps_run, "batch_size": report.batch_size, "seed": report.seed,
        "model": {"inputs": plan.inputs, "hidden": plan.hidden}, "optimizer": plan.optimizer,
        "outputs": [_output_json(out, h) for out in plan.outputs],
        "loss": h.loss, "evaluations": h.evals, "nan": h.nan,
        "verdicts": [dict(code=v.code, output=v.output, bad=v.bad, args=v.arguments,
                          **verdict_text(v, lang, report.source)) for v in report.verdicts],
        "exit_code": report.exit_code,
    }
    from compilecli.world.text import json_safe
    return json_safe(json.dumps(_clean(data), ensure_ascii=False, indent=2)) + "\n"


def _output_json(out, h) -> Dict[str, Any]:
    evals = [e["outputs"][out.name] for e in h.evals]
    start, end = evals[0]["loss"], evals[-1]["loss"]
    return {"name": out.name, "units": out.units, "activation": out.activation, "labels": out.labels,
            "loss": out.loss, "loss_weight": out.weight, "loss_start": start, "loss_end": end,
            "loss_fell": bool(_finite(start, end) and end < start),
            "nan_step": h.nan["step"] if h.nan and h.nan["output"] in (None, out.name) else None,
            "metrics": {m: {"start": evals[0]["metrics"][m], "end": evals[-1]["metrics"][m]}
                        for m in evals[0]["metrics"]},
            "history": h.outputs[out.name]}


def _clean(value: Any) -> Any:
    """JSON has no NaN/inf: they become null (the `nan` block says where it happened)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _finite(*values) -> bool:
    return all(v is not None and math.isfinite(v) for v in values)


def _name(identifier: Any) -> str:
    if isinstance(identifier, dict):
        return str(identifier.get("class_name"))
    return "-" if identifier is None else str(identifier)


def _paint(text: str, colour: str, color: bool) -> str:
    codes = {"red": "31", "green": "32"}
    return f"\x1b[{codes[colour]}m{text}\x1b[0m" if color else text
