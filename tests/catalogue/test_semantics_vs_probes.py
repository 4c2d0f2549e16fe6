"""semantics.json must agree with what Keras 3 did when probed.

A range without ``warn`` claims "Keras raises": if a probe outside the range
came back "ok", the range must be marked ``warn``. A range with ``warn`` claims
"Keras accepts": it must not be contradicted by probes that all raised.
"""
import ast

from compilecli.catalogue import load_catalogue


def _probes():
    t = load_catalogue().target("keras3")
    for kind, kd in t._facts["kinds"].items():
        for canon, o in kd["objects"].items():
            for key, res in (o.get("probes") or {}).items():
                if "," in key or key.startswith("zzz"):
                    continue
                arg, _, lit = key.partition("=")
                try:
                    value = ast.literal_eval(lit)
                except ValueError:
                    continue
                yield t, kind, canon, arg, value, res


def test_error_ranges_are_errors_in_keras3():
    bad = []
    for t, kind, canon, arg, value, res in _probes():
        e = t.entry(kind, canon)
        spec = e.args.get(arg) if e else None
        if spec is None or spec.range is None or spec.warn_only:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and not spec.range.contains(value) and res == "ok":
            bad.append((kind, canon, arg, value))
    assert not bad, "ranges marked as errors that Keras 3 accepts: %s" % bad
