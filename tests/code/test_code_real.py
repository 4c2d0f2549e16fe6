"""Working code must not get a false error: custom compile()s, library models, values followed, outputs inferred."""
import json

import pytest

from compilecli.load.python_calls import load_python_text
from compilecli.load.python_calls.target import decide


def specs(source, target=None, name="t.py"):
    import textwrap
    return load_python_text(textwrap.dedent(source).lstrip("\n"), name, target)


def one(source, target=None):
    (spec,) = specs(source, target)
    return spec


# ---------------------------------------------------------------- receivers
def test_a_class_with_its_own_compile_is_checked_only_for_what_it_passes_on(check_py, h):
    source = """
        import keras.ops
        class GAN(keras.Model):
            def compile(self, d_optimizer, g_optimizer, loss_fn, **kwargs):
                super().compile(**kwargs)
        class Distiller(keras.Model):
            def compile(self, optimizer, metrics, student_loss_fn, alpha=0.1):
                super().compile(optimizer=optimizer, metrics=metrics)
        gan = GAN()
        gan.compile(keras.optimizers.Adam(1e-4), keras.optimizers.Adam(1e-4), keras.losses.BinaryCrossentropy())
        gan.compile(d_optimizer="adam", g_optimizer="adam", loss_fn="bce", run_eagerly="yes")
        distiller = Distiller()
        distiller.compile(optimizer="adamm", metrics=["acc"], student_loss_fn=keras.losses.Huber(), alpha=0.1)
    """
    results = check_py(source)
    assert [(d.code, d.span.line) for r in results for d in r.diagnostics] == [
        ("CC301", 10), ("CC201", 12)]          # run_eagerly goes on through **kwargs; optimizer is passed on
    code = next(r.loaded.code for r in results if r.loaded.code["call"]["line"] == 9)
    assert code["receiver"]["kind"] == "custom_compile" and code["checked"] == "shared"
    assert set(code["arguments"].values()) == {"identified"}


def test_library_models_are_skipped_and_say_so():
    spec = one("""
        import keras_cv, keras
        model = keras_cv.models.RetinaNet(num_classes=20, bounding_box_format="xywh")
        model.compile(classification_loss="focal", box_loss="smoothl1", optimizer="adamm", jit_compile=False)
    """)
    assert spec.data["compile"] == {}
    assert spec.code["checked"] == "skipped" and spec.code["receiver"]["kind"] == "third_party"
    assert spec.code["receiver"]["what"] == "keras_cv.models.RetinaNet"
    nlp = one("""
        import keras_nlp
        classifier = keras_nlp.models.BertClassifier.from_preset("bert_tiny_en_uncased", num_classes=2)
        classifier.compile(loss="auto", optimizer="auto")
    """)
    assert nlp.code["checked"] == "skipped"


def test_unknown_receivers_with_foreign_keywords_get_only_keras_keywords_but_typos_stay():
    foreign = one("""
        import keras
        trainer.compile(optimizer="adamm", box_loss="smoothl1", loss_fn=custom)
    """)
    assert foreign.data["compile"] == {"optimizer": "adamm"} and foreign.code["checked"] == "shared"
    typo = one("""
        import keras
        self.model.compile(optimizer="adam", metircs=["accuracy"])
    """)
    assert typo.data["compile"] == {"optimizer": "adam", "metircs": ["accuracy"]} and typo.code["checked"] == "full"


def test_a_keras_subclass_without_compile_is_keras():
    spec = one("""
        import keras
        class Net(keras.Model):
            def call(self, x):
                return x
        net = Net()
        net.compile(optimizer="adam", loss="mse")
    """)
    assert spec.code["receiver"] == {"kind": "keras", "why": "keras_subclass", "what": "class Net"}


