"""A table's page: the table as printed, its chart, its comparison with the year before, its downloads and where it
was printed."""

from __future__ import annotations

from ... import analysis
from ...addresses import Edition, table_in_unit, table_page
from ...charts import chart_for_table
from ...downloads.registry import Download
from ...package import Package, Resource
from ..glossary import Glossary
from ..markup import render
from ..views import cite, jsonld, original_link, package_view, resource_view, sha256_of, table_view


def render_table_page(
    pkg: Package,
    res: Resource,
    glossary: Glossary,
    prov: dict[str, list[str]],
    files: list[Download],
    at: Edition,
    prev: Package | None = None,
) -> str:
    base = at.unit(pkg)
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
        page=table_page(base, res.name),
        base=base,
        files=files,
        glossary=glossary,
        chart=None if view["empty"] else chart_for_table(res),
        table=table_view(res, prov.get(res.name)),
        compared=compared,
        original=original_link(pkg, res, at),
        jsonld=jsonld(pkg, at, table_in_unit(res.name), res),
        citation=cite(
            pkg, at, table_in_unit(res.name), res.title, sha256_of(pkg.path / res.descriptor["path"]), res.name
        ),
    )
