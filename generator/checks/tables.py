"""Fiscal identities (勾稽关系) within and across the tables of a package, one small function each. The row labels
and table roles they rely on are the catalogue's and `vocabulary`'s; what they say about a figure is data (a Result)."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from .. import catalogue as cat
from ..amounts import say
from ..package import Package, Resource
from . import vocabulary as vocab
from .core import ERROR, UNCHECKED, ZERO, Cell, Result, cell, identity, same


def _amount_fields(res: Resource) -> list[str]:
    return [f["name"] for f in res.fields if f.get("type") == "number"]


# ---------------------------------------------------------------------------------------------
# Within one table


def hierarchy(res: Resource) -> Iterator[Result | None]:
    """类 = Σ款, 款 = Σ项, 合计 = Σ类, for every amount column of a classification table."""
    rows = res.rows
    codes = [(i, str(r.get("code") or "")) for i, r in enumerate(rows)]
    amounts = _amount_fields(res)
    titles = {f: field_title(res, f) for f in amounts}
    below: dict[str, list[int]] = {}  # code → rows of the codes two digits longer that start with it
    again: dict[int, int] = {}  # row → the row below it that prints it again as its only item
    for j, c in codes:
        if cat.printed_again(rows, j):
            again[j - 1] = j
        elif c.isdigit() and len(c) in (3, 5, 7):
            below.setdefault(c[:-2] if len(c) > 3 else cat.TOTAL_CODE, []).append(j)
    for i, code in codes:
        if code == cat.TOTAL_CODE:
            children = below.get(cat.TOTAL_CODE, [])
            label = cat.TOTAL_CODE
        elif i in again:
            children = [again[i]]
            label = f"{code} {rows[i].get('name') or ''}"
        elif code.isdigit() and len(code) in (3, 5):
            children = below.get(code, [])
            label = f"{code} {rows[i].get('name') or ''}"
        else:
            continue
        if not children:
            continue
        level = "项" if i in again else {3: "款", 5: "项"}.get(len(code), "类")
        for f in amounts:
            yield identity(
                "hierarchy-sum",
                cell(res, i, f),
                [cell(res, j, f) for j in children],
                f"{res.title}“{label}”的“{titles[f]}”应等于其下各{level}之和",
            )
    if not any(len(c) in (5, 7) for _, c in codes):
        # the 款 and 项 are printed by name only (浙江): read from the figures which are which
        classes = [i for i, c in codes if c.isdigit() and len(c) == 3]
        for k, i in enumerate(classes):
            end = classes[k + 1] if k + 1 < len(classes) else len(rows)
            span = [j for j in range(i + 1, end) if not codes[j][1]]
            label = f"{codes[i][1]} {rows[i].get('name') or ''}"
            yield from named_levels(res, i, span, amounts, label, "name")


def _sums_hold(cells: dict[tuple[int, str], Cell], head: int, items: list[int], fields: list[str]) -> int:
    """How many of the columns agree with head = Σ items (within the rounding of the printed figures), less how
    many do not; columns where the head or all items are blank say nothing."""
    score = 0
    for f in fields:
        target, parts = cells[head, f], [cells[j, f] for j in items]
        if target.blank or all(p.blank for p in parts):
            continue
        diff = abs(target.value - sum((p.value for p in parts), ZERO))
        score += 1 if diff <= target.tol + sum((p.tol for p in parts), ZERO) else -1
    return score


def read_levels(res: Resource, head: int, span: list[int], fields: list[str]) -> list[tuple[int, list[int]]] | None:
    """The 款 of a class whose 款 and 项 are printed by name only, each with its 项 (empty where the lines under
    the class are of one level: they add up to it). Otherwise the lines are read as 款 each followed by its 项, in
    the way under which most of the printed sums hold. None where no reading explains more sums than it
    contradicts: nothing is then said of those lines."""
    cells = {(j, f): cell(res, j, f) for j in (head, *span) for f in fields}
    if not span or _sums_hold(cells, head, span, fields) > 0:
        return [(j, []) for j in span]
    # best[k]: the best reading of the first k lines as whole 款 (score, number of 款, the 款 with their 项)
    best: list[tuple[int, int, list[tuple[int, list[int]]]] | None] = [(0, 0, [])] + [None] * len(span)
    for end in range(2, len(span) + 1):
        for start in range(end - 1):
            before = best[start]
            if before is None:
                continue
            block = (span[start], span[start + 1 : end])
            option = (before[0] + _sums_hold(cells, *block, fields), before[1] + 1, [*before[2], block])
            known = best[end]
            if known is None or option[:2] > known[:2]:
                best[end] = option
    found = best[-1]
    if found is None or found[0] + _sums_hold(cells, head, [k for k, _ in found[2]], fields) <= 0:
        return None
    return found[2]


def named_levels(
    res: Resource, head: int, span: list[int], fields: list[str], label: str, name: str
) -> Iterator[Result | None]:
    """类 = Σ款 and 款 = Σ项 for a class whose lower levels are printed by name only (see `read_levels`); `label`
    names the class, the column `name` its lines."""
    blocks = read_levels(res, head, span, fields) if span else None
    if not blocks:
        return
    below = "款" if any(items for _, items in blocks) else "行"
    for f in fields:
        title = field_title(res, f)
        yield identity(
            "hierarchy-sum",
            cell(res, head, f),
            [cell(res, k, f) for k, _ in blocks],
            f"{res.title}“{label}”的“{title}”应等于其下各{below}之和",
        )
        for k, items in blocks:
            if items:
                yield identity(
                    "hierarchy-sum",
                    cell(res, k, f),
                    [cell(res, j, f) for j in items],
                    f"{res.title}“{label}”下“{res.rows[k].get(name) or ''}”的“{title}”应等于其下各项之和",
                )


def economic_hierarchy(res: Resource) -> Iterator[Result | None]:
    """合计 = Σ类, 类 = Σ its 款 rows (the rows that follow it), for each amount column."""
    rows = res.rows
    classes = [i for i, r in enumerate(rows) if r.get("level") == "类"]
    total = next((i for i, r in enumerate(rows) if r.get("level") == cat.TOTAL_CODE), None)
    for f in _amount_fields(res):
        if total is not None and classes:
            yield identity(
                "hierarchy-sum",
                cell(res, total, f),
                [cell(res, j, f) for j in classes],
                f"{res.title}“合计”的“{field_title(res, f)}”应等于各类之和",
            )
        for k, i in enumerate(classes):
            end = classes[k + 1] if k + 1 < len(classes) else len(rows)
            items = [j for j in range(i + 1, end) if rows[j].get("level") == "款"]
            if items:
                yield identity(
                    "hierarchy-sum",
                    cell(res, i, f),
                    [cell(res, j, f) for j in items],
                    f"{res.title}“{rows[i].get('dept_economic_name')}”的“{field_title(res, f)}”应等于其下各款之和",
                )


def row_sums(res: Resource, total: str, parts: list[str], check: str = "row-sum") -> Iterator[Result | None]:
    """In every row, total = Σ parts (e.g. 合计 = 基本支出 + 项目支出)."""
    names = {f["name"] for f in res.fields}
    parts = [p for p in parts if p in names]
    if total not in names or not parts:
        return
    label_field = res.fields[0]["name"] if res.fields[0].get("type") != "number" else None
    for i, r in enumerate(res.rows):
        label = " ".join(str(r.get(k)) for k in ("code", "name", "unit_code", "unit_name") if r.get(k)) or str(
            r.get(label_field or "", "")
        )
        yield identity(
            check,
            cell(res, i, total),
            [cell(res, i, p) for p in parts],
            f"{res.title}“{label}”行：{field_title(res, total)} = " + " + ".join(field_title(res, p) for p in parts),
        )


def field_title(res: Resource, field: str) -> str:
    """The title of a field of the resource, as printed."""
    return next((f.get("title", field) for f in res.fields if f["name"] == field), field)


_SEQ = re.compile(f"^{vocab.SEQUENCE}")


def grand_total(res: Resource, field: str, labels: tuple[str, ...]) -> int | None:
    """The row of a two-sided table's grand total: the first of the labels that the table prints (总计, else 合计)."""
    for label in labels:
        i = _find(res, field, lambda s, w=label: s == w)
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
    t = _find(inc, "code", lambda s: s == cat.TOTAL_CODE) if inc and inc.rows else None
    if inc is None or t is None or inc.rows[t].get("total") is None or inc.unit != summ.unit:
        return None
    names = {f["name"] for f in inc.fields}
    carried = "carryover" in names or any(p in names for p in cat.INCOME_CARRYOVER_PARTS)
    carried_in_summary = any(
        str(r.get("income_item") or "").startswith(cat.INCOME_CARRYOVER) and r.get("income_amount") not in (None, "0")
        for r in summ.rows
    )
    return (inc, t, "total") if carried or not carried_in_summary else None


