"""Messages of the optional language-model assistance and its fallbacks."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
