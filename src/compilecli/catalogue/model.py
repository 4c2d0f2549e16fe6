"""Plain value types of the catalogue (frozen, hashable, no behaviour beyond checks)."""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Any, Dict, Optional, Tuple

KINDS = ("optimizer", "loss", "metric", "schedule")
KERAS3, TF2, KERAS2 = "keras3", "tf2", "keras2"   # the targets' names: spelled here only
TARGETS = (KERAS3, TF2, KERAS2)
DEFAULT_TARGET = KERAS3
# "Package>name": an object registered with register_keras_serializable(package=...), which get() looks up
# in the process's custom-object registry (both Keras 3 and tf.keras): whether it resolves depends on what
# the program imported, not on Keras (tensorflow_addons' tests compile with "Addons>sigmoid_focal_crossentropy").
REGISTERED_NAME_SEPARATOR = ">"
# Packages no third party registers under: "keras>Adam" raises in both targets.
KERAS_PACKAGES = ("keras", "tf", "tensorflow", "tf_keras")
NUMERICS_TARGET = KERAS3     # smoke's numpy objects mirror this target's classes, held by its canonical names
# Release order, oldest first (Keras 2.3.1 2019, tf.keras 2.15 2023, Keras 3.15 2025): a compile keyword
# found only in older targets was removed, one found only in newer targets is not there yet.
CHRONOLOGICAL = (KERAS2, TF2, KERAS3)
assert sorted(CHRONOLOGICAL) == sorted(TARGETS)
# Vocabulary of argument types. An int is accepted where float is; a bool is not an int.
# "strict_float" is a float that must be written as one (1.0, not 1): Keras 3's learning_rate.
TYPE_NAMES = ("float", "strict_float", "int", "bool", "str", "null", "list", "dict", "schedule",
              "callable", "any")
LEGACY_STATUSES = ("ok", "warning", "error")
LABEL_FORMATS = ("sparse", "onehot", "binary", "multilabel", "real")   # model.outputs[].labels


class CatalogueError(Exception):
    """A data file of the catalogue is malformed (the message names file and key)."""


@dataclass(frozen=True)
class Range:
    gt: Optional[float] = None
    ge: Optional[float] = None
    lt: Optional[float] = None
    le: Optional[float] = None

    def contains(self, x) -> bool:
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            return False
        if self.gt is not None and not x > self.gt:
            return False
        if self.ge is not None and not x >= self.ge:
            return False
        if self.lt is not None and not x < self.lt:
            return False
        if self.le is not None and not x <= self.le:
            return False
        return True

    def __str__(self) -> str:
        lo = "(%s" % _num(self.gt) if self.gt is not None else (
            "[%s" % _num(self.ge) if self.ge is not None else "(-inf")
        hi = "%s)" % _num(self.lt) if self.lt is not None else (
            "%s]" % _num(self.le) if self.le is not None else "inf)")
        return "%s, %s" % (lo, hi)


def _num(x) -> str:
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


@dataclass(frozen=True)
class ArgSpec:
    name: str
    default: Any = None
    types: Tuple[str, ...] = ("any",)
    range: Optional[Range] = None
    choices: Optional[tuple] = None
    required: bool = False
    warn_only: bool = False          # out of range -> warning (Keras accepts it), not error
    error_when: Tuple[Tuple[str, Any], ...] = ()   # ...unless these other arguments are set so (then Keras raises)
    unless_set: Tuple[str, ...] = ()  # a warn-only range says nothing when one of these is set (warmup_target)
    replaced_when: Tuple[str, ...] = ()  # never read when one of these is written (tf.keras 2.15: lr over learning_rate)
    via_kwargs: bool = False         # taken through **kwargs, not the signature
    item_types: Optional[Tuple[str, ...]] = None
    length_of: Optional[Tuple[str, int]] = None   # (other arg, plus): len == len(other)+plus
    off: tuple = ()                  # values Keras reads as 'not set' (it tests truthiness): never out of range


@dataclass(frozen=True)
class LegacyArg:
    name: str
    status: str                      # "ok" | "warning" | "error" (what Keras does)
    replaced_by: Optional[str] = None
    note: Optional[str] = None       # Keras's own words, or a curated note
    applied: Optional[bool] = None   # accepted with a warning: does the value take effect? (probed)


@dataclass(frozen=True)
class ObjectEntry:
    kind: str
    canonical: str
    is_class: bool
    names: Tuple[str, ...]
    args: Dict[str, ArgSpec] = field(hash=False, compare=False, default_factory=dict)
    accepts_kwargs: bool = False
    class_equivalent: Optional[str] = None
    note: Optional[str] = None
    # compile-time strings ("accuracy", "ce") that stand for one of several objects,
    # chosen from the shapes: (("binary", canonical), ("sparse", ...), ("categorical", ...))
    resolves_to: Tuple[Tuple[str, str], ...] = ()
    config_only: bool = False        # get(name) alone fails; needs a {class_name, config}


@dataclass(frozen=True)
class CompileParam:
    name: str
    default: Any = None
    types: Tuple[str, ...] = ("any",)
    range: Optional[Range] = None
    choices: Optional[tuple] = None
    since: Optional[str] = None          # first target (keras2 -> tf2 -> keras3) that has it (set in
    #   legacy_compile_params only: a target's own params are built from its facts file alone)
    removed_in: Optional[str] = None     # first later target that does not
    replaced_by: Optional[str] = None
    required: bool = False
    warn_only: bool = False
