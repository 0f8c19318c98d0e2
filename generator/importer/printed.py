"""A table read as it is printed: for a table the catalogue does not know, or one whose columns are not a layout of
its kind. Its columns keep their printed titles; a column whose every filled cell is an amount is a number in the
table's unit, every other column is text (codes stay strings). Nothing in it is guessed or dropped."""

from __future__ import annotations

import re

from ..errors import ImportFailed
from ..model import Row, Table
from .common import AMOUNT, CODE, is_numbering, is_total, join_wrapped, parse_amount

_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}、|（[一二三四五六七八九十\d]+）)")


def _is_data(row: list[str]) -> bool:
    """A row that carries figures (an amount beyond its first cell), starts with a classification code, or starts
    with a numbered item or a total (the rows of a table printed without figures)."""
    cells = [c for c in row if c]
    if not cells:
        return False
    first = row[0] if row else ""
    return (
        bool(CODE.match(first))
        or any(AMOUNT.match(c) for c in row[1:] if c)
        or all(_item_or_total(c) for c in cells)  # not a header that starts with a 合计 column
    )


def _item_or_total(cell: str) -> bool:
    return (
        bool(_ITEM.match(cell))
        or is_total(cell)
        or cell.startswith(("本年收入合计", "本年支出合计", "收入总计", "支出总计"))
        or bool(AMOUNT.match(cell))
    )


def _spans(grid: list[list[str]]) -> list[list[str]]:
    """Each header cell over the columns it spans: a group header reaches right over the blank cells after it, but
    not past the end of the group above it (单位资金 under 本年收入 stops where 上年结转 begins)."""
    out: list[list[str]] = []
    above: list[tuple[int, int] | None] = [None] * (len(grid[0]) if grid else 0)  # the group over each column
    for k, cells in enumerate(grid):
        spanned: list[str] = []
        groups: list[tuple[int, int] | None] = []
        last, start = "", -1
        for j, c in enumerate(cells):
            if c:
                last, start = c, j
            elif start >= 0 and above[j] != above[start]:
                last, start = "", -1
            spanned.append(last)
            groups.append((k, start) if start >= 0 else above[j])
        out.append(spanned)
        above = groups
    return out


def printed_table(
    name: str, title: str, rows: list[list[str]], unit: str | None, located: str, where: str, kind_hint: str | None
) -> Table:
    """The table from the rows pdfplumber extracted (the pages of one table, in order). Header rows are those
    before the first row with figures; a header repeated on a later page is skipped."""
    rows = [list(r) for r in rows if any(c for c in r)]
    start = next((i for i, r in enumerate(rows) if _is_data(r)), len(rows))
    header, body = rows[:start], rows[start:]
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        raise ImportFailed(f"the table {title!r} has no cells", where)
    body = [r for r in body if r not in header and not is_numbering(r)]
    titles = []
    grid = [(h + [""] * width)[:width] for h in header]
    spanned_rows = list(zip(grid, _spans(grid), strict=True))
    for j in range(width):
        parts: list[str] = []
        for k, (cells, spanned) in enumerate(spanned_rows):
            text = cells[j] if k == len(spanned_rows) - 1 else spanned[j]
            text = join_wrapped(text)
            if text and text not in parts:
                parts.append(text)
        titles.append(" / ".join(parts) or f"第{j + 1}栏")
    filled = [[(r + [""] * width)[:width][j] for r in body] for j in range(width)]
    kinds = []
    for j, cells in enumerate(filled):
        values = [c for c in cells if c]
        numeric = bool(values) and all(AMOUNT.match(c) for c in values) and not all(CODE.match(c) for c in values)
        kinds.append("number" if numeric and j > 0 else "string")
    names = [f"col_{j + 1:02d}" for j in range(width)]
    table = Table(
        name=name,
        printed_title=title,
        titles=dict(zip(names, titles, strict=True)),
        header_paths={},
        amount_unit=unit if "number" in kinds else None,
        amount_unit_printed=unit is not None,
        located=located,
        printed_fields=[(n, t, k) for n, t, k in zip(names, titles, kinds, strict=True)],
        kind_hint=kind_hint,
    )
    for k, r in enumerate(body, start=1):
        cells = (r + [""] * width)[:width]
        row: Row = {}
        for n, kind, c in zip(names, kinds, cells, strict=True):
            row[n] = parse_amount(c, f"{where}, row {k}", n) if kind == "number" else (join_wrapped(c) or None)
        table.rows.append(row)
        table.sources.append(f"{where.split(': ', 1)[-1]}, row {k}")
    table.published_empty = not table.rows
    return table
