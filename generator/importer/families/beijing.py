"""北京 (市审计局): tables inside a ruled frame with a blank left margin and the title and unit as rows of the
frame; the 一般公共预算支出表 with 基本支出 and its parts and a 项目支出 net of 基建; the 基本支出 table by 政府 then
部门 economic classification, each printed as code-name; the 支出总表 as one line per function, 政府 and 部门
economic code (功能-政府经济-部门经济), from which the 支出总表 by function class is computed. The 收入总表 is one line of totals, 本年收入 and 上年结转结余 each with its parts."""

from __future__ import annotations

import re
from decimal import Decimal

from ... import catalogue as cat
from ...model import Row, Table
from ..columns import INCOME_BY_PART
from ..common import is_total, join_wrapped
from . import Family

_THREE_CODES = ("支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目")
_COLUMNS = {  # printed column title (last part) -> canonical field
    "合计": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "事业单位经营支出": "business_operating",
    "上缴上级支出": "remit_upper",
    "对附属单位补助支出": "subsidy_affiliates",
}
_CODE_NAME = re.compile(r"^(\d{7})\s*[-－]\s*(.+)$")
_CLASS_NAMES = {code: name for name, code in cat.FUNCTION_CLASSES.items()}
NOTE = (
    "原表逐行列示“支出功能分类科目-政府支出经济分类科目-部门支出经济分类科目”；本表的类、款、项各行由原表同一功能科目"
    "各行逐项相加得出（原表明细见“{title}”），合计行照原表。款级科目名称原表未印。"
)


def expenditure_by_function(printed: Table) -> Table | None:
    """支出总表 by function (类, 款, 项) computed from the lines of the printed one; its 合计 as printed."""
    titles = list(printed.titles.values())
    if tuple(join_wrapped(t) for t in titles[:3]) != _THREE_CODES:
        return None
    columns = {
        name: _COLUMNS[t.split(" / ")[-1]] for name, t in printed.titles.items() if t.split(" / ")[-1] in _COLUMNS
    }
    first = next(iter(printed.titles))
    sums: dict[str, dict[str, Decimal | None]] = {}
    names: dict[str, str] = {}
    lines: dict[str, list[int]] = {}
    total: tuple[Row, str] | None = None
    for k, (row, source) in enumerate(zip(printed.rows, printed.sources, strict=True), start=1):
        label = str(row.get(first) or "")
        if is_total(label):
            total = ({"code": cat.TOTAL_CODE, "name": None, "level": cat.TOTAL_CODE}, source)
            for name, field in columns.items():
                total[0][field] = row.get(name)
            continue
        m = _CODE_NAME.match(label)
        if not m:
            return None  # a line this reading does not understand: the table stays as printed only
        item = m.group(1)
        names[item] = m.group(2)
        for code in (item[:3], item[:5], item):
            acc = sums.setdefault(code, {})
            lines.setdefault(code, []).append(k)
            for name, field in columns.items():
                value = row.get(name)
                if value is not None:
                    acc[field] = (acc.get(field) or Decimal(0)) + Decimal(str(value))
                else:
                    acc.setdefault(field, None)
    if total is None or not sums:
        return None
    fields = list(columns.values())
    table = Table(
        name="expenditure_summary",
        printed_title=printed.printed_title,
        titles={"code": "科目编码", "name": "科目名称", "level": "层级", **{f: _title(f) for f in fields}},
        header_paths={},
        amount_unit=printed.amount_unit,
        amount_unit_printed=printed.amount_unit_printed,
        located=printed.located,
        note=NOTE.format(title=printed.printed_title),
    )
    table.rows.append(total[0])
    table.sources.append(f"{total[1]}（照原表合计行）")
    for code in sorted(sums):
        level = {3: "类", 5: "款", 7: "项"}[len(code)]
        label_of: str | None = names.get(code) or (_CLASS_NAMES.get(code) if level == "类" else None)
        out: Row = {"code": code, "name": label_of, "level": level}
        out.update({f: None if v is None else str(v) for f, v in sums[code].items()})
        table.rows.append(out)
        table.sources.append(f"由原表“{printed.printed_title}”第{'、'.join(map(str, lines[code]))}行相加")
    table.derived = {f: "由原表同一功能科目各行相加得出（合计行照原表）。" for f in fields}
    return table


def _title(field: str) -> str:
    return next(t for t, f in _COLUMNS.items() if f == field)


FAMILY = Family(
    name="北京",
    fixture="corpus/beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf",
    layouts={
        "income_summary": (("total", *INCOME_BY_PART),),
        "general_public_expenditure": (
            ("code", "name", "total", "basic", "personnel", "public_operation", "project", "project_net"),
        ),
        "general_public_basic_economic": (
            ("gov_economic_name", "dept_economic_name", "total", "personnel", "public_operation"),
        ),
    },
    derivations={"expenditure_summary": expenditure_by_function},
)
