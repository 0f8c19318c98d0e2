"""Narrative against tables: the amounts and percentages stated in 第三部分, found in the text and compared.

A stated amount is tied to a table figure by the words printed before it (基本支出570.37万元 → the 基本支出 of
the expenditure table). A share (占94.14%) is compared with the amount divided by the paragraph's opening total; a
change (比上年增加187.15万元，增加28.07%) with the change divided by last year's figure it implies. A stated
figure that cannot be tied to any table is listed as unchecked, never as passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .checks import ERROR, PASS, ROUNDING, UNCHECKED, ZERO, Cell, Result, cell, fmt, half_unit, identity
from .package import Package, Resource

_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*万元")
_SHARE = re.compile(r"^\s*[，,]\s*占\s*(\d+(?:\.\d+)?)\s*%")
_CHANGE = re.compile(r"比(上年|\d{4}\s*年)(?:预算|预算执行数)?(增加|减少|增长|下降)$")
_PLAN = re.compile(r"^\d{4}\s*年预算安排$")
# 2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%
_VS_EXECUTION = re.compile(
    r"执行数为(\d+(?:\.\d+)?)万元[，,]\s*\d{4}\s*年预算安排(\d+(?:\.\d+)?)万元[，,]\s*比\d{4}\s*年预算执行数(增加|减少|增长|下降)(\d+(?:\.\d+)?)\s*%"
)
_CHANGE_PCT = re.compile(r"^\s*[，,]\s*(?:增加|减少|增长|下降|增幅|减幅|降幅)\s*(\d+(?:\.\d+)?)\s*%")
_CLAUSE_START = re.compile(r"[，,；;。：:、]")
_HUNDRED = Decimal(100)


@dataclass
class Stated:
    resource: str
    paragraph: int
    value: Decimal
    printed: str
    label: str
    sentence: str
    sentence_start: int
    end: int  # offset just after "万元" in the paragraph


def _paragraphs(text: str) -> list[str]:
    plain = text.replace("\\", "")
    return [p.strip() for p in plain.split("\n\n") if p.strip() and not p.startswith("#")]


def _figures(res: Resource) -> Iterator[tuple[int, str, list[Stated]]]:
    for n, para in enumerate(_paragraphs(res.text or ""), start=1):
        figs = []
        for m in _FIGURE.finditer(para):
            before = para[: m.start()]
            start = max((x.end() for x in _CLAUSE_START.finditer(before)), default=0)
            sentence_start = max((x.end() for x in re.finditer(r"[。；;]", before)), default=0)
            label = before[start:].strip()
            figs.append(
                Stated(
                    res.name,
                    n,
                    Decimal(m.group(1)),
                    m.group(1),
                    label,
                    para[sentence_start : m.end()],
                    sentence_start,
                    m.end(),
                )
            )
        yield n, para, figs


def _stated_cell(s: Stated) -> Cell:
    return Cell(s.value, half_unit(s.printed), (s.resource, s.paragraph, "text"), False, s.label)


class _Lookup:
    """Which table figure a label names."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.summ = pkg.table("budget_summary")
        self.inc = pkg.table("income_summary")
        self.exp = pkg.table("expenditure_summary")
        self.fisc = pkg.table("fiscal_summary")
        self.gp = pkg.table("general_public_expenditure")
        self.econ = pkg.table("general_public_basic_economic")
        self.ops = pkg.table("operating_costs")
        self.proj = pkg.table("projects_current")
        self.three = pkg.table("three_public")

    @staticmethod
    def _row(res: Resource | None, field: str, test) -> int | None:
        if res is None:
            return None
        return next((i for i, r in enumerate(res.rows) if test(str(r.get(field) or ""))), None)

    @staticmethod
    def _scale(res: Resource) -> Decimal:
        """Tables in 元 are compared with the 万元 of the text."""
        return {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}.get(
            res.amount_unit or "万元", Decimal(1)
        )

    def _cell(self, res: Resource, i: int, column: str) -> Cell:
        return cell(res, i, column, scale=self._scale(res))

    def _at(self, res: Resource | None, field: str, test, column: str, what: str) -> tuple[str, list[Cell]] | None:
        if res is None or not any(f["name"] == column for f in res.fields):
            return None
        i = self._row(res, field, test)
        if i is None:
            return None
        return f"{res.title}：{what}", [self._cell(res, i, column)]

    def _classified(self, label: str) -> tuple[str, list[Cell]] | None:
        """“A（类）B（款）C（项）” names one row of the function classification."""
        m = re.search(r"“?([^“”（）]+)（类）([^“”（）]+)（款）([^“”（）]+)（项）”?$", label)
        if not m:
            return None
        names = m.groups()
        for res in (self.gp, self.exp):
            if res is None:
                continue
            by_code = {str(r.get("code")): str(r.get("name")) for r in res.rows}
            for i, r in enumerate(res.rows):
                code = str(r.get("code") or "")
                if len(code) == 7 and (by_code.get(code[:3]), by_code.get(code[:5]), r.get("name")) == names:
                    return f"{res.title}：{code} {r['name']}", [self._cell(res, i, "total")]
        return None

    def find(self, s: Stated) -> tuple[str, list[Cell]] | None | str:
        """(what, cells summed) for a tied figure; a string saying why when the text names no table figure."""
        label = re.sub(r"\s+", "", s.label)
        sentence = s.sentence
        if "政府采购" in label:
            return "政府采购预算在公开的报表中没有对应数字"
        if re.search(r"执行数|决算数", label):
            return "上年执行数在本文件的报表中没有对应数字"
        if "绩效目标管理的项目" in sentence and self.proj and self.proj.rows:
            return (
                f"{self.proj.title}：各项目合计",
                [self._cell(self.proj, i, "total") for i in range(len(self.proj.rows))],
            )
        if (found := self._classified(label)) is not None:
            return found
        if self.proj:
            for i, r in enumerate(self.proj.rows):
                name = str(r.get("project_name") or "")
                if name and name in label:
                    return f"{self.proj.title}：{name}", [self._cell(self.proj, i, "total")]
        if self.exp:
            for i, r in enumerate(self.exp.rows):
                if r.get("level") == "类" and r.get("name") and label.endswith(str(r["name"])):
                    return f"{self.exp.title}：{r['code']} {r['name']}", [self._cell(self.exp, i, "total")]
        if re.search(r"三公|因公出国|公务接待|公务用车", label):
            return self._three_public(label)
        if "机关运行经费" in label:
            return self._at(
                self.ops, "unit_name", lambda x: x in ("部门合计", "合计") or len(self.ops.rows) == 1, "total", "合计"
            )  # type: ignore[union-attr]
        econ_total = (self.econ, "level", lambda x: x == "合计")
        if "人员经费" in label:
            return self._at(*econ_total, "personnel", "合计的人员经费")
        if "公用经费" in label:
            return self._at(*econ_total, "public_operation", "合计的公用经费")
        if "基本支出" in label:
            table = self.gp if "一般公共预算" in label else self.exp
            return self._at(table, "code", lambda x: x == "合计", "basic", "合计的基本支出")
        if "项目支出" in label:
            return self._at(self.exp, "code", lambda x: x == "合计", "project", "合计的项目支出")
        funds = (
            ("一般公共预算", "general_public", "一般公共预算"),
            ("政府性基金", "gov_fund", "政府性基金"),
            ("国有资本经营", "state_capital", "国有资本经营预算"),
        )
        if "支出" in label and (fund := next((f for f in funds if f[0] in label), None)):
            # 政府性基金拨款支出预算 → the 财政拨款收支总表's expenditure total in that column
            return self._at(
                self.fisc, "expense_item", lambda x: x == "支出总计", f"expense_{fund[1]}", f"支出总计的{fund[2]}"
            )
        if "财政拨款支出" in label:
            return self._at(self.fisc, "expense_item", lambda x: x == "支出总计", "expense_total", "支出总计")
        if "财政拨款收支" in label:
            return self._at(self.fisc, "income_item", lambda x: x == "收入总计", "income_amount", "收入总计")
        if "当年拨款收入" in label:
            return self._at(
                self.fisc, "income_item", lambda x: x.startswith("本年收入合计"), "income_amount", "本年收入合计"
            )
        if "上年结转收入" in label:
            return self._at(
                self.fisc, "income_item", lambda x: x.startswith("上年"), "income_amount", "上年财政拨款结转"
            )
        if "上年结转" in label:
            return self._at(self.summ, "income_item", lambda x: x.startswith("上年结转"), "income_amount", "上年结转")
        if "本年预算安排" in label:
            return self._at(
                self.summ,
                "expense_item",
                lambda x: x.startswith("本年支出合计"),
                "expense_current",
                "本年支出合计的当年预算安排",
            )
        if "本年收入" in label:
            return self._at(
                self.summ, "income_item", lambda x: x.startswith("本年收入合计"), "income_amount", "本年收入合计"
            )
        for key in ("财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"):
            if label.endswith(key) and "一般公共预算" not in label:
                return self._at(
                    self.summ,
                    "income_item",
                    lambda x, k=key: re.sub(r"^[一二三四五六七八九十]+、", "", x) == k,
                    "income_amount",
                    key,
                )
        if "收入总计" in label or label.endswith(("预算收入", "收入预算")):
            return self._at(self.summ, "income_item", lambda x: x == "收入总计", "income_amount", "收入总计")
        if "支出总计" in label or label.endswith("支出预算"):
            return self._at(self.summ, "expense_item", lambda x: x == "支出总计", "expense_total", "支出总计")
        inc_total = (self.inc, "code", lambda x: x == "合计")
        if "当年拨款" in label and "一般公共预算" in label:
            return self._at(self.gp, "code", lambda x: x == "合计", "total", "合计")
        for key, column, what in (
            *funds,
            ("财政专户", "special_account", "财政专户管理资金"),
            ("单位资金", "unit_funds", "单位资金"),
        ):
            if key in label:
                return self._at(*inc_total, column, f"合计的{what}")
        return "说明中的这一数字未能对应到任何报表"

    def _three_public(self, label: str) -> tuple[str, list[Cell]] | str:
        res = self.three
        if res is None:
            return "没有“三公”经费表"
        if not res.rows:
            return f"EMPTY:{res.title}"
        # the most specific row first; labels vary (①公务用车购置费 / 购置费, 因公出国（境）费 / 因公出国(境)费)
        wanted = [
            ("购置及运行", ("公务用车购置及运行费",)),
            ("购置费", ("①公务用车购置费", "购置费")),
            ("运行", ("②公务用车运行维护费", "运行费")),
            ("因公出国", ("因公出国境费",)),
            ("公务接待", ("公务接待费",)),
            ("公务用车", ("公务用车购置及运行费",)),
        ]
        names = next((v for k, v in wanted if k in label), ("合计",))
        i = self._row(res, "item", lambda x: re.sub(r"[()（）]", "", x) in names)
        if i is None:
            return f"“三公”经费表中没有“{names[0]}”一行"
        return f"{res.title}：{res.rows[i]['item']}", [self._cell(res, i, "total")]


