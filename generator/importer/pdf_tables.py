"""A standard table assembled from the cells of its pages: the header read once (and skipped where a continuation
page repeats it), the codes printed as 类 | 款 | 项 joined, a row cut by a page break joined again, the columns
matched to a layout of its kind (columns no field is for set apart), or the table kept as printed."""

from __future__ import annotations

import re
from pathlib import Path

from .. import catalogue as cat
from ..errors import ImportFailed
from ..model import Table
from . import families
from .common import (
    AMOUNT,
    CODE,
    CODE_GLUED,
    column_titles,
    derive,
    is_data_start,
    is_numbering,
    is_total,
    make_row,
    page_meta,
)
from .pdf_cells import clean
from .pdf_pages import PAGE_NOISE, Block
from .printed import printed_table
from .titles import TABLE_NUMBER_BEFORE, find_table


def page_tables(page) -> list[list[list[str]]]:
    return [
        _without_margins([[clean(c) for c in row] for row in t], getattr(t, "widths", None))
        for t in page.extract_tables()
    ]


_MARGIN = 12.0  # pt: a blank column narrower than this (under two characters) is the margin of a frame


def _without_margins(rows: list[list[str]], widths: list[float] | None = None) -> list[list[str]]:
    """A ruled table without the blank margins of its frame, and without the rows inside the frame that only
    repeat the title, the unit or the running title. Where the columns' widths are known, a blank column as wide
    as a printed one is kept where it stands (a continuation page whose income half is an empty grid)."""
    width = max((len(r) for r in rows), default=0)
    filled = [j for j in range(width) if any(j < len(r) and r[j] for r in rows)]
    # a frame: the first column blank in every row; then a blank last column is its right edge. A blank column
    # inside a table, or at the right of a table without a frame, is data (a continuation page with no figure
    # in its last columns).
    keep = list(range(filled[0], filled[-1] + 1)) if filled and filled[0] > 0 else list(range(width))
    if widths and len(widths) == width and keep != list(range(width)):
        start, end = keep[0], keep[-1]
        while start > 0 and widths[start - 1] >= _MARGIN:
            start -= 1
        while end < width - 1 and widths[end + 1] >= _MARGIN:
            end += 1
        keep = list(range(start, end + 1))
    out = [[r[j] if j < len(r) else "" for j in keep] for r in rows]
    return [r for r in out if not _title_row(r)] if len(keep) < width or any(map(_title_row, out)) else out


def _title_row(row: list[str]) -> bool:
    """A row whose only cells are a table title, a unit line (金额单位：万元) or a 预算单位：… line."""
    filled = [c for c in row if c]
    return bool(filled) and all(
        PAGE_NOISE.match(c) or TABLE_NUMBER_BEFORE.fullmatch(re.sub(r"\s+", "", c)) or find_table(c) for c in filled
    )


def _code_runs(header: list[list[str]]) -> list[list[int]]:
    """Columns of codes printed as 类 | 款 | 项 (or 类 | 款): one run per classification (some families print the 部门 and
    the 政府 economic code side by side)."""
    for row in header:
        runs, j = [], 0
        while j < len(row):
            k = j + 1
            if row[j] == "类":
                while k < len(row) and row[k] in ("款", "项"):
                    k += 1
                if k - j >= 2:
                    runs.append(list(range(j, k)))
            j = k
        if runs:
            return runs
    return []


def _code_columns(header: list[list[str]]) -> list[int]:
    runs = _code_runs(header)
    return runs[0] if runs else []


def _join_later_codes(row: list[str], runs: list[list[int]], header: bool = False) -> list[str]:
    """The codes of a second classification on the line as one cell each (its header: the title over them)."""
    for run in reversed(runs[1:]):
        if len(row) <= run[-1]:
            continue
        parts = [row[j] for j in run]
        cell = next((p for p in parts if p and p not in ("类", "款", "项")), "") if header else "".join(parts)
        row = [*row[: run[0]], cell, *row[run[-1] + 1 :]]
    return row


