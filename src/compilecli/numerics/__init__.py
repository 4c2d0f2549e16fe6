"""numpy implementations of Keras 3's losses, metrics, optimizers and schedules.

Imported only by ``compilecli smoke`` and by users of the Python API: ``check``
and ``explain`` never import numpy.

    from compilecli.numerics import losses
    loss = losses.get("sparse_categorical_crossentropy")
    loss(y_true, y_pred)
"""
