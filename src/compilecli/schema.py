"""A JSON Schema (draft 2020-12) of the spec format, built from the catalogue.

For editors (yaml-language-server, VS Code, JetBrains) and for ``check-jsonschema``: completion of
every optimizer / loss / metric / schedule name Keras 3 accepts, and per-class ``config`` properties
with the types, choices and hard ranges the catalogue knows.

What the schema says, and where it stops:
* names: the enums hold every name the keras3 target's ``get()`` accepts (``t.names(kind)``);
  where ``get()`` lower-cases names first (optimizers: a probed fact, ``case_insensitive``),
  a case-insensitive pattern accepts every other spelling (``aDam``) too;
* ``compile`` keys are a closed set: the union over all targets, so legacy keys
  (``sample_weight_mode``) validate here and ``compilecli check`` reports them per target;
* a ``config`` is closed to the arguments the class takes in any target, plus the legacy names
  (``lr``, ``decay``), unless the class takes ``**kwargs``;
* ranges are only the hard ones (Keras raises); the ranges where Keras trains badly but accepts
  (``beta_1: 1.0``) are left to ``check`` (CC306), as are everything that needs two values at once:
  output structure (CC4xx), loss/label consistency (CC5xx), conflicts (CC304), per-target versions.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence

from compilecli.catalogue import DEFAULT_TARGET, KINDS, TARGETS, load_catalogue
from compilecli.resolve import TOP_LEVEL_KEYS
from compilecli.resolve.model import ACTIVATIONS, LABEL_FORMATS
from compilecli.resolve.objects import PER_OUTPUT

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NAME_TARGET = DEFAULT_TARGET

# A catalogue type name -> a JSON Schema (None: nothing a spec can hold, e.g. a Python callable).
_TYPES: Dict[str, Optional[dict]] = {
    "float": {"type": "number"},
    "strict_float": {"type": "number"},
    "int": {"type": "integer"},
    "bool": {"type": "boolean"},
    "str": {"type": "string"},
    "null": {"type": "null"},
    "list": {"type": "array"},
    "dict": {"type": "object"},
    "schedule": {"$ref": "#/$defs/schedule_object"},
    "callable": None,
    "any": {},
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def _range(rng, warn_only: bool) -> dict:
    """The numeric bounds of a hard range (Keras raises); warn-only ranges stay with `check`."""
    if rng is None or warn_only:
        return {}
    out = {}
    for attr, keyword in (("gt", "exclusiveMinimum"), ("ge", "minimum"),
                          ("lt", "exclusiveMaximum"), ("le", "maximum")):
        value = getattr(rng, attr)
        if value is not None:
            out[keyword] = int(value) if isinstance(value, float) and value.is_integer() else value
    return out


def value_schema(types: Sequence[str], rng=None, choices=None, warn_only: bool = False,
                 item_types: Optional[Sequence[str]] = None, description: str = "") -> dict:
    """The schema of one argument value from its ArgSpec / CompileParam fields."""
    if choices is not None:
        out: dict = {"enum": [_json_value(c) for c in choices]}
    else:
        branches: List[dict] = []
        for name in types or ("any",):
            schema = _TYPES.get(name, {})
            if schema is None:
                continue
            if schema == {}:
                branches = [{}]
                break
            schema = dict(schema)
            if name in ("float", "strict_float", "int"):
                schema.update(_range(rng, warn_only))
            if name == "list" and item_types:
                items = value_schema(item_types)
                if items:
                    schema["items"] = items
            if schema not in branches:
                branches.append(schema)
        if not branches:
            out = {}
        elif len(branches) == 1:
            out = branches[0]
        elif all(set(b) == {"type"} for b in branches):
            out = {"type": [b["type"] for b in branches]}
        else:
            out = {"anyOf": branches}
    if description and out:
        out = {**out, "description": description}
    return out


def _case_insensitive(words: Sequence[str]) -> str:
    def one(word: str) -> str:
        return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)
    return "^(?:" + "|".join(one(w) for w in words) + ")$"


class _Builder:
    def __init__(self):
        self.catalogue = load_catalogue()
        self.names = self.catalogue.target(NAME_TARGET)
        self.defs: Dict[str, dict] = {}

    # -- objects -------------------------------------------------------------
    def kind_defs(self, kind: str) -> None:
        names = sorted(self.names.names(kind))
        folded = self.names.case_folded(kind)      # get() lower-cases these names first
        name_def: dict = {"description": f"a {kind} name Keras 3 accepts", "enum": names}
        if folded:
            name_def = {"description": f"a {kind} name Keras 3 accepts (in any letter case: "
                                       f"get() lower-cases it)",
                        "anyOf": [{"enum": names},
                                  {"type": "string", "pattern": _case_insensitive(sorted(folded))}]}
        self.defs[f"{kind}_name"] = name_def
        rules = []
        for canonical in self.names.canonicals(kind):
            entry = self.names.entry(kind, canonical)
            if entry is None:
                continue
            then = self.config_schema(kind, canonical, entry)
            if then:
                rules.append({"if": {"properties": {"class_name": self._class_name_is(kind, entry)},
                                     "required": ["class_name"]},
                              "then": then})
        obj: dict = {
            "type": "object",
            "description": f"a {kind} written as {{class_name, config}}",
            "properties": {"class_name": _ref(f"{kind}_name"),
                           "config": {"type": ["object", "null"]},
                           # what keras.saving.serialize_keras_object writes too (a nested schedule needs module)
                           "module": {"type": "string"}, "registered_name": {"type": ["string", "null"]}},
            "required": ["class_name"],
            "additionalProperties": False,
        }
        if rules:
            obj["allOf"] = rules
        self.defs[f"{kind}_object"] = obj
        self.defs[kind] = {"anyOf": [_ref(f"{kind}_name"), _ref(f"{kind}_object")]}

    def _class_name_is(self, kind: str, entry) -> dict:
        """The class_name values that mean this entry (the folded spellings in any case)."""
        exact: dict = {"enum": sorted(entry.names)}
        folded = sorted(lo for lo, canon in self.names.case_folded(kind).items()
                        if canon == entry.canonical)
        if not folded:
            return exact
        return {"anyOf": [exact, {"type": "string", "pattern": _case_insensitive(folded)}]}

    def config_schema(self, kind: str, canonical: str, entry) -> dict:
        """The `then` of one class: its config's properties, closed unless it takes **kwargs."""
        properties: Dict[str, dict] = {}
        known = set()
        open_ended = entry.accepts_kwargs
        for target in TARGETS:
            other = self.catalogue.target(target).entry(kind, canonical)
            if other is None:
                continue
            open_ended = open_ended or other.accepts_kwargs
            known.update(other.args)
            known.update(self.catalogue.target(target).legacy_args(kind, canonical))
        for name, arg in entry.args.items():
            schema = value_schema(arg.types, arg.range, arg.choices, arg.warn_only, arg.item_types)
            properties[name] = schema
        for name in sorted(known - set(properties)):
            properties[name] = {"description": "taken by another Keras target: see `compilecli check`"}
        required = sorted(name for name, arg in entry.args.items() if arg.required)
        config: dict = {"type": ["object", "null"], "properties": properties}
        if not open_ended:
            config["additionalProperties"] = False
        if required:
            config["required"] = required
            config["type"] = "object"
            return {"properties": {"config": config}, "required": ["config"]}
        return {"properties": {"config": config}}

    # -- compile -------------------------------------------------------------
    def compile_defs(self) -> dict:
        self.defs["loss_item"] = {"anyOf": [_ref("loss"), {"type": "null"},
                                            {"type": "array", "items": _ref("loss_item")}]}
        self.defs["metric_item"] = {"anyOf": [_ref("metric"), {"type": "null"},
                                              {"type": "array", "items": _ref("metric_item")}]}
        per_output_dict = {"type": "object", "not": {"required": ["class_name"]}}
        roles = {
            "optimizer": _ref("optimizer"),
            "loss": {"description": "one loss, a list by output position, or a dict by output name",
                     "anyOf": [_ref("loss"), {"type": "null"},
                               {"type": "array", "items": _ref("loss_item")},
                               {**per_output_dict, "additionalProperties": _ref("loss_item")}]},
            "loss_weights": {"anyOf": [{"type": "null"}, {"type": "array", "items": {"type": "number"}},
                                       {"type": "object", "additionalProperties": {"type": "number"}}]},
        }
        metrics = {"description": "a list of metrics, a list of lists by output, or a dict by output name",
                   "anyOf": [{"type": "null"}, _ref("metric_object"),
                             {"type": "array", "items": _ref("metric_item")},
                             {**per_output_dict, "additionalProperties": _ref("metric_item")}]}
        for role in PER_OUTPUT:
            roles.setdefault(role, metrics)
        properties: Dict[str, dict] = {}
        for target in TARGETS:                       # keras3 first: its types win
            for name, param in self.catalogue.target(target).compile_params.items():
                if name in properties:
                    continue
                if name in roles:
                    properties[name] = roles[name]
                else:
                    properties[name] = value_schema(param.types, param.range, param.choices,
                                                    param.warn_only) or {}
                if target != NAME_TARGET:
                    properties[name] = {**properties[name],
                                        "description": f"not in Keras 3 ({target}): `compilecli check` reports it"}
        return {"type": "object", "description": "the keyword arguments of model.compile()",
                "properties": dict(sorted(properties.items())), "additionalProperties": False}

    # -- model ---------------------------------------------------------------
    def model_def(self) -> dict:
        output = {
            "type": "object",
            "properties": {
                "name": {"type": "string", "description": "keys of per-output dicts must match it"},
                "units": {"type": "integer", "minimum": 1},
                "activation": {"description": "activation of the output layer (default linear)",
                               "anyOf": [{"enum": list(ACTIVATIONS)}, {"type": "null"},
                                         {"type": "string", "pattern": _case_insensitive(ACTIVATIONS)}]},
                "labels": {"description": "what y looks like", "enum": list(LABEL_FORMATS) + [None]},
            },
            "additionalProperties": False,     # CC124
        }
        positive = {"type": "integer", "minimum": 1}
        return {
            "type": "object",
            "properties": {
                "inputs": {"description": "input shape without the batch dimension",
                           "anyOf": [positive, {"type": "null"},
                                     {"type": "array", "items": positive, "minItems": 1}]},
                "outputs": {"description": "one entry per output, in order; or a mapping of output name to "
                                           "output for a model built with dict outputs (lists pair with them "
                                           "in sorted name order)",
                            "anyOf": [{"type": "null"}, output,
                                      {"type": "array", "items": {"anyOf": [{"type": "string"}, output]}},
                                      {"type": "object", "additionalProperties": output, "minProperties": 1}]},
            },
            "additionalProperties": False,     # CC124
        }

    def build(self) -> dict:
        for kind in KINDS:
            self.kind_defs(kind)
        self.defs["compile"] = self.compile_defs()
        self.defs["model"] = self.model_def()
        top = {"target": {"enum": list(TARGETS), "description": "which Keras the spec is checked against"},
               "model": _ref("model"), "compile": _ref("compile")}
        assert set(top) == set(TOP_LEVEL_KEYS)
        top["$schema"] = {"type": "string", "description": "where editors find this schema (ignored by compilecli)"}
        return {
            "$schema": DRAFT,
            "title": "compilecli spec: one Keras model.compile() call",
            "description": "Generated by `compilecli schema` from the catalogue; see docs/spec.md.",
            "type": "object",
            "properties": top,
            "required": ["compile"],
            "additionalProperties": False,
            "$defs": dict(sorted(self.defs.items())),
        }


def build_schema() -> dict:
    """The JSON Schema of the spec format (a fresh dict each call)."""
    return _Builder().build()


def schema_text(indent: Optional[int] = 2) -> str:
    import json
    return json.dumps(build_schema(), indent=indent, ensure_ascii=False) + "\n"
