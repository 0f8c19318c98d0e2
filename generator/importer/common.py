"""What every reader of a disclosure shares: cells, amounts, codes, header titles and rows of the standard tables."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .. import catalogue as cat
from ..errors import ImportFailed
from ..model import Row, Table
from .columns import DERIVED_CODE_NOTE, DERIVED_NOTE, DERIVED_SUMS, DERIVED_TOTAL_NOTE, header_words

CN_NUM = "一二三四五六七八九十"
SECTION = re.compile(rf"^([{CN_NUM}]+)、\s*(.+)$")
# thousands separators every three digits (1,680,000), one before the last three only (120258,600: 上海 in 元), or
# none; a gap before the decimals (25180591 .33: 西安) is part of the figure
AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d{4,},\d{3}|\d+)( +(?=\.))?(\.\d+)?$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
ECON_CODE = re.compile(r"^(?:\d{3}\d{0,2}|\d{7})$")  # 7 digits: a 款 subdivided (西安: 3010201 津贴补贴)
CODE_GLUED = re.compile(r"^[\[【]?(\d{3}(?:\d{2}){0,2})[\]】]?\s*(\D.*)$")  # 2010501 行政运行, [2010501]行政运行
TOTAL_NAMES = ("合计", "总计")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_WRAP_SPACE = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
_PAGE_UNIT = re.compile(rf"单位\s*[：:]\s*({cat.UNIT_PATTERN})")
_PAGE_DEPT = re.compile(r"编制(?:部门|单位)\s*[：:]\s*(\S+)")
# what of a label's text the text layer puts before or among a figure's digits ('0部.0门0预算的项目', '缴费支出43608.96');
# never a word after the figure (12元 stays an error)
_RUN_ON_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff08\uff09\uff0c\uff1a]"
_RUN_ON = re.compile(rf"{_RUN_ON_CJK}|[()\s]")
EMPTY_NOTES = ("本表无数据", "本表为空表", "故本表为空", "无数据")


def join_wrapped(cell: str) -> str:
    """Undo line wrapping inside a printed cell: a space between two Chinese characters is a wrap."""
    return _WRAP_SPACE.sub("", cell.strip())


def page_meta(lines: list[str]) -> tuple[str | None, str | None]:
    """The amount unit and the 编制部门 a table page prints above its table (after a running title, a page
    number and a table number on a line of its own)."""
    text = " ".join(lines[:8])
    unit = _PAGE_UNIT.search(text)
    dept = _PAGE_DEPT.search(text)
    return (unit.group(1) if unit else None), (dept.group(1) if dept else None)


class MalformedAmount(ImportFailed):
    """A cell of digits and separators that is no figure in any format printed: never guessed at, never dropped."""


_DIGITS_ONLY = re.compile(r"^-?[\d,.，． ]*\d[\d,.，． ]*$")


def parse_amount(cell: str, where: str, column: str) -> str | None:
    """The amount as printed, without thousands separators or the gap before its decimals; None for a blank cell.
    A cell of digits and separators in no printed format (1,68,000, 12 34) is refused as MalformedAmount."""
    text = cell.strip()
    if text == "":
        return None
    if not AMOUNT.match(text) and re.search(rf"{_RUN_ON_CJK}.*\d", text) and AMOUNT.match(_RUN_ON.sub("", text)):
        text = _RUN_ON.sub("", text)  # a label too long for its cell runs on under the figure: clipped on the page
    if not AMOUNT.match(text) and _DIGITS_ONLY.match(text):
        raise MalformedAmount(
            f"expected an amount, got {text!r}, which is no figure in a format printed "
            "(1,680,000, 120258,600 or 25180591 .33): read the cell on the page",
            where,
            field=column,
        )
    if not AMOUNT.match(text):
        raise ImportFailed(f"expected an amount, got {text!r}", where, field=column)
    plain = re.sub(r"[, ]", "", text)
    try:
        Decimal(plain)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guarantees a number
        raise ImportFailed(f"expected an amount, got {text!r}", where, field=column) from exc
    return plain


def is_total(cell: str | None) -> bool:
    """合计 or 总计, however spaced (合 计)."""
    return re.sub(r"[\s：:]+", "", cell or "") in TOTAL_NAMES


def is_data_start(kind: cat.TableKind, cells: list[str]) -> bool:
    first = cells[0] if cells else ""
    if is_total(first) and kind.layout in (cat.CLASSIFICATION, cat.STATE_CAPITAL, cat.ECONOMIC):
        # the 合计 row, unless the line is a header that starts with a 合计 column (合计 | 上年结转 | …)
        return not any(re.search(r"[\u4e00-\u9fff]", c) and not is_total(c) for c in cells[1:])
    if kind.layout in (cat.CLASSIFICATION, cat.STATE_CAPITAL):
        return (
            first == "合计"
            or bool(CODE.match(first))
            or bool(CODE_GLUED.match(first))
            or _total_in_name(cells)
            or _named_row(cells)
        )
    if kind.layout == cat.TWO_SIDED:
        # an item on either side (a continuation page may start with an expense item and a blank income side)
        return not is_numbering(cells) and (
            bool(SECTION.match(first))
            or first.startswith("本年收入合计")
            or any(SECTION.match(c) for c in cells[1:])
            or (re.sub(r"\s+", "", first) not in _HEADER_WORDS + ("收入", "支出") and _named_row(cells))
            or _expense_item(cells)
        )
    if kind.layout == cat.ECONOMIC:
        return first == "合计" or bool(ECON_CODE.match(first)) or bool(CODE_GLUED.match(first)) or _named_row(cells)
    if kind.fields[0].role == cat.CODE:  # LABELLED with codes first (基本支出决算表): a code or a named total
        # a continuation page may start on the right half, the left one blank
        return any(ECON_CODE.match(c) or re.sub(r"\s+", "", c).endswith("合计") for c in cells)
    # LABELLED: a first cell that is not a header label
    label_titles = {*header_words(kind, kind.fields[0]), "项目", "单位名称", "项目名称"}
    if _total_in_name(cells):
        return True  # 合计 under the second label column (单位名称 | 项目名称)
    return first != "" and first not in label_titles and not is_numbering(cells)


def _expense_item(cells: list[str]) -> bool:
    """An expense item with its amount beside a blank income side (a continuation page of a 收支总表 whose 款 and
    项 are not numbered): a data row, not a header repeated."""
    half = len(cells) // 2
    left, right = cells[:half], cells[half:]
    return (
        bool(right)
        and not any(left)
        and right[0] != ""
        and re.sub(r"\s+", "", right[0]) not in _HEADER_WORDS
        and not AMOUNT.match(right[0])
        and any(AMOUNT.match(c) for c in right[1:])
    )


def _total_in_name(cells: list[str]) -> bool:
    """合计 printed in the name column, the code cell left blank, with amounts after it."""
    return len(cells) > 2 and cells[0] == "" and is_total(cells[1]) and any(AMOUNT.match(c) for c in cells[2:])


def is_numbering(cells: list[str]) -> bool:
    """A row of column numbers (1 2 3 …), after ** or 栏次 over the label columns."""
    filled = [c for c in cells if c and not re.fullmatch(r"\*+|栏\s*次|行\s*次", c)]
    return (
        bool(filled)
        and all(c.isdigit() for c in filled)
        and [int(c) for c in filled] == list(range(1, len(filled) + 1))
    )


_HEADER_WORDS = ("功能分类科目名称", "科目名称", "功能分类科目", "科目编码", "经济分类科目名称", "项目", "单位名称")


def _named_row(cells: list[str]) -> bool:
    """A row of a table printing names without codes: a name that is not a header word, then amounts."""
    first = re.sub(r"\s+", "", cells[0]) if cells else ""
    return (
        first != ""
        and first not in _HEADER_WORDS
        and not is_numbering(cells)
        and any(AMOUNT.match(c) for c in cells[1:])
    )


def column_titles(
    kind: cat.TableKind, printed: tuple[cat.Field, ...], header: list[list[str]]
) -> tuple[dict[str, str], dict[str, str]]:
    width = len(printed)
    filled_rows = []
    for row in header:
        cells = (row + [""] * width)[:width]
        filled_rows.append(cells)
    titles: dict[str, str] = {}
    paths: dict[str, str] = {}
    # group headers span to the right until the next printed cell
    spans = []
    for cells in filled_rows[:-1]:
        spanned, last = [], ""
        for c in cells:
            last = c or last
            spanned.append(last)
        spans.append(spanned)
    for j, f in enumerate(printed):
        bottom = next((r[j] for r in reversed(filled_rows) if r[j]), "")
        titles[f.name] = bottom or f.title
        path = []
        for spanned in spans:
            if spanned[j] and spanned[j] not in path and spanned[j] != bottom:
                path.append(spanned[j])
        path.append(titles[f.name])
        paths[f.name] = " / ".join(path)
    for f in kind.fields:
        if f.role == cat.LEVEL:
            titles.setdefault(f.name, f.title)
    return titles, paths


def level_of(code: str | None) -> str | None:
    if code is None:
        return None
    if code == "合计":
        return "合计"
    return {3: "类", 5: "款", 7: "项"}.get(len(code))


def make_row(kind: cat.TableKind, printed: tuple[cat.Field, ...], cells: list[str], where: str) -> Row:
    """A printed row as values of the printed fields, plus the derived level."""
    cells = list(cells)
    if (
        kind.layout == cat.CLASSIFICATION
        and cells
        and (m := CODE_GLUED.match(cells[0]))
        and (len(cells) < 2 or not cells[1])
    ):
        cells[0:2] = [m.group(1), m.group(2)]
    if kind.layout == cat.CLASSIFICATION and _total_in_name(cells):
        cells[0] = "合计"
    extra = [c for c in cells[len(printed) :] if c]
    if extra:
        raise ImportFailed(
            f"row has {len(printed) + len(extra)} or more cells, the table has {len(printed)} columns: {extra}", where
        )
    cells = (cells + [""] * len(printed))[: len(printed)]
    for j, f in enumerate(printed[:-1]):
        c = re.sub(r"\s+", "", cells[j])
        if f.role == cat.CODE and c.endswith("合计") and not is_total(c) and printed[j + 1].role == cat.LABEL:
            if not cells[j + 1]:  # 人员经费合计 printed across the code and name cells: a total named, no code
                cells[j], cells[j + 1] = "", c
    row: Row = {}
    for f, c in zip(printed, cells, strict=False):
        if f.role == cat.AMOUNT:
            row[f.name] = parse_amount(c, where, f.name)
        elif f.role == cat.CODE:
            pattern = ECON_CODE if f.name.endswith("economic_code") else CODE
            c = "合计" if is_total(c) else c
            if c and c != "合计" and not pattern.match(c):
                raise ImportFailed(
                    f"expected a classification code (3, 5 or 7 digits) or 合计, got {c!r}", where, field=f.name
                )
            row[f.name] = c or None
        else:
            row[f.name] = join_wrapped(c) or None
    if kind.layout == cat.CLASSIFICATION:
        row["level"] = level_of(row.get("code"))
    elif kind.layout == cat.ECONOMIC:
        name = row["dept_economic_name"]
        if name == "合计" or row.get("economic_code") == "合计":
            row["level"] = "合计"
        elif "economic_code" in row:
            row["level"] = "类" if len(row["economic_code"] or "") == 3 else "款"
        elif "gov_economic_name" not in row:  # names only: the classes are known by name
            row["level"] = "类" if name in cat.ECONOMIC_CLASSES else "款"
        else:
            row["level"] = "类" if not row.get("gov_economic_name") else "款"
    names = {f.name for f in printed} | {f.name for f in kind.fields if f.role == cat.LEVEL}
    return {f.name: row.get(f.name) for f in kind.fields if f.name in names}


def derive(kind: cat.TableKind, table: Table) -> None:
    """The columns the document implies without printing them (DERIVED_SUMS), computed exactly row by row,
    and, for a classification printed by name only, the codes of its classes; each noted in `table.derived`."""
    for name, column, parts in DERIVED_SUMS:
        if name != kind.name or column in table.titles or not all(p in table.titles for p in parts):
            continue
        for row in table.rows:
            present = [Decimal(str(row[p])) for p in parts if row.get(p) is not None]
            row[column] = str(sum(present[1:], present[0])) if present else None
        table.titles[column] = kind_field(kind, column).title
        table.derived[column] = DERIVED_NOTE.format(parts="”“".join(table.titles[p] for p in parts))
    if kind.layout == cat.CLASSIFICATION and "code" not in table.titles and "name" in table.titles:
        for row in table.rows:
            name = str(row.get("name") or "")
            row["code"] = "合计" if is_total(name) else cat.FUNCTION_CLASSES.get(name)
            row["level"] = level_of(row["code"])
        table.titles["code"] = kind_field(kind, "code").title
        table.derived["code"] = DERIVED_CODE_NOTE
    elif kind.layout == cat.CLASSIFICATION and "code" not in table.titles and table.rows:
        # by unit (单位名称 first) or a single line of totals: the total row is the one the checks need
        only = len(table.rows) == 1 and "unit_name" not in table.titles
        for row in table.rows:
            row["code"] = "合计" if only or is_total(row.get("unit_name")) or is_total(row.get("unit_code")) else None
            row["level"] = level_of(row["code"])
        table.titles["code"] = kind_field(kind, "code").title
        table.derived["code"] = DERIVED_TOTAL_NOTE
    if table.derived:
        order = [f.name for f in kind.fields]
        table.rows[:] = [{k: r.get(k) for k in order if k in r or k in table.derived} for r in table.rows]


def kind_field(kind: cat.TableKind, name: str) -> cat.Field:
    return next(f for f in kind.fields if f.name == name)
