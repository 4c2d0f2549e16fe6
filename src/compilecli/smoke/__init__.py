"""`compilecli smoke`: train a spec for a few hundred steps in numpy and judge the run.

    plan     - what compile builds, read from the spec; sizes checked before allocating
    network  - a small dense network (inputs -> hidden -> one head per output), by hand
    activations - Keras's activations, forward and backward
    data     - synthetic data from a fixed random teacher, in each output's label format
    gradients- d loss / d y_pred: analytic for common losses, central differences otherwise
    fused    - softmax + (sparse) categorical crossentropy: value and d loss / d logits at once
    heads    - per output: loss value and gradient, metric values (fast exact routes first)
    trainer  - the loop: batches, history and NaN detection, probe evaluations
    guard    - failures of the numerics objects become Refusals, not tracebacks
    verdict  - frozen verdicts with stable SMxxx codes
    render   - text and JSON reports

Imported only by the `smoke` command: `check` and `explain` never pay for numpy.
"""
