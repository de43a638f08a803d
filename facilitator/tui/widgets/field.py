"""The one text field every form in the app uses.

Textual's Input selects all its text when it gets focus by Tab, so the first key typed
replaces an answer already given. Our fields put the cursor at the end instead: Tab into a
filled field and typing adds to what is there.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class Field(Input):
    """An Input that never selects its text on focus (the cursor goes to the end)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
