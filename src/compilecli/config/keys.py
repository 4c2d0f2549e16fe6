"""Validation of each key of a configuration table; a wrong key or type is a ConfigError naming both."""
from __future__ import annotations

from typing import Any, Dict, Tuple

from compilecli.config.code_lists import parse_codes
from compilecli.config.messages import say, show_value
from compilecli.config.options import ConfigError
from compilecli.i18n import LANGS
from compilecli.render import FORMATS   # the renderer table

KNOWN_KEYS = ("target", "lang", "format", "strict", "select", "ignore", "per-file-ignores", "include", "exclude")


def validate_table(table: Dict[str, Any], shown: str, section: str, lang: str) -> Dict[str, Any]:
    from compilecli.catalogue.model import TARGETS

    out: Dict[str, Any] = {}
    for key, value in table.items():
        where = f"{shown}: {section}{key}"
        if key not in KNOWN_KEYS:
            raise ConfigError(say("config.unknown_key", lang, where=where, known=_did_you_mean(key, KNOWN_KEYS, lang)))
        if key in ("target", "lang", "format"):
            choices = {"target": TARGETS, "lang": LANGS, "format": FORMATS}[key]
            if not isinstance(value, str) or value not in choices:
                raise ConfigError(say("config.expected", lang, where=where, found=show_value(value),
                                      expected=say("config.type.one_of", lang, choices=", ".join(choices))))
            out[key] = value
        elif key == "strict":
            if not isinstance(value, bool):
                raise ConfigError(say("config.expected", lang, where=where, found=show_value(value),
                                      expected=say("config.type.bool", lang)))
            out[key] = value
        elif key in ("select", "ignore"):
            out[key] = _code_list(value, where, lang)
        elif key in ("include", "exclude"):
            out[key] = _glob_list(value, where, lang)
        else:  # per-file-ignores
            if not isinstance(value, dict):
                raise ConfigError(say("config.expected", lang, where=where, found=show_value(value),
                                      expected=say("config.type.glob_table", lang)))
            pairs = []
            for glob, codes in value.items():
                inner = f"{where}.{_toml_key(glob)}"
                if not glob.strip():
                    raise ConfigError(say("config.expected", lang, where=inner, found=show_value(glob),
                                          expected=say("config.type.globs", lang)))
                pairs.append((glob, _code_list(codes, inner, lang)))
            out[key] = tuple(pairs)
    return out


def _code_list(value: Any, where: str, lang: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(say("config.expected", lang, where=where, found=show_value(value),
                              expected=say("config.type.codes", lang)))
    return parse_codes(value, where, lang)


def _glob_list(value: Any, where: str, lang: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(say("config.expected", lang, where=where, found=show_value(value),
                              expected=say("config.type.globs", lang)))
    return tuple(v.strip() for v in value)


def _did_you_mean(key: str, known: Tuple[str, ...], lang: str) -> str:
    import difflib

    close = difflib.get_close_matches(key.replace("_", "-"), known, n=1)
    if close:
        return say("config.did_you_mean", lang, name=close[0])
    return say("config.known_keys", lang, names=", ".join(known))


def _toml_key(key: str) -> str:
    bare = key and all(c.isalnum() or c in "-_" for c in key)
    return key if bare else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
