"""Click's help and errors laid out for Chinese: words Click builds itself, widths in columns.

Click's gettext covers its sentences (cli/click_words.py) but not what it assembles: the metavars
(`[OPTIONS]`, `COMMAND [ARGS]...`, a type's name in capitals, an argument's name), the `:` after a
heading, the `; ` inside `[default: 20; x>=0]`, the `.` after "Missing argument 'TOPIC'", the `, `
between choices, and it measures text with len(), so a Chinese line is twice as wide as Click thinks.
In Chinese mode these are patched once per process; English output is Click's own.
"""
from __future__ import annotations

import re

# Click's type names (the metavar is the name in capitals) -> i18n click.type.<key>
TYPE_NAMES = {"IntParamType": "integer", "IntRange": "integer", "FloatParamType": "float", "FloatRange": "float",
              "StringParamType": "text", "BoolParamType": "boolean", "UUIDParameterType": "uuid"}
METAVARS = ("[OPTIONS]", "COMMAND [ARGS]...", "OPTIONS", "COMMAND", "ARGS")


def install(lang: str) -> None:
    import click
    from click import core, exceptions, formatting, types

    from compilecli import i18n
    from compilecli.render.width import display_width

    def word(key: str, default: str) -> str:
        found = i18n.lookup(f"click.{key}", lang)
        return found if isinstance(found, str) and not found.startswith("click.") else default

    def metavar(text: str) -> str:
        """[OPTIONS] -> [选项], SPECS -> 规格文件: Click's and our own placeholders, brackets and ... kept."""
        return re.sub(r"[A-Z][A-Z_]+", lambda m: word(f"metavar.{m.group(0)}", m.group(0)), text)

    for cls_name, key in TYPE_NAMES.items():
        cls = getattr(types, cls_name, None)
        if cls is not None:
            cls.name = word(f"type.{key}", cls.name)

    for cls in (core.Command, core.Group):
        _wrap(cls, "collect_usage_pieces", lambda pieces: [metavar(piece) for piece in pieces])
    for cls in (core.Argument, core.Option):
        _wrap(cls, "make_metavar", metavar)
    _wrap(core.Option, "get_help_record", lambda record: _extra_brackets(record, word("list_gap", "; ")))
    _wrap(exceptions.MissingParameter, "format_message", lambda text: re.sub(r"\.( |$)", "。", text, count=1))
    for cls in vars(exceptions).values():      # "没有选项 '--x'。 你是不是想写 ..." -> no space after 。
        if isinstance(cls, type) and "format_message" in vars(cls):
            _wrap(cls, "format_message", lambda text: re.sub(r"([。！？；：，])[ ]+", r"\1", text))
    if hasattr(types.Choice, "get_invalid_choice_message"):
        _wrap(types.Choice, "get_invalid_choice_message", lambda text: text.replace("', '", "'、'"))
    colon = word("heading_colon", ":")
    formatting.HelpFormatter.write_heading = \
        lambda self, heading: self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")
    formatting.term_len = lambda text: display_width(click.unstyle(text))
    formatting.wrap_text = _wrap_text
    for name in ("_make_default_short_help", "make_default_short_help"):
        if hasattr(core, name):
            setattr(core, name, _short_help)


def _wrap(cls, name: str, after) -> None:
    original = getattr(cls, name)

    def patched(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        return after(result) if result is not None else result
    setattr(cls, name, patched)


def _extra_brackets(record, gap: str):
    """("--jobs", "... [x>=1; 默认值：20]") with the Chinese list gap between the extras."""
    name, help_text = record
    head, mark, extra = help_text.rpartition("  [")
    if mark and extra.endswith("]"):
        help_text = head + mark + extra.replace("; ", gap)
    return name, help_text


def _wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
               preserve_paragraphs: bool = False) -> str:
    """click.formatting.wrap_text in display columns (explain's line breaker: CJK-aware, no split identifier)."""
    from compilecli.explain.layout import wrap
    from compilecli.render.width import display_width

    paragraphs = re.split(r"\n\s*\n", text) if preserve_paragraphs else [text]
    out = []
    for paragraph in paragraphs:
        if paragraph.lstrip().startswith("\b"):         # Click's "no rewrap" marker
            out.append("\n".join(initial_indent + line for line in paragraph.lstrip()[1:].strip("\n").split("\n")))
            continue
        inner = max(10, width - max(display_width(initial_indent), display_width(subsequent_indent)))
        lines = wrap(" ".join(paragraph.split()), inner)
        out.append("\n".join((initial_indent if i == 0 else subsequent_indent) + line for i, line in enumerate(lines)))
    return "\n\n".join(out)


def _short_help(help_text: str, max_length: int = 45) -> str:
    """The first sentence, cut at max_length display columns with "..." (Click counts characters)."""
    from compilecli.explain.layout import wrap
    from compilecli.render.width import display_width

    text = " ".join(help_text.partition("\n\n")[0].split()).lstrip("\b").strip()
    first = re.split(r"(?<=[。！？])|(?<=\.)\s+(?=[A-Z])", text, maxsplit=1)[0]
    if display_width(first) <= max_length:
        return first
    return wrap(first, max(4, max_length - 3))[0].rstrip("，、；：,;:") + "..."
