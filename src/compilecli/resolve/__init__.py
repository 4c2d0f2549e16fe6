"""Stage 2, resolve: loaded data -> target, outputs and catalogue entries.

Resolution never judges; it records. The few shape problems it cannot walk
past (no `compile:` section, an unknown target, a malformed `model:`) become
diagnostics here; everything else is left to the rules.
"""
from __future__ import annotations

from compilecli import record
from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import Any, Dict, List, Optional, Tuple

from compilecli.catalogue import DEFAULT_TARGET, TARGETS, load_catalogue, read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, SpecPath, diagnostic
from compilecli.load import LoadedSpec
from compilecli.resolve.model import Output, keyed, parse_outputs
from compilecli.resolve.objects import PER_OUTPUT, ObjectRef, walk_optimizer, walk_per_output

TOP_LEVEL_KEYS = ("target", "model", "compile")
META_KEYS = ("$schema",)          # editors' pointer to the JSON Schema: accepted, not checked


@dataclass
class ResolvedSpec:
    """What every later stage reads (rules, fix, smoke, explain): built once, complete."""
    loaded: LoadedSpec
    target: str
    catalogue: Any                         # the TargetCatalogue of `target`
    outputs: Tuple[Output, ...] = ()
    compile: Dict[str, Any] = field(default_factory=dict)
    objects: Tuple[ObjectRef, ...] = ()
    diagnostics: List[Diagnostic] = field(default_factory=list)
    inputs: Any = None                     # `model.inputs` as written (None when not given)
    # outputs written as a dict by name (Model(x, {name: tensor})): the names as written; `outputs` holds
    # them in sorted order, as Keras pairs them (empty: a list, or one output)
    keyed_outputs: Tuple[str, ...] = ()
    # output index -> the weight written for its loss and where (`loss_weights` as a list by position,
    # a mapping by output name, one number for every output); an output without one is not here
    loss_weights: Dict[int, "LossWeight"] = field(default_factory=dict, repr=False, compare=False)
    # role -> its references, and (role, output index) -> those that apply to that output: built once,
    # so a rule asking per output or per metric stays linear in the spec's size
    by_role: Dict[str, Tuple[ObjectRef, ...]] = field(default_factory=dict, repr=False, compare=False)
    by_output: Dict[Tuple[str, int], Tuple[ObjectRef, ...]] = field(default_factory=dict, repr=False,
                                                                     compare=False)
    # (kind, id(entry)) -> (entry, positions in `objects` of its references, of the well-formed ones): a rule
    # that judges an object by its entry judges each once and walks only the references of those it reports
    by_entry: Dict[Tuple[str, int], Tuple[Any, List[int], List[int]]] = field(default_factory=dict, repr=False,
                                                                              compare=False)

    @property
    def sourcemap(self):
        return self.loaded.sourcemap

    @property
    def output_names(self) -> List[str]:
        return [output.name for output in self.outputs]

    def refs(self, role: str) -> Tuple[ObjectRef, ...]:
        """The references of one compile argument ("loss", "metrics", "optimizer", ...), in spec order."""
        return self.by_role.get(role, ())

    def output_refs(self, role: str, index: int) -> Tuple[ObjectRef, ...]:
        """The references of ``role`` that apply to output ``index`` (each once), in spec order."""
        return self.by_output.get((role, index), ())

    def loss_weight(self, index: int) -> Optional["LossWeight"]:
        """The weight written for output ``index``'s loss (None: none written, Keras weighs it 1)."""
        return self.loss_weights.get(index)


@dataclass(frozen=True)
class LossWeight:
    output: int
    value: Any                  # as written (a number, or whatever the rules report as not one)
    path: SpecPath              # the spec path of the value


def _loss_weights(compile_args: Dict[str, Any], outputs) -> Dict[int, LossWeight]:
    """Each output's weight, paired as tf.keras and smoke pair them: by position, by name, or one for all.
    How Keras 3 pairs a list `loss` with a mapping of weights (by sorted key) is the rules' business (CC401)."""
    raw, base = compile_args.get("loss_weights"), ("compile", "loss_weights")
    if isinstance(raw, list):
        return {o.index: LossWeight(o.index, raw[o.index], base + (o.index,)) for o in outputs if o.index < len(raw)}
    if isinstance(raw, dict):
        return {o.index: LossWeight(o.index, raw[o.name], base + (o.name,)) for o in outputs if o.name in raw}
    if raw is None:
        return {}
    return {o.index: LossWeight(o.index, raw, base) for o in outputs}


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
    outputs, model_problems = parse_outputs(data.get("model"), smap)
    problems.extend(model_problems)
    model = data.get("model")
    inputs = model.get("inputs") if isinstance(model, dict) else None
    written = model.get("outputs") if isinstance(model, dict) else None
    keyed_outputs = tuple(map(str, written)) if keyed(written) else ()
    spec = ResolvedSpec(loaded, chosen, load_catalogue().target(chosen), outputs, {}, (), problems, inputs,
                        keyed_outputs)
    compile_args = data.get("compile")
    if not isinstance(compile_args, dict):
        problems.append(diagnostic("CC121", ERROR, ("compile",), smap.value_span(("compile",)),
                                   found="null" if compile_args is None else type(compile_args).__name__))
        return spec
    objects = tuple(_walk(compile_args, spec.output_names, _Entries(spec), chosen))
    return record.replace(spec, compile=compile_args, objects=objects, by_role=_by_role(objects),
                          by_output=_by_output(objects), by_entry=_by_entry(objects),
                          loss_weights=_loss_weights(compile_args, outputs))


