"""Stage 1, load: bytes -> plain data + a separate source map + CC1xx diagnostics.

Never executes tags, never expands aliases without bound, never raises on bad
input: every problem becomes a diagnostic on the returned ``LoadedSpec``.
"""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from compilecli.diagnostics import Diagnostic
from compilecli.load.sourcemap import SourceMap

if TYPE_CHECKING:                   # imported when a text holds a directive (load_text)
    from compilecli.load.comments import Comment


#: What a suppression directive starts with (compilecli.load.comments.MARKER, kept in step by a test).
DIRECTIVE = "compilecli:"


@dataclass
class LoadedSpec:
    source: str                      # display name: the path as given, or "<stdin>"
    text: str = ""                   # decoded text ("" when it could not be decoded)
    data: Any = None                 # plain dict/list/str/int/float/bool/None; None when unusable
    sourcemap: SourceMap = field(default_factory=SourceMap)
    diagnostics: List[Diagnostic] = field(default_factory=list)
    format: str = "yaml"             # "yaml" or "json"
    comments: Tuple[Comment, ...] = ()   # from the loader's own tokens (JSON has none); YAML's are
    #                                      read only when the text holds a `compilecli:` directive
    code: Optional[dict] = None      # a compile() call in code: what was read, skipped, inferred, and why

    @property
    def usable(self) -> bool:
        return isinstance(self.data, dict)


def guess_format(source: str, text: str = "") -> str:
    """"json" for ``*.json``, "yaml" for ``*.yaml``/``*.yml``; otherwise by content:
    JSON when the first non-blank character is ``{`` or ``[``."""
    name = source.lower()
    if name.endswith(".json"):
        return "json"
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    stripped = text.lstrip(" \t\r\n")
    return "json" if stripped[:1] in ("{", "[") else "yaml"


def load_bytes(raw: bytes, source: str, fmt: Optional[str] = None) -> LoadedSpec:
    """Decode and parse a spec. Never raises for bad input: see ``.diagnostics``.

    ``fmt`` is "yaml", "json" or None (guess from ``source``'s name, then content).
    """
    from compilecli.load import limits
    from compilecli.load.reader import decode

    spec = LoadedSpec(source=source)
    if len(raw) > limits.MAX_BYTES:
        from compilecli.diagnostics import ERROR, diagnostic
        spec.diagnostics.append(diagnostic("CC102", ERROR, key="codes.CC102.stream",
                                           limit=limits.MAX_BYTES, size=len(raw)))
        spec.format = fmt or guess_format(source)
        return spec
    text, diagnostics, _encoding = decode(raw)
    if text is None:
        spec.diagnostics.extend(diagnostics)
        spec.format = fmt or guess_format(source)
        return spec
    return load_text(text, source, fmt)


def load_text(text: str, source: str, fmt: Optional[str] = None) -> LoadedSpec:
    """Parse already-decoded text (a leading BOM character is ignored)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    fmt = fmt if fmt in ("yaml", "json") else guess_format(source, text)
    comments: Tuple[Comment, ...] = ()
    if fmt == "json":
        from compilecli.load.json_loader import load_json
        data, sourcemap, diagnostics = load_json(text)
    else:
        from compilecli.load.yaml_loader import load_yaml
        data, sourcemap, diagnostics = load_yaml(text)
        if DIRECTIVE in text.lower():
            from compilecli.load.comments import yaml_comments      # comments are read for directives only: a second scan of the
            comments = yaml_comments(text)   # text that a spec without `compilecli:` never pays for
    return LoadedSpec(source, text, data, sourcemap, list(diagnostics), fmt, comments)


def load_path(path: str) -> LoadedSpec:
    """Read and parse a spec file; ``"-"`` reads stdin (binary) with the same size limit."""
    from compilecli.load.reader import STDIN_NAME, read_path

    source = STDIN_NAME if path == "-" else path
    raw, diagnostics = read_path(path)
    if raw is None:
        spec = LoadedSpec(source=source, format=guess_format(source))
        spec.diagnostics.extend(diagnostics)
        return spec
    return load_bytes(raw, source)
