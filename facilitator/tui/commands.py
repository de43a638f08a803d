"""The command palette lists every action of the screen it was opened on, with its key."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from facilitator.domain.privacy import mask_cpr
from facilitator.i18n import t
from facilitator.i18n.dates import short_date
from facilitator.meetings import people, register
from facilitator.tui.access import facilitator_app


class ScreenActions(Provider):
    """Every binding of the current screen, so each action is in the footer and the palette."""

    def _actions(self) -> list[tuple[str, str, DOMNode]]:
        found: list[tuple[str, str, DOMNode]] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            label = f"{binding.description}  ({binding.key_display or key})"
            found.append((label, binding.action, active.node))
        return found

    async def _run(self, action: str, node: DOMNode) -> None:
        await self.app.run_action(action, node)

    async def discover(self) -> Hits:
        for label, action, node in self._actions():
            yield DiscoveryHit(label, partial(self._run, action, node), help=t("palette.action"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, node in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._run, action, node),
                    text=label,
                    help=t("palette.action"),
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
