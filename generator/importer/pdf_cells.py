"""A PDF page's ruled tables as pdfplumber finds them by the position of their words and rules: each cell's text,
a figure read from the characters wholly inside its box, the line printed just above a continuation page's top rule,
and the width of each column. The pages with tables are read on up to two processes (page parsing dominates import
time)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..errors import ImportFailed
from ..workers import available, fork_map
from .common import AMOUNT


def clean(cell: str | None) -> str:
    return re.sub(r"\s*\n\s*", "", cell or "").strip()


class Tables:
    """A page's tables, extracted beforehand."""

    def __init__(self, tables: list):
        self.tables = tables

    def extract_tables(self) -> list:
        return self.tables


def _extract_some(path: str, pages: list[int]) -> dict[int, list]:
    import pdfplumber

    found = {}
    with pdfplumber.open(path) as pdf:
        for n in pages:
            try:
                found[n] = _cells(pdf.pages[n])
            except Exception as exc:  # pdfminer raises many kinds of errors for a damaged page
                raise ImportFailed(
                    f"a damaged PDF: the tables of page {n + 1} cannot be read; download it again", path
                ) from exc
    return found


def _cells(page) -> list:
    """pdfplumber's tables of a page as printed: each glyph overprinted at its own place (a faked bold face) read
    once, and a white fill (the background an office program paints under each cell, inside its margins) no rule."""
    page = page.filter(_not_white_fill).dedupe_chars()
    out = []
    for table in page.find_tables():
        rows = table.extract()
        _figures_within(page, table, rows)
        if (above := _row_above(page, table, rows)) is not None:
            rows.insert(0, above)
        widths = [c.bbox[2] - c.bbox[0] for c in table.columns]
        out.append(Grid(rows, widths=widths if all(len(r) == len(widths) for r in rows) else None))
    return out


class Grid(list):
    """A table's rows as pdfplumber gives them, with the width of each column where known (a blank column as wide
    as a printed one is a column of the table, not the margin of its frame)."""

    def __init__(self, rows: list, widths: list[float] | None = None):
        super().__init__(rows)
        self.widths = widths


def _figures_within(page, table, rows: list) -> None:
    """A cell whose text is no figure but whose characters wholly inside its box are one: the rest is a label of
    the cell beside or above it, clipped at the cell's edge on the page but present in the text layer ('入\n0.00')."""
    for i, line in enumerate(table.rows):
        for j, box in enumerate(line.cells):
            text = clean(rows[i][j]) if j < len(rows[i]) else ""
            if box is None or not re.search(r"\d", text) or AMOUNT.match(text):
                continue
            x0, top, x1, bottom = box
            inside = [
                c for c in page.chars if x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom
            ]
            own = "".join(c["text"] for c in sorted(inside, key=lambda c: (round(c["top"]), c["x0"]))).strip()
            if own and AMOUNT.match(own):
                rows[i][j] = own


def _row_above(page, table, rows: list) -> list[str] | None:
    """The line printed just above a table that starts with a line numbered after 1 (a continuation page, its header
    not repeated) and whose top rule was drawn on the page before: a line of its own (23 | 302 | 商品和服务支出 | …) or
    the rest of the last line of that page ((基本建设)); each word in the column it stands in."""
    first = next((c for c in rows[0] if c), "") if rows else ""
    columns = table.rows[0].cells if table.rows else []
    if not re.fullmatch(r"\d{1,2}", clean(first)) or int(clean(first)) < 2 or not columns or None in columns:
        return None  # not a line numbered after line 1 (a code of 3 to 7 digits is no 序号), or merged cells
    left, top, right, _ = table.bbox
    height = columns[0][3] - columns[0][1]
    words = [
        w
        for w in page.extract_words()
        if top - 1.5 * height <= w["top"] and w["bottom"] <= top + 1 and left <= (w["x0"] + w["x1"]) / 2 <= right
    ]
    row = [""] * len(columns)
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        mid = (w["x0"] + w["x1"]) / 2
        j = next((j for j, c in enumerate(columns) if c[0] <= mid <= c[2]), None)
        if j is None:
            return None
        row[j] += w["text"]
    return row if words else None


_WHITE = ((1,), (1, 1, 1), (0, 0, 0, 0))  # gray, RGB, CMYK


def _not_white_fill(obj: dict) -> bool:
    if obj.get("object_type") != "rect" or not obj.get("fill") or obj.get("stroke"):
        return True
    colour = obj.get("non_stroking_color")
    colour = (colour,) if isinstance(colour, int | float) else tuple(colour or ())
    return colour not in _WHITE


def first_table(path: Path, pages: list[int]) -> dict[int, list]:
    """The tables of the first of `pages` that has any (pdfplumber, page by page), or nothing."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for n in pages:
            try:
                if found := _cells(pdf.pages[n]):
                    return {n: found}
            except Exception as exc:  # pdfminer raises many kinds of errors for a damaged page
                raise ImportFailed(
                    f"a damaged PDF: the tables of page {n + 1} cannot be read; download it again", path
                ) from exc
    return {}


def extract_tables(path: Path, pages: list[int], workers: int | None = None) -> dict[int, list]:
    """pdfplumber's tables of the given pages, on `workers` processes (None: one a core, at most two), each
    reading every n-th page (page parsing dominates import time)."""
    n = max(1, min(available() if workers is None else workers, len(pages)))
    try:
        found: dict[int, list] = {}
        for part in fork_map(functools.partial(_extract_some, str(path)), [pages[k::n] for k in range(n)], n):
            found.update(part)
    except ImportFailed:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors for a damaged file
        raise ImportFailed("a damaged PDF: its pages cannot be read for tables; download it again", path) from exc
    return found
