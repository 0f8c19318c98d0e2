"""The checks of the tables of a 决算 (final accounts): the 总计 of each side of its two-sided tables, row and column
sums, the same figure printed in two tables, the “三公” parts, and the unit its captions name (its 情况说明:
`final_narrative`).

A figure printed twice (the 收入支出决算总表's 城乡社区支出 and the 支出决算表's) is the same amount rounded the same
way, so the two prints must be equal: no rounding allowance. Sums keep theirs (a total of rounded parts may differ
from the rounded total by the parts' rounding)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from .. import catalogue as cat
from ..amounts import say
from ..package import Package, Resource
from . import vocabulary as vocab
from .core import ERROR, PASS, ZERO, Cell, Result, cell, identity
from .sums import field_title, hierarchy
from .within import three_public_key


def final_checks(pkg: Package) -> Iterator[Result | None]:
    """Every check of a 决算's tables and captions."""
    yield from within_final_tables(pkg)
    yield from across_final_tables(pkg)
    yield from captions(pkg)


# ---------------------------------------------------------------------------------------------
# Within one table


def within_final_tables(pkg: Package) -> Iterator[Result | None]:
    for name in vocab.FINAL_HIERARCHY_TABLES:
        if (res := pkg.table(name)) is not None:
            yield from hierarchy(res)
    for name, total, parts in vocab.FINAL_ROW_SUMS:
        if (res := pkg.table(name)) is not None:
            yield from _row_sums(res, total, parts)
    for name in vocab.FINAL_CARRY_TABLES:
        if (res := pkg.table(name)) is not None:
            yield from _carried(res)
    for name in ("final_summary", "final_fiscal_summary"):
        if (res := pkg.table(name)) is not None:
            yield from _two_sided(res)
    if (res := pkg.table("final_general_public_basic_economic")) is not None:
        yield from _economic_sides(res)
    if (res := pkg.table("final_three_public")) is not None:
        yield from _three_public(res)


def _label(r: dict, fields: tuple[str, ...] = ("code", "name")) -> str:
    return " ".join(dict.fromkeys(str(r[k]) for k in fields if r.get(k))) or cat.TOTAL_CODE


def _row_sums(res: Resource, total: str, parts: tuple[str, ...]) -> Iterator[Result | None]:
    names = {f["name"] for f in res.fields}
    parts = tuple(p for p in parts if p in names)
    if total not in names or not parts:
        return
    label_fields = ("expense_item",) if "expense_item" in names else ("code", "name")
    for i, r in enumerate(res.rows):
        yield identity(
            "row-sum",
            cell(res, i, total),
            [cell(res, i, p) for p in parts],
            f"{res.title}“{_label(r, label_fields)}”行：{field_title(res, total)} = "
            + " + ".join(field_title(res, p) for p in parts),
        )


def _negative(c: Cell) -> Cell:
    return replace(c, value=-c.value)


def _carried(res: Resource) -> Iterator[Result | None]:
    names = {f["name"] for f in res.fields}
    if not {"carryover_start", "income", "expense_total", "carryover_end"} <= names:
        return
    for i, r in enumerate(res.rows):
        yield identity(
            "row-sum",
            cell(res, i, "carryover_end"),
            [cell(res, i, "carryover_start"), cell(res, i, "income"), _negative(cell(res, i, "expense_total"))],
            f"{res.title}“{_label(r)}”行：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
        )


def _bare(label: object) -> str:
    return cat.ITEM_NUMBER.sub("", re.sub(r"\s+", "", str(label or "")))


def _rows_named(res: Resource, field: str, test) -> list[int]:
    return [i for i, r in enumerate(res.rows) if test(_bare(r.get(field)))]


def first_of(res: Resource, field: str, test) -> int | None:
    """The first row whose label in `field`, without its spaces and its number (一、 1.), passes `test`."""
    return next(iter(_rows_named(res, field, test)), None)


def _numbered(res: Resource, field: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if re.match(vocab.SEQUENCE, str(res.rows[i].get(field) or "").strip())]


