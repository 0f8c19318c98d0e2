"""Fiscal identities (勾稽关系) of a package, one small function each. Checks return data, not prose.

All arithmetic is exact (Decimal). A difference that the rounding of the printed figures can explain (at most half a
unit of the last printed digit of each figure involved) is a warning; anything larger is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .package import Package, Resource

PASS, ROUNDING, ERROR, UNCHECKED = "pass", "rounding", "error", "unchecked"
SOURCE_ERROR = "source-error"  # an error confirmed, by a person reading the document, to be the source's own
SEVERITY = {PASS: "ok", ROUNDING: "warning", ERROR: "error", UNCHECKED: "info", SOURCE_ERROR: "source-error"}
STATUS_ZH = {PASS: "通过", ROUNDING: "舍入差异", ERROR: "不一致", UNCHECKED: "未核对", SOURCE_ERROR: "原文不一致"}
ZERO = Decimal(0)
YUAN_PER_WAN = Decimal(10000)


@dataclass(frozen=True)
class Cell:
    """One printed figure: its value (blank = 0), half a unit of its last printed digit, and where it is."""

    value: Decimal
    tol: Decimal
    ref: tuple[str, int, str]  # resource, CSV row number (header = 1), field
    blank: bool
    label: str


@dataclass(frozen=True)
class Result:
    check: str
    status: str
    resource: str | None
    row: int | None
    field: str | None
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    explanation: str
    cells: tuple[tuple[str, int, str], ...] = ()
    tolerance: Decimal | None = None  # the rounding allowance of an identity (Σ half units of its figures)

    @property
    def severity(self) -> str:
        return SEVERITY[self.status]

    def key(self) -> tuple:
        return (self.check, self.status, self.resource, self.row, self.field, self.difference)


def half_unit(printed: str) -> Decimal:
    exponent = Decimal(printed).as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1)


@lru_cache(maxsize=65536)
def _printed(text: str) -> tuple[Decimal, Decimal]:
    """A printed figure (keyed by its exact text, so 1.5 and 1.50 stay apart) and half a unit of its last digit."""
    return Decimal(text), half_unit(text)


def cell(res: Resource, index: int, field: str, label: str = "", scale: Decimal = Decimal(1)) -> Cell:
    raw = res.rows[index].get(field)
    ref = (res.name, index + 2, field)
    if raw is None:
        return Cell(ZERO, ZERO, ref, True, label)
    value, tol = _printed(str(raw))
    if scale != 1:
        value, tol = value * scale, tol * scale
    return Cell(value, tol, ref, False, label)


def fmt(d: Decimal | None) -> str:
    if d is None:
        return ""
    s = format(d.normalize(), "f") if d == d.to_integral() else format(d, "f")
    return s


def identity(
    check: str,
    target: Cell,
    parts: list[Cell],
    what: str,
    unit: str,
    wording: tuple[str, str] = ("表中为", "按各项相加应为"),
) -> Result | None:
    """target = Σ parts, within the rounding of the printed figures. None when every figure is blank."""
    if target.blank and all(p.blank for p in parts):
        return None
    expected = sum((p.value for p in parts), ZERO)
    diff = target.value - expected
    tol = target.tol + sum((p.tol for p in parts), ZERO)
    res, row, field = target.ref
    if diff == 0:
        status, note = PASS, "一致。"
    elif abs(diff) <= tol:
        status, note = (
            ROUNDING,
            f"相差{fmt(diff)}{unit}，在各印刷数字末位舍入可能造成的误差（±{fmt(tol.normalize())}{unit}）以内。",
        )
    else:
        status, note = ERROR, f"相差{fmt(diff)}{unit}，超出舍入可能造成的误差（±{fmt(tol.normalize())}{unit}）。"
    explanation = f"{what}：{wording[0]}{fmt(target.value)}{unit}，{wording[1]}{fmt(expected)}{unit}。{note}"
    cells = (target.ref, *(p.ref for p in parts))
    return Result(check, status, res, row, field, expected, target.value, diff, explanation, cells, tol)


def same(check: str, a: Cell, b: Cell, what: str, unit: str) -> Result | None:
    """The same figure printed in two places."""
    return identity(check, a, [b], what, unit)


def _amount_fields(res: Resource) -> list[str]:
    return [f["name"] for f in res.fields if f.get("type") == "number"]


def _unit(res: Resource) -> str:
    return res.amount_unit or "万元"


# ---------------------------------------------------------------------------------------------
# Within one table


def hierarchy(res: Resource) -> Iterator[Result | None]:
    """类 = Σ款, 款 = Σ项, 合计 = Σ类, for every amount column of a classification table."""
    rows = res.rows
    codes = [(i, str(r.get("code") or "")) for i, r in enumerate(rows)]
    unit = _unit(res)
    amounts = _amount_fields(res)
    titles = {f: _title(res, f) for f in amounts}
    below: dict[str, list[int]] = {}  # code → rows of the codes two digits longer that start with it
    for j, c in codes:
        if c.isdigit() and len(c) in (3, 5, 7):
            below.setdefault(c[:-2] if len(c) > 3 else "合计", []).append(j)
    for i, code in codes:
        if code == "合计":
            children = below.get("合计", [])
            label = "合计"
        elif code.isdigit() and len(code) in (3, 5):
            children = below.get(code, [])
            label = f"{code} {rows[i].get('name') or ''}"
        else:
            continue
        if not children:
            continue
        level = {3: "款", 5: "项"}.get(len(code), "类")
        for f in amounts:
            yield identity(
                "hierarchy-sum",
                cell(res, i, f),
                [cell(res, j, f) for j in children],
                f"{res.title}“{label}”的“{titles[f]}”应等于其下各{level}之和",
                unit,
            )


def economic_hierarchy(res: Resource) -> Iterator[Result | None]:
    """合计 = Σ类, 类 = Σ its 款 rows (the rows that follow it), for each amount column."""
    rows = res.rows
    unit = _unit(res)
    classes = [i for i, r in enumerate(rows) if r.get("level") == "类"]
    total = next((i for i, r in enumerate(rows) if r.get("level") == "合计"), None)
    for f in _amount_fields(res):
        if total is not None and classes:
            yield identity(
                "hierarchy-sum",
                cell(res, total, f),
                [cell(res, j, f) for j in classes],
                f"{res.title}“合计”的“{_title(res, f)}”应等于各类之和",
                unit,
            )
        for k, i in enumerate(classes):
            end = classes[k + 1] if k + 1 < len(classes) else len(rows)
            items = [j for j in range(i + 1, end) if rows[j].get("level") == "款"]
            if items:
                yield identity(
                    "hierarchy-sum",
                    cell(res, i, f),
                    [cell(res, j, f) for j in items],
                    f"{res.title}“{rows[i].get('dept_economic_name')}”的“{_title(res, f)}”应等于其下各款之和",
                    unit,
                )


def row_sums(res: Resource, total: str, parts: list[str], check: str = "row-sum") -> Iterator[Result | None]:
    """In every row, total = Σ parts (e.g. 合计 = 基本支出 + 项目支出)."""
    names = {f["name"] for f in res.fields}
    parts = [p for p in parts if p in names]
    if total not in names or not parts:
        return
    label_field = res.fields[0]["name"] if res.fields[0].get("type") != "number" else None
    for i, r in enumerate(res.rows):
        label = " ".join(str(r.get(k)) for k in ("code", "name") if r.get(k)) or str(r.get(label_field or "", ""))
        yield identity(
            check,
            cell(res, i, total),
            [cell(res, i, p) for p in parts],
            f"{res.title}“{label}”行：{_title(res, total)} = " + " + ".join(_title(res, p) for p in parts),
            _unit(res),
        )


def _title(res: Resource, field: str) -> str:
    return next((f.get("title", field) for f in res.fields if f["name"] == field), field)


_SEQ = re.compile(r"^[一二三四五六七八九十]+、")


def _find(res: Resource, field: str, test) -> int | None:
    return next((i for i, r in enumerate(res.rows) if test(str(r.get(field) or ""))), None)


def two_sided(res: Resource, expense_parts: list[str]) -> Iterator[Result | None]:
    """收支总表 / 财政拨款收支总表: totals of each side, the two sides equal, and each row's columns."""
    unit = _unit(res)
    rows = res.rows
    present = {f["name"] for f in res.fields}
    expense_parts = [p for p in expense_parts if p in present]
    inc_total = _find(res, "income_item", lambda s: s.startswith("本年收入合计"))
    exp_total = _find(res, "expense_item", lambda s: s.startswith("本年支出合计"))
    grand_in = _find(res, "income_item", lambda s: s == "收入总计")
    grand_out = _find(res, "expense_item", lambda s: s == "支出总计")
    if inc_total is not None:
        items = [i for i in range(inc_total) if _SEQ.match(str(rows[i].get("income_item") or ""))]
        yield identity(
            "total-sum",
            cell(res, inc_total, "income_amount"),
            [cell(res, i, "income_amount") for i in items],
            f"{res.title}：本年收入合计应等于各项收入之和",
            unit,
        )
    if exp_total is not None:
        items = [i for i in range(exp_total) if _SEQ.match(str(rows[i].get("expense_item") or ""))]
        for f in ["expense_total", *expense_parts]:
            yield identity(
                "total-sum",
                cell(res, exp_total, f),
                [cell(res, i, f) for i in items],
                f"{res.title}：本年支出合计的“{_title(res, f)}”应等于各类支出之和",
                unit,
            )
    if inc_total is None and grand_in is not None:
        items = [i for i in range(grand_in) if _SEQ.match(str(rows[i].get("income_item") or ""))]
        yield identity(
            "total-sum",
            cell(res, grand_in, "income_amount"),
            [cell(res, i, "income_amount") for i in items],
            f"{res.title}：收入总计应等于各项收入之和",
            unit,
        )
    if exp_total is None and grand_out is not None:
        items = [i for i in range(grand_out) if _SEQ.match(str(rows[i].get("expense_item") or ""))]
        for f in ["expense_total", *expense_parts]:
            yield identity(
                "total-sum",
                cell(res, grand_out, f),
                [cell(res, i, f) for i in items],
                f"{res.title}：支出总计的“{_title(res, f)}”应等于各类支出之和",
                unit,
            )
    if grand_in is not None and inc_total is not None:
        carry = [i for i in range(inc_total + 1, grand_in) if str(rows[i].get("income_item") or "").startswith("上年")]
        yield identity(
            "total-sum",
            cell(res, grand_in, "income_amount"),
            [cell(res, inc_total, "income_amount"), *(cell(res, i, "income_amount") for i in carry)],
            f"{res.title}：收入总计 = 本年收入合计 + 上年结转",
            unit,
        )
    if grand_out is not None and exp_total is not None:
        carry = [
            i for i in range(exp_total + 1, grand_out) if str(rows[i].get("expense_item") or "").startswith("年终结转")
        ]
        yield identity(
            "total-sum",
            cell(res, grand_out, "expense_total"),
            [cell(res, exp_total, "expense_total"), *(cell(res, i, "expense_total") for i in carry)],
            f"{res.title}：支出总计 = 本年支出合计 + 年终结转",
            unit,
        )
    if grand_in is not None and grand_out is not None:
        yield same(
            "balance",
            cell(res, grand_in, "income_amount"),
            cell(res, grand_out, "expense_total"),
            f"{res.title}：收入总计应等于支出总计",
            unit,
        )
    for i, r in enumerate(rows):
        if r.get("expense_item") and expense_parts:
            yield identity(
                "row-sum",
                cell(res, i, "expense_total"),
                [cell(res, i, p) for p in expense_parts],
                f"{res.title}“{r['expense_item']}”行：{_title(res, 'expense_total')} = "
                + " + ".join(_title(res, p) for p in expense_parts),
                unit,
            )


