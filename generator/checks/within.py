"""Fiscal identities (勾稽关系) within one table, table by table: which sums of `sums` and `two_sided` each table
of the catalogue must satisfy, and those of its own (the 收入总表's sources, the “三公” items, a list of projects or
units and its 合计). The row labels and table roles they rely on are the catalogue's and `vocabulary`'s; what they
say about a figure is data (a Result)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import catalogue as cat
from ..package import Package, Resource
from . import vocabulary as vocab
from .core import Result, cell, identity
from .sums import amount_fields, economic_hierarchy, find_row, hierarchy, row_sums, total_of_rows
from .two_sided import two_sided


def _is_total_row(r: dict) -> bool:
    return any(re.sub(r"\s+", "", str(r.get(k) or "")) in cat.UNIT_TOTALS for k in ("unit_name", "project_name"))


def project_rows(res: Resource) -> list[int]:
    """The rows of a table of projects that are projects, not its printed 合计."""
    return [i for i, r in enumerate(res.rows) if not _is_total_row(r)]


def _income_sums(res: Resource) -> Iterator[Result | None]:
    """合计 = this year's sources + what was carried over, row by row; where printed, 本年收入小计 = this year's
    sources and 上年结转 = its parts."""
    names = {f["name"] for f in res.fields}
    current = [f for f in cat.INCOME_CURRENT if f in names]
    parts = [f for f in cat.INCOME_CARRYOVER_PARTS if f in names]
    carried = ["carryover"] if "carryover" in names else parts
    if "current_total" in names:
        yield from row_sums(res, "current_total", current)
        yield from row_sums(res, "total", ["current_total", *carried])
    else:
        yield from row_sums(res, "total", [*current, *carried])
    if parts and "carryover" in names:
        yield from row_sums(res, "carryover", parts)


def within_tables(pkg: Package) -> Iterator[Result | None]:
    for name in vocab.HIERARCHY_TABLES:
        res = pkg.table(name)
        if res and res.rows:
            yield from hierarchy(res)
    for name in cat.BASIC_PROJECT_TABLES:
        res = pkg.table(name)
        if res and res.rows:
            yield from row_sums(res, "total", list(cat.EXPENDITURE_PARTS))
    res = pkg.table("income_summary")
    if res and res.rows:
        yield from _income_sums(res)
    res = pkg.table("general_public_basic_economic")
    if res and res.rows:
        yield from economic_hierarchy(res)
        yield from row_sums(res, "total", ["personnel", "public_operation"])
    for name in vocab.ROW_TOTAL_TABLES:
        res = pkg.table(name)
        if res and res.rows:
            yield from row_sums(res, "total", [f for f in amount_fields(res) if f != "total"])
    for name in ("projects_current", "projects_carryover"):
        res = pkg.table(name)
        if res and res.rows:
            total = next((i for i, r in enumerate(res.rows) if _is_total_row(r)), None)
            yield from total_of_rows(res, total, project_rows(res), f"{res.title}：合计的“{{f}}”应等于各项目之和")
    res = pkg.table("operating_costs")
    if res and res.rows:
        total = find_row(res, "unit_name", lambda s: s in cat.UNIT_TOTALS)
        others = [i for i in range(len(res.rows)) if i != total]
        yield from total_of_rows(res, total, others, f"{res.title}：部门合计的“{{f}}”应等于各单位之和")
    res = pkg.table("three_public")
    if res and res.rows:
        yield from _three_public(res)
    for name, alternatives in vocab.TWO_SIDED_PARTS.items():
        res = pkg.table(name)
        if res and res.rows:
            yield from two_sided(res, alternatives)


def three_public_key(label: str) -> str:
    """A “三公” row's label as the checks know it: 1、因公出国（境）费用 → 因公出国境费, ①公务用车购置费 → ①购置费,
    “三公”经费合计 → 合计."""
    k = re.sub(vocab.THREE_PUBLIC_NUMBERING, "", re.sub(r"\s+", "", label))
    k = re.sub(r"[()（）]", "", k)
    if "三公" in k and (k.endswith(cat.THREE_PUBLIC_TOTALS) or k.endswith("经费")) or k in cat.THREE_PUBLIC_TOTALS:
        return vocab.THREE_PUBLIC_TOTAL
    k = re.sub(vocab.THREE_PUBLIC_WITHOUT_FEE, r"\1费", k)  # 公务用车购置 printed without its 费
    for a, b in vocab.THREE_PUBLIC_SAME:
        k = k.replace(a, b)
    return k


def _three_public(res: Resource) -> Iterator[Result | None]:
    # labels vary: 因公出国（境）费 / 因公出国(境)费用 / 1、因公出国（境）费用; ①公务用车购置费 / 购置费
    items = {three_public_key(str(r.get("item") or "")): i for i, r in enumerate(res.rows)}
    total = items.get(vocab.THREE_PUBLIC_TOTAL)
    main = [i for k, i in items.items() if k in vocab.THREE_PUBLIC_ITEMS]
    car = items.get(vocab.THREE_PUBLIC_CAR)
    car_parts = [
        i
        for k, i in items.items()
        if k.startswith(vocab.THREE_PUBLIC_CAR_PART_MARKS) or k in vocab.THREE_PUBLIC_CAR_PARTS
    ]
    for f in amount_fields(res):
        if total is not None and main:
            yield identity(
                "total-sum",
                cell(res, total, f),
                [cell(res, i, f) for i in main],
                f"{res.title}：“三公”经费合计应等于三项之和",
            )
        if car is not None and car_parts:
            yield identity(
                "hierarchy-sum",
                cell(res, car, f),
                [cell(res, i, f) for i in car_parts],
                f"{res.title}：公务用车购置及运行费应等于购置费与运行维护费之和",
            )
