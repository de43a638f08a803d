"""`facilitator assist TASK MEETING_ID`: print a draft, for scripting and for tests.

With a model (``--llm-url`` or settings.toml) the draft comes from it; without one, or when it
fails, the deterministic fallback is printed and a line on stderr says so. Nothing is ever
written to the plan from here: drafts are accepted in the app, by the leader.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from facilitator.cli.common import say
from facilitator.cli.help import HelpCommand
from facilitator.i18n import t

if TYPE_CHECKING:
    from facilitator.assist.tasks import Draft
    from facilitator.domain.readability import Lix

#: The tasks (facilitator.assist.tasks.Task), named here so the command line starts fast.
TASKS = ["draft", "easy-read", "questions", "summary"]


def _lix(value: Lix | None) -> dict[str, object] | None:
    if value is None:
        return None
    return {"score": value.score, "band": t(value.band), "words": value.words}


def _as_json(draft: Draft) -> str:
    return json.dumps(
        {
            "task": draft.task.value,
            "source": draft.source,
            "model": draft.model,
            "notice": draft.notice,
            "remote_warning": draft.remote_warning,
            "proposals": [
                {
                    "text": p.text,
                    "note_id": p.note_id,
                    "item_id": p.item_id,
                    "who": p.who.value if p.who else None,
                    "with_whom": p.with_whom,
                }
                for p in draft.proposals
            ],
            "lix_before": _lix(draft.lix_before),
            "lix_after": _lix(draft.lix_after),
            "hints": list(draft.hints),
            "shared": list(draft.shared),
        },
        ensure_ascii=False,
        indent=2,
    )


def _print(draft: Draft) -> None:
    if draft.remote_warning:
        say(draft.remote_warning, err=True)
    if draft.source == "model":
        say(t("assist.cli_model", model=draft.model or "-"), err=True)
        if draft.shared:
            say(t("assist.shared_line", what=", ".join(draft.shared)), err=True)
    else:
        say(t("assist.cli_fallback", reason=draft.notice), err=True)
    if draft.lix_before is not None and draft.lix_after is not None:
        say(
            t(
                "assist.lix",
                before=f"{draft.lix_before.score:g}",
                band_before=t(draft.lix_before.band),
                after=f"{draft.lix_after.score:g}",
                band_after=t(draft.lix_after.band),
            ),
            err=True,
        )
    for hint in draft.hints:
        say(f"• {hint}", err=True)
    if draft.task.value in ("draft", "questions"):
        for proposal in draft.proposals:
            say(f"- {proposal.text}")
    else:
        say(draft.text)


@click.command(name="assist", cls=HelpCommand)
@click.argument("task", type=click.Choice(TASKS))
@click.argument("meeting_ref")
@click.option("--llm-url", default=None)
@click.option("--model", default=None)
@click.option("--allow-remote", is_flag=True, default=None)
@click.option("--timeout", type=click.FloatRange(1, 600), default=None)
@click.option("--turn", "turn_id", type=int, default=None)
@click.option("--item", "item_id", type=int, default=None)
@click.option("--json", "as_json", is_flag=True)
def assist_command(
    task: str,
    meeting_ref: str,
    llm_url: str | None,
    model: str | None,
    allow_remote: bool | None,
    timeout: float | None,
    turn_id: int | None,
    item_id: int | None,
    as_json: bool,
) -> None:
    """Print a draft (draft, easy-read, questions, summary) for a meeting; nothing is saved."""
    from facilitator.assist import tasks
    from facilitator.cli.common import open_store, parse_meeting_id
    from facilitator.storage import settings

    meeting_id = parse_meeting_id(meeting_ref)
    found = settings.load().llm.overridden(
        url=llm_url, model=model, allow_remote=allow_remote or None, timeout=timeout
    )
    with open_store() as store:
        draft = tasks.assist(store, meeting_id, task, found, turn_id=turn_id, item_id=item_id)
    if as_json:
        say(_as_json(draft))
    else:
        _print(draft)


def register(group: click.Group) -> None:
    """Add the assist command to the command line."""
    group.add_command(assist_command)
