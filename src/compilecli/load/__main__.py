"""Debug entry point: ``python -m compilecli.load FILE... [--format yaml|json] [--bench N]``.

Prints, per file, the loaded data, the source map and the diagnostics as JSON,
or with ``--bench N`` the mean load time of each file over N runs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from compilecli.diagnostics import format_path
from compilecli.load import load_bytes, load_path
from compilecli.load.reader import read_path


def _span(span):
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compilecli.load")
    parser.add_argument("files", nargs="+", help="spec files; - reads stdin")
    parser.add_argument("--format", choices=("yaml", "json"))
    parser.add_argument("--bench", type=int, default=0, metavar="N")
    options = parser.parse_args(argv)
    status = 0
    for path in options.files:
        if options.bench:
            raw, _ = read_path(path)
            if raw is None:
                print(f"{path}: unreadable")
                continue
            load_bytes(raw, path, options.format)
            start = time.perf_counter()
            for _ in range(options.bench):
                load_bytes(raw, path, options.format)
            mean = (time.perf_counter() - start) / options.bench
            print(f"{path}: {mean * 1e6:.1f} us per load ({1 / mean:.0f} loads/s)")
            continue
        spec = load_path(path) if options.format is None else load_bytes(
            read_path(path)[0] or b"", path, options.format)
        out = {
            "source": spec.source,
            "format": spec.format,
            "data": spec.data,
            "values": {format_path(p) or "<root>": _span(s) for p, s in spec.sourcemap.values.items()},
            "keys": {format_path(p): _span(s) for p, s in spec.sourcemap.keys.items()},
            "diagnostics": [
                {"code": d.code, "severity": d.severity, "key": d.message_key,
                 "path": format_path(d.path), "span": _span(d.span), "args": d.arguments}
                for d in sorted(spec.diagnostics, key=lambda d: d.sort_key())
            ],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2, default=repr)
        sys.stdout.write("\n")
        if any(d.severity == "error" for d in spec.diagnostics):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
