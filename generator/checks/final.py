"""The checks of a 决算 (final accounts): the 总计 of each side of its two-sided tables, row and column sums, the same
figure printed in two tables, the “三公” parts, the unit its captions name, and its 情况说明 (figures stated, the
completion of the budget, the word comparing 决算数 with 预算数, changes on the previous year, the years named).

A figure printed twice (the 收入支出决算总表's 城乡社区支出 and the 支出决算表's) is the same amount rounded the same
way, so the two prints must be equal: no rounding allowance. Sums keep theirs (a total of rounded parts may differ
from the rounded total by the parts' rounding)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal

from .. import catalogue as cat
from ..amounts import plain, say
from ..package import Package, Resource
from . import narrative_rules as rules
from . import vocabulary as vocab
from .core import ERROR, PASS, ROUNDING, UNCHECKED, ZERO, Cell, Result, cell, half_unit, identity
from .narrative import Stated, percent_check, stated_cell, stated_figures
from .tables import field_title, hierarchy, three_public_key

_HUNDRED = Decimal(100)


def final_checks(pkg: Package) -> Iterator[Result | None]:
    yield from within_final_tables(pkg)
    yield from across_final_tables(pkg)
    yield from captions(pkg)
    yield from final_narrative(pkg)


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


def _first(res: Resource, field: str, test) -> int | None:
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
        total = _first(res, item, lambda s: s == cat.FINAL_GRAND_TOTAL)
        current = _first(res, item, lambda s, w=current_label: s.startswith(w))
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
        total = _first(res, name_f, lambda s, w=total_label: s == w)
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
            if (i := _first(summ, "income_item", lambda s: s.startswith(vocab.FINAL_INCOME_CURRENT))) is not None:
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
                if (i := _first(summ, "income_item", lambda s, w=word: s == w)) is not None:
                    yield printed_twice(
                        cell(summ, i, "income_amount"), cell(inc, t, field), f"收入支出决算总表与收入决算表的{word}"
                    )
        if exp is not None and (t := _total_row(exp)) is not None:
            if (i := _first(summ, "expense_item", lambda s: s.startswith(vocab.FINAL_EXPENSE_CURRENT))) is not None:
                yield printed_twice(
                    cell(summ, i, "expense_amount"), cell(exp, t, "total"), "收入支出决算总表与支出决算表的本年支出合计"
                )
            yield from _classes(summ, "expense_amount", exp, "total", "收入支出决算总表与支出决算表")
    if fisc is not None and gp is not None:
        if (t := _total_row(gp)) is not None:
            i = _first(fisc, "expense_item", lambda s: s.startswith(vocab.FINAL_EXPENSE_CURRENT))
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
            _first(econ, name_f, lambda s, w=label: s == w) for _c, name_f, _a, label in vocab.FINAL_ECONOMIC_SIDES
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


# ---------------------------------------------------------------------------------------------
# The 情况说明


@dataclass
class _State:
    """What the explanation has stated so far of the item it is about: its budgets and its 决算."""

    planned: dict[str, Stated] = field(default_factory=dict)  # 年初 / 全年 / 调整 → the figure
    spent: Stated | None = None
    pct_base: str | None = None  # the budget the last completion named

    def reset(self) -> None:
        self.planned, self.spent, self.pct_base = {}, None, None


_PCT = r"\s*(\d+(?:\.\d+)?)\s*[%％]"


def _which(m: re.Match[str]) -> str:
    return m.group("which") or ""


def final_narrative(pkg: Package) -> Iterator[Result | None]:
    year = pkg.year
    three = pkg.table("final_three_public")
    for res in pkg.texts:
        state = _State()  # a sentence may run on into the next paragraph (a line that ends with 。)
        for n, para, figs in stated_figures(res):
            ref = (res.name, n, "text")
            yield from _years(para, year, ref)
            yield from _completion(state, para, figs, ref, three)
            yield from _changes(para, figs, ref, three)
            yield from _stated(pkg, figs, ref)


def _years(para: str, year: int, ref: tuple[str, int, str]) -> Iterator[Result]:
    for pattern, want, what in (
        (rules.FINAL_CHANGE, year - 1, "与上年相比所称的上年"),
        (rules.FINAL_SUBJECT_YEAR, year, "说明所述年度"),
    ):
        for m in re.finditer(pattern, para):
            named = int(m.group("year"))
            ok = named == want
            yield Result(
                "final-year",
                PASS if ok else ERROR,
                *ref,
                Decimal(want),
                Decimal(named),
                Decimal(named - want),
                f"“{m.group(0)}”：{what}应为{want}年（本决算为{year}年度），说明写作{named}年。"
                + ("一致。" if ok else ""),
                (),
            )


def _clauses(para: str, figs: list[Stated]) -> list[tuple[int, int]]:
    """The clauses of a paragraph (split at ；, 。 and 其中：), as offsets."""
    cuts = [0] + [m.end() for m in re.finditer(r"[；;。]|其中[：:]", para)] + [len(para)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


_NEW_ITEM = re.compile(r"^\s*(?:\d+[、.．]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")


def _completion(
    state: _State, para: str, figs: list[Stated], ref: tuple[str, int, str], three: Resource | None
) -> Iterator[Result | None]:
    """年初预算为X，（全年预算为W，）支出决算为Y，完成年初预算的Z%: Z against Y ÷ X; and the word that compares 决算数
    with 预算数 (大于/小于/等于/持平) against the two figures it compares."""
    for a, b in _clauses(para, figs):
        text = para[a:b]
        if (a == 0 and _NEW_ITEM.match(text)) or "（类）" in text:
            state.reset()  # a new item: its own figures
        planned_here = False
        for s in (s for s in figs if a <= s.end <= b):
            if m := re.search(rules.FINAL_PLANNED + r"$", s.label):
                state.planned[_which(m)] = s
                planned_here = True
            elif re.search(rules.FINAL_SPENT + r"$", s.label):
                state.spent = s
        planned, spent = state.planned, state.spent
        for m in re.finditer(rules.FINAL_COMPLETION + _PCT, text):
            which = _which(m)
            state.pct_base = which
            pct = m.group(m.lastindex or 0)
            y: Stated | Cell | None = spent
            base: Stated | Cell | None = planned.get(which)
            if base is None and which == "" and len(planned) == 1:
                base = next(iter(planned.values()))
            from_table = False
            if not planned_here and re.search(rules.THREE_PUBLIC_MENTION, text):
                # a “三公” item named without its budget: both figures from the “三公” table
                y, base = _three_public_pair(text, three, None, None)
                from_table = True
            if y is None or base is None:
                yield Result(
                    "final-completion",
                    UNCHECKED,
                    *ref,
                    None,
                    Decimal(pct),
                    None,
                    f"“{m.group(0)}”：所完成的{which}预算数没有印出，未核对。",
                    (),
                    unit="%",
                )
                continue
            if base.value == 0:
                other = None if from_table else next((s for w, s in planned.items() if w != which and s.value), None)
                hint = (
                    f"；{plain(y.value)} ÷ {plain(other.value)} × 100 = "
                    f"{plain((y.value / other.value * _HUNDRED).quantize(Decimal('0.01')))}%，是对“{other.label}{other.text}”之比"
                    if other is not None
                    else ""
                )
                yield Result(
                    "final-completion",
                    ERROR if other is not None else UNCHECKED,
                    *ref,
                    None,
                    Decimal(pct),
                    None,
                    f"“{m.group(0)}”：说明所称{which}预算数为0，完成率无从计算{hint}。",
                    (),
                    unit="%",
                )
                continue
            num = stated_cell(y) if isinstance(y, Stated) else y
            den = stated_cell(base) if isinstance(base, Stated) else base
            yield _truncated(
                percent_check("final-completion", pct, num, den, f"“{m.group(0)}”：决算数÷{which}预算数", ref),
                pct,
                num,
                den,
            )
        found = {
            m.start(): m for p in (rules.FINAL_DIRECTION_AFTER, rules.FINAL_DIRECTION) for m in re.finditer(p, text)
        }
        for m in found.values():
            if spent is None or not planned:
                continue
            which = _which(m)
            bases = [planned[which]] if which in planned and which else list(planned.values())
            if not which and state.pct_base in planned and len(bases) > 1:
                first = planned[state.pct_base]
                bases = [first, *[s for s in bases if s is not first]]
            yield _direction(m.group(0), m.group("word"), spent, bases, ref)


def _three_public_pair(text: str, three: Resource | None, y, base):
    """A “三公” item's 决算数 and 预算数 from the “三公” table, for a clause that names the item and no budget."""
    if three is None:
        return y, base
    key = next((labels[0] for word, labels in rules.THREE_PUBLIC_WORDS if word in text), None)
    if key is None and re.search(rules.THREE_PUBLIC_MENTION, text):
        key = vocab.THREE_PUBLIC_TOTAL
    for i, r in enumerate(three.rows):
        if three_public_key(str(r.get("item") or "")) == (three_public_key(key) if key else None):
            return cell(three, i, "final"), cell(three, i, "budget")
    return y, base


