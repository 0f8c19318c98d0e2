"""Across years: a unit's totals and function classes year by year, last year's figures stated in the text, and
each classification table against the previous year's. Items are matched by code, so a renamed class still lines up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .charts import Chart, grouped, stacked
from .checks import fmt
from .narrative import Stated, _Lookup, stated_priors
from .package import Package, Resource

WAN = Decimal(10000)
_TO_WAN = {"元": Decimal(1) / WAN, "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": WAN}


def to_wan(value: str | None, unit: str | None) -> Decimal | None:
    """An amount in 万元, computed exactly from the printed figure (for comparing and charting across units)."""
    return None if value is None else Decimal(value) * _TO_WAN.get(unit or "万元", Decimal(1))


@dataclass
class Totals:
    year: int
    unit: str
    income: str | None
    expense: str | None
    basic: str | None
    project: str | None


def totals(pkg: Package) -> Totals:
    summ, exp = pkg.table("budget_summary"), pkg.table("expenditure_summary")
    income = expense = basic = project = None
    for r in summ.rows if summ else []:
        if r.get("income_item") == "收入总计":
            income = r.get("income_amount")
        if r.get("expense_item") == "支出总计":
            expense = r.get("expense_total")
    total = next((r for r in exp.rows if r.get("code") == "合计"), None) if exp else None
    if total:
        basic, project = total.get("basic"), total.get("project")
    unit = (summ.amount_unit if summ else None) or (exp.amount_unit if exp else None) or "万元"
    return Totals(pkg.year, unit, income, expense, basic, project)


_PRIORS: dict[tuple[str, int], list] = {}


def _stated_priors(pkg: Package) -> list:
    """The narrative's last-year figures, read once per package (every later year's history page shows them)."""
    key = (str(pkg.path), pkg.year)
    if key not in _PRIORS:
        _PRIORS[key] = stated_priors(pkg)
    return _PRIORS[key]


def previous(pkg: Package, packages: list[Package]) -> Package | None:
    """The same unit's package for the latest earlier year."""
    earlier = [p for p in packages if p.slug == pkg.slug and p.year < pkg.year]
    return max(earlier, key=lambda p: p.year) if earlier else None


def _show(d: Decimal | None) -> str:
    """An amount for reading: whole numbers with thousands separators, decimals as they are."""
    if d is None:
        return ""
    return f"{d:,}" if d.as_tuple().exponent >= 0 else format(d, "f")


def _pct(now: Decimal, before: Decimal) -> str:
    if before == 0:
        return ""
    return f"{((now - before) * 100 / before).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def comparison(res: Resource, prev: Resource, prev_year: int) -> str:
    """A classification table against last year's, matched by code (names as printed each year)."""
    unit = res.amount_unit or "万元"
    scale = _TO_WAN.get(prev.amount_unit or "万元", Decimal(1)) / _TO_WAN.get(unit, Decimal(1))
    before = {str(r.get("code")): r for r in prev.rows}
    lines = [
        f"| 科目编码 | 科目名称 | 本年合计 | {prev_year}年合计 | 增减 | 增减幅度 |",
        "| :--- | :--- | ---: | ---: | ---: | ---: |",
    ]
    codes_now = [str(r.get("code")) for r in res.rows]
    for r in res.rows:
        code = str(r.get("code"))
        old = before.get(code)
        now = None if r.get("total") is None else Decimal(str(r["total"]))
        was = None if old is None or old.get("total") is None else Decimal(str(old["total"])) * scale
        name = str(r.get("name") or "")
        if old is not None and old.get("name") and old.get("name") != r.get("name"):
            name += f"（{prev_year}年称“{old['name']}”）"
        diff = "" if now is None or was is None else _show(now - was)
        pct = "" if now is None or was is None else _pct(now, was)
        lines.append(
            f"| {code} | {name} | {_show(now)} | {_show(was) if old else '（上年无此科目）'} | {diff} | {pct} |"
        )
    for code, old in before.items():
        if code not in codes_now and old.get("total") is not None:
            was = Decimal(str(old["total"])) * scale
            lines.append(f"| {code} | {old.get('name') or ''} | （本年无此科目） | {_show(was)} | | |")
    note = f"上年数按{prev.amount_unit}印刷，已换算为{unit}。" if scale != 1 else ""
    return "\n".join(lines) + f"\n\n按科目编码对照，名称不同的科目以编码为准。{note}\n"


