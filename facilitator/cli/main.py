"""The command line: thin commands over the core. Bare `facilitator` opens the app."""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import click

from facilitator import __version__
from facilitator.cli import clicktext
from facilitator.cli.assist import register as register_assist
from facilitator.cli.common import (
    MAX_K,
    MaskedStream,
    open_store,
    parse_meeting_id,
    say,
    table,
    write_output,
)
from facilitator.cli.embed import embed_corpus
from facilitator.cli.help import HelpGroup, set_language_early
from facilitator.cli.ideas import build_index, print_idea
from facilitator.cli.ideas import register as register_ideas
from facilitator.cli.rights import register as register_rights
from facilitator.directory import corpus, departments
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.safetext import printable
from facilitator.i18n import current_language, set_language, t
from facilitator.i18n.dates import short_date
from facilitator.meetings import people, register
from facilitator.storage.store import Store

F = TypeVar("F", bound=Callable[..., Any])
AppOpener = Callable[[Store, "int | None", bool, "str | None"], None]
_app_opener: AppOpener | None = None
clicktext.install()  # click's own messages ("Missing argument", "Error:") in our language


def _open_app(store: Store, meeting_id: int | None, plain: bool, theme: str | None) -> None:
    """Open the wall app, which the entry point hands in (the CLI never imports the TUI)."""
    if _app_opener is None:
        raise FacilitatorError(t("err.no_app"))
    _app_opener(store, meeting_id, plain, theme)


# Help texts live in the catalog (cli.help.*), looked up when shown: see cli/help.py.
@click.group(
    cls=HelpGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="facilitator")
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    is_eager=True,  # before --help, so `facilitator --lang en --help` is English
    callback=set_language_early,
)
@click.option("--plain", is_flag=True)
@click.option(
    "--theme",
    type=click.Choice(["dark", "light", "high-contrast"]),
    default=None,
)
@click.pass_context
def cli(ctx: click.Context, lang: str | None, plain: bool, theme: str | None) -> None:
    """facilitator: the meeting leader's instrument for open-dialogue action-plan meetings."""
    if lang:
        set_language(lang)
    ctx.obj = {"plain": plain or bool(os.environ.get("FACILITATOR_PLAIN")), "theme": _theme(theme)}
    if ctx.invoked_subcommand is None:
        store = open_store(create=True)
        _say_where_the_demo_is(store)
        _open_app(store, None, ctx.obj["plain"], ctx.obj["theme"])


def _say_where_the_demo_is(store: Store) -> None:
    """One line on stderr when this home is empty and `make demo` left its data nearby."""
    found = people.demo_elsewhere(store)
    if found is not None:
        click.echo(t("demo.elsewhere", path=found, quoted=shlex.quote(str(found))), err=True)


def _theme(name: str | None) -> str | None:
    return {
        "dark": "textual-dark",
        "light": "textual-light",
        "high-contrast": "facilitator-high-contrast",
    }.get(name or "")


@cli.command()
@click.option("--demo", is_flag=True)
def init(demo: bool) -> None:
    """Create or migrate the store; with --demo, load the demo data."""
    with open_store(create=True) as store:
        if store.backup_path:
            say(t("cli.backup_made", path=store.backup_path))
        if demo:
            from facilitator.demo import load_demo

            meeting = load_demo(store)
            say(t("cli.demo_ready", id=meeting.id, path=store.path))
        else:
            say(t("cli.store_ready", path=store.path))


