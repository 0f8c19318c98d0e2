"""A unit's 数据核对 page: every check's result by status and kind, each linked to the row or text it is about."""

from __future__ import annotations

from typing import Any

from ... import analysis
from ... import catalogue as cat
from ...addresses import EXPLANATIONS, form_in_unit, table_in_unit
from ...amounts import amount, say
from ...checks import summary
from ...downloads.registry import Download
from ...package import Package
from ...wording import W
from ..markup import render
from ..views import ROW_OFFSET, package_view, row_anchor, summary_line


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
            page = table_in_unit(res.name)
            return label, f"{page}#{row_anchor(r.row)}" if r.row else page
        k = (r.row or 0) - ROW_OFFSET
        if res.name in ("performance_projects", "performance_indicators") and 0 <= k < len(res.rows):
            form = k + 1 if res.name == "performance_projects" else res.rows[k].get("form")
            return label, form_in_unit(form)
        return label, None
    return res.title, EXPLANATIONS


def _smallest_step(pkg: Package) -> str:
    """The last printed digit of the package's totals, as the rounding example (0.01万元, 1元)."""
    step = analysis.last_digit(pkg.table("budget_summary"), ("income_amount", "expense_total"))
    return amount(step, pkg.table("budget_summary").unit) if step is not None else ""  # type: ignore[union-attr]


def render_checks_page(pkg: Package, files: list[Download]) -> str:
    """The page, with `files` (checks.csv and its Excel copy) listed for download."""
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
        files=files,
        order=analysis.ORDER,
        status_zh=cat.STATUS_ZH,
        check_zh=cat.CHECK_ZH,
        kind_counts=kind_counts,
        sections=sections,
    )
