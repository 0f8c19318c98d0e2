"""What the pages show that is computed, not printed: key figures, shares, changes on last year, figures matched
across years, and the check results grouped for reading. Everything here is data (exact Decimals with their units);
the templates only lay it out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd  # type: ignore[import-untyped]

from . import catalogue as cat
from .checks import Result, numbered
from .checks.core import half_unit
from .checks.narrative_lookup import stated_value
from .checks.narrative_text import StatedPrior, stated_priors
from .checks.two_sided import grand_total, income_total
from .package import Package, Resource

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Figure:
    """A printed figure with the unit of the table it comes from."""

    label: str  # income, expense (收支总表), basic, project (支出总表)
    value: str
    unit: str


def key_figures(pkg: Package) -> list[Figure]:
    """收入总计 and 支出总计 of the 收支总表, 基本支出 and 项目支出 of the 支出总表, as printed (a 决算's: of its 收入支出决算总表
    and 支出决算表)."""
    out: list[Figure] = []
    if pkg.final:
        t = totals(pkg)
        named = (("income", t.income), ("expense", t.expense), ("basic", t.basic), ("project", t.project))
        return [Figure(k, str(v), t.unit) for k, v in named if v]
    summ = pkg.table("budget_summary")
    if summ is not None:
        i = grand_total(summ, "income_item", cat.INCOME_TOTALS)
        if i is not None and summ.rows[i].get("income_amount"):
            out.append(Figure("income", str(summ.rows[i]["income_amount"]), summ.unit))
        j = grand_total(summ, "expense_item", cat.EXPENSE_TOTALS)
        if j is not None and summ.rows[j].get("expense_total"):
            out.append(Figure("expense", str(summ.rows[j]["expense_total"]), summ.unit))
    exp = pkg.table("expenditure_summary")
    total = next((r for r in exp.rows if r.get("level") == cat.TOTAL_CODE), None) if exp else None
    if exp and total:
        for name in ("basic", "project"):
            if total.get(name):
                out.append(Figure(name, str(total[name]), exp.unit))
    return out


@dataclass(frozen=True)
class Share:
    name: str
    value: Decimal
    percent: Decimal  # of the total, to two decimals (computed by this site)


def function_classes(res: Resource) -> list[tuple[str, Decimal]]:
    """The 类 rows of a classification table: (code and name, total)."""
    out = []
    for r in res.rows:
        if r.get("level") == "类" and r.get("total") is not None:
            out.append((f"{r['code']} {r['name']}", Decimal(str(r["total"]))))
    return out


def class_shares(exp: Resource | None) -> list[Share]:
    """Each function class's share of the table's total."""
    if exp is None or not exp.rows:
        return []
    total = next((r for r in exp.rows if r.get("level") == cat.TOTAL_CODE), None)
    if total is None or not total.get("total"):
        return []
    t = Decimal(str(total["total"]))
    if t == 0:
        return []
    return [Share(n.split(" ", 1)[1], v, (v * 100 / t).quantize(HUNDREDTH)) for n, v in function_classes(exp)]


def last_digit(res: Resource | None, fields: tuple[str, ...]) -> Decimal | None:
    """One unit of the last printed digit of the figures in these columns (0.01, or 1 for whole numbers)."""
    exponents = [
        int(Decimal(str(r[f])).as_tuple().exponent)
        for r in (res.rows if res else [])
        for f in fields
        if r.get(f) is not None
    ]
    return Decimal(1).scaleb(min(exponents)) if exponents else None


def percent_change(now: Decimal, before: Decimal) -> Decimal | None:
    if before == 0:
        return None
    return ((now - before) * 100 / before).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Compared:
    code: str
    name: str
    renamed_from: str | None
    now: Decimal | None
    before: Decimal | None
    in_before: bool
    in_now: bool

    @property
    def change(self) -> Decimal | None:
        return None if self.now is None or self.before is None else self.now - self.before

    @property
    def percent(self) -> Decimal | None:
        return None if self.now is None or self.before is None else percent_change(self.now, self.before)


@dataclass(frozen=True)
class Comparison:
    year: int
    unit: str
    before_unit: str
    rows: list[Compared]


def _by_code(res: Resource) -> pd.DataFrame:
    """A table's code, name and 合计 (a Decimal, or None where blank), one row per printed row."""
    return pd.DataFrame(
        {
            "code": [str(r.get("code")) for r in res.rows],
            "name": [r.get("name") for r in res.rows],
            "total": [None if r.get("total") is None else Decimal(str(r["total"])) for r in res.rows],
        },
        dtype=object,
    )


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def comparison(res: Resource, prev: Resource, prev_year: int) -> Comparison:
    """A classification table against last year's, matched by code (names as printed each year); last year's
    figures converted exactly into this year's unit where the two differ. The two tables are joined on the code
    (a left join for this year's rows, then last year's codes that are gone)."""
    unit, before_unit = res.unit, prev.unit
    scale = cat.unit_factor(before_unit, unit) if unit and before_unit else Decimal(1)
    now = _by_code(res)
    old = _by_code(prev)
    # a code printed twice last year: its last row, at the place of its first
    old = old.drop_duplicates("code", keep="last").set_index("code").loc[old["code"].drop_duplicates()].reset_index()
    old["total"] = [v * scale if _given(v) else None for v in old["total"]]
    joined = now.merge(old, on="code", how="left", suffixes=("", "_before"), indicator=True)
    rows = []
    for code, name, total, old_name, was, found in joined.itertuples(index=False, name=None):
        in_before = found == "both"
        renamed = str(old_name) if in_before and _given(old_name) and old_name != name else None
        rows.append(
            Compared(
                code,
                str(name) if _given(name) else "",
                renamed,
                total if _given(total) else None,
                was if in_before and _given(was) else None,
                in_before,
                True,
            )
        )
    gone = old[~old["code"].isin(now["code"]) & old["total"].map(_given)]
    for code, name, was in gone.itertuples(index=False, name=None):
        rows.append(Compared(code, str(name) if _given(name) else "", None, None, was, True, False))
    return Comparison(prev_year, unit, before_unit, rows)


