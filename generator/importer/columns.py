"""How the national template prints each table's columns: its layouts (the columns printed, left to right, as the
catalogue's field names; the first is the national default), the other words a header names a field by besides its
title, the columns a layout has only where the header prints them, and the columns a document implies without
printing them. Also the fields of the national 项目支出绩效目标申报表 and the words of its indicators. The layouts of
other templates are the families' (`families/`)."""

from __future__ import annotations

from .. import catalogue as cat
from .titles import normalise_title

# A 收入总表 whose 本年收入 and 上年结转结余 are each printed with a 小计 and their parts
INCOME_BY_PART = (
    "current_total",
    "general_public",
    "gov_fund",
    "state_capital",
    "special_account",
    "business_income",
    "operating_income",
    "upper_subsidy",
    "affiliate_remit",
    "other_income",
    "carryover",
    *cat.INCOME_CARRYOVER_PARTS,
)

# The columns each kind of table is printed with, as field names, by kind; the first is the national default. A kind
# not listed prints every field of its schema but the derived level, in the schema's order.
LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "budget_summary": (
        ("income_item", "income_amount", "expense_item", "expense_total", "expense_current", "expense_carryover"),
        ("income_item", "income_amount", "expense_item", "expense_total"),
    ),
    "income_summary": (
        (
            "code",
            "name",
            "total",
            "general_public",
            "gov_fund",
            "state_capital",
            "special_account",
            "unit_funds",
            "carryover",
        ),
        ("unit_code", "unit_name", "total", *INCOME_BY_PART),  # by unit (苏州, 无锡, 长春)
    ),
    "expenditure_summary": (
        ("code", "name", "total", "basic", "project"),
        # by unit (西安 2019: 单位编码 | 单位名称, the department's 合计 line first, then each budget unit's)
        ("unit_code", "unit_name", "total", "basic", "project"),
        ("unit_code", "unit_name", "total", "personnel", "public_operation", "project"),
        ("seq", "unit_code", "unit_name", "total", "basic", "project"),  # a 序号 only where the header prints it
        ("seq", "unit_code", "unit_name", "total", "personnel", "public_operation", "project"),
        ("code", "name", "total", "basic", "project", "business_operating", "remit_upper", "subsidy_affiliates"),
        ("code", "name", "total", "basic", "project", "business_operating", "subsidy_affiliates", "remit_upper"),
    ),
    "fiscal_summary": (
        (
            "income_item",
            "income_amount",
            "expense_item",
            "expense_total",
            "expense_general_public",
            "expense_gov_fund",
            "expense_state_capital",
        ),
        ("income_item", "income_amount", "expense_item", "expense_total"),
    ),
    "general_public_expenditure": (
        ("code", "name", "total", "basic", "project"),
        ("code", "name", "total", "basic", "personnel", "public_operation", "project"),
    ),
    "general_public_basic_economic": (
        ("dept_economic_name", "gov_economic_name", "total", "personnel", "public_operation"),
        ("economic_code", "dept_economic_name", "total", "personnel", "public_operation"),
    ),
    "state_capital": (
        (
            "income_code",
            "income_name",
            "income_amount",
            "expense_code",
            "expense_name",
            "expense_total",
            "expense_basic",
            "expense_project",
        ),
        ("expense_code", "expense_name", "expense_total", "expense_basic", "expense_project"),
    ),
    "three_public": (("item", "total", "general_public", "gov_fund", "state_capital"), ("item", "total")),
    "operating_costs": (("unit_name", "total", "general_public", "gov_fund", "state_capital"), ("unit_name", "total")),
    "projects_current": (
        ("project_name", "total", "general_public", "gov_fund", "state_capital", "special_account", "unit_funds"),
    ),
    "final_summary": (("income_item", "income_amount", "expense_item", "expense_amount"),),
    "final_income": (
        (
            "code",
            "name",
            "total",
            "fiscal_appropriation",
            "upper_subsidy",
            "business_income",
            "operating_income",
            "affiliate_remit",
            "other_income",
        ),
    ),
    "final_expenditure": (
        ("code", "name", "total", "basic", "project", "remit_upper", "business_operating", "subsidy_affiliates"),
    ),
    "final_fiscal_summary": (
        (
            "income_item",
            "income_amount",
            "expense_item",
            "expense_total",
            "expense_general_public",
            "expense_gov_fund",
            "expense_state_capital",
        ),
        (
            "income_item",
            "income_amount",
            "expense_item",
            "expense_total",
            "expense_general_public",
            "expense_gov_fund",
        ),
    ),
    "final_general_public_expenditure": (("code", "name", "total", "basic", "project"),),
    "final_general_public_basic_economic": (
        (
            "personnel_economic_code",
            "personnel_name",
            "personnel_amount",
            "public_economic_code",
            "public_name",
            "public_amount",
        ),
    ),
    **{
        f"final_{f}": (
            (
                "code",
                "name",
                "carryover_start",
                "income",
                "expense_total",
                "expense_basic",
                "expense_project",
                "carryover_end",
            ),
        )
        for f in ("gov_fund", "state_capital")
    },
}


