"""The float type of a golden-fixture run, from ``--floatx``, set up before Keras (and JAX) is imported.

    from floatx_env import FLOATX, SUFFIX   # first, then `import keras`

float64 switches JAX's x64 mode on (without it JAX silently computes in float32); float32 is Keras's default.
"""
from __future__ import annotations

import os
import sys

FLOATX = sys.argv[sys.argv.index("--floatx") + 1] if "--floatx" in sys.argv else "float64"
if FLOATX not in ("float32", "float64"):
    sys.exit(f"--floatx must be float32 or float64, not {FLOATX}")
os.environ.setdefault("KERAS_BACKEND", "jax")
if FLOATX == "float64":
    os.environ["JAX_ENABLE_X64"] = "1"
SUFFIX = "" if FLOATX == "float64" else "." + FLOATX
