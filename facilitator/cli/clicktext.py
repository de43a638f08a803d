"""Click's own messages ("Missing argument", "Error:", "[default: md]") in the language in force.

Click marks its messages with the stdlib gettext: each of its modules does
``from gettext import gettext as _`` (and ``ngettext``), which reads the global "messages"
domain in the language of the process's locale variables. Binding that domain with
``gettext.bindtextdomain`` would be global twice over: every library using plain gettext would
read our catalog, and the language would follow $LANGUAGE rather than ``--lang``.

So the two names click bound at import are pointed at a lookup in a small catalog of click's
exact msgids, ``locale/da/LC_MESSAGES/click.po``, in the language in force (set_language,
FACILITATOR_LANG or the locale). English has no catalog: it is click's own text.
"""

from __future__ import annotations

import importlib

from facilitator.i18n import current_language, translations

DOMAIN = "click"
#: Click's modules that bind ``_`` / ``ngettext`` from gettext (click 8.x).
MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "shell_completion",
    "termui",
    "types",
    "utils",
)


def click_gettext(message: str) -> str:
    """Click's ``message`` in the language in force (unchanged when there is no translation)."""
    return translations(current_language(), DOMAIN).gettext(message)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """Click's singular or plural message for ``n`` in the language in force."""
    return translations(current_language(), DOMAIN).ngettext(singular, plural, n)


def install() -> None:
    """Point click's message lookups at our catalog (idempotent; modules click lacks are
    skipped, so a newer click loses translations, never the command line)."""
    for name in MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if callable(getattr(module, "_", None)):
            module._ = click_gettext  # type: ignore[attr-defined]
        if callable(getattr(module, "ngettext", None)):
            module.ngettext = click_ngettext  # type: ignore[attr-defined]
