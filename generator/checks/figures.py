"""The same figure printed in two places. Every amount cell of the expenditure tables is given what it stands for,
from the catalogue (`FIGURE_MEANINGS`: whose money, which period, which part; the row: a function class, or the
total), and the cells that stand for the same figure are compared, wherever the other checks between tables do not
compare them already."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .. import catalogue as cat
from ..package import Package, Resource
from .core import Cell, Result, cell, identity

Ref = tuple[str, int, str]  # resource, CSV row number (header = 1), field
Meaning = tuple[str, str, str, str]  # fund, period, part, row (a class code or 合计)


def _class_code(label: str) -> str | None:
    """The code of a function class named by a printed item (一、一般公共服务支出; 1、一般公共服务)."""
    name = re.sub(r"\s+", "", cat.ITEM_NUMBER.sub("", label))
    return cat.FUNCTION_CLASSES.get(name) or cat.FUNCTION_CLASSES.get(f"{name}支出")


def _two_sided_row(label: str, part: str) -> tuple[str, str] | None:
    """(part, row) a line of a two-sided table's expense side stands for, in a column of `part`."""
    name = re.sub(r"\s+", "", cat.ITEM_NUMBER.sub("", label))
    if (code := _class_code(label)) is not None:
        return part, code
    if name.startswith(cat.FIGURE_TOTAL_ITEMS[0]) or name == cat.FIGURE_TOTAL_ITEMS[1]:
        return part, cat.TOTAL_CODE
    for kind, items in cat.FIGURE_PART_ITEMS:
        if name in items and part == "total":
            return kind, cat.TOTAL_CODE
    return None


def meanings(res: Resource) -> Iterator[tuple[int, str, Meaning]]:
    """Every amount cell of a table (row index, field) with the figure it stands for."""
    columns = cat.FIGURE_MEANINGS.get(res.name, {})
    present = {f["name"] for f in res.fields}
    two_sided = cat.BY_NAME[res.name].layout == cat.TWO_SIDED
    code_field = cat.FIGURE_CODES.get(res.name, "code")
    seen: set[tuple[str, str]] = set()
    for i, r in enumerate(res.rows):
        if not two_sided and cat.printed_again(res.rows, i):
            continue  # the same row printed again as its only item (无锡)
        for f, (fund, period, part) in columns.items():
            if f not in present:
                continue
            if two_sided:
                found = _two_sided_row(str(r.get(cat.FIGURE_LABELS.get(f, cat.FIGURE_LABEL)) or ""), part)
                if found is None:
                    continue
                part_here, row = found
            else:
                code = str(r.get(code_field) or r.get("level") or "")
                if not (code.isdigit() or code == cat.TOTAL_CODE):
                    continue
                if code != cat.TOTAL_CODE and res.name == "general_public_basic_economic":
                    continue  # its rows are economic classes: only its 合计 is a figure of the functional tables
                part_here, row = part, code
            if (f, row) in seen:
                continue  # a code printed twice in one table is one row (the first)
            seen.add((f, row))
            yield i, f, (fund, period, part_here, row)


def printed_figures(pkg: Package) -> dict[Meaning, list[Ref]]:
    """The cells of each figure the tables print, in the order of the tables; a figure printed twice has two."""
    out: dict[Meaning, list[Ref]] = {}
    for name in cat.FIGURE_MEANINGS:
        res = pkg.table(name)
        if res is None or not res.rows:
            continue
        for i, f, meaning in meanings(res):
            out.setdefault(meaning, []).append((res.name, i + 2, f))
    return out


def describe(meaning: Meaning) -> str:
    """What a figure is, in words: 一般公共预算：支出合计; “一般公共服务支出”中的基本支出."""
    fund, period, part, row = meaning
    words = "".join(cat.FIGURE_WORDS[w] for w in (fund, period))
    name = (
        "支出合计"
        if row == cat.TOTAL_CODE
        else next((f"“{k}”" for k, v in cat.FUNCTION_CLASSES.items() if v == row), row)
    )
    return f"{words}{'：' if words else ''}{name}" + (f"中的{cat.FIGURE_WORDS[part]}" if part != "total" else "")


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
                f"{cat.CROSS_CHECKS['same-figure']}：{_where(pkg, first)}与{_where(pkg, ref)}都是{describe(meaning)}，应一致",
                ("前者印", "后者印"),
            )


def _cell(pkg: Package, ref: Ref) -> Cell:
    res = pkg.resources[ref[0]]
    return cell(res, ref[1] - 2, ref[2])


def _where(pkg: Package, ref: Ref) -> str:
    res = pkg.resources[ref[0]]
    r = res.rows[ref[1] - 2]
    if cat.BY_NAME[res.name].layout == cat.TWO_SIDED:
        label = str(r.get(cat.FIGURE_LABELS.get(ref[2], cat.FIGURE_LABEL)) or "")
    else:
        label = " ".join(dict.fromkeys(str(r[k]) for k in ("code", "name", "expense_code", "expense_name") if r.get(k)))
        label = label or str(r.get("level") or r.get("dept_economic_name") or "")
    title = next((str(f.get("title", ref[2])) for f in res.fields if f["name"] == ref[2]), ref[2])
    return f"{res.title}“{label}”行的“{title}”"
