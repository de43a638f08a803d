"""Build hook: compile the gettext catalogs (.po -> .mo) into the wheel.

The .mo files are build output (ignored by git); the running app reads them with the
stdlib gettext module, so Babel is needed at build time only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("facilitator") / "i18n" / "locale"


def compile_catalogs(root: Path) -> list[Path]:
    """Write a .mo beside every .po under the locale folder; the .mo paths, relative to root."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo.relative_to(root))
    return written


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the catalogs for wheels and editable installs alike."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for mo in compile_catalogs(root):
            # .mo is git-ignored, so hatch would leave it out; include it explicitly.
            if version != "editable":
                build_data["force_include"][str(root / mo)] = mo.as_posix()


if __name__ == "__main__":  # `python hatch_build.py`: compile in a checkout (make install)
    for path in compile_catalogs(Path(__file__).resolve().parent):
        print(path)
