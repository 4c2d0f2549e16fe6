"""The fix registry: which fix modules answer which code (explicit, as the rules' registry is)."""
from __future__ import annotations

from typing import Any, Dict, Tuple

from compilecli.fix import add_key, class_name, drop_argument, rename_argument, respell_value, unused_suppression

# code -> the fix modules tried in order (the first that returns a Fix wins).
FIXERS: Dict[str, Tuple[Any, ...]] = {
    "CC111": (respell_value,),
    "CC112": (respell_value,),
    "CC302": (respell_value,),
    "CC601": (drop_argument,),
    "CC603": (rename_argument,),
    "CC604": (drop_argument,),
    "CC607": (rename_argument, drop_argument),
    "CC901": (unused_suppression,),
    "CC312": (add_key,),
    "CC209": (class_name,),
}
MODULES = (rename_argument, drop_argument, respell_value, unused_suppression, add_key, class_name)