def layouts_of(kind: cat.TableKind) -> list[tuple[cat.Field, ...]]:
    """The national layouts of a kind of table, as its fields."""
    by_name = {f.name: f for f in kind.fields}
    if kind.name not in LAYOUTS:
        return [tuple(f for f in kind.fields if f.role != cat.LEVEL)]
    return [tuple(by_name[n] for n in layout) for layout in LAYOUTS[kind.name]]


def printed_fields(kind: cat.TableKind) -> tuple[cat.Field, ...]:
    """Printed columns of the default layout (the derived level is not printed)."""
    return layouts_of(kind)[0]


# The other words a header names a field by, besides the field's title, by kind and field
Words = dict[str, tuple[str, ...]]  # field -> the other words that name it
_CODE_NAME: Words = {"code": ("功能分类科目编码",), "name": ("功能分类科目名称",)}
_BY_UNIT: Words = {"unit_code": ("部门（单位）代码",), "unit_name": ("部门（单位）名称",)}


def _split(*names: str) -> Words:
    """The 当年预算 and 上年结转 parts of amount columns (吉林): `current_<name>` and `carryover_<name>`."""
    parts: Words = {f"current_{n}": ("编制预算",) for n in names}
    return parts | {f"carryover_{n}": ("上年结转结余",) for n in names}


HEADER_WORDS: dict[str, Words] = {
    "budget_summary": {
        "income_amount": ("预算数",),
        "expense_total": ("预算数",),
        "expense_current": ("编制预算",),
        "expense_carryover": ("上年结转",),
    },
    "income_summary": {
        **_CODE_NAME,
        "total": ("总计",),
        "general_public": ("一般公共预算拨款收入",),
        "gov_fund": ("政府性基金预算", "政府性基金拨款", "政府性基金预算拨款收入"),
        "state_capital": ("国有资本经营预算拨款收入",),
        "special_account": ("财政专户管理资金收入",),
        "carryover": ("上年结转结余",),
        **_BY_UNIT,
        "current_total": ("小计",),
        "carryover_special_account": ("专户资金结转结余",),
        "carryover_unit_funds": ("单位资金结转结余",),
    },
    "expenditure_summary": {
        **_CODE_NAME,
        "total": ("小计", "总计"),
        "basic": ("人员经费和公用经费支出",),
        "project": ("专项业务经费支出",),
        "personnel": ("人员经费",),
        "public_operation": ("公用经费",),
        **_BY_UNIT,
        **_split("total", "basic", "project", "business_operating"),
    },
    "general_public_expenditure": {
        **_CODE_NAME,
        "project": ("专项业务经费支出",),
        "personnel": ("人员支出", "人员经费支出"),
        "public_operation": ("公用经费", "公用经费支出"),
        **_split("total", "basic", "personnel", "public_operation", "project"),
    },
    "general_public_basic_economic": {
        "economic_code": ("部门预算经济分类科目编码", "部门经济科目编码"),
        "dept_economic_name": ("经济分类科目名称", "部门支出经济分类科目", "部门经济科目名称"),
        "gov_economic_code": ("政府经济科目编码",),
        "gov_economic_name": ("政府支出经济分类科目", "政府经济科目名称"),
        "personnel": ("人员经费支出",),
        "public_operation": ("公用经费支出",),
        **_split("total", "personnel", "public_operation"),
    },
    "gov_fund_income": _CODE_NAME,
    "gov_fund_expenditure": _CODE_NAME,
    "state_capital": {"expense_code": ("功能分类科目编码",), "expense_name": ("功能分类科目名称",)},
    "projects_current": {"total": ("总计",), "gov_fund": ("政府性基金",)},
    "final_summary": {"income_amount": ("金额",), "expense_amount": ("金额",)},
    "final_income": {**_CODE_NAME, "total": ("合计",), "operating_income": ("事业单位经营收入",)},
    "final_expenditure": {**_CODE_NAME, "total": ("合计",), "business_operating": ("事业单位经营支出",)},
    "final_fiscal_summary": {
        "income_amount": ("金额",),
        "expense_total": ("小计",),
        **{f"expense_{f}": (cat.FUND_LABELS[f], f"{cat.FUND_LABELS[f]}财政拨款支出") for f in cat.FISCAL_SOURCES},
    },
    "final_general_public_expenditure": {**_CODE_NAME, "total": ("本年支出合计", "小计")},
    "final_general_public_basic_economic": {
        "personnel_economic_code": ("经济分类科目编码",),
        "personnel_amount": ("金额",),
        "public_economic_code": ("经济分类科目编码",),
        "public_amount": ("金额",),
    },
    **{f"final_{f}": {**_CODE_NAME, "expense_total": ("本年支出：小计",)} for f in ("gov_fund", "state_capital")},
}
# The columns a layout has only where the table's header prints them: 序号 (西安), 行次 (广东 决算)
ONLY_WHERE_NAMED = ("seq", "income_line", "expense_line")


