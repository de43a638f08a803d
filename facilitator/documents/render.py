"""Plan documents from jinja2 templates a municipality can override one file at a time."""

from __future__ import annotations

import string
from typing import Any

import jinja2
from markupsafe import Markup

from facilitator.documents.mdtext import MdSafe, md_escape
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import mask_cpr
from facilitator.domain.snapshot import PlanSnapshot
from facilitator.i18n import current_language, message, t, tn
from facilitator.i18n.dates import long_date
from facilitator.storage import paths

FORMATS = ("md", "html")
#: The template file stem of each kind of plan document.
TEMPLATES = {"citizen": "plan", "s141": "s141"}


#: The CSS counter behind each placeholder of the "Side {page} af {pages}" message.
_COUNTERS = {"page": "counter(page)", "pages": "counter(pages)"}


def _css_string(text: str) -> str:
    """Text as a quoted CSS string that cannot end the string or the <style> element."""
    return '"' + "".join(c if c.isalnum() or c in " .,-–" else f"\\{ord(c):x} " for c in text) + '"'


def page_of(language: str) -> Markup:
    """The CSS ``content`` value of the page footer: "Side 1 af 4" / "Page 1 of 4"."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(
        message("doc.page_of", language)
    ):
        if literal:
            parts.append(_css_string(literal))
        if field is not None:
            parts.append(_COUNTERS.get(field, '""'))
    return Markup(" ".join(parts))


def _environment(autoescape: bool) -> jinja2.Environment:
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
        # Every value printed is masked (HTML) or masked and escaped (Markdown) unless the
        # template marked it as its own: nothing a person typed can be forgotten.
        finalize=_html_value if autoescape else _md_value,
    )
    return env


def _html_value(value: object) -> object:
    """A value in an HTML document: CPR numbers masked; autoescape does the rest."""
    return value if isinstance(value, Markup) or not isinstance(value, str) else mask_cpr(value)


def _md_params(params: dict[str, object]) -> dict[str, object]:
    return {k: md_escape(v) if isinstance(v, str) else v for k, v in params.items()}


def _md_value(value: object) -> str:
    """A value in a Markdown document: CPR numbers masked, Markdown and HTML escaped."""
    return md_escape(value if isinstance(value, str) else "" if value is None else str(value))


def _render(name: str, fmt: str, language: str | None, **context: Any) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    lang = language or current_language()

    markdown = fmt == "md"

    def tr(key: str, **params: object) -> str:
        if not markdown:
            return t(key, lang, **params)
        # The catalog's sentence is the template's own; what is put into it is escaped.
        return MdSafe(t(key, lang, **_md_params(params)))

    def trn(key: str, _plural: str, n: int, **params: object) -> str:
        if not markdown:
            return tn(key, n, lang, **params)
        return MdSafe(tn(key, n, lang, **_md_params(params)))

    def longdate(value: str | None) -> str:
        text = long_date(value, lang)
        return MdSafe(text) if markdown else text

    def said(item: dict[str, Any]) -> str:
        """ "Lone (søster) sagde det." or "Fra fremtidsdialogen.", or "" for the citizen's."""
        words = item.get("said_by")
        if not words:
            return ""
        if words.get("future"):
            return tr("plan.said_future")
        role = words.get("role") or t(f"why.role.{words.get('kind', '')}", lang)
        return tr("plan.said_by", name=words.get("name", ""), role=role)

    env = _environment(autoescape=not markdown)
    # The i18n extension's ``_`` calls ``gettext``: with the key as msgid and keyword
    # parameters, as newstyle gettext does, and escaped the way this format needs.
    env.globals.update(gettext=tr, ngettext=trn)
    template = env.get_template(f"{name}.{fmt}.j2")
    return template.render(
        t=tr,  # what a municipality's override templates from before gettext call
        lang=lang,
        longdate=longdate,
        said=said,
        page_of=page_of(lang),
        **context,
    )


def render_plan(
    data: PlanSnapshot,
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