def _merge_codes(row: list[str], code_cols: list[int], width: int = 0, above: list[str] | None = None) -> list[str]:
    """One code cell from 类 | 款 | 项; a row not printed across all columns (a spanning 合计) is left as it is.
    Where a 款 or 项 row prints only its own part of the code (| 40 | or | | 01 |), the codes of the rows above
    complete it (`above`: the last full code seen at each level, kept up to date here)."""
    if not code_cols or (width and len(row) != width) or len(row) <= code_cols[-1]:
        return row
    parts = [row[j] for j in code_cols]
    before, after = row[: code_cols[0]], row[code_cols[-1] + 1 :]
    if is_total(parts[0]) or (not any(parts) and after and is_total(after[0])):
        return [*before, "合计", *after]
    if not any(parts) or above is None:
        return [*before, "".join(p for p in parts if p), *after]
    first = next(k for k, p in enumerate(parts) if p)
    code = "".join(p for p in parts[first:] if p)
    if first > 0 and len(above) >= first and above[first - 1]:
        code = above[first - 1] + code
    level = {3: 0, 5: 1, 7: 2}.get(len(code))
    if level is not None:
        above[:] = [*above[:level], code, *([""] * (2 - level))][:3]
    return [*before, code, *after]


def _merge_header(row: list[str], code_cols: list[int]) -> list[str]:
    if not code_cols:
        return row
    label = next((row[j] for j in code_cols if row[j] and row[j] not in ("类", "款", "项")), "")
    return row[: code_cols[0]] + [label] + row[code_cols[-1] + 1 :]


