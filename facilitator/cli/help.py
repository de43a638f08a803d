"""Help text read from the message catalog when it is shown, in the language in force.

Click keeps ``help=`` strings from decoration time, which is before ``--lang`` (or a test's
set_language) has run. So every command's help, its options' help and click's own headings
are looked up in the catalog only when the help is formatted:

- a command's help is ``cli.help.<path>`` (``cli.help.main``, ``cli.help.corpus.import``);
- an option's help is ``cli.help.<path>.<option>``, else the shared ``cli.opt.<option>``
  (``cli.opt.json``, ``cli.opt.help``);
- the top level's epilog is ``cli.help.epilog`` (FACILITATOR_HOME and FACILITATOR_LANG).

Help strings written in the decorators are left out on purpose: the catalog is the one
place for them, and a test walks every command to check each key exists in both languages.
"""

from __future__ import annotations

from typing import Any

import click

from facilitator.i18n import has_message, t

#: Click's own headings (click translates them with its gettext domain, which has no Danish).
_HEADINGS = {
    "Options": "cli.section.options",
    "Commands": "cli.section.commands",
    "Positional arguments": "cli.section.arguments",
}

#: Click's usage placeholders (plain attributes, not gettext messages).
_USAGE = {
    "[OPTIONS]": "cli.usage.options",
    "[COMMAND] [ARGS]...": "cli.usage.command_optional",
    "COMMAND [ARGS]...": "cli.usage.command",
}


class HelpFormatter(click.HelpFormatter):
    """Click's formatter with its words from our catalog."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else t("cli.section.usage"))

    def section(self, name: str) -> Any:
        return super().section(t(_HEADINGS[name]) if name in _HEADINGS else name)


class HelpContext(click.Context):
    """A context that formats help with HelpFormatter."""

    formatter_class = HelpFormatter


def help_key(path: str) -> str:
    """The catalog key of the help of the command at ``path`` ("" is the top level)."""
    return f"cli.help.{path or 'main'}"


def option_keys(path: str, name: str) -> tuple[str, str]:
    """Where an option's help may be: this command's own key, then the shared one."""
    return f"{help_key(path)}.{name}", f"cli.opt.{name}"


class _Translated:
    """Mixin: the help of a click Command or Group, translated at format time."""

    context_class: type[click.Context] = HelpContext
    #: The command's place in the tree ("corpus.import"), set when it joins a group.
    help_path = ""

    def translate(self, ctx: click.Context) -> None:
        """Fill in help texts from the catalog in the current language."""
        command: click.Command = self  # type: ignore[assignment]
        command.help = t(help_key(self.help_path))
        for param in command.get_params(ctx):
            if isinstance(param, click.Option) and param.name:
                name = param.name.removeprefix("_click_default_")  # the --help option
                for key in option_keys(self.help_path, name):
                    if has_message(key):
                        param.help = t(key)
                        break

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [t(_USAGE[p]) if p in _USAGE else p for p in pieces]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.translate(ctx)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class HelpCommand(_Translated, click.Command):
    """A command whose help comes from the catalog."""

    def get_short_help_str(self, limit: int = 45) -> str:
        self.help = t(help_key(self.help_path))
        return super().get_short_help_str(limit)


class HelpGroup(_Translated, click.Group):
    """A group whose help, and its commands', comes from the catalog."""

    command_class = HelpCommand
    group_class = type  # subgroups are HelpGroups too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(cmd, name)
        if isinstance(cmd, _Translated):
            cmd.help_path = ".".join(p for p in (self.help_path, name or cmd.name) if p)

    def get_short_help_str(self, limit: int = 45) -> str:
        self.help = t(help_key(self.help_path))
        return super().get_short_help_str(limit)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not self.help_path:
            self.epilog = t("cli.help.epilog")
        super().format_epilog(ctx, formatter)


def set_language_early(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """--lang callback (eager): the language holds before any --help is printed."""
    if value:
        from facilitator.i18n import set_language

        set_language(value)
