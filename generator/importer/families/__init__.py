"""Document families: how a province's template prints a table that the national set also has.

The catalogue holds the national layouts. Each module here is one family: the layouts its template prints, as
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

NATIONAL = "全国"
# the 部门 and the 政府 economic code and name side by side, as several families print them
TWO_ECONOMIC_CODES = ("economic_code", "dept_economic_name", "gov_economic_code", "gov_economic_name")
INCOME_BY_PART = cat.INCOME_BY_PART


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
    layouts: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # table kind -> its layouts
    # table kind -> how to compute it from a table of that kind read as printed (None where it does not apply)
    derivations: dict[str, Callable[[Table], Table | None]] = field(default_factory=dict)
    readers: tuple[Reader, ...] = ()  # tables printed in a shape of the family's own, with their readers


def _families() -> tuple[Family, ...]:
    from . import beijing, central, guangdong, jilin, shaanxi, shandong, shanghai, shenzhen, zhejiang

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
    out = [(NATIONAL, layout) for layout in kind.all_layouts()]
    for family in FAMILIES:
        out += [(family.name, tuple(by_name[n] for n in layout)) for layout in family.layouts.get(kind.name, ())]
    return out


def layout_for(kind: cat.TableKind, columns: list[list[str]], width: int) -> tuple[str, tuple[cat.Field, ...]] | None:
    """The layout of `width` columns whose fields are best named by the header printed over their own column
    (`columns`: the header cells of each column, group headers spanning to the right), with its family. Where two
    layouts score alike, the national one, then the family listed first."""
    best, score = None, -1
    for family, layout in candidates(kind):
        if len(layout) != width:
            continue
        named = sum(any(f.named_by(h) for h in (columns[j] if j < len(columns) else [])) for j, f in enumerate(layout))
        if named > score:
            best, score = (family, layout), named
    return best


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
