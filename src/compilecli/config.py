"""Options of `compilecli check`: defaults < configuration file < environment < command line.

The configuration lives in ``[tool.compilecli]`` of a ``pyproject.toml``, or in a
``.compilecli.toml`` (keys at top level, or under ``[tool.compilecli]``). Without
``--config FILE`` the nearest one is found from the current folder upwards; a
``pyproject.toml`` without a ``[tool.compilecli]`` table is passed over. ``--isolated``
reads no file at all.

Keys: ``target``, ``lang``, ``format``, ``strict``, ``select``, ``ignore``,
``per-file-ignores`` (table glob -> list of codes), ``include``, ``exclude`` (lists of
globs). Anything else, a wrong type or invalid TOML is a ``ConfigError`` whose text
names the file and the key.

Only stat calls happen when there is no configuration: ``tomllib`` is imported when a
file is actually parsed, and a ``pyproject.toml`` that never mentions ``compilecli`` is
not parsed at all.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

from compilecli.i18n import DEFAULT_LANG, LANGS

FORMATS = ("text", "json", "sarif", "github")
CONFIG_NAMES = (".compilecli.toml", "pyproject.toml")
KNOWN_KEYS = ("target", "lang", "format", "strict", "select", "ignore", "per-file-ignores", "include", "exclude")
LANG_ENV = "COMPILECLI_LANG"


class ConfigError(Exception):
    """A configuration that cannot be used; str() names the file (or option) and the key."""


@dataclass(frozen=True)
class CheckOptions:
    target: Optional[str] = None                 # None: each spec's own `target:` (default keras3)
    format: str = "text"
    lang: str = DEFAULT_LANG
    strict: bool = False
    select: Tuple[str, ...] = ()                 # code prefixes; empty: every code
    ignore: Tuple[str, ...] = ()                 # code prefixes
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()   # (glob, code prefixes), in file order
    include: Tuple[str, ...] = ()                # extra globs a folder walk picks up (e.g. "*.py")
    exclude: Tuple[str, ...] = ()                # globs never checked (files and folders)
    config_file: Optional[str] = None            # the file the options came from, if any

    @property
    def root(self) -> str:
        """The folder globs are relative to: the configuration file's, else the current one."""
        return os.path.dirname(os.path.abspath(self.config_file)) if self.config_file else os.getcwd()

    @property
    def per_file_ignores_dict(self) -> Dict[str, Tuple[str, ...]]:
        return dict(self.per_file_ignores)


# ---------------------------------------------------------------------------------------------
# resolve


def resolve_options(cli_values: dict, config_path: Optional[str] = None, isolated: bool = False) -> CheckOptions:
    """Merge defaults, the configuration file, COMPILECLI_LANG and the command line."""
    message_lang = _message_lang(cli_values.get("lang"))
    values: Dict[str, Any] = {}
    config_file = None
    if not isolated:
        config_file = config_path if config_path is not None else find_config(os.getcwd())
        if config_file is not None:
            values = read_config(config_file, message_lang, explicit=config_path is not None)

    env_lang = os.environ.get(LANG_ENV, "").strip()
    if env_lang and cli_values.get("lang") is None:
        values["lang"] = _env_lang(env_lang, message_lang)

    for name in ("target", "format", "lang", "strict"):
        if cli_values.get(name) is not None:
            values[name] = cli_values[name]
    for name in ("select", "ignore"):
        given = cli_values.get(name) or ()
        if given:
            values[name] = parse_codes(given, f"--{name}", message_lang)

    return CheckOptions(
        target=values.get("target"),
        format=values.get("format") or "text",
        lang=values.get("lang") or DEFAULT_LANG,
        strict=bool(values.get("strict", False)),
        select=tuple(values.get("select", ())),
        ignore=tuple(values.get("ignore", ())),
        per_file_ignores=tuple(values.get("per-file-ignores", ())),
        include=tuple(values.get("include", ())),
        exclude=tuple(values.get("exclude", ())),
        config_file=config_file,
    )


