#!/usr/bin/env python3
"""Check the explain pages in src/compilecli/catalogue/data/docs.{en,zh}.json.

Checks:
  1. both files parse and have exactly the same key structure (recursively);
  2. every leaf is a non-empty string;
  3. each page has the required fields (param pages and object pages);
  4. with Keras 3 importable: every public class in keras.optimizers,
     keras.losses, keras.metrics and keras.optimizers.schedules has a page
     (minus the exclusions below), no page names a class Keras lacks, and
     each page's `args` are exactly the constructor's parameters
     (``kwargs`` stands for ``**kwargs``).

Run with the Keras 3 venv for the full check:

    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/check_docs.py

Without Keras, checks 1-3 run and check 4 is skipped (use --require-keras to
make that an error). Exit status 0 = all good, 1 = problems found.
"""
import argparse
import inspect
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, os.pardir, "src", "compilecli", "catalogue", "data")
LANGS = ("en", "zh")

PARAMS = (
    "optimizer", "loss", "metrics", "loss_weights", "weighted_metrics",
    "run_eagerly", "steps_per_execution", "jit_compile", "auto_scale_loss",
    "sample_weight_mode", "target_tensors", "kwargs", "distribute",
)
PARAM_FIELDS = ("summary", "details", "default", "targets", "pitfalls", "example")
OBJECT_FIELDS = ("summary", "formula", "when", "args")
SECTIONS = ("param", "optimizer", "loss", "metric", "schedule")

# Public classes that get no page: abstract bases (not usable in a compile
# spec) and LossScaleOptimizer (added by compile itself, see auto_scale_loss).
EXCLUDED = {
    "optimizer": {"Optimizer", "LossScaleOptimizer"},
    "loss": {"Loss", "Reduction"},
    "metric": {"Metric"},
    "schedule": {"LearningRateSchedule"},
}


def load(lang):
    path = os.path.join(DATA, "docs.%s.json" % lang)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def compare_structure(a, b, path, errors):
    if isinstance(a, dict) != isinstance(b, dict):
        errors.append("%s: dict in one file, text in the other" % path)
        return
    if isinstance(a, dict):
        for k in sorted(set(a) - set(b)):
            errors.append("%s.%s: only in en" % (path, k))
        for k in sorted(set(b) - set(a)):
            errors.append("%s.%s: only in zh" % (path, k))
        for k in sorted(set(a) & set(b)):
            compare_structure(a[k], b[k], "%s.%s" % (path, k), errors)


def check_leaves(node, path, lang, errors):
    if isinstance(node, dict):
        if not node and not path.endswith(".args"):
            errors.append("[%s] %s: empty object" % (lang, path))
        for k, v in node.items():
            check_leaves(v, "%s.%s" % (path, k), lang, errors)
    elif not isinstance(node, str):
        errors.append("[%s] %s: expected text, got %s" % (lang, path, type(node).__name__))
    elif not node.strip():
        errors.append("[%s] %s: empty text" % (lang, path))


def check_fields(doc, lang, errors):
    for sec in SECTIONS:
        if sec not in doc:
            errors.append("[%s] missing section %r" % (lang, sec))
    for sec in set(doc) - set(SECTIONS):
        errors.append("[%s] unknown section %r" % (lang, sec))
    params = doc.get("param", {})
    for p in PARAMS:
        if p not in params:
            errors.append("[%s] param.%s: missing page" % (lang, p))
            continue
        for f in PARAM_FIELDS:
            if f not in params[p]:
                errors.append("[%s] param.%s: missing field %r" % (lang, p, f))
    for sec in SECTIONS[1:]:
        for name, page in doc.get(sec, {}).items():
            for f in OBJECT_FIELDS:
                if f not in page:
                    errors.append("[%s] %s.%s: missing field %r" % (lang, sec, name, f))
            if not isinstance(page.get("args", {}), dict):
                errors.append("[%s] %s.%s.args: must be an object" % (lang, sec, name))


def keras_classes():
    import keras  # noqa: F401  (imported lazily: only the Keras venv has it)

    modules = {
        "optimizer": keras.optimizers,
        "loss": keras.losses,
        "metric": keras.metrics,
        "schedule": keras.optimizers.schedules,
    }
    found = {}
    for sec, mod in modules.items():
        found[sec] = {}
        for name in dir(mod):
            obj = getattr(mod, name)
            if not inspect.isclass(obj) or name.startswith("_"):
                continue
            if name in EXCLUDED[sec]:
                continue
            params = []
            for pname, p in inspect.signature(obj.__init__).parameters.items():
                if pname == "self" or p.kind == p.VAR_POSITIONAL:
                    continue
                params.append("kwargs" if p.kind == p.VAR_KEYWORD else pname)
            found[sec][name] = params
    return keras.__version__, found


def check_against_keras(doc, errors):
    version, found = keras_classes()
    for sec, classes in found.items():
        pages = doc.get(sec, {})
        for name in sorted(set(classes) - set(pages)):
            errors.append("%s.%s: Keras %s has this class but there is no page" % (sec, name, version))
        for name in sorted(set(pages) - set(classes)):
            errors.append("%s.%s: page for a class Keras %s does not export" % (sec, name, version))
        for name in sorted(set(classes) & set(pages)):
            want = set(classes[name])
            have = set(pages[name].get("args", {}))
            for a in sorted(want - have):
                errors.append("%s.%s.args: constructor argument %r undocumented" % (sec, name, a))
            for a in sorted(have - want):
                errors.append("%s.%s.args: %r is not a constructor argument" % (sec, name, a))
    return version, {sec: len(c) for sec, c in found.items()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--require-keras", action="store_true",
                    help="fail if keras cannot be imported")
    args = ap.parse_args(argv)

    errors = []
    docs = {}
    for lang in LANGS:
        try:
            docs[lang] = load(lang)
        except (OSError, ValueError) as e:
            errors.append("[%s] cannot load: %s" % (lang, e))
    if len(docs) == len(LANGS):
        compare_structure(docs["en"], docs["zh"], "$", errors)
    for lang, doc in docs.items():
        check_leaves(doc, "$", lang, errors)
        check_fields(doc, lang, errors)

    keras_note = "skipped (keras not importable)"
    if "en" in docs:
        os.environ.setdefault("KERAS_BACKEND", "jax")
        try:
            import keras  # noqa: F401
        except ImportError:
            if args.require_keras:
                errors.append("keras is not importable (--require-keras)")
        else:
            version, counts = check_against_keras(docs["en"], errors)
            keras_note = "Keras %s, classes with pages expected: %s" % (version, counts)

    if "en" in docs:
        counts = {s: len(docs["en"].get(s, {})) for s in SECTIONS}
        print("pages: %s" % counts)
    print("keras check: %s" % keras_note)
    for e in errors:
        print("ERROR " + e)
    print("%d problem(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