def _percent_check(check: str, stated: str, num: Cell, den: Cell, what: str, ref: tuple[str, int, str]) -> Result:
    """Stated percentage against num / den × 100, allowing for the rounding of all three printed figures."""
    p = Decimal(stated)
    exact = num.value / den.value * _HUNDRED
    q = Decimal(1).scaleb(Decimal(stated).as_tuple().exponent)
    rounded = exact.quantize(q, rounding=ROUND_HALF_UP)
    corners = [
        (num.value + a) / (den.value + b) * _HUNDRED
        for a in (-num.tol, num.tol)
        for b in (-den.tol, den.tol)
        if den.value + b != 0
    ]
    lo, hi = min(corners) - half_unit(stated), max(corners) + half_unit(stated)
    diff = p - rounded
    computed = (
        f"{fmt(num.value)} ÷ {fmt(den.value)} × 100 = {fmt(exact.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP))}%"
    )
    if diff == 0:
        status, note = PASS, "一致。"
    elif lo <= p <= hi:
        status, note = ROUNDING, f"按印刷数字计算为{fmt(rounded)}%，差异在舍入误差以内。"
    else:
        status, note = ERROR, f"按印刷数字计算应为{fmt(rounded)}%，说明写作{stated}%，超出舍入误差。"
    return Result(
        check, status, ref[0], ref[1], ref[2], rounded, p, diff, f"{what}：{computed}。{note}", (num.ref, den.ref)
    )


