"""An argument's meaning on an object page, as true for the page's target.

The docs' texts describe Keras 3 (spans marked for other targets aside, explain.docs.for_target). On
another target's page a sentence stating a default the target does not have is dropped, and the facts
of the target's own catalogue entry are said in words: a float-only type, the arguments it cannot be
set with (so these sentences can never disagree with the facts the checker uses).
"""
from __future__ import annotations

import re

from compilecli import i18n
from compilecli.catalogue import DEFAULT_TARGET, load_catalogue
from compilecli.explain.layout import is_cjk

# sentences end at ". " or "; " (not at the point of 0.001), or after 。；
_SPLIT = {"en": (re.compile(r"(?<=[.;])\s+"), " "), "zh": (re.compile(r"(?<=[。；])"), "")}
_DEFAULT_WORD = {"en": re.compile(r"\bdefault\b", re.I), "zh": re.compile("默认")}
_VALUE = r"`?(\"[^\"]*\"|[−-]?[0-9][\w.+-]*|None|True|False)"
_STATED = {"en": re.compile(r"\bdefault(?: is| to|:)?\s+" + _VALUE, re.I), "zh": re.compile(r"默认(?:为|值为|是)?\s*" + _VALUE)}
_NAMES_A_TARGET = re.compile(r"Keras \d|tf\.keras|keras[23]\b|tf2\b")


def arg_meaning(text: str, arg, kind: str, canonical: str, target: str, lang: str) -> str:
    facts = []
    if "strict_float" in arg.types:
        facts.append(i18n.text("ux.fact_float_only", lang, target=target))
    for group in load_catalogue().target(target).conflicts(kind, canonical):
        if arg.name in group:
            others = [f"`{name}`" for name in group if name != arg.name]
            facts.append(i18n.text("ux.fact_conflicts", lang, names=i18n.text("ux.list_gap", lang).join(others),
                                   target=target))
    out = _without_other_defaults(text, arg, kind, canonical, target, lang)
    for fact in facts:      # Chinese sentences follow each other without a space
        out = fact if not out else out + ("" if is_cjk(out[-1]) else " ") + fact
    return out


def _without_other_defaults(text: str, arg, kind: str, canonical: str, target: str, lang: str) -> str:
    if target == DEFAULT_TARGET or not text:
        return text
    k3 = load_catalogue().target(DEFAULT_TARGET).entry(kind, canonical.split(".", 1)[-1])
    k3_arg = k3.args.get(arg.name) if k3 is not None else None
    k3_differs = k3_arg is None or k3_arg.default != arg.default
    split, gap = _SPLIT.get(lang, _SPLIT["en"])
    return gap.join(s for s in split.split(text) if not _other_default(s, arg, lang, k3_differs)).strip()


def _other_default(sentence: str, arg, lang: str, k3_differs: bool) -> bool:
    """The sentence states a default that is not arg's (a sentence naming its target is about that one)."""
    if not _DEFAULT_WORD.get(lang, _DEFAULT_WORD["en"]).search(sentence) or _NAMES_A_TARGET.search(sentence):
        return False
    stated = _STATED.get(lang, _STATED["en"]).search(sentence)
    if stated is None:
        return k3_differs        # a default told in words: kept where Keras 3's is the target's
    return not same_value(stated.group(1), arg.default)


def same_value(written: str, value) -> bool:
    from compilecli.explain.pages import _value
    written = written.strip("`").rstrip(".").replace("−", "-")
    if written in ("None", "True", "False") or written.startswith('"'):
        return written == _value(value)
    try:
        return not isinstance(value, (bool, str)) and value is not None and float(written) == float(value)
    except ValueError:
        return True         # not a value (a range, a word): nothing to contradict
