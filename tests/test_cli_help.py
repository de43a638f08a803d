"""Command-line help in Danish (the default) and English, read from the catalog when shown."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from facilitator.cli.help import _Translated, help_key, option_keys
from facilitator.cli.main import cli
from facilitator.i18n import LANGUAGES
from facilitator.i18n.po import catalog_texts


def commands(group: click.Group = cli, path: str = "") -> list[tuple[str, click.Command]]:
    """Every command below ``group`` with its path ("corpus.import")."""
    found: list[tuple[str, click.Command]] = [(path, group)]
    for name, command in group.commands.items():
        sub = f"{path}.{name}" if path else name
        if isinstance(command, click.Group):
            found += commands(command, sub)
        else:
            found.append((sub, command))
    return found


def help_of(args: list[str], env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_and_option_has_help_in_both_languages() -> None:
    for lang in LANGUAGES:
        known = catalog_texts(lang)
        for path, command in commands():
            assert isinstance(command, _Translated), path
            assert command.help_path == path
            assert help_key(path) in known, (lang, path)
            for param in command.params:
                if isinstance(param, click.Option) and param.name not in ("fmt",):
                    keys = option_keys(path, param.name or "")
                    assert any(k in known for k in keys), (lang, path, param.name)


def test_help_is_danish_by_default() -> None:
    text = help_of([])
    assert text.startswith("Brug: ")
    assert "Tilvalg:" in text and "Kommandoer:" in text
    assert "mødelederens redskab" in text
    assert "Vis denne hjælp og afslut." in text
    assert "FACILITATOR_HOME" in text and "FACILITATOR_LANG" in text
    assert "Options" not in text and "Show this message" not in text


def test_lang_en_before_help_is_english() -> None:
    text = help_of(["--lang", "en"])
    assert text.startswith("Usage: ")
    assert "the meeting leader's instrument" in text
    assert "FACILITATOR_HOME" in text and "FACILITATOR_LANG" in text


def test_facilitator_lang_sets_the_help_language() -> None:
    assert "List the citizens." in help_of(["citizens"], env={"FACILITATOR_LANG": "en"})
    assert "Vis borgerne." in help_of(["citizens"], env={"FACILITATOR_LANG": "da"})


@pytest.mark.parametrize("path", [p for p, _ in commands() if p])
def test_every_subcommand_help_in_danish_and_english(path: str) -> None:
    args = path.split(".")
    for lang, heading in (("da", "Tilvalg:"), ("en", "Options:")):
        text = help_of(["--lang", lang, *args])
        assert heading in text
        assert catalog_texts(lang)[help_key(path)][0].split()[0] in text
