"""The app, typed: screens, widgets and palette providers reach `FacilitatorApp` through here.

Textual types `self.app` as a plain `App`; the store, the meeting hand-offs and the suggestion
state live on `FacilitatorApp`. One cast here instead of an ignore at every call site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import App
from textual.dom import DOMNode

if TYPE_CHECKING:  # the app imports the screens; the screens need only its type
    from facilitator.tui.app import FacilitatorApp


def facilitator_app(app: App[Any]) -> FacilitatorApp:
    """The running app as the `FacilitatorApp` it is."""
    return cast("FacilitatorApp", app)


class AppAccess:
    """Mixin for screens and widgets: `self.fapp` is the app, typed."""

    @property
    def fapp(self) -> FacilitatorApp:
        """The running `FacilitatorApp`."""
        assert isinstance(self, DOMNode)
        return facilitator_app(self.app)
