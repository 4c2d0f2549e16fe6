"""Click's own words (Usage:, Options:, Error: No such option ...) in the user's language.

Click looks its words up through gettext; in Chinese mode the gettext functions of Click's modules are
replaced by a lookup in the i18n catalogue (``click.<name>``). The message ids are Click's English
strings; the table below names them. A string Click adds in a later version stays English.
"""
from __future__ import annotations

import importlib

# Click's message id -> our key (i18n click.<key>); plural pairs by their singular id.
MSGIDS = {
    "Usage:": "usage", "Options": "options", "Commands": "commands", "Positional arguments": "arguments",
    "Error: {message}": "error", "Missing argument": "missing_argument", "Missing option": "missing_option",
    "Missing parameter": "missing_parameter", "Missing command.": "missing_command",
    "No such option {name!r}.": "no_such_option", "No such command {name!r}.": "no_such_command",
    "Try '{command} {option}' for help.": "try_help", "Invalid value for {param_hint}: {message}": "invalid_value_for",
    "Invalid value: {message}": "invalid_value", "default: {default}": "default", "env var: {var}": "env_var",
    "Show this message and exit.": "help", "Show the version and exit.": "version", "Aborted!": "aborted",
    "{value!r} is not a valid {number_type}.": "not_a_number", "{value} is not in the range {range}.": "not_in_range",
    "Option {name!r} does not take a value.": "no_value", "{name} {filename!r} does not exist.": "does_not_exist",
    "{name} {filename!r} is a directory.": "is_a_directory", "{name} {filename!r} is a file.": "is_a_file",
    "{name} {filename!r} is not readable.": "not_readable", "{name} {filename!r} is not writable.": "not_writable",
    "file": "file", "directory": "directory", "path": "path", "required": "required",
    "Got unexpected extra argument ({args})": "extra_argument", "Did you mean {possibility}?": "did_you_mean",
    "Option {name!r} requires an argument.": "requires_argument", "{value!r} is not {choice}.": "not_choice",
}
PLURALS = {"Got unexpected extra arguments ({args})": "extra_argument",
           "(Did you mean one of: {possibilities}?)": "did_you_mean_one_of",
           "Option {name!r} requires {nargs} arguments.": "requires_arguments",
           "{value!r} is not one of {choices}.": "not_one_of"}
MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils", "termui")


def translator(lang: str):
    from compilecli import i18n

    def gettext(message: str) -> str:
        key = MSGIDS.get(message) or PLURALS.get(message)
        found = i18n.lookup(f"click.{key}", lang) if key else message
        return found if isinstance(found, str) and not found.startswith("click.") else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    return gettext, ngettext


def as_written():
    """English: Click's strings as they are. Click's own `_` is gettext's, which searches the system's
    message catalogues on every call (and imports locale): ~1% of `check`'s start-up, for a catalogue
    Click does not ship."""
    def gettext(message: str) -> str:
        return message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    return gettext, ngettext


def install(lang: str) -> None:
    """Make Click speak lang."""
    gettext, ngettext = as_written() if lang == "en" else translator(lang)
    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    if lang != "en":
        from compilecli.cli import click_layout
        click_layout.install(lang)