def within_tables(pkg: Package) -> Iterator[Result | None]:
    for name in (
        "income_summary",
        "expenditure_summary",
        "general_public_expenditure",
        "gov_fund_income",
        "gov_fund_expenditure",
    ):
        res = pkg.table(name)
        if res and res.rows:
            yield from hierarchy(res)
    for name in ("expenditure_summary", "general_public_expenditure", "gov_fund_expenditure"):
        res = pkg.table(name)
        if res and res.rows:
            yield from row_sums(res, "total", ["basic", "project"])
    res = pkg.table("income_summary")
    if res and res.rows:
        yield from row_sums(
            res, "total", ["general_public", "gov_fund", "state_capital", "special_account", "unit_funds"]
        )
    res = pkg.table("general_public_basic_economic")
    if res and res.rows:
        yield from economic_hierarchy(res)
        yield from row_sums(res, "total", ["personnel", "public_operation"])
    for name in ("projects_current", "projects_carryover", "operating_costs", "three_public"):
        res = pkg.table(name)
        if res and res.rows:
            yield from row_sums(res, "total", [f for f in _amount_fields(res) if f != "total"])
    res = pkg.table("operating_costs")
    if res and res.rows:
        total = _find(res, "unit_name", lambda s: s in ("部门合计", "合计"))
        if total is not None and len(res.rows) > 1:
            others = [i for i in range(len(res.rows)) if i != total]
            for f in _amount_fields(res):
                yield identity(
                    "total-sum",
                    cell(res, total, f),
                    [cell(res, i, f) for i in others],
                    f"{res.title}：部门合计的“{_title(res, f)}”应等于各单位之和",
                    _unit(res),
                )
    res = pkg.table("three_public")
    if res and res.rows:
        yield from _three_public(res)
    res = pkg.table("budget_summary")
    if res and res.rows:
        yield from two_sided(res, ["expense_current", "expense_carryover"])
    res = pkg.table("fiscal_summary")
    if res and res.rows:
        yield from two_sided(res, ["expense_general_public", "expense_gov_fund", "expense_state_capital"])


