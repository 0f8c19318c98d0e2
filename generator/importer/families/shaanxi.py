"""陕西 (西安 综合预算): the 收支总表 and the 财政拨款收支总表 print their expense side four blocks wide (收入 |
支出功能分类 | 部门预算支出经济分类 | 政府预算支出经济分类), the expense blocks by class only; 项目支出 is called
专项业务经费支出 and 基本支出 is printed as 人员经费支出 and 公用经费支出 (the package derives it); tables by economic
classification print the 部门 and the 政府 code and name side by side, with a 备注 column. The 收入总表 is by unit (单位编码, 单位名称).
Earlier years (2020–2022) print the same tables, some with a 序号 before every line (a 收支总表 may run on over pages
that print neither title nor header, its labels wrapped in narrow cells), and a 收入总表 with 用事业基金弥补收支差额
where later years print 使用非财政拨款结余."""

from __future__ import annotations

from . import TWO_ECONOMIC_CODES, Family

_FOUR_BLOCKS = (
    "income_item",
    "income_amount",
    "expense_item",
    "expense_total",
    "dept_economic_item",
    "dept_economic_amount",
    "gov_economic_item",
    "gov_economic_amount",
)

_INCOME_BY_UNIT = (
    "unit_code",
    "unit_name",
    "total",
    "general_public",
    "general_public_special",
    "gov_fund",
    "upper_subsidy",
    "business_income",
    "operating_income",
    "nonfiscal_balance",
    "affiliate_remit",
    "carryover",
    "account_balance",
    "other_income",
)
_INCOME_BY_UNIT_EARLIER = (  # 2020–2022: 用事业基金弥补收支差额 after 对附属单位上缴收入
    *_INCOME_BY_UNIT[:9],
    "affiliate_remit",
    "business_fund_offset",
    "carryover",
    "account_balance",
    "other_income",
)
_BY_FUNCTION = ("code", "name", "total", "personnel", "public_operation", "project", "remark")
_BY_ECONOMIC = (*TWO_ECONOMIC_CODES, "total", "personnel", "public_operation", "remark")


def _numbered(*layouts: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each layout as printed, and with a 序号 before it."""
    return tuple(x for layout in layouts for x in (layout, ("seq", *layout)))


FAMILY = Family(
    name="陕西",
    fixture="corpus/shaanxi-xian-caizhengju-huizong-2026-bumen-yusuan.pdf",
    also=(
        "corpus/shaanxi-xian-jiaotongju-2022-bumen-zonghe-yusuan.pdf",
        "corpus/shaanxi-xian-gongxinju-2022-bumen-zonghe-yusuan.pdf",  # 表1 over three pages, labels wrapped
    ),
    layouts={
        "income_summary": _numbered(_INCOME_BY_UNIT, _INCOME_BY_UNIT_EARLIER),
        "budget_summary": _numbered(_FOUR_BLOCKS),
        "fiscal_summary": _numbered(_FOUR_BLOCKS),
        "general_public_expenditure": _numbered(_BY_FUNCTION),
        "general_public_basic_economic": _numbered(_BY_ECONOMIC),
    },
)