def _find(res: Resource, field: str, test) -> int | None:
    return next((i for i, r in enumerate(res.rows) if test(str(r.get(field) or ""))), None)


def two_sided(res: Resource, alternatives: tuple[tuple[str, ...], ...]) -> Iterator[Result | None]:
    """收支总表 / 财政拨款收支总表: totals of each side, the two sides equal, and each row's columns (the first set
    of parts of the expense 合计 that the table prints)."""
    rows = res.rows
    present = {f["name"] for f in res.fields}
    expense_parts = next(
        ([p for p in parts if p in present] for parts in alternatives if any(p in present for p in parts)), []
    )
    parts = ["expense_total", *expense_parts]
    inc_total = _find(res, "income_item", lambda s: s.startswith(cat.INCOME_SUBTOTAL))
    exp_total = _find(res, "expense_item", lambda s: s.startswith(cat.EXPENSE_SUBTOTAL))
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
        yield from _total_of_rows(res, exp_total, items, f"{res.title}：本年支出合计的“{{f}}”应等于各类支出之和", parts)
    if inc_total is None and grand_in is not None and (items := _items_of(rows, grand_in, "income_item")):
        yield identity(
            "total-sum",
            cell(res, grand_in, "income_amount"),
            [cell(res, i, "income_amount") for i in items],
            f"{res.title}：收入总计应等于各项收入之和",
        )
    head = _find(res, "expense_item", lambda s: _SEQ.sub("", s) == cat.EXPENSE_HEADING)
    if exp_total is None and head is not None:
        # 一、本年支出 printed above its classes (吉林): it is their sum, and it stands for them in the grand total
        end = grand_out if grand_out is not None else len(rows)
        classes = [i for i in range(head + 1, end) if _class_item(rows[i])]
        yield from _total_of_rows(res, head, classes, f"{res.title}：本年支出的“{{f}}”应等于各类支出之和", parts)
    if exp_total is None and grand_out is not None:
        items = [
            i
            for i in _items_of(rows, grand_out, "expense_item")
            if head is None or i <= head or not _class_item(rows[i])
        ]
        if not items and head is None:  # classes printed by name only, and no 本年支出合计 line (湖州 表04)
            items = yield from _named_classes(res, grand_out, parts)
        yield from _total_of_rows(res, grand_out, items, f"{res.title}：支出总计的“{{f}}”应等于各类支出之和", parts)
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


