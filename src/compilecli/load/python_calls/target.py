"""Which Keras a .py/.ipynb file is written for, and why -- in this order:

1. ``--target`` or the configuration file (the caller passes it);
2. the project's pins near the file (``requirements*.txt``, ``pyproject.toml``, ``setup.cfg``,
   ``environment.yml``, from the file's folder up to the repository root): ``tf-keras`` -> tf2;
   ``keras==3.*`` -> keras3, ``keras==2.0-2.3`` -> keras2 (standalone), ``keras==2.11-2.15`` -> tf2
   (those are tf.keras); ``tensorflow==2.11-2.15`` -> tf2, ``tensorflow>=2.16`` -> keras3; a pin before
   2.11 (``tensorflow==1.15``, ``tensorflow==2.4``, ``keras==2.6``: the OptimizerV2 era) leaves keras2
   and tf2 open; a keras3 pin does not hold for a file that imports ``tf_keras`` (or sets
   ``TF_USE_LEGACY_KERAS=1``): that is tf2;
3. the imports: ``keras_core`` or Keras-3-only APIs (``keras.ops``, ``KERAS_BACKEND="jax"``) -> keras3;
   standalone ``keras`` with APIs no keras 2.4+ has (``keras.legacy``, ``K.set_session``, ``CuDNNLSTM``,
   ``KERAS_BACKEND="theano"``) and no tf.keras -> keras2; with other Keras-2-only APIs (``fit_generator``,
   ``keras.layers.core``, ``from keras.utils import np_utils``: keras 2.4-2.15 is tf.keras) keras2|tf2;
   tf.keras alone -> tf2; standalone keras alone -> keras3.

When the imports leave targets open -- ``import keras`` alone (Keras 3 since late 2023; before, Keras 2.3
or keras 2.4-2.15, which is tf.keras), or next to ``import tensorflow`` -- with nothing that tells Keras 3
from Keras 2, the file gets them all as ``candidates``: the checker then reports only what every candidate
reports. So do
Keras-2-only APIs next to tf.keras (keras2 or tf2) and Keras 3 APIs next to Keras-2-only ones.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Dict, Optional, Tuple

from compilecli.catalogue.model import KERAS2, KERAS3, TF2   # target names: the catalogue's

#: The pin files by name, as ``is_pin_file`` reads them (case-insensitive): requirements*.txt / .in
#: (``requirements-dev.txt``, ``requirements.gpu.in``), pyproject.toml, setup.cfg, environment.yml / .yaml.
PIN_FILE_NAMES = frozenset(("pyproject.toml", "setup.cfg", "environment.yml", "environment.yaml"))
#: package, operator, version -- as pip, conda and poetry write them. (Both compiled when a pin file
#: is read: ~0.8 ms of every script's start-up otherwise.)
_PIN = (r"(?<![\w-])(tf[-_]keras|keras[-_]core|keras|tensorflow(?:[-_](?:cpu|gpu|macos))?)"
        r"(?![\w-])\s*[\"']?\s*(?:\[[^\]]*\])?\s*(?:[:=]\s*[\"']?)?\s*(==|~=|>=|<=|=|<|>|\^)\s*"
        r"v?(\d+)(?:\.(\d+))?")
_TF_KERAS = r"\s*(?:-\s*)?[\"']?tf[-_]keras(?![\w-])"
MAX_LEVELS = 6
#: A pin of TensorFlow (or keras) before 2.11: its tf.keras optimizers are OptimizerV2, which take lr= and
#: decay= (tensorflow/python/keras/optimizer_v2/optimizer_v2.py, allowed_kwargs) where tf.keras 2.15's raise
#: or drop them; TF 1.x is Keras 2.2's API. No target is that Keras: only what both Keras 2.3 and tf.keras
#: 2.15 report is certain there.
OPTIMIZER_V2 = (KERAS2, TF2)
NEW_OPTIMIZERS = 11          # tf.keras 2.11 made the new optimizers the default

KERAS3_MARKERS = ("keras.ops", "from keras import ops", "keras.config", "keras.random",
                  "keras_core", "keras.src.", "keras.saving", "keras.export", "keras.distribution", "keras.tree",
                  "keras_hub", "keras.version()", "keras.layers.TorchModuleWrapper", "keras.layers.JaxLayer",
                  "keras.utils.split_dataset", "from keras import random")
KERAS2_MARKERS = (".fit_generator(", ".predict_generator(", ".evaluate_generator(", "keras.layers.core",
                  "keras.layers.convolutional", "keras.layers.recurrent", "keras.layers.merge",
                  "keras.layers.normalization", "keras.layers.embeddings", "keras.layers.advanced_activations",
                  "keras.layers.pooling", "from keras.engine", "keras.wrappers.scikit_learn", "keras.utils.np_utils",
                  "keras.legacy", "tensorflow_backend", "nb_epoch=", "K.set_session", "K.get_session",
                  "ImageDataGenerator", "keras.preprocessing.text", "K.gradients(", "K.function(", "CuDNNLSTM",
                  "CuDNNGRU", "from keras.layers import Merge")
#: Of those, the ones no keras 2.4+ release has (multi-backend Keras 2.3 and before): the rest (fit_generator,
#: ImageDataGenerator, K.function -- all still in keras 2.15; np_utils and keras.layers.core until 2.12) are
#: also tf.keras 2.x code, run through the standalone package, so they leave keras2 and tf2 open.
KERAS2_ONLY_BEFORE_24 = ("keras.legacy", "tensorflow_backend", "K.set_session", "K.get_session", "CuDNNLSTM",
                         "CuDNNGRU", "from keras.layers import Merge", "nb_epoch=")
#: The dotted markers are modules: ``from keras.utils import np_utils`` imports one without writing it.
KERAS2_MODULES = tuple(m for m in KERAS2_MARKERS if re.fullmatch(r"keras(\.\w+)+", m))
#: ``KERAS_BACKEND`` set to a value: Keras 3's backends, or Keras 1/2's. Keras 2 read the variable too
#: (``theano``, ``tensorflow``, ``cntk``), so ``tensorflow`` tells neither.
_BACKEND = re.compile(r"KERAS_BACKEND\W{1,6}(\w+)")
BACKEND_TARGETS = {"jax": KERAS3, "torch": KERAS3, "numpy": KERAS3, "openvino": KERAS3,
                   "theano": KERAS2, "cntk": KERAS2, "mxnet": KERAS2, "plaidml": KERAS2}
TF1_MARKERS = ("tf.Session(", "tf.placeholder(", "tf.set_random_seed(", "tf.compat.v1")


def infer(path: Optional[str], facts, text: str, given: Optional[str]) -> Tuple[Optional[str], Dict, tuple]:
    """(target or None, {"target", "why", ...} for the JSON, candidate targets when ambiguous)."""
    if given:
        return given, {"target": given, "why": "given"}, ()
    if path and not path.startswith("<"):
        pinned = pins_near(os.path.dirname(os.path.abspath(path)))
        if pinned is not None:
            from compilecli.paths import shown
            target, where, pin = pinned
            if target == KERAS3 and _legacy_keras(facts, text):
                # `import tf_keras` (or TF_USE_LEGACY_KERAS=1) on TensorFlow >= 2.16: Keras 2's API, not 3's
                return TF2, {"target": TF2, "why": "imports", "imports": "tf_keras"}, ()
            if target == OPTIMIZER_V2:
                return None, {"target": None, "why": "pin", "file": shown(where), "pin": pin,
                              "candidates": list(target)}, target
            return target, {"target": target, "why": "pin", "file": shown(where), "pin": pin}, ()
    return _from_imports(facts, text)


def _from_imports(facts, text: str):
    tf_keras = facts.tf_keras or any(facts.resolve_root(root) == ["tensorflow"] for root in set(facts.keras_attrs))
    backends = {BACKEND_TARGETS.get(value) for value in _BACKEND.findall(text)} if "KERAS_BACKEND" in text else ()
    keras3 = facts.keras_core or (facts.standalone and (KERAS3 in backends or any(m in text for m in KERAS3_MARKERS)))
    keras2 = facts.standalone and (KERAS2 in backends or any(m in text for m in KERAS2_MARKERS)
                                   or any(_imported(facts.modules, m) for m in KERAS2_MODULES))
    if keras3 and keras2:
        # Keras 3 and Keras-2-only APIs in one file (a comment, a port half done): do not pick one
        candidates = (KERAS3, KERAS2, TF2)
        return None, {"target": None, "why": "ambiguous", "candidates": list(candidates)}, candidates
    if keras3:
        return KERAS3, {"target": KERAS3, "why": "imports", "imports": "keras 3 API"}, ()
    if keras2 and tf_keras:
        # standalone Keras 2 next to tf.keras: Keras 2.3 on TensorFlow 2, or keras 2.4+ (tf.keras itself)
        return None, {"target": None, "why": "ambiguous", "candidates": [KERAS2, TF2]}, (KERAS2, TF2)
    if keras2:
        before_24 = KERAS2 in backends or any(m in text for m in KERAS2_ONLY_BEFORE_24)
        if (facts.tensorflow or not before_24) and not any(m in text for m in TF1_MARKERS):
            return None, {"target": None, "why": "ambiguous", "candidates": [KERAS2, TF2]}, (KERAS2, TF2)
        return KERAS2, {"target": KERAS2, "why": "imports", "imports": "keras 2 API"}, ()
    if (tf_keras or facts.tensorflow) and not facts.standalone:
        return TF2, {"target": TF2, "why": "imports", "imports": "tensorflow.keras"}, ()
    if facts.standalone and not tf_keras and not facts.tensorflow:
        # `import keras` alone is Keras 3 since late 2023, before that standalone Keras 2.3 or keras
        # 2.4-2.15, which is tf.keras itself (TF 2.15: keras.Model is tf.keras.Model): nothing tells which
        return None, {"target": None, "why": "ambiguous", "candidates": [KERAS3, KERAS2, TF2]}, (KERAS3, KERAS2, TF2)
    if facts.standalone:
        return None, {"target": None, "why": "ambiguous", "candidates": [KERAS3, TF2]}, (KERAS3, TF2)
    return None, {"target": None, "why": "default"}, ()


def _legacy_keras(facts, text: str) -> bool:
    """The file uses tf_keras, the Keras 2 package that TensorFlow 2.16+ keeps for old code."""
    return any(module.split(".")[0] == "tf_keras" for module in facts.modules) or bool(
        "TF_USE_LEGACY_KERAS" in text and re.search(r"TF_USE_LEGACY_KERAS\W{1,6}(?:1|True|true)\b", text))


def _imported(modules, marker: str) -> bool:
    return marker in modules or any(module.startswith(marker + ".") for module in modules)


@lru_cache(maxsize=256)
def pins_near(folder: str) -> Optional[Tuple[str, str, str]]:
    """(target, pin file, the pin) from the nearest folder whose pin files say; None when none do."""
    for _ in range(MAX_LEVELS):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        for name in names:
            if is_pin_file(name):
                found = _pinned(os.path.join(folder, name))
                if found is not None:
                    return found[0], os.path.join(folder, name), found[1]
        if ".git" in names:
            return None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return None


def is_pin_file(name: str) -> bool:
    """A folder entry that may pin Keras (string tests, not a regular expression: this runs for every
    script, and compiling one cost ~1.3 M instructions of start-up)."""
    lower = name.lower()
    if lower in PIN_FILE_NAMES:
        return True
    if not lower.startswith("requirements"):
        return False
    stem, dot, suffix = lower[len("requirements"):].rpartition(".")
    return bool(dot) and suffix in ("txt", "in") and all(c.isalnum() or c in "_.-" for c in stem)


def _pinned(path: str) -> Optional[Tuple[str, str]]:
    try:
        with open(path, "rb") as handle:
            text = _decoded(handle.read(256 * 1024))
    except OSError:
        return None
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        if re.match(_TF_KERAS, line, re.I):
            found.setdefault("tf-keras", ("", 2, 0, line.strip()))
        for match in re.finditer(_PIN, line, re.I):
            package = match.group(1).lower().replace("_", "-")
            package = "tensorflow" if package.startswith("tensorflow") else package
            found.setdefault(package, (match.group(2), int(match.group(3)),
                                       int(match.group(4) or 0), match.group(0).strip()))
    return decide(found)


def _decoded(raw: bytes) -> str:
    """Pin files as editors and shells write them: ``conda env export > environment.yml`` in
    Windows PowerShell writes UTF-16 with a byte-order mark; everything else is UTF-8."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    return raw.decode("utf-8-sig", errors="replace")