def _three_public(res: Resource) -> Iterator[Result | None]:
    # labels vary: 因公出国（境）费 / 因公出国(境)费; ①公务用车购置费 / 购置费
    items = {re.sub(r"[()（）]", "", str(r.get("item") or "")): i for i, r in enumerate(res.rows)}
    total = items.get("合计")
    main = [i for k, i in items.items() if k in ("因公出国境费", "公务接待费", "公务用车购置及运行费")]
    car = items.get("公务用车购置及运行费")
    car_parts = [i for k, i in items.items() if k.startswith(("①", "②")) or k in ("购置费", "运行费")]
    for f in _amount_fields(res):
        if total is not None and main:
            yield identity(
                "total-sum",
                cell(res, total, f),
                [cell(res, i, f) for i in main],
                f"{res.title}：“三公”经费合计应等于三项之和",
                _unit(res),
            )
        if car is not None and car_parts:
            yield identity(
                "hierarchy-sum",
                cell(res, car, f),
                [cell(res, i, f) for i in car_parts],
                f"{res.title}：公务用车购置及运行费应等于购置费与运行维护费之和",
                _unit(res),
            )


# ---------------------------------------------------------------------------------------------
# Across tables


def _row(res: Resource | None, field: str, test) -> int | None:
    return None if res is None or not res.rows else _find(res, field, test)