@cli.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Load the demo (once) and open the app on the demo meeting."""
    from facilitator.demo import load_demo

    store = open_store(create=True)
    meeting = load_demo(store)
    options = ctx.obj or {}
    _open_app(store, meeting.id, options.get("plain", False), options.get("theme"))


@cli.command()
@click.option("--json", "as_json", is_flag=True)
def citizens(as_json: bool) -> None:
    """List the citizens."""
    with open_store() as store:
        found = people.list_citizens(store)
        if as_json:
            say(
                json.dumps(
                    [{"id": c.id, "name": c.name, "born_year": c.born_year} for c in found],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        if not found:
            say(t("cli.no_citizens"))
            _say_where_the_demo_is(store)
            return
        header = [t("cli.col.id"), t("cli.col.name"), t("cli.col.born")]
        rows = [[str(c.id), printable(c.name), str(c.born_year or "")] for c in found]
        say(table(header, rows, right=frozenset({0})))


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--citizen", "citizen_ref", default=None)
def meetings(as_json: bool, citizen_ref: str | None) -> None:
    """List the meetings."""
    with open_store() as store:
        citizen_id = people.find_citizen(store, citizen_ref).id if citizen_ref else None
        found = register.list_meetings(store, citizen_id)
        names = {c.id: c.name for c in people.list_citizens(store)}
        if as_json:
            say(
                json.dumps(
                    [
                        {
                            "id": m.id,
                            "citizen_id": m.citizen_id,
                            "citizen": names.get(m.citizen_id, ""),
                            "date": m.date,
                            "title": m.title,
                            "phase": m.phase.value,
                            "status": m.status,
                        }
                        for m in found
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        if not found:
            say(t("cli.no_meetings"))
            _say_where_the_demo_is(store)
            return
        header = [t(f"cli.col.{c}") for c in ("id", "date", "citizen", "title", "status")]
        rows = [
            [
                str(m.id),
                short_date(m.date),
                printable(names.get(m.citizen_id, "")),
                printable(m.title),
                t(f"status.{m.status}"),
            ]
            for m in sorted(found, key=lambda m: (m.date, m.id))  # by date, then id
        ]
        say(table(header, rows, right=frozenset({0})))


@cli.group(name="corpus")
def corpus_group() -> None:
    """Offers and friends across silos."""


@corpus_group.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
def corpus_import(path: Path) -> None:
    """Import our JSON, a plain CSV or an HSDS datapackage; a broken file imports nothing."""
    try:
        missing = not path.exists()
    except (OSError, ValueError):  # a name too long, or one no file system takes
        missing = True
    if missing:
        raise FacilitatorError(t("err.file_missing", path=path))
    with open_store(create=True) as store:
        result = corpus.import_file(store, path)
        say(
            t(
                "cli.imported",
                added=result.added,
                updated=result.updated,
                unchanged=result.unchanged,
                path=path,
            )
        )
        embed_corpus(store)


@corpus_group.command(name="stats")
@click.option("--json", "as_json", is_flag=True)
def corpus_stats(as_json: bool) -> None:
    """Counts per kind, silo and theme, and entries not confirmed for 12 months."""
    with open_store() as store:
        s = corpus.stats(store, store.now_dt().date())
        if as_json:
            say(
                json.dumps(
                    {
                        "total": s.total,
                        "by_kind": s.by_kind,
                        "by_silo": s.by_silo,
                        "by_theme": s.by_theme,
                        "stale": [
                            {"id": i, "title": ti, "last_confirmed": d} for i, ti, d in s.stale
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        say(t("cli.stats_total", total=s.total))
        kinds = {t(f"entry.{kind}"): n for kind, n in s.by_kind.items()}
        for title, counts in (
            (t("cli.stats_kind"), kinds),
            (t("cli.stats_silo"), s.by_silo),
            (t("cli.stats_theme"), s.by_theme),
        ):
            say(f"\n{title}")
            for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                say(f"  {n:>5}  {name}")
        say(f"\n{t('cli.stats_stale', n=len(s.stale))}")
        for entry_id, title, confirmed in s.stale:
            say(f"  {short_date(confirmed) or '-':<11}  {entry_id}  {title}")


@cli.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True)
@click.option("-k", "k", type=int, default=8, show_default=True)
@click.option("--verbose", "-v", is_flag=True)
def suggest(text: str, as_json: bool, k: int, verbose: bool) -> None:
    """Suggest offers and friends for TEXT, with why."""
    from facilitator.directory.ranking import queries_from_text
    from facilitator.directory.suggestions import need_line
    from facilitator.directory.why import why_line

    if not 1 <= k <= MAX_K:
        raise FacilitatorError(t("err.k_range", limit=MAX_K))
    text = printable(text)  # it is quoted back as the why: printable, whatever the shell sent
    if not text.strip():
        raise FacilitatorError(t("err.empty", what=t("word.text")))
    with open_store() as store:
        index = build_index(store)
        ranked = index.search(queries_from_text(text[:4000]), k=k)
        silos = departments.department_names(store)
        if as_json:
            result = [
                {
                    "id": r.entry.id,
                    "kind": r.entry.kind.value,
                    "title": r.entry.title,
                    "silo": silos.get(r.entry.silo, r.entry.silo),
                    "silo_id": r.entry.silo,
                    "source_kind": r.entry.source_kind,
                    "score": r.score,
                    "why": r.why,
                    "needs": [{"id": n.id, "label": n.name(current_language())} for n in r.needs],
                    "can_contribute": r.entry.can_contribute,
                    "last_confirmed": r.entry.last_confirmed,
                    "description": r.entry.description,
                }
                for r in ranked
            ]
            say(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for i, r in enumerate(ranked, 1):
            # Typed at the terminal, not said by anyone in a meeting: "Ud fra teksten: …".
            print_idea(
                i,
                r.entry,
                silos.get(r.entry.silo, r.entry.silo),
                why_line(r.why, None),
                score=r.score if verbose else None,
                needs=need_line(r.needs),
            )


@cli.command(name="plan")
@click.argument("meeting_ref")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True
)
@click.option(
    "--kind",
    type=click.Choice(["citizen", "s141"]),
    default="citizen",
    show_default=True,
)
@click.option(
    "--version",
    "version_number",
    type=int,
    default=None,
)
@click.option("-o", "output", default=None)
def plan_command(
    meeting_ref: str, fmt: str, kind: str, version_number: int | None, output: str | None
) -> None:
    """Print a meeting's plan: Min plan or the § 141 view, as Markdown, HTML or PDF."""
    from facilitator.documents import compose

    meeting_id = parse_meeting_id(meeting_ref)
    _refuse_pdf_on_terminal(fmt, output)
    with open_store() as store:
        rendered = compose.read_plan_document(store, meeting_id, kind, fmt, version_number)
        write_output(rendered.content, output)
        rendered.record(store)


