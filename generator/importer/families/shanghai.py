"""上海: the 收入总表 by 财政拨款收入 | 事业收入 | 事业单位经营收入 | 其他收入 (普陀区万里街道); the 收支总表 of a 市级
预算单位 whose expense side prints 合计 | 人员经费 | 公用经费 (under a merged 基本支出) | 项目支出, with no 基本支出
column of its own: the package derives it from its two parts (columns.DERIVED_SUMS); the “三公” costs and
机关运行经费 printed as one table of one row (“三公”经费和机关运行经费预算表), and one 财政项目支出绩效目标填报表 a
page, each read by a reader of this family's own."""

from __future__ import annotations

from ... import catalogue as cat
from ...errors import ImportFailed
from ...model import Row, Table
from ..columns import layouts_of
from ..common import AMOUNT, make_row, page_meta, parse_amount
from . import Family, Page, Reader


def _combined(source: str, titles: list[str], pages: list[Page]) -> list[Table]:
    """The one-row table of “三公” costs and 机关运行经费, read into the two standard tables."""
    page = pages[0]
    unit, dept = page_meta(page.lines)
    where = f"{source}: page {page.number + 1}"
    tables = page.tables
    if not tables or len(tables[0]) < 4:
        raise ImportFailed("the “三公” and 机关运行经费 table has no data row", where)
    t = tables[0]
    top, labels, sub, values = t[0], t[1], t[2], t[-1]
    if len(values) != 7 or not all(AMOUNT.match(v) or v == "" for v in values):
        raise ImportFailed(f"unexpected cells in the “三公” and 机关运行经费 table: {values}", where)
    items = [labels[0], labels[1], labels[2], labels[3], sub[4], sub[5]]
    if not all(items):
        raise ImportFailed(f"unexpected headers in the “三公” and 机关运行经费 table: {t[:3]}", where)
    if not dept:
        raise ImportFailed("the “三公” and 机关运行经费 table does not name its 编制部门", where)
    three = cat.BY_NAME["three_public"]
    layout = layouts_of(three)[1]
    three_table = Table(
        name="three_public",
        printed_title=titles[0],
        titles={"item": "项目", "total": top[0]},
        header_paths={"total": top[0]},
        amount_unit=unit or "万元",
        amount_unit_printed=unit is not None,
        located=where,
    )
    for k, item in enumerate(items):
        three_table.rows.append(make_row(three, layout, [item, values[k]], f"{where}, column {k + 1}"))
        three_table.sources.append(f"page {page.number + 1}, table 1, column {k + 1} (原表横排)")
    ops = cat.BY_NAME["operating_costs"]
    ops_table = Table(
        name="operating_costs",
        printed_title=titles[0],
        titles={"unit_name": "单位名称（编制部门）", "total": top[6]},
        header_paths={"total": top[6]},
        amount_unit=unit or "万元",
        amount_unit_printed=unit is not None,
        located=where,
    )
    ops_table.rows.append(make_row(ops, layouts_of(ops)[1], [dept or "", values[6]], f"{where}, column 7"))
    ops_table.sources.append(f"page {page.number + 1}, table 1, column 7 (单位名称取自“编制部门”)")
    return [three_table, ops_table]


# 财政项目支出绩效目标填报表: one form a page, a ruled table of 8 columns

_FORM_PAIRS = {
    "项目名称": ("project_name", 2),
    "项目性质": ("attribute", 5),
    "项目类别": ("category", 7),
    "主管部门": ("department", 2),
    "实施单位": ("implementer", 5),
    "计划开始日期": ("start_date", 2),
    "计划完成日期": ("end_date", 5),
}
_FORM_MONEY = {
    "项目资金总额": "plan_total",
    "其中：财政资金": "plan_fiscal",
    "年度资金申请总额": "year_total",
    "其中：当年财政拨款": "year_current",
    "上年结转资金": "year_carryover",
}