def header_words(kind: cat.TableKind, f: cat.Field) -> tuple[str, ...]:
    """What a header may print over the field's column: its title, then the other words that name it."""
    return (f.title, *HEADER_WORDS.get(kind.name, {}).get(f.name, ()))


def named_by(kind: cat.TableKind, f: cat.Field, header: str) -> bool:
    """The header cell names this field of the kind."""
    key = normalise_title(header).replace("：", ":")
    return any(key == normalise_title(t).replace("：", ":") for t in header_words(kind, f))


# Columns a document implies without printing them: (table, column, the printed columns it is the sum of). Derived
# only where the column is not printed and every part is; the schema says so.
DERIVED_SUMS = (
    ("budget_summary", "expense_basic", ("expense_personnel", "expense_public_operation")),
    ("expenditure_summary", "basic", ("personnel", "public_operation")),
    ("general_public_expenditure", "basic", ("personnel", "public_operation")),
    *(
        (table, column, (f"current_{column}", f"carryover_{column}"))
        for table, columns in (
            ("expenditure_summary", ("basic", "project", "business_operating")),
            ("general_public_expenditure", ("basic", "project", "personnel", "public_operation")),
            ("general_public_basic_economic", ("personnel", "public_operation")),
        )
        for column in columns
    ),
)
DERIVED_NOTE = "原表未单列此栏，按原表“{parts}”逐行相加得出。"
DERIVED_TOTAL_NOTE = "原表不印科目编码；合计行记作“合计”，其余各行按单位列示，无科目编码。"
DERIVED_CODE_NOTE = "原表只印科目名称；类级科目的编码按全国统一的类名得出，款、项不印编码。"


# ---------------------------------------------------------------------------------------------
# The national 项目支出绩效目标申报表 (实施期 and 年度 side by side); other templates print other subsets.
NATIONAL_FORM_FIELDS = (
    "form",
    "project_name",
    "department",
    "implementer",
    "attribute",
    "period",
    *(f"{p}_{s}" for p, _ in cat.FORM_MONEY for s, _ in cat.FORM_FUND_SOURCES),
    "overview",
    "basis",
    "necessity",
    "safeguards",
    "plan",
    "goal_plan",
    "goal_year",
)
NATIONAL_INDICATOR_FIELDS = (
    "form",
    "seq",
    "level1",
    "plan_level2",
    "plan_level3",
    "plan_value",
    "year_level2",
    "year_level3",
    "year_value",
)

# Indicator vocabulary of the national performance-target form (绩效目标申报表).
INDICATOR_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
INDICATOR_LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度",
    "服务对象满意度指标",
)