class _Entries:
    """The catalogue entry a reference resolves to for the spec's target (None when unknown), asked by the
    walk before it builds the reference. A bare name in a spec file means the same every time: looked up once."""

    def __init__(self, spec: ResolvedSpec):
        self.spec = spec
        self.spec_file = spec.loaded.format in ("yaml", "json")
        self.code = spec.loaded.code
        self.plain: Dict[Tuple[str, str], Any] = {}
        # a bare name in a spec file resolves the same wherever it stands: the walk may reuse an answer
        self.by_name = self.spec_file

    def __call__(self, kind, name, path, config, config_path, malformed):
        if malformed or not isinstance(name, str):
            return None
        spec = self.spec
        if self.spec_file and config_path is None:
            key = (kind, name)
            if key not in self.plain:
                self.plain[key] = spec.catalogue.resolve(kind, name)
            return self.plain[key]
        if self.spec_file:   # a dict goes through get(): compile's own strings ('acc', 'ce') are strings only
            entry = spec.catalogue.get_entry(kind, name)   # (Keras 3.15 probe:breadth/dict-metric-acc raises)
            return entry if entry is None else _deserialized(spec, kind, config, config_path, entry)
        entry = spec.catalogue.resolve(kind, name)
        if self.code is not None:      # a class code constructs: the class, not get()'s name
            from compilecli.resolve.constructed import constructed_entry
            return constructed_entry(spec, kind, name, path) or entry
        return entry


def _by_role(objects) -> Dict[str, Tuple[ObjectRef, ...]]:
    table: Dict[str, List[ObjectRef]] = {}
    for role, refs in groupby(objects, attrgetter("role")):    # a role's references come together
        table.setdefault(role, []).extend(refs)
    return {role: tuple(refs) for role, refs in table.items()}


def _by_output(objects) -> Dict[Tuple[str, int], Tuple[ObjectRef, ...]]:
    table: Dict[Tuple[str, int], List[ObjectRef]] = {}
    # a flat list's references come together with the same outputs: one run, not one step per reference
    for (role, outputs), run in groupby(objects, attrgetter("role", "outputs")):
        run = list(run)
        for index in (outputs if len(outputs) < 2 else dict.fromkeys(outputs)):   # an output named twice counts once
            table.setdefault((role, index), []).extend(run)
    return {key: tuple(refs) for key, refs in table.items()}


def _by_entry(objects) -> Dict[Tuple[str, int], Tuple[Any, List[int], List[int]]]:
    groups: Dict[Tuple[str, int], Tuple[Any, List[int], List[int]]] = {}
    for index, ref in enumerate(objects):
        entry = ref.entry
        if entry is None:
            continue
        key = (ref.kind, id(entry))
        group = groups.get(key)
        if group is None:
            group = groups[key] = (entry, [], [])
        group[1].append(index)
        if not ref.malformed:
            group[2].append(index)
    return groups


def in_order(groups: List[List[int]]) -> List[int]:
    """The positions of several ``by_entry`` groups in spec order (diagnostics come out as the references stand)."""
    return groups[0] if len(groups) == 1 else sorted(index for positions in groups for index in positions)


def deserialized_entry(spec: ResolvedSpec, ref: ObjectRef, entry=None):
    """The entry get() really builds from a {class_name, config} dict (tf.keras 2.15 builds
    the legacy optimizer from a non-empty config; see catalogue/data/deserialize.json).
    Without ``entry``: the reference's own, which resolve already made this one."""
    if entry is None:
        return ref.entry
    return _deserialized(spec, ref.kind, ref.config, ref.config_path, entry)


def _deserialized(spec: ResolvedSpec, kind: str, config, config_path, entry):
    rule = deserialize_rules().get(spec.target, {}).get(kind)
    if not rule or config_path is None or not config:
        return entry
    if any(config.get(key) == value for key, value in rule["unless_config"].items()):
        return entry
    other = spec.catalogue.entry(kind, rule["non_empty_config_resolves_to"].format(canonical=entry.canonical))
    return other or entry


@lru_cache(maxsize=None)
def deserialize_rules() -> dict:
    return read_data("deserialize.json")


def _walk(compile_args: Dict[str, Any], names: List[str], entry_of, target: str = DEFAULT_TARGET) -> List[ObjectRef]:
    refs = list(walk_optimizer(compile_args, entry_of))
    # Keras 3 pairs a flat metrics list of one metric per output by position (structure.json)
    rows = read_data("structure.json").get(target, {})
    paired = rows.get("metrics.flat_list.paired", "ok") != "ok"
    # Keras 3 gives a one-output model every metric of a dict, whatever its key (probe:single-dicts)
    keyless = rows.get("metrics.dict.unknown_key.single_output") == "ok"
    for role in PER_OUTPUT:
        refs.extend(walk_per_output(role, compile_args.get(role), names, role != "loss", entry_of, pairs_flat=paired,
                                    any_key=keyless and role != "loss"))
    return refs
