"""The command palette lists every action of the screen it was opened on, with its key."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from facilitator.i18n import t
from facilitator.i18n.dates import short_date
from facilitator.meetings import people


class ScreenActions(Provider):
    """Every binding of the current screen, so each action is in the footer and the palette."""

    def _actions(self) -> list[tuple[str, str, object]]:
        found = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            label = f"{binding.description}  ({binding.key_display or key})"
            found.append((label, binding.action, active.node))
        return found

    async def _run(self, action: str, node: object) -> None:
        await self.app.run_action(action, node)  # type: ignore[arg-type]

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
        store = self.app.store  # type: ignore[attr-defined]
        names = {c.id: c.name for c in people.list_citizens(store)}
        return [
            (
                t(
                    "palette.open_meeting",
                    name=names.get(m.citizen_id, ""),
                    date=short_date(m.date),
                    title=m.title,
                ),
                m.id,
            )
            for m in reversed(people.list_meetings(store))
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, meeting_id in self._meetings():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self.app.open_meeting, meeting_id),  # type: ignore[attr-defined]
                    text=label,
                )
