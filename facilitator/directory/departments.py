"""The municipality's departments (silos): their names in Danish and English, and finding
one by what a person typed."""

from __future__ import annotations

from facilitator.storage.store import Store


def department_names(store: Store, language: str = "da") -> dict[str, str]:
    """Department id → its name in the language (Danish when there is no translation)."""
    column = "name" if language == "da" else "name_en"
    rows = store.rows("SELECT id, name, name_en FROM departments")
    return {str(r["id"]): str(r[column] or r["name"]) for r in rows}


def department_id(store: Store, typed: str) -> str:
    """A known department by id or by name (Danish or English, any case), else the words as
    typed (spaces tidied)."""
    words = " ".join(typed.split())
    wanted = words.casefold()
    for r in store.rows("SELECT id, name, name_en FROM departments"):
        if wanted in (
            str(r["id"]).casefold(),
            str(r["name"]).casefold(),
            str(r["name_en"]).casefold(),
        ):
            return str(r["id"])
    return words