# ---------------------------------------------------------------- probed tf2 facts
@pytest.mark.parametrize("target,codes", [("tf2", []), ("keras3", ["CC606"])])
def test_experimental_adamw(check_py, h, target, codes):
    """Keras 3 has no optimizers.experimental: not an unknown name but one only tf2 builds (code_facts.json)."""
    results = check_py("""
        import tensorflow as tf
        model.compile(optimizer=tf.keras.optimizers.experimental.AdamW(learning_rate=1e-3, weight_decay=1e-4),
                      loss="mse")
    """, target)
    assert h.codes(results) == codes
    if codes:
        assert list(dict(results[0].diagnostics[0].args)["targets"]) == ["tf2"]


def test_legacy_optimizers_exist_in_tf2_only(check_py, h):
    source = "import tensorflow as tf\nmodel.compile(optimizer=tf.keras.optimizers.legacy.Adam(lr=1e-3), loss='mse')\n"
    assert h.codes(check_py(source, "tf2")) == ["CC607"]            # lr still works there, with a warning
    assert h.codes(check_py(source, "keras3")) == ["CC606"]        # Keras 3 raises ImportError when built


@pytest.mark.parametrize("target,codes", [("tf2", []), ("keras3", ["CC301"])])
def test_a_bare_string_metric(check_py, h, target, codes):
    assert h.codes(check_py("import keras\nmodel.compile(optimizer='adam', loss='mse', metrics='accuracy')\n",
                            target)) == codes


def test_an_optimizer_list_is_identified_not_judged():
    spec = one("""
        import tensorflow as tf
        model = tf.keras.experimental.WideDeepModel(linear, dnn)
        model.compile(optimizer=[tf.keras.optimizers.Ftrl(), tf.keras.optimizers.Adam()], loss="mse")
    """)
    assert "optimizer" not in spec.data["compile"] and spec.code["arguments"]["optimizer"] == "identified"


def test_tf_aliases_and_module_aliases():
    spec = one("""
        import tensorflow as tf
        from keras import optimizers as opt
        model.compile(optimizer=opt.Adam(lr=1e-3), loss=tf.losses.Huber(delta=2.0), metrics=[tf.metrics.AUC()])
    """)
    assert spec.data["compile"]["loss"] == {"class_name": "Huber", "config": {"delta": 2.0}}
    assert spec.data["compile"]["metrics"] == [{"class_name": "AUC", "config": {}}]
    assert spec.data["compile"]["optimizer"]["config"] == {"lr": 0.001}


# ---------------------------------------------------------------- following values
def test_followed_values_point_at_their_own_line(check_py):
    (result,) = check_py("""
        import keras
        rate = -0.5
        opt = keras.optimizers.SGD(learning_rate=rate)
        model.compile(optimizer=opt, loss="mse")
    """)
    (diag,) = result.diagnostics
    assert (diag.code, diag.span.line, diag.span.column) == ("CC306", 2, 8)
    assert result.loaded.code["call"] == {"line": 4, "column": 1}
    assert [f["name"] for f in result.loaded.code["followed"]] == ["rate", "opt"]


@pytest.mark.parametrize("assignments,why", [
    ("if fast:\n    loss = 'mse'\n", "branch"),
    ("loss = 'mse'\nloss = 'mae' if x else 'mse'\n", None),     # the last assignment reaches: read
    ("for loss in ['mse', 'mae']:\n    pass\n", "loop_variable"),
    ("loss = pick_loss()\n", "call"),
    ("loss = 'mse'\nloss += ''\n", "augmented"),
    ("loss, other = 'mse', 'mae'\n", "unpacked"),
    ("", "unbound"),
])
def test_what_is_not_followed_says_why(assignments, why):
    spec = one("import keras\n" + assignments + "model.compile(optimizer='adam', loss=loss)\n")
    if why is None:
        assert "loss" not in spec.data["compile"] or spec.data["compile"]["loss"] != "mae"
        return
    assert "loss" not in spec.data["compile"]
    assert [s["why"] for s in spec.code["skipped"]] == [why]


def test_a_loop_around_the_use_that_reassigns_is_not_followed():
    spec = one("""
        import keras
        loss = "mse"
        for step in range(3):
            model.compile(optimizer="adam", loss=loss)
            loss = "mae"
    """)
    assert "loss" not in spec.data["compile"] and spec.code["skipped"][0]["why"] == "loop"


