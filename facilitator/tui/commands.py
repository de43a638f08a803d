"""The command palette lists every action of the screen it was opened on, with its key."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from facilitator.domain.privacy import mask_cpr
from facilitator.i18n import has_message, t
from facilitator.i18n.dates import short_date
from facilitator.meetings import people, register
from facilitator.tui.access import facilitator_app


@dataclass(frozen=True)
class Command:
    """One action of the screen as the palette shows it: name, key, one line, search words."""

    name: str
    key: str
    help: str
    words: str
    action: str
    node: DOMNode

    @property
    def label(self) -> str:
        return f"{self.name}  ({self.key})"

    @property
    def haystack(self) -> str:
        """What a search is matched against: the name and the search words."""
        return f"{self.name} {self.words}"


def _message(key: str, default: str = "") -> str:
    return t(key) if has_message(key) else default


def describe(binding_id: str, name: str, key: str) -> tuple[str, str, str]:
    """The palette's name, one-line help and search words for a binding, from the catalog."""
    if binding_id.startswith("note.kind."):
        # One text for all nine kinds: "Slags: ønske", "Gem noten som denne slags."
        return (
            t("palette.name.note_kind", kind=name),
            t("palette.help.note_kind"),
            t("palette.words.note_kind"),
        )
    return (
        _message(f"palette.name.{binding_id}", name),
        _message(f"palette.help.{binding_id}", t("palette.key", keys=key)),
        _message(f"palette.words.{binding_id}"),
    )


def screen_commands(screen: Screen[object]) -> list[Command]:
    """Every action of ``screen`` that is ours (a binding id), translated, once each.

    Textual's own widget bindings (Scroll Up, Page Down …) have no id and no Danish text:
    they stay keys, not commands.
    """
    found: list[Command] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.id or not binding.description or not active.enabled:
            continue
        if binding.action == "command_palette":  # the palette itself
            continue
        if binding.action in seen:
            continue
        seen.add(binding.action)
        shown_key = binding.key_display or screen.app.get_key_display(binding)
        name, help_text, words = describe(binding.id, binding.description, shown_key)
        found.append(Command(name, shown_key, help_text, words, binding.action, active.node))
    return found


class ScreenActions(Provider):
    """Every binding of the current screen, so each action is in the footer and the palette."""

    async def _run(self, action: str, node: DOMNode) -> None:
        await self.app.run_action(action, node)

    async def discover(self) -> Hits:
        for command in screen_commands(self.screen):
            yield DiscoveryHit(
                command.label,
                partial(self._run, command.action, command.node),
                help=command.help,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in screen_commands(self.screen):
            # The search words count, but only the name is shown and highlighted.
            score = max(matcher.match(command.label), matcher.match(command.haystack))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.label),
                    partial(self._run, command.action, command.node),
                    text=command.label,
                    help=command.help,
                )


class OpenMeeting(Provider):
    """Open any citizen's meeting by name or date."""

    def _meetings(self) -> list[tuple[str, int]]:
        store = facilitator_app(self.app).store
        names = {c.id: c.name for c in people.list_citizens(store)}
        return [
            (
                t(
                    "palette.open_meeting",
                    name=mask_cpr(names.get(m.citizen_id, "")),
                    date=short_date(m.date),
                    title=mask_cpr(m.title),
                ),
                m.id,
            )
            for m in reversed(register.list_meetings(store))
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, meeting_id in self._meetings():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(facilitator_app(self.app).open_meeting, meeting_id),
                    text=label,
                )
