"""Hearing the wish to give, and places to give, in the words."""

from __future__ import annotations

import pytest

from facilitator.directory.giving import place_to_give, wants_to_give


@pytest.mark.parametrize(
    "text",
    [
        "Jeg kunne godt tænke mig at hjælpe andre.",
        "Jeg er god til at reparere cykler.",
        "Jeg vil gerne give noget igen.",
        "Hun er rigtig dygtig til at bage.",
        "Måske kunne jeg være frivillig et sted.",
    ],
)
def test_wish_to_give(text: str) -> None:
    assert wants_to_give(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg er ikke god til at være sammen med mange.",
        "Jeg har brug for hjælp til at handle.",
        "Jeg vil gerne hente min post selv.",
    ],
)
def test_no_wish_to_give(text: str) -> None:
    assert not wants_to_give(text)


def test_place_to_give() -> None:
    assert place_to_give("Vi søger frivillige til lektiecafeen om tirsdagen.")
    assert place_to_give("Bliv frivillig i Røde Kors.")
    assert not place_to_give("Flextur kører dig fra dør til dør.")