def previous(pkg: Package, packages: list[Package]) -> Package | None:
    """The same unit's package for the latest earlier year."""
    earlier = [p for p in packages if p.slug == pkg.slug and p.year < pkg.year]
    return max(earlier, key=lambda p: p.year) if earlier else None


@dataclass(frozen=True)
class Totals:
    year: int
    unit: str
    income: str | None
    expense: str | None
    basic: str | None
    project: str | None


def totals(pkg: Package) -> Totals:
    if pkg.final:
        return _final_totals(pkg)
    summ, exp = pkg.table("budget_summary"), pkg.table("expenditure_summary")
    income = expense = basic = project = None
    if (at := income_total(pkg)) is not None:  # the 收支总表's, or the same figure printed in the 收入总表
        res, i, field = at
        income = res.rows[i].get(field)
    if summ is not None:
        j = grand_total(summ, "expense_item", cat.EXPENSE_TOTALS)
        expense = summ.rows[j].get("expense_total") if j is not None else None
    total = next((r for r in exp.rows if r.get("code") == cat.TOTAL_CODE), None) if exp else None
    if total:
        basic, project = total.get("basic"), total.get("project")
    elif summ is not None:  # 基本支出 and 项目支出 printed as rows of the 收支总表's economic block (陕西 综合预算)
        basic, project = _economic_parts(summ, pkg.table("fiscal_summary"))
    unit = (summ.unit if summ else "") or (exp.unit if exp else "")
    return Totals(pkg.year, unit, income, expense, basic, project)