def test_module_constants_and_parameter_defaults():
    got = specs("""
        import keras
        LOSS = "mse"
        def build(lr=1e-3, loss=LOSS, metric="mae"):
            model.compile(optimizer=keras.optimizers.Adam(lr), loss=loss, metrics=[metric])
        def other(rate=0.1):
            model.compile(optimizer=keras.optimizers.SGD(rate))
        build(metric="mse")
        other()
    """)
    assert got[0].data["compile"] == {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 0.001}},
                                      "loss": "mse", "metrics": []}
    assert got[0].code["skipped"][0]["why"] == "parameter_passed"
    assert got[1].data["compile"]["optimizer"]["config"] == {"learning_rate": 0.1}


def test_user_defined_objects_are_identified():
    spec = one("""
        import keras
        def focal(y, p):
            return y
        class F1(keras.metrics.Metric):
            pass
        model.compile(optimizer="adam", loss=focal, metrics=[F1(), "acc"])
    """)
    assert spec.code["arguments"] == {"optimizer": "read", "loss": "identified", "metrics": "partly"}
    assert {s["why"] for s in spec.code["skipped"]} == {"user_defined"}


# ---------------------------------------------------------------- outputs
def test_sequential_list_add_chain_and_functional_outputs():
    got = specs("""
        import keras
        from keras import layers
        a = keras.Sequential([layers.Input((4,)), layers.Dense(8), layers.Dense(3), layers.Activation("softmax")])
        a.compile(optimizer="adam", loss="categorical_crossentropy")
        b = keras.Sequential()
        b.add(layers.Dense(8, activation="relu"))
        b.add(layers.Dense(1, activation="sigmoid"))
        b.compile(optimizer="adam", loss="binary_crossentropy")
        inputs = keras.Input((4,))
        h = layers.Dense(16, activation="relu")(inputs)
        cls = layers.Dense(5, name="cls")(h)
        head = layers.Dense(1, activation=keras.activations.linear, name="reg")
        reg = head(h)
        c = keras.Model(inputs=inputs, outputs=[cls, reg])
        c.compile(optimizer="adam", loss={"cls": "sparse_categorical_crossentropy", "reg": "mse"})
    """)
    assert [s.data["model"]["outputs"] for s in got] == [
        [{"name": "output_0", "activation": "softmax", "units": 3}],
        [{"name": "output_0", "activation": "sigmoid", "units": 1}],
        [{"name": "cls", "activation": "linear", "units": 5}, {"name": "reg", "activation": "linear", "units": 1}],
    ]


def test_a_model_building_function_and_cc505_on_code(check_py, h):
    results = check_py("""
        import tensorflow as tf
        def make_model(n):
            model = tf.keras.Sequential([tf.keras.layers.Dense(n)])
            return model
        model = make_model(10)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """)
    assert h.codes(results) == ["CC505"]
    assert results[0].loaded.data["model"]["outputs"] == [{"name": "output_0", "activation": "linear"}]


@pytest.mark.parametrize("source,why", [
    ("m = keras.Sequential()\nfor n in (8, 1):\n    m.add(keras.layers.Dense(n))\n", "add_in_branch"),
    ("m = keras.Sequential([keras.layers.Dense(1), keras.layers.Lambda(f)])\n", "last_layer"),
    ("m = keras.Sequential([keras.layers.Dense(1, activation=act)])\n", "unbound"),
])
def test_outputs_not_readable_are_not_inferred(source, why):
    spec = one("import keras\n" + source + "m.compile(optimizer='adam', loss='mse')\n")
    assert "model" not in spec.data and spec.code["outputs"] == {"inferred": False, "why": why}


def test_outputs_are_not_inferred_when_a_per_output_argument_was_not_read(check_py, h):
    results = check_py("""
        import keras
        inputs = keras.Input((3,))
        a = keras.layers.Dense(1, name="a")(inputs)
        b = keras.layers.Dense(1, name="b")(inputs)
        model = keras.Model(inputs, [a, b])
        model.compile(optimizer="adam", loss=["mse", my_loss])
    """)
    assert h.codes(results) == []           # a list of 1 would be CC403 against two outputs
    assert results[0].loaded.code["outputs"]["why"] == "per_output_argument_not_read"


