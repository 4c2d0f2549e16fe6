"""Inline suppressions: `# compilecli: ignore[...]` comments in YAML specs and Python files.

Syntax (codes are codes or prefixes, case-insensitive, separated by commas):

    loss: categorical_crossentropy   # compilecli: ignore[CC501]        this line, CC501 only
    loss: categorical_crossentropy   # compilecli: ignore[CC501, CC3]   CC501 and every CC3xx
    loss: categorical_crossentropy   # compilecli: ignore               everything on this line
    # compilecli: ignore[CC603]                                          a comment line of its own:
    optimizer: {class_name: Adam, config: {lr: 0.01}}                    the next line of content
    # compilecli: ignore-file[CC405]                                     anywhere: the whole file

A suppression matches a diagnostic whose span starts on its line (ignore-file: any
diagnostic of the file, also those without a position). JSON has no comments, so JSON
specs cannot carry suppressions. The comments come from the loader (``LoadedSpec.comments``):
a ``#`` inside a quoted string is never one. With ``--strict`` a suppression that silenced nothing
is reported as CC901 (unused-suppression).
"""
from __future__ import annotations

from compilecli.suppress.directives import MARKER, from_comments, has_directive, parse
from compilecli.suppress.silence import apply
from compilecli.suppress.suppression import Suppression
from compilecli.suppress.unused import unused_diagnostics

__all__ = ["MARKER", "Suppression", "apply", "from_comments", "has_directive", "parse", "unused_diagnostics"]
