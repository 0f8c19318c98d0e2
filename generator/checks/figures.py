"""The same figure printed in two places. Every amount cell of the expenditure tables is given what it stands for,
from `vocabulary` (`FIGURE_MEANINGS`: whose money, which period, which part; the row: a function class, or the
total), and the cells that stand for the same figure are compared, wherever the other checks between tables do not
compare them already."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .. import catalogue as cat
from ..package import Package, Resource
from . import vocabulary as vocab
from .core import Cell, Result, cell, identity

Ref = tuple[str, int, str]  # resource, CSV row number (header = 1), field
Meaning = tuple[str, str, str, str]  # fund, period, part, row (a class code or 合计)


def _class_code(label: str) -> str | None:
    """The code of a function class named by a printed item (一、一般公共服务支出; 1、一般公共服务)."""
    name = re.sub(r"\s+", "", cat.ITEM_NUMBER.sub("", label))
    return cat.FUNCTION_CLASSES.get(name) or cat.FUNCTION_CLASSES.get(f"{name}支出")


def _numbering(label: str) -> str:
    """The style of an item's numbering (一、 1、 （一） (1)), or '' where it has none."""
    m = cat.ITEM_NUMBER.match(label)
    return "" if m is None else re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", m.group().strip()))


def class_block(res: Resource, label: str) -> str | None:
    """The numbering of the function classes in a label column of a two-sided table (1、 in 西安, 一、 elsewhere):
    the style most of its lines naming a class share; None in a column of another classification (西安's 部门预算
    and 政府预算 economic blocks), whose 其他支出 or 债务还本支出 is not the function class of that name."""
    if label not in vocab.FIGURE_CLASS_LABELS:
        return None
    styles = [_numbering(t) for r in res.rows if _class_code(t := str(r.get(label) or "")) is not None]
    return max(sorted(set(styles)), key=styles.count) if styles else None


def _two_sided_row(label: str, part: str, block: str | None) -> tuple[str, str] | None:
    """(part, row) a line of a two-sided table's expense side stands for, in a column of `part` whose function
    classes are numbered as `block` (None: a column without function classes)."""
    name = re.sub(r"\s+", "", cat.ITEM_NUMBER.sub("", label))
    if (code := _class_code(label)) is not None:
        return (part, code) if block is not None and _numbering(label) == block else None
    if name.startswith(vocab.FIGURE_TOTAL_ITEMS[0]) or name == vocab.FIGURE_TOTAL_ITEMS[1]:
        return part, cat.TOTAL_CODE
    for kind, items in vocab.FIGURE_PART_ITEMS:
        if name in items and part == "total":
            return kind, cat.TOTAL_CODE
    return None


def _income_row(res: Resource, label: str, period: str) -> tuple[str, str] | None:
    """(source, period) an income item of a two-sided table stands for; `period` that of its sources."""
    name = re.sub(r"\s+", "", cat.ITEM_NUMBER.sub("", label))
    pattern, scope = vocab.FIGURE_INCOME_CARRYOVER
    if re.fullmatch(pattern, name):
        return scope[res.name], "carryover"
    for source, words in sorted(vocab.INCOME_SOURCES.items(), key=lambda kv: -len(kv[1])):
        if re.fullmatch(f"(?:{words}){vocab.FIGURE_INCOME_END}", name):
            return source, period
    return None


def _sources_period(res: Resource) -> str:
    """This year's income only where the table prints what was carried over apart (a 上年结转 line or column);
    else the sources may hold it too (重庆's 收支总表: 一般公共预算资金 with its 上年结转)."""
    label, _ = vocab.FIGURE_INCOME_ITEM
    names = {f["name"] for f in res.fields}
    lines = (cat.ITEM_NUMBER.sub("", str(r.get(label) or "")).strip() for r in res.rows)
    apart = any(line.startswith(cat.INCOME_CARRYOVER) for line in lines) or any(
        n == "carryover" or n in cat.INCOME_CARRYOVER_PARTS for n in names
    )
    return "current" if apart else "all"


def meanings(res: Resource) -> Iterator[tuple[int, str, Meaning]]:
    """Every amount cell of a table (row index, field) with the figure it stands for."""
    columns = vocab.FIGURE_MEANINGS.get(res.name, {})
    present = {f["name"] for f in res.fields}
    two_sided = cat.BY_NAME[res.name].layout == cat.TWO_SIDED
    code_field = vocab.FIGURE_CODES.get(res.name, "code")
    label, amount = vocab.FIGURE_INCOME_ITEM
    sources = _sources_period(res)
    blocks = {f: class_block(res, vocab.FIGURE_LABELS.get(f, vocab.FIGURE_LABEL)) for f in columns} if two_sided else {}
    seen: set[tuple[str, Meaning]] = set()
    for i, r in enumerate(res.rows):
        if not two_sided and cat.printed_again(res.rows, i):
            continue  # the same row printed again as its only item (无锡)
        found: list[tuple[str, Meaning]] = []
        if two_sided and amount in present and (source := _income_row(res, str(r.get(label) or ""), sources)):
            found.append((amount, (source[0], source[1], "income", cat.TOTAL_CODE)))
        for f, (fund, period, part) in columns.items():
            if f not in present:
                continue
            if two_sided:
                at = _two_sided_row(str(r.get(vocab.FIGURE_LABELS.get(f, vocab.FIGURE_LABEL)) or ""), part, blocks[f])
                if at is not None:
                    found.append((f, (fund, period, at[0], at[1])))
                continue
            code = str(r.get(code_field) or r.get("level") or "")
            if period == "current" and part == "income":
                period = sources
            if code == cat.TOTAL_CODE or (code.isdigit() and res.name not in vocab.FIGURE_TOTAL_ONLY):
                found.append((f, (fund, period, part, code)))
        for f, meaning in found:
            if (f, meaning) in seen:
                continue  # a line printed twice in one table is one figure (the first)
            seen.add((f, meaning))
            yield i, f, meaning


