"""What a fixer may ask beyond the text: the checker's resolved spec and the catalogue's view of an argument."""
from __future__ import annotations

from compilecli.diagnostics import SpecPath


class FixContext:
    """What a fixer may ask beyond the text: the catalogue's view of an argument."""

    def __init__(self, spec):
        self.spec = spec          # the checker's ResolvedSpec (never resolved a second time)
        self.loaded = spec.loaded if spec is not None else None
        self.target = spec.target if spec is not None else None

    def arg_spec(self, path: SpecPath):
        """The CompileParam or ArgSpec the value at path is for, or None."""
        spec = self.spec
        if spec is None:
            return None
        if len(path) == 2 and path[0] == "compile":
            return spec.catalogue.compile_params.get(path[1])
        for ref in spec.objects:
            if ref.entry is not None and ref.config_path is not None and tuple(ref.config_path) == path[:-1]:
                return ref.entry.args.get(path[-1])
        return None

    def takes_bool(self, path: SpecPath, word: str) -> bool:
        """The argument is a bool, and the word cannot be meant as one of its strings."""
        arg = self.arg_spec(path)
        if arg is None or "bool" not in arg.types:
            return False
        if "str" not in arg.types and "any" not in arg.types:
            return True
        choices = arg.choices
        return choices is not None and word not in choices and word.lower() not in choices
