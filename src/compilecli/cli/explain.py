"""`compilecli explain TOPIC`"""
from __future__ import annotations

import sys

import click

from compilecli.cli.options import lang_option, target_option, use_color
from compilecli.cli.words import h


def complete_topic(ctx, param, incomplete: str):
    """Shell completion: every topic name (arguments, objects, codes), and files for a spec path."""
    from click.shell_completion import CompletionItem
    if "/" in incomplete or incomplete.startswith(".") or incomplete.endswith((".yaml", ".yml", ".json")):
        return [CompletionItem(incomplete, type="file")]
    from compilecli.explain.topics import all_topic_names
    lower = incomplete.lower()
    names = [n for n in all_topic_names() if n.lower().startswith(lower)]
    return [CompletionItem(n) for n in names[:200]] + ([CompletionItem(incomplete, type="file")] if not names else [])


@click.command(help=h("explain.help"))
@click.help_option("-h", "--help", help=h("help_option"))
@click.argument("topic", shell_complete=complete_topic)
@lang_option(extra=("both",))
@target_option
@click.option("--plain", is_flag=True, help=h("explain.plain"))
def explain(topic, lang, target, plain):
    """The help text is cli.explain.help in i18n/cli.<lang>.json."""
    from compilecli import i18n
    from compilecli.explain.build import build_pages
    from compilecli.explain.render import render_plain, render_rich
    from compilecli.explain.topics import all_topic_names, find_topic
    from compilecli.rules._values import suggest

    ui_lang = "en" if lang == "both" else lang
    found = find_topic(topic)
    if found is None:
        close = suggest(topic, all_topic_names())
        key = "ui.explain.unknown_topic" if close else "ui.explain.unknown_topic_none"
        click.echo(i18n.text(key, ui_lang, topic=topic, suggestions=close), err=True)
        sys.exit(2)
    if found.kind == "spec" and found.name.lower().endswith((".py", ".ipynb")):
        click.echo(i18n.text("ui.explain.code_file", ui_lang, path=found.name), err=True)
        sys.exit(2)
    pages = build_pages(found, ("en", "zh") if lang == "both" else (lang,), target)
    if not plain and use_color(sys.stdout.isatty()):
        render_rich(pages)
    else:
        import shutil
        width = max(40, min(120, shutil.get_terminal_size((80, 24)).columns))   # COLUMNS when piped, else 80
        click.echo(render_plain(pages, width), nl=False)
    if any(page.failed for page in pages):
        sys.exit(2)
