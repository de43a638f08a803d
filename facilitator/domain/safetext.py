"""Text from outside (keys, a paste, a file, a command-line argument) made safe to keep.

SQLite stores UTF-8 only: a lone surrogate (what Python makes of invalid UTF-8 in a file name
or an argument) cannot be stored or printed, and control characters would garble the wall.
Danish letters, emoji and everything else printable pass unchanged.
"""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline; DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and newline stay); a lone surrogate becomes
    the replacement character, so invalid UTF-8 shows as "�" instead of failing."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def printable(text: str) -> str:
    """``text`` as it may be printed in one line of a message (no newlines either)."""
    return " ".join(clean_text(text).split())