def narrative_checks(pkg: Package) -> Iterator[Result | None]:
    look = _Lookup(pkg)
    for res in pkg.texts:
        for n, para, figs in _figures(res):
            base = figs[0] if figs else None
            base_found: tuple[str, list[Cell]] | None = None
            for m in _VS_EXECUTION.finditer(para):
                yield _execution_change(m, (res.name, n, "text"))
            for s in figs:
                rest = para[s.end :]
                change = _CHANGE.search(re.sub(r"\s+", "", s.label))
                ref = (res.name, n, "text")
                subject = _subject(figs, s)
                if change and subject is not s:
                    yield from _change(s, subject, change.group(2), _CHANGE_PCT.match(rest), ref)
                    continue
                found = base_found if _PLAN.match(s.label) and base_found is not None else look.find(s)
                if s is base:
                    base_found = found if isinstance(found, tuple) else None
                stated = _stated_cell(s)
                where = f"{res.title}（第{n}段）“{s.label}{s.printed}万元”"
                if isinstance(found, str):
                    if found.startswith("EMPTY:"):
                        status = PASS if s.value == 0 else ERROR
                        note = (
                            "一致：原表为空表（本表无数据），说明称0。"
                            if s.value == 0
                            else "原表为空表（本表无数据），说明却列出金额。"
                        )
                        yield Result(
                            "narrative", status, *ref, ZERO, s.value, s.value, f"{where}：{found[6:]}。{note}", ()
                        )
                    else:
                        yield Result(
                            "narrative", UNCHECKED, *ref, None, s.value, None, f"{where}：{found}，未核对。", ()
                        )
                elif found is None:
                    yield Result(
                        "narrative", UNCHECKED, *ref, None, s.value, None, f"{where}：相关报表缺失，未核对。", ()
                    )
                else:
                    what, cells = found
                    table_value = sum((c.value for c in cells), ZERO)
                    exponent = Decimal(s.printed).as_tuple().exponent
                    if (
                        table_value != s.value
                        and table_value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP) == s.value
                    ):
                        # e.g. 164,978,640元 stated as 16497.86万元: the text rounds the table's figure
                        yield Result(
                            "narrative",
                            PASS,
                            *ref,
                            table_value,
                            s.value,
                            ZERO,
                            f"{where}与{what}：表中为{fmt(table_value)}万元，按说明的精度四舍五入为{s.printed}万元，一致。",
                            tuple(c.ref for c in cells),
                        )
                        continue
                    r = identity("narrative", stated, cells, f"{where}与{what}", "万元", ("说明写作", "报表中为"))
                    if r is not None:
                        yield Result(
                            r.check, r.status, *ref, r.expected, r.actual, r.difference, r.explanation, r.cells
                        )
                    else:
                        yield Result(
                            "narrative", PASS, *ref, ZERO, ZERO, ZERO, f"{where}与{what}：一致（表中为空）。", ()
                        )
                share = _SHARE.match(rest)
                if share and base is not None and s is not base and base.value != 0:
                    yield _percent_check(
                        "narrative-share",
                        share.group(1),
                        stated,
                        _stated_cell(base),
                        f"{where}占{fmt(base.value)}万元的{share.group(1)}%",
                        ref,
                    )
                elif share and base is s and s.value != 0:
                    yield _percent_check(
                        "narrative-share", share.group(1), stated, stated, f"{where}占自身的{share.group(1)}%", ref
                    )


