"""What every reader of a disclosure shares: cells, amounts, codes, header titles and rows of the standard tables."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .. import catalogue as cat
from ..errors import ImportFailed
from ..model import Row

CN_NUM = "一二三四五六七八九十"
SECTION = re.compile(rf"^([{CN_NUM}]+)、\s*(.+)$")
AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
ECON_CODE = re.compile(r"^\d{3}\d{0,2}$")
CODE_GLUED = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\D.*)$")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_WRAP_SPACE = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
EMPTY_NOTES = ("本表无数据", "本表为空表", "故本表为空", "无数据")


def join_wrapped(cell: str) -> str:
    """Undo line wrapping inside a printed cell: a space between two Chinese characters is a wrap."""
    return _WRAP_SPACE.sub("", cell.strip())


def parse_amount(cell: str, where: str, column: str) -> str | None:
    """The amount as printed, without thousands separators; None for a blank cell."""
    text = cell.strip()
    if text == "":
        return None
    if not AMOUNT.match(text):
        raise ImportFailed(f"expected an amount, got {text!r}", where, field=column)
    plain = text.replace(",", "")
    try:
        Decimal(plain)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guarantees a number
        raise ImportFailed(f"expected an amount, got {text!r}", where, field=column) from exc
    return plain


def is_data_start(kind: cat.TableKind, cells: list[str]) -> bool:
    first = cells[0] if cells else ""
    if kind.layout in (cat.CLASSIFICATION, cat.STATE_CAPITAL):
        return first == "合计" or bool(CODE.match(first)) or bool(CODE_GLUED.match(first))
    if kind.layout == cat.TWO_SIDED:
        # an item on either side (a continuation page may start with an expense item and a blank income side)
        return (
            bool(SECTION.match(first)) or first.startswith("本年收入合计") or any(SECTION.match(c) for c in cells[1:])
        )
    if kind.layout == cat.ECONOMIC:
        return first == "合计" or bool(ECON_CODE.match(first))
    # LABELLED: a first cell that is not a header label
    label_titles = {kind.fields[0].title, "项目", "单位名称", "项目名称"}
    return first != "" and first not in label_titles and not is_numbering(cells)


def is_numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return (
        bool(filled)
        and all(c.isdigit() for c in filled)
        and [int(c) for c in filled] == list(range(1, len(filled) + 1))
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
    extra = [c for c in cells[len(printed) :] if c]
    if extra:
        raise ImportFailed(
            f"row has {len(printed) + len(extra)} or more cells, the table has {len(printed)} columns: {extra}", where
        )
    cells = (cells + [""] * len(printed))[: len(printed)]
    row: Row = {}
    for f, c in zip(printed, cells, strict=False):
        if f.role == cat.AMOUNT:
            row[f.name] = parse_amount(c, where, f.name)
        elif f.role == cat.CODE:
            pattern = ECON_CODE if f.name == "economic_code" else CODE
            if c and c != "合计" and not pattern.match(c):
                raise ImportFailed(
                    f"expected a classification code (3, 5 or 7 digits) or 合计, got {c!r}", where, field=f.name
                )
            row[f.name] = c or None
        else:
            row[f.name] = join_wrapped(c) or None
    if kind.layout == cat.CLASSIFICATION:
        row["level"] = level_of(row["code"])
    elif kind.layout == cat.ECONOMIC:
        name = row["dept_economic_name"]
        if name == "合计" or row.get("economic_code") == "合计":
            row["level"] = "合计"
        elif "economic_code" in row:
            row["level"] = "类" if len(row["economic_code"] or "") == 3 else "款"
        else:
            row["level"] = "类" if not row.get("gov_economic_name") else "款"
    names = {f.name for f in printed} | {f.name for f in kind.fields if f.role == cat.LEVEL}
    return {f.name: row.get(f.name) for f in kind.fields if f.name in names}