def _forms(source: str, titles: list[str], pages: list[Page]) -> list[Table]:
    spec_p, spec_i = cat.PERFORMANCE_PROJECTS, cat.PERFORMANCE_INDICATORS
    titles_p: dict[str, str] = {"form": "表序"}
    projects: list[Row] = []
    indicators: list[Row] = []
    p_src: list[str] = []
    i_src: list[str] = []
    for k, page in enumerate(pages, start=1):
        n = page.number
        where = f"{source}: page {n + 1}"
        tables = page.tables
        if not tables:
            raise ImportFailed("a 绩效目标填报表 page without its table", where)
        row: Row = {"form": str(k)}
        in_indicators = False
        for r, cells in enumerate(tables[0], start=1):
            cells = (cells + [""] * 8)[:8]
            if in_indicators:
                if not cells[3] and not cells[6]:
                    continue
                indicators.append(
                    {
                        "form": str(k),
                        "seq": str(len([x for x in indicators if x["form"] == str(k)]) + 1),
                        "level1": cells[1] or None,
                        "level2": cells[2] or None,
                        "level3": cells[3] or None,
                        "value": cells[6] or None,
                    }
                )
                i_src.append(f"page {n + 1}, table 1, row {r}")
                continue
            if cells[0] in ("项目名称", "主管部门", "计划开始日期"):
                for label in (cells[0], cells[4], cells[6]):
                    if label in _FORM_PAIRS:
                        name, col = _FORM_PAIRS[label]
                        row[name] = cells[col] or None
                        titles_p[name] = label
            elif cells[2] in _FORM_MONEY or cells[5] in _FORM_MONEY or cells[2] == "其他资金" or cells[5] == "其他资金":
                for label_col, value_col, side in ((2, 4, "plan"), (5, 7, "year")):
                    label = cells[label_col]
                    money = _FORM_MONEY.get(label) or (f"{side}_other" if label == "其他资金" else None)
                    if money:
                        row[money] = parse_amount(cells[value_col], f"{where}, row {r}", money)
                        titles_p[money] = label
            elif cells[1] == "项目总目标":
                titles_p["goal_plan"], titles_p["goal_year"] = cells[1], cells[5]
                goals = tables[0][r] if r < len(tables[0]) else []
                row["goal_plan"], row["goal_year"] = (goals[1] or None), (goals[5] or None)
            elif cells[1] == "一级指标":
                in_indicators = True
        if not row.get("project_name"):
            raise ImportFailed("a 绩效目标填报表 without 项目名称", where)
        projects.append(row)
        p_src.append(f"page {n + 1}, table 1")
    order = [f.name for f in spec_p.fields if f.name in titles_p]
    p_table = Table(
        name=spec_p.name,
        printed_title=titles[0],
        titles={k: titles_p[k] for k in order},
        header_paths={},
        rows=[{k: r.get(k) for k in order} for r in projects],
        sources=p_src,
        amount_unit="元",
        located=f"{source}: page {pages[0].number + 1}",
    )
    i_titles = {
        "form": "表序",
        "seq": "行序",
        "level1": "一级指标",
        "level2": "二级指标",
        "level3": "三级指标",
        "value": "年度(/项目)指标值",
    }
    i_table = Table(
        name=spec_i.name,
        printed_title=titles[0],
        titles=i_titles,
        header_paths={},
        rows=indicators,
        sources=i_src,
        located=p_table.located,
    )
    return [p_table, i_table]


FAMILY = Family(
    name="上海",
    fixture="corpus/shanghai-shiji-shenjiju-2026-danwei-yusuan.pdf",
    layouts={
        "income_summary": (
            ("code", "name", "total", "fiscal_appropriation", "business_income", "operating_income", "other_income"),
        ),
        "budget_summary": (
            (
                "income_item",
                "income_amount",
                "expense_item",
                "expense_total",
                "expense_personnel",
                "expense_public_operation",
                "expense_project",
            ),
        ),
    },
    readers=(
        Reader("三公和机关运行经费", r"“?三公”?经费和机关运行经费预算表$", _combined),
        Reader("绩效目标填报表", r"^财政项目支出绩效目标填报表$", _forms),
    ),
)