# ---------------------------------------------------------------- target
@pytest.mark.parametrize("pins,target", [
    ({"keras": ("==", 2, 3, "keras==2.3.1")}, "keras2"),
    ({"keras": ("==", 2, 11, "keras==2.11")}, "tf2"),
    ({"keras": (">=", 3, 0, "keras>=3")}, "keras3"),
    ({"tensorflow": ("==", 2, 15, "tensorflow==2.15.1")}, "tf2"),
    ({"tensorflow": ("==", 2, 11, "tensorflow==2.11")}, "tf2"),
    ({"tensorflow": ("==", 2, 4, "tensorflow==2.4.1")}, ("keras2", "tf2")),     # OptimizerV2: lr=, decay= taken
    ({"tensorflow": ("<", 2, 11, "tensorflow<2.11")}, ("keras2", "tf2")),
    ({"keras": ("==", 2, 6, "keras==2.6.0")}, ("keras2", "tf2")),
    ({"tensorflow": (">=", 2, 16, "tensorflow>=2.16")}, "keras3"),
    ({"tensorflow": ("<", 2, 16, "tensorflow<2.16")}, "tf2"),
    ({"tensorflow": (">=", 2, 4, "tensorflow>=2.4")}, None),
    ({"tensorflow": ("==", 1, 15, "tensorflow-gpu==1.15.0")}, ("keras2", "tf2")),     # tf.keras 1.x: both open
    ({"tensorflow": ("<", 2, 0, "tensorflow<2")}, ("keras2", "tf2")),
    ({"tensorflow": (">=", 1, 14, "tensorflow>=1.14")}, None),
    ({"tf-keras": ("", 2, 0, "tf-keras"), "tensorflow": ("==", 2, 16, "")}, "tf2"),
])
def test_pins_decide(pins, target):
    assert (decide(pins) or (None,))[0] == target


