"""The catalogue's start-up constants agree with the facts they stand for."""
from compilecli.catalogue import COMPILE_KEYWORDS, ROLE_KIND, TARGETS, load_catalogue
from compilecli.resolve.objects import PER_OUTPUT


def test_compile_keywords_are_the_facts_signatures():
    signatures = set()
    for target in TARGETS:
        signatures.update(load_catalogue().target(target).compile_signature)
    assert COMPILE_KEYWORDS == signatures


def test_every_object_argument_has_a_kind_of_the_catalogue():
    from compilecli.catalogue import KINDS
    assert set(ROLE_KIND) == {"optimizer", *PER_OUTPUT}
    assert set(ROLE_KIND.values()) <= set(KINDS)
    assert set(ROLE_KIND) <= COMPILE_KEYWORDS


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
