"""Where the project and each diagnostic code are documented: one place for SARIF's helpUri, the JSON
report's `url` and the `explain CODE` page.

A code's page is its row of docs/codes.md (tools/gen_codes_doc.py writes an anchor `#cc603` per row),
under the project's documentation URL. The same URLs are declared in pyproject's [project.urls]
(Homepage, Documentation); tests/ux/test_code_urls.py keeps the two equal.
"""
from __future__ import annotations

HOME = "https://github.com/compilecli/compilecli"
DOCS = HOME + "/blob/main/docs/"


def code_url(code: str) -> str:
    """The documentation of a diagnostic code (CC603) or smoke verdict (SM101)."""
    return f"{DOCS}codes.md#{code.lower()}"
