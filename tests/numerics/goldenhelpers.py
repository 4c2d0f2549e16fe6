"""Golden fixtures exist per float type: ``<name>.json`` (float64: Keras with JAX x64 and
floatx float64) and ``<name>.float32.json`` (Keras's default float32). Each golden case runs
with ``floatx()`` set as Keras's was, and is held to that type's tolerance."""
import json
from pathlib import Path

import numpy as np

from compilecli.numerics.config import floatx_scope  # noqa: F401  (re-exported for the tests)

GOLDEN_DIR = Path(__file__).parent / "golden"
FLOAT_TYPES = ("float64", "float32")
RTOL = {"float64": 1e-6, "float32": 1e-5}


def load_golden(name):
    """{floatx: fixture} for tests/numerics/golden/<name>[.float32].json."""
    found = {}
    for dtype in FLOAT_TYPES:
        path = GOLDEN_DIR / (f"{name}.json" if dtype == "float64" else f"{name}.{dtype}.json")
        found[dtype] = json.loads(path.read_text(encoding="utf-8"))
    return found


def each_case(goldens, key="cases"):
    """(floatx, case) pairs over both fixtures, and their test ids."""
    pairs = [(dtype, case) for dtype, golden in goldens.items() for case in golden[key]]
    return pairs, [f"{dtype}:{i}:{case['id']}" for i, (dtype, case) in enumerate(pairs)]


def check_header(goldens, dtype, min_cases):
    """The fixture says it is Keras 3 in ``dtype``, and holds the same cases as the float64 one."""
    golden = goldens[dtype]
    assert golden["floatx"] == dtype and golden["keras_version"].startswith("3.")
    assert len(golden["cases"]) > min_cases
    assert [c["id"] for c in golden["cases"]] == [c["id"] for c in goldens["float64"]["cases"]]


def relative_error(actual, expected):
    """max |a - e| / |e| over entries with |e| >= 1e-9 (near-zero entries are covered by ATOL)."""
    big = np.abs(expected) >= 1e-9
    return float(np.max(np.abs(actual - expected)[big] / np.abs(expected)[big], initial=0.0))
