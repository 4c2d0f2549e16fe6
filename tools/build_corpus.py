#!/usr/bin/env python
"""Copy working public Keras code into tests/corpus/ (notebook outputs stripped), with a manifest.

    python tools/build_corpus.py            # needs the repositories' snapshots under /work/.mirror

Each corpus is one repository at one commit, with the Keras it was written for (``target``).
Files are taken with ``git show COMMIT:PATH`` from the snapshot (never from a work tree), so the
manifest's commit is exactly what is in the repo. Notebooks keep only their cells' sources (no
outputs, attachments or widget state), which keeps the corpus at a few MB. The corpus test and
benchmarks/bench_corpus.py read tests/corpus/manifest.json.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, os.pardir, "tests", "corpus")
MIRROR = os.environ.get("COMPILECLI_MIRROR", "/work/.mirror")

#: name -> (repository, commit or ref, target, why that target, paths or path prefixes, extension filter)
CORPORA = {
    "keras-2.3.1-examples": ("keras-team/keras", "2.3.1", "keras2",
                             "the standalone Keras 2.3.1 release's own examples",
                             ["examples/"], (".py",)),
    "keras3-guides": ("keras-team/keras", "3422977a5e38fb2f7709aaa9a08e47f0c43d0f60", "keras3",
                      "Keras 3 repository head: guides and examples",
                      ["guides/", "examples/"], (".py",)),
    "dlwp-first-edition": ("fchollet/deep-learning-with-python-notebooks", "dea84a4e12cc3bb3cb61ce952a0168bca113d315",
                           "keras2", "Deep Learning with Python, 1st edition: standalone Keras 2.0.8",
                           ["first_edition/"], (".ipynb",)),
    "dlwp-second-edition": ("fchollet/deep-learning-with-python-notebooks", "dea84a4e12cc3bb3cb61ce952a0168bca113d315",
                            "tf2", "2nd edition: TensorFlow 2.6 (tf.keras)", ["second_edition/"], (".ipynb",)),
    "dlwp-third-edition": ("fchollet/deep-learning-with-python-notebooks", "dea84a4e12cc3bb3cb61ce952a0168bca113d315",
                           "keras3", "3rd edition: Keras 3", ["chapter"], (".ipynb",)),
    "handson-ml2": ("ageron/handson-ml2", "1e2115277b50f6c584cd668fa30e3af309a5b136", "tf2",
                    "requirements.txt pins tensorflow~=2.6.0",
                    ["requirements.txt", "1", "extra_gradient_descent_comparison.ipynb"], (".ipynb", ".txt")),
    "handson-ml3": ("ageron/handson-ml3", "e3f3f9e66d58cfa1d068a498433063a1d3fba9ef", "tf2",
                    "requirements.txt pins tensorflow~=2.14.0", ["requirements.txt", "1"], (".ipynb", ".txt")),
    "tensorflow-docs": ("tensorflow/docs", "0fc1acda98cc4e04b68032257a071c831d8ccbe8", "tf2",
                        "tutorials as of December 2023 (TensorFlow 2.15)",
                        ["site/en/tutorials/", "site/en/guide/keras/"], (".ipynb",)),
    # Session 2: code the checker was never tuned on.
    "adl-keras-tf2": ("PacktPublishing/Advanced-Deep-Learning-with-Keras",
                      "b065726ee733d32c6bd618fc7643c9fc51767c75", "tf2",
                      "2nd edition: tensorflow.keras (requirements.txt: tensorflow-gpu, unpinned)",
                      ["requirements.txt", "chapter"], (".py", ".txt")),
    "adl-keras-keras2": ("PacktPublishing/Advanced-Deep-Learning-with-Keras",
                         "5aeb164dad689df6b4bce002f7adc8acc8395bb1", "keras2",
                         "1st edition (Dec 2019): standalone keras 2.2 imports", ["chapter"], (".py",)),
    "t81-558": ("jeffheaton/t81_558_deep_learning", "e674d07b85289b0cfb4cc57ff213228fd2ae4dc4", "tf2",
                "course notebooks on tensorflow.keras 2.x (environment.yml is UTF-16)",
                ["environment.yml", "t81_558_class"], (".ipynb", ".yml")),
    "tensorflow-examples": ("tensorflow/examples", "608f7db8c511e3dcc420afc564496e4516ceb800", "tf2",
                            "Udacity courses and model-maker code on tf.keras 2.x",
                            ["courses/", "tensorflow_examples/models/", "lite/examples/"], (".ipynb", ".py")),
    "tf-model-optimization": ("tensorflow/model-optimization", "6fbc2cec3984877251aa6ce961aceb7049cf2b25",
                              "tf2", "guides and examples (tf.keras 2.x, tfmot wrappers)",
                              ["tensorflow_model_optimization/g3doc/", "tensorflow_model_optimization/python/examples/"],
                              (".ipynb", ".py")),
    "tf-recommenders": ("tensorflow/recommenders", "cf1dafa988f223ed5f30b68cb9aed518484b3a1d", "tf2",
                        "docs examples: tfrs.Model subclasses (their own compile via keras.Model)",
                        ["docs/examples/"], (".ipynb",)),
    "keras-tcn": ("philipperemy/keras-tcn", "7576256b8b2a138b88ae2483b8616681686e424f", "tf2",
                  "tasks using the third-party TCN layer on tensorflow.keras", ["tasks/"], (".py",)),
    "keras-rl": ("keras-rl/keras-rl", "216c3145f3dc4d17877be26ca2185ce7db462bad", "keras2",
                 "setup.py: keras>=2.0.7 (standalone); agents define their own compile()",
                 ["examples/"], (".py",)),
    "hvass-tutorials": ("Hvass-Labs/TensorFlow-Tutorials", "d5f33973570fe6ef9c78c8a38c7449a932c81010", "tf2",
                        "tutorials on tensorflow.keras 2.x", ["0", "1", "2"], (".ipynb",)),
    # Session 3: Keras's own unit tests -- compile() in every form the trainers accept, much of it
    # deliberately unusual (dict and nested outputs, add_loss models, wrapped optimizers).
    "keras3-tests": ("keras-team/keras", "3422977a5e38fb2f7709aaa9a08e47f0c43d0f60", "keras3",
                     "Keras 3's own unit tests at the repository head (3.15.0+143)",
                     ["keras/src/models/", "keras/src/trainers/", "keras/src/optimizers/", "keras/src/callbacks/",
                      "keras/src/saving/", "keras/src/losses/", "keras/src/metrics/", "keras/src/backend/"], (".py",)),
    "tf-keras-tests": ("keras-team/tf-keras", "dd0a7237b9b24132dba3f491f3c84b0094ab796e", "tf2",
                       "tf-keras's own unit tests at the repository head (2.21; the facts are 2.15's): eager and "
                       "graph-mode (tf.compat.v1) compile()",
                       ["tf_keras/engine/", "tf_keras/optimizers/", "tf_keras/distribute/", "tf_keras/saving/",
                        "tf_keras/callbacks", "tf_keras/models/", "tf_keras/mixed_precision/"], (".py",)),
    "tf-addons": ("tensorflow/addons", "d208d752e98c310280938efa939117bf635a60a8", "tf2",
                  "TensorFlow Addons (tf.keras 2.x): registered custom objects ('Addons>...') and wrapped optimizers",
                  ["tensorflow_addons/", "docs/tutorials/"], (".py", ".ipynb")),
}
#: Files a corpus leaves out: unfinished exercises (``# YOUR CODE HERE`` is a SyntaxError, not working
#: code), and in the Keras 2 book the chapters already moved to tensorflow.keras (not its target).
EXCLUDE = {
    "tensorflow-examples": lambda path, raw: "_exercise_" in path and "solution" not in path,
    "adl-keras-keras2": lambda path, raw: b"tensorflow.keras" in raw or b"from keras" not in raw,
}

#: Licence of each repository (only Apache-2.0 / MIT / BSD code is copied).
LICENCES = {
    "keras-team/keras": "Apache-2.0", "fchollet/deep-learning-with-python-notebooks": "MIT",
    "ageron/handson-ml2": "Apache-2.0", "ageron/handson-ml3": "Apache-2.0", "tensorflow/docs": "Apache-2.0",
    "PacktPublishing/Advanced-Deep-Learning-with-Keras": "MIT",
    "jeffheaton/t81_558_deep_learning": "Apache-2.0", "tensorflow/examples": "Apache-2.0",
    "tensorflow/model-optimization": "Apache-2.0", "tensorflow/recommenders": "Apache-2.0",
    "philipperemy/keras-tcn": "MIT", "keras-rl/keras-rl": "MIT", "Hvass-Labs/TensorFlow-Tutorials": "MIT",
    "keras-team/tf-keras": "Apache-2.0", "tensorflow/addons": "Apache-2.0",
}
#: Only chapters of the handson books that use Keras (10-19), not the NumPy/pandas ones.
HANDSON_CHAPTERS = tuple(f"{n}_" for n in range(10, 20))


def git(repo: str, *args: str) -> bytes:
    folder = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    return subprocess.run(["git", "-C", folder, *args], check=True, capture_output=True).stdout


def wanted(path: str, prefixes, suffixes, name: str) -> bool:
    if not path.endswith(suffixes):
        return False
    if not path.endswith((".py", ".ipynb")):
        return path in prefixes           # pins files are named exactly, never matched by prefix
    if name.startswith("handson") and path.endswith(".ipynb") and "/" not in path:
        return path.startswith(HANDSON_CHAPTERS) or path in prefixes
    return any(path == p or path.startswith(p) for p in prefixes)


def strip_notebook(raw: bytes) -> bytes:
    nb = json.loads(raw)
    cells = nb.get("cells") or []
    kept = []
    for cell in cells:
        out = {"cell_type": cell.get("cell_type"), "metadata": {}, "source": cell.get("source", "")}
        if cell.get("cell_type") == "code":
            out.update(outputs=[], execution_count=None)
        kept.append(out)
    metadata = {k: v for k, v in (nb.get("metadata") or {}).items() if k in ("kernelspec", "language_info")}
    doc = {"cells": kept, "metadata": metadata, "nbformat": nb.get("nbformat", 4),
           "nbformat_minor": nb.get("nbformat_minor", 0)}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def main() -> int:
    manifest = {"about": __doc__.split("\n")[0], "corpora": {}}
    for name, (repo, ref, target, why, prefixes, suffixes) in CORPORA.items():
        commit = git(repo, "rev-parse", ref + "^{commit}").decode().strip()
        paths = git(repo, "ls-tree", "-r", "--name-only", commit).decode().splitlines()
        files = []
        for path in sorted(p for p in paths if wanted(p, prefixes, suffixes, name)):
            try:
                raw = git(repo, "show", f"{commit}:{path}")
            except subprocess.CalledProcessError:
                continue                  # the snapshot lists it but left the (large) blob out
            if path.endswith((".py", ".ipynb")) and b".compile(" not in raw:
                continue                  # no compile() call: nothing to measure
            if name in EXCLUDE and EXCLUDE[name](path, raw):
                continue
            if path.endswith(".ipynb"):
                raw = strip_notebook(raw)
            dest = os.path.join(OUT, name, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as handle:
                handle.write(raw)
            files.append(path)
        manifest["corpora"][name] = {"repository": f"https://github.com/{repo}", "commit": commit,
                                     "licence": LICENCES[repo], "target": target, "why": why,
                                     "files": files}
        print(f"{name}: {len(files)} files", file=sys.stderr)
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1)
        handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