def _two_sided(res: Resource) -> Iterator[Result | None]:
    """Each side: 本年合计 = Σ its numbered items; 总计 = 本年合计 + 使用非财政拨款结余 + 年初结转和结余 (income), 总计 =
    本年支出合计 + 结余分配 + 年末结转和结余 (expense); the two 总计 equal."""
    names = {f["name"] for f in res.fields}
    income_amount = "income_amount"
    expense_amounts = [f for f in ("expense_amount", "expense_total") if f in names]
    expense_amounts += [f for f in (f"expense_{fund}" for fund in cat.FISCAL_SOURCES) if f in names]
    sides = (
        (
            "income_item",
            [income_amount],
            vocab.FINAL_INCOME_CURRENT,
            (*vocab.FINAL_NONFISCAL_BALANCE, vocab.FINAL_CARRY_IN),
        ),
        (
            "expense_item",
            expense_amounts,
            vocab.FINAL_EXPENSE_CURRENT,
            (vocab.FINAL_DISTRIBUTION, vocab.FINAL_CARRY_OUT),
        ),
    )
    grand: dict[str, tuple[int, str]] = {}
    for item, amounts, current_label, additions in sides:
        total = first_of(res, item, lambda s: s == cat.FINAL_GRAND_TOTAL)
        current = first_of(res, item, lambda s, w=current_label: s.startswith(w))
        if current is None:
            continue
        items = _numbered(res, item, 0, current)
        adds = [
            i
            for i in range(current + 1, total if total is not None else len(res.rows))
            if any(_bare(res.rows[i].get(item)).startswith(a) for a in additions)
        ]
        for f in amounts:
            if items:
                yield identity(
                    "final-total",
                    cell(res, current, f),
                    [cell(res, i, f) for i in items],
                    f"{res.title}的“{_bare(res.rows[current].get(item))}”（{field_title(res, f)}）应等于其上各项之和",
                )
            if total is not None:
                yield identity(
                    "final-total",
                    cell(res, total, f),
                    [cell(res, current, f), *(cell(res, i, f) for i in adds)],
                    f"{res.title}{'收入' if item == 'income_item' else '支出'}方的总计（{field_title(res, f)}）应等于"
                    + " + ".join(_bare(res.rows[i].get(item)) for i in (current, *adds)),
                )
            # the items numbered under a carry-over line (一、一般公共预算财政拨款 …) are its parts
            for k, a in enumerate(adds):
                end = adds[k + 1] if k + 1 < len(adds) else (total if total is not None else len(res.rows))
                parts = _numbered(res, item, a + 1, end)
                if parts:
                    yield identity(
                        "final-total",
                        cell(res, a, f),
                        [cell(res, i, f) for i in parts],
                        f"{res.title}的“{_bare(res.rows[a].get(item))}”（{field_title(res, f)}）应等于其下各项之和",
                    )
        if total is not None:
            grand[item] = (total, amounts[0])
    if len(grand) == 2:
        (i, f), (j, g) = grand["income_item"], grand["expense_item"]
        yield identity("final-total", cell(res, i, f), [cell(res, j, g)], f"{res.title}收入方总计应等于支出方总计")


def _economic_sides(res: Resource) -> Iterator[Result | None]:
    """Each side of the 基本支出决算表: its 合计 = Σ its classes (3-digit codes), each class = Σ its 款 below it."""
    rows = res.rows
    for code_f, name_f, amount_f, total_label in vocab.FINAL_ECONOMIC_SIDES:
        classes = [i for i, r in enumerate(rows) if len(str(r.get(code_f) or "")) == 3]
        total = first_of(res, name_f, lambda s, w=total_label: s == w)
        if total is not None and classes:
            yield identity(
                "hierarchy-sum",
                cell(res, total, amount_f),
                [cell(res, i, amount_f) for i in classes],
                f"{res.title}的“{total_label}”应等于各类之和",
            )
        for i in classes:
            code = str(rows[i][code_f])
            items = [j for j, r in enumerate(rows) if str(r.get(code_f) or "").startswith(code) and j != i]
            if items:
                yield identity(
                    "hierarchy-sum",
                    cell(res, i, amount_f),
                    [cell(res, j, amount_f) for j in items],
                    f"{res.title}“{code} {rows[i].get(name_f)}”应等于其下各款之和",
                )


def _three_public(res: Resource) -> Iterator[Result | None]:
    items = {three_public_key(str(r.get("item") or "")): i for i, r in enumerate(res.rows)}
    for total, parts in vocab.FINAL_THREE_PUBLIC_SUMS:
        if total not in items or not all(p in items for p in parts):
            continue
        for f in ("budget", "final"):
            yield identity(
                "total-sum",
                cell(res, items[total], f),
                [cell(res, items[p], f) for p in parts],
                f"{res.title}“{res.rows[items[total]].get('item')}”的{field_title(res, f)}应等于"
                + "、".join(str(res.rows[items[p]].get("item")) for p in parts)
                + "之和",
            )


# ---------------------------------------------------------------------------------------------
# Across tables


def _exact(c: Cell) -> Cell:
    return replace(c, tol=ZERO)


def printed_twice(a: Cell, b: Cell, what: str) -> Result | None:
    """One figure printed in two tables: equal as printed."""
    return identity("final-same-figure", _exact(a), [_exact(b)], what, ("一处印", "另一处印"))


def _total_row(res: Resource | None) -> int | None:
    return None if res is None else next((i for i, r in enumerate(res.rows) if r.get("code") == cat.TOTAL_CODE), None)


def _class_rows(res: Resource) -> dict[str, int]:
    return {str(r["code"]): i for i, r in enumerate(res.rows) if r.get("level") == "类"}