def _subject(figs: list[Stated], s: Stated) -> Stated:
    """A change is stated against its sentence's subject (the first figure), or else the figure just before."""
    k = figs.index(s)
    subject = next(f for f in figs if f.sentence_start == s.sentence_start)
    return figs[k - 1] if subject is s and k > 0 else subject


@dataclass(frozen=True)
class StatedPrior:
    """Last year's figure implied by a change the text states (比上年增加187.15万元 → 853.77 − 187.15)."""

    section: str
    subject: str
    current: Decimal
    change: str
    prior: Decimal


def stated_priors(pkg: Package) -> list[StatedPrior]:
    out = []
    for res in pkg.texts:
        for _, _, figs in _figures(res):
            for s in figs:
                change = _CHANGE.search(re.sub(r"\s+", "", s.label))
                subject = _subject(figs, s)
                if change and subject is not s:
                    sign = 1 if change.group(2) in ("增加", "增长") else -1
                    out.append(
                        StatedPrior(
                            res.title,
                            f"{subject.label}{subject.printed}万元",
                            subject.value,
                            f"{s.label}{s.printed}万元",
                            subject.value - sign * s.value,
                        )
                    )
    return out


def _change(
    s: Stated, current: Stated, direction: str, pct: re.Match[str] | None, ref: tuple[str, int, str]
) -> Iterator[Result]:
    """比上年增加X万元，增加Y%: last year = current ∓ X, and Y = X ÷ last year."""
    sign = Decimal(1) if direction in ("增加", "增长") else Decimal(-1)
    cur, chg = _stated_cell(current), _stated_cell(s)
    prior = Cell(cur.value - sign * chg.value, cur.tol + chg.tol, cur.ref, False, "上年")
    where = f"“{current.label}{current.printed}万元，{s.label}{s.printed}万元”"
    yield Result(
        "narrative-change",
        UNCHECKED,
        *ref,
        None,
        s.value,
        None,
        f"{where}：上年数{fmt(prior.value)}万元由说明推算，本站没有上年数据可核对增减额。",
        (),
    )
    if pct is not None and prior.value != 0:
        yield _percent_check(
            "narrative-change",
            pct.group(1),
            chg,
            prior,
            f"{where}：增减幅度 = 增减额 ÷ 上年数（{fmt(prior.value)}万元）",
            ref,
        )


