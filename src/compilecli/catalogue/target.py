"""What one Keras target accepts: built from its facts file plus the shared semantics."""
from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from .model import (ArgSpec, CompileParam, LegacyArg, ObjectEntry, Range)


def make_range(raw) -> Optional[Range]:
    if not raw:
        return None
    return Range(gt=raw.get("gt"), ge=raw.get("ge"), lt=raw.get("lt"), le=raw.get("le"))


def split_result(result: str) -> Tuple[str, Optional[str]]:
    status, _, text = result.partition(":")
    return status, (text.strip() or None)


class TargetCatalogue:
    """Facts about one target. Object entries are built on first use and cached."""

    def __init__(self, name: str, facts: dict, semantics: dict):
        self.name = name
        self.version: str = facts["version"]
        self.provenance: str = facts.get("provenance", "generated")
        self._facts = facts
        self._sem = semantics
        self._tover = (semantics.get("target_overrides") or {}).get(name, {})
        comp = facts["compile"]
        self.compile_probes: Dict[str, str] = comp["probes"]
        unknown = [r for k, r in comp["probes"].items() if k.startswith("zzz_unknown")]
        self.compile_accepts_kwargs: bool = comp["accepts_kwargs"] and not (
            unknown and unknown[0].startswith("error"))
        self.compile_params: Dict[str, CompileParam] = {}   # filled by the Catalogue
        self.compile_signature: Tuple[str, ...] = tuple(comp["params"])   # positional order of compile()
        self._entries: Dict[Tuple[str, str], Optional[ObjectEntry]] = {}
        self._special = {k: self._special_names(k) for k in ("metric", "loss")}
        self._folded: Dict[str, Dict[str, str]] = {}
        self._names: Dict[str, Tuple[str, ...]] = {}

    # ------------------------------------------------------------- compile strings
    def _special_names(self, kind):
        """Strings compile() resolves itself ("accuracy", "ce"): name -> entry, + casefold."""
        table = self._facts["compile"]["string_resolution"].get(kind) or {}
        groups: Dict[tuple, list] = {}
        for s, by_shape in table.items():
            if not isinstance(by_shape, dict):
                continue
            if any(str(v).startswith("error") for v in by_shape.values()):
                continue
            groups.setdefault(tuple(sorted(by_shape.items())), []).append(s)
        exact, folded = {}, {}
        for resolves, spellings in groups.items():
            canon = "@" + max((s for s in spellings if s == s.lower()), key=len,
                              default=spellings[0].lower())
            entry = ObjectEntry(kind, canon, False, tuple(sorted(spellings)),
                                resolves_to=resolves,
                                note="resolved by compile() from the output shapes")
            # probed spellings that differ from lower case and still work -> case-insensitive
            caseless = any(s != s.lower() for s in spellings)
            for s in spellings:
                exact[s] = entry
                if caseless:
                    folded[s.lower()] = entry
        return exact, folded

    # ---------------------------------------------------------------- resolution
    def resolve(self, kind: str, name: str) -> Optional[ObjectEntry]:
        """What ``name`` means to this target (compile's own strings first, then get())."""
        if not isinstance(name, str):
            return None
        if kind in self._special:
            exact, folded = self._special[kind]
            hit = exact.get(name) or folded.get(name.lower())
            if hit is not None:
                return hit
        return self.get_entry(kind, name)

    def get_entry(self, kind: str, name: str) -> Optional[ObjectEntry]:
        """What the target's ``keras.<kind>s.get(name)`` builds (compile()'s own strings aside)."""
        if not isinstance(name, str):
            return None
        canon = self._facts["kinds"][kind]["names"].get(name)
        if canon is None:
            canon = self.case_folded(kind).get(name.lower())
        return self.entry(kind, canon) if canon is not None else None

    def case_insensitive(self, kind: str) -> bool:
        """Does get() fold the case of (some) names of this kind? (probed: facts' case_insensitive)"""
        return bool(self._facts["kinds"][kind]["case_insensitive"])

    def case_folded(self, kind: str) -> Dict[str, str]:
        """lower-case spelling -> canonical, for the names get() finds in any letter case.

        Keras lower-cases the name when the lower-case spelling is registered
        (``if name.lower() in ALL_OBJECTS_DICT``); the facts say for which kinds
        (``true``) or which spellings (a list) that holds.
        """
        if kind not in self._folded:
            kd = self._facts["kinds"][kind]
            rule, names = kd["case_insensitive"], kd["names"]
            only = None if rule is True else set(rule or ())
            table: Dict[str, set] = {}
            if rule:
                for n, canon in names.items():
                    lo = n.lower()
                    if only is None or lo in only:
                        table.setdefault(lo, set()).add(canon)
            self._folded[kind] = {lo: names.get(lo) or next(iter(c)) for lo, c in table.items()
                                  if lo in names or len(c) == 1}
        return self._folded[kind]

    def get_names(self, kind: str) -> Tuple[str, ...]:
        """The names the target's ``get()`` accepts as written (case folding aside)."""
        return tuple(self._facts["kinds"][kind]["names"])

    def names(self, kind: str) -> Tuple[str, ...]:
        if kind not in self._names:       # cached: did-you-mean asks once per unknown name
            out = set(self._facts["kinds"][kind]["names"])
            if kind in self._special:
                out.update(self._special[kind][0])
            self._names[kind] = tuple(sorted(out))
        return self._names[kind]

    def canonicals(self, kind: str) -> Tuple[str, ...]:
        return tuple(sorted(self._facts["kinds"][kind]["objects"]))

    def entry(self, kind: str, canonical: str) -> Optional[ObjectEntry]:
        key = (kind, canonical)
        if key not in self._entries:
            self._entries[key] = self._build(kind, canonical)
        return self._entries[key]

    def _raw(self, kind, canonical):
        return self._facts["kinds"][kind]["objects"].get(canonical)

    def _build(self, kind, canonical) -> Optional[ObjectEntry]:
        if canonical and canonical.startswith("@") and kind in self._special:
            for e in self._special[kind][0].values():
                if e.canonical == canonical:
                    return e
        raw = self._raw(kind, canonical)
        if raw is None:
            return None
        legacy = self.legacy_args(kind, canonical)
        args = {a: self._argspec(kind, canonical, a, spec) for a, spec in raw["args"].items()
                if a not in legacy or legacy[a].status == "ok"}
        cfg_only = self._facts["kinds"][kind]["names_config_only"]
        names = tuple(raw["names"])
        return ObjectEntry(kind, canonical, raw["is_class"], names, args,
                           raw["accepts_kwargs"], raw.get("class_equivalent"), raw.get("note"),
                           config_only=bool(names) and all(n in cfg_only for n in names))

    def _sem_for(self, kind, canonical, arg) -> dict:
        spec = dict(self._sem["args"][kind].get(arg) or {})
        spec.update(self._sem["overrides"][kind].get(canonical, {}).get(arg) or {})
        per = self._tover.get(kind) or {}
        spec.update((per.get("*") or {}).get(arg) or {})
        spec.update((per.get(canonical) or {}).get(arg) or {})
        return spec

    def _argspec(self, kind, canonical, arg, fact) -> ArgSpec:
        sem = self._sem_for(kind, canonical, arg)
        rng = sem.get("range") or {}
        choices = sem.get("choices")
        length = sem.get("length_of")
        default = fact["default"]
        return ArgSpec(
            name=arg, default=default, types=tuple(sem.get("types") or ("any",)),
            range=make_range(rng), choices=tuple(choices) if choices is not None else None,
            required=fact["required"] or (bool(sem.get("required")) and default is None
                                          and not fact.get("via_kwargs")),
            warn_only=bool(rng.get("warn")), via_kwargs=bool(fact.get("via_kwargs")),
            error_when=tuple(sorted((rng.get("error_when") or {}).items())),
            unless_set=tuple(rng.get("unless_set") or ()),
            replaced_when=tuple(sem.get("replaced_when") or ()),
            item_types=tuple(sem["item_types"]) if sem.get("item_types") else None,
            length_of=(length["arg"], length.get("plus", 0)) if length else None,
            off=tuple(sem.get("off") or ()))

    def legacy_args(self, kind: str, canonical: str) -> Dict[str, LegacyArg]:
        raw = self._raw(kind, canonical) or {}
        out = {}
        for a, lg in (raw.get("legacy_args") or {}).items():
            status, text = split_result(lg["result"])
            out[a] = LegacyArg(a, status, lg.get("replaced_by"), lg.get("note") or text, lg.get("applied"))
        return out

    def conflicts(self, kind: str, canonical: str) -> Tuple[Tuple[str, ...], ...]:
        raw = self._raw(kind, canonical) or {}
        return tuple(tuple(g) for g in raw.get("conflicts") or ())

    def probe(self, kind: str, canonical: str, probe: str) -> Optional[str]:
        """Raw probe outcome, e.g. probe("optimizer", "Adam", "learning_rate=1")."""
        return ((self._raw(kind, canonical) or {}).get("probes") or {}).get(probe)

    def compile_legacy(self, name: str, value: Any = ...) -> Optional[LegacyArg]:
        """What compile(name=...) did when probed (kwargs outside the signature). For a value of None the
        `name=None` probe answers when there is one (tf.keras 2.15 pops target_tensors=None silently and
        raises on any other value); a None probe never answers for another value."""
        probed = {k.split("=", 1)[1]: r for k, r in self.compile_probes.items() if k.split("=", 1)[0] == name}
        result = probed.get("None") if value is None else None
        if result is None:
            result = next((r for v, r in probed.items() if v != "None"), None)
        if result is None:
            return None
        status, text = split_result(result)
        return LegacyArg(name, status, (self._sem["compile"].get(name) or {}).get("replaced_by"), text)

    def __repr__(self):
        return "TargetCatalogue(%r, %r)" % (self.name, self.version)
