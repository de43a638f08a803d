"""The command line: thin commands over the core. Bare `facilitator` opens the app."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from facilitator import __version__
from facilitator.cli.assist import register as register_assist
from facilitator.cli.common import MAX_K, open_store, parse_meeting_id, write_output
from facilitator.cli.embed import embed_corpus
from facilitator.cli.rights import register as register_rights
from facilitator.directory import corpus
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.safetext import printable
from facilitator.i18n import set_language, t
from facilitator.meetings import people
from facilitator.storage.store import Store

F = TypeVar("F", bound=Callable[..., Any])
AppOpener = Callable[[Store, "int | None", bool, "str | None"], None]
_app_opener: AppOpener | None = None


def _open_app(store: Store, meeting_id: int | None, plain: bool, theme: str | None) -> None:
    """Open the wall app, which the entry point hands in (the CLI never imports the TUI)."""
    if _app_opener is None:
        raise FacilitatorError(t("err.no_app"))
    _app_opener(store, meeting_id, plain, theme)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="facilitator")
@click.option("--lang", type=click.Choice(["da", "en"]), default=None, help="Language (da/en).")
@click.option("--plain", is_flag=True, help="Plain mode for screen readers (no box drawing).")
@click.option(
    "--theme",
    type=click.Choice(["dark", "light", "high-contrast"]),
    default=None,
    help="Colours for the wall (F9 switches while running).",
)
@click.pass_context
def cli(ctx: click.Context, lang: str | None, plain: bool, theme: str | None) -> None:
    """facilitator: the meeting leader's instrument for open-dialogue action-plan meetings."""
    if lang:
        set_language(lang)
    ctx.obj = {"plain": plain or bool(os.environ.get("FACILITATOR_PLAIN")), "theme": _theme(theme)}
    if ctx.invoked_subcommand is None:
        _open_app(open_store(create=True), None, ctx.obj["plain"], ctx.obj["theme"])


def _theme(name: str | None) -> str | None:
    return {
        "dark": "textual-dark",
        "light": "textual-light",
        "high-contrast": "facilitator-high-contrast",
    }.get(name or "")