def across_tables(pkg: Package) -> Iterator[Result | None]:
    summ = pkg.table("budget_summary")
    inc = pkg.table("income_summary")
    exp = pkg.table("expenditure_summary")
    fisc = pkg.table("fiscal_summary")
    gp = pkg.table("general_public_expenditure")
    econ = pkg.table("general_public_basic_economic")
    proj = pkg.table("projects_current")
    ops = pkg.table("operating_costs")
    unit = "万元"

    has_gp_income = inc is not None and any(f["name"] == "general_public" for f in inc.fields)

    def total_row(res: Resource | None) -> int | None:
        return _row(res, "code", lambda s: s == "合计")

    s_in = _row(summ, "income_item", lambda s: s.startswith("本年收入合计"))
    s_out = _row(summ, "expense_item", lambda s: s.startswith("本年支出合计"))
    if summ and inc and s_in is not None and (t := total_row(inc)) is not None:
        yield same(
            "cross-table",
            cell(summ, s_in, "income_amount"),
            cell(inc, t, "total"),
            "收支总表的本年收入合计应等于收入总表的合计",
            unit,
        )
    if summ and exp and s_out is not None and (t := total_row(exp)) is not None:
        yield same(
            "cross-table",
            cell(summ, s_out, "expense_total"),
            cell(exp, t, "total"),
            "收支总表的本年支出合计应等于支出总表的合计",
            unit,
        )
    if summ and exp:
        yield from _classes_agree(summ, "expense_total", exp, "total", "收支总表与支出总表")
    if fisc and gp:
        yield from _classes_agree(fisc, "expense_general_public", gp, "total", "财政拨款收支总表与一般公共预算支出表")
    if fisc and inc and has_gp_income and (t := total_row(inc)) is not None:
        f_in = _row(fisc, "income_item", lambda s: s.startswith("本年收入合计"))
        if f_in is not None:
            yield identity(
                "cross-table",
                cell(fisc, f_in, "income_amount"),
                [cell(inc, t, f) for f in ("general_public", "gov_fund", "state_capital")],
                "财政拨款收支总表的本年收入合计应等于收入总表中三项财政拨款之和",
                unit,
            )
    if gp and inc and has_gp_income and (a := total_row(gp)) is not None and (b := total_row(inc)) is not None:
        yield same(
            "cross-table",
            cell(gp, a, "total"),
            cell(inc, b, "general_public"),
            "一般公共预算支出表的合计应等于收入总表中的一般公共预算收入",
            unit,
        )
    if gp and econ and (a := total_row(gp)) is not None:
        e = _row(econ, "level", lambda s: s == "合计")
        if e is not None:
            yield same(
                "cross-table",
                cell(gp, a, "basic"),
                cell(econ, e, "total"),
                "一般公共预算支出表的基本支出应等于基本支出分经济科目表的合计",
                unit,
            )
    if proj and proj.rows and exp and (b := total_row(exp)) is not None:
        yield identity(
            "cross-table",
            cell(exp, b, "project"),
            [cell(proj, i, "total") for i in range(len(proj.rows))],
            "支出总表的项目支出应等于项目支出预算表（本年预算）各项目之和",
            unit,
        )
    if ops and ops.rows and econ and econ.rows:
        o = _row(ops, "unit_name", lambda s: s in ("部门合计", "合计"))
        e = _row(econ, "level", lambda s: s == "合计")
        if o is not None and e is not None:
            yield same(
                "cross-table",
                cell(ops, o, "total"),
                cell(econ, e, "public_operation"),
                "机关运行经费应等于一般公共预算基本支出中的公用经费（名词解释：机关运行经费指基本支出中的公用经费）",
                unit,
            )


