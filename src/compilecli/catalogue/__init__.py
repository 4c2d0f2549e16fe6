"""The knowledge catalogue: what each Keras target's ``compile()`` accepts, as data.

    from compilecli.catalogue import load_catalogue
    t = load_catalogue().target("keras3")
    t.resolve("optimizer", "ADAM").canonical   # "Adam"

Facts are generated from real Keras (``tools/gen_keras_facts.py``) or, for keras2,
read off the 2.3.1 source; argument types and ranges are curated in
``data/semantics.json``. Files are read lazily, once, and validated as they load.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Dict, Optional, Tuple

from .model import (CHRONOLOGICAL, DEFAULT_TARGET, KERAS2, KERAS3, KINDS, NUMERICS_TARGET, TF2, TARGETS, TYPE_NAMES, ArgSpec, CatalogueError,
                    CompileParam, LegacyArg, ObjectEntry, Range)
from .target import TargetCatalogue, make_range

__all__ = ["CHRONOLOGICAL", "load_catalogue", "Catalogue", "TargetCatalogue", "CatalogueError", "KINDS",
           "TARGETS", "KERAS3", "TF2", "KERAS2", "NUMERICS_TARGET", "compile_roles",
           "compile_keywords", "known_compile_keywords", "DEFAULT_TARGET", "TYPE_NAMES", "ArgSpec", "CompileParam", "LegacyArg",
           "ObjectEntry", "Range"]

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
# what parses and validates a data file (a cached file is not validated again while these stay)
_VALIDATING = tuple(os.path.join(os.path.dirname(DATA_DIR), name) for name in ("__init__.py", "validate.py", "model.py"))


def _read(path, validate=None):
    """The JSON value of a data file, checked by ``validate`` (which raises CatalogueError); from its
    cache (``compilecli/datacache.py``, as bytecode is) when the file has not changed since it was
    validated."""
    from compilecli.datacache import load
    return load(path, _parse, validate, code=_VALIDATING)


def _parse(path):
    import json     # (only when a file is not in its cache: a run that finds them all needs no json)
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.read())
    except OSError as e:
        raise CatalogueError("%s: <file>: cannot read (%s)" % (os.path.basename(path), e))
    except ValueError as e:
        raise CatalogueError("%s: <file>: not valid JSON (%s)" % (os.path.basename(path), e))


def _checked_semantics(data) -> None:
    from .validate import check_semantics     # (a cached file was validated when it was cached)
    check_semantics("semantics.json", data, TARGETS)


def _checked_facts(fname: str, data, target: str) -> None:
    from .validate import check_facts
    check_facts(fname, data, target)


@lru_cache(maxsize=None)   # data files do not change during a run: read each once, not once per spec
def read_data(name: str):
    """One JSON file of the data folder that is not facts or semantics (structure.json, docs.<lang>.json).

    The parsed value is shared by every caller: treat it as read-only."""
    return _read(os.path.join(DATA_DIR, name))


class Catalogue:
    def __init__(self, data_dir: str = DATA_DIR):
        self.data_dir = data_dir
        sem_file = os.path.join(data_dir, "semantics.json")
        self.semantics = _read(sem_file, _checked_semantics)
        self._targets: Dict[str, TargetCatalogue] = {}
        self._legacy: Optional[Dict[str, CompileParam]] = None

    def target(self, name: str = DEFAULT_TARGET) -> TargetCatalogue:
        if name not in TARGETS:
            raise KeyError("unknown target %r (one of %s)" % (name, ", ".join(TARGETS)))
        if name not in self._targets:
            fname = "facts.%s.json" % name
            facts = _read(os.path.join(self.data_dir, fname), lambda data: _checked_facts(fname, data, name))
            self._targets[name] = TargetCatalogue(name, facts, self.semantics)
            self._fill_compile_params(name)
        return self._targets[name]

    def targets(self) -> Tuple[TargetCatalogue, ...]:
        return tuple(self.target(n) for n in TARGETS)

    # ------------------------------------------------------------ compile params
    def _param(self, name, default, present_in, target=None) -> CompileParam:
        sem = dict(self.semantics["compile"].get(name) or {})
        overrides = (self.semantics.get("target_overrides") or {}).get(target, {}).get("compile", {})
        sem.update(overrides.get(name) or {})
        order = CHRONOLOGICAL
        present = [t for t in order if t in present_in]
        since = present[0] if present else None
        removed = None
        if since:
            later = order[order.index(since) + 1:]
            removed = next((t for t in later if t not in present_in), None)
        choices = sem.get("choices")
        return CompileParam(name, default, tuple(sem.get("types") or ("any",)),
                            make_range(sem.get("range")),
                            tuple(choices) if choices is not None else None,
                            since, removed, sem.get("replaced_by"),
                            required=False, warn_only=bool((sem.get("range") or {}).get("warn")))

    def _compile_table(self):
        """name -> {target: default} over all targets (loads every facts file)."""
        table: Dict[str, Dict[str, object]] = {}
        for t in TARGETS:
            tc = self._targets.get(t) or self.target(t)
            for name, spec in tc._facts["compile"]["params"].items():
                table.setdefault(name, {})[t] = spec
        return table

    def _fill_compile_params(self, name):
        """The target's own compile() parameters, from its facts alone: a check reads one facts file.

        ``since``/``removed_in`` need every target, so they are left unset here; the cross-target
        view (``legacy_compile_params``, ``targets_with_param``) loads the others when asked.
        """
        tgt = self._targets[name]
        tgt.compile_params = {}
        for pname, spec in tgt._facts["compile"]["params"].items():
            p = self._param(pname, spec["default"], (), name)
            tgt.compile_params[pname] = p if not spec.get("required") else CompileParam(
                **dict(p.__dict__, required=True))

    @property
    def legacy_compile_params(self) -> Dict[str, CompileParam]:
        """Every compile() parameter that exists in SOME target."""
        if self._legacy is None:
            table = self._compile_table()
            out = {}
            for pname, per in sorted(table.items()):
                first = next(t for t in CHRONOLOGICAL if t in per)
                out[pname] = self._param(pname, per[first]["default"], per)
            self._legacy = out
        return self._legacy

    def targets_with_param(self, name: str) -> Tuple[str, ...]:
        return tuple(t for t in TARGETS if name in self.target(t).compile_params)

    def targets_with_object(self, kind: str, canonical_or_name: str) -> Tuple[str, ...]:
        out = []
        for t in TARGETS:
            tc = self.target(t)
            if tc.entry(kind, canonical_or_name) or tc.resolve(kind, canonical_or_name):
                out.append(t)
        return tuple(out)


_CACHE: Dict[str, Catalogue] = {}


def compile_roles() -> Dict[str, str]:
    """compile argument -> the kind of object it takes ("metrics" -> "metric"): semantics.json."""
    return load_catalogue().semantics["compile_roles"]


@lru_cache(maxsize=None)
def compile_keywords() -> frozenset:
    """compile()'s keywords in any target's signature (semantics.json's `compile` without the **kwargs ones).
    From the curated file the Python loader reads anyway, not from every facts file (start-up)."""
    semantics = load_catalogue().semantics
    return frozenset(semantics["compile"]) - frozenset(semantics["compile_kwargs"])


@lru_cache(maxsize=None)
def known_compile_keywords() -> frozenset:
    """Every keyword some Keras compile() takes or took, **kwargs ones included."""
    semantics = load_catalogue().semantics
    return frozenset(semantics["compile"]) | frozenset(semantics["compile_kwargs"])


def load_catalogue(data_dir: Optional[str] = None) -> Catalogue:
    """The catalogue, loaded once per data directory and cached."""
    key = data_dir or DATA_DIR
    cat = _CACHE.get(key)
    if cat is None:
        cat = _CACHE[key] = Catalogue(key)
    return cat
