"""The Keras a probe script runs against: Keras 3 (jax backend) in /work/venvs/k3, else tf.keras
(/work/venvs/tf2). Imported by the probe scripts next to it (their folder is on sys.path when run)."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def keras():
    try:
        import keras as K
        if hasattr(K, "ops"):
            return K
    except ImportError:
        pass
    from tensorflow import keras as K
    return K


def version(K) -> str:
    return getattr(K, "__version__", None) or __import__("tensorflow").__version__


def failure(stage: str, exc: Exception) -> str:
    return f"raises {stage}: {type(exc).__name__}: {str(exc).splitlines()[0][:140] if str(exc) else ''}"
