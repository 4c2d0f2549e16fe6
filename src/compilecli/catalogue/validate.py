"""One-pass structural validation of the catalogue's JSON files (plain Python, no jsonschema).

Every problem raises ``CatalogueError("<file>: <key path>: <problem>")``.
"""
from __future__ import annotations

from .model import KINDS, LEGACY_STATUSES, TYPE_NAMES, CatalogueError

_RANGE_KEYS = {"gt", "ge", "lt", "le", "warn", "error_when", "unless_set"}
_SPEC_KEYS = {"types", "range", "choices", "required", "item_types", "length_of", "off",
              "replaced_by", "note", "replaced_when"}


def _fail(fname, path, msg):
    raise CatalogueError("%s: %s: %s" % (fname, ".".join(str(p) for p in path) or "<root>", msg))


def _need(fname, path, obj, key, typ):
    if not isinstance(obj, dict) or key not in obj:
        _fail(fname, path + (key,), "missing")
    val = obj[key]
    if not isinstance(val, typ) or (typ is int and isinstance(val, bool)):
        _fail(fname, path + (key,), "expected %s, got %s" % (
            getattr(typ, "__name__", typ), type(val).__name__))
    return val


def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_facts(fname, data, target):
    p = ()
    _need(fname, p, data, "schema", int)
    if _need(fname, p, data, "target", str) != target:
        _fail(fname, ("target",), "is %r, file is for %r" % (data["target"], target))
    _need(fname, p, data, "version", str)
    comp = _need(fname, p, data, "compile", dict)
    params = _need(fname, ("compile",), comp, "params", dict)
    for name, spec in params.items():
        if not isinstance(spec, dict) or "default" not in spec:
            _fail(fname, ("compile", "params", name), "expected {default: ...}")
    _need(fname, ("compile",), comp, "accepts_kwargs", bool)
    for k, v in _need(fname, ("compile",), comp, "probes", dict).items():
        if not isinstance(v, str) or v.split(":", 1)[0] not in LEGACY_STATUSES:
            _fail(fname, ("compile", "probes", k), "expected 'ok' / 'warning: ..' / 'error: ..'")
    _need(fname, ("compile",), comp, "string_resolution", dict)
    kinds = _need(fname, p, data, "kinds", dict)
    for kind in KINDS:
        kp = ("kinds", kind)
        kd = _need(fname, ("kinds",), kinds, kind, dict)
        objects = _need(fname, kp, kd, "objects", dict)
        for canon, o in objects.items():
            op = kp + ("objects", canon)
            _need(fname, op, o, "is_class", bool)
            _need(fname, op, o, "accepts_kwargs", bool)
            for n in _need(fname, op, o, "names", list):
                if not isinstance(n, str):
                    _fail(fname, op + ("names",), "names must be strings")
            for a, spec in _need(fname, op, o, "args", dict).items():
                if not isinstance(spec, dict) or "default" not in spec:
                    _fail(fname, op + ("args", a), "expected {default, required}")
                _need(fname, op + ("args", a), spec, "required", bool)
            for a, lg in (o.get("legacy_args") or {}).items():
                res = _need(fname, op + ("legacy_args", a), lg, "result", str)
                if res.split(":", 1)[0] not in LEGACY_STATUSES:
                    _fail(fname, op + ("legacy_args", a, "result"), "bad status %r" % res)
                rb = lg.get("replaced_by")
                if rb is not None and not isinstance(rb, str):
                    _fail(fname, op + ("legacy_args", a, "replaced_by"), "expected str or null")
            for i, g in enumerate(o.get("conflicts") or []):
                if not isinstance(g, list) or not all(isinstance(x, str) for x in g):
                    _fail(fname, op + ("conflicts", i), "expected a list of argument names")
            ce = o.get("class_equivalent")
            if ce is not None and ce not in objects:
                _fail(fname, op + ("class_equivalent",), "unknown object %r" % ce)
        for n, canon in _need(fname, kp, kd, "names", dict).items():
            if canon not in objects:
                _fail(fname, kp + ("names", n), "resolves to unknown object %r" % canon)
        _need(fname, kp, kd, "names_config_only", dict)
        ci = kd.get("case_insensitive")
        if not (isinstance(ci, bool) or isinstance(ci, list) and all(
                isinstance(n, str) and n == n.lower() for n in ci)):
            _fail(fname, kp + ("case_insensitive",),
                  "expected true / false / a list of lower-case names")