LEVELS = (_SEQ, re.compile(r"^\d+、"), re.compile(r"^[（(]\d+[)）]"))  # 一、 then 1、 then (1)


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
        code = cat.FUNCTION_CLASSES.get(_SEQ.sub("", _label(rows[i], "expense_item")))
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
    above = [i for i in range(total) if _SEQ.match(str(rows[i].get(field) or ""))]
    return above or [i for i in range(total + 1, len(rows)) if _SEQ.match(str(rows[i].get(field) or ""))]


def _is_total_row(r: dict) -> bool:
    return any(re.sub(r"\s+", "", str(r.get(k) or "")) in cat.UNIT_TOTALS for k in ("unit_name", "project_name"))


def project_rows(res: Resource) -> list[int]:
    """The rows of a table of projects that are projects, not its printed 合计."""
    return [i for i, r in enumerate(res.rows) if not _is_total_row(r)]


def _total_of_rows(
    res: Resource, total: int | None, others: list[int], sentence: str, fields: list[str] | None = None
) -> Iterator[Result | None]:
    """A total row printed in a table of items equals the sum of the items, column by column (`fields`, else every
    amount column); `sentence` names the column as {f}."""
    if total is None or not others:
        return
    for f in fields if fields is not None else _amount_fields(res):
        yield identity(
            "total-sum", cell(res, total, f), [cell(res, i, f) for i in others], sentence.format(f=field_title(res, f))
        )