def decide(found: Dict[str, tuple]) -> Optional[Tuple[str, str]]:
    """package -> (operator, major, minor, text) => (target, the pin that decided)."""
    if "tf-keras" in found:
        return TF2, found["tf-keras"][3]
    if "keras-core" in found:
        return KERAS3, found["keras-core"][3]
    keras = found.get("keras")
    if keras is not None:
        op, major, minor, text = keras
        if op in ("==", "~=", "=", "^") or (op in (">=", ">") and major >= 3):
            if major >= 3:
                return KERAS3, text
            if major == 2 and op != ">=":
                return (KERAS2 if minor <= 3 else TF2 if minor >= NEW_OPTIMIZERS else OPTIMIZER_V2), text
    tensorflow = found.get("tensorflow")
    if tensorflow is not None:
        op, major, minor, text = tensorflow
        exact_or_below = op in ("==", "~=", "=", "^", "<=")
        if (major == 1 and (exact_or_below or op == "<")) or (major == 2 and (
                (exact_or_below and minor < NEW_OPTIMIZERS) or (op == "<" and minor <= NEW_OPTIMIZERS))):
            return OPTIMIZER_V2, text
        if major == 2 and op in ("==", "~=", "=", "^", "<", "<="):
            if op in ("<", "<="):
                return (TF2, text) if minor < 16 or (op == "<" and minor == 16) else None
            return (TF2 if minor < 16 else KERAS3), text
        if major == 2 and op in (">=", ">") and minor >= 16:
            return KERAS3, text
    return None


def explain(path: str, given: Optional[str], lang: str = "en") -> str:
    """One line for ``--show-files``: the target a .py/.ipynb file gets, and why."""
    from compilecli import i18n
    from compilecli.load.python_calls import load_python_file
    if path.lower().endswith(".ipynb"):
        from compilecli.load.notebook import load_notebook_file as load
    else:
        load = load_python_file
    info = next((spec.code["target"] for spec in load(path, given) if spec.code), None)
    if info is None:
        return i18n.text("code_target.none", lang)
    from compilecli.catalogue import DEFAULT_TARGET
    args = dict(info, target=info.get("target") or DEFAULT_TARGET)
    why = info["why"]
    if "candidates" in info:
        args["candidates"] = " | ".join(info["candidates"])
        why = "pin_candidates" if why == "pin" else why
    return i18n.text(f"code_target.{why}", lang, **args)
