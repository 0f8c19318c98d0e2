"""Document families: how a province's template prints a table that the national set also has.

`importer/columns.py` holds the national layouts. Each module here is one family: the layouts its template prints, as
catalogue field names, and the document in `sources/` that shows them (its fixture). A layout is chosen by the
evidence of the table itself (how many columns it prints and which of them its header names), never by the name of
the file or the place; a family whose layouts no table matches costs nothing. Supporting a new family is a new
module here, listed in FAMILIES, with its fixture (tests/test_families.py imports each fixture and checks that the
family's layouts are the ones it is read with).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ... import catalogue as cat
from ...model import Table
from ..columns import ONLY_WHERE_NAMED, layouts_of, named_by
from ..titles import normalise_title

NATIONAL = "全国"
# the 部门 and the 政府 economic code and name side by side, as several families print them
TWO_ECONOMIC_CODES = ("economic_code", "dept_economic_name", "gov_economic_code", "gov_economic_name")


@dataclass(frozen=True)
class Page:
    """A page as a family's own reader gets it: its number (from 0), its lines and the cells of its ruled tables."""

    number: int
    lines: list[str]
    tables: list[list[list[str]]]


@dataclass(frozen=True)
class Reader:
    """A table a family prints in a shape of its own: the pages whose heading matches `title` (a regular expression
    on the heading without spaces) are given, all together, to `read(source file name, their headings, pages)`."""

    name: str
    title: str
    read: Callable[[str, list[str], list[Page]], list[Table]]


@dataclass(frozen=True)
class Family:
    name: str  # as readers know it: 浙江, 吉林 …
    fixture: str  # a document under sources/ printed this way
    also: tuple[str, ...] = ()  # documents of other years printed this way, read with the same layouts
    layouts: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # table kind -> its layouts
    # table kind -> how to compute it from a table of that kind read as printed (None where it does not apply)
    derivations: dict[str, Callable[[Table], Table | None]] = field(default_factory=dict)
    readers: tuple[Reader, ...] = ()  # tables printed in a shape of the family's own, with their readers


def _families() -> tuple[Family, ...]:
    from . import (
        beijing,
        central,
        chongqing,
        guangdong,
        guangdong_juesuan,
        jilin,
        shaanxi,
        shandong,
        shanghai,
        shenzhen,
        zhejiang,
    )

    return (
        shanghai.FAMILY,
        guangdong.FAMILY,
        shenzhen.FAMILY,
        zhejiang.FAMILY,
        jilin.FAMILY,
        shandong.FAMILY,
        beijing.FAMILY,
        shaanxi.FAMILY,
        central.FAMILY,
        chongqing.FAMILY,
        guangdong_juesuan.FAMILY,
    )


FAMILIES = _families()


def reader_for(heading: str) -> Reader | None:
    """The family reader of the pages printed under this heading, if a family prints such a table."""
    return next((r for f in FAMILIES for r in f.readers if re.search(r.title, heading)), None)


def reader_named(name: str) -> Reader:
    return next(r for f in FAMILIES for r in f.readers if r.name == name)


def candidates(kind: cat.TableKind) -> list[tuple[str, tuple[cat.Field, ...]]]:
    """Every layout a table of this kind may be printed in: the national ones first, then each family's."""
    by_name = {f.name: f for f in kind.fields}
    out = [(NATIONAL, layout) for layout in layouts_of(kind)]
    for family in FAMILIES:
        out += [(family.name, tuple(by_name[n] for n in layout)) for layout in family.layouts.get(kind.name, ())]
    return out


def layout_for(kind: cat.TableKind, columns: list[list[str]], width: int) -> tuple[str, tuple[cat.Field, ...]] | None:
    """The layout of `width` columns whose fields are best named by the header printed over their own column
    (`columns`: the header cells of each column, group headers spanning to the right), with its family. A layout
    that puts a field under a header naming another field of the kind and not its own is not a reading of the
    table. Where two layouts score alike, the national one, then the family listed first."""
    best, score = None, -1
    for family, layout in candidates(kind):
        if len(layout) != width:
            continue
        heads = [columns[j] if j < len(columns) else [] for j in range(width)]
        if any(_names_another(kind, layout, f, heads[j]) for j, f in enumerate(layout)):
            continue
        by_header = [named(kind, f, heads[j]) for j, f in enumerate(layout)]
        if any(f.name in ONLY_WHERE_NAMED and not ok for f, ok in zip(layout, by_header, strict=True)):
            continue  # a column this layout has only where the table's header prints it (序号)
        found = sum(by_header)
        if found > score:
            best, score = (family, layout), found
    return best or _as_headed(kind, columns, width)