@cli.command()
@click.option("--demo", is_flag=True, help="Also load the demo corpus and the demo citizen.")
def init(demo: bool) -> None:
    """Create or migrate the store; with --demo, load the demo data."""
    with open_store(create=True) as store:
        if store.backup_path:
            click.echo(t("cli.backup_made", path=store.backup_path))
        if demo:
            from facilitator.demo import load_demo

            meeting = load_demo(store)
            click.echo(t("cli.demo_ready", id=meeting.id, path=store.path))
        else:
            click.echo(t("cli.store_ready", path=store.path))


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
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def citizens(as_json: bool) -> None:
    """List the citizens."""
    with open_store() as store:
        found = people.list_citizens(store)
        if as_json:
            click.echo(
                json.dumps(
                    [{"id": c.id, "name": c.name, "born_year": c.born_year} for c in found],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        if not found:
            click.echo(t("cli.no_citizens"))
        for c in found:
            click.echo(f"{c.id:>4}  {c.name}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--citizen", "citizen_ref", default=None, help="Only this citizen (id or name).")
def meetings(as_json: bool, citizen_ref: str | None) -> None:
    """List the meetings."""
    with open_store() as store:
        citizen_id = people.find_citizen(store, citizen_ref).id if citizen_ref else None
        found = people.list_meetings(store, citizen_id)
        names = {c.id: c.name for c in people.list_citizens(store)}
        if as_json:
            click.echo(
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
            click.echo(t("cli.no_meetings"))
        for m in found:
            status = t(f"status.{m.status}")
            click.echo(f"{m.id:>4}  {m.date}  {names.get(m.citizen_id, '')}  {m.title}  ({status})")


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
        click.echo(
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
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def corpus_stats(as_json: bool) -> None:
    """Counts per kind, silo and theme, and entries not confirmed for 12 months."""
    with open_store() as store:
        s = corpus.stats(store, store.now_dt().date())
        if as_json:
            click.echo(
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
        click.echo(t("cli.stats_total", total=s.total))
        kinds = {t(f"entry.{kind}"): n for kind, n in s.by_kind.items()}
        for title, counts in (
            (t("cli.stats_kind"), kinds),
            (t("cli.stats_silo"), s.by_silo),
            (t("cli.stats_theme"), s.by_theme),
        ):
            click.echo(f"\n{title}")
            for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                click.echo(f"  {n:>5}  {name}")
        click.echo(f"\n{t('cli.stats_stale', n=len(s.stale))}")
        for entry_id, title, confirmed in s.stale:
            click.echo(f"  {confirmed or '-':<10}  {entry_id}  {title}")


@cli.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("-k", "k", type=int, default=8, show_default=True, help="How many suggestions.")
def suggest(text: str, as_json: bool, k: int) -> None:
    """Suggest offers and friends for TEXT, with why."""
    from concurrent.futures import ThreadPoolExecutor

    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import SuggestionIndex, prepare_index, queries_from_text

    if not 1 <= k <= MAX_K:
        raise FacilitatorError(t("err.k_range", limit=MAX_K))
    text = printable(text)  # it is quoted back as the why: printable, whatever the shell sent
    if not text.strip():
        raise FacilitatorError(t("err.empty", what=t("word.text")))
    with open_store() as store:
        if not store.row("SELECT 1 AS x FROM corpus_entries LIMIT 1"):
            raise FacilitatorError(t("err.no_corpus"))
        with ThreadPoolExecutor(max_workers=1) as pool:
            # The model loads in C, outside the GIL, while faiss and the stemmer are imported.
            loading = pool.submit(make_embedder)
            prepare_index()
            try:
                embedder = loading.result()
            except (ImportError, OSError, RuntimeError, ValueError) as exc:
                raise FacilitatorError(t("err.no_embedder", reason=exc)) from exc
        index = SuggestionIndex(embedder)
        index.build(store)
        ranked = index.search(queries_from_text(text[:4000]), k=k)
        silos = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM departments")}
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
                "can_contribute": r.entry.can_contribute,
                "last_confirmed": r.entry.last_confirmed,
                "description": r.entry.description,
            }
            for r in ranked
        ]
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for i, r in enumerate(result, 1):
            kind = t(f"entry.{r['kind']}")
            click.echo(f"{i:>2}. {r['title']}  [{kind} · {r['silo']}]  {r['score']:.3f}")
            click.echo(f"    {t('suggest.because', why=r['why'])}")


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
    help="citizen: Min plan, in the citizen's words. s141: the plan for the case file.",
)
@click.option(
    "--version",
    "version_number",
    type=int,
    default=None,
    help="A stored version (default: the plan as it is now).",
)
@click.option("-o", "output", default=None, help="Write to this file instead of printing.")
def plan_command(
    meeting_ref: str, fmt: str, kind: str, version_number: int | None, output: str | None
) -> None:
    """Print a meeting's plan: Min plan or the § 141 view, as Markdown, HTML or PDF."""
    from facilitator.documents import compose

    meeting_id = parse_meeting_id(meeting_ref)
    _refuse_pdf_on_terminal(fmt, output)
    with open_store() as store:
        rendered = compose.render_plan_document(store, meeting_id, kind, fmt, version_number)
        write_output(rendered.content, output)
        rendered.record(store)


@cli.command(name="brief")
@click.argument("guide_name")
@click.option("--citizen", "citizen_id", type=int, default=None, help="The citizen's id.")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True
)
@click.option("-o", "output", default=None, help="Write to this file instead of printing.")
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
register_rights(cli)


def main(open_app: AppOpener | None = None) -> None:
    """Entry point: one clear sentence and a non-zero exit instead of a traceback."""
    global _app_opener
    _app_opener = open_app
    try:
        cli.main(standalone_mode=False, prog_name="facilitator")
    except click.exceptions.Abort:
        click.echo(t("err.interrupted"), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except FacilitatorError as exc:
        click.echo(f"facilitator: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo(t("err.interrupted"), err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: never a traceback for a person
        if os.environ.get("FACILITATOR_DEBUG"):
            raise
        click.echo(
            f"facilitator: {t('err.unexpected', detail=f'{type(exc).__name__}: {exc}')}", err=True
        )
        sys.exit(1)
