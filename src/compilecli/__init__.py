"""compilecli: lint, explain and smoke-test Keras ``model.compile()`` specs."""

__version__ = "0.1.0"