def find_config(start: str) -> Optional[str]:
    """The nearest .compilecli.toml, or pyproject.toml with a [tool.compilecli] table, from start up."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, ".compilecli.toml")
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _pyproject_has_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _pyproject_has_table(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return False
    if b"compilecli" not in raw:        # the cheap test: most pyproject.toml files never parse
        return False
    try:
        doc = _parse_toml(raw)
    except Exception:   # a broken pyproject.toml that mentions us: report it, do not pass it over
        return True
    tool = doc.get("tool")
    return isinstance(tool, dict) and "compilecli" in tool


def _parse_toml(raw: bytes) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib
    return tomllib.loads(raw.decode("utf-8"))


def read_config(path: str, lang: str = DEFAULT_LANG, explicit: bool = False) -> Dict[str, Any]:
    """The validated keys of one configuration file (names as in the file: "per-file-ignores")."""
    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as problem:
        raise ConfigError(_say("config.unreadable", lang, file=shown, error=problem.strerror or str(problem)))
    try:
        doc = _parse_toml(raw)
    except UnicodeDecodeError as problem:
        raise ConfigError(_say("config.bad_toml", lang, file=shown, error=str(problem)))
    except ValueError as problem:   # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(_say("config.bad_toml", lang, file=shown, error=str(problem)))

    is_pyproject = os.path.basename(path) == "pyproject.toml"
    tool = doc.get("tool")
    nested = tool.get("compilecli") if isinstance(tool, dict) else None
    if is_pyproject:
        if nested is None:
            return {}        # only reachable with --config: a pyproject.toml without our table
        table, section = nested, "[tool.compilecli] "
    elif nested is not None:
        if any(k != "tool" for k in doc):
            raise ConfigError(_say("config.both_forms", lang, file=shown))
        table, section = nested, "[tool.compilecli] "
    else:
        table, section = doc, ""
    if not isinstance(table, dict):
        raise ConfigError(_say("config.expected", lang, where=f"{shown}: [tool.compilecli]",
                               expected=_say("config.type.table", lang), found=show_value(table)))
    return validate_table(table, shown, section, lang)


def validate_table(table: Dict[str, Any], shown: str, section: str, lang: str) -> Dict[str, Any]:
    from compilecli.catalogue.model import TARGETS

    out: Dict[str, Any] = {}
    for key, value in table.items():
        where = f"{shown}: {section}{key}"
        if key not in KNOWN_KEYS:
            raise ConfigError(_say("config.unknown_key", lang, where=where, known=_did_you_mean(key, KNOWN_KEYS, lang)))
        if key in ("target", "lang", "format"):
            choices = {"target": TARGETS, "lang": LANGS, "format": FORMATS}[key]
            if not isinstance(value, str) or value not in choices:
                raise ConfigError(_say("config.expected", lang, where=where, found=show_value(value),
                                       expected=_say("config.type.one_of", lang, choices=", ".join(choices))))
            out[key] = value
        elif key == "strict":
            if not isinstance(value, bool):
                raise ConfigError(_say("config.expected", lang, where=where, found=show_value(value),
                                       expected=_say("config.type.bool", lang)))
            out[key] = value
        elif key in ("select", "ignore"):
            out[key] = _code_list(value, where, lang)
        elif key in ("include", "exclude"):
            out[key] = _glob_list(value, where, lang)
        else:  # per-file-ignores
            if not isinstance(value, dict):
                raise ConfigError(_say("config.expected", lang, where=where, found=show_value(value),
                                       expected=_say("config.type.glob_table", lang)))
            pairs = []
            for glob, codes in value.items():
                inner = f"{where}.{_toml_key(glob)}"
                if not glob.strip():
                    raise ConfigError(_say("config.expected", lang, where=inner, found=show_value(glob),
                                           expected=_say("config.type.globs", lang)))
                pairs.append((glob, _code_list(codes, inner, lang)))
            out[key] = tuple(pairs)
    return out


def _code_list(value: Any, where: str, lang: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_say("config.expected", lang, where=where, found=show_value(value),
                               expected=_say("config.type.codes", lang)))
    return parse_codes(value, where, lang)


def _glob_list(value: Any, where: str, lang: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(_say("config.expected", lang, where=where, found=show_value(value),
                               expected=_say("config.type.globs", lang)))
    return tuple(v.strip() for v in value)


# ---------------------------------------------------------------------------------------------
# codes


def parse_codes(items: Iterable[str], where: str, lang: str = DEFAULT_LANG) -> Tuple[str, ...]:
    """("CC5,cc601", "CC3") -> ("CC5", "CC601", "CC3"); an unknown code or prefix is a ConfigError."""
    out: List[str] = []
    for item in items:
        for part in str(item).split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not is_known_prefix(code):
                raise ConfigError(_say("config.unknown_code", lang, where=where, code=part.strip()))
            if code not in out:
                out.append(code)
    return tuple(out)


def is_known_prefix(code: str) -> bool:
    """"CC", "CC5", "CC50", "CC501" are known when some registered code starts with them."""
    from compilecli.codes import CODES

    digits = code[2:]
    if not code.startswith("CC") or (digits and not digits.isdigit()):
        return False
    return any(known.startswith(code) for known in CODES)


# ---------------------------------------------------------------------------------------------
# helpers


def _message_lang(cli_lang: Optional[str]) -> str:
    """The language of configuration errors: known before the configuration is read."""
    if cli_lang in LANGS:
        return cli_lang
    env = _normalise_lang(os.environ.get(LANG_ENV, ""))
    return env if env in LANGS else DEFAULT_LANG


def _normalise_lang(value: str) -> str:
    """"zh_CN.UTF-8" -> "zh", "EN" -> "en"."""
    value = value.strip().lower()
    for sep in (".", "_", "-", "@"):
        value = value.split(sep, 1)[0]
    return value


def _env_lang(value: str, lang: str) -> str:
    normal = _normalise_lang(value)
    if normal not in LANGS:
        raise ConfigError(_say("config.expected", lang, where=LANG_ENV, found=show_value(value),
                               expected=_say("config.type.one_of", lang, choices=", ".join(LANGS))))
    return normal


def _did_you_mean(key: str, known: Tuple[str, ...], lang: str) -> str:
    import difflib

    close = difflib.get_close_matches(key.replace("_", "-"), known, n=1)
    if close:
        return _say("config.did_you_mean", lang, name=close[0])
    return _say("config.known_keys", lang, names=", ".join(known))


def _toml_key(key: str) -> str:
    bare = key and all(c.isalnum() or c in "-_" for c in key)
    return key if bare else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def show_value(value: Any) -> str:
    """A found value as TOML shows it, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "a table"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def display_path(path: str) -> str:
    """The path relative to the current folder when it is inside it, else as given."""
    try:
        rel = os.path.relpath(path)
    except ValueError:   # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def _say(key: str, lang: str, **args: Any) -> str:
    from compilecli import i18n

    return i18n.text(key, lang, **args)
