"""The sums one table prints, whatever the table: a classification's levels (类 = Σ款, 款 = Σ项, 合计 = Σ类, also
where the 款 and 项 are printed by name only), an economic classification's, a row's columns, a total row over a
list of items; and how a check names a table's columns and finds its rows."""

from __future__ import annotations

from collections.abc import Iterator

from .. import catalogue as cat
from ..package import Resource
from .core import ZERO, Cell, Result, cell, identity


def amount_fields(res: Resource) -> list[str]:
    """The columns of a table that hold amounts."""
    return [f["name"] for f in res.fields if f.get("type") == "number"]


def hierarchy(res: Resource) -> Iterator[Result | None]:
    """类 = Σ款, 款 = Σ项, 合计 = Σ类, for every amount column of a classification table."""
    rows = res.rows
    codes = [(i, str(r.get("code") or "")) for i, r in enumerate(rows)]
    amounts = amount_fields(res)
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
    for f in amount_fields(res):
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


def find_row(res: Resource, field: str, test) -> int | None:
    """The first row whose `field`, as text (blank: ''), passes `test`."""
    return next((i for i, r in enumerate(res.rows) if test(str(r.get(field) or ""))), None)


def total_of_rows(
    res: Resource, total: int | None, others: list[int], sentence: str, fields: list[str] | None = None
) -> Iterator[Result | None]:
    """A total row printed in a table of items equals the sum of the items, column by column (`fields`, else every
    amount column); `sentence` names the column as {f}."""
    if total is None or not others:
        return
    for f in fields if fields is not None else amount_fields(res):
        yield identity(
            "total-sum", cell(res, total, f), [cell(res, i, f) for i in others], sentence.format(f=field_title(res, f))
        )