def standard_table(path: Path, pages: list, b: Block, kind: cat.TableKind) -> Table:
    header: list[list[str]] = []
    data: list[tuple[int, list[str]]] = []
    code_cols: list[int] = []
    unit, _ = page_meta(pages[b.pages[0]][1])
    for n in b.pages:
        page, _lines = pages[n]
        started = False
        for t in page_tables(page):
            for raw in t:
                if not started:
                    merged_probe = _merge_codes(raw, _code_columns(header + [raw]) or code_cols)
                    wrapped = bool(data) and raw is t[0] and _labels_only(header, raw)  # the last line's rest
                    if not is_data_start(kind, merged_probe) and not _numbered_line(header, raw) and not wrapped:
                        if n == b.pages[0]:
                            header.append(raw)
                            code_cols = _code_columns(header)
                        continue  # a header repeated on a continuation page
                    started = True
                if any(raw):
                    if n != b.pages[0] and any(is_total(c) for c in raw[:2]) and any(raw == d for _, d in data):
                        continue  # the 合计 line printed again under the header of each page (广东 决算)
                    data.append((n, raw))
    header = [r for r in header if not is_numbering(r)]  # ** 1 2 3 … under the header
    if len(runs := _code_runs(header)) > 1:
        header = [_join_later_codes(r, runs, header=True) for r in header]
        data = [(n, _join_later_codes(raw, runs)) for n, raw in data]

    def fit(header: list[list[str]], data: list[tuple[int, list[str]]]):
        merged = [_merge_header(r, code_cols) for r in header]
        width = len(merged[-1]) if merged else (len(_merge_codes(data[0][1], code_cols)) if data else 0)
        headers = [c for r in merged for c in r if c]
        apart = families.set_apart(kind, merged, width)  # columns no field of the kind is for, by their own header
        titles = list(apart.values())
        if apart:
            merged = [[c for j, c in enumerate((r + [""] * width)[:width]) if j not in apart] for r in merged]
            width -= len(apart)
        chosen = families.layout_for(kind, families.column_headers(merged, width), width)
        return merged, width, headers, chosen, apart, titles

    merged_header, width, headers, chosen, apart, apart_titles = fit(header, data)
    if chosen is None and kind.layout in (cat.CLASSIFICATION, cat.STATE_CAPITAL, cat.ECONOMIC) and not code_cols:
        split_header, split_data = _split_glued(header, data)  # [2010501]行政运行 in one column: two columns
        if split_data is not data and (again := fit(split_header, split_data))[3] is not None:
            header, data = split_header, split_data
            merged_header, width, headers, chosen, apart, apart_titles = again
    where = f"{path.name}: page {b.pages[0] + 1}"
    if chosen is None:
        raise ImportFailed(_unknown_layout(b.title, kind, headers, width, bool(data)), where)
    family, layout = chosen
    titles, paths = column_titles(kind, layout, merged_header)
    full = width + len(apart)
    table = Table(
        name=kind.name,
        printed_title=b.title,
        titles=titles,
        header_paths=paths,
        amount_unit=unit or kind.amount_unit,
        amount_unit_printed=unit is not None,
        located=where,
        family=family,
        set_apart=apart_titles,
    )
    if apart_titles:
        table.note = SET_APART_NOTE.format(titles="”“".join(apart_titles))
    lines: list[tuple[int, int, list[str]]] = []
    above = ["", "", ""]
    code_at = next((j for j, f in enumerate(layout) if f.name == "code"), None)
    for k, (n, raw) in enumerate(data, start=1):
        cells = _merge_codes(raw, code_cols, len(header[-1]) if header else 0, above)
        if apart and len(cells) == full:
            cells = [c for j, c in enumerate(cells) if j not in apart]
        if code_at is not None and not code_cols and code_at < len(cells):
            cells[code_at] = _own_part(cells[code_at], above)
        if len(cells) < width and cells and is_total(cells[0]):
            cells = [cells[0]] + [""] * (width - len(cells)) + cells[1:]  # 合计 printed across the label columns
        first_on_page = k == 1 or data[k - 2][0] != n
        if (
            first_on_page
            and lines
            and kind.layout != cat.TWO_SIDED
            and (joined := _rest_of_row(layout, lines[-1][2], cells)) is not None
        ):
            lines[-1] = (lines[-1][0], lines[-1][1], joined)  # the row's cells went on over the page break
            continue
        if first_on_page and lines and (joined := _rest_of_numbered(layout, lines[-1][2], cells)) is not None:
            lines[-1] = (lines[-1][0], lines[-1][1], joined)  # its labels wrapped over the page break
            continue
        lines.append((n, k, cells))
    rows = [(n, make_row(kind, layout, cells, f"{path.name}: page {n + 1}, row {k}")) for n, k, cells in lines]
    amounts = [f.name for f in layout if f.role == cat.AMOUNT]
    if all(all(r.get(a) is None for a in amounts) for _, r in rows):
        # the table prints no amount at all (blank rows, or a lone 合计 row): published empty
        table.published_empty = True
        table.note = "原表无数据（仅印表头" + ("及空白合计行" if rows else "") + "）"
        return table
    for n, r in rows:
        table.rows.append(r)
        table.sources.append(f"page {n + 1}, table 1")
    derive(kind, table)
    return table


def _unknown_layout(title: str, kind: cat.TableKind, headers: list[str], width: int, figures: bool) -> str:
    """Why a table's columns were not read as `kind`, in words: what the page printed over them."""
    title = re.sub(r"\s+", " ", title).strip()
    if not headers and not figures:
        return "no table on the page"
    if not headers:
        return f"no column header was read above the figures of {title!r}, so its {width} columns cannot be named"
    printed = " | ".join(re.sub(r"\s+", " ", h) for h in headers)
    return f"the {width} columns of {title!r}, headed {printed}, are not a layout of {kind.title} this reader knows"


def _own_part(code: str, above: list[str]) -> str:
    """A 款 printed in the code column as its own two digits (| 10 | under | 201 |): completed by the 类 above it, as
    its indentation reads; `above` keeps the last 类 seen."""
    if CODE.match(code) and len(code) == 3:
        above[0] = code
    elif re.fullmatch(r"\d{2}", code) and above[0]:
        return above[0] + code
    return code


def _numbered_line(header: list[list[str]], raw: list[str]) -> bool:
    """A line of a table that prints a 序号 before each line: its number under that column (a line with no figure,
    such as an item whose amount is blank, is a line of the table all the same)."""
    return (
        bool(header and header[0] and re.sub(r"\s+", "", header[0][0]) == "序号")
        and bool(raw and raw[0].isdigit())
        and not is_numbering(raw)
    )


