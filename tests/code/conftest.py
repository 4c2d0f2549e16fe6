"""Helpers for the tests of compile() calls in Python files and notebooks."""
import json
import textwrap

import pytest

from compilecli.checker import check_file


def found(results):
    """[(source, code, line, column)] over every result, in order."""
    return [(r.source, d.code, d.span.line if d.span else None, d.span.column if d.span else None)
            for r in results for d in r.diagnostics]


def codes(results):
    return sorted(d.code for r in results for d in r.diagnostics)


def text_at(text, span, length):
    """The `length` characters of text at a 1-based (line, column)."""
    line = text.split("\n")[span.line - 1]
    return line[span.column - 1:span.column - 1 + length]


def notebook(*cells, language="python"):
    """A nbformat-4 notebook: each cell is ("code"|"markdown", source)."""
    return json.dumps({
        "cells": [{"cell_type": kind, "metadata": {}, "source": textwrap.dedent(src).lstrip("\n").splitlines(True),
                   **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                  for kind, src in cells],
        "metadata": {"kernelspec": {"name": "k", "language": language, "display_name": "k"}},
        "nbformat": 4, "nbformat_minor": 5,
    }, indent=1)


@pytest.fixture
def write_py(tmp_path):
    def write(source, name="train.py"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
        return str(path)
    return write


@pytest.fixture
def check_py(write_py):
    def check(source, target=None, name="train.py"):
        return check_file(write_py(source, name), target)
    return check


@pytest.fixture
def h():
    """The helpers above, for test modules (conftest modules are not imported by name)."""
    from types import SimpleNamespace
    return SimpleNamespace(found=found, codes=codes, text_at=text_at, notebook=notebook)
