"""The examples a code's page shows: the rule's first example with the code ("bad") and its first clean
one ("good"), each as a spec and, where Python says the same thing, as a `model.compile(...)` call.

A Python form is shown only when the checker gives it the same codes as the spec (a tf.keras optimizer
built by its constructor is not the one a spec's dict builds). What the page claims of each example is
"raises" (an error code: Keras raises) or "accepts"; tools/verify_code_examples.py runs them in real
Keras and tests/ux/test_code_examples_verified.py holds the two together.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

from compilecli.catalogue import DEFAULT_TARGET


@dataclass(frozen=True)
class Example:
    code: str
    role: str                 # "bad" | "good"
    format: str               # "yaml" | "python"
    text: str                 # as the page shows it
    spec: str                 # the spec it was made from (its model: section builds the test model)
    target: str
    codes: Tuple[str, ...]

    @property
    def claim(self) -> str:
        from compilecli.codes import CODES
        return "raises" if any(CODES[c].severity == "error" for c in self.codes if c in CODES) else "accepts"

    @property
    def key(self) -> str:
        return f"{self.code}.{self.role}.{self.format}"


def page_examples(code: str) -> List[Example]:
    from compilecli.rules import example_text, examples, rule_for_code
    rule = rule_for_code(code)
    if rule is None:
        return []
    listed = examples(rule)
    chosen = [("bad", next((e for e in listed if code in e[1]), None)), ("good", next((e for e in listed if not e[1]), None))]
    out = []
    for role, found in chosen:
        if found is None:
            continue
        spec, codes, target = found
        text = example_text(spec, target)
        own = _target_of(text)
        out.append(Example(code, role, "yaml", text, text, own, tuple(codes)))
        python = _python_form(spec, own, codes)
        if python:
            out.append(Example(code, role, "python", python, text, own, tuple(codes)))
    return out


def _target_of(text: str) -> str:
    import yaml
    data = yaml.safe_load(text)
    return str(data.get("target") or DEFAULT_TARGET) if isinstance(data, dict) else DEFAULT_TARGET


def _python_form(spec: str, target: str, codes) -> str:
    from compilecli.checker import check_code
    from compilecli.explain.python_example import python_example
    from compilecli.load.python_calls import load_python_text
    python = python_example(spec, target)
    if python is None:
        return ""
    found = {d.code for loaded in load_python_text(python, "example.py", target)
             for d in check_code(loaded, target, "example.py").diagnostics}
    return python if found == set(codes) else ""
