"""Packages → Markdown pages, chart containers and download files, through the Jinja templates in templates/.

Python gathers what each page shows (from the package and from `analysis`); the templates hold the markup and
the wording. Every value from a package is inert: templates autoescape HTML, and text placed in Markdown also has
its Markdown syntax escaped (`md`), so a name or a text can never become a link, a tag or a script.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import analysis, engine, execution, formats, linked
from . import catalogue as cat
from .amounts import amount, grouped, say
from .charts import Chart, bars, chart_for_table, stacked, unit_charts
from .charts import grouped as grouped_chart
from .checks import summary
from .downloads import checks_csvs
from .files import write_file
from .package import Package, Resource, csv_records, excel_csv_records
from .terms import Terms, citation, project_terms
from .wording import W

GLOSSARY_DIR = "glossary"
HISTORY_DIR = "units"


@dataclass
class Site:
    """What the renderer wrote: files (docs-relative path -> bytes, or the path of a source file published as it
    is) and the navigation.

    With `out`, each file is written there as soon as it is rendered and only its path is kept (`written`), so a
    large year is never held in memory whole: for a throwaway docs directory, where a source file may also be
    hard-linked (`link`) instead of copied."""

    files: dict[str, bytes | Path] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    out: Path | None = None
    link: bool = False
    written: list[str] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)  # pages reached through their unit, not the site's nav
    _made: set[Path] = field(default_factory=set, repr=False)
    _held: list[tuple[str, str]] | None = field(default=None, repr=False)

    def page(self, path: str, text: str) -> None:
        if self._held is not None:
            self._held.append((path, text))
            return
        self.data(path, text.encode("utf-8"))

    def hold(self) -> None:
        """Keep the pages rendered from now on until `release`, which writes them with a header."""
        self._held = []

    def release(self, header: str) -> None:
        held, self._held = self._held or [], None
        for path, text in held:
            self.page(path, header + text)

    def data(self, path: str, content: bytes | Path, link: bool = False) -> None:
        if self.out is None:
            self.files[path] = content
            return
        target = self.out / path
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        write_file(target, content, self.link or link)
        self.written.append(path)


def cached(site: Site, cache: Path | None, key: str, produce: Callable[[], Any]) -> Any:
    """What `produce` writes into the site and returns, remembered under a content key: with the same key, its
    files are linked from the cache (not rendered, not rewritten) and its value is read back. The key holds
    everything the output depends on; an entry is written whole and then renamed, so a half-written entry is
    never read."""
    if cache is None or site.out is None or not key:
        return produce()
    entry = cache / key
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = None
    if meta is not None:
        for path in meta["files"]:
            site.data(path, entry / "files" / path, link=True)
        site.not_in_nav += meta["not_in_nav"]
        return meta["value"]
    start, nav_start = len(site.written), len(site.not_in_nav)
    value = produce()
    files = site.written[start:]
    tmp = cache / f".{key}.{os.getpid()}.tmp"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        for path in files:
            target = tmp / "files" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_file(target, site.out / path, link=True)
        meta = {"files": files, "not_in_nav": site.not_in_nav[nav_start:], "value": value}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another process wrote it first, or no room: the build goes on
    return value


def content_key(*parts: object) -> str:
    """A cache key from the parts the output depends on (content keys, settings), or "" when one is unknown."""
    if any(p == "" for p in parts):
        return ""
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Escaping and the template environment

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


def rel(from_page: str, to: str) -> str:
    """Relative link from one docs path to another (both plain docs-relative paths, as the renderer writes them)."""
    return "../" * from_page.count("/") + to


def _grouped(value: object) -> str:
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
    glossary: Glossary | None = ctx.get("glossary")
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
        md=md, code=code, rel=rel, grouped=_grouped, amount=_amount, spec_json=_spec_json, glossary=_glossary
    )
    env.globals["engine"] = engine.TEMPLATE_HELPERS
    return env


_ENV = environment()


def warm_templates() -> None:
    """Compile every template now (before worker processes fork, so that each does not compile them again)."""
    for name in _ENV.list_templates(extensions=["j2"]):
        _ENV.get_template(name)


def render(template: str, **context: Any) -> str:
    """A page from its template, with what the search index records of it (its year and unit)."""
    pkg = context.get("pkg")
    year: int | None
    unit: str | None
    if isinstance(pkg, Package):
        year, unit = pkg.year, kind_label(pkg)
    elif isinstance(pkg, dict):
        year, unit = pkg.get("year"), pkg.get("label") or pkg.get("unit")
    else:
        year, unit = context.get("year"), None
    return _ENV.get_template(template).render(**context) + engine.search_meta(year, unit)


def terms_of(pkg: Package) -> Terms:
    """The project's terms, with the address the site is published at where publish was given one."""
    terms = project_terms(pkg.path)
    return dataclasses.replace(terms, site_url=pkg.site_url) if pkg.site_url else terms


def unit_dir(pkg: Package) -> str:
    return pkg.site_base or f"{pkg.year}/{pkg.slug}"


# ---------------------------------------------------------------------------------------------
# Glossary links


@dataclass
class Glossary:
    """Every term across packages: term -> anchor, and definitions with where they come from."""

    entries: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def anchor(term: str) -> str:
        return "term-" + re.sub(r"[^\w]", "", term)

    def add(self, term: str, definition: str, source: str) -> None:
        self.entries.setdefault(term, []).append((definition, source))
        self._pattern = None

    def link(self, text: str, page: str, seen: list[str] | None = None) -> str:
        """Link the first mention of each term in escaped Markdown text (terms are matched in their escaped form)."""
        if not self.entries:
            return text
        if self._pattern is None:  # the longest term first, so a term inside a longer one is not linked alone
            forms = sorted(((str(md(t)), t) for t in self.entries), key=lambda f: len(f[0]), reverse=True)
            self._by_form = dict(forms)
            self._pattern = re.compile("|".join(re.escape(f) for f, _ in forms))
        done = seen if seen is not None else []
        target = rel(page, f"{GLOSSARY_DIR}/index.md")

        def sub(m: re.Match[str]) -> str:
            shown = m.group(0)
            term = self._by_form[shown]
            if term in done:
                return shown
            done.append(term)
            return f'[{shown}]({target}#{self.anchor(term)}){{ .glossary-term title="名词解释" }}'

        return self._pattern.sub(sub, text)

    def page_entries(self) -> list[dict[str, Any]]:
        out = []
        for term, defs in self.entries.items():
            groups: dict[str, list[str]] = {}
            for definition, source in defs:
                groups.setdefault(definition, []).append(source)
            plain = re.sub(r"[“”\"]", "", term)
            out.append(
                {
                    "term": term,
                    "anchor": self.anchor(term),
                    "alias": plain if plain != term else "",
                    "definitions": list(groups.items()),
                }
            )
        return out