def _final_totals(pkg: Package) -> Totals:
    """A 决算's: the 总计 of each side of its 收入支出决算总表, and the 合计 row of its 支出决算表."""
    summ, exp = pkg.table("final_summary"), pkg.table("final_expenditure")
    income = expense = basic = project = None
    for r in summ.rows if summ else []:
        if cat.ITEM_NUMBER.sub("", str(r.get("income_item") or "")) == cat.FINAL_GRAND_TOTAL:
            income = r.get("income_amount")
        if cat.ITEM_NUMBER.sub("", str(r.get("expense_item") or "")) == cat.FINAL_GRAND_TOTAL:
            expense = r.get("expense_amount")
    total = next((r for r in exp.rows if r.get("code") == cat.TOTAL_CODE), None) if exp else None
    if total:
        basic, project = total.get("basic"), total.get("project")
    unit = (summ.unit if summ else "") or (exp.unit if exp else "")
    return Totals(pkg.year, unit, income, expense, basic, project)


def _economic_parts(summ: Resource, fiscal: Resource | None) -> tuple[str | None, str | None]:
    """基本支出 and 项目支出 as the 收支总表's economic block prints them. Where that block's numbered items do not add
    up to its 本年支出合计 (a misprinted cell, which the checks report) and the 财政拨款收支总表 prints the same
    本年支出合计 with items that do, the two figures are taken from there: the same spending, where it is printed
    consistently."""
    own = _economic_item(summ, cat.BASIC_ITEMS), _economic_item(summ, cat.PROJECT_ITEMS)
    subtotal = _economic_subtotal(summ)
    if subtotal is None or _adds_up(summ, subtotal) or fiscal is None:
        return own
    if _economic_subtotal(fiscal) == subtotal and _adds_up(fiscal, subtotal):
        return _economic_item(fiscal, cat.BASIC_ITEMS), _economic_item(fiscal, cat.PROJECT_ITEMS)
    return own


def _economic_subtotal(res: Resource) -> Decimal | None:
    for r in res.rows:
        if re.sub(r"\s+", "", str(r.get("dept_economic_item") or "")) == cat.EXPENSE_SUBTOTAL:
            value = r.get("dept_economic_amount")
            return Decimal(str(value)) if value not in (None, "") else None
    return None


def _adds_up(res: Resource, subtotal: Decimal) -> bool:
    """The numbered items of the economic block add up to `subtotal`, within the rounding of their printed digits."""
    printed = [
        str(r["dept_economic_amount"])
        for r in res.rows
        if numbered.level(r.get("dept_economic_item")) == 1  # 1、人员经费和公用经费支出, not (1)工资福利支出
        and r.get("dept_economic_amount") not in (None, "")
    ]
    slack = sum((half_unit(p) for p in printed), Decimal(0))
    return bool(printed) and abs(sum((Decimal(p) for p in printed), Decimal(0)) - subtotal) <= slack


def _economic_item(summ: Resource, labels: tuple[str, ...]) -> str | None:
    for r in summ.rows:
        if cat.ITEM_NUMBER.sub("", str(r.get("dept_economic_item") or "")) in labels:
            return r.get("dept_economic_amount")
    return None


def in_comparison_unit(value: str | Decimal | None, unit: str) -> Decimal | None:
    """An amount in the comparison unit, computed exactly from the printed figure (for charting across units)."""
    if value is None or value == "" or not unit:
        return None
    return Decimal(value) * cat.unit_factor(unit, cat.COMPARISON_UNIT)


def class_history(
    pkgs: list[Package], year_label: Callable[[int], str] = str
) -> list[tuple[str, list[tuple[str, Decimal | None]]]]:
    """Each function class (by code) year by year, in the comparison unit."""
    classes: dict[str, dict[int, Decimal | None]] = {}
    names: dict[str, str] = {}
    for p in pkgs:
        exp = p.table("expenditure_summary")
        for r in exp.rows if exp else []:
            if r.get("level") == "类":
                classes.setdefault(str(r["code"]), {})[p.year] = in_comparison_unit(r.get("total"), exp.unit)  # type: ignore[union-attr]
                names[str(r["code"])] = str(r.get("name"))
    return [
        (f"{code} {names[code]}", [(year_label(p.year), classes[code].get(p.year)) for p in pkgs])
        for code in sorted(classes)
    ]


