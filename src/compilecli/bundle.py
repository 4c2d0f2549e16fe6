"""The bytecode of a check's modules in one file, read with one read (start-up, issue 14).

Importing one of our modules from its ``.pyc`` costs ~0.2-0.3 M instructions of import machinery
besides running its body: the path finder looks the name up in its package's folder, stats the
source, opens, reads and checks the ``.pyc``. A check imports ~75 of them, a fifth of its start-up
beyond ``import click``. So a ``check`` writes the code of the modules it imported into
``__pycache__/bundle.check.<tag>.marshal`` in the package's folder, and the next ones import them
from there, through a finder placed before Python's own in ``sys.meta_path`` (a finder that
someone put before those still sees every import first).

The code is kept in segments, each one marshal stream (read whole the first time one of its modules
is imported: the names the modules share are read once), split by which runs use them: a run that
read a segment and used only part of it splits it into the part it used and the rest, so a check of
a ``.py`` does not read the YAML loader's code, nor a plain check the SARIF renderer's.

Trusted as bytecode is, per module: while the source's size and modification time (ns) are those it
was compiled from, checked when the module is imported. A module that changed, or is not in the
bundle, is imported the ordinary way and the bundle is rewritten at the end of the run with its
code. The interpreter's version and the package's folder are in the header. Nothing is written
under ``PYTHONDONTWRITEBYTECODE`` or where the folder is not writable, and nothing is read or
written under ``PYTHONPYCACHEPREFIX``; a file that cannot be read is ignored (and rewritten). Modules
are served by a ``SourceFileLoader`` (``get_source``, resources and tracebacks as usual).
"""
from __future__ import annotations

import marshal
import os
import sys
from itertools import accumulate
from importlib.machinery import BuiltinImporter, FrozenImporter, ModuleSpec, PathFinder, SourceFileLoader
from typing import Dict, List, Optional, Set, Tuple

FORMAT = b"compilecli-code-bundle 4\n"
# the bytecode format (what a .pyc's first bytes say): code objects are valid across patch releases
MAGIC = getattr(sys.modules.get("importlib._bootstrap_external"), "MAGIC_NUMBER", sys.version.encode())
# name -> (source and .pyc paths, is a package, source mtime_ns and size, its segment)
Entry = Tuple[str, str, bool, int, int, int]


class BundledLoader(SourceFileLoader):
    """A source file's loader whose code object comes from the bundle."""

    def __init__(self, fullname: str, path: str, code):
        super().__init__(fullname, path)
        self._code = code

    def get_code(self, fullname):
        return self._code


class Bundle:
    """The finder (``find_spec``) and, at the end of the run, the writer (``save``)."""

    def __init__(self, package: str, root: str, where: str, index: Dict[str, Entry], segments: List[memoryview]):
        self.package, self.root, self.where, self.index, self.segments = package, root, where, index, segments
        self.codes: Dict[str, object] = {}
        self.read: Set[int] = set()                  # the segments read so far
        self.served: Set[str] = set()
        self.changed = False
        self.before = {name for name in sys.modules if self._ours(name)}   # imported before us: not ours to serve

    def _ours(self, name: str) -> bool:
        return name == self.package or name.startswith(self.package + ".")

    def find_spec(self, name, path=None, target=None):
        entry = self.index.get(name)
        if entry is None:
            return None
        origin, cached, package, mtime, size, segment = entry
        try:
            stat = os.stat(origin)
        except OSError:
            stat = None
        if segment not in self.read and stat is not None:
            self.read.add(segment)
            self.codes.update(_segment(self.segments, segment))
        if stat is None or stat.st_mtime_ns != mtime or stat.st_size != size or name not in self.codes:
            del self.index[name]        # changed: the path finder imports it, save() takes its new code
            self.changed = True
            return None
        spec = ModuleSpec(name, BundledLoader(name, origin, self.codes[name]), origin=origin, is_package=package)
        spec.has_location = True
        spec.cached = cached
        if package:
            spec.submodule_search_locations = [os.path.dirname(origin)]
        self.served.add(name)
        return spec

    def save(self) -> None:
        """Rewrite the bundle if this run imported a module of ours the ordinary way, or used only
        part of a segment it read (which is then split in two)."""
        if sys.dont_write_bytecode:
            return
        fresh = [name for name in list(sys.modules) if self._ours(name) and name not in self.served
                 and name not in self.before and name not in self.index]
        members: Dict[int, List[str]] = {}
        for name in sorted(self.index):
            members.setdefault(self.index[name][5], []).append(name)
        split = any(name not in self.served for s in self.read for name in members.get(s, ()))
        if not (fresh or split or self.changed):
            return
        groups: List[Tuple[List[str], object]] = []     # (names, marshalled {name: code}) per segment
        for segment, names in sorted(members.items()):
            if segment not in self.read:
                groups.append((names, self.segments[segment]))
                continue
            names = [n for n in names if n in self.codes]          # (a damaged segment's are dropped)
            for part in ([n for n in names if n in self.served], [n for n in names if n not in self.served]):
                if part:
                    groups.append((part, marshal.dumps({name: self.codes[name] for name in part})))
        entries, codes = {}, {}
        for name in fresh:
            compiled = _compiled(name, sys.modules.get(name), self.root)
            if compiled is not None:
                entries[name], codes[name] = compiled
        if codes:
            groups.append((list(codes), marshal.dumps(codes)))
        index = {name: self.index.get(name, entries.get(name))[:5] + (number,)
                 for number, (names, _) in enumerate(groups) for name in names}
        head = marshal.dumps((index, list(accumulate(len(blob) for _, blob in groups))))
        _write(self.where, b"".join([_stamp(self.root), len(head).to_bytes(8, "little"), head]
                                    + [blob for _, blob in groups]))


