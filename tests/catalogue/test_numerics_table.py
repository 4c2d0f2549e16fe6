"""Every name each target's catalogue accepts is something numerics builds, or an exception kept as
data (catalogue/data/numerics.json: not_built) with its reason; and no exception is stale."""
import pytest

from compilecli.catalogue import KINDS, TARGETS, load_catalogue
from compilecli.catalogue.tables import numerics_table
from compilecli.smoke.objects import registry

CASES = [(target, kind) for target in TARGETS for kind in KINDS]


def _entries(target, kind):
    tc = load_catalogue().target(target)
    for name in tc.names(kind):
        entry = tc.resolve(kind, name)
        if entry.resolves_to:        # compile()'s own strings: each choice is a name of its own
            for _, choice in entry.resolves_to:
                yield f"{name}->{choice}", tc.entry(kind, choice)
        else:
            yield name, entry


@pytest.mark.parametrize("target,kind", CASES)
def test_every_accepted_name_is_built_or_listed_with_a_reason(target, kind):
    not_built = numerics_table()["not_built"].get(target, {}).get(kind, {})
    unexplained = []
    for name, entry in _entries(target, kind):
        try:
            built = registry(kind).name_for(target, entry)
        except ValueError as exc:
            if entry.canonical not in not_built:
                unexplained.append(name)
            assert not_built.get(entry.canonical, "") in str(exc)
            continue
        assert built in registry(kind).objects
        assert entry.canonical not in not_built, f"{target} {kind} {entry.canonical} is built after all"
    assert unexplained == []


@pytest.mark.parametrize("target,kind", CASES)
def test_every_listed_exception_is_a_name_of_that_target(target, kind):
    tc = load_catalogue().target(target)
    for section in ("not_built", "equivalents"):
        for canonical in numerics_table()[section].get(target, {}).get(kind, {}):
            assert tc.entry(kind, canonical) is not None, (section, target, kind, canonical)


def test_equivalents_name_objects_numerics_has():
    for target, kinds in numerics_table()["equivalents"].items():
        for kind, names in kinds.items():
            if kind.startswith("_"):
                continue
            for built in names.values():
                assert built in registry(kind).objects, (target, kind, built)


def test_a_function_loss_keeps_the_name_it_was_written_with():
    from compilecli.numerics import losses
    assert losses.build("log_cosh", {}, "logcosh").name == "logcosh"
    assert losses.build("LogCosh", {}, "logcosh").name == "log_cosh"      # a class keeps its own
