"""Resource limits for stage 1 (load). A compile spec is a few KB; these are generous.

Module constants, read at call time, so tests (and a future config option) can
change them with ``monkeypatch.setattr(limits, "MAX_BYTES", ...)``.
"""
from __future__ import annotations

#: Largest file accepted, in bytes. At most MAX_BYTES + 1 bytes are ever read.
MAX_BYTES = 1024 * 1024

#: Largest notebook accepted, in bytes. A notebook carries its outputs (plots as base64 images, logs):
#: public notebooks of a few MB train fine (tensorchiefs/dl_keras3, 1.6-2.4 MB). Only its code cells
#: are parsed, and their text is held to MAX_BYTES, as a .py file is.
MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024

#: Longest line accepted in a YAML file, in characters (CC104). JSON is exempt:
#: minified JSON legitimately lives on one line and the JSON parser is linear.
MAX_LINE_LENGTH = 10_000

#: Deepest nesting of mappings/sequences (the root mapping is depth 1).
MAX_DEPTH = 50

#: Most values (mapping values, list items, scalars) in one document, after
#: aliases are expanded.
MAX_NODES = 100_000

#: Most values produced by expanding aliases ("billion laughs" budget).
MAX_ALIAS_NODES = 10_000

#: Most alias uses (``*name``) in one document.
MAX_ALIASES = 1_000
