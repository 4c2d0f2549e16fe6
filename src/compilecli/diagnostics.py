"""The one value every stage agrees on: a frozen diagnostic.

A diagnostic carries no words. It names a message key and its arguments; the
renderer looks the words up in the chosen language (see ``compilecli.i18n``).
"""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from operator import attrgetter
from typing import Any, Tuple, Union

PathPart = Union[str, int]
SpecPath = Tuple[PathPart, ...]

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True, order=True)
class Span:
    """1-based line and column of where a value starts (and ends) in the file."""

    line: int
    column: int
    end_line: int = 0
    end_column: int = 0


# The fixes a rule attaches to what it found (as ruff's rules do): typed, frozen, certain. The fix
# stage turns them into text edits at the loader's spans; a fixer never reads message arguments.


@dataclass(frozen=True)
class Rename:
    """Write ``new`` as the key of the entry at ``path`` (``lr`` -> ``learning_rate``)."""
    path: SpecPath
    new: str


@dataclass(frozen=True)
class Drop:
    """Delete the entry at ``path``; ``note`` (an i18n key, "" for none) says what replaces it."""
    path: SpecPath
    note: str = ""
    note_args: Tuple[Tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Respell:
    """Write the plain scalar ``old`` at ``path`` as ``text``: the value the target wants (``1`` -> ``1.0``)."""
    path: SpecPath
    old: str
    text: str
    only_if_bool: bool = False     # apply only where the argument takes a bool (yes/no/on/off)


@dataclass(frozen=True)
class AddKey:
    """Add ``key: text`` to the mapping at ``path``."""
    path: SpecPath
    key: str
    text: str


@dataclass(frozen=True)
class Unsuppress:
    """Make the suppression comment at the diagnostic's span list only ``keep`` (none: the comment goes)."""
    keep: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Diagnostic:
    code: str                      # stable code, e.g. "CC201"
    severity: str                  # ERROR or WARNING
    path: SpecPath = ()            # where in the spec: ("compile", "loss", 0)
    span: Span | None = None       # where in the file; None when unknown
    key: str = ""                  # i18n message key; defaults to the code
    args: Tuple[Tuple[str, Any], ...] = field(default_factory=tuple)
    fix: Any = field(default=None, compare=False)   # Rename | Drop | Respell | AddKey | Unsuppress, from the rule

    @property
    def message_key(self) -> str:
        return self.key or f"codes.{self.code}"

    @property
    def arguments(self) -> dict:
        return dict(self.args)

    def sort_key(self):
        span = self.span or Span(0, 0)
        return (span.line, span.column, self.code)


def diagnostic(code: str, severity: str, path: SpecPath = (), span: Span | None = None,
               key: str = "", fix: Any = None, **args: Any) -> Diagnostic:
    """Build a Diagnostic from keyword arguments (sorted, so equal inputs compare equal).

    ``key`` names the words (``codes.CC303.choice``); it is not a message argument, so a
    value meant for a ``{key}`` placeholder must be passed under another name; ``fix`` likewise is
    the typed fix the rule attaches, never a message argument.
    """
    if key and not key.startswith("codes."):
        raise ValueError(f"diagnostic key {key!r} is not a message key (codes.<CODE>...)")
    return Diagnostic(code, severity, path if path.__class__ is tuple else tuple(path), span, key,
                      tuple([(k, v if v.__class__ in _PLAIN else _frozen(v)) for k, v in sorted(args.items())]), fix)


def placed_all(items: list, sourcemap) -> list:
    """``items`` in the order found: a Diagnostic, or (finding, path) for the finding placed at another
    reference. The copies' spans are asked of the source map at once (``value_spans``), and each copy
    is made in place, without a call per copy: a list of 50,000 wrong metrics is 50,000 copies."""
    copies = [item for item in items if item.__class__ is tuple]
    if not copies:
        return items
    spans = iter(sourcemap.value_spans([path for _, path in copies]))
    return [item if item.__class__ is not tuple else
            Diagnostic(item[0].code, item[0].severity, item[1], next(spans), item[0].key, item[0].args, item[0].fix)
            for item in items]


def in_file_order(found: list) -> None:
    """Sort diagnostics as ``Diagnostic.sort_key`` does; when every one has a span the keys are read in C
    (``attrgetter``): a spec with 50,000 findings makes no Python call per finding to sort them."""
    if all(map(_SPAN, found)):
        found.sort(key=_POSITION)
    else:
        found.sort(key=Diagnostic.sort_key)


_SPAN = attrgetter("span")
_POSITION = attrgetter("span.line", "span.column", "code")      # = Diagnostic.sort_key with a span
_PLAIN = frozenset((str, int, float, bool, type(None)))   # values that are hashable as they are


def _frozen(value: Any) -> Any:
    """Lists become tuples, so that a Diagnostic is hashable all the way down."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def short(value: Any, width: int = 60) -> str:
    """A value as a message argument shows it: a str as it is, anything else as its repr, cut to width."""
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= width else text[: width - 3] + "..."


def format_path(path: SpecPath) -> str:
    """("compile", "loss", 0) -> "compile.loss[0]"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
