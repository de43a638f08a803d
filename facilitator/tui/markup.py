"""Words people typed, put into Textual markup so they show exactly as typed."""

from __future__ import annotations

from rich.text import Text


def plain(text: str) -> str:
    """``text`` with every "[" escaped, so nothing in it is read as markup.

    ``rich.markup.escape`` only escapes what looks like a tag: a note with a lone "[" or
    "[0m" passes through, and Textual then pairs it with the next line's "[b]…[/b]" and
    raises MarkupError, which takes the wall down (found by tests/test_trust_fuzz.py).
    """
    escaped = text.replace("[", "\\[")
    # A backslash at the very end would escape the "[" of the markup that follows it.
    return escaped + "\u200b" if escaped.endswith("\\") else escaped


#: The name the screens use, in place of ``rich.markup.escape``.
escape = plain


def cell(text: str) -> Text:
    """A DataTable cell shown exactly as typed (a plain string cell is read as Rich markup)."""
    return Text(text)