def _as_headed(kind: cat.TableKind, columns: list[list[str]], width: int) -> tuple[str, tuple[cat.Field, ...]] | None:
    """Where no layout fits, the columns in the order the header prints them, if the lowest header cell of every
    amount column names one field of the kind and the label columns are those of a layout (上缴上级支出 before
    事业单位经营支出, 国家信访局)."""
    for layout in layouts_of(kind):
        labels = [f for f in layout if f.role != cat.AMOUNT]
        if len(labels) >= width or any(f.role == cat.AMOUNT for f in layout[: len(labels)]):
            continue
        if any(
            f.name in ONLY_WHERE_NAMED and not named(kind, f, columns[j] if j < len(columns) else [])
            for j, f in enumerate(labels)
        ):
            continue  # a column this layout has only where the header prints it (序号)
        out = list(labels)
        for j in range(len(labels), width):
            heads = columns[j] if j < len(columns) else []
            fits = [f for f in kind.fields if f.role == cat.AMOUNT and heads and named_by(kind, f, heads[-1])]
            if len(fits) != 1 or fits[0] in out:
                break
            out.append(fits[0])
        else:
            return NATIONAL, tuple(out)
    return None


_GROUPED = re.compile(r"^(?:(?P<group>[^：]+)：(?P<item>.+)|(?P<item2>[^（]+)（(?P<group2>[^）]+)）)$")


def named(kind: cat.TableKind, f: cat.Field, heads: list[str]) -> bool:
    """The field is named by a header cell over its column, or, for a field titled “group：item” or “item（group）”
    (上年结转：一般公共预算, 小计（当年预算）), by a group cell that starts with the group and the cell under it that
    is the item."""
    return any(named_by(kind, f, h) for h in heads) or _named_in_group(f, heads)


def _named_in_group(f: cat.Field, heads: list[str]) -> bool:
    m = _GROUPED.match(f.title)
    if not m or len(heads) < 2:
        return False
    group, item = m.group("group") or m.group("group2"), m.group("item") or m.group("item2")
    keys = [normalise_title(h) for h in heads]
    return any(k.startswith(group) for k in keys[:-1]) and normalise_title(item) == keys[-1]


def _names_another(kind: cat.TableKind, layout: tuple[cat.Field, ...], f: cat.Field, heads: list[str]) -> bool:
    """The header printed lowest over the column names one other amount field of the layout, and none of its header
    cells names `f` (公用经费 read as 项目支出; a group header over it, 事业收入 over 其中：教育收费, names the group)."""
    if f.role != cat.AMOUNT or not heads or named(kind, f, heads):
        return False
    others = [g for g in layout if g.role == cat.AMOUNT and g is not f and named_by(kind, g, heads[-1])]
    return len(others) == 1  # a word several fields are titled (预算数) names none of them


# What a column the catalogue has no field for says of itself: another year, a change, a share, a carry-over.
_NOT_A_FIELD = re.compile(r"增减|增长|减少|变动|比上年|%|％|百分比|占比|幅度|上年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def set_apart(kind: cat.TableKind, header: list[list[str]], width: int) -> dict[int, str]:
    """The columns of a table that no field of its kind is for (2025年预算数 beside 2026年预算数, 上年结转 in a
    table without carry-over, an increase or a percentage), by the header cells printed over each column itself:
    kept under their printed titles, never read as another field. Each with its printed title."""
    rows = [(r + [""] * width)[:width] for r in header]
    years = [int(y) for r in rows for c in r for y in _YEAR.findall(c)]
    latest = max(years, default=0)
    out = {}
    spanned = column_headers(rows, width)  # a year printed over a group of columns holds for each of them
    for j in range(width):
        heads = spanned[j]
        marks = [c for c in heads if _NOT_A_FIELD.search(c) or _YEAR.search(c)]
        title = " / ".join(c for c in heads if c in marks or any(r[j] == c for r in rows))
        if any(int(y) < latest for c in heads for y in _YEAR.findall(c)):
            out[j] = title  # an earlier year's figures, whatever the words after the year
        elif (marks := [c for c in marks if _NOT_A_FIELD.search(c)]) and not any(
            named_by(kind, f, c) or _named_in_group(f, heads) for f in kind.fields for c in marks
        ):
            out[j] = title  # 上年结转 in a kind without it, over its 基本支出 too
    return out


def column_headers(header: list[list[str]], width: int) -> list[list[str]]:
    """The header cells over each column, a group header (基本支出 over 人员经费 | 公用经费) spanning to the right
    until the next one."""
    columns: list[list[str]] = [[] for _ in range(width)]
    for k, row in enumerate(header):
        cells = (row + [""] * width)[:width]
        last = ""
        for j, c in enumerate(cells):
            if c:
                last = c
                columns[j].append(c)
            elif last and k < len(header) - 1:
                columns[j].append(last)
    return columns


ACROSS = "横排"  # the family name given to a table read by a shape several families share


def from_printed(kind: str, printed: Table) -> Table | None:
    """The table of a national kind computed exactly from one read as printed, where a family prints that kind in
    a shape of its own (北京's 支出总表, one line per function and economic code), or in a shape several families
    share (the “三公” table printed across, shapes.py); None where none applies."""
    from .shapes import SHAPES

    for name, derive in [(f.name, f.derivations.get(kind)) for f in FAMILIES] + [(ACROSS, SHAPES.get(kind))]:
        if derive is not None and (table := derive(printed)) is not None:
            table.family = name
            return table
    return None
