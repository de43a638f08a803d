"""Words people typed, put into Textual markup so they show exactly as typed."""

from __future__ import annotations

from rich.text import Text

from facilitator.domain.privacy import mask_cpr
from facilitator.i18n import t


def plain(text: str) -> str:
    """``text`` with every "[" escaped, so nothing in it is read as markup, and every CPR
    number masked with a short flag that one was hidden: everything a person typed reaches
    the wall through here (or :func:`cell`).

    ``rich.markup.escape`` only escapes what looks like a tag: a note with a lone "[" or
    "[0m" passes through, and Textual then pairs it with the next line's "[b]…[/b]" and
    raises MarkupError, which takes the wall down (found by tests/test_trust_fuzz.py).
    """
    masked = mask_cpr(text)
    escaped = masked.replace("[", "\\[")
    # A backslash at the very end would escape the "[" of the markup that follows it.
    if escaped.endswith("\\"):
        escaped += "\u200b"
    return escaped + f" [i]({t('cpr.hidden')})[/i]" if masked != text else escaped


#: The name the screens use, in place of ``rich.markup.escape``.
escape = plain


def cell(text: str) -> Text:
    """A DataTable cell shown exactly as typed (a plain string cell is read as Rich markup),
    CPR numbers masked and flagged."""
    masked = mask_cpr(text)
    return Text(masked + f" ({t('cpr.hidden')})" if masked != text else masked)
