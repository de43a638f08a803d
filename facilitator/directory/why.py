"""Why an idea is shown, in honest words: who said the sentence it matched, and when.

"Fordi du sagde: …" is said only of the citizen's own words. A sister's or an
ergotherapist's words are theirs ("Fordi Lone (søster) sagde: …"), and what was imagined in
the future dialogue is said to come from there ("Fra fremtidsdialogen: …"): a relative's
wish is not the citizen's wish. The wall, the command line and anything else that shows a
why build it here, with ``why_line``.
"""

from __future__ import annotations

from facilitator.i18n import t
from facilitator.meetings.speakers import CITIZEN_LABEL, SaidBy, said_by

__all__ = ["CITIZEN_LABEL", "SaidBy", "said_by", "why_line"]


def why_line(quote: str, said: SaidBy | None) -> str:
    """The why of an idea: the matched sentence, said to be the words of whoever said it.

    The future dialogue comes first: there everyone, the citizen too, imagines a year ahead,
    so it is nobody's present wish. ``said`` is None for text typed at the command line.
    """
    if said is None:
        return t("why.from_text", why=quote)
    if said.future_dialogue:
        return t("why.future_dialogue", why=quote)
    if said.is_citizen:
        return t("suggest.because", why=quote)
    return t("why.other", name=said.first_name, role=said.role, why=quote)
