"""A year's units side by side: each unit's main figures converted into one amount unit, largest first, as the
year's page shows them and as files beside it (compare.json, which the page's sortable table reads, and
compare.csv)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .. import analysis
from .. import catalogue as cat
from ..addresses import COMPARE_CSV, COMPARE_JSON, page_address, table_page, unit_page
from ..amounts import exact
from ..package import Package
from ..wording import W, kind_label

__all__ = ["COMPARE_CSV", "COMPARE_JSON", "COLUMNS", "Comparison", "comparison", "comparison_csv", "comparison_json"]

COLUMNS = ("income", "basic", "project", "fiscal", "three_public", "operating")
Comparison = list[dict[str, Any]]  # a row per unit: name, href, values, expense, change, links, figures, final


def comparison(packages: list[Package], history: dict[str, list[Package]]) -> Comparison:
    """The year's units with their figures (`history`: each unit's packages across the years, for 比上年), by
    支出总计 from the largest; addresses relative to the year's page."""
    rows: Comparison = []
    for p in packages:
        f = analysis.unit_figures(p, analysis.previous(p, history.get(p.slug, [])))
        rows.append(
            {
                "name": kind_label(p),
                "href": page_address(unit_page(p.slug)),
                "values": {c: exact(getattr(f, c)) for c in COLUMNS},
                "expense": exact(f.expense),
                "change": "" if f.change is None else format(f.change, "f"),
                "links": {
                    "three_public": page_address(table_page(p.slug, "three_public"))
                    if f.three_public is not None
                    else "",
                    "operating": page_address(table_page(p.slug, "operating_costs")) if f.operating is not None else "",
                },
                "figures": f,
                "final": p.final,
            }
        )
    rows.sort(key=lambda r: (r["figures"].expense is None, -(r["figures"].expense or 0), r["name"]))
    return rows


def comparison_json(rows: Comparison) -> bytes:
    """The rows as compare.js reads them: [name, href, the six COLUMNS, 支出总计, 比上年, the 三公 and 机关运行经费
    tables' addresses]."""
    data = [
        [
            r["name"],
            r["href"],
            *(r["values"][c] for c in COLUMNS),
            r["expense"],
            r["change"],
            r["links"]["three_public"],
            r["links"]["operating"],
        ]
        for r in rows
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def comparison_csv(rows: Comparison) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    unit = cat.COMPARISON_UNIT
    w.writerow(
        [
            W.compare_unit,
            *(W.compare_header.format(column=getattr(W, f"compare_{c}"), unit=unit) for c in COLUMNS),
            W.compare_header.format(column=W.compare_expense, unit=unit),
            W.compare_change_header,
        ]
    )
    for r in rows:
        w.writerow([r["name"], *(r["values"][c] for c in COLUMNS), r["expense"], r["change"]])
    return buf.getvalue().encode("utf-8")
