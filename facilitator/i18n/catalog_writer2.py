"""Messages of forms that keep what was typed when a write is refused (issue 14)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "form.not_saved": {
        "da": "{reason} Teksten står stadig i formularen: tryk Ctrl+S for at gemme den.",
        "en": "{reason} The text is still in the form: press Ctrl+S to save it.",
    },
}
