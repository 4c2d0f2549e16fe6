"""Lists of codes and code prefixes (``--select CC5,cc601``, ``ignore = ["CC3"]``), checked against the registry."""
from __future__ import annotations

from typing import Iterable, List, Tuple

from compilecli.config.messages import say
from compilecli.config.options import ConfigError
from compilecli.i18n import DEFAULT_LANG


def parse_codes(items: Iterable[str], where: str, lang: str = DEFAULT_LANG) -> Tuple[str, ...]:
    """("CC5,cc601", "CC3") -> ("CC5", "CC601", "CC3"); an unknown code or prefix is a ConfigError."""
    out: List[str] = []
    for item in items:
        for part in str(item).split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not is_known_prefix(code):
                raise ConfigError(say("config.unknown_code", lang, where=where, code=part.strip()))
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
