"""What pages show of a package, gathered in Python for the templates: a table's cells and text version, a
resource's fields, where a row or table was printed (in words, and as a link into the original), the citation and
schema.org description of a page."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from .. import catalogue as cat
from ..addresses import Edition, original, permanent, unit_page
from ..checks import summary
from ..downloads import linked
from ..package import Package, Resource
from ..terms import citation
from ..wording import W, kind_label
from .markup import grouped_figure

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


def where_printed(source: str) -> str:
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
                cells.append((grouped_figure(value), r, False, 0))
                continue
            text = "" if value is None else str(value)
            strong = bool(text) and name in (*_LABEL_COLUMNS, "code") and level in ("类", cat.TOTAL_CODE)
            indent = _INDENT.get(str(level), 0) if name in _LABEL_COLUMNS else 0
            cells.append((text, r, strong, indent))
        source = where_printed(sources[n]) if sources is not None and n < len(sources) else ""
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


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published_sources(pkg: Package) -> list[dict[str, Any]]:
    """The original files published beside the package (checked when it was read)."""
    return [s for s in pkg.descriptor.get("sources", []) if s.get("path")]


_PRINTED_AT = re.compile(r"^(?P<file>.+?): page (?P<page>\d+)|^(?P<text>.+?):(?P<line>\d+)$")


def original_link(pkg: Package, res: Resource, at: Edition) -> dict[str, Any] | None:
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
        "path": original(at.unit(pkg), src["path"]),
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


def provenance(pkg: Package) -> dict[str, list[str]]:
    prov = pkg.resources.get("provenance")
    out: dict[str, list[str]] = {}
    if prov:
        for r in prov.rows:
            out.setdefault(str(r["resource"]), []).append(str(r["source"]))
    return out


def summary_line(results: list) -> str:
    counts = summary(results)
    order = (cat.PASS, cat.ROUNDING, cat.SOURCE_ERROR, cat.ERROR, cat.UNCHECKED)
    parts = [f"{counts[s]} {cat.STATUS_ZH[s]}" for s in order if counts[s]]
    return str(W.checks_summary.format(total=len(results), parts=W.clause_sep.join(parts)))


def as_printed(pkg: Package) -> list[Resource]:
    """The tables read as printed (not in the catalogue's shape), in the package's order."""
    return [r for r in pkg.resources.values() if r.is_table and r.descriptor.get("asPrinted")]


def jsonld(
    pkg: Package, at: Edition, page: str, res: Resource | None = None, others: list[Package] | None = None
) -> Any:
    """The schema.org Dataset script of a unit's page (`others`: the unit's other documents on the site) or a
    table's page; `page` from the unit's folder."""
    files = linked.unit_files(pkg, at.terms, others or [], res)
    return linked.script(linked.dataset(pkg, at.terms, permanent(pkg, page), files, res))


def cite(pkg: Package, at: Edition, page: str, title: str, sha256: str, key: str) -> dict[str, str]:
    """The 引用 block of a unit's page: its permanent address and the SHA-256 of the data it shows."""
    return citation(
        at.terms, pkg.unit, pkg.year, title, permanent(pkg, page), sha256, f"{pkg.slug}-{pkg.year}-{key}", pkg.kind
    )


def siblings(pkg: Package, others: list[Package], at: Edition) -> list[dict[str, str]]:
    """The unit's other documents this site holds (its budget and final accounts of each year), newest first."""
    mine = [p for p in others if p.unit == pkg.unit and p is not pkg]
    return [
        {"year": str(p.year), "kind": p.kind, "href": unit_page(at.unit(p))}
        for p in sorted(mine, key=lambda p: (-p.year, p.kind))
    ]
