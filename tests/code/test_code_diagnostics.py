"""A compile() call in Python gets the same diagnostics as the equivalent YAML spec, at the call's position."""
import textwrap

import pytest

from compilecli.checker import check_file, check_text
from compilecli.load import limits


def same(diag):
    """What must agree between the YAML and the Python form: everything but the position."""
    return diag.code, diag.severity, diag.path, diag.key, diag.args


CASES = [
    # (name, python, yaml, code, the text the Python diagnostic points at)
    ("unknown loss",
     """
     import keras
     model.compile(optimizer="adam", loss="categorical_crossentropyy", metrics=["accuracy"])
     """,
     "target: keras3\ncompile:\n  optimizer: adam\n  loss: categorical_crossentropyy\n  metrics: [accuracy]\n",
     "CC202", '"categorical_crossentropyy"'),
    ("lr under keras3",
     """
     import keras
     model.compile(
         optimizer=keras.optimizers.Adam(lr=0.001),
         loss="mse",
     )
     """,
     "target: keras3\ncompile:\n  optimizer: {class_name: Adam, config: {lr: 0.001}}\n  loss: mse\n",
     "CC603", "lr"),
    ("sample_weight_mode",
     """
     from keras import optimizers
     model.compile(optimizers.SGD(0.01), "mse", sample_weight_mode="temporal")
     """,
     "target: keras3\ncompile:\n  optimizer: {class_name: SGD, config: {learning_rate: 0.01}}\n  loss: mse\n"
     "  sample_weight_mode: temporal\n",
     "CC601", "sample_weight_mode"),
    ("from_logits type",
     """
     import tensorflow as tf
     model.compile(optimizer="adam",
                   loss=tf.keras.losses.BinaryCrossentropy(from_logits="true"))
     """,
     "target: tf2\ncompile:\n  optimizer: adam\n  loss: {class_name: BinaryCrossentropy, config: {from_logits: 'true'}}\n",
     "CC302", '"true"'),
    ("unknown metric in a list, did-you-mean",
     """
     import keras
     model.compile(optimizer="adam", loss="mse", metrics=["mae", "acuracy"])
     """,
     "target: keras3\ncompile:\n  optimizer: adam\n  loss: mse\n  metrics: [mae, acuracy]\n",
     "CC203", '"acuracy"'),
    ("unknown schedule in learning_rate",
     """
     import keras
     model.compile(optimizer=keras.optimizers.Adam(
         learning_rate=keras.optimizers.schedules.CosineDecayy(initial_learning_rate=0.1, decay_steps=10)))
     """,
     "target: keras3\ncompile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate:\n"
     "        class_name: CosineDecayy\n        config: {initial_learning_rate: 0.1, decay_steps: 10}\n",
     "CC204", "CosineDecayy"),
    ("steps_per_execution out of range",
     """
     import keras
     model.compile(optimizer="adam", loss="mse", steps_per_execution=0)
     """,
     "target: keras3\ncompile:\n  optimizer: adam\n  loss: mse\n  steps_per_execution: 0\n",
     "CC303", "0"),
    ("missing required schedule argument",
     """
     import keras
     model.compile(optimizer=keras.optimizers.SGD(
         learning_rate=keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.1, decay_steps=10)))
     """,
     "target: keras3\ncompile:\n  optimizer:\n    class_name: SGD\n    config:\n      learning_rate:\n"
     "        module: keras.optimizers.schedules\n"     # what a constructed schedule deserializes from (CC312)
     "        class_name: ExponentialDecay\n        config: {initial_learning_rate: 0.1, decay_steps: 10}\n",
     "CC305", "keras.optimizers.schedules.ExponentialDecay("),
]


@pytest.mark.parametrize("name,python,yaml,code,points_at", CASES, ids=[c[0] for c in CASES])
def test_same_diagnostics_as_yaml(tmp_path, h, name, python, yaml, code, points_at):
    path = tmp_path / "train.py"
    source = textwrap.dedent(python).lstrip("\n")
    path.write_text(source, encoding="utf-8")
    target = yaml.split("\n", 1)[0].partition("target:")[2].strip() or None
    results = check_file(str(path), target)      # `import keras` alone may be Keras 2 or 3: say which
    assert len(results) == 1
    from_python = results[0].diagnostics
    from_yaml = check_text(yaml, "spec.yaml").diagnostics
    assert sorted(map(same, from_python), key=repr) == sorted(map(same, from_yaml), key=repr)
    hit = [d for d in from_python if d.code == code]
    assert hit, [d.code for d in from_python]
    assert h.text_at(source, hit[0].span, len(points_at)) == points_at


