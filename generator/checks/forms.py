"""The performance forms (绩效目标申报表): each form's fund sources add up to its total, and its year's funds are
the 项目支出表's figure for the project of the same name."""

from __future__ import annotations

from collections.abc import Iterator

from .. import catalogue as cat
from ..package import Package
from .core import ERROR, UNCHECKED, Result, cell, identity, same
from .sums import find_row


def performance(pkg: Package) -> Iterator[Result | None]:
    forms = pkg.table("performance_projects")
    proj = pkg.table("projects_current")
    if forms is None or not forms.rows:
        return
    names = [f["name"] for f in forms.fields]
    for i, r in enumerate(forms.rows):
        name = r.get("project_name")
        for side, zh in (("plan", "实施期"), ("year", "年度")):
            # the fund sources this form prints: 中央/省级/市县/自筹/其他, or 财政资金/当年拨款/上年结转/其他
            parts = [n for n in names if n.startswith(f"{side}_") and n != f"{side}_total"]
            if f"{side}_total" in names and parts:
                yield identity(
                    "form-sources",
                    cell(forms, i, f"{side}_total"),
                    [cell(forms, i, p) for p in parts],
                    f"绩效目标申报表“{name}”：{zh}资金总额应等于各资金来源之和",
                )
        j = None if proj is None else find_row(proj, "project_name", lambda s, n=name: s == n)
        if proj is None or j is None:
            total = cell(forms, i, "year_total")
            status, why = (
                (UNCHECKED, f"本文件未公开{cat.BY_NAME['projects_current'].title}，年度资金无从对照，未核对。")
                if proj is None
                else (ERROR, f"在{cat.BY_NAME['projects_current'].title}中找不到同名项目。")
            )
            yield Result(
                "form-vs-project",
                status,
                forms.name,
                i + 2,
                "year_total",
                None,
                total.value,
                None,
                f"绩效目标申报表“{name}”：{why}",
                (total.ref,),
            )
            continue
        yield same(
            "form-vs-project",
            cell(forms, i, "year_total"),
            cell(proj, j, "total"),
            f"绩效目标申报表“{name}”的年度资金总额（{forms.unit}）应等于{cat.BY_NAME['projects_current'].title}中该项目的金额"
            + (f"（{proj.unit}，折合为{forms.unit}）" if proj.unit != forms.unit else ""),
        )
