"""The 情况说明 of a 决算: the figures it states against the tables, the completion of the budget (完成年初预算的Z%)
against 决算数 ÷ 预算数, the word comparing 决算数 with 预算数 (大于/小于/等于/持平) against the two figures, changes on
the previous year, and the years it names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal

from ..amounts import plain
from ..package import Package, Resource
from . import narrative_rules as rules
from . import vocabulary as vocab
from .core import ERROR, PASS, ROUNDING, UNCHECKED, Cell, Result, cell, half_unit, identity
from .final import first_of
from .narrative import percent_check
from .narrative_text import Stated, stated_cell, stated_figures
from .within import three_public_key

_HUNDRED = Decimal(100)


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
        i = None if res is None else first_of(res, rule.row_field, lambda v, w=rule.row: re.fullmatch(w, v) is not None)
        if res is None or i is None or res.rows[i].get(rule.column) is None:
            continue
        yield identity(
            "final-stated",
            stated_cell(s),
            [cell(res, i, rule.column)],
            f"“{s.label}{s.text}”与{rule.what}",
            ("说明为", "报表为"),
        )
