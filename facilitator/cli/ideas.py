"""`facilitator ideas MEETING_ID`: a meeting's ideas as the wall shows them; and how an idea
(from `ideas` or `suggest`) is printed: what it is, where and when, whom to contact, and why.

The ranking, the exclusions ("ikke for mig") and the order are the core's, the same call the
wall makes (``suggestions.ideas_for_meeting``); the why is the core's too, saying who said it.
Nothing is stored from here: the wall keeps the ranking, the command line only reads it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from facilitator.cli.common import open_store, parse_meeting_id, say
from facilitator.cli.help import HelpCommand
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import CorpusEntry
from facilitator.domain.safetext import printable
from facilitator.domain.vocabulary import EntryKind, Rating
from facilitator.i18n import current_language, t
from facilitator.meetings.register import get_meeting

if TYPE_CHECKING:
    from facilitator.directory.ranking import SuggestionIndex
    from facilitator.directory.suggestions import ShownSuggestion
    from facilitator.storage.store import Store

#: A description longer than this is cut to one line (the wall and the plan have the rest).
DESCRIPTION_WIDTH = 100


def build_index(store: Store) -> SuggestionIndex:
    """The suggestion index over the store's directory, or one clear sentence why not."""
    from concurrent.futures import ThreadPoolExecutor

    from facilitator.directory import corpus
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import SuggestionIndex, prepare_index

    if not corpus.has_entries(store):
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
    return index


def kind_label(entry: CorpusEntry) -> str:
    """ "ven på tværs", or "tilbud · forening": what the entry is and where it comes from."""
    if entry.kind is EntryKind.FRIEND:
        return t("entry.friend")
    offer = t("entry.offer")
    source = t(f"source.{entry.source_kind}") if entry.source_kind else ""
    if offer.lower() in source.lower():  # "kommunalt tilbud" says both already
        return source
    return " · ".join(p for p in (offer, source) if p)


def _joined(values: object, keys: tuple[str, ...]) -> str:
    if not isinstance(values, dict):
        return printable(str(values or ""))
    return ", ".join(printable(str(values[k])) for k in keys if values.get(k))


def where(entry: CorpusEntry) -> str:
    """The place, as far as the entry says it ("Hjemme hos dig, 9990 Demo By")."""
    location = entry.data.get("location")
    if not isinstance(location, dict):
        return _joined(location, ())
    town = " ".join(printable(str(location[k])) for k in ("postal_code", "city") if location.get(k))
    parts = [_joined(location, ("name", "address")), town]
    return ", ".join(p for p in parts if p)


def contact(entry: CorpusEntry) -> str:
    """Whom to call or write to, as far as the entry says it."""
    found = _joined(entry.data.get("contact"), ("name", "phone", "email"))
    url = printable(str(entry.data.get("url") or ""))
    return ", ".join(p for p in (found, url) if p)


def one_line(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """``text`` on one line, cut with "…" when it is longer than ``width``."""
    flat = printable(text)
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def title_of(entry: CorpusEntry) -> str:
    """The title; a friend with their role, as the wall shows them."""
    role = str(entry.data.get("role", "")) if entry.kind is EntryKind.FRIEND else ""
    return printable(f"{entry.title}, {role}" if role else entry.title)


def print_idea(
    number: int,
    entry: CorpusEntry,
    silo_name: str,
    why: str,
    *,
    rating: Rating | None = None,
    score: float | None = None,
    needs: str = "",
) -> None:
    """One idea for a person at a terminal; the ranking's ``score`` only if asked for."""
    say(f"{number:>2}. {title_of(entry)}  [{kind_label(entry)} · {printable(silo_name)}]")
    lines = [one_line(entry.description)]
    schedule = printable(str(entry.data.get("schedule") or ""))
    for key, value in (("where", where(entry)), ("when", schedule), ("contact", contact(entry))):
        if value:
            lines.append(t(f"cli.idea.{key}", **{key: value}))
    lines.append(printable(why))
    lines.append(needs)
    if rating is not None:
        lines.append(t("cli.idea.rating", rating=t(f"rating.{rating.value}")))
    if score is not None:
        lines.append(t("cli.idea.score", score=f"{score:.3f}"))
    for line in lines:
        if line:
            say(f"    {line}")


def idea_as_dict(item: ShownSuggestion) -> dict[str, Any]:
    """One idea for JSON: what the wall shows, and who said the sentence it matched."""
    entry, suggestion = item.entry, item.suggestion
    return {
        "id": entry.id,
        "suggestion_id": suggestion.id or None,  # None: ranked, not stored by the wall yet
        "kind": entry.kind.value,
        "source_kind": entry.source_kind,
        "title": entry.title,
        "silo": item.silo_name,
        "silo_id": entry.silo,
        "why": item.why,
        "quote": suggestion.why,
        "said_by": item.said.label() if item.said else None,
        "phase": item.said.phase.value if item.said and item.said.phase else None,
        "needs": [{"id": n.id, "label": n.name(current_language())} for n in item.needs],
        "rating": suggestion.rating.value if suggestion.rating else None,
        "accepted": suggestion.accepted,
        "can_contribute": item.contribute,
        "needs_decision": entry.needs_decision,
        "last_confirmed": entry.last_confirmed,
        "description": entry.description,
        "where": where(entry),
        "when": printable(str(entry.data.get("schedule") or "")),
        "contact": contact(entry),
        "score": suggestion.score,
    }


@click.command(name="ideas", cls=HelpCommand)
@click.argument("meeting_ref")
@click.option("--json", "as_json", is_flag=True)
@click.option("--declined", is_flag=True)
@click.option("--verbose", "-v", is_flag=True)
def ideas_command(meeting_ref: str, as_json: bool, declined: bool, verbose: bool) -> None:
    """Print a meeting's ideas as the wall shows them: why, who said it, the citizen's rating."""
    from facilitator.directory import suggestions

    meeting_id = parse_meeting_id(meeting_ref)
    with open_store() as store:
        get_meeting(store, meeting_id)  # an unknown meeting says so before the model
        index = build_index(store)
        found = suggestions.ideas_for_meeting(store, index, meeting_id, show_declined=declined)
    if as_json:
        say(json.dumps([idea_as_dict(i) for i in found], ensure_ascii=False, indent=2))
        return
    if not found:
        say(t("cli.no_ideas"))
    for number, item in enumerate(found, 1):
        print_idea(
            number,
            item.entry,
            item.silo_name,
            item.why,
            rating=item.suggestion.rating,
            score=item.suggestion.score if verbose else None,
            needs=item.need_line,
        )


def register(group: click.Group) -> None:
    """Add the ideas command to the command line."""
    group.add_command(ideas_command)