def _income_sums(res: Resource) -> Iterator[Result | None]:
    """合计 = this year's sources + what was carried over, row by row; where printed, 本年收入小计 = this year's
    sources and 上年结转 = its parts."""
    names = {f["name"] for f in res.fields}
    current = [f for f in cat.INCOME_CURRENT if f in names]
    parts = [f for f in cat.INCOME_CARRYOVER_PARTS if f in names]
    carried = ["carryover"] if "carryover" in names else parts
    if "current_total" in names:
        yield from row_sums(res, "current_total", current)
        yield from row_sums(res, "total", ["current_total", *carried])
    else:
        yield from row_sums(res, "total", [*current, *carried])
    if parts and "carryover" in names:
        yield from row_sums(res, "carryover", parts)


def _class_item(r: dict) -> bool:
    """An expense item naming a function class (一、一般公共服务支出)."""
    return _SEQ.sub("", str(r.get("expense_item") or "")) in cat.FUNCTION_CLASSES


def within_tables(pkg: Package) -> Iterator[Result | None]:
    for name in vocab.HIERARCHY_TABLES:
        res = pkg.table(name)
        if res and res.rows:
            yield from hierarchy(res)
    for name in cat.BASIC_PROJECT_TABLES:
        res = pkg.table(name)
        if res and res.rows:
            yield from row_sums(res, "total", list(cat.EXPENDITURE_PARTS))
    res = pkg.table("income_summary")
    if res and res.rows:
        yield from _income_sums(res)
    res = pkg.table("general_public_basic_economic")
    if res and res.rows:
        yield from economic_hierarchy(res)
        yield from row_sums(res, "total", ["personnel", "public_operation"])
    for name in vocab.ROW_TOTAL_TABLES:
        res = pkg.table(name)
        if res and res.rows:
            yield from row_sums(res, "total", [f for f in _amount_fields(res) if f != "total"])
    for name in ("projects_current", "projects_carryover"):
        res = pkg.table(name)
        if res and res.rows:
            total = next((i for i, r in enumerate(res.rows) if _is_total_row(r)), None)
            yield from _total_of_rows(res, total, project_rows(res), f"{res.title}：合计的“{{f}}”应等于各项目之和")
    res = pkg.table("operating_costs")
    if res and res.rows:
        total = _find(res, "unit_name", lambda s: s in cat.UNIT_TOTALS)
        others = [i for i in range(len(res.rows)) if i != total]
        yield from _total_of_rows(res, total, others, f"{res.title}：部门合计的“{{f}}”应等于各单位之和")
    res = pkg.table("three_public")
    if res and res.rows:
        yield from _three_public(res)
    for name, alternatives in vocab.TWO_SIDED_PARTS.items():
        res = pkg.table(name)
        if res and res.rows:
            yield from two_sided(res, alternatives)


def three_public_key(label: str) -> str:
    """A “三公” row's label as the checks know it: 1、因公出国（境）费用 → 因公出国境费, ①公务用车购置费 → ①购置费,
    “三公”经费合计 → 合计."""
    k = re.sub(vocab.THREE_PUBLIC_NUMBERING, "", re.sub(r"\s+", "", label))
    k = re.sub(r"[()（）]", "", k)
    if "三公" in k and (k.endswith(cat.THREE_PUBLIC_TOTALS) or k.endswith("经费")) or k in cat.THREE_PUBLIC_TOTALS:
        return vocab.THREE_PUBLIC_TOTAL
    k = re.sub(vocab.THREE_PUBLIC_WITHOUT_FEE, r"\1费", k)  # 公务用车购置 printed without its 费
    for a, b in vocab.THREE_PUBLIC_SAME:
        k = k.replace(a, b)
    return k


