"""Narrative against tables: the amounts and percentages stated in 第三部分 (read by `narrative_text`, tied to the
tables by `narrative_lookup`), compared.

A stated amount is tied to a table figure by the words printed before it (基本支出570.37万元 → the 基本支出 of
the expenditure table). A share (占94.14%) is compared with the amount divided by the paragraph's opening total; a
change (比上年增加187.15万元，增加28.07%) with the change divided by last year's figure it implies. A stated
figure that cannot be tied to any table is listed as unchecked, never as passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .. import catalogue as cat
from ..amounts import grouped, plain, say
from ..explanations import NUMBER
from ..package import Package
from . import narrative_rules as rules
from .core import ERROR, PASS, ROUNDING, UNCHECKED, ZERO, Cell, Result, half_unit, identity
from .narrative_lookup import carried_over, find_figure
from .narrative_text import Stated, change_of, stated_cell, stated_figures

_SHARE = re.compile(r"^\s*[，,]\s*占\s*(\d+(?:\.\d+)?)\s*%")
_PLAN = re.compile(r"^\d{4}\s*年预算安排$")
# 2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%
_VS_EXECUTION = re.compile(
    rf"执行数为{NUMBER}\s*({cat.UNIT_PATTERN})[，,]\s*\d{{4}}\s*年预算安排{NUMBER}\s*(\2)[，,]\s*"
    r"比\d{4}\s*年预算执行数(增加|减少|增长|下降)(\d+(?:\.\d+)?)\s*%"
)
_CHANGE_PCT = re.compile(r"^\s*[，,]\s*(?:增加|减少|增长|下降|增幅|减幅|降幅)\s*(\d+(?:\.\d+)?)\s*%")
_HUNDRED = Decimal(100)


def percent_check(check: str, stated: str, num: Cell, den: Cell, what: str, ref: tuple[str, int, str]) -> Result:
    """Stated percentage against num / den × 100, allowing for the rounding of all three printed figures."""
    p = Decimal(stated)
    exact = num.value / den.value * _HUNDRED
    q = Decimal(1).scaleb(int(Decimal(stated).as_tuple().exponent))
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
        f"{grouped(plain(num.value))} ÷ {grouped(plain(den.value))} × 100 = "
        f"{plain(exact.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP))}%"
    )
    if diff == 0:
        status, note = PASS, "一致。"
    elif lo <= p <= hi:
        status, note = ROUNDING, f"按印刷数字计算为{plain(rounded)}%，差异在舍入误差以内。"
    else:
        status, note = ERROR, f"按印刷数字计算应为{plain(rounded)}%，说明写作{stated}%，超出舍入误差。"
    return Result(
        check,
        status,
        ref[0],
        ref[1],
        ref[2],
        rounded,
        p,
        diff,
        f"{what}：{computed}。{note}",
        (num.ref, den.ref),
        unit="%",
    )


def narrative_checks(pkg: Package) -> Iterator[Result | None]:
    for res in pkg.texts:
        for n, para, figs in stated_figures(res):
            base = figs[0] if figs else None
            base_found: tuple[str, list[Cell]] | None = None
            for m in _VS_EXECUTION.finditer(para):
                yield _execution_change(m, (res.name, n, "text"))
            for s in figs:
                rest = para[s.end :]
                ref = (res.name, n, "text")
                change, subject, comparable = change_of(figs, s)
                if change and not comparable:
                    yield Result(
                        "narrative-change",
                        UNCHECKED,
                        *ref,
                        None,
                        s.value,
                        None,
                        f"“{s.sentence}”：增减额所比较的本年数没有在它之前印出，未核对。",
                        (),
                        unit=s.unit,
                    )
                    continue
                if change:
                    yield from _change(s, subject, change.group(2), _CHANGE_PCT.match(rest), ref)
                    continue
                found = (
                    base_found
                    if _PLAN.match(s.label) and base_found is not None
                    else find_figure(
                        pkg, s.label, s.sentence, _column_of(base), _fund_of(base), para[: s.end - len(s.text)]
                    )
                )
                if s is base:
                    base_found = found if isinstance(found, tuple) else None
                stated = stated_cell(s)
                where = f"{res.title}（第{n}段）“{s.label}{s.text}”"
                if isinstance(found, str):
                    if found.startswith("EMPTY:"):
                        status = PASS if s.value == 0 else ERROR
                        note = (
                            "一致：原表为空表（本表无数据），说明称0。"
                            if s.value == 0
                            else "原表为空表（本表无数据），说明却列出金额。"
                        )
                        yield Result(
                            "narrative",
                            status,
                            *ref,
                            ZERO,
                            s.value,
                            s.value,
                            f"{where}：{found[6:]}。{note}",
                            (),
                            unit=s.unit,
                        )
                    else:
                        yield Result(
                            "narrative",
                            UNCHECKED,
                            *ref,
                            None,
                            s.value,
                            None,
                            f"{where}：{found}，未核对。",
                            (),
                            unit=s.unit,
                        )
                elif found is None:
                    yield Result(
                        "narrative",
                        UNCHECKED,
                        *ref,
                        None,
                        s.value,
                        None,
                        f"{where}：相关报表缺失，未核对。",
                        (),
                        unit=s.unit,
                    )
                else:
                    what, cells = found
                    cells = [c.to(s.unit) for c in cells]
                    table_value = sum((c.value for c in cells), ZERO)
                    exponent = Decimal(s.printed).as_tuple().exponent
                    if (
                        table_value != s.value
                        and table_value.quantize(Decimal(1).scaleb(int(exponent)), rounding=ROUND_HALF_UP) == s.value
                    ):
                        # e.g. 164,978,640元 stated as 16497.86万元: the text rounds the table's figure
                        yield Result(
                            "narrative",
                            PASS,
                            *ref,
                            table_value,
                            s.value,
                            ZERO,
                            f"{where}与{what}：表中为{say(table_value, s.unit)}，按说明的精度四舍五入为{say(s.value, s.unit)}，一致。",
                            tuple(c.ref for c in cells),
                            unit=s.unit,
                        )
                        continue
                    step = Decimal(1).scaleb(int(exponent))
                    if table_value != s.value and table_value.quantize(step, rounding=ROUND_DOWN) == s.value:
                        # e.g. 877,080元 stated as 87.70万元: the text cuts the figure off instead of rounding it
                        yield Result(
                            "narrative",
                            ROUNDING,
                            *ref,
                            table_value,
                            s.value,
                            s.value - table_value,
                            f"{where}与{what}：表中为{say(table_value, s.unit)}，说明截去末位以后的数字写作"
                            f"{say(s.value, s.unit)}（截尾，未四舍五入），差额小于末位一个单位。",
                            tuple(c.ref for c in cells),
                            unit=s.unit,
                        )
                        continue
                    carried = carried_over(pkg, re.sub(r"\s+", "", s.label), cells) if table_value != s.value else None
                    if carried is not None:
                        more, own = carried
                        with_carried = [*cells, *(c.to(s.unit) for c in more)]
                        r = identity(
                            "narrative",
                            stated,
                            with_carried,
                            f"{where}与{what}（含上年结转）",
                            ("说明写作", "报表中为"),
                        )
                        if own is not None and r is not None and r.status != ERROR:
                            yield _placed(r, ref)
                            continue
                        lump = more[0].to(s.unit)
                        yield Result(
                            "narrative",
                            UNCHECKED,
                            *ref,
                            None,
                            s.value,
                            None,
                            f"{where}："
                            + rules.NARRATIVE_CARRIED_WHY.format(
                                _title_of_ref(pkg, lump), say(lump.value, s.unit), say(table_value, s.unit)
                            )
                            + "，未核对。",
                            (),
                            unit=s.unit,
                        )
                        continue
                    r = identity("narrative", stated, cells, f"{where}与{what}", ("说明写作", "报表中为"))
                    if r is not None:
                        yield _placed(r, ref)
                    else:
                        yield Result(
                            "narrative",
                            PASS,
                            *ref,
                            ZERO,
                            ZERO,
                            ZERO,
                            f"{where}与{what}：一致（表中为空）。",
                            (),
                            unit=s.unit,
                        )
                share = _SHARE.match(rest)
                if not share:
                    continue
                whole = _share_base(para, figs, base)
                if whole is None:
                    yield Result(
                        "narrative-share",
                        UNCHECKED,
                        *ref,
                        None,
                        Decimal(share.group(1)),
                        None,
                        f"{where}占{share.group(1)}%：这一段没有印出占比所对的总数，各项占比之和也不是100%，未核对。",
                        (),
                        unit="%",
                    )
                    continue
                cell_, said = whole
                if cell_.value == 0:
                    continue
                r = percent_check(
                    "narrative-share", share.group(1), stated, cell_, f"{where}占{said}的{share.group(1)}%", ref
                )
                yield _tail_adjusted(r, para, figs, cell_) if r.status == ERROR else r


def _placed(r: Result, ref: tuple[str, int, str]) -> Result:
    """An identity's result, set at the paragraph of the figure the text states."""
    return Result(r.check, r.status, *ref, r.expected, r.actual, r.difference, r.explanation, r.cells, unit=r.unit)