def test_pins_near_the_file_win_over_imports(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text("numpy\nKeras==2.2.4  # the book's version\n")
    sub = tmp_path / "chapter1"
    sub.mkdir()
    script = sub / "train.py"
    script.write_text("import keras\nmodel.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss='mse')\n")
    from compilecli.checker import check_file
    (result,) = check_file(str(script))
    assert result.target == "keras2" and result.diagnostics == []
    assert result.loaded.code["target"]["why"] == "pin" and result.loaded.code["target"]["pin"].startswith("Keras")


@pytest.mark.parametrize("source,target,why", [
    ("import keras\nfrom keras import backend as K\nK.set_session(sess)\n", "keras2", "imports"),
    ("import keras\nmodel.fit_generator(gen)\n", None, "ambiguous"),      # keras 2.15 still has fit_generator
    ("import keras\nfrom keras import ops\n", "keras3", "imports"),
    ("import keras_core as keras\n", "keras3", "imports"),
    ("import tensorflow as tf\nimport keras\n", None, "ambiguous"),
])
def test_target_from_imports(source, target, why):
    spec = one(source + "model.compile(optimizer='adam', loss='mse')\n")
    assert (spec.data.get("target"), spec.code["target"]["why"]) == (target, why)


@pytest.mark.parametrize("source,target,candidates", [
    # MorvanZhou/tutorials kerasTUT (2017, standalone Keras 2): the backend line is a comment
    ("# os.environ['KERAS_BACKEND']='tensorflow'\nfrom keras.models import Sequential\n", None,
     ["keras3", "keras2", "tf2"]),
    ("from keras.utils import np_utils\nfrom keras.models import Sequential\n", None, ["keras2", "tf2"]),
    ("from keras.preprocessing import text\nimport keras\n", None, ["keras2", "tf2"]),
    ("from keras.layers import CuDNNLSTM\nimport keras\n", "keras2", None),
    ("import os\nos.environ['KERAS_BACKEND'] = 'theano'\nimport keras\n", "keras2", None),
    ("import os\nos.environ.setdefault('KERAS_BACKEND', 'jax')\nimport keras\n", "keras3", None),
    ("import os\nos.environ['KERAS_BACKEND'] = 'tensorflow'\nimport keras\n", None, ["keras3", "keras2", "tf2"]),
    # Kaggle notebooks: Keras-2-only layer modules next to tf.keras -- Keras 2 on TF 2, never Keras 3
    ("import tensorflow as tf\nfrom keras.layers.core import Dense\ncb = tf.keras.callbacks.EarlyStopping()\n",
     None, ["keras2", "tf2"]),
    ("import keras\nfrom keras import ops\n# was model.fit_generator(gen)\n", None, ["keras3", "keras2", "tf2"]),
])
def test_keras2_apis_and_backends_decide_or_leave_the_target_open(source, target, candidates):
    spec = one(source + "model.compile(optimizer='adam', loss='mse')\n")
    assert (spec.data.get("target"), spec.code["target"].get("candidates")) == (target, candidates)


def test_plain_import_keras_of_2020_to_2023_is_tf_keras_too(check_py, h):
    results = check_py("""
        import keras
        model = keras.models.Sequential()
        model.compile(optimizer="adam", loss="mse", metrics="accuracy")
    """)
    assert h.codes(results) == []       # keras 2.4-2.15 (tf.keras) trains a bare metric string; 3 and 2.3 raise


def test_an_old_keras2_script_with_a_commented_backend_gets_no_keras3_error(check_py, h):
    results = check_py("""
        # import os
        # os.environ['KERAS_BACKEND']='tensorflow'
        from keras.utils import np_utils
        from keras.models import Sequential
        from keras.optimizers import Adam
        model = Sequential()
        model.compile(optimizer=Adam(lr=1e-4), loss='categorical_crossentropy', metrics=['accuracy'])
    """)
    assert h.codes(results) == []       # Keras 3 raises on lr=; this script is Keras 2 (np_utils)


def test_an_ambiguous_file_reports_only_what_every_candidate_reports(check_py, h):
    results = check_py("""
        import tensorflow as tf
        import keras
        model.compile(optimizer="adam", loss="mse", metrics="accuracy")
        model.compile(optimizer="adamm", loss="mse")
    """)
    assert h.codes(results) == ["CC201"]     # the bare string is fine for tf2, only Keras 3 raises


def test_json_report_says_what_was_read(check_py, tmp_path):
    from click.testing import CliRunner
    from compilecli.cli import main
    path = tmp_path / "x.py"
    path.write_text("import keras.ops\nopt = make()\nmodel.compile(optimizer=opt, loss='mse')\n")
    out = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", str(path)]).output
    (record,) = json.loads(out)["files"]
    assert record["code"]["arguments"] == {"optimizer": "skipped", "loss": "read"}
    assert record["code"]["skipped"] == [{"argument": "optimizer", "why": "call", "line": 3, "column": 25}]
    assert record["code"]["target"] == {"target": "keras3", "why": "imports", "imports": "keras 3 API"}


def test_plain_import_keras_is_keras2_or_keras3_and_only_common_errors_are_reported(check_py, h):
    results = check_py("""
        import keras
        from keras import optimizers
        model.compile(optimizer=optimizers.RMSprop(lr=1e-3), loss="mse")
        model.compile(optimizer=optimizers.RMSprop(learning_rate=1e-3), loss="msee")
    """)
    assert h.codes(results) == ["CC202"]             # lr is fine in Keras 2: no CC603 on a Keras 2 book
    assert results[0].loaded.code["target"]["candidates"] == ["keras3", "keras2", "tf2"]


@pytest.mark.parametrize("source", [
    # keras-io's conditional GAN, WGAN-GP, distiller, keras_hub / keras_cv / transformers models
    """
    class ConditionalGAN(keras.Model):
        def compile(self, d_optimizer, g_optimizer, loss_fn):
            super().compile()
    cond_gan = ConditionalGAN(discriminator=d, generator=g, latent_dim=128)
    cond_gan.compile(d_optimizer=keras.optimizers.Adam(learning_rate=0.0003),
                     g_optimizer=keras.optimizers.Adam(learning_rate=0.0003),
                     loss_fn=keras.losses.BinaryCrossentropy(from_logits=True))
    """,
    """
    class Distiller(keras.Model):
        def compile(self, optimizer, metrics, student_loss_fn, distillation_loss_fn, alpha=0.1, temperature=3):
            super().compile(optimizer=optimizer, metrics=metrics)
    distiller = Distiller(student=student, teacher=teacher)
    distiller.compile(optimizer=keras.optimizers.Adam(), metrics=[keras.metrics.SparseCategoricalAccuracy()],
                      student_loss_fn=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      distillation_loss_fn=keras.losses.KLDivergence(), alpha=0.1, temperature=10)
    """,
    """
    import keras_hub
    gemma_lm = keras_hub.models.GemmaCausalLM.from_preset("gemma_2b_en")
    gemma_lm.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer=optimizer,
                     weighted_metrics=[keras.metrics.SparseCategoricalAccuracy()], sampler="top_k")
    """,
    """
    import keras_cv
    yolo = keras_cv.models.YOLOV8Detector(num_classes=20, bounding_box_format="xyxy", backbone=backbone)
    yolo.compile(optimizer=optimizer, classification_loss="binary_crossentropy", box_loss="ciou")
    """,
    """
    from transformers import TFAutoModelForSequenceClassification
    model = TFAutoModelForSequenceClassification.from_pretrained("bert-base-cased", num_labels=2)
    model.compile(optimizer=keras.optimizers.Adam(3e-5), loss="auto")
    """,
    """
    import tensorflow_recommenders as tfrs
    class MovielensModel(tfrs.Model):
        def compute_loss(self, features, training=False):
            return 0
    model = MovielensModel(user_model, movie_model)
    model.compile(optimizer=keras.optimizers.Adagrad(learning_rate=0.1))
    """,
    """
    class Sequential:                      # the user's own numpy framework
        def compile(self, loss, optimizer, metrics=["accuracy"]):
            self.loss = loss
    net = Sequential()
    net.compile("mse", "sgdd", ["acc"])
    """,
    """
    def train(model, optimizer, loss_fn):
        model.compile(optimizer, loss_fn, metrics=["accuracy"])
    """,
])
def test_working_keras_io_patterns_get_no_error(check_py, h, source):
    import textwrap
    results = check_py("import keras\nfrom keras import ops\n" + textwrap.dedent(source))
    assert [d.code for r in results for d in r.diagnostics if d.severity == "error"] == []


@pytest.mark.parametrize("target", ["keras3", "tf2"])
@pytest.mark.parametrize("keyword", ["metrics", "weighted_metrics"])
def test_string_metrics_follow_the_probes(target, keyword):
    from compilecli.catalogue import load_catalogue
    from compilecli.resolve.constructed import code_facts
    probed = code_facts()["targets"][target]["compile"][f"Sequential: {keyword}='accuracy'"]
    takes_str = "str" in load_catalogue().target(target).compile_params[keyword].types
    assert takes_str == (probed == "ok"), probed


def test_show_files_says_which_target_each_code_file_gets_and_why(tmp_path):
    from click.testing import CliRunner
    from compilecli.cli import main
    (tmp_path / "requirements.txt").write_text("tensorflow==2.15.1\n")
    (tmp_path / "train.py").write_text("import keras\nmodel.compile(optimizer='adam', loss='mse')\n")
    (tmp_path / "spec.yaml").write_text("compile: {optimizer: adam}\n")
    runner = CliRunner()
    out = runner.invoke(main, ["check", "--isolated", "--show-files", str(tmp_path / "train.py"),
                               str(tmp_path / "spec.yaml")]).output
    assert "train.py  # target tf2: pinned by " in out and "(tensorflow==2.15)" in out
    assert out.splitlines()[1].endswith("spec.yaml")
    zh = runner.invoke(main, ["check", "--isolated", "--lang", "zh", "--show-files", str(tmp_path / "train.py")]).output
    assert "目标版本 tf2" in zh