@dataclass(frozen=True)
class PriorCheck:
    """Last year's figure implied by a change a text states, against last year's package where there is one."""

    year: int
    stated: StatedPrior
    found: Decimal | None
    verdict: str


def prior_checks(pkgs: list[Package]) -> list[PriorCheck]:
    by_year = {p.year: p for p in pkgs}
    out = []
    for p in pkgs:
        before = by_year.get(p.year - 1)
        if "stated_priors" not in p.derived:
            p.derived["stated_priors"] = stated_priors(p)
        for s in p.derived["stated_priors"]:
            found = None
            verdict = "not-collected"
            if before is not None:
                value = stated_value(before, s.label, s.unit)
                if value is not None:
                    exponent = s.prior.as_tuple().exponent
                    found = value.quantize(Decimal(1).scaleb(min(int(exponent), -2)), rounding=ROUND_HALF_UP)
                    verdict = "agrees" if found == s.prior else "differs"
                else:
                    verdict = "no-figure"
            out.append(PriorCheck(p.year, s, found, verdict))
    return out


# ---------------------------------------------------------------------------------------------
# Check results, grouped for reading

ORDER = (cat.ERROR, cat.SOURCE_ERROR, cat.ROUNDING, cat.UNCHECKED, cat.PASS)


def by_kind(results: list[Result]) -> list[tuple[str, list[Result]]]:
    """Results grouped by kind of check, in the catalogue's order (unknown kinds after, sorted)."""
    kinds = [*cat.CHECK_ZH, *sorted({r.check for r in results} - set(cat.CHECK_ZH))]
    return [(k, mine) for k in kinds if (mine := [r for r in results if r.check == k])]


@dataclass(frozen=True)
class UnitFigures:
    """A unit's main figures in the comparison unit (exact conversions of printed figures), for comparing units of
    a year: None where the document prints no such figure."""

    pkg: Package
    income: Decimal | None  # 收支总表 收入总计
    expense: Decimal | None  # 收支总表 支出总计
    basic: Decimal | None
    project: Decimal | None
    fiscal: Decimal | None  # 财政拨款收支总表 收入总计
    three_public: Decimal | None  # 三公经费 合计
    operating: Decimal | None  # 机关运行经费 合计
    change: Decimal | None  # 支出总计 on the same unit's previous year, in percent


def _labelled_total(res: Resource | None, label: str, words: tuple[str, ...]) -> tuple[str | None, str]:
    """The total of a table with a row per item or unit: its total row, or its only row."""
    if res is None or not res.rows:
        return None, ""
    rows = [r for r in res.rows if any(w in cat.ITEM_NUMBER.sub("", str(r.get(label) or "")) for w in words)]
    row = rows[0] if rows else (res.rows[0] if len(res.rows) == 1 else None)
    return (row.get("total") if row else None), res.unit


def unit_figures(pkg: Package, prev: Package | None) -> UnitFigures:
    t = totals(pkg)
    fiscal_res = pkg.table("fiscal_summary")
    fiscal = None
    if fiscal_res is not None and fiscal_res.rows:
        i = grand_total(fiscal_res, "income_item", cat.INCOME_TOTALS)
        fiscal = in_comparison_unit(fiscal_res.rows[i].get("income_amount") if i is not None else None, fiscal_res.unit)
    three, three_unit = _labelled_total(pkg.table("three_public"), "item", cat.THREE_PUBLIC_TOTALS)
    operating, operating_unit = _labelled_total(pkg.table("operating_costs"), "unit_name", cat.UNIT_TOTALS)
    expense = in_comparison_unit(t.expense, t.unit)
    change = None
    if prev is not None and expense is not None:
        before = totals(prev)
        was = in_comparison_unit(before.expense, before.unit)
        change = percent_change(expense, was) if was is not None else None
    return UnitFigures(
        pkg,
        in_comparison_unit(t.income, t.unit),
        expense,
        in_comparison_unit(t.basic, t.unit),
        in_comparison_unit(t.project, t.unit),
        fiscal,
        in_comparison_unit(three, three_unit),
        in_comparison_unit(operating, operating_unit),
        change,
    )