def _check_spec(fname, path, spec, partial):
    if not isinstance(spec, dict):
        _fail(fname, path, "expected an object")
    extra = set(spec) - _SPEC_KEYS
    if extra:
        _fail(fname, path, "unknown field(s) %s" % sorted(extra))
    if "types" in spec or not partial:
        types = spec.get("types")
        if not isinstance(types, list) or not types:
            _fail(fname, path + ("types",), "expected a non-empty list")
        for key in ("types", "item_types"):
            for t in spec.get(key) or ():
                if t not in TYPE_NAMES:
                    _fail(fname, path + (key,), "unknown type %r" % t)
    rng = spec.get("range")
    if rng is not None:
        if not isinstance(rng, dict) or set(rng) - _RANGE_KEYS:
            _fail(fname, path + ("range",), "keys must be among %s" % sorted(_RANGE_KEYS))
        if not isinstance(rng.get("error_when", {}), dict):
            _fail(fname, path + ("range", "error_when"), "expected a mapping of argument -> value")
        unless = rng.get("unless_set", [])
        if not isinstance(unless, list) or not all(isinstance(name, str) for name in unless):
            _fail(fname, path + ("range", "unless_set"), "expected a list of argument names")
        for k, v in rng.items():
            if k in ("error_when", "unless_set"):
                continue
            if k == "warn" and not isinstance(v, bool) or k != "warn" and not _is_num(v):
                _fail(fname, path + ("range", k), "bad value %r" % (v,))
        lo = rng.get("gt", rng.get("ge"))
        hi = rng.get("lt", rng.get("le"))
        if lo is not None and hi is not None and lo > hi:
            _fail(fname, path + ("range",), "empty range")
    rw = spec.get("replaced_when", [])
    if not isinstance(rw, list) or not all(isinstance(name, str) for name in rw):
        _fail(fname, path + ("replaced_when",), "expected a list of argument names")
    if "choices" in spec and not isinstance(spec["choices"], list):
        _fail(fname, path + ("choices",), "expected a list")
    if "required" in spec and not isinstance(spec["required"], bool):
        _fail(fname, path + ("required",), "expected true/false")
    lo = spec.get("length_of")
    if lo is not None and not (isinstance(lo, dict) and isinstance(lo.get("arg"), str)
                               and isinstance(lo.get("plus", 0), int)):
        _fail(fname, path + ("length_of",), "expected {arg: str, plus: int}")


def check_semantics(fname, data, targets):
    _need(fname, (), data, "schema", int)
    compile_specs = _need(fname, (), data, "compile", dict)
    for name, spec in compile_specs.items():
        _check_spec(fname, ("compile", name), spec, False)
    for role, kind in _need(fname, (), data, "compile_roles", dict).items():
        if role not in compile_specs or kind not in KINDS:
            _fail(fname, ("compile_roles", role), "a compile argument and a kind (%s) expected" % ", ".join(KINDS))
    kwargs = _need(fname, (), data, "compile_kwargs", list)
    if not all(isinstance(name, str) for name in kwargs) or set(kwargs) & set(data["compile_roles"]):
        _fail(fname, ("compile_kwargs",), "names of keywords taken through **kwargs expected")
    args = _need(fname, (), data, "args", dict)
    overrides = _need(fname, (), data, "overrides", dict)
    for kind in KINDS:
        for name, spec in _need(fname, ("args",), args, kind, dict).items():
            _check_spec(fname, ("args", kind, name), spec, False)
        for obj, per in _need(fname, ("overrides",), overrides, kind, dict).items():
            for name, spec in per.items():
                _check_spec(fname, ("overrides", kind, obj, name), spec, True)
    for tgt, per_kind in (data.get("target_overrides") or {}).items():
        if tgt not in targets:
            _fail(fname, ("target_overrides", tgt), "unknown target")
        for kind, per_obj in per_kind.items():
            if kind == "compile":   # compile() parameters that behave differently in this target
                for name, spec in per_obj.items():
                    _check_spec(fname, ("target_overrides", tgt, "compile", name), spec, True)
                continue
            if kind not in KINDS:
                _fail(fname, ("target_overrides", tgt, kind), "unknown kind")
            for obj, per in per_obj.items():
                for name, spec in per.items():
                    _check_spec(fname, ("target_overrides", tgt, kind, obj, name), spec, True)
