"""Train a churn classifier and a price regressor on tabular data (tf.keras 2.x style).

compilecli checks the model.compile() calls below without running this file:
    compilecli check samples/train.py
Some calls are broken on purpose (a typo'd loss, arguments from old tutorials).
"""
import re

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, losses, optimizers

EPOCH_LINE = re.compile(r"epoch (\d+)/(\d+)")   # not Keras: ignored


def build_classifier(num_features: int, num_classes: int) -> keras.Model:
    """Clean: logits head, from_logits=True, a decaying learning rate."""
    model = keras.Sequential([
        layers.Input(shape=(num_features,)),
        layers.Dense(64, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(num_classes),
    ])
    model.compile(
        optimizer=optimizers.Adam(
            learning_rate=keras.optimizers.schedules.ExponentialDecay(
                initial_learning_rate=1e-3, decay_steps=10_000, decay_rate=0.96),
            clipnorm=1.0),
        loss=losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["sparse_categorical_accuracy", keras.metrics.SparseTopKCategoricalAccuracy(k=3)],
    )
    return model


def build_regressor(num_features: int, learning_rate: float) -> keras.Model:
    """Broken: the loss name has a typo (the variable learning rate is skipped, not guessed)."""
    inputs = keras.Input(shape=(num_features,))
    hidden = layers.Dense(32, activation="relu")(inputs)
    outputs = layers.Dense(1)(hidden)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=optimizers.SGD(learning_rate, momentum=0.9),
                  loss="mean_squared_eror",
                  metrics=[tf.keras.metrics.RootMeanSquaredError(), "mae"])
    return model


def build_from_2018_tutorial(num_features: int) -> keras.Model:
    """Broken: copied from an old blog post."""
    model = keras.Sequential([layers.Dense(1, activation="sigmoid", input_shape=(num_features,))])
    model.compile(tf.keras.optimizers.Adam(lr=0.001, decay=1e-6),
                  keras.losses.binary_crossentropy,
                  ["acc"],
                  sample_weight_mode="temporal")
    return model


class Trainer:
    def __init__(self, model: keras.Model, config: dict):
        self.model = model
        self.config = config

    def prepare(self):
        """Broken: from_logits must be a bool, and 'metircs' is not a compile() argument."""
        self.model.compile(
            optimizer="adam",
            loss=keras.losses.CategoricalCrossentropy(from_logits="yes", label_smoothing=0.1),
            metircs=["accuracy"],
            **self.config.get("compile_extra", {}),
        )


if __name__ == "__main__":
    x = np.random.rand(256, 8).astype("float32")
    y = np.random.randint(0, 3, size=(256,))
    classifier = build_classifier(8, 3)
    classifier.fit(x, y, epochs=2, batch_size=32)
