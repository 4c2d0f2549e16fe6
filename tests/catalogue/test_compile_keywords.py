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