AS_PRINTED_NOTE = "原表全部栏目照录；其中“{titles}”栏统一格式无此栏目，其余各栏另按统一格式录入（“{title}”）。"
SET_APART_NOTE = "原表另有“{titles}”栏，统一格式无此栏目，未计入本表任何一栏；全部栏目照原表录入于同名“照原表”表。"


def _rest_of_row(layout: tuple[cat.Field, ...], last: list[str], first: list[str]) -> list[str] | None:
    """The last row of a page with the first row of the next joined, where that first row is the rest of it: no code,
    no 合计 and no numbered item, its first amount blank, every cell under a filled one, and each of its cells, run on
    after the one above, still a cell of its kind
    (杭州市机动 | 12,437.3 over the break, 车驾驶员考试服务中心 | 6 after it). None where it is a row of its own."""
    if len(first) != len(layout) or len(last) != len(layout) or not any(first):
        return None
    amounts = [j for j, f in enumerate(layout) if f.role == cat.AMOUNT]
    codes = [j for j, f in enumerate(layout) if f.role == cat.CODE]
    if not amounts or first[amounts[0]] or any(first[j] for j in codes) or any(is_total(c) for c in first):
        return None
    if any(c and (not above or cat.ITEM_NUMBER.match(c)) for c, above in zip(first, last, strict=True)):
        return None  # a cell under a blank one, or a numbered item (十八、…), starts a row of its own
    joined = [a + b for a, b in zip(last, first, strict=True)]
    if any(joined[j] and not AMOUNT.match(joined[j]) for j in amounts):
        return None
    return joined


def _labels_only(header: list[list[str]], raw: list[str]) -> bool:
    """A line with words and no 序号 nor figure, in a table that prints a 序号 before each line."""
    return (
        bool(header and header[0] and re.sub(r"\s+", "", header[0][0]) == "序号")
        and bool(raw)
        and not raw[0]
        and any(raw)
        and not any(AMOUNT.match(c) for c in raw if c)
    )


def _rest_of_numbered(layout: tuple[cat.Field, ...], last: list[str], first: list[str]) -> list[str] | None:
    """The first line of a page that has no 序号 where every line has one, and no figure: the rest of the labels of
    the page's last line, wrapped over the page break ((5)资本性支出 | … / (基本建设)). None otherwise."""
    if not layout or layout[0].name != "seq" or len(first) != len(last) or first[0] or not any(first):
        return None
    if any(first[j] for j, f in enumerate(layout) if f.role != cat.LABEL and j < len(first)):
        return None
    return [a + b for a, b in zip(last, first, strict=True)]


def _split_glued(
    header: list[list[str]], data: list[tuple[int, list[str]]]
) -> tuple[list[list[str]], list[tuple[int, list[str]]]]:
    """Code and name printed in one column ([2010501]行政运行 under 功能科目名称): two columns, as the catalogue has
    them. Only where every row but a total carries a code in that column."""
    firsts = [raw[0] for _, raw in data if raw and raw[0]]
    glued = [c for c in firsts if CODE_GLUED.match(c) and not CODE.match(c)]
    if not glued or len(glued) + sum(is_total(c) for c in firsts) != len(firsts):
        return header, data
    split = []
    for n, raw in data:
        m = CODE_GLUED.match(raw[0]) if raw else None
        first = [m.group(1), m.group(2)] if m else ["合计", ""] if raw and is_total(raw[0]) else ["", raw[0]]
        split.append((n, first + raw[1:]))
    return [["", *r] for r in header], split


def as_printed(path: Path, pages: list, b: Block, name: str, kind: str | None) -> Table:
    unit, _ = page_meta(pages[b.pages[0]][1])
    rows = [row for n in b.pages for t in page_tables(pages[n][0]) for row in t]
    where = f"{path.name}: page {b.pages[0] + 1}"
    title = re.sub(r"\s+", " ", b.title).strip()
    return printed_table(name, title, rows, unit, where, where, kind)