# ---------------------------------------------------------------------------------------------
# Tables

_INDENT = {"款": 1, "项": 2}
_LABEL_COLUMNS = ("name", "dept_economic_name")
_TYPES: dict[str, str] = W.field_types


_SOURCE = re.compile(
    r"(?:(?P<file>\S+\.(?:pdf|txt)): )?(?:line (?P<line>\d+)|page (?P<page>\d+(?:–\d+)?)(?:, table (?P<table>\d+))?)"
)


def _place(m: re.Match[str]) -> str:
    """A place the importer recorded (page 6, table 1; line 12; a file's name before it), in the site's words."""
    if m["line"]:
        where = str(W.line.format(n=m["line"]))
    else:
        where = str(W.page_table if m["table"] else W.page).format(n=m["page"], table=m["table"])
    return f"{m['file']} {where}" if m["file"] else where


def _where(source: str) -> str:
    """Where a row was printed, in words: 第12行, 第6页表1; a disclosure printed as several files (北京) names the file
    first (…-fj2-baobiao.pdf 第6页表1)."""
    m = _SOURCE.match(source)
    return _place(m) if m else source


def in_words(note: str) -> str:
    """A note of the importer's shown to readers (where a text was printed, a table not imported and why), its places
    and the reasons it knows in the site's words: “第15页：本页没有报表”."""
    note = _SOURCE.sub(_place, note)
    for said, words in W.importer_notes.items():
        note = note.replace(said, words)
    return note


# The number a row has in the checks (第N行) and on its page: its line in the CSV, the header being line 1
ROW_OFFSET = 2


def row_anchor(row: int) -> str:
    return f"row-{row}"


def table_view(res: Resource, sources: list[str] | None) -> dict[str, Any]:
    """The cells of a data table as the page shows them: amounts grouped, the hierarchy by bold and indent. Cells
    are tuples (text, right-aligned, bold, indent) and rows (cells, source): a table page has hundreds."""
    fields = [f for f in res.fields if f["name"] != "level"]
    right = [f.get("type") in ("number", "integer") for f in fields]
    rows = []
    for n, row in enumerate(res.rows):
        level = row.get("level")
        cells = []
        for f, r in zip(fields, right, strict=True):
            name = f["name"]
            value = row.get(name)
            if f.get("type") == "number":
                cells.append((_grouped(value), r, False, 0))
                continue
            text = "" if value is None else str(value)
            strong = bool(text) and name in (*_LABEL_COLUMNS, "code") and level in ("类", cat.TOTAL_CODE)
            indent = _INDENT.get(str(level), 0) if name in _LABEL_COLUMNS else 0
            cells.append((text, r, strong, indent))
        source = _where(sources[n]) if sources is not None and n < len(sources) else ""
        rows.append((cells, source, n + ROW_OFFSET))
    return {
        "fields": [(f.get("title", f["name"]), r) for f, r in zip(fields, right, strict=True)],
        "rows": rows,
        "sources": sources,
        "lines": _row_lines(fields, rows, res.unit),
        # the column that names a row, kept in view when a wide table scrolls sideways
        "label": next(
            (i for i, f in enumerate(fields) if f["name"] in _LABEL_COLUMNS),
            next((i for i, r in enumerate(right) if not r and fields[i]["name"] != "code"), -1),
        ),
    }


def _row_lines(fields: list[dict], rows: list, unit: str) -> list[tuple[int, str]]:
    """Each row as one sentence in reading order (第N行：name · column：amount unit), the table's text version: what
    the search index holds of a table, so a search result shows the row it matched, not a run of figures. Names
    next to each other (code and name) stay together; a table printed two-sided reads as its two halves. Counts
    (integer columns) are not amounts and carry no unit."""
    lines = []
    for cells, _source, row in rows:
        parts: list[str] = []
        naming = False  # the last part is a name that a following name joins
        for (text, _, _, _), f in zip(cells, fields, strict=True):
            kind = f.get("type")
            if not text:
                continue
            if kind in ("number", "integer"):
                value = f"{text} {unit}" if kind == "number" else text
                parts.append(W.row_amount.format(column=f.get("title", f["name"]), amount=value))
                naming = False
            elif naming:
                parts[-1] += " " + text
            else:
                parts.append(text)
                naming = True
        lines.append((row, W.row_line.format(row=row, text=W.row_sep.join(parts))))
    return lines


def _sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published_sources(pkg: Package) -> list[dict[str, Any]]:
    """The original files published beside the package (checked when it was read)."""
    return [s for s in pkg.descriptor.get("sources", []) if s.get("path")]


_PRINTED_AT = re.compile(r"^(?P<file>.+?): page (?P<page>\d+)|^(?P<text>.+?):(?P<line>\d+)$")


def original_link(pkg: Package, res: Resource) -> dict[str, Any] | None:
    """Where the table was printed, in the original published beside the package: its address (a PDF opened at
    the page, #page=N), file name, page or line, and SHA-256."""
    m = _PRINTED_AT.match(str(res.descriptor.get("printedAt") or ""))
    if not m:
        return None
    name = m.group("file") or m.group("text")
    src = next((s for s in published_sources(pkg) if s.get("file") == name), None)
    if src is None:
        return None
    page = m.group("page")
    return {
        "path": f"{unit_dir(pkg)}/{src['path']}",
        "fragment": f"#page={page}" if page else "",
        "file": name,
        "where": W.at_page.format(page=page) if page else W.at_line.format(line=m.group("line")),
        "sha256": str(src.get("hash", "")).removeprefix("sha256:"),
    }


def resource_view(res: Resource) -> dict[str, Any]:
    d = res.descriptor
    fields = []
    for f in res.fields:
        desc = f.get("description", "")
        c = f.get("constraints", {})
        if "pattern" in c:
            desc += W.pattern.format(p=c["pattern"])
        if "enum" in c:
            desc += W.values.format(v=W.list_sep.join(str(v) for v in c["enum"]))
        fields.append(
            {
                "name": f["name"],
                "title": f.get("title", ""),
                "kind": _TYPES.get(f.get("type", ""), f.get("type", "")),
                "description": desc,
            }
        )
    return {
        "name": res.name,
        "title": res.title,
        "rows": res.rows,
        "fields": fields,
        "primary_key": d.get("schema", {}).get("primaryKey") or [],
        "table_number": d.get("tableNumber"),
        "canonical_title": d.get("canonicalTitle", ""),
        "amount_unit": res.amount_unit,
        "unit_note": d.get("amountUnitNote"),
        "description": d.get("description"),
        "empty": res.published_empty or not res.rows,
        "empty_note": d.get("sourceNote") or W.empty_table,
        "note": d.get("sourceNote") if res.rows else None,
        "derived": _derived(res.fields),
    }


