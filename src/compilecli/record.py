"""``@dataclass`` for the value types on `check`'s start-up path, built without ``exec``.

The standard ``dataclasses`` module compiles source text for every method of every class
(``__init__``, ``__eq__``, ``__hash__``, ``__setattr__``...): about 1 ms per frozen class,
a third of `compilecli check`'s own start-up. This module gives the same behaviour for what
compilecli uses — fields with defaults or ``field(default_factory=..., repr=, compare=,
hash=)``, ``frozen``, ``order``, ``eq``/``hash``/``repr``, inheritance — from closures, so
defining a class costs microseconds. ``replace()`` stands in for ``dataclasses.replace``.
"""
from __future__ import annotations

from typing import Any, Dict, Tuple

__all__ = ["dataclass", "field", "replace", "fields", "FrozenInstanceError", "MISSING"]

MISSING: Any = type("MISSING", (), {"__repr__": lambda self: "MISSING"})()


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (as ``dataclasses.FrozenInstanceError``)."""


class Field:
    __slots__ = ("name", "default", "default_factory", "repr", "compare", "hash")

    def __init__(self, default=MISSING, default_factory=MISSING, repr=True, compare=True, hash=None):
        self.name = ""
        self.default, self.default_factory = default, default_factory
        self.repr, self.compare, self.hash = repr, compare, hash

    def __repr__(self) -> str:
        return f"Field({self.name!r})"


def field(*, default=MISSING, default_factory=MISSING, repr=True, compare=True, hash=None) -> Any:
    return Field(default, default_factory, repr, compare, hash)


def fields(obj) -> Tuple[Field, ...]:
    return type(obj).__record_fields__ if not isinstance(obj, type) else obj.__record_fields__


def replace(obj, **changes):
    """A copy of obj with some fields changed (``dataclasses.replace``)."""
    cls = type(obj)
    values = obj.__dict__
    if getattr(cls.__init__, "fills_fields", False) and len(values) == len(cls.__record_fields__) \
            and changes.keys() <= values.keys():
        copy = object.__new__(cls)         # __init__ would only fill __dict__ with the fields: copy them
        copy.__dict__.update(values)
        copy.__dict__.update(changes)
        return copy
    for f in cls.__record_fields__:
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)


def dataclass(cls=None, *, frozen: bool = False, order: bool = False, eq: bool = True):
    def wrap(klass):
        return _build(klass, frozen, order, eq)
    return wrap if cls is None else wrap(cls)


def _own_fields(cls) -> list:
    out = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, MISSING)
        spec = value if isinstance(value, Field) else Field(default=value)
        spec.name = name
        if isinstance(value, Field):
            if spec.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        out.append(spec)
    return out


def _collect(cls) -> Tuple[Field, ...]:
    by_name: Dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for spec in base.__dict__.get("__record_fields__", ()):
            by_name[spec.name] = spec
    for spec in _own_fields(cls):
        by_name[spec.name] = spec
    return tuple(by_name.values())


def _build(cls, frozen: bool, order: bool, eq: bool):
    specs = _collect(cls)
    cls.__record_fields__ = specs
    cls.__match_args__ = tuple(f.name for f in specs)
    _set(cls, "__init__", _make_init(specs))
    shown = tuple(f.name for f in specs if f.repr)
    _set(cls, "__repr__", lambda self: "%s(%s)" % (type(self).__qualname__,
                                             ", ".join(f"{n}={getattr(self, n)!r}" for n in shown)))
    compared = tuple(f.name for f in specs if f.compare)

    def key(self):
        return tuple([getattr(self, n) for n in compared])

    if eq:
        _set(cls, "__eq__", lambda self, other: (key(self) == key(other) if other.__class__ is self.__class__
                                                 else NotImplemented))
    if order:
        for name, test in (("__lt__", tuple.__lt__), ("__le__", tuple.__le__),
                           ("__gt__", tuple.__gt__), ("__ge__", tuple.__ge__)):
            _set(cls, name, _comparison(test, key))
    if frozen:
        cls.__setattr__ = _refuse
        cls.__delattr__ = _refuse
    if eq and frozen:
        hashed = tuple(f.name for f in specs if (f.compare if f.hash is None else f.hash))
        cls.__hash__ = lambda self: hash(tuple([getattr(self, n) for n in hashed]))
    elif eq and "__hash__" not in cls.__dict__:
        cls.__hash__ = None
    return cls


def _set(cls, name: str, value) -> None:
    """As dataclasses does: a method the class defines itself is kept."""
    if name not in cls.__dict__:
        setattr(cls, name, value)


def _comparison(test, key):
    def compare(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return test(key(self), key(other))
    return compare


def _refuse(self, name, *value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _make_init(specs: Tuple[Field, ...]):
    return _template_init(specs) or _generic_init(specs)


_FROM_FACTORY: Any = type("FROM_FACTORY", (), {"__repr__": lambda self: "<default factory>"})()


def _template_init(specs: Tuple[Field, ...]):
    """Python binds the arguments (compilecli/record_inits.py) when the defaulted fields come last."""
    from compilecli.record_inits import init_for

    names = tuple(f.name for f in specs)
    given = [f for f in specs if f.default is not MISSING or f.default_factory is not MISSING]
    if any(f.default is MISSING and f.default_factory is MISSING for f in specs[len(specs) - len(given):]):
        return None                    # a required field after a defaulted one: only the generic path takes it
    defaults = tuple(f.default if f.default is not MISSING else
                     f.default_factory() if f.default_factory in _IMMUTABLE else _FROM_FACTORY for f in given)
    factories = tuple((f.name, f.default_factory) for f in given
                      if f.default is MISSING and f.default_factory not in _IMMUTABLE)
    if len(factories) == 1:
        (only, make), = factories

        def post(values) -> None:
            if values[only] is _FROM_FACTORY:
                values[only] = make()
    else:
        def post(values) -> None:
            for name, factory in factories:
                if values[name] is _FROM_FACTORY:
                    values[name] = factory()
    return init_for(names, defaults, post if factories else None)


# A factory of an immutable empty value makes the same value every time: it is a plain default.
_IMMUTABLE = (tuple, frozenset, str, bytes, int, float, bool)


def _generic_init(specs: Tuple[Field, ...]):
    names = tuple(f.name for f in specs)
    count = len(names)
    defaults = [(f.name, f.default, f.default_factory) for f in specs]
    first_plain = count               # fields from here on all have a plain default
    while first_plain and specs[first_plain - 1].default is not MISSING:
        first_plain -= 1
    plain_tail = tuple(f.default for f in specs[first_plain:])
    known = frozenset(names)

    def __init__(self, *args, **kwargs):
        given = len(args)
        if not kwargs and first_plain <= given <= count:     # the common case: positions only
            self.__dict__.update(zip(names, args + plain_tail[given - first_plain:]))
            return
        if given > count:
            raise TypeError(f"{type(self).__name__}() takes {count} positional arguments but {given} were given")
        values = self.__dict__
        values.update(zip(names, args))
        if kwargs:
            for name in kwargs:
                if name in values or name not in known:
                    problem = "got multiple values for" if name in values else "got an unexpected keyword"
                    raise TypeError(f"{type(self).__name__}() {problem} argument {name!r}")
            values.update(kwargs)
        if len(values) < count:
            for name, default, factory in defaults[given:]:
                if name in values:
                    continue
                if default is not MISSING:
                    values[name] = default
                elif factory is not MISSING:
                    values[name] = factory()
                else:
                    raise TypeError(f"{type(self).__name__}() missing required argument: {name!r}")
    __init__.fills_fields = True      # replace() may copy such a record's __dict__ instead of calling it
    return __init__
