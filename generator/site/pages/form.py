"""A performance form's page, laid out as printed: the national 申报表 (form_national), or a template with one set of
indicators (form_single)."""

from __future__ import annotations

from typing import Any

from ...package import Package
from ..markup import render
from ..views import package_view


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