def _derived(fields: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The columns the package derived, grouped by how: (their titles, how)."""
    by_how: dict[str, list[str]] = {}
    for f in fields:
        if f.get("derived"):
            by_how.setdefault(f["derived"], []).append(f.get("title", f["name"]))
    return [(W.list_sep.join(titles), how) for how, titles in by_how.items()]


def package_view(pkg: Package) -> dict[str, Any]:
    return {
        "unit": pkg.unit,
        "year": pkg.year,
        "kind": pkg.kind,
        "final": pkg.final,
        "label": kind_label(pkg),
        "document_title": pkg.budget.get("documentTitle", ""),
    }


def _provenance(pkg: Package) -> dict[str, list[str]]:
    prov = pkg.resources.get("provenance")
    out: dict[str, list[str]] = {}
    if prov:
        for r in prov.rows:
            out.setdefault(str(r["resource"]), []).append(str(r["source"]))
    return out


def render_table_page(
    pkg: Package,
    res: Resource,
    glossary: Glossary,
    prov: dict[str, list[str]],
    files: list[formats.Download],
    prev: Package | None = None,
) -> str:
    base = unit_dir(pkg)
    view = resource_view(res)
    compared = None
    before = prev.table(res.name) if prev is not None else None
    if (
        prev is not None
        and before is not None
        and before.rows
        and res.rows
        and "code" in {f["name"] for f in res.fields}
    ):
        compared = analysis.comparison(res, before, prev.year)
    return render(
        "table.md.j2",
        pkg=package_view(pkg),
        res=view,
        page=f"{base}/tables/{res.name}.md",
        base=base,
        files=files,
        glossary=glossary,
        chart=None if view["empty"] else chart_for_table(res),
        table=table_view(res, prov.get(res.name)),
        compared=compared,
        original=original_link(pkg, res),
        jsonld=_jsonld(pkg, f"tables/{res.name}.md", res),
        citation=cite(pkg, f"tables/{res.name}.md", res.title, _sha256_of(pkg.path / res.descriptor["path"]), res.name),
    )


# ---------------------------------------------------------------------------------------------
# Pages of one unit


def summary_line(results: list) -> str:
    counts = summary(results)
    order = (cat.PASS, cat.ROUNDING, cat.SOURCE_ERROR, cat.ERROR, cat.UNCHECKED)
    parts = [f"{counts[s]} {cat.STATUS_ZH[s]}" for s in order if counts[s]]
    return str(W.checks_summary.format(total=len(results), parts=W.clause_sep.join(parts)))


def as_printed(pkg: Package) -> list[Resource]:
    """The tables read as printed (not in the catalogue's shape), in the package's order."""
    return [r for r in pkg.resources.values() if r.is_table and r.descriptor.get("asPrinted")]


def _address(pkg: Package, page: str) -> str:
    """A unit's page (`page` relative to the unit, e.g. tables/x.md) as its permanent address from the site's root,
    the same in the year's site and its snapshot."""
    return f"{pkg.year}/{pkg.slug}/" + engine.page_address(page, directory_urls=False)


def _jsonld(pkg: Package, page: str, res: Resource | None = None) -> Any:
    """The schema.org Dataset script of a unit's page or a table's page."""
    return linked.script(linked.dataset(pkg, terms_of(pkg), _address(pkg, page), res))


def cite(pkg: Package, page: str, title: str, sha256: str, key: str) -> dict[str, str]:
    """The 引用 block of a unit's page: its permanent address and the SHA-256 of the data it shows."""
    terms = terms_of(pkg)
    return citation(
        terms, pkg.unit, pkg.year, title, _address(pkg, page), sha256, f"{pkg.slug}-{pkg.year}-{key}", pkg.kind
    )


def kind_label(pkg: Package) -> str:
    """The unit's name as navigation and lists show it: a 决算 marked as such."""
    return W.final_label.format(unit=pkg.unit) if pkg.final else pkg.unit


def _siblings(pkg: Package, others: list[Package]) -> list[dict[str, str]]:
    """The unit's other documents this site holds (its budget and final accounts of each year), newest first."""
    mine = [p for p in others if p.unit == pkg.unit and p is not pkg]
    return [
        {"year": str(p.year), "kind": p.kind, "href": f"{unit_dir(p)}/index.md"}
        for p in sorted(mine, key=lambda p: (-p.year, p.kind))
    ]


def render_unit_page(
    pkg: Package,
    glossary: Glossary,
    files: list[formats.Download],
    zip_sha256: str = "",
    siblings: list[dict[str, str]] | None = None,
) -> str:
    base = unit_dir(pkg)
    exp = pkg.table(cat.EXPENDITURE_TABLE[pkg.kind])
    tables = []
    for kind in cat.tables_of(pkg.kind):
        res = pkg.table(kind.name)
        view = resource_view(res) if res is not None else None
        tables.append({"number": kind.number, "title": kind.title, "res": view, "empty": bool(view and view["empty"])})
    perf = pkg.table("performance_projects")
    return render(
        "unit.md.j2",
        siblings=siblings or [],
        pkg=package_view(pkg),
        page=f"{base}/index.md",
        base=base,
        files=files,
        citation=cite(pkg, "index.md", str(pkg.budget.get("documentTitle", "")), zip_sha256, "package"),
        jsonld=_jsonld(pkg, "index.md"),
        originals=[
            {
                "file": s["file"],
                "path": f"{base}/{s['path']}",
                "size": grouped(str(s.get("bytes", ""))),
                "sha256": str(s.get("hash", "")).removeprefix("sha256:"),
            }
            for s in published_sources(pkg)
        ],
        checks_summary=summary_line(pkg.checks) if pkg.checks else "",
        figures=analysis.key_figures(pkg),
        shares=analysis.class_shares(exp),
        shares_unit=exp.unit if exp else "",
        charts=unit_charts(pkg),
        tables=tables,
        printed=[resource_view(r) for r in as_printed(pkg)],
        not_imported=[in_words(x) for x in pkg.budget.get("notImported") or []],
        forms=len(perf.rows) if perf and perf.rows else 0,
        history_page=f"{HISTORY_DIR}/{pkg.slug}.md",
        glossary_page=f"{GLOSSARY_DIR}/index.md",
    )


def render_overview(pkg: Package, glossary: Glossary) -> str:
    sections = []
    for name, heading in (("duties", W.duties), ("offices", W.offices)):
        res = pkg.table(name)
        if res is None:
            continue
        items = []
        for r in res.rows:
            if name == "offices" and not r["duties"]:
                items.append({"kind": "office", "seq": r["seq"], "name": r["name"]})
            elif name == "offices":
                items.append({"kind": "office_duties", "seq": r["seq"], "name": r["name"], "text": r["duties"]})
            else:
                items.append({"kind": "duty", "text": f"{r['seq'] or ''}{r['text'] or ''}"})
        sections.append({"heading": heading, "intro": res.descriptor.get("intro"), "items": items})
    return render(
        "overview.md.j2",
        pkg=package_view(pkg),
        page=f"{unit_dir(pkg)}/overview.md",
        sections=sections,
        glossary=glossary,
    )


_ESCAPED = re.compile(r"\\(.)")


def text_blocks(markdown: str) -> list[dict[str, Any]]:
    """An explanation text (texts/NN.md) as plain blocks: paragraphs, and `### ` headings. Its Markdown escapes are
    undone here and the text is escaped again where it is rendered, so nothing in a text is ever markup."""
    blocks = []
    for para in markdown.strip().split("\n\n"):
        heading = para.startswith("### ")
        body = para[4:] if heading else para
        blocks.append({"heading": heading, "text": _ESCAPED.sub(r"\1", body)})
    return blocks


def render_explanations(pkg: Package, glossary: Glossary) -> str:
    gp = pkg.table("general_public_expenditure")
    sections = []
    for res in pkg.texts:
        body = res.text or ""
        chart = None
        if "结构图" in body and gp and gp.rows:
            chart = bars(W.structure_chart, analysis.function_classes(gp), gp.unit, W.class_axis)
        sections.append(
            {
                "title": res.title,
                "blocks": text_blocks(body) if body.strip() else [],
                "chart": chart,
                "forms_link": "绩效" in res.title and pkg.table("performance_projects") is not None,
            }
        )
    base = unit_dir(pkg)
    return render(
        "explanations.md.j2",
        pkg=package_view(pkg),
        page=f"{base}/explanations.md",
        base=base,
        sections=sections,
        glossary=glossary,
    )


def indicator_cells(rows: list[dict], cols: list[tuple[str, int]]) -> list[list[dict[str, Any]]]:
    """Indicator rows with merged cells for 一级 and 二级, as the printed form merges them."""
    merge = {"level1", "level2", "plan_level2", "year_level2"}
    span: dict[tuple[int, str], int] = {}
    owner: dict[str, int] = {}
    for i, r in enumerate(rows):
        new_group = r.get("level1") is not None
        for c, _ in cols:
            if c in merge and r.get(c) is None and c in owner and not (new_group and c != "level1") and i > 0:
                span[(owner[c], c)] += 1
                span[(i, c)] = 0
            else:
                owner[c] = i
                span[(i, c)] = 1
    out = []
    for i, r in enumerate(rows):
        cells = []
        for c, width in cols:
            n = span[(i, c)]
            if n:
                cells.append({"tag": "th" if c == "level1" else "td", "rows": n, "span": width, "text": r.get(c)})
        out.append(cells)
    return out


_NATIONAL_COLUMNS = [
    (c, 1) for c in ("level1", "plan_level2", "plan_level3", "plan_value", "year_level2", "year_level3", "year_value")
]
_SINGLE_COLUMNS = [("level1", 1), ("level2", 1), ("level3", 3), ("value", 2)]


def render_form(pkg: Package, p: dict, indicators: list[dict], printed_title: str, unit: str) -> str:
    """The form laid out as printed: the national 申报表, or a template with one set of indicators."""
    single = "category" in p
    return render(
        "form_single.md.j2" if single else "form_national.md.j2",
        p=p,
        pkg=package_view(pkg),
        printed_title=printed_title,
        unit=unit,
        indicator_count=len(indicators),
        indicator_rows=indicator_cells(indicators, _SINGLE_COLUMNS if single else _NATIONAL_COLUMNS),
    )


def render_performance(pkg: Package, site: Site, files: dict[str, list[formats.Download]]) -> list[Any]:
    base = unit_dir(pkg)
    projects = pkg.table("performance_projects")
    indicators = pkg.table("performance_indicators")
    if projects is None or not projects.rows:
        return []
    ind_rows = indicators.rows if indicators else []
    index_page = f"{base}/performance/index.md"
    title = W.forms_page.format(unit=pkg.unit, y=pkg.year)
    nav: list[Any] = [{engine.nav_title(title): index_page}]  # the page's title as written, not its heading's HTML
    forms = []
    for p in projects.rows:
        n = p["form"]
        rows = [r for r in ind_rows if str(r["form"]) == str(n)]
        page = f"{base}/performance/form-{n}.md"
        site.page(page, render_form(pkg, p, rows, projects.title, projects.unit))
        nav.append({engine.nav_title(f"{n}. {p['project_name']}"): page})
        forms.append({"row": p, "page": page, "indicators": len(rows)})
    resources = [resource_view(r) for r in (projects, indicators) if r is not None]
    site.page(
        index_page,
        render(
            "performance.md.j2",
            pkg=package_view(pkg),
            title=title,
            page=index_page,
            base=base,
            files=files,
            projects=resource_view(projects),
            unit=projects.unit,
            forms=forms,
            resources=resources,
        ),
    )
    return nav


def _check_target(pkg: Package, r: Any) -> tuple[str, str | None]:
    """The label of where a result sits, and the page it links to (if any)."""
    if r.resource is None:
        return "", None
    res = pkg.resources.get(r.resource)
    if res is None:
        return r.resource, None
    if res.is_table:
        label = W.at_row.format(title=res.title, row=r.row) if r.row else res.title
        if res.descriptor.get("tableNumber") or res.descriptor.get("asPrinted"):
            page = f"tables/{res.name}.md"
            return label, f"{page}#{row_anchor(r.row)}" if r.row else page
        k = (r.row or 0) - ROW_OFFSET
        if res.name in ("performance_projects", "performance_indicators") and 0 <= k < len(res.rows):
            form = k + 1 if res.name == "performance_projects" else res.rows[k].get("form")
            return label, f"performance/form-{form}.md"
        return label, None
    return res.title, "explanations.md"


def _smallest_step(pkg: Package) -> str:
    """The last printed digit of the package's totals, as the rounding example (0.01万元, 1元)."""
    step = analysis.last_digit(pkg.table("budget_summary"), ("income_amount", "expense_total"))
    return amount(step, pkg.table("budget_summary").unit) if step is not None else ""  # type: ignore[union-attr]


def render_checks_page(pkg: Package, csv_names: tuple[str, str]) -> str:
    results = pkg.checks
    sections = []
    for status in analysis.ORDER:
        mine = [r for r in results if r.status == status]
        if not mine:
            continue
        shown: dict[int, dict[str, Any]] = {}
        for r in mine:
            where, target = _check_target(pkg, r)
            diff = say(r.difference, r.unit) if r.difference not in (None, 0) else ""
            shown[id(r)] = {
                "where": where,
                "target": target,
                "check": r.check,
                "difference": diff,
                "explanation": r.explanation,
            }
        groups = [(kind, [shown[id(r)] for r in rs]) for kind, rs in analysis.by_kind(mine)]
        sections.append({"status": status, "count": len(mine), "items": list(shown.values()), "groups": groups})
    kind_counts = [(kind, summary(mine)) for kind, mine in analysis.by_kind(results) if kind in cat.CHECK_ZH]
    return render(
        "checks.md.j2",
        pkg=package_view(pkg),
        summary=summary_line(results),
        example_digit=_smallest_step(pkg),
        csv_names=csv_names,
        order=analysis.ORDER,
        status_zh=cat.STATUS_ZH,
        check_zh=cat.CHECK_ZH,
        kind_counts=kind_counts,
        sections=sections,
    )


def unit_downloads(pkg: Package, folder: str) -> tuple[list[formats.Download], dict[str, list[formats.Download]]]:
    """The unit's files of every unit-scoped format, and each table's of every table-scoped one, in `folder`."""
    terms = terms_of(pkg)
    unit = formats.downloads(formats.UNIT, formats.Subject(terms, pkg=pkg), folder)
    tables = {
        res.name: formats.downloads(formats.TABLE, formats.Subject(terms, pkg=pkg, res=res), folder)
        for res in pkg.resources.values()
        if res.is_table
    }
    return unit, tables


EXECUTION_HEADER = (
    "科目编码",
    "科目名称",
    "层级",
    "年初预算",
    "年初预算来源",
    "全年预算",
    "决算",
    "执行率（%）",
    "差额",
    "说明所述完成率（%）",
    "说明所述原因",
    "预算文件所印",
    "金额单位",
)


def _execution_records(ex: execution.Execution) -> list[list[Any]]:
    out: list[list[Any]] = []
    for line in [*ex.lines, *ex.three_public]:
        s = line.stated
        out.append(
            [
                line.code,
                line.name,
                line.level,
                _exact(line.planned),
                line.planned_source,
                (s.full_year if s else None) or "",
                _exact(line.spent),
                _exact(line.rate),
                _exact(line.difference),
                (s.completion if s else None) or "",
                s.reason if s else "",
                _exact(line.budget),
                ex.unit,
            ]
        )
    return out


def _stated_sentences(pkg: Package) -> list[dict[str, Any]]:
    """What the 情况说明 states of 机关运行经费, 政府采购 and 国有资产占用: each sentence once, with its figures."""
    res = pkg.table(cat.FINAL_STATED.name)
    out: list[dict[str, Any]] = []
    for r in res.rows if res is not None else []:
        key = (r["subject"], r["sentence"], r["located"])
        if not out or out[-1]["key"] != key:
            located = in_words(str(r["located"]))
            out.append({"key": key, "subject": r["subject"], "sentence": r["sentence"], "located": located})
            out[-1]["figures"] = []
        out[-1]["figures"].append(r)
    return out


def render_execution(pkg: Package, site: Site, others: list[Package]) -> str | None:
    """The 执行 page of a 决算 (planned against spent), its chart and its downloads; None where there is none."""
    budget = execution.budget_for(pkg, others)
    ex = execution.execution(pkg, budget)
    if ex is None:
        return None
    base = unit_dir(pkg)
    records = _execution_records(ex)
    csv_path, excel_path = f"{base}/data/execution.csv", f"{base}/data/execution.excel.csv"
    site.data(csv_path, csv_records(list(EXECUTION_HEADER), records).encode("utf-8"))
    site.data(excel_path, excel_csv_records(list(EXECUTION_HEADER), records, numeric={3, 5, 6, 7, 8, 9, 11}))
    files = [
        {"name": "execution.csv", "path": csv_path, "what": W.execution_csv.format(unit=ex.unit)},
        {"name": "execution.excel.csv", "path": excel_path, "what": W.execution_excel},
    ]
    groups = list(W.execution_groups)
    items = [
        (f"{line.code} {line.name}", [(groups[0], line.planned), (groups[1], line.spent)])
        for line in ex.lines
        if line.level == "项" and line.planned is not None
    ]
    chart = grouped_chart(W.execution_chart.format(unit=ex.unit), items, ex.unit) if items else None
    page = f"{base}/execution.md"
    return render(
        "execution.md.j2",
        pkg=package_view(pkg),
        ex=ex,
        page=page,
        base=base,
        chart=chart,
        files=files,
        budget={"href": f"{unit_dir(budget)}/index.md"} if budget is not None else None,
        said=_stated_sentences(pkg),
        said_csv=f"{cat.FINAL_STATED.name}.csv",
    )


def _write(site: Site, files: list[formats.Download], subject: formats.Subject) -> dict[str, bytes | Path]:
    written = {}
    for f in files:
        written[f.format.name] = content = f.format.writer(subject)
        site.data(f.path, content)
    return written


def unit_front_matter(section: str, unit: str, nav: list[Any]) -> str:
    """The header of a unit's pages: the navigation of its own pages, which the theme's sidebar
    (theme/partials/nav.html) draws under its year (`section`). Only the unit's pages are there, so a page is
    the same size however many units its year has; the other units are found through the year page, the
    units index and search. JSON (which is YAML) in ASCII, so no name can break out of the header."""

    def entries(items: list[Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for item in items:
            (title, target), *_ = item.items()
            if isinstance(target, list):
                out.append({"title": title, "children": entries(target)})
            else:
                entry = {"title": title, "url": engine.page_address(target, directory_urls=False)}
                if target.rsplit("/", 1)[-1] == "index.md":
                    entry["index"] = True  # the theme links its section's title to it (navigation.indexes)
                out.append(entry)
        return out

    data = {"section": section, "title": unit, "children": entries(nav)}
    return f"---\nunit_nav: {json.dumps(data, ensure_ascii=True, separators=(',', ':'))}\n---\n\n"


def render_package(
    pkg: Package,
    site: Site,
    glossary: Glossary,
    prev: Package | None = None,
    section: str = "",
    extra_nav: list[Any] | None = None,
    others: list[Package] | None = None,
) -> list[Any]:
    """All pages and downloads of one package; returns its navigation entries (`extra_nav` appended), which its
    pages carry in their header for the sidebar, under the site's `section`. `others` are the unit's other
    documents on the site (its budget and final accounts), which its pages link and its 执行 page compares."""
    base = unit_dir(pkg)
    site.hold()
    prov = _provenance(pkg)
    terms = terms_of(pkg)
    unit_files, table_files = unit_downloads(pkg, f"{base}/data")
    for res in pkg.resources.values():
        if res.is_table:
            _write(site, table_files[res.name], formats.Subject(terms, pkg=pkg, res=res))
    written = _write(site, unit_files, formats.Subject(terms, pkg=pkg))
    packed = written.get("zip", b"")
    site.data(f"{base}/data/datapackage.json", pkg.path / "datapackage.json")
    for src in published_sources(pkg):
        site.data(f"{base}/{src['path']}", pkg.path / src["path"])

    digest = hashlib.sha256(packed).hexdigest() if isinstance(packed, bytes) else _sha256_of(packed)
    site.page(f"{base}/index.md", render_unit_page(pkg, glossary, unit_files, digest, _siblings(pkg, others or [])))
    site.page(f"{base}/overview.md", render_overview(pkg, glossary))
    site.page(f"{base}/explanations.md", render_explanations(pkg, glossary))
    executed = render_execution(pkg, site, others or []) if pkg.final else None
    if executed is not None:
        site.page(f"{base}/execution.md", executed)
    table_nav = []
    for kind in cat.tables_of(pkg.kind):
        table = pkg.table(kind.name)
        if table is None:
            continue
        page = f"{base}/tables/{table.name}.md"
        site.page(page, render_table_page(pkg, table, glossary, prov, table_files[table.name] + unit_files, prev))
        table_nav.append({f"{kind.number}. {kind.title}": page})
    for res in as_printed(pkg):
        page = f"{base}/tables/{res.name}.md"
        site.page(page, render_table_page(pkg, res, glossary, prov, table_files[res.name] + unit_files, prev))
        table_nav.append({engine.nav_title(res.title): page})
    csv_names = ("checks.csv", "checks.excel.csv")
    checks, checks_excel = checks_csvs(pkg.checks)
    site.data(f"{base}/data/{csv_names[0]}", checks)
    site.data(f"{base}/data/{csv_names[1]}", checks_excel)
    site.page(f"{base}/checks.md", render_checks_page(pkg, csv_names))
    nav: list[Any] = [
        {W.nav_unit: f"{base}/index.md"},
        {W.nav_overview: f"{base}/overview.md"},
        {W.nav_tables_of[pkg.kind]: table_nav},
        {W.nav_explanations: f"{base}/explanations.md"},
        *([{W.nav_execution: f"{base}/execution.md"}] if executed is not None else []),
        {W.nav_checks: f"{base}/checks.md"},
    ]
    perf = render_performance(pkg, site, table_files)
    if perf:
        nav.append({W.nav_forms: perf})
    nav += extra_nav or []
    site.release(unit_front_matter(section, engine.nav_title(kind_label(pkg)), nav))
    site.not_in_nav.append(f"/{base}/")
    return nav


# ---------------------------------------------------------------------------------------------
# Site-wide pages


def render_home(packages: list[Package]) -> str:
    """The home page: each year with its number of budgets and final accounts (its page lists them), so it does
    not grow with them."""
    years = [
        {
            "year": y,
            "budgets": sum(p.year == y and not p.final for p in packages),
            "finals": sum(p.year == y and p.final for p in packages),
        }
        for y in sorted({p.year for p in packages}, reverse=True)
    ]
    finals = sum(p.final for p in packages)
    return render(
        "home.md.j2",
        documents=len(packages) - finals,
        finals=finals,
        units=len({p.unit for p in packages}),
        years=years,
        units_index=f"{HISTORY_DIR}/index.md",
    )


COMPARE_PAGE_SIZE = 50  # units a year's page lists at a time
COMPARE_CHART_UNITS = 15  # the largest units in the year's chart
COMPARE_COLUMNS = ("income", "basic", "project", "fiscal", "three_public", "operating")


def _exact(value: Decimal | None) -> str:
    """A converted amount written out exactly: 4,412,547 元 is 441.2547 万元, and 853.70 万元 stays 853.70."""
    return "" if value is None else format(value, "f")


def render_year(
    year: int, packages: list[Package], page: str, site: Site, history: dict[str, list[Package]] | None = None
) -> str:
    """A year's page: every unit's main figures in one unit, sortable and filterable (compare.js, from the year's
    compare.json, a page at a time), the first page in the HTML itself; a chart of the largest units; and the
    same table as CSV."""
    folder = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    rows: list[dict[str, Any]] = []
    address = functools.partial(engine.page_address, directory_urls=False)  # pages are files; links are relative
    for p in packages:
        f = analysis.unit_figures(p, analysis.previous(p, (history or {}).get(p.slug, [])))
        rows.append(
            {
                "name": kind_label(p),
                "href": address(f"{p.slug}/index.md"),
                "values": {c: _exact(getattr(f, c)) for c in COMPARE_COLUMNS},
                "expense": _exact(f.expense),
                "change": "" if f.change is None else format(f.change, "f"),
                "links": {
                    "three_public": address(f"{p.slug}/tables/three_public.md") if f.three_public is not None else "",
                    "operating": address(f"{p.slug}/tables/operating_costs.md") if f.operating is not None else "",
                },
                "figures": f,
                "final": p.final,
            }
        )
    rows.sort(key=lambda r: (r["figures"].expense is None, -(r["figures"].expense or 0), r["name"]))
    # what was planned is not ranked with what was spent: the chart shows the budgets, or the 决算 of a year with none
    budgets = [r for r in rows if not r["final"]]
    ranked = (budgets or rows)[:COMPARE_CHART_UNITS]
    chart = bars(
        (W.compare_chart if budgets else W.compare_chart_final).format(n=len(ranked), unit=cat.COMPARISON_UNIT),
        [(r["name"], r["figures"].expense) for r in ranked if r["figures"].expense is not None],
        cat.COMPARISON_UNIT,
        W.unit_axis,
    )
    data = [
        [
            r["name"],
            r["href"],
            *(r["values"][c] for c in COMPARE_COLUMNS),
            r["expense"],
            r["change"],
            r["links"]["three_public"],
            r["links"]["operating"],
        ]
        for r in rows
    ]
    site.data(folder + COMPARE_JSON, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    site.data(folder + COMPARE_CSV, _compare_csv(rows))
    return render(
        "year.md.j2",
        year=year,
        rows=rows[:COMPARE_PAGE_SIZE],
        total=len(rows),
        finals=len(rows) - len(budgets),
        page_size=COMPARE_PAGE_SIZE,
        unit=cat.COMPARISON_UNIT,
        chart=chart,
        page=page,
        compare_json=COMPARE_JSON,
        compare_csv=COMPARE_CSV,
    )


COMPARE_JSON = "compare.json"
COMPARE_CSV = "compare.csv"


def _compare_csv(rows: list[dict[str, Any]]) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    unit = cat.COMPARISON_UNIT
    w.writerow(
        [
            W.compare_unit,
            *(W.compare_header.format(column=getattr(W, f"compare_{c}"), unit=unit) for c in COMPARE_COLUMNS),
            W.compare_header.format(column=W.compare_expense, unit=unit),
            W.compare_change_header,
        ]
    )
    for r in rows:
        w.writerow([r["name"], *(r["values"][c] for c in COMPARE_COLUMNS), r["expense"], r["change"]])
    return buf.getvalue().encode("utf-8")


def history_charts(pkgs: list[Package]) -> list[Chart]:
    out: list[Chart] = []
    unit = cat.COMPARISON_UNIT
    items = []
    for t in (analysis.totals(p) for p in pkgs):
        parts = [
            (W.basic, analysis.in_comparison_unit(t.basic, t.unit)),
            (W.project, analysis.in_comparison_unit(t.project, t.unit)),
        ]
        items.append((W.year.format(y=t.year), parts))
    c = stacked(W.history_unit_chart.format(unit=unit), items, unit, W.year_axis)
    if c:
        out.append(c)
    c = grouped_chart(
        W.history_class_chart.format(unit=unit),
        analysis.class_history(pkgs, lambda y: str(W.year.format(y=y))),
        unit,
        W.class_axis,
    )
    if c:
        out.append(c)
    return out


def render_history(pkgs: list[Package], link: Callable[[Package], tuple[str | None, str | None]]) -> str:
    """The page of one unit across the years it has packages for. `link` gives a year's Markdown target or, for
    another year's snapshot, its address."""
    pkgs = sorted(pkgs, key=lambda p: p.year)
    rows = []
    for p in pkgs:
        target, href = link(p)
        rows.append({"totals": analysis.totals(p), "link": target, "href": href})
    return render(
        "history.md.j2",
        unit=pkgs[-1].unit,
        rows=rows,
        charts=history_charts(pkgs) if len(pkgs) > 1 else [],
        priors=analysis.prior_checks(pkgs),
    )


RENDER_AHEAD = 40  # units not in the cache from which their pages are rendered on two processes first
_AHEAD: dict[str, Any] = {}  # what the forked renderers inherit instead of receiving it pickled


def _render_ahead(
    units: list[Any], site: Site, glossary: Glossary, cache: Path | None, bulk: tuple[str, Callable] | None = None
) -> None:
    """With many units whose pages are not in the cache, render them into it first on two processes (the pages
    of one unit depend only on what its key holds), one unit a task; the year's bulk downloads (`bulk`: their key,
    and the function of a Site that writes them) are one more task, taken first, so they are made while the
    other process renders units. The renderer then takes all of it from the cache."""
    if cache is None or site.out is None or (os.cpu_count() or 1) < 2:
        return
    todo = [u for u in units if u[4] and not (cache / u[4] / "meta.json").is_file()]
    if len(todo) < RENDER_AHEAD:
        return
    jobs: list[tuple[str, Callable[[Site], Any]]] = []
    if bulk is not None and bulk[0] and not (cache / bulk[0] / "meta.json").is_file():
        jobs.append(bulk)
    for pkg, prev, section, extra, key, mine in todo:
        jobs.append(
            (
                key,
                functools.partial(
                    render_package, pkg, glossary=glossary, prev=prev, section=section, extra_nav=extra, others=mine
                ),
            )
        )
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .load import inherited_heap_frozen

    _AHEAD.update(jobs=jobs, out=site.out, link=site.link, cache=cache)
    try:
        ctx = multiprocessing.get_context("fork")
        with inherited_heap_frozen(), ProcessPoolExecutor(2, mp_context=ctx) as pool:
            list(pool.map(_render_job, range(len(jobs))))
    finally:
        _AHEAD.clear()


def _render_job(k: int) -> None:
    key, produce = _AHEAD["jobs"][k]
    site = Site(out=_AHEAD["out"], link=_AHEAD["link"])
    cached(site, _AHEAD["cache"], key, functools.partial(produce, site))


def _history_page(site: Site, path: str, front: str, pkgs: list[Package], link: Callable) -> None:
    site.page(path, front + render_history(pkgs, link))


def render_site(
    packages: list[Package],
    history: list[Package] | None = None,
    snapshot: bool = False,
    out: Path | None = None,
    site_url: str | None = None,
    cache: Path | None = None,
) -> Site:
    """Pages for the packages. `history` adds earlier years for comparisons and the history pages; a snapshot
    holds one year with unit pages at <unit>/ (no year in the path, so the same page has the same address in
    every year's snapshot). With `out` (an empty directory) the files are written there as they are rendered; with
    `cache` too, a package's pages and files (and the bulk downloads) are rendered only when what they depend on has
    changed, and otherwise linked from the cache."""
    history = history if history is not None else packages
    site = Site(out=out, link=snapshot and out is not None)
    glossary = Glossary()
    for pkg in packages:
        pkg.site_base = pkg.slug if snapshot else ""
        pkg.site_url = site_url or ""
        g = pkg.table("glossary")
        if g:
            for r in g.rows:
                glossary.add(str(r["term"]), str(r["definition"]), W.glossary_source.format(unit=pkg.unit, y=pkg.year))
    terms = sorted(glossary.entries)
    by_slug: dict[str, list[Package]] = {}  # each unit's packages across the history, to find its other years
    for p in history:
        by_slug.setdefault(p.slug, []).append(p)
    fronts: dict[str, str] = {}  # a snapshot's history pages carry their unit's navigation
    # the site's navigation holds no unit: each unit's pages carry their own (unit_front_matter)
    nav: list[Any] = [] if snapshot else [{W.nav_home: "index.md"}]
    # what each unit's pages are made of: the package, its previous year, its section, its extra navigation, the
    # content key of all of these, and the unit's other documents on the site (which its pages link)
    units: list[tuple[Package, Package | None, str, list[Any], str, list[Package]]] = []
    for year in sorted({p.year for p in packages}, reverse=True):
        section = str(W.year.format(y=year))
        for pkg in sorted((p for p in packages if p.year == year), key=lambda p: p.slug):
            # in a snapshot the unit's history page is one of its pages
            extra = [{W.nav_history: f"{HISTORY_DIR}/{pkg.slug}.md"}] if snapshot else []
            prev = analysis.previous(pkg, by_slug.get(pkg.slug, []))
            mine = [p for p in packages if p.unit == pkg.unit and p is not pkg]
            key = content_key(
                "package",
                pkg.content_key,
                prev.content_key if prev else None,
                terms,
                pkg.site_base,
                site_url,
                section,
                extra,
                repr(terms_of(pkg)),
                [(p.content_key, p.kind, unit_dir(p)) for p in mine],
            )
            key = key if all(p.content_key for p in mine) else ""
            units.append((pkg, prev, section, extra, key, mine))
    bulk_key = ""
    if packages:
        bulk_key = content_key("bulk", *(p.content_key for p in packages), snapshot, repr(terms_of(packages[0])))

    def downloads(into: Site) -> str:
        return render_downloads(packages, into, snapshot)

    _render_ahead(units, site, glossary, cache, (bulk_key, downloads))
    for year in sorted({p.year for p in packages}, reverse=True):
        in_year = [p for p in packages if p.year == year]
        year_page = "index.md" if snapshot else f"{year}/index.md"
        section = str(W.year.format(y=year))
        site.page(year_page, render_year(year, in_year, year_page, site, by_slug))
        for pkg, prev, _section, extra, key, mine in (u for u in units if u[0].year == year):
            produce = functools.partial(render_package, pkg, site, glossary, prev, section, extra, mine)
            unit_nav = cached(site, cache, key, produce)
            if snapshot:
                fronts[pkg.slug] = unit_front_matter(section, engine.nav_title(kind_label(pkg)), unit_nav)
        # a snapshot's year page is its home page, which the theme finds only at the top of the navigation
        nav.append({section: year_page} if snapshot else {section: [year_page]})
    latest: dict[str, int] = {}
    for p in packages:
        latest[p.slug] = max(p.year, latest.get(p.slug, p.year))
    index = []
    for slug in sorted(latest):
        mine = [p for p in by_slug.get(slug, []) if p.year <= latest[slug]]
        link = _history_link(packages, snapshot)
        key = content_key("history", fronts.get(slug), [(p.content_key, link(p)) for p in mine])
        key = key if all(p.content_key for p in mine) else ""
        page = functools.partial(_history_page, site, f"{HISTORY_DIR}/{slug}.md", fronts.get(slug, ""), mine, link)
        cached(site, cache, key, page)
        newest = max(mine, key=lambda p: p.year)
        index.append({"unit": kind_label(newest), "slug": slug, "page": f"{slug}.md", "years": [p.year for p in mine]})
    site.not_in_nav.append(f"/{HISTORY_DIR}/")
    if not snapshot:
        site.page(f"{HISTORY_DIR}/index.md", render("units.md.j2", units=index))
        nav.append({W.nav_units: f"{HISTORY_DIR}/index.md"})
        site.page("index.md", render_home(packages))
    site.page(f"{GLOSSARY_DIR}/index.md", render("glossary.md.j2", entries=glossary.page_entries()))
    nav.append({W.nav_glossary: f"{GLOSSARY_DIR}/index.md"})
    if packages:
        site.data(CATALOG, linked.catalog(packages, terms_of(packages[0]), snapshot))
        page = cached(site, cache, bulk_key, functools.partial(downloads, site))
        site.page(f"{DOWNLOADS_DIR}/index.md", page)
        nav.append({W.nav_downloads: f"{DOWNLOADS_DIR}/index.md"})
    years = sorted({p.year for p in packages}, reverse=True)
    site.page(SEARCH_PAGE, render("search.md.j2", years=years, snapshot=snapshot))
    nav.append({W.nav_search: SEARCH_PAGE})
    nav.append({W.nav_about: "about.md"})
    site.nav = nav
    return site


SEARCH_PAGE = "search.md"  # the search page, at the root of the site and of each snapshot


CATALOG = "catalog.jsonld"  # the DCAT catalogue of every dataset and distribution, at the site's root
DOWNLOADS_DIR = "downloads"  # the bulk downloads of everything the site (or the snapshot) holds


def render_downloads(packages: list[Package], site: Site, snapshot: bool) -> str:
    """The bulk files (every year-scoped format per year and, on the site, for all years; every all-scoped format
    once) and their page."""
    files: list[dict[str, Any]] = []
    for scope, subject in formats.bulk_subjects(packages, snapshot):
        for f in formats.downloads(scope, subject, DOWNLOADS_DIR):
            content = f.format.writer(subject)
            site.data(f.path, content)
            size = len(content) if isinstance(content, bytes) else content.stat().st_size
            files.append({"name": f.file, "what": f.what, "size": grouped(str(size))})
    sqlite = next((f for f in formats.FORMATS if f.name == "sqlite"), None)
    return render("downloads.md.j2", files=files, sqlite_name=sqlite.filename if sqlite else "")


def _history_link(packages: list[Package], snapshot: bool) -> Callable[[Package], tuple[str | None, str | None]]:
    """How the history page links to a year: a page of this site, or (in a snapshot) the other year's snapshot."""
    here = {(p.year, p.slug) for p in packages}

    def link(p: Package) -> tuple[str | None, str | None]:
        if not snapshot:
            return f"../{p.year}/{p.slug}/index.md", None
        if (p.year, p.slug) in here:
            return f"../{p.slug}/index.md", None
        return None, engine.other_snapshot_href(p.year, f"{p.slug}/index.html", depth=2)

    return link
