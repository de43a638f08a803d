"""Words people typed, put into Markdown so they read exactly as typed and forge nothing.

A note that says "# Godkendt", "<script>" or "[klik](http://…)" must stay a note: no heading,
no HTML, no link in Min plan, the § 141 view or a Besøgsbrev. The Markdown templates escape
every value by default (``finalize``), the way HTML templates autoescape: what the template
itself writes (headings, the catalog's sentences) is marked :class:`MdSafe` and left alone.
"""

from __future__ import annotations

import re

from facilitator.domain.privacy import mask_cpr


class MdSafe(str):
    """Text that is already Markdown: the template's own words, or text escaped once."""

    __slots__ = ()


# Inline marks that make emphasis, code, links, images, tables, strike-through; and the
# backslash itself, so an escape cannot be undone by the text. "(" and "!" make a link or an
# image only next to a bracket, so only there are they escaped: "Mette (bostøtte)" stays.
_INLINE = re.compile(r"([\\`*_\[\]|~]|(?<=\])\(|!(?=\[))")
# What turns a line into a heading, quote, list item, rule or fence when it opens the line.
# An "&" only when it would start an entity ("&lt;" typed stays four characters).
_ENTITY = re.compile(r"&(?=#?\w+;)")
# (CommonMark wants a space or the line's end after a marker: "2.7.2026" is just a date.)
_LEADING = re.compile(r"^(\s*)(#+(?=\s|$)|[-+=](?=[\s=-]|$)|(\d{1,9})([.)])(?=\s|$))")


def _line(text: str) -> str:
    escaped = _INLINE.sub(r"\\\1", text)
    # HTML is not escaped with a backslash (a reader sees "\<script>" as raw "<script"): as
    # entities it shows as typed and is never a tag.
    escaped = _ENTITY.sub("&amp;", escaped).replace("<", "&lt;").replace(">", "&gt;")

    def lead(m: re.Match[str]) -> str:
        if m.group(3) is not None:  # "1." or "1)" would start a numbered list
            return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"
        return f"{m.group(1)}\\{m.group(2)}"

    # Leading spaces would make an indented code block: the line starts at its first word.
    return _LEADING.sub(lead, escaped.lstrip())


def md_escape(text: str) -> MdSafe:
    """``text`` (CPR numbers masked first) as Markdown that shows exactly those words."""
    if isinstance(text, MdSafe):
        return text
    masked = mask_cpr(str(text))
    return MdSafe("\n".join(_line(line) if line else line for line in masked.split("\n")))
