"""At 100 columns every screen's footer shows whole labels, and nothing after the palette hint."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from facilitator.domain.vocabulary import Phase
from facilitator.i18n import set_language, t
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import FacilitatorApp, make_app
from facilitator.tui.screens.plan import PlanGrid
from tests.conftest import screen_lines

#: (phase or None for the overview, keys pressed before looking)
SCREENS: dict[str, tuple[Phase | None, tuple[str, ...]]] = {
    "home": (None, ()),
    "plan_view": (None, ("down", "p")),
    "prepare": (Phase.FORBEREDELSE, ()),
    "welcome": (Phase.VELKOMST, ()),
    "since": (Phase.SIDEN_SIDST, ()),
    "rounds": (Phase.RUNDER, ()),
    "kind_bar": (Phase.RUNDER, ("a", "enter")),
    "plan": (Phase.PLAN, ()),
    "plan_grid": (Phase.PLAN, ()),
    "closing": (Phase.AFRUNDING, ()),
}


def footer_problems(app: FacilitatorApp) -> list[str]:
    """Labels cut by the screen edge or hidden under the palette hint; a stray last column."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query("FooterKey"))
    palette = [key for key in keys if key.has_class("-command-palette")]
    assert palette, "the palette hint is in the footer"
    edge = palette[0].region.x
    problems = [
        f"cut: {key.region}" for key in keys if key not in palette and key.region.right > edge
    ]
    last = screen_lines(app)[-1]
    hint = app.screen.active_bindings["ctrl+p"].binding.description
    assert hint == t("palette.footer")  # in the meeting's language, not Textual's "palette"
    if not last.rstrip().endswith(hint):
        problems.append(f"after the palette hint: {last!r}")
    return problems


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", [100, 70])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_footer_fits(
    name: str, width: int, language: str, demo_meeting: tuple[Store, int]
) -> None:
    set_language(language)
    store, meeting_id = demo_meeting
    phase, keys = SCREENS[name]
    if phase is not None:
        MeetingSession(store, meeting_id).set_phase(phase)
    app = make_app(store, meeting_id if phase is not None else None)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        if name == "plan_grid":
            app.screen.query_one(PlanGrid).focus()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        problems = footer_problems(app)
    if width == 100:
        assert problems == []
    else:  # narrower than a projector: labels may scroll away, but no stray character
        assert [p for p in problems if p.startswith("after")] == []


async def test_the_plan_view_scrolls_by_keys(demo_store: Store) -> None:
    """Det gør vi, Hvem er med and Næste møde are reached with Down and PageDown."""
    from textual.containers import VerticalScroll

    from facilitator.tui.screens.plan_view import PlanViewScreen

    app = make_app(demo_store, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "p")
        await pilot.pause()
        assert isinstance(app.screen, PlanViewScreen)
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0
        await pilot.press("pagedown", "down")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_siden_sidst_scrolls_to_the_last_item_by_keys(
    demo_meeting: tuple[Store, int],
) -> None:
    """At 100×30 the list of last time's items runs past the wall; End reaches its end."""
    from textual.containers import VerticalScroll

    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.SIDEN_SIDST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#since-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert any("3. " in line for line in screen_lines(app))