def _execution_change(m: re.Match[str], ref: tuple[str, int, str]) -> Result:
    """比上年执行数增加/减少P%: P = |this year − last year's execution| ÷ last year's execution."""
    executed, planned, direction, pct = m.group(1), m.group(2), m.group(3), m.group(4)
    a = Cell(Decimal(executed), half_unit(executed), ref, False, "执行数")
    b = Cell(Decimal(planned), half_unit(planned), ref, False, "预算安排")
    if a.value == 0:
        return Result(
            "narrative-change",
            UNCHECKED,
            *ref,
            None,
            Decimal(pct),
            None,
            f"“{m.group(0)}”：上年执行数为0，增减幅度无法计算，未核对。",
            (),
        )
    sign = 1 if direction in ("增加", "增长") else -1
    change = Cell(sign * (b.value - a.value), a.tol + b.tol, ref, False, "增减额")
    if change.value < 0:
        return Result(
            "narrative-change",
            ERROR,
            *ref,
            None,
            Decimal(pct),
            None,
            f"“{m.group(0)}”：预算安排{planned}万元与执行数{executed}万元相比是{'减少' if sign > 0 else '增加'}，说明却写作“{direction}”。",
            (),
        )
    return _percent_check("narrative-change", pct, change, a, f"“{m.group(0)}”：增减幅度 = 增减额 ÷ 上年执行数", ref)
