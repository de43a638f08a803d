"""Both directions: hearing the wish to give in what is said, and places to give in an entry.

A meeting leader does not always file "jeg vil gerne give noget igen" as a resource, and a
directory does not always flag where one can help. The words say it either way.
"""

from __future__ import annotations

import re

_WISH_TO_GIVE = re.compile(
    r"\b("
    r"hjælpe (andre|nogen|folk|til med|de unge|de gamle|ældre)"
    r"|give (noget )?(igen|tilbage)|give en hånd|give et nap"
    r"|gøre (noget|gavn|en forskel) for|gøre gavn|gøre en forskel|være til nytte"
    r"|være noget for (andre|nogen)|betyde noget for (andre|nogen)"
    r"|(være|blive) frivillig|som frivillig|frivilligt arbejde"
    r"|lære (fra mig|andre)|vise andre|dele ud af"
    r"|(jeg|han|hun|du) er (rigtig |virkelig |så |faktisk )?(god|dygtig|skrap|flink) til"
    r"|bidrage"
    r")",
    re.IGNORECASE,
)
_NOT = re.compile(r"\b(ikke|aldrig|ingen)\b[^.!?]{0,20}$", re.IGNORECASE)

_PLACE_TO_GIVE = re.compile(
    r"\b(bliv frivillig|frivillige søges|søger (nye )?(frivillige|hjælpere|medlemmer)|vi søger"
    r"|meld dig som|har du lyst til at (hjælpe|give))",
    re.IGNORECASE,
)


def wants_to_give(text: str) -> bool:
    """Whether a sentence says that someone would like to help, teach or give something back."""
    for found in _WISH_TO_GIVE.finditer(text):
        if not _NOT.search(text[: found.start()]):
            return True
    return False


def place_to_give(text: str) -> bool:
    """Whether an entry's text invites people to take part as volunteers or helpers."""
    return bool(_PLACE_TO_GIVE.search(text))
