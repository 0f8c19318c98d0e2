"""Escaping and the template environment. Every value from a package is inert: templates autoescape HTML, and text
placed in Markdown also has its Markdown syntax escaped (`md`), so a name or a text can never become a link, a tag
or a script. Templates find every address through `at` (the addresses module)."""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import addresses, engine
from ..addresses import rel
from ..amounts import amount, grouped, say

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")


_LIST_START = re.compile(r"^(\s*)(\d+)([.)])")


_BULLET_START = re.compile(r"^(\s*)([-+])")


def md(value: object) -> Markup:
    """Text from a package as inert Markdown: HTML escaped, Markdown syntax escaped, one line."""
    if value is None or isinstance(value, jinja2.Undefined):
        return Markup("")
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).splitlines())
    # & < > as entities: no tag, no entity of the source's own. Quotes stay as written: Markdown text has no
    # attribute for them to end, and an entity's # would be taken for Markdown below (&\#34;), which MkDocs
    # then writes into the page's <title> as &amp;#34;
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\\3", text)  # “1.” as printed, not a Markdown list
    text = _BULLET_START.sub(r"\1\\\2", text)
    return Markup(text)


def code(value: object) -> Markup:
    """Text inside a Markdown code span: no backtick can close it."""
    return Markup(escape(str(value).replace("`", "'")))


def grouped_figure(value: object) -> str:
    if value is None or isinstance(value, jinja2.Undefined) or value == "":
        return ""
    return grouped(value if isinstance(value, Decimal) else str(value))


def _amount(value: object, unit: str) -> str:
    """A printed figure (text) as printed, or a computed one (Decimal) as a sentence states it; with its unit."""
    if value is None or isinstance(value, jinja2.Undefined) or value == "":
        return ""
    return say(value, unit) if isinstance(value, Decimal) else amount(str(value), unit)


def _spec_json(spec: dict) -> str:
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@jinja2.pass_context
def _glossary(ctx: jinja2.runtime.Context, text: Markup, page: str, seen: list[str] | None = None) -> Markup:
    """Links the first mention of each glossary term; with `seen` (shared by the blocks of one section), only the
    first mention in the section."""
    glossary = ctx.get("glossary")
    return Markup(glossary.link(str(text), page, seen)) if glossary else text


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.Undefined,
    )
    env.filters.update(
        md=md, code=code, rel=rel, grouped=grouped_figure, amount=_amount, spec_json=_spec_json, glossary=_glossary
    )
    env.globals["engine"] = engine.TEMPLATE_HELPERS
    env.globals["at"] = addresses
    return env


_ENV = environment()


def warm_templates() -> None:
    """Compile every template now (before worker processes fork, so that each does not compile them again)."""
    for name in _ENV.list_templates(extensions=["j2"]):
        _ENV.get_template(name)


def render(template: str, **context: Any) -> str:
    """A page from its template, with what the search index records of it (its year and unit: `pkg`, a package's
    view, or `year`)."""
    pkg = context.get("pkg")
    if isinstance(pkg, dict):
        year, unit = pkg.get("year"), pkg.get("label") or pkg.get("unit")
    else:
        year, unit = context.get("year"), None
    return _ENV.get_template(template).render(**context) + engine.search_meta(year, unit)