def across_final_tables(pkg: Package) -> Iterator[Result | None]:
    summ, inc, exp = pkg.table("final_summary"), pkg.table("final_income"), pkg.table("final_expenditure")
    fisc, gp = pkg.table("final_fiscal_summary"), pkg.table("final_general_public_expenditure")
    econ = pkg.table("final_general_public_basic_economic")
    if summ is not None:
        if inc is not None and (t := _total_row(inc)) is not None:
            if (i := first_of(summ, "income_item", lambda s: s.startswith(vocab.FINAL_INCOME_CURRENT))) is not None:
                yield printed_twice(
                    cell(summ, i, "income_amount"), cell(inc, t, "total"), "收入支出决算总表与收入决算表的本年收入合计"
                )
            fiscal = _rows_named(
                summ, "income_item", lambda s: s.startswith(tuple(cat.FUND_WORDS[f] for f in cat.FISCAL_SOURCES))
            )
            if fiscal:
                yield identity(
                    "final-same-figure",
                    cell(inc, t, "fiscal_appropriation"),
                    [cell(summ, i, "income_amount") for i in fiscal],
                    "收入决算表的财政拨款收入应等于收入支出决算总表中各项财政拨款收入之和",
                )
            for word, field in vocab.FINAL_INCOME_ITEMS:
                if (i := first_of(summ, "income_item", lambda s, w=word: s == w)) is not None:
                    yield printed_twice(
                        cell(summ, i, "income_amount"), cell(inc, t, field), f"收入支出决算总表与收入决算表的{word}"
                    )
        if exp is not None and (t := _total_row(exp)) is not None:
            if (i := first_of(summ, "expense_item", lambda s: s.startswith(vocab.FINAL_EXPENSE_CURRENT))) is not None:
                yield printed_twice(
                    cell(summ, i, "expense_amount"), cell(exp, t, "total"), "收入支出决算总表与支出决算表的本年支出合计"
                )
            yield from _classes(summ, "expense_amount", exp, "total", "收入支出决算总表与支出决算表")
    if fisc is not None and gp is not None:
        if (t := _total_row(gp)) is not None:
            i = first_of(fisc, "expense_item", lambda s: s.startswith(vocab.FINAL_EXPENSE_CURRENT))
            if i is not None and "expense_general_public" in {f["name"] for f in fisc.fields}:
                yield printed_twice(
                    cell(fisc, i, "expense_general_public"),
                    cell(gp, t, "total"),
                    "财政拨款收入支出决算总表本年支出合计的一般公共预算财政拨款与一般公共预算财政拨款支出决算表的合计",
                )
        if "expense_general_public" in {f["name"] for f in fisc.fields}:
            yield from _classes(
                fisc, "expense_general_public", gp, "total", "财政拨款收入支出决算总表与一般公共预算财政拨款支出决算表"
            )
    if gp is not None and econ is not None and (t := _total_row(gp)) is not None:
        sides = [
            first_of(econ, name_f, lambda s, w=label: s == w) for _c, name_f, _a, label in vocab.FINAL_ECONOMIC_SIDES
        ]
        if all(s is not None for s in sides):
            yield identity(
                "final-same-figure",
                cell(gp, t, "basic"),
                [
                    cell(econ, s, a)
                    for s, (_c, _n, a, _l) in zip(sides, vocab.FINAL_ECONOMIC_SIDES, strict=True)
                    if s is not None
                ],
                "一般公共预算财政拨款支出决算表合计行的基本支出应等于基本支出决算表的人员经费合计与公用经费合计之和",
            )


def _classes(two: Resource, field: str, cls: Resource, cls_field: str, what: str) -> Iterator[Result | None]:
    """Each function class printed with a figure on a two-sided table's expense side, as the classification table
    prints it (a class the table does not print is 0 there only if the two-sided table prints 0)."""
    rows = _class_rows(cls)
    for i, r in enumerate(two.rows):
        name = _bare(r.get("expense_item"))
        code = cat.FUNCTION_CLASSES.get(name)
        if code is None or r.get(field) is None:
            continue
        if code in rows:
            yield printed_twice(cell(two, i, field), cell(cls, rows[code], cls_field), f"{what}的“{name}”")
        elif Decimal(str(r[field])) != 0:
            yield Result(
                "final-same-figure",
                ERROR,
                two.name,
                i + 2,
                field,
                None,
                Decimal(str(r[field])),
                None,
                f"{what}的“{name}”：{two.title}印{say(Decimal(str(r[field])), two.unit)}，{cls.title}没有这一类。",
                ((two.name, i + 2, field),),
                unit=two.unit,
            )


# ---------------------------------------------------------------------------------------------
# The unit the captions name


def captions(pkg: Package) -> Iterator[Result]:
    cover = re.sub(r"\s+", "", pkg.unit)
    for c in pkg.budget.get("captions", []):
        named = re.sub(r"\s+", "", str(c.get("unit", "")))
        ok = named == cover
        yield Result(
            "final-caption",
            PASS if ok else ERROR,
            "datapackage",
            int(c.get("page", 0)),
            "captions",
            None,
            None,
            None,
            f"第{c.get('page')}页报表标题“{c.get('printed')}”所称单位为“{named}”，封面所印单位为“{cover}”："
            + ("一致。" if ok else "两者不同。"),
            (),
        )


__all__ = ["final_checks", "printed_twice"]
