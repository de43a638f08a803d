"""Screens whose key bindings show catalog text (Danish or English) in the footer and palette.

A ``Binding``'s description is a catalog key ("keys.save"). Textual's Footer, KeyPanel and
our command palette all read the descriptions through ``Screen.active_bindings``, the
public property Textual documents for inspecting the bindings in force. So our screens
override that one property and translate the keys there, when they are shown: nothing
rewrites Textual's private binding maps, the class-level BINDINGS stay plain (they are
built at import, before --lang is known), and a language switch needs no rebuilding.
Descriptions that are not catalog keys (Textual's own widgets) pass through unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import screen
from textual.binding import ActiveBinding

from facilitator.i18n import has_message, t


def translated(active: ActiveBinding) -> ActiveBinding:
    """``active`` with its description read from the catalog, if it is a key."""
    binding = active.binding
    if not has_message(binding.description):
        return active
    return active._replace(binding=replace(binding, description=t(binding.description)))


def hidden(active: ActiveBinding) -> ActiveBinding:
    """``active`` left out of the footer (it stays in the command palette)."""
    return active._replace(binding=replace(active.binding, show=False))


class _TranslatedBindings:
    """Mixin for Screen classes (it must come before the Textual class)."""

    #: Binding ids this screen keeps out of its footer, so the keys that matter in the phase
    #: fit on one line at 100 columns; every one of them is still in the command palette.
    FOOTER_HIDDEN: ClassVar[frozenset[str]] = frozenset()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        shown = {key: translated(binding) for key, binding in active.items()}
        return {
            key: hidden(binding) if binding.binding.id in self.FOOTER_HIDDEN else binding
            for key, binding in shown.items()
        }


class Screen(_TranslatedBindings, screen.Screen[screen.ScreenResultType]):
    """A textual Screen whose binding descriptions are catalog keys."""


class ModalScreen(_TranslatedBindings, screen.ModalScreen[screen.ScreenResultType]):
    """A textual ModalScreen whose binding descriptions are catalog keys."""


__all__ = ["ModalScreen", "Screen", "hidden", "translated"]
