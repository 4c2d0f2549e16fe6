"""compile()'s keywords and roles are data (semantics.json), and agree with the facts probed from Keras."""
import pytest

from compilecli.catalogue import (CatalogueError, TARGETS, compile_keywords, compile_roles, known_compile_keywords,
                                  load_catalogue)
from compilecli.resolve.objects import PER_OUTPUT


def test_compile_keywords_are_the_facts_signatures():
    signatures = set()
    for target in TARGETS:
        signatures.update(load_catalogue().target(target).compile_signature)
    assert compile_keywords() == signatures


def test_the_kwargs_only_keywords_are_in_no_signature_and_probed_where_probes_exist():
    kwargs = known_compile_keywords() - compile_keywords()
    assert kwargs == {"distribute", "experimental_steps_per_execution", "cloning", "experimental_run_tf_function"}
    probed = {key.split("=", 1)[0] for key in load_catalogue().target("tf2").compile_probes}
    assert {"distribute", "experimental_steps_per_execution"} <= probed


def test_every_object_argument_has_a_kind_of_the_catalogue():
    from compilecli.catalogue import KINDS
    assert set(compile_roles()) == {"optimizer", *PER_OUTPUT}
    assert set(compile_roles().values()) <= set(KINDS)
    assert set(compile_roles()) <= compile_keywords()


@pytest.mark.parametrize("change, words", [
    (lambda s: s["compile_roles"].update(metrics="metrik"), "compile_roles"),
    (lambda s: s["compile_roles"].update(epochs="metric"), "compile_roles"),
    (lambda s: s.update(compile_kwargs="distribute"), "compile_kwargs"),
])
def test_a_malformed_table_is_refused_with_file_and_key(change, words):
    import copy
    from compilecli.catalogue.model import TARGETS as ALL
    from compilecli.catalogue.validate import check_semantics
    semantics = copy.deepcopy(load_catalogue().semantics)
    change(semantics)
    with pytest.raises(CatalogueError, match=words):
        check_semantics("semantics.json", semantics, ALL)


def _constants(path):
    """String constants of a module that are not docstrings or rule EXAMPLES (examples name their target)."""
    import ast
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXAMPLES" for t in node.targets):
            skip.update(id(n) for n in ast.walk(node.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]


def test_the_default_target_is_spelled_in_the_catalogue_only():
    """No "keras3" literal outside catalogue/model.py: the default is DEFAULT_TARGET, numerics' target
    NUMERICS_TARGET, a detected Keras 3 KERAS3."""
    import pathlib
    import compilecli
    package = pathlib.Path(compilecli.__file__).parent
    found = [f"{path.relative_to(package)}:{line}" for path in sorted(package.rglob("*.py"))
             if path.relative_to(package).as_posix() != "catalogue/model.py"
             for line, value in _constants(path) if value == "keras3"]
    assert found == []