def _total(res: Resource | None) -> Decimal | None:
    """The figure of a classification table's 合计 row, in 元 (None where it prints none)."""
    if res is None or not res.unit:
        return None
    value = next((r.get("total") for r in res.rows if r.get("code") == cat.TOTAL_CODE), None)
    return None if value in (None, "") else Decimal(str(value)) * cat.unit_factor(res.unit, "元")


def one_fund(pkg: Package) -> bool:
    """All of the unit's spending is 一般公共预算: the 支出总表 (all funds) and the 一般公共预算支出表 print the same
    合计. Then every line of the one is the same figure as the line of the other with its code (the other funds add
    nothing to any line), and so are the 财政拨款 figures, which lie between the two. Only the whole year's figures
    are taken as one: how a table splits them into 当年 and 上年结转 is its own (编制预算 / 本年预算)."""
    a, b = _total(pkg.table("expenditure_summary")), _total(pkg.table("general_public_expenditure"))
    return a is not None and a == b


def printed_figures(pkg: Package) -> dict[Meaning, list[Ref]]:
    """The cells of each figure the tables print, in the order of the tables; a figure printed twice has two."""
    out: dict[Meaning, list[Ref]] = {}
    same_fund = one_fund(pkg)
    for name in vocab.FIGURE_MEANINGS:
        res = pkg.table(name)
        if res is None or not res.rows:
            continue
        for i, f, meaning in meanings(res):
            if same_fund and meaning[0] in vocab.FIGURE_ONE_FUND and meaning[1] == "all" and meaning[2] != "income":
                meaning = ("all", *meaning[1:])
            out.setdefault(meaning, []).append((res.name, i + 2, f))
    return out


def describe(meaning: Meaning) -> str:
    """What a figure is, in words: 一般公共预算：支出合计; “一般公共服务支出”中的基本支出; 收入中的“事业收入”."""
    fund, period, part, row = meaning
    if part == "income":
        titles = {f.name: f.title for f in cat.BY_NAME[vocab.FIGURE_INCOME_TABLE].fields}
        what = f"{vocab.FIGURE_WORDS[fund]}上年结转" if period == "carryover" else titles[fund]
        what += "（含上年结转）" if period == "all" and fund != "all" else ""
        return f"收入中的“{what}”"
    words = "".join(vocab.FIGURE_WORDS[w] for w in (fund, period))
    name = (
        "支出合计"
        if row == cat.TOTAL_CODE
        else next((f"“{k}”" for k, v in cat.FUNCTION_CLASSES.items() if v == row), row)
    )
    return f"{words}{'：' if words else ''}{name}" + (f"中的{vocab.FIGURE_WORDS[part]}" if part != "total" else "")


class _Joined:
    """Which cells are already compared, directly or through others (union-find over refs)."""

    def __init__(self, pairs: Iterable[tuple[Ref, Ref]]) -> None:
        self.up: dict[Ref, Ref] = {}
        for a, b in pairs:
            self.join(a, b)

    def top(self, a: Ref) -> Ref:
        while (b := self.up.get(a, a)) != a:
            a = b
        return a

    def join(self, a: Ref, b: Ref) -> None:
        self.up[self.top(a)] = self.top(b)


def same_figures(pkg: Package, compared: Iterable[Result] = ()) -> Iterator[Result | None]:
    """Each figure printed in two or more cells: the cells agree. Pairs that the `compared` results already set side
    by side (the cross-table checks) are not compared again."""
    joined = _Joined((r.cells[0], r.cells[1]) for r in compared if len(r.cells) == 2)
    why = vocab.FIGURE_ONE_FUND_WHY if one_fund(pkg) else ""
    for meaning, refs in printed_figures(pkg).items():
        first = refs[0]
        for ref in refs[1:]:
            if joined.top(ref) == joined.top(first):
                continue
            joined.join(first, ref)
            a, b = (_cell(pkg, r) for r in (first, ref))
            yield identity(
                "cross-table",
                a,
                [b],
                f"{vocab.CROSS_CHECKS['same-figure']}：{_where(pkg, first)}与{_where(pkg, ref)}都是{describe(meaning)}"
                + (why if meaning[2] != "income" and _funds(first, ref) else "")
                + "，应一致",
                ("前者印", "后者印"),
            )


def _funds(a: Ref, b: Ref) -> bool:
    """The two cells are of tables of different funds (the one a table of all funds)."""
    scope = {n: m[next(iter(m))][0] for n, m in vocab.FIGURE_MEANINGS.items() if m}
    return scope.get(a[0]) != scope.get(b[0])


def _cell(pkg: Package, ref: Ref) -> Cell:
    res = pkg.resources[ref[0]]
    return cell(res, ref[1] - 2, ref[2])


def _where(pkg: Package, ref: Ref) -> str:
    res = pkg.resources[ref[0]]
    r = res.rows[ref[1] - 2]
    income_label, income_amount = vocab.FIGURE_INCOME_ITEM
    if cat.BY_NAME[res.name].layout == cat.TWO_SIDED:
        field = income_label if ref[2] == income_amount else vocab.FIGURE_LABELS.get(ref[2], vocab.FIGURE_LABEL)
        label = str(r.get(field) or "")
    else:
        label = " ".join(dict.fromkeys(str(r[k]) for k in ("code", "name", "expense_code", "expense_name") if r.get(k)))
        label = label or str(r.get("level") or r.get("dept_economic_name") or "")
    title = next((str(f.get("title", ref[2])) for f in res.fields if f["name"] == ref[2]), ref[2])
    return f"{res.title}“{label}”行的“{title}”"
