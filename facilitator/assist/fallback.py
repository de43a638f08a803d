"""What assistance does without a language model: templates, a jargon list, a question bank.

Everything here is deterministic and local; nothing is sent anywhere. The data lives in
``prompts/`` beside the model prompts: ``jargon.toml`` (municipal words with everyday ones),
``questions.toml`` (the samtalemenu by note kind) and ``fallback/*.j2`` (templates).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from facilitator.domain.readability import sentences, words
from facilitator.i18n import t
from facilitator.storage import paths

#: A sentence longer than this many words gets a hint to split it.
LONG_SENTENCE = 15
QUESTIONS_SHOWN = 3
_AT_AT = re.compile(r"\b(at|to)\s+\1\b", re.IGNORECASE)
#: Where a long sentence may be split in two: ", og …" becomes ". Og …".
_CLAUSE = {
    "da": re.compile(r",\s+(og|men|så)\s+(?=\w)"),
    "en": re.compile(r",\s+(and|but|so)\s+(?=\w)"),
}
#: Note texts that already speak as "I" or "we" are kept as they are.
_FIRST_PERSON = {
    "da": re.compile(r"\b(jeg|vi|mig|os|min|mit|mine|vores)\b", re.IGNORECASE),
    "en": re.compile(r"\b(i|we|me|us|my|our)\b", re.IGNORECASE),
}


@cache
def prompt_environment() -> jinja2.Environment:
    """The prompts folder as a jinja environment: plain text, undefined fields are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(paths.prompts_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render_fallback(name: str, language: str, **fields: Any) -> str:
    """Render ``prompts/fallback/<name>.<language>.j2``, trimmed."""
    template = prompt_environment().get_template(f"fallback/{name}.{language}.j2")
    return template.render(**fields).strip()


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads((paths.prompts_dir() / name).read_text(encoding="utf-8"))


# --- jargon ------------------------------------------------------------------------


@dataclass(frozen=True)
class Jargon:
    """A municipal word and the everyday one to say instead."""

    jargon: str
    everyday: str
    replace: bool
    pattern: re.Pattern[str]


@cache
def jargon_list(language: str) -> tuple[Jargon, ...]:
    """The jargon list for a language, longest phrase first."""
    entries = _toml("jargon.toml").get(language, [])
    found = []
    for entry in entries:
        word = str(entry["jargon"]).strip()
        pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
        found.append(
            Jargon(word, str(entry["everyday"]), bool(entry.get("replace", True)), pattern)
        )
    return tuple(sorted(found, key=lambda j: len(j.jargon), reverse=True))


def _same_case(found: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if found[:1].isupper() else replacement


@dataclass(frozen=True)
class EasyRead:
    """A text with jargon swapped for everyday words, and hints for what a person must do."""

    text: str
    hints: tuple[str, ...]


def easy_read(text: str, language: str) -> EasyRead:
    """Swap jargon for everyday words; hint at the rest and at sentences that run long."""
    hints: list[str] = []
    result = text
    for entry in jargon_list(language):
        if not entry.pattern.search(result):
            continue
        key = "assist.hint_swapped" if entry.replace else "assist.hint_jargon"
        hints.append(t(key, language, word=entry.jargon, instead=entry.everyday))
        if entry.replace:
            everyday = entry.everyday

            def swap(m: re.Match[str], everyday: str = everyday) -> str:
                return _same_case(m.group(0), everyday)

            result = entry.pattern.sub(swap, result)
    # "med henblik på at at": a swap must not leave "at" twice in a row.
    result = _AT_AT.sub(r"\1", result)
    clause = _CLAUSE.get(language, _CLAUSE["da"])
    if _longest(result) > LONG_SENTENCE and clause.search(result):
        result = clause.sub(lambda m: f". {m.group(1).capitalize()} ", result)
        hints.append(t("assist.hint_split", language))
    for sentence in sentences(result):
        count = len(words(sentence))
        if count > LONG_SENTENCE:
            opening = " ".join(words(sentence)[:4])
            hints.append(t("assist.hint_long_sentence", language, start=opening, words=count))
    return EasyRead(" ".join(result.split()), tuple(hints))


def _longest(text: str) -> int:
    return max((len(words(s)) for s in sentences(text)), default=0)


# --- questions ----------------------------------------------------------------------


@cache
def question_bank(language: str) -> dict[str, tuple[str, ...]]:
    """The curated open questions by note kind ("general" fills up)."""
    table = _toml("questions.toml").get(language, {})
    return {kind: tuple(str(q) for q in questions) for kind, questions in table.items()}


def questions_for(kinds: list[str], language: str, limit: int = QUESTIONS_SHOWN) -> list[str]:
    """Questions for the note kinds of the last turn, in order, without repeats."""
    bank = question_bank(language)
    chosen: list[str] = []
    for kind in [*kinds, "general"]:
        for question in bank.get(kind, ()):
            if question not in chosen:
                chosen.append(question)
            if len(chosen) >= limit:
                return chosen
    return chosen


# --- plan item drafts -------------------------------------------------------------------


def first_person(text: str, language: str) -> bool:
    """Whether a note already speaks as "I" or "we"."""
    return bool(_FIRST_PERSON.get(language, _FIRST_PERSON["da"]).search(text))


def draft_item(kind: str, text: str, citizen: bool, offer: str, language: str) -> str:
    """One plan item from a note (and the offer the citizen said yes to) via the template."""
    return " ".join(
        render_fallback(
            "draft",
            language,
            kind=kind,
            text=text.strip(),
            first_person=first_person(text, language),
            citizen=citizen,
            offer=offer,
        ).split()
    )