def _truncated(r: Result, pct: str, num: Cell, den: Cell) -> Result:
    """A percentage cut off instead of rounded (95.45 for 95.457) is a rounding warning labelled 截尾."""
    if r.status != ERROR:
        return r
    exact = num.value / den.value * _HUNDRED
    q = Decimal(1).scaleb(int(Decimal(pct).as_tuple().exponent))
    if exact.quantize(q, rounding=ROUND_DOWN) == Decimal(pct):
        return replace(
            r, status=ROUNDING, explanation=r.explanation.replace("超出舍入误差。", "系截尾（未四舍五入）。")
        )
    return r


def _direction(phrase: str, word: str, spent: Stated, bases: list[Stated], ref: tuple[str, int, str]) -> Result:
    def holds(base: Stated) -> bool:
        tol = half_unit(spent.printed) + half_unit(base.printed)
        diff = spent.value - base.value
        if word == "大于":
            return diff > 0
        if word == "小于":
            return diff < 0
        if word == "基本持平":
            return abs(diff) <= max(tol, abs(base.value) / 100)
        return abs(diff) <= tol  # 等于 / 持平 / 相等 / 一致

    ok = any(holds(b) for b in bases)
    figures = "；".join(f"{b.label}{b.text}" for b in bases)
    return Result(
        "final-direction",
        PASS if ok else ERROR,
        *ref,
        None,
        spent.value,
        None,
        f"“{phrase}”：支出决算为{spent.text}，{figures}。" + ("用词与数字相符。" if ok else "用词与数字不符。"),
        (),
        unit=spent.unit,
    )


