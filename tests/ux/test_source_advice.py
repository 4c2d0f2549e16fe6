"""issue 13: advice in the syntax of the file (True in Python, true in YAML), hints name the real outputs."""
from compilecli.checker import check_text
from compilecli.checker import Report
from compilecli.render import hint, message
from compilecli.render.text import render_text


def test_python_gets_python_booleans(tmp_path):
    from compilecli.checker import check_file
    path = tmp_path / "train.py"
    path.write_text('import keras\nmodel.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits="yes"))\n')
    results = check_file(str(path))
    out = render_text(Report(results, checked=[str(path)]), "en")
    assert "CC302" in out and "True or False" in out
    assert "true or false without quotes" not in out


def test_yaml_keeps_yaml_advice():
    result = check_text("compile:\n  loss: {class_name: BinaryCrossentropy, config: {from_logits: 'yes'}}\n", "s.yaml")
    diag = next(d for d in result.diagnostics if d.code == "CC302")
    assert "true or false without quotes" in hint(diag, "en", "yaml")
    assert "True or False" in hint(diag, "en", "python")
    assert "Python" in message(diag, "en", "notebook")


def test_flat_metrics_hint_names_the_outputs():
    spec = ("model:\n  outputs:\n    - {name: digits, units: 10, activation: softmax, labels: sparse}\n"
            "    - {name: aux, units: 1, activation: sigmoid, labels: binary}\n    - {name: age, units: 1, labels: real}\n"
            "compile:\n  loss: mse\n  metrics: [mae, mse]\n")
    result = check_text(spec, "s.yaml")
    diag = next(d for d in result.diagnostics if d.key == "codes.CC402.flat")
    text = hint(diag, "en")
    assert "digits: [...]" in text and "aux: [...]" in text and "out_a" not in text
