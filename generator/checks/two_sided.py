"""The 收支总表 and 财政拨款收支总表, two-sided tables: the total of each side (本年收入合计, 本年支出合计, 收入总计,
支出总计 and what the grand total adds to the year's: 上年结转 …), the two sides equal, each row's columns; and where
their totals are printed, for the checks and the analyses that read them."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from .. import catalogue as cat
from ..package import Package, Resource
from . import vocabulary as vocab
from .core import Result, cell, identity, same
from .sums import field_title, find_row, named_levels, read_levels, total_of_rows

SEQ = re.compile(f"^{vocab.SEQUENCE}")  # an item numbered 一、 二、 …


def grand_total(res: Resource, field: str, labels: tuple[str, ...]) -> int | None:
    """The row of a two-sided table's grand total: the first of the labels that the table prints (总计, else 合计)."""
    for label in labels:
        i = find_row(res, field, lambda s, w=label: s == w)
        if i is not None:
            return i
    return None


def income_total(pkg: Package) -> tuple[Resource, int, str] | None:
    """Where the 收入总计 is printed: the 收支总表's; where that cell is blank, the 收入总表's 合计 if it is the same
    figure (the 收入总表 prints 上年结转, or the 收支总表 prints none on its income side). None where neither is."""
    summ, inc = pkg.table("budget_summary"), pkg.table("income_summary")
    i = grand_total(summ, "income_item", cat.INCOME_TOTALS) if summ and summ.rows else None
    if summ is None or i is None or summ.rows[i].get("income_amount") is not None:
        return (summ, i, "income_amount") if summ is not None and i is not None else None
    t = find_row(inc, "code", lambda s: s == cat.TOTAL_CODE) if inc and inc.rows else None
    if inc is None or t is None or inc.rows[t].get("total") is None or inc.unit != summ.unit:
        return None
    names = {f["name"] for f in inc.fields}
    carried = "carryover" in names or any(p in names for p in cat.INCOME_CARRYOVER_PARTS)
    carried_in_summary = any(
        str(r.get("income_item") or "").startswith(cat.INCOME_CARRYOVER) and r.get("income_amount") not in (None, "0")
        for r in summ.rows
    )
    return (inc, t, "total") if carried or not carried_in_summary else None


def two_sided(res: Resource, alternatives: tuple[tuple[str, ...], ...]) -> Iterator[Result | None]:
    """收支总表 / 财政拨款收支总表: totals of each side, the two sides equal, and each row's columns (the first set
    of parts of the expense 合计 that the table prints)."""
    rows = res.rows
    present = {f["name"] for f in res.fields}
    expense_parts = next(
        ([p for p in parts if p in present] for parts in alternatives if any(p in present for p in parts)), []
    )
    parts = ["expense_total", *expense_parts]
    inc_total = find_row(res, "income_item", lambda s: s.startswith(cat.INCOME_SUBTOTAL))
    exp_total = find_row(res, "expense_item", lambda s: s.startswith(cat.EXPENSE_SUBTOTAL))
    grand_in = grand_total(res, "income_item", cat.INCOME_TOTALS)
    grand_out = grand_total(res, "expense_item", cat.EXPENSE_TOTALS)
    if inc_total is not None and (items := _items(res, "income_item", "income_amount", inc_total)):
        yield identity(
            "total-sum",
            cell(res, inc_total, "income_amount"),
            [cell(res, i, "income_amount") for i in items],
            f"{res.title}：本年收入合计应等于各项收入之和",
        )
    if exp_total is not None:
        items = _items(res, "expense_item", "expense_total", exp_total)
        if not items:  # classes printed by name only, their 款 and 项 under them (浙江)
            items = yield from _named_classes(res, exp_total, parts)
        yield from total_of_rows(res, exp_total, items, f"{res.title}：本年支出合计的“{{f}}”应等于各类支出之和", parts)
    if inc_total is None and grand_in is not None and (items := _items_of(rows, grand_in, "income_item")):
        yield identity(
            "total-sum",
            cell(res, grand_in, "income_amount"),
            [cell(res, i, "income_amount") for i in items],
            f"{res.title}：收入总计应等于各项收入之和",
        )
    head = find_row(res, "expense_item", lambda s: SEQ.sub("", s) == cat.EXPENSE_HEADING)
    if exp_total is None and head is not None:
        # 一、本年支出 printed above its classes (吉林): it is their sum, and it stands for them in the grand total
        end = grand_out if grand_out is not None else len(rows)
        classes = [i for i in range(head + 1, end) if _class_item(rows[i])]
        yield from total_of_rows(res, head, classes, f"{res.title}：本年支出的“{{f}}”应等于各类支出之和", parts)
    if exp_total is None and grand_out is not None:
        items = [
            i
            for i in _items_of(rows, grand_out, "expense_item")
            if head is None or i <= head or not _class_item(rows[i])
        ]
        if not items and head is None:  # classes printed by name only, and no 本年支出合计 line (湖州 表04)
            items = yield from _named_classes(res, grand_out, parts)
        yield from total_of_rows(res, grand_out, items, f"{res.title}：支出总计的“{{f}}”应等于各类支出之和", parts)
    for subtotal, grand, label, amount, words in (
        (inc_total, grand_in, "income_item", "income_amount", vocab.TOTAL_SPAN_WORDS["income"]),
        (exp_total, grand_out, "expense_item", "expense_total", vocab.TOTAL_SPAN_WORDS["expense"]),
    ):
        if subtotal is None or grand is None:
            continue
        items = between_totals(res, label, amount, subtotal, grand)
        named = "".join(f" + {_label(rows[i], label)}" for i in items)
        yield identity(
            "total-sum",
            cell(res, grand, amount),
            [cell(res, subtotal, amount), *(cell(res, i, amount) for i in items)],
            f"{res.title}：{words[0]} = {words[1]}{named}",
        )
    if grand_in is not None and grand_out is not None:
        yield same(
            "balance",
            cell(res, grand_in, "income_amount"),
            cell(res, grand_out, "expense_total"),
            f"{res.title}：收入总计应等于支出总计",
        )
    for i, r in enumerate(rows):
        if r.get("expense_item") and expense_parts:
            yield identity(
                "row-sum",
                cell(res, i, "expense_total"),
                [cell(res, i, p) for p in expense_parts],
                f"{res.title}“{r['expense_item']}”行：{field_title(res, 'expense_total')} = "
                + " + ".join(field_title(res, p) for p in expense_parts),
            )