def _tail_adjusted(r: Result, para: str, figs: list[Stated], whole: Cell) -> Result:
    """A share one unit of its last digit off the rounding of its figure ÷ the whole, in a paragraph whose shares,
    so adjusted, come nearer to 100% than when each is rounded on its own (61.8 + 11.8 + 26.3 = 99.9 printed as
    61.9 + 11.8 + 26.3 = 100.0): the remainder put on one share, a convention of rounding, not a wrong figure."""
    shared = [(f, Decimal(m.group(1))) for f in figs if (m := _SHARE.match(para[f.end :]))]
    printed = sum((p for _, p in shared), ZERO)
    rounded = ZERO
    for f, p in shared:
        exact = stated_cell(f).to(whole.unit).value / whole.value * _HUNDRED
        rounded += exact.quantize(Decimal(1).scaleb(int(p.as_tuple().exponent)), rounding=ROUND_HALF_UP)
    step = Decimal(1).scaleb(int(r.actual.as_tuple().exponent)) if r.actual is not None else ZERO
    if r.expected is None or r.actual is None or abs(r.actual - r.expected) != step:
        return r
    if abs(printed - _HUNDRED) >= abs(rounded - _HUNDRED):
        return r
    note = rules.NARRATIVE_SHARE_TAIL.format(rounded=plain(rounded), printed=plain(printed))
    return replace(r, status=ROUNDING, explanation=r.explanation.replace("超出舍入误差。", note))


