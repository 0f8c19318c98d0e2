"""A unit's page: its key figures and charts, its tables, the originals, its downloads and the summary of its checks."""

from __future__ import annotations

from ... import analysis
from ... import catalogue as cat
from ...addresses import UNIT_INDEX, Edition, glossary_page, history_page, original, unit_page
from ...amounts import grouped
from ...charts import unit_charts
from ...downloads.registry import Download
from ...package import Package
from ..glossary import Glossary
from ..markup import render
from ..views import (
    as_printed,
    cite,
    in_words,
    jsonld,
    package_view,
    published_sources,
    resource_view,
    siblings,
    summary_line,
)


def render_unit_page(
    pkg: Package,
    glossary: Glossary,
    files: list[Download],
    at: Edition,
    zip_sha256: str = "",
    others: list[Package] | None = None,
) -> str:
    base = at.unit(pkg)
    exp = pkg.table(cat.EXPENDITURE_TABLE[pkg.kind])
    tables = []
    for kind in cat.tables_of(pkg.kind):
        res = pkg.table(kind.name)
        view = resource_view(res) if res is not None else None
        tables.append({"number": kind.number, "title": kind.title, "res": view, "empty": bool(view and view["empty"])})
    perf = pkg.table("performance_projects")
    return render(
        "unit.md.j2",
        siblings=siblings(pkg, others or [], at),
        pkg=package_view(pkg),
        page=unit_page(base),
        base=base,
        files=files,
        citation=cite(pkg, at, UNIT_INDEX, str(pkg.budget.get("documentTitle", "")), zip_sha256, "package"),
        jsonld=jsonld(pkg, at, UNIT_INDEX, others=others),
        originals=[
            {
                "file": s["file"],
                "path": original(base, s["path"]),
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
        history_page=history_page(pkg.slug),
        glossary_page=glossary_page(),
    )