LEVELS = (SEQ, re.compile(r"^\d+、"), re.compile(r"^[（(]\d+[)）]"))  # 一、 then 1、 then (1)


def _label(r: dict, field: str) -> str:
    return re.sub(r"\s+", "", str(r.get(field) or ""))


def _numbering(label: str) -> str:
    """The style of an item's numbering (一、 1、 1. (1) （一）), or '' where it has none."""
    m = re.match(vocab.ITEM_NUMBERING, label)
    return "" if m is None else re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", m.group()))


def between_totals(res: Resource, label: str, amount: str, subtotal: int, grand: int) -> list[int]:
    """The rows printed between a side's 本年合计 and its 总计 that the 总计 adds to it, whatever they are called
    (上年结转, 上级补助收入, 未安排支出的实户资金 …): the items of that side printed there. An item's parts (其中：…
    and the lines after it, or lines numbered otherwise than the first item) are in it, and stand for it where it is
    printed blank."""
    rows = res.rows
    span = [i for i in range(subtotal + 1, grand) if _label(rows[i], label)]
    if not span:
        return []
    top = _numbering(_label(rows[span[0]], label))
    items: list[tuple[int, list[int]]] = []  # each item with its parts
    in_part_list = False
    for i in span:
        text = _label(rows[i], label)
        part_word = text.startswith(vocab.PART_OF_ABOVE)
        in_part_list = in_part_list or part_word
        if items and (part_word or in_part_list or _numbering(text) != top):
            items[-1][1].append(i)
        else:
            items.append((i, []))
    out: list[int] = []
    for i, parts in items:
        printed = [j for j in parts if rows[j].get(amount) is not None]
        out += printed if rows[i].get(amount) is None and printed else [i]
    return out


def _items(res: Resource, label: str, amount: str, end: int) -> list[int]:
    """The rows above `end` that a total adds up: the items numbered 一、 二、 …; an item printed blank stands for the
    items numbered under it (1、 2、 …, under those (1) (2) …) where it has any (西安's 一、部门预算 left blank)."""
    rows = res.rows

    def level(i: int) -> int | None:
        text = str(rows[i].get(label) or "").strip()
        return next((k for k, p in enumerate(LEVELS) if p.match(text)), None)

    def expand(items: list[int], lv: int) -> list[int]:
        out: list[int] = []
        for i in items:
            under: list[int] = []
            for j in range(i + 1, end):
                lj = level(j)
                if lj is not None and lj <= lv:
                    break
                if lj == lv + 1:
                    under.append(j)
            out += expand(under, lv + 1) if rows[i].get(amount) is None and under else [i]
        return out

    return expand([i for i in range(end) if level(i) == 0], 0)


def _named_classes(res: Resource, end: int, fields: list[str]) -> Generator[Result | None, None, list[int]]:
    """The function classes of an expense side printed by name, without numbers, above row `end` (in the order of
    their codes: a 款 or 项 named like a class, 其他支出 under 其他支出, is not a class); each is checked against its
    款 and 项 (`named_levels`). Returns the classes where every line above `end` is a class or read as one of
    their 款 and 项, else none: a line no class explains may be a class printed otherwise."""
    rows = res.rows
    classes: list[int] = []
    last = ""
    for i in range(end):
        code = cat.FUNCTION_CLASSES.get(SEQ.sub("", _label(rows[i], "expense_item")))
        if code is not None and code > last:
            classes.append(i)
            last = code
    lines = [i for i in range(end) if _label(rows[i], "expense_item")]
    if not classes or lines[0] != classes[0]:
        return []
    explained = True
    for k, i in enumerate(classes):
        stop = classes[k + 1] if k + 1 < len(classes) else end
        span = [j for j in lines if i < j < stop]
        if span and read_levels(res, i, span, fields) is None:
            explained = False
            continue
        yield from named_levels(res, i, span, fields, _label(rows[i], "expense_item"), "expense_item")
    return classes if explained else []


def _items_of(rows: list, total: int, field: str) -> list[int]:
    """The numbered items (一、…) a grand total adds up: those above it, or, where it is printed at the top of its
    side (重庆's 合计), those below it."""
    above = [i for i in range(total) if SEQ.match(str(rows[i].get(field) or ""))]
    return above or [i for i in range(total + 1, len(rows)) if SEQ.match(str(rows[i].get(field) or ""))]


def _class_item(r: dict) -> bool:
    """An expense item naming a function class (一、一般公共服务支出)."""
    return SEQ.sub("", str(r.get("expense_item") or "")) in cat.FUNCTION_CLASSES