def _column_of(base: Stated | None) -> str:
    """The 支出总表 column a paragraph's figures are in: the one its first figure names (基本支出/项目支出)."""
    label = re.sub(r"\s+", "", base.label) if base is not None else ""
    for word, column in rules.EXPENDITURE_COLUMNS:
        if word in label:
            return column
    return "fiscal" if rules.FISCAL_SUBJECT in label else "total"


def _fund_of(base: Stated | None) -> str:
    """The fund a paragraph is about: the one its first figure names (2026年一般公共预算财政拨款收入…)."""
    label = re.sub(r"\s+", "", base.label) if base is not None else ""
    return rules.NARRATIVE_FUND_SUBJECT if rules.NARRATIVE_FUND_SUBJECT in label else ""


def _title_of_ref(pkg: Package, c: Cell) -> str:
    res = pkg.table(c.ref[0])
    return res.title if res is not None else c.ref[0]


def _share_base(para: str, figs: list[Stated], base: Stated | None) -> tuple[Cell, str] | None:
    """What the shares of a paragraph are shares of: its first figure when that figure is a total (no share of its
    own follows it); otherwise, where the shares stated in the paragraph add up to 100% (within their rounding), the
    sum of the figures they are stated for (基本支出…，占92.7%；项目支出…，占7.3%). None when neither holds."""
    if base is None:
        return None
    shared = [(f, m) for f in figs if (m := _SHARE.match(para[f.end :]))]
    if base not in (f for f, _ in shared):
        return stated_cell(base), say(base.value, base.unit)
    units = {f.unit for f, _ in shared}
    total_pct = sum((Decimal(m.group(1)) for _, m in shared), ZERO)
    slack = sum((half_unit(m.group(1)) for _, m in shared), ZERO)
    if len(shared) < 2 or len(units) != 1 or abs(total_pct - _HUNDRED) > slack:
        return None
    cells = [stated_cell(f) for f, _ in shared]
    value = sum((c.value for c in cells), ZERO)
    tol = sum((c.tol for c in cells), ZERO)
    whole = Cell(value, tol, cells[0].ref, False, "各项之和", cells[0].unit)
    return whole, f"各项之和（{say(value, whole.unit)}，本站按说明中各项相加）"


def _change(
    s: Stated, current: Stated, direction: str, pct: re.Match[str] | None, ref: tuple[str, int, str]
) -> Iterator[Result]:
    """比上年增加X万元，增加Y%: last year = current ∓ X, and Y = X ÷ last year."""
    sign = Decimal(1) if direction in ("增加", "增长") else Decimal(-1)
    cur, chg = stated_cell(current), stated_cell(s)
    prior = Cell(cur.value - sign * chg.value, cur.tol + chg.tol, cur.ref, False, "上年", cur.unit)
    where = f"“{current.label}{current.text}，{s.label}{s.text}”"
    yield Result(
        "narrative-change",
        UNCHECKED,
        *ref,
        None,
        s.value,
        None,
        f"{where}：上年数{say(prior.value, prior.unit)}由说明推算，本站没有上年数据可核对增减额。",
        (),
        unit=s.unit,
    )
    if pct is not None and prior.value != 0:
        yield percent_check(
            "narrative-change",
            pct.group(1),
            chg,
            prior,
            f"{where}：增减幅度 = 增减额 ÷ 上年数（{say(prior.value, prior.unit)}）",
            ref,
        )


def _execution_change(m: re.Match[str], ref: tuple[str, int, str]) -> Result:
    """比上年执行数增加/减少P%: P = |this year − last year's execution| ÷ last year's execution."""
    executed, unit, planned = m.group(1).replace(",", ""), m.group(2), m.group(3).replace(",", "")
    direction, pct = m.group(5), m.group(6)
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
            f"“{m.group(0)}”：预算安排{planned}{unit}与执行数{executed}{unit}相比是{'减少' if sign > 0 else '增加'}，说明却写作“{direction}”。",
            (),
        )
    return percent_check("narrative-change", pct, change, a, f"“{m.group(0)}”：增减幅度 = 增减额 ÷ 上年执行数", ref)