def _amount(t: Totals, value: str | None) -> str:
    if value is None:
        return ""
    d = Decimal(value)
    return f"{d:,}" if d == d.to_integral() and "." not in value else value


def history_charts(pkgs: list[Package]) -> list[Chart]:
    out: list[Chart] = []
    years = [totals(p) for p in pkgs]
    items = [
        (f"{t.year}年", [("基本支出", to_wan(t.basic, t.unit)), ("项目支出", to_wan(t.project, t.unit))]) for t in years
    ]
    c = stacked("支出总计：基本支出与项目支出（万元，本站换算）", items, "万元", "年度")
    if c:
        out.append(c)
    classes: dict[str, dict[int, Decimal | None]] = {}
    names: dict[str, str] = {}
    for p in pkgs:
        exp = p.table("expenditure_summary")
        for r in exp.rows if exp else []:
            if r.get("level") == "类":
                classes.setdefault(str(r["code"]), {})[p.year] = to_wan(r.get("total"), exp.amount_unit)
                names[str(r["code"])] = str(r.get("name"))
    rows = [
        (f"{code} {names[code]}", [(f"{p.year}年", classes[code].get(p.year)) for p in pkgs])
        for code in sorted(classes)
    ]
    c = grouped("各类支出历年对比（万元，本站换算）", rows, "万元", "支出功能分类")
    if c:
        out.append(c)
    return out


def render_history(pkgs: list[Package], chart_html, link) -> str:
    """The page of one unit across the years it has packages for."""
    pkgs = sorted(pkgs, key=lambda p: p.year)
    unit = pkgs[-1].unit
    lines = [f"# {unit}：历年预算\n"]
    if len(pkgs) > 1:
        lines.append(
            f"本站收录该单位 {pkgs[0].year}–{pkgs[-1].year} 年共 {len(pkgs)} 份预算公开文件。金额按各年原文照录。\n"
        )
    lines.append(
        "| 年度 | 收入总计 | 支出总计 | 基本支出 | 项目支出 | 金额单位 |\n| :--- | ---: | ---: | ---: | ---: | :--- |"
    )
    for p in pkgs:
        t = totals(p)
        lines.append(
            f"| {link(p, f'{t.year}年')} | {_amount(t, t.income)} | {_amount(t, t.expense)} | "
            f"{_amount(t, t.basic)} | {_amount(t, t.project)} | {t.unit} |"
        )
    lines.append("")
    if len(pkgs) > 1:
        lines.append("## 图表\n")
        for chart in history_charts(pkgs):
            lines.append(chart_html(chart))
    lines.append("## 说明中提到的上年数\n")
    lines.append(
        "以下上年数由各年情况说明中的增减额推算（本年数 ∓ 增减额），是原文文字所述，不是本站数据包中的数据。"
        "上年的预算公开文件也已收录时，列出其中的对应数字以供对照。\n"
    )
    lines.append(
        "| 年度 | 说明原文 | 推算的上年数（万元） | 上年文件中的数（万元） | 对照 |\n| :--- | :--- | ---: | ---: | :--- |"
    )
    any_prior = False
    by_year = {p.year: p for p in pkgs}
    for p in pkgs:
        before = by_year.get(p.year - 1)
        for s in _stated_priors(p):
            any_prior = True
            found = ""
            verdict = "上年文件未收录"
            if before is not None:
                stated = Stated(
                    "", 0, s.current, fmt(s.current), s.subject.rsplit(fmt(s.current), 1)[0], s.subject, 0, 0
                )
                hit = _Lookup(before).find(stated)
                if isinstance(hit, tuple):
                    value = sum((c.value for c in hit[1]), Decimal(0))
                    exponent = s.prior.as_tuple().exponent
                    rounded = value.quantize(Decimal(1).scaleb(min(int(exponent), -2)), rounding=ROUND_HALF_UP)
                    found = fmt(rounded)
                    verdict = "一致" if rounded == s.prior else f"相差{fmt(s.prior - rounded)}"
                else:
                    verdict = "上年文件中无对应数字"
            lines.append(f"| {p.year} | {s.subject}，{s.change} | {fmt(s.prior)} | {found} | {verdict} |")
    if not any_prior:
        lines.append("| | 说明中没有与上年比较的金额 | | | |")
    lines.append("")
    return "\n".join(lines)