def _three_public(res: Resource) -> Iterator[Result | None]:
    # labels vary: 因公出国（境）费 / 因公出国(境)费用 / 1、因公出国（境）费用; ①公务用车购置费 / 购置费
    items = {three_public_key(str(r.get("item") or "")): i for i, r in enumerate(res.rows)}
    total = items.get(vocab.THREE_PUBLIC_TOTAL)
    main = [i for k, i in items.items() if k in vocab.THREE_PUBLIC_ITEMS]
    car = items.get(vocab.THREE_PUBLIC_CAR)
    car_parts = [
        i
        for k, i in items.items()
        if k.startswith(vocab.THREE_PUBLIC_CAR_PART_MARKS) or k in vocab.THREE_PUBLIC_CAR_PARTS
    ]
    for f in _amount_fields(res):
        if total is not None and main:
            yield identity(
                "total-sum",
                cell(res, total, f),
                [cell(res, i, f) for i in main],
                f"{res.title}：“三公”经费合计应等于三项之和",
            )
        if car is not None and car_parts:
            yield identity(
                "hierarchy-sum",
                cell(res, car, f),
                [cell(res, i, f) for i in car_parts],
                f"{res.title}：公务用车购置及运行费应等于购置费与运行维护费之和",
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

    def prints(res: Resource | None, field: str) -> bool:
        return res is not None and any(f["name"] == field for f in res.fields)

    has_gp_income = prints(inc, "general_public")

    def total_row(res: Resource | None) -> int | None:
        return _row(res, "code", lambda s: s == cat.TOTAL_CODE)

    s_in = _row(summ, "income_item", lambda s: s.startswith(cat.INCOME_SUBTOTAL))
    s_out = _row(summ, "expense_item", lambda s: s.startswith(cat.EXPENSE_SUBTOTAL))
    g_in = grand_total(summ, "income_item", cat.INCOME_TOTALS) if summ else None
    carried = prints(inc, "carryover") or any(prints(inc, p) for p in cat.INCOME_CARRYOVER_PARTS)
    if summ and inc and (t := total_row(inc)) is not None:
        if prints(inc, "current_total") and s_in is not None:
            yield same(
                "cross-table",
                cell(summ, s_in, "income_amount"),
                cell(inc, t, "current_total"),
                vocab.CROSS_CHECKS["summary-income-current"],
            )
        elif carried and g_in is not None:  # the 合计 of a 收入总表 with 上年结转 is the 收支总表's 收入总计
            yield same(
                "cross-table",
                cell(summ, g_in, "income_amount"),
                cell(inc, t, "total"),
                vocab.CROSS_CHECKS["summary-income-grand"],
            )
        elif s_in is not None:
            yield same(
                "cross-table",
                cell(summ, s_in, "income_amount"),
                cell(inc, t, "total"),
                vocab.CROSS_CHECKS["summary-income"],
            )
    if summ and exp and s_out is not None and (t := total_row(exp)) is not None:
        yield same(
            "cross-table",
            cell(summ, s_out, "expense_total"),
            cell(exp, t, "total"),
            vocab.CROSS_CHECKS["summary-expense"],
        )
    if summ and exp:
        yield from _classes_agree(summ, "expense_total", exp, "total", vocab.CROSS_CHECKS["summary-classes"])
    if fisc and gp and prints(fisc, "expense_general_public"):
        yield from _classes_agree(fisc, "expense_general_public", gp, "total", vocab.CROSS_CHECKS["fiscal-classes"])
    if fisc and inc and has_gp_income and (t := total_row(inc)) is not None:
        f_in = _row(fisc, "income_item", lambda s: s.startswith(cat.INCOME_SUBTOTAL))
        if f_in is not None:
            yield identity(
                "cross-table",
                cell(fisc, f_in, "income_amount"),
                [cell(inc, t, f) for f in cat.FISCAL_SOURCES],
                vocab.CROSS_CHECKS["fiscal-income"],
            )
    if gp and inc and has_gp_income and (a := total_row(gp)) is not None and (b := total_row(inc)) is not None:
        if prints(inc, "carryover_general_public"):  # its 一般公共预算支出表 spends what was carried over too
            yield identity(
                "cross-table",
                cell(gp, a, "total"),
                [cell(inc, b, "general_public"), cell(inc, b, "carryover_general_public")],
                vocab.CROSS_CHECKS["general-public-income-carryover"],
            )
        elif prints(inc, "carryover") and (carry := cell(inc, b, "carryover")).value != 0:
            # the 上年结转 is printed in one sum: how much of it the 一般公共预算支出表 spends is not printed
            total = cell(gp, a, "total")
            yield Result(
                "cross-table",
                UNCHECKED,
                gp.name,
                a + 2,
                "total",
                None,
                total.value,
                None,
                f"{vocab.CROSS_CHECKS['general-public-income']}：{inc.title}的上年结转"
                f"（{say(carry.value, carry.unit)}）未分列一般公共预算部分，而{gp.title}可能含上年结转支出，未核对。",
                (total.ref, carry.ref),
            )
        else:
            yield same(
                "cross-table",
                cell(gp, a, "total"),
                cell(inc, b, "general_public"),
                vocab.CROSS_CHECKS["general-public-income"],
            )
    if gp and econ and (a := total_row(gp)) is not None:
        e = _row(econ, "level", lambda s: s == cat.TOTAL_CODE)
        if e is not None:
            yield same(
                "cross-table",
                cell(gp, a, "basic"),
                cell(econ, e, "total"),
                vocab.CROSS_CHECKS["general-public-basic"],
            )
    if proj and proj.rows and exp and (b := total_row(exp)) is not None:
        yield identity(
            "cross-table",
            cell(exp, b, "project"),
            [cell(proj, i, "total") for i in project_rows(proj)],
            vocab.CROSS_CHECKS["projects"],
        )
    if ops and ops.rows and econ and econ.rows:
        o = _row(ops, "unit_name", lambda s: s in cat.UNIT_TOTALS)
        e = _row(econ, "level", lambda s: s == cat.TOTAL_CODE)
        if o is not None and e is not None:
            yield same(
                "cross-table",
                cell(ops, o, "total"),
                cell(econ, e, "public_operation"),
                vocab.CROSS_CHECKS["operating-costs"],
            )


def _printed_under(res: Resource, code: str | None) -> list[int]:
    """The rows printed under a class code at the highest level printed there (款, else 项)."""
    if not code:
        return []
    rows = [(i, str(r.get("code") or "")) for i, r in enumerate(res.rows)]
    under = [(i, c) for i, c in rows if c.startswith(code) and c.isdigit() and len(c) > len(code)]
    if not under:
        return []
    top = min(len(c) for _, c in under)
    return [i for i, c in under if len(c) == top]


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
        if j is None and (under := _printed_under(cls, cat.FUNCTION_CLASSES.get(name))):
            # the class is not printed as a row of its own: the rows printed under its code add up to it
            yield identity(
                "cross-table",
                a,
                [cell(cls, k, cls_field) for k in under],
                f"{what}：“{name}”应等于{cls.title}中该类下各行之和（原表未印类级合计行）",
            )
            continue
        if j is None and name not in cat.FUNCTION_CLASSES:
            continue  # not a function class (基本支出/项目支出 by type, 本年支出 …): nothing to compare it with
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
                    f"{what}：“{item}”在{two.title}中为{say(a.value, a.unit)}，但{cls.title}没有这一类。",
                    (a.ref,),
                )
            continue
        yield same("cross-table", a, cell(cls, j, cls_field), f"{what}：“{name}”应一致")


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
                )
        j = None if proj is None else _row(proj, "project_name", lambda s, n=name: s == n)
        if proj is None or j is None:
            total = cell(forms, i, "year_total")
            status, why = (
                (UNCHECKED, f"本文件未公开{cat.BY_NAME['projects_current'].title}，年度资金无从对照，未核对。")
                if proj is None
                else (ERROR, f"在{cat.BY_NAME['projects_current'].title}中找不到同名项目。")
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
            cell(proj, j, "total"),
            f"绩效目标申报表“{name}”的年度资金总额（{forms.unit}）应等于{cat.BY_NAME['projects_current'].title}中该项目的金额"
            + (f"（{proj.unit}，折合为{forms.unit}）" if proj.unit != forms.unit else ""),
        )
