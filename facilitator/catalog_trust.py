"""Messages of trust: export, forget, audit, CPR warnings."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