def _changes(para: str, figs: list[Stated], ref: tuple[str, int, str], three: Resource | None) -> Iterator[Result]:
    """比上年增加A万元，增长P%: P against A ÷ (本年 − A) (减少: A ÷ (本年 + A)), 本年 being the figure stated before it."""
    for k, s in enumerate(figs):
        m = re.search(r"(增加|减少)$", s.label)
        if not m:
            continue
        rest = para[s.end :]
        p = re.match(r"\s*[，,]\s*(?:增长|下降|减少|增加)(?:[（(][^）)]*[）)])?" + _PCT, rest)
        if not p:
            continue
        pct = p.group(1)
        current = next((f for f in reversed(figs[:k]) if not re.search(r"(增加|减少)$", f.label)), None)
        sentence = s.sentence
        if current is None or re.search(rules.THREE_PUBLIC_MENTION, sentence):
            found = _three_public_pair(sentence, three, None, None)[0] if three is not None else None
            if found is None:
                yield Result(
                    "final-change",
                    UNCHECKED,
                    *ref,
                    None,
                    Decimal(pct),
                    None,
                    f"“{sentence}”：增减所比较的本年数没有在这一句中印出，未核对。",
                    (),
                    unit="%",
                )
                continue
            now: Cell = found
        else:
            now = stated_cell(current)
        change = stated_cell(s)
        sign = Decimal(1) if m.group(1) == "增加" else Decimal(-1)
        prior_value = now.value - sign * change.value
        if prior_value <= 0:
            yield Result(
                "final-change",
                UNCHECKED,
                *ref,
                None,
                Decimal(pct),
                None,
                f"“{sentence}{rest[: p.end()]}”：上年数为{plain(prior_value)}，增减幅度无从计算，未核对。",
                (),
                unit="%",
            )
            continue
        prior = Cell(prior_value, now.tol + change.tol, now.ref, False, "上年", now.unit)
        yield percent_check(
            "final-change", pct, change, prior, f"“{sentence}{rest[: p.end()]}”：增减额÷上年数（本年数减增加额）", ref
        )


def _stated(pkg: Package, figs: list[Stated], ref: tuple[str, int, str]) -> Iterator[Result | None]:
    """A total the text states (收入支出总计, 本年收入合计, 基本支出, 人员经费 …) against the table that prints it."""
    for s in figs:
        label = re.sub(r"\s+", "", s.label)
        if re.search(r"(增加|减少|预算为|预算数为|决算为)$", label) or re.search(r"比\d{4}年", label):
            continue
        rule = next((r for r in rules.FINAL_FIGURE_RULES if re.search(r.label, label)), None)
        if rule is None:
            continue
        res = pkg.table(rule.table)
        i = None if res is None else _first(res, rule.row_field, lambda v, w=rule.row: re.fullmatch(w, v) is not None)
        if res is None or i is None or res.rows[i].get(rule.column) is None:
            continue
        yield identity(
            "final-stated",
            stated_cell(s),
            [cell(res, i, rule.column)],
            f"“{s.label}{s.text}”与{rule.what}",
            ("说明为", "报表为"),
        )


__all__ = ["final_checks", "printed_twice"]
