"""Plan documents from jinja2 templates a municipality can override one file at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

import jinja2

from facilitator import paths
from facilitator.i18n import current_language, t

FORMATS = ("md", "html")
KINDS = ("citizen",)


def _environment(autoescape: bool) -> jinja2.Environment:
    """Overrides in <home>/templates first, then the packaged templates.

    ``{% extends "default:plan.html.j2" %}`` lets an override reuse the original.
    """
    packaged = jinja2.PackageLoader("facilitator", "templates")
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(paths.templates_dir())),
            packaged,
            jinja2.PrefixLoader({"default": packaged}),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def long_date(value: str | None, language: str | None = None) -> str:
    """'2026-11-26' as '26. november 2026' (da) or '26 November 2026' (en)."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    lang = language or current_language()
    month = t(f"date.month.{day.month}", lang)  # month names live once, in the catalog
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def render_plan(
    data: dict[str, Any],
    fmt: str = "md",
    kind: str = "citizen",
    language: str | None = None,
    version: dict[str, Any] | None = None,
) -> str:
    """Render the plan snapshot as Markdown or self-contained HTML."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    lang = language or current_language()

    def tr(key: str, **params: object) -> str:
        return t(key, lang, **params)

    env = _environment(autoescape=fmt == "html")
    template = env.get_template(f"plan.{fmt}.j2")
    return template.render(
        plan=data,
        t=tr,
        lang=lang,
        version=version or {"number": None, "approved_at": None, "approved_by": ""},
        longdate=lambda v: long_date(v, lang),
    )