def test_positions_are_the_files(check_py, h):
    results = check_py("""
        \"\"\"Two models.\"\"\"
        import keras


        def build():
            model = keras.Sequential()
            model.compile(optimizer="adamm", loss="mse")
            other = keras.Sequential()
            other.compile(optimizer="adam", loss="mse", metircs=["mae"])
    """)
    assert h.found(results) == [(results[0].source, "CC201", 7, 29), (results[0].source, "CC205", 9, 49)]
    assert results[0].target == "keras3"


def test_target_option_overrides_inference(check_py):
    source = """
        import tensorflow as tf
        model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.01), loss="mse")
    """
    assert [d.code for d in check_py(source)[0].diagnostics] == ["CC607"]          # tf2: warns, ignores
    assert [d.code for d in check_py(source, target="keras3")[0].diagnostics] == ["CC603"]


def test_non_literal_arguments_give_no_false_reports(check_py):
    results = check_py("""
        import keras
        from my_project.losses import focal_loss

        def build(cfg, lr):
            schedule = keras.optimizers.schedules.ExponentialDecay(lr, cfg.steps, 0.9)
            model.compile(
                optimizer=keras.optimizers.Adam(learning_rate=schedule, clipnorm=cfg.clip),
                loss=focal_loss(gamma=cfg.gamma),
                metrics=[keras.metrics.MeanIoU(num_classes=cfg.classes), f"{cfg.metric}", "accuracy"],
                loss_weights=cfg.weights,
                **cfg.compile_kwargs,
            )
    """)
    assert len(results) == 1
    assert results[0].diagnostics == []


def test_syntax_error_is_one_cc103(check_py, h):
    results = check_py("""
        import keras
        model.compile(optimizer="adam", loss="msee")
        def broken(:
            pass
    """)
    assert [(code, line) for _, code, line, _ in h.found(results)] == [("CC103", 3)]
    assert results[0].diagnostics[0].key == "codes.CC103.python"


def test_null_bytes_and_binary(tmp_path):
    path = tmp_path / "weights.py"
    path.write_bytes(b"\x00\x01\x02model.compile(loss='x')")
    (result,) = check_file(str(path))
    assert [d.code for d in result.diagnostics] == ["CC101"]


def test_latin1_with_coding_line_is_read(tmp_path):
    path = tmp_path / "old.py"
    path.write_bytes("# -*- coding: latin-1 -*-\n# café\nimport keras\nm.compile(loss='msee')\n".encode("latin-1"))
    (result,) = check_file(str(path))
    assert [d.code for d in result.diagnostics] == ["CC202"]


def test_not_utf8_without_coding_line_is_cc101(tmp_path):
    path = tmp_path / "gbk.py"
    path.write_bytes("# 训练\nimport keras\nm.compile(loss='mse')\n".encode("gbk"))
    (result,) = check_file(str(path))
    assert [d.code for d in result.diagnostics] == ["CC101"]


def test_too_large_is_cc102(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 100)
    path = tmp_path / "big.py"
    path.write_text("import keras\n" + "x = 1\n" * 50 + "m.compile(loss='mse')\n")
    (result,) = check_file(str(path))
    assert [d.code for d in result.diagnostics] == ["CC102"]


def test_missing_file_is_cc100(tmp_path):
    (result,) = check_file(str(tmp_path / "nope.py"))
    assert [d.code for d in result.diagnostics] == ["CC100"]


def test_file_without_compile_calls_gives_no_results(check_py):
    assert check_py("import re\nprint(re.compile('x'))\n") == []


def test_aliased_re_compile_is_not_an_unknown_optimizer(check_py):
    assert check_py('import re as _re; import keras\nPATTERN = _re.compile(r"\\d+")\n') == []


def test_inline_suppression_comment_is_in_the_text(check_py):
    results = check_py("""
        import keras
        model.compile(optimizer="adam", loss="msee")  # compilecli: ignore[CC202]
    """)
    assert "compilecli: ignore[CC202]" in results[0].loaded.text


def test_file_without_the_word_compile_is_not_parsed(check_py):
    assert check_py("def broken(:\n") == []
