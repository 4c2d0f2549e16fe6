"""Stage 2, resolve: loaded data -> target, outputs and catalogue entries.

Resolution never judges; it records. The few shape problems it cannot walk
past (no `compile:` section, an unknown target, a malformed `model:`) become
diagnostics here; everything else is left to the rules.
"""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from compilecli.catalogue import DEFAULT_TARGET, TARGETS, load_catalogue, read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic
from compilecli.load import LoadedSpec
from compilecli.resolve.model import Output, parse_outputs
from compilecli.resolve.objects import PER_OUTPUT, ObjectRef, walk_optimizer, walk_per_output

TOP_LEVEL_KEYS = ("target", "model", "compile")
META_KEYS = ("$schema",)          # editors' pointer to the JSON Schema: accepted, not checked


@dataclass
class ResolvedSpec:
    loaded: LoadedSpec
    target: str
    catalogue: Any                         # the TargetCatalogue of `target`
    outputs: Tuple[Output, ...] = ()
    compile: Dict[str, Any] = field(default_factory=dict)
    objects: List[ObjectRef] = field(default_factory=list)
    diagnostics: List[Diagnostic] = field(default_factory=list)

    @property
    def sourcemap(self):
        return self.loaded.sourcemap

    @property
    def output_names(self) -> List[str]:
        return [output.name for output in self.outputs]

    def refs(self, role: str) -> List[ObjectRef]:
        return [ref for ref in self.objects if ref.role == role]


def resolve(loaded: LoadedSpec, target: Optional[str] = None) -> Optional[ResolvedSpec]:
    """None when the loaded data is unusable (load already said why)."""
    if not loaded.usable:
        return None
    data, smap = loaded.data, loaded.sourcemap
    problems: List[Diagnostic] = []
    for key in data:
        if key not in TOP_LEVEL_KEYS and key not in META_KEYS:
            problems.append(diagnostic("CC120", WARNING, (key,), smap.key_span((key,)), name=str(key),
                                       allowed=list(TOP_LEVEL_KEYS)))
    chosen = target or data.get("target") or DEFAULT_TARGET
    if chosen not in TARGETS:
        problems.append(diagnostic("CC122", ERROR, ("target",), smap.value_span(("target",)),
                                   value=str(chosen), choices=list(TARGETS)))
        chosen = DEFAULT_TARGET
    spec = ResolvedSpec(loaded, chosen, load_catalogue().target(chosen), diagnostics=problems)
    spec.outputs, model_problems = parse_outputs(data.get("model"), smap)
    problems.extend(model_problems)
    compile_args = data.get("compile")
    if not isinstance(compile_args, dict):
        problems.append(diagnostic("CC121", ERROR, ("compile",), smap.value_span(("compile",)),
                                   found="null" if compile_args is None else type(compile_args).__name__))
        return spec
    spec.compile = compile_args
    spec.objects = _walk(compile_args, spec.output_names)
    for ref in spec.objects:
        if isinstance(ref.name, str) and not ref.malformed:
            ref.entry = spec.catalogue.resolve(ref.kind, ref.name)
            if ref.entry is not None and loaded.format in ("yaml", "json"):
                ref.entry = deserialized_entry(spec, ref)
            elif loaded.code is not None:      # a class code constructs: the class, not get()'s name
                from compilecli.resolve.constructed import constructed_entry
                ref.entry = constructed_entry(spec, ref) or ref.entry
    return spec


def deserialized_entry(spec: ResolvedSpec, ref: ObjectRef):
    """The entry get() really builds from a {class_name, config} dict (tf.keras 2.15 builds
    the legacy optimizer from a non-empty config; see catalogue/data/deserialize.json)."""
    rule = deserialize_rules().get(spec.target, {}).get(ref.kind)
    if not rule or ref.config_path is None or not ref.config:
        return ref.entry
    if any(ref.config.get(key) == value for key, value in rule["unless_config"].items()):
        return ref.entry
    other = spec.catalogue.entry(ref.kind, rule["non_empty_config_resolves_to"].format(canonical=ref.entry.canonical))
    return other or ref.entry


@lru_cache(maxsize=None)
def deserialize_rules() -> dict:
    return read_data("deserialize.json")


def _walk(compile_args: Dict[str, Any], names: List[str]) -> List[ObjectRef]:
    refs = list(walk_optimizer(compile_args))
    for role in PER_OUTPUT:
        refs.extend(walk_per_output(role, compile_args.get(role), names, nested_lists=role != "loss"))
    return refs
