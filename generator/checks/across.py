"""Fiscal identities (勾稽关系) across the tables of a package: the same total or class printed in the 收支总表, the
收入总表, the 支出总表, the 财政拨款收支总表, the 一般公共预算支出表 and its 基本支出 table, the 项目支出表 and the 机关运行经费
table, each compared where both print it."""

from __future__ import annotations

from collections.abc import Iterator

from .. import catalogue as cat
from ..amounts import say
from ..package import Package, Resource
from . import vocabulary as vocab
from .core import ERROR, UNCHECKED, Result, cell, identity, same
from .sums import find_row
from .two_sided import SEQ, grand_total
from .within import project_rows


def _row(res: Resource | None, field: str, test) -> int | None:
    return None if res is None or not res.rows else find_row(res, field, test)


def across_tables(pkg: Package) -> Iterator[Result | None]:
    summ = pkg.table("budget_summary")
    inc = pkg.table("income_summary")
    exp = pkg.table("expenditure_summary")
    fisc = pkg.table("fiscal_summary")
    gp = pkg.table("general_public_expenditure")
    econ = pkg.table("general_public_basic_economic")
    proj = pkg.table("projects_current")
    ops = pkg.table("operating_costs")

    def prints(res: Resource | None, field: str) -> bool:
        return res is not None and any(f["name"] == field for f in res.fields)

    has_gp_income = prints(inc, "general_public")

    def total_row(res: Resource | None) -> int | None:
        return _row(res, "code", lambda s: s == cat.TOTAL_CODE)

    s_in = _row(summ, "income_item", lambda s: s.startswith(cat.INCOME_SUBTOTAL))
    s_out = _row(summ, "expense_item", lambda s: s.startswith(cat.EXPENSE_SUBTOTAL))
    g_in = grand_total(summ, "income_item", cat.INCOME_TOTALS) if summ else None
    carried = prints(inc, "carryover") or any(prints(inc, p) for p in cat.INCOME_CARRYOVER_PARTS)
    if summ and inc and (t := total_row(inc)) is not None:
        if prints(inc, "current_total") and s_in is not None:
            yield same(
                "cross-table",
                cell(summ, s_in, "income_amount"),
                cell(inc, t, "current_total"),
                vocab.CROSS_CHECKS["summary-income-current"],
            )
        elif carried and g_in is not None:  # the 合计 of a 收入总表 with 上年结转 is the 收支总表's 收入总计
            yield same(
                "cross-table",
                cell(summ, g_in, "income_amount"),
                cell(inc, t, "total"),
                vocab.CROSS_CHECKS["summary-income-grand"],
            )
        elif s_in is not None:
            yield same(
                "cross-table",
                cell(summ, s_in, "income_amount"),
                cell(inc, t, "total"),
                vocab.CROSS_CHECKS["summary-income"],
            )
    if summ and exp and s_out is not None and (t := total_row(exp)) is not None:
        yield same(
            "cross-table",
            cell(summ, s_out, "expense_total"),
            cell(exp, t, "total"),
            vocab.CROSS_CHECKS["summary-expense"],
        )
    if summ and exp:
        yield from _classes_agree(summ, "expense_total", exp, "total", vocab.CROSS_CHECKS["summary-classes"])
    if fisc and gp and prints(fisc, "expense_general_public"):
        yield from _classes_agree(fisc, "expense_general_public", gp, "total", vocab.CROSS_CHECKS["fiscal-classes"])
    if fisc and inc and has_gp_income and (t := total_row(inc)) is not None:
        f_in = _row(fisc, "income_item", lambda s: s.startswith(cat.INCOME_SUBTOTAL))
        if f_in is not None:
            yield identity(
                "cross-table",
                cell(fisc, f_in, "income_amount"),
                [cell(inc, t, f) for f in cat.FISCAL_SOURCES],
                vocab.CROSS_CHECKS["fiscal-income"],
            )
    if gp and inc and has_gp_income and (a := total_row(gp)) is not None and (b := total_row(inc)) is not None:
        if prints(inc, "carryover_general_public"):  # its 一般公共预算支出表 spends what was carried over too
            yield identity(
                "cross-table",
                cell(gp, a, "total"),
                [cell(inc, b, "general_public"), cell(inc, b, "carryover_general_public")],
                vocab.CROSS_CHECKS["general-public-income-carryover"],
            )
        elif prints(inc, "carryover") and (carry := cell(inc, b, "carryover")).value != 0:
            # the 上年结转 is printed in one sum: how much of it the 一般公共预算支出表 spends is not printed
            total = cell(gp, a, "total")
            yield Result(
                "cross-table",
                UNCHECKED,
                gp.name,
                a + 2,
                "total",
                None,
                total.value,
                None,
                f"{vocab.CROSS_CHECKS['general-public-income']}：{inc.title}的上年结转"
                f"（{say(carry.value, carry.unit)}）未分列一般公共预算部分，而{gp.title}可能含上年结转支出，未核对。",
                (total.ref, carry.ref),
            )
        else:
            yield same(
                "cross-table",
                cell(gp, a, "total"),
                cell(inc, b, "general_public"),
                vocab.CROSS_CHECKS["general-public-income"],
            )
    if gp and econ and (a := total_row(gp)) is not None:
        e = _row(econ, "level", lambda s: s == cat.TOTAL_CODE)
        if e is not None:
            yield same(
                "cross-table",
                cell(gp, a, "basic"),
                cell(econ, e, "total"),
                vocab.CROSS_CHECKS["general-public-basic"],
            )
    if proj and proj.rows and exp and (b := total_row(exp)) is not None:
        yield identity(
            "cross-table",
            cell(exp, b, "project"),
            [cell(proj, i, "total") for i in project_rows(proj)],
            vocab.CROSS_CHECKS["projects"],
        )
    if ops and ops.rows and econ and econ.rows:
        o = _row(ops, "unit_name", lambda s: s in cat.UNIT_TOTALS)
        e = _row(econ, "level", lambda s: s == cat.TOTAL_CODE)
        if o is not None and e is not None:
            yield same(
                "cross-table",
                cell(ops, o, "total"),
                cell(econ, e, "public_operation"),
                vocab.CROSS_CHECKS["operating-costs"],
            )


