"""The `facilitator` command: the command line, where bare `facilitator` opens the wall app.

The only module that knows both `cli` and `tui`; each of them stays independent of the other.
"""

from __future__ import annotations

from facilitator.cli.main import main as cli_main
from facilitator.storage.store import Store


def open_app(store: Store, meeting_id: int | None, plain: bool, theme: str | None) -> None:
    """Run the Textual app (imported only now: a plain command never loads Textual)."""
    from facilitator.tui.app import run_app

    run_app(store, meeting_id=meeting_id, plain=plain, theme=theme)


def main() -> None:
    """The console script."""
    cli_main(open_app=open_app)
