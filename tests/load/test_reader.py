"""Reading and decoding: paths, stdin, encodings, size limit."""
from __future__ import annotations

import codecs
import io
import os
import sys

import pytest

from compilecli.load import limits, load_bytes, load_path
from compilecli.load.reader import decode, read_stream

from loadhelpers import assert_well_formed, at, codes, only

YAML = "compile:\n  loss: mse  # 均方误差\n"


@pytest.mark.parametrize("raw", [
    YAML.encode("utf-8"),
    codecs.BOM_UTF8 + YAML.encode("utf-8"),
    codecs.BOM_UTF16_LE + YAML.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + YAML.encode("utf-16-be"),
    codecs.BOM_UTF32_LE + YAML.encode("utf-32-le"),
    codecs.BOM_UTF32_BE + YAML.encode("utf-32-be"),
    YAML.encode("utf-16-le"),                       # no BOM: sniffed from the zero bytes
    YAML.encode("utf-16-be"),
    YAML.encode("utf-32-le"),
])
def test_supported_encodings_load(raw):
    spec = load_bytes(raw, "spec.yaml")
    assert spec.diagnostics == []
    assert spec.data == {"compile": {"loss": "mse"}}
    assert spec.text == YAML


def test_utf16_json_with_bom():
    spec = load_bytes(codecs.BOM_UTF16_LE + '{"compile": {"loss": "mse"}}'.encode("utf-16-le"), "s.json")
    assert spec.data == {"compile": {"loss": "mse"}}


def test_latin1_is_cc101_with_position_and_hint_data():
    raw = "compile:\n  loss: mse\n  name: café\n".encode("latin-1")
    spec = load_bytes(raw, "spec.yaml")
    diag = only(spec, "CC101")
    assert diag.message_key == "codes.CC101.encoding"
    assert diag.arguments["encoding"] == "UTF-8"
    assert diag.arguments["byte"] == "0xE9"
    assert diag.arguments["guess"] in ("Windows-1252", "ISO-8859-1")
    assert at(diag.span) == (3, 12)
    assert spec.data is None and spec.text == ""


def test_gbk_is_recognised():
    raw = "compile:\n  loss: mse  # 损失函数\n".encode("gbk")
    diag = only(load_bytes(raw, "spec.yaml"), "CC101")
    assert diag.arguments["guess"] == "GBK"
    assert diag.span.line == 2


def test_truncated_utf16_is_cc101():
    raw = codecs.BOM_UTF16_LE + YAML.encode("utf-16-le")[:-1]
    diag = only(load_bytes(raw, "spec.yaml"), "CC101")
    assert diag.arguments["encoding"] == "UTF-16LE"


def test_decode_returns_encoding_name():
    assert decode(b"a: 1")[2] == "UTF-8"
    assert decode(codecs.BOM_UTF16_BE + "a".encode("utf-16-be"))[2] == "UTF-16BE"


def test_missing_file(tmp_path):
    spec = load_path(str(tmp_path / "nope.yaml"))
    diag = only(spec, "CC100")
    assert diag.message_key == "codes.CC100.not_found"
    assert diag.arguments == {"reason": "not_found"}
    assert spec.source.endswith("nope.yaml") and spec.data is None


def test_directory(tmp_path):
    diag = only(load_path(str(tmp_path)), "CC100")
    assert diag.arguments == {"reason": "is_directory"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read anything")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text(YAML)
    path.chmod(0)
    try:
        diag = only(load_path(str(path)), "CC100")
        assert diag.arguments == {"reason": "permission_denied"}
    finally:
        path.chmod(0o600)


def test_reads_a_real_file(tmp_path):
    path = tmp_path / "spec.yml"
    path.write_bytes(YAML.encode("utf-8"))
    spec = load_path(str(path))
    assert spec.source == str(path) and spec.data == {"compile": {"loss": "mse"}}


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"compile": {}}')))
    spec = load_path("-")
    assert spec.source == "<stdin>" and spec.format == "json" and spec.data == {"compile": {}}


def test_stdin_too_large(monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a: 1\n" * 1000)))
    spec = load_path("-")
    diag = only(spec, "CC102")
    assert diag.message_key == "codes.CC102.stream"
    assert diag.arguments["limit"] == 100


class _CountingStream(io.RawIOBase):
    """An endless stream that records how much was asked of it."""

    def __init__(self):
        self.requested = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        self.requested += len(buffer)
        buffer[:] = b"a" * len(buffer)
        return len(buffer)


def test_read_stream_never_asks_for_more_than_limit_plus_one():
    stream = _CountingStream()
    raw, diags = read_stream(io.BufferedReader(stream, buffer_size=4096))
    assert raw is None and [d.code for d in diags] == ["CC102"]
    assert stream.requested <= limits.MAX_BYTES + 1 + 4096


def test_load_bytes_refuses_oversized_input():
    spec = load_bytes(b"a" * (limits.MAX_BYTES + 1), "big.yaml")
    assert codes(spec) == ["CC102"]


def test_file_exactly_at_the_limit_is_read(tmp_path):
    path = tmp_path / "spec.yaml"
    body = b"compile: {}\n"
    path.write_bytes(body + b"#" * (limits.MAX_BYTES - len(body)))
    spec = load_path(str(path))
    assert "CC102" not in codes(spec)
    assert_well_formed(spec)