def _printed_under(res: Resource, code: str | None) -> list[int]:
    """The rows printed under a class code at the highest level printed there (款, else 项)."""
    if not code:
        return []
    rows = [(i, str(r.get("code") or "")) for i, r in enumerate(res.rows)]
    under = [(i, c) for i, c in rows if c.startswith(code) and c.isdigit() and len(c) > len(code)]
    if not under:
        return []
    top = min(len(c) for _, c in under)
    return [i for i, c in under if len(c) == top]


def _classes_agree(two: Resource, field: str, cls: Resource, cls_field: str, what: str) -> Iterator[Result | None]:
    """Each function class (类) printed in a two-sided table agrees with the classification table."""
    by_name = {str(r.get("name")): i for i, r in enumerate(cls.rows) if r.get("level") == "类"}
    for i, r in enumerate(two.rows):
        item = str(r.get("expense_item") or "")
        if not SEQ.match(item):
            continue
        name = SEQ.sub("", item)
        j = by_name.get(name)
        a = cell(two, i, field)
        if j is None and (under := _printed_under(cls, cat.FUNCTION_CLASSES.get(name))):
            # the class is not printed as a row of its own: the rows printed under its code add up to it
            yield identity(
                "cross-table",
                a,
                [cell(cls, k, cls_field) for k in under],
                f"{what}：“{name}”应等于{cls.title}中该类下各行之和（原表未印类级合计行）",
            )
            continue
        if j is None and name not in cat.FUNCTION_CLASSES:
            continue  # not a function class (基本支出/项目支出 by type, 本年支出 …): nothing to compare it with
        if j is None:
            if not a.blank and a.value != 0:
                yield Result(
                    "cross-table",
                    ERROR,
                    two.name,
                    i + 2,
                    field,
                    None,
                    a.value,
                    None,
                    f"{what}：“{item}”在{two.title}中为{say(a.value, a.unit)}，但{cls.title}没有这一类。",
                    (a.ref,),
                )
            continue
        yield same("cross-table", a, cell(cls, j, cls_field), f"{what}：“{name}”应一致")
