"""Fixed-arity ``__init__`` templates for ``compilecli.record`` (no ``exec``: start-up).

A record's ``__init__`` runs tens of thousands of times for a large spec (a Span, an ObjectRef and a
Diagnostic per finding). ``init_for`` takes the template for the class's number of fields, closes it over
the field names and renames its parameters to them, so Python itself binds positions, keywords and
defaults (and raises its own TypeError), and the body is one dict literal: about half the cost of
zipping ``*args`` onto the names. ``post`` (None unless a field has a default factory) fills those.
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence, Tuple


def _i1(n0, post):
    def __init__(self, a0):
        self.__dict__.update({n0: a0})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i2(n0, n1, post):
    def __init__(self, a0, a1):
        self.__dict__.update({n0: a0, n1: a1})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i3(n0, n1, n2, post):
    def __init__(self, a0, a1, a2):
        self.__dict__.update({n0: a0, n1: a1, n2: a2})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i4(n0, n1, n2, n3, post):
    def __init__(self, a0, a1, a2, a3):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i5(n0, n1, n2, n3, n4, post):
    def __init__(self, a0, a1, a2, a3, a4):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i6(n0, n1, n2, n3, n4, n5, post):
    def __init__(self, a0, a1, a2, a3, a4, a5):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4, n5: a5})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i7(n0, n1, n2, n3, n4, n5, n6, post):
    def __init__(self, a0, a1, a2, a3, a4, a5, a6):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4, n5: a5, n6: a6})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i8(n0, n1, n2, n3, n4, n5, n6, n7, post):
    def __init__(self, a0, a1, a2, a3, a4, a5, a6, a7):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4, n5: a5, n6: a6, n7: a7})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i9(n0, n1, n2, n3, n4, n5, n6, n7, n8, post):
    def __init__(self, a0, a1, a2, a3, a4, a5, a6, a7, a8):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4, n5: a5, n6: a6, n7: a7, n8: a8})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i10(n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, post):
    def __init__(self, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4, n5: a5, n6: a6, n7: a7, n8: a8, n9: a9})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i11(n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, post):
    def __init__(self, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4, n5: a5, n6: a6, n7: a7, n8: a8, n9: a9,
                              n10: a10})
        if post is not None:
            post(self.__dict__)
    return __init__


def _i12(n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, post):   # ObjectRef: one per reference
    def __init__(self, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11):
        self.__dict__.update({n0: a0, n1: a1, n2: a2, n3: a3, n4: a4, n5: a5, n6: a6, n7: a7, n8: a8, n9: a9,
                              n10: a10, n11: a11})
        if post is not None:
            post(self.__dict__)
    return __init__


_TEMPLATES = (None, _i1, _i2, _i3, _i4, _i5, _i6, _i7, _i8, _i9, _i10, _i11, _i12)


def init_for(names: Sequence[str], defaults: Tuple, post: Optional[Callable]) -> Optional[Callable]:
    """An ``__init__(self, <names>)`` with ``defaults`` for the last fields; None when no template fits
    (more fields than templates, or a field name Python cannot take as a parameter)."""
    if not 0 < len(names) < len(_TEMPLATES) or not all(n.isidentifier() for n in names):
        return None
    function = _TEMPLATES[len(names)](*names, post)
    function.__code__ = function.__code__.replace(co_varnames=("self",) + tuple(names))
    function.__defaults__ = defaults or None
    function.fills_fields = True      # it only fills the fields: record.replace may copy __dict__ instead
    return function
