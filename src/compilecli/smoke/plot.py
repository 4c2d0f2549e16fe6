"""`compilecli smoke --plot FILE.png|svg`: the loss and the metrics of every output per step, with
matplotlib (the optional extra `plot`: pip install "compilecli[plot]"). The JSON history stays the
source; this only draws it. A log scale is used when a loss spans two decades or more, and the step
where training went NaN/inf is marked."""
from __future__ import annotations

import math
import warnings

from compilecli import i18n
from compilecli.smoke.chart import use_log

SUFFIXES = (".png", ".svg")
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC", "DejaVu Sans"]


class PlotError(Exception):
    """The plot cannot be written (no matplotlib, a suffix it cannot write); str() is the message key."""


def available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def write_plot(report, path: str, lang: str) -> None:
    if not path.lower().endswith(SUFFIXES):
        raise PlotError("smoke.plot.suffix")
    if not available():
        raise PlotError("smoke.plot.missing")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = lambda key, **a: i18n.text(f"smoke.plot.{key}", lang, **a)   # noqa: E731
    outputs = [o for o in report.plan.outputs if o.loss is not None]
    with warnings.catch_warnings(), plt.rc_context({"font.sans-serif": CJK_FONTS, "axes.unicode_minus": False}):
        warnings.simplefilter("ignore")          # missing CJK glyphs in a minimal font set
        figure, axes = plt.subplots(2, max(1, len(outputs)), figsize=(5 * max(1, len(outputs)), 6), squeeze=False)
        for column, out in enumerate(outputs):
            _draw(axes[0][column], axes[1][column], report.history, out.name, t)
        figure.suptitle(t("title", source=report.source, target=report.target))
        figure.tight_layout()
        figure.savefig(path)
        plt.close(figure)


def _draw(loss_axes, metric_axes, history, name, t) -> None:
    series = history.outputs[name]
    losses = [v if v is not None and math.isfinite(v) else float("nan") for v in series["loss"]]
    steps = list(range(1, len(losses) + 1))
    loss_axes.plot(steps, losses, label=t("loss"))
    if use_log([v for v in losses if math.isfinite(v)]):
        loss_axes.set_yscale("log")
    nan = history.nan
    if nan is not None and nan["output"] in (None, name):
        loss_axes.axvline(nan["step"], color="red", linestyle="--", label=t("nan", step=nan["step"]))
    loss_axes.set_title(t("output", output=name))
    loss_axes.set_xlabel(t("step"))
    loss_axes.set_ylabel(t("loss"))
    loss_axes.legend()
    metrics = [m for m in series if m != "loss"]
    for metric in metrics:
        values = [v if v is not None and math.isfinite(v) else float("nan") for v in series[metric]]
        metric_axes.plot(list(range(1, len(values) + 1)), values, label=metric)
    metric_axes.set_xlabel(t("step"))
    metric_axes.set_ylabel(t("metrics"))
    if metrics:
        metric_axes.legend()
    else:
        metric_axes.text(0.5, 0.5, t("no_metrics"), ha="center", va="center", transform=metric_axes.transAxes)
