"""issue 13: every object and every compile() argument page links to its documentation, per target:
keras.io for Keras 3 (the class's own page where keras.io has one: links.json from keras-io's
api_master.py), tensorflow.org r2.15 for tf.keras (the class's path), Keras 2.3.1's source module."""
import pytest

from compilecli.catalogue import KINDS, TARGETS, load_catalogue, read_data
from compilecli.explain.build import build_pages
from compilecli.explain.topics import Topic, param_names

LINKS = read_data("links.json")


def link_of(page, lang):
    from compilecli import i18n
    heading = i18n.text("ui.explain.link", lang)
    found = [text for head, text in page.sections if head == heading]
    assert len(found) == 1, page.title
    return found[0]


def objects(target):
    tc = load_catalogue().target(target)
    for kind in KINDS:
        for canonical in sorted(tc.canonicals(kind)):
            entry = tc.entry(kind, canonical)
            yield kind, entry.class_equivalent or entry.canonical


@pytest.mark.parametrize("target", TARGETS)
def test_every_object_page_links_to_its_targets_documentation(target):
    table = LINKS.get(target, {})
    for kind, name in objects(target):
        if name.startswith("@"):
            continue        # accuracy / crossentropy: compile() resolves them itself (a per-target table)
        for lang in ("en", "zh"):
            url = link_of(build_pages(Topic("object", name, kind, name), (lang,), target)[0], lang)
            if target == "tf2":
                assert url == ("https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/"
                               + {"optimizer": "optimizers", "loss": "losses", "metric": "metrics",
                                  "schedule": "optimizers/schedules"}[kind] + "/" + name.replace(".", "/"))
            elif name in (table.get(kind) or {}):
                assert url == table["base"] + table[kind][name]
            else:       # keras.io has no page of its own for it (or Keras 2.3.1: one source module per kind)
                assert url == table["base"] + table[f"{kind}_index"], (target, name)
            if target == "keras3":
                assert url.startswith("https://keras.io/api/")


def test_keras_io_pages_are_the_class_pages():
    table = LINKS["keras3"]
    for kind in KINDS:
        for name, page in table[kind].items():
            anchor = page.split("#")[1] if "#" in page else page.rstrip("/").rsplit("/", 1)[1]
            assert name.lower().replace("_", "") in anchor.lower().replace("_", "").replace("-", ""), (kind, name, page)


@pytest.mark.parametrize("target", TARGETS)
def test_every_parameter_page_links_to_compile(target):
    expected = {"keras3": "https://keras.io/api/models/model_training_apis/#compile-method",
                "tf2": "https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/Model#compile",
                "keras2": "https://github.com/keras-team/keras/blob/2.3.1/keras/engine/training.py"}[target]
    for name in param_names() + ["compile"]:
        topic = Topic("compile", "compile") if name == "compile" else Topic("param", name)
        for lang in ("en", "zh"):
            assert link_of(build_pages(topic, (lang,), target)[0], lang) == expected, (target, name)
