"""Budget against actual for a 决算: for every class, 款 and 项 of its 一般公共预算财政拨款支出决算表 and every “三公”
item, the 年初预算 its explanations state (or its “三公” table prints), the 决算 the table prints, 执行率 (决算 ÷ 年初预算)
and the difference, exactly, with the reason the unit gives. Where the site holds the unit's 预算 of that year, its
figures are set beside the stated 年初预算 (a check between the two documents)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import catalogue as cat
from .checks import narrative_rules as rules
from .checks.narrative_text import stated_figures
from .checks.within import three_public_key
from .package import Package, Resource

_HUNDRED = Decimal(100)
_RATE = Decimal("0.01")


@dataclass
class Stated:
    """What the explanations say of one item."""

    planned: str | None = None  # 年初预算 as printed
    full_year: str | None = None  # 全年预算 as printed
    spent: str | None = None  # 支出决算 as printed
    completion: str | None = None  # the percentage printed
    reason: str = ""
    paragraph: int = 0
    resource: str = ""


@dataclass
class Line:
    code: str
    name: str
    level: str
    planned: Decimal | None  # 年初预算
    planned_source: str  # 说明 / 说明各项相加 / “三公”表
    spent: Decimal | None  # 决算 (table)
    stated: Stated | None
    budget: Decimal | None = None  # the 预算 package's figure, where the site holds it
    budget_ref: str = ""

    @property
    def rate(self) -> Decimal | None:
        """执行率 in %, exact to two decimals (rounded half up) from the printed figures."""
        if self.planned is None or self.spent is None or self.planned == 0:
            return None
        return (self.spent / self.planned * _HUNDRED).quantize(_RATE, rounding=ROUND_HALF_UP)

    @property
    def difference(self) -> Decimal | None:
        if self.planned is None or self.spent is None:
            return None
        return self.spent - self.planned

    @property
    def budget_agrees(self) -> bool | None:
        if self.budget is None or self.planned is None:
            return None
        return self.budget == self.planned


@dataclass
class Execution:
    unit: str  # the amount unit of the tables
    lines: list[Line] = field(default_factory=list)
    three_public: list[Line] = field(default_factory=list)
    budget_package: str = ""  # the 预算 package compared, if any
    three_public_reason: str = ""


def _num(printed: str | None) -> Decimal | None:
    return Decimal(printed) if printed not in (None, "") else None


def stated_items(pkg: Package) -> dict[str, Stated]:
    """The items of the 情况说明 that state a 年初预算 and a 决算 (“1、类（类）款（款）项（项）…年初预算为X万元，支出决算
    为Y万元…主要原因：…”), keyed by “类/款/项” names, and the whole (key “合计”) where it is stated first."""
    out: dict[str, Stated] = {}
    for res in pkg.texts:
        key: str | None = None
        for n, para, figs in stated_figures(res):
            m = re.match(rules.FINAL_ITEM, para)
            if m:
                key = "/".join(re.sub(r"\s+", "", m.group(g)) for g in ("cls", "kuan", "xiang"))
                out[key] = Stated(paragraph=n, resource=res.name)
            elif re.match(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)", para):
                key = None
            for s in figs:
                label = re.sub(r"\s+", "", s.label)
                which = re.search(rules.FINAL_PLANNED + "$", label)
                spent = re.search(rules.FINAL_SPENT + "$", label)
                if key is None and which and "一般公共预算财政拨款支出" in label and "合计" not in out:
                    key = "合计"
                    out[key] = Stated(paragraph=n, resource=res.name)
                if key is None or key not in out:
                    continue
                item = out[key]
                if which and which.group("which") == "全年":
                    item.full_year = s.printed
                elif which:
                    item.planned = s.printed
                elif spent:
                    item.spent = s.printed
            if key is not None and key in out:
                item = out[key]
                if pct := re.search(rules.FINAL_COMPLETION + r"\s*(\d+(?:\.\d+)?)\s*[%％]", para):
                    item.completion = item.completion or pct.group(pct.lastindex or 0)
                if why := re.search(rules.FINAL_REASON, para):
                    item.reason = item.reason or why.group("reason").strip()
                elif held := re.search(r"决算数[^。]{0,12}持平", para):
                    item.reason = item.reason or held.group(0)
            if key == "合计" and re.search(r"其中[：:]\s*$", para):
                key = None
    return out


def _find_line(rows: list[dict], cls: str, kuan: str, xiang: str) -> int | None:
    code = cat.FUNCTION_CLASSES.get(cls)
    if code is None:
        return None
    kuans = [i for i, r in enumerate(rows) if str(r.get("code") or "").startswith(code) and r.get("level") == "款"]
    k = next((i for i in kuans if rows[i].get("name") == kuan), None)
    prefix = str(rows[k]["code"]) if k is not None else code
    items = [
        i
        for i, r in enumerate(rows)
        if str(r.get("code") or "").startswith(prefix) and r.get("level") == "项" and r.get("name") == xiang
    ]
    return items[0] if len(items) == 1 else None


def execution(pkg: Package, budget: Package | None = None) -> Execution | None:
    """The 执行 of a 决算 package; None for a budget or a 决算 without its 一般公共预算财政拨款支出决算表."""
    gp = pkg.table("final_general_public_expenditure")
    if not pkg.final or gp is None or not gp.rows:
        return None
    out = Execution(unit=gp.unit)
    stated = stated_items(pkg)
    rows = gp.rows
    by_row: dict[int, Stated] = {}
    for key, said in stated.items():
        if key == "合计":
            i = next((i for i, r in enumerate(rows) if r.get("code") == cat.TOTAL_CODE), None)
        else:
            i = _find_line(rows, *key.split("/"))
        if i is not None:
            by_row[i] = said
    planned: dict[int, Decimal | None] = {i: _num(s.planned) for i, s in by_row.items()}
    sources = {i: "说明" for i in by_row if planned[i] is not None}
    # a 类 or 款 whose every 项 states its 年初预算: their sum, marked as the site's
    for i, r in enumerate(rows):
        code = str(r.get("code") or "")
        if r.get("level") not in ("类", "款") or planned.get(i) is not None:
            continue
        under = [j for j, q in enumerate(rows) if q.get("level") == "项" and str(q.get("code") or "").startswith(code)]
        if under and all(planned.get(j) is not None for j in under):
            planned[i] = sum((planned[j] or Decimal(0) for j in under), Decimal(0))
            sources[i] = "说明各项相加"
    theirs = _budget_lines(budget)
    for i, r in enumerate(rows):
        code = str(r.get("code") or "")
        line = Line(
            code=code,
            name=str(r.get("name") or (cat.TOTAL_CODE if code == cat.TOTAL_CODE else "")),
            level=str(r.get("level") or ""),
            planned=planned.get(i),
            planned_source=sources.get(i, ""),
            spent=_num(r.get("total")),
            stated=by_row.get(i),
        )
        if code in theirs:
            line.budget, line.budget_ref = theirs[code]
        out.lines.append(line)
    three = pkg.table("final_three_public")
    budget_three = _budget_three(budget)
    for r in three.rows if three is not None else []:
        item = str(r.get("item") or "")
        line = Line(
            code="",
            name=item,
            level="三公",
            planned=_num(r.get("budget")),
            planned_source="“三公”表",
            spent=_num(r.get("final")),
            stated=None,
        )
        if (k := three_public_key(item)) in budget_three:
            line.budget, line.budget_ref = budget_three[k]
        out.three_public.append(line)
    out.three_public_reason = _three_public_reason(pkg)
    if budget is not None:
        out.budget_package = f"{budget.year}/{budget.slug}"
    return out


def _budget_lines(budget: Package | None) -> dict[str, tuple[Decimal, str]]:
    """The 预算's 一般公共预算支出表 by code: its 合计 (the year's 一般公共预算 appropriation)."""
    res: Resource | None = budget.table("general_public_expenditure") if budget is not None else None
    out: dict[str, tuple[Decimal, str]] = {}
    for k, r in enumerate(res.rows if res is not None else []):
        if r.get("code") and r.get("total") is not None:
            out[str(r["code"])] = (Decimal(str(r["total"])), f"{res.title}第{k + 2}行")  # type: ignore[union-attr]
    return out


def _budget_three(budget: Package | None) -> dict[str, tuple[Decimal, str]]:
    res = budget.table("three_public") if budget is not None else None
    out: dict[str, tuple[Decimal, str]] = {}
    for k, r in enumerate(res.rows if res is not None else []):
        if r.get("total") is not None:
            out[three_public_key(str(r.get("item") or ""))] = (Decimal(str(r["total"])), f"{res.title}第{k + 2}行")  # type: ignore[union-attr]
    return out


def _three_public_reason(pkg: Package) -> str:
    for res in pkg.texts:
        for _n, para, _figs in stated_figures(res):
            if re.search(rules.THREE_PUBLIC_MENTION, para) and (m := re.search(rules.FINAL_REASON, para)):
                return m.group("reason").strip()
    return ""


def budget_for(pkg: Package, others: list[Package]) -> Package | None:
    """The unit's 预算 of the same year among the site's packages (by unit name), for the cross-document check."""
    return next((p for p in others if not p.final and p.unit == pkg.unit and p.year == pkg.year), None)
