"""Plan documents from jinja2 templates a municipality can override one file at a time."""

from __future__ import annotations

import string
from typing import Any

import jinja2
import markupsafe

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import current_language, message, plural_message, t
from facilitator.i18n.dates import long_date
from facilitator.storage import paths

FORMATS = ("md", "html")
#: The template file stem of each kind of plan document.
TEMPLATES = {"citizen": "plan", "s141": "s141"}


def _percent_style(text: str, autoescape: bool) -> str:
    """A catalog text (``{name}`` placeholders) as jinja2's i18n formats it (``%(name)s``).

    With newstyle gettext, jinja2 fills a message in with ``text % variables`` and, when
    autoescaping, escapes only the variables. So the catalog's own text is escaped here and
    its ``%`` signs doubled: the output is exactly ``escape(t(key, **params))``.
    """
    out = []
    for literal, field, _spec, _conversion in string.Formatter().parse(text):
        literal = str(markupsafe.escape(literal)) if autoescape else literal
        out.append(literal.replace("%", "%%"))
        if field is not None:
            out.append(f"%({field})s")
    return "".join(out)


#: The CSS counter behind each placeholder of the "Side {page} af {pages}" message.
_COUNTERS = {"page": "counter(page)", "pages": "counter(pages)"}


def _css_string(text: str) -> str:
    """Text as a quoted CSS string that cannot end the string or the <style> element."""
    return '"' + "".join(c if c.isalnum() or c in " .,-–" else f"\\{ord(c):x} " for c in text) + '"'


def page_of(language: str) -> markupsafe.Markup:
    """The CSS ``content`` value of the page footer: "Side 1 af 4" / "Page 1 of 4"."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(
        message("doc.page_of", language)
    ):
        if literal:
            parts.append(_css_string(literal))
        if field is not None:
            parts.append(_COUNTERS.get(field, '""'))
    return markupsafe.Markup(" ".join(parts))


def _environment(autoescape: bool, language: str) -> jinja2.Environment:
    """Overrides in <home>/templates first, then the packaged templates.

    ``{% extends "default:plan.html.j2" %}`` lets an override reuse the original. Templates
    read the catalog through jinja2's i18n extension: ``{{ _("plan.title") }}``,
    ``{{ _("plan.owner", name=...) }}`` and ``{{ ngettext("key", "key", n, n=n) }}`` (the
    msgid is the key, so singular and plural msgids are the same key).
    """
    packaged = jinja2.PackageLoader("facilitator.documents", "templates")
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(paths.templates_dir())),
            packaged,
            jinja2.PrefixLoader({"default": packaged}, delimiter=":"),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda key: _percent_style(message(key, language), autoescape),
        ngettext=lambda key, _plural, n: _percent_style(
            plural_message(key, n, language), autoescape
        ),
        newstyle=True,
    )
    return env


def _render(name: str, fmt: str, language: str | None, **context: Any) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    lang = language or current_language()

    def tr(key: str, **params: object) -> str:
        return t(key, lang, **params)

    env = _environment(autoescape=fmt == "html", language=lang)
    template = env.get_template(f"{name}.{fmt}.j2")
    return template.render(
        t=tr,  # what a municipality's override templates from before gettext call
        lang=lang,
        longdate=lambda v: long_date(v, lang),
        page_of=page_of(lang),
        **context,
    )


def render_plan(
    data: dict[str, Any],
    fmt: str = "md",
    kind: str = "citizen",
    language: str | None = None,
    version: dict[str, Any] | None = None,
    extras: dict[str, Any] | None = None,
) -> str:
    """Render a plan snapshot as Min plan (``citizen``) or the § 141 view, Markdown or HTML."""
    if kind not in TEMPLATES:
        raise ValueError(f"unknown kind {kind!r}")
    return _render(
        TEMPLATES[kind],
        fmt,
        language,
        plan=data,
        version=version or {"number": None, "approved_at": None, "approved_by": ""},
        extras={"circle": "", "ruler": [], "who5": None, "consents": [], **(extras or {})},
    )


def render_brief(data: dict[str, Any], fmt: str = "md", language: str | None = None) -> str:
    """Render a guide's visit brief (data from documents.brief_data) as Markdown or HTML."""
    return _render("brief", fmt, language, brief=data)


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"documents are self-contained; refusing to fetch {url}")


def html_to_pdf(html: str) -> bytes:
    """A PDF of a self-contained HTML document, through WeasyPrint (never fetches anything)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are missing
        raise FacilitatorError(t("doc.err_no_pdf", detail=str(exc).splitlines()[0])) from exc
    document = HTML(string=html, url_fetcher=_no_fetching)
    result = document.write_pdf()
    assert isinstance(result, bytes)
    return result