def install(package: str = "compilecli", name: str = "check") -> Optional[Bundle]:
    """Serve the (imported) package's modules from its bundle ``name`` (an empty one when there is
    none yet), before Python's own finders (one put before them still sees every import first); None
    when bytecode lives elsewhere (``PYTHONPYCACHEPREFIX``) or this interpreter keeps none."""
    tag = sys.implementation.cache_tag
    if tag is None or sys.pycache_prefix:
        return None
    root = os.path.dirname(os.path.abspath(sys.modules[package].__file__))
    where = os.path.join(root, "__pycache__", f"bundle.{name}.{tag}.marshal")
    bundle = Bundle(package, root, where, *_read(where, _stamp(root)))
    standard = (BuiltinImporter, FrozenImporter, PathFinder)
    sys.meta_path.insert(next((i for i, f in enumerate(sys.meta_path) if f in standard), 0), bundle)
    return bundle


def _stamp(root: str) -> bytes:
    return FORMAT + MAGIC + f" {marshal.version} {sys.flags.optimize} {root!r}\n".encode()


def _read(where: str, stamp: bytes) -> Tuple[Dict[str, Entry], List[memoryview]]:
    """The index and the segments (each still marshalled: views into the file read, not copies);
    empty if absent, unreadable or cut short."""
    try:
        with open(where, "rb") as handle:
            data = memoryview(handle.read())
        if data[:len(stamp)] == stamp:
            start = len(stamp) + 8
            end = start + int.from_bytes(data[len(stamp):start], "little")
            index, ends = marshal.loads(data[start:end])
            if isinstance(index, dict) and isinstance(ends, list):
                return index, [data[end + a:end + b] for a, b in zip([0] + ends, ends)]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}, []


def _segment(segments: List[memoryview], number: int) -> Dict[str, object]:
    try:
        codes = marshal.loads(segments[number])
    except (IndexError, ValueError, EOFError, TypeError):   # damaged: its modules are imported as usual
        return {}
    return codes if isinstance(codes, dict) else {}


def _compiled(name: str, module, root: str):
    """(entry, code object) of a module imported from a source file in our folder, or None (a
    namespace, a changed or vanished file, another loader)."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not isinstance(getattr(spec, "loader", None), SourceFileLoader) or not origin \
            or not origin.startswith(root + os.sep) or not spec.cached:
        return None
    try:
        before = os.stat(origin)
        code = spec.loader.get_code(name)
        after = os.stat(origin)
    except (OSError, ImportError, SyntaxError, ValueError):
        return None
    if code is None or (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
        return None
    entry = (origin, spec.cached, spec.submodule_search_locations is not None, before.st_mtime_ns, before.st_size)
    return entry, code


def _write(where: str, blob: bytes) -> None:
    """Atomically (a run beside us reads the old bundle or the new one, never half of one)."""
    temporary = f"{where}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(where), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, where)
    except OSError:          # read-only install, a full disk
        try:
            os.unlink(temporary)
        except OSError:
            pass
