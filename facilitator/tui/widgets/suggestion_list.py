"""The suggestions pane: ideas with why, source kind, silo and freshness; rated with one key."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from facilitator.directory.suggestions import ShownSuggestion
from facilitator.domain.vocabulary import EntryKind, Rating
from facilitator.i18n import t
from facilitator.tui.markup import escape

RATING_MARK = {
    Rating.GLAD: "rating.glad_mark",
    Rating.USIKKER: "rating.usikker_mark",
    Rating.NEJ: "rating.nej_mark",
}


def freshness(item: ShownSuggestion, today: date) -> str:
    """How fresh an entry is, in words (an entry has an owner and goes stale)."""
    months = item.entry.months_since_confirmed(today)
    if months is None:
        return t("fresh.unknown")
    if months > 12:
        return t("fresh.stale", months=months)
    if months <= 1:
        return t("fresh.new")
    return t("fresh.months", months=months)


def describe(item: ShownSuggestion, today: date) -> str:
    """One suggestion as the wall shows it: an idea, with why and where it comes from."""
    entry = item.entry
    if entry.kind is EntryKind.FRIEND:
        kind = t("entry.friend")
        role = str(entry.data.get("role", ""))
        title = f"{entry.title}, {role}" if role else entry.title
    else:
        kind = t(f"source.{entry.source_kind}") if entry.source_kind else t("entry.offer")
        title = entry.title
    rating = item.suggestion.rating
    mark = f"  [b]{t(RATING_MARK[rating])}[/b]" if rating else ""
    if item.suggestion.accepted:
        mark += f"  [b]{t('suggestion.in_plan')}[/b]"
    lines = [
        f"[b]{escape(title)}[/b]{mark}",
        f"  {escape(kind)} · {escape(item.silo_name)} · {freshness(item, today)}",
        f"  {escape(item.why)}",
    ]
    if item.need_line:
        lines.append(f"  [i]{escape(item.need_line)}[/i]")
    if item.contribute:
        lines.append(f"  {escape(t('suggestion.you_can_contribute'))}")
    if entry.needs_decision:
        lines.append(f"  {t('suggestion.needs_decision')}")
    return "\n".join(lines)


class SuggestionList(OptionList):
    """Ideas to rate: 1 glad, 2 usikker, 3 ikke for mig; Enter or a puts a yes in the plan.

    An idea the citizen said "ikke for mig" to leaves the list; v shows those again (and
    hides them again), for when the citizen changes their mind.
    """

    BINDINGS = [
        Binding("1", "rate('glad')", "rating.glad", id="suggestions.glad"),
        Binding("2", "rate('usikker')", "rating.usikker", id="suggestions.usikker"),
        Binding("3", "rate('nej')", "rating.nej", id="suggestions.nej"),
        Binding("a", "accept", "suggestion.accept", id="suggestions.accept"),
        Binding("v", "toggle_declined", "suggestion.show_declined", id="suggestions.declined"),
    ]

    class Rated(Message):
        """The citizen rated an idea."""

        def __init__(self, suggestion_id: int, rating: Rating) -> None:
            super().__init__()
            self.suggestion_id = suggestion_id
            self.rating = rating

    class Accepted(Message):
        """The citizen's yes: make it a plan item."""

        def __init__(self, suggestion_id: int) -> None:
            super().__init__()
            self.suggestion_id = suggestion_id

    class DeclinedToggled(Message):
        """Show, or hide again, the ideas the citizen said "ikke for mig" to."""

        def __init__(self, show: bool) -> None:
            super().__init__()
            self.show = show

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.items: list[ShownSuggestion] = []
        #: Whether ideas rated "ikke for mig" are shown (hidden by default).
        self.show_declined = False

    def show(self, items: list[ShownSuggestion], today: date) -> None:
        """Replace the list, keeping the highlighted idea where it was."""
        previous = self.highlighted
        self.items = items
        self.clear_options()
        self.add_options([Option(describe(i, today), id=str(i.suggestion.id)) for i in items])
        if items:
            self.highlighted = min(previous or 0, len(items) - 1)

    def _current(self) -> ShownSuggestion | None:
        if self.highlighted is None or not self.items:
            return None
        return self.items[self.highlighted]

    def action_rate(self, rating: str) -> None:
        current = self._current()
        if current is not None:
            self.post_message(self.Rated(current.suggestion.id, Rating(rating)))

    def action_accept(self) -> None:
        current = self._current()
        if current is not None:
            self.post_message(self.Accepted(current.suggestion.id))

    def action_toggle_declined(self) -> None:
        self.show_declined = not self.show_declined
        self.post_message(self.DeclinedToggled(self.show_declined))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()