@cli.command(name="brief")
@click.argument("guide_name")
@click.option("--citizen", "citizen_id", type=int, default=None)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True
)
@click.option("-o", "output", default=None)
def brief_command(guide_name: str, citizen_id: int | None, fmt: str, output: str | None) -> None:
    """Print the visit brief for a medborgerguide: only what the citizen consented to share."""
    from facilitator.documents import compose

    _refuse_pdf_on_terminal(fmt, output)
    with open_store() as store:
        rendered = compose.render_brief(store, guide_name, citizen_id, fmt)
        write_output(rendered.content, output)
        rendered.record(store)


def _refuse_pdf_on_terminal(fmt: str, output: str | None) -> None:
    if fmt == "pdf" and (output is None or output == "-") and sys.stdout.isatty():
        raise FacilitatorError(t("doc.err_pdf_terminal"))


register_assist(cli)
register_ideas(cli)
register_rights(cli)


def run(args: Sequence[str] | None = None, open_app: AppOpener | None = None) -> int:
    """Run the command line on ``args`` (default: ``sys.argv``) and return its exit code.

    A person sees one clear sentence on stderr, never a traceback. `main` and the tests'
    in-process runner both come through here, so they fail in the same words.
    """
    global _app_opener
    _app_opener = open_app
    try:
        cli.main(args=args, standalone_mode=False, prog_name="facilitator")
    except click.exceptions.Abort:
        say(t("err.interrupted"), err=True)
        return 130
    except click.ClickException as exc:
        # A usage error quotes what was typed.
        exc.show(file=cast(IO[Any], MaskedStream(sys.stderr)))
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except FacilitatorError as exc:
        say(f"facilitator: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        say(t("err.interrupted"), err=True)
        return 130
    except Exception as exc:  # the last line of defence: never a traceback for a person
        if os.environ.get("FACILITATOR_DEBUG"):
            raise
        say(f"facilitator: {t('err.unexpected', detail=f'{type(exc).__name__}: {exc}')}", err=True)
        return 1
    return 0


def main(open_app: AppOpener | None = None) -> None:
    """Entry point: one clear sentence and a non-zero exit instead of a traceback."""
    code = run(open_app=open_app)
    if code:
        sys.exit(code)
