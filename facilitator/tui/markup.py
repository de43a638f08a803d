"""Words people typed, put into Textual markup so they show exactly as typed."""

from __future__ import annotations


def plain(text: str) -> str:
    """``text`` with every "[" escaped, so nothing in it is read as markup.

    ``rich.markup.escape`` only escapes what looks like a tag: a note with a lone "[" or
    "[0m" passes through, and Textual then pairs it with the next line's "[b]…[/b]" and
    raises MarkupError, which takes the wall down (found by tests/test_trust_fuzz.py).
    """
    return text.replace("[", "\\[")
