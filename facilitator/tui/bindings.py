"""Bindings whose descriptions are catalog keys, translated per instance (Danish or English)."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from facilitator.i18n import has_message, t


def translate_bindings(node: DOMNode) -> None:
    """Replace catalog keys in a node's binding descriptions with the current language's text."""
    translated = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        translated[key] = [
            replace(b, description=t(b.description)) if has_message(b.description) else b
            for b in bindings
        ]
    node._bindings.key_to_bindings = translated