def _classes_agree(two: Resource, field: str, cls: Resource, cls_field: str, what: str) -> Iterator[Result | None]:
    """Each function class (类) printed in a two-sided table agrees with the classification table."""
    by_name = {str(r.get("name")): i for i, r in enumerate(cls.rows) if r.get("level") == "类"}
    for i, r in enumerate(two.rows):
        item = str(r.get("expense_item") or "")
        if not _SEQ.match(item):
            continue
        name = _SEQ.sub("", item)
        j = by_name.get(name)
        a = cell(two, i, field)
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
                    f"{what}：“{item}”在{two.title}中为{fmt(a.value)}万元，但{cls.title}没有这一类。",
                    (a.ref,),
                )
            continue
        yield same("cross-table", a, cell(cls, j, cls_field), f"{what}：“{name}”应一致", "万元")


# ---------------------------------------------------------------------------------------------
# Performance forms


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
                    "元",
                )
        j = None if proj is None else _row(proj, "project_name", lambda s, n=name: s == n)
        if proj is None or j is None:
            total = cell(forms, i, "year_total")
            status, why = (
                (UNCHECKED, "本文件未公开项目支出预算表，年度资金无从对照，未核对。")
                if proj is None
                else (ERROR, "在项目支出预算表（本年预算）中找不到同名项目。")
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
            cell(proj, j, "total", scale=YUAN_PER_WAN),
            f"绩效目标申报表“{name}”的年度资金总额（元）应等于项目支出预算表中该项目的金额（万元，折合为元）",
            "元",
        )


# ---------------------------------------------------------------------------------------------


def run_checks(pkg: Package) -> list[Result]:
    """Every fiscal identity and narrative check that applies to this package."""
    from .narrative import narrative_checks

    out: list[Result] = []
    for gen in (within_tables(pkg), across_tables(pkg), performance(pkg), narrative_checks(pkg)):
        out.extend(r for r in gen if r is not None)
    return confirm(out, pkg.budget.get("confirmedDiscrepancies", []))


def confirm(results: list[Result], confirmed: list[dict]) -> list[Result]:
    """Errors that a person has checked against the document and found printed so are the source's own:
    published as 原文不一致, not blocking. A confirmation that matches no error is itself an error."""
    keys = {(c.get("check"), c.get("resource"), c.get("row"), c.get("field")): c for c in confirmed}
    used: set = set()
    out = []
    for r in results:
        key = (r.check, r.resource, r.row, r.field)
        if r.status == ERROR and key in keys:
            used.add(key)
            note = keys[key].get("note", "")
            r = replace(r, status=SOURCE_ERROR, explanation=f"{r.explanation}经人工核对原文，原文确实如此：{note}")
        out.append(r)
    for key, c in keys.items():
        if key not in used:
            out.append(
                Result(
                    "confirmation",
                    ERROR,
                    c.get("resource"),
                    c.get("row"),
                    c.get("field"),
                    None,
                    None,
                    None,
                    f"记录的原文差异（{c.get('check')}）与核对结果不符：该项已不再出错或位置有变，请更新记录。",
                    (),
                )
            )
    return out


def summary(results: list[Result]) -> dict[str, int]:
    counts = {PASS: 0, ROUNDING: 0, ERROR: 0, UNCHECKED: 0, SOURCE_ERROR: 0}
    for r in results:
        counts[r.status] += 1
    return counts
