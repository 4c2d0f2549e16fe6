"""`compilecli smoke`: train a spec for a few hundred steps in numpy and judge the run.

    network  - a small dense network (inputs -> hidden -> one head per output), by hand
    data     - synthetic data from a fixed random teacher, in each output's label format
    gradients- d loss / d y_pred: analytic for common losses, central differences otherwise
    trainer  - the plan (what compile builds) and the loop; history and NaN detection
    verdict  - frozen verdicts with stable SMxxx codes
    render   - text and JSON reports

Imported only by the `smoke` command: `check` and `explain` never pay for numpy.
"""
