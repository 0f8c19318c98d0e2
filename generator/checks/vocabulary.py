"""What the checks read in the tables of a package: the row labels and table roles the fiscal identities rely on,
how the labels of a “三公” table are compared, what each amount of an expenditure table stands for (the same figure
printed twice), what the checks between tables say, and the rows a 决算's identities are made of. What a table is,
its rows' totals and the funds are the catalogue's."""

from __future__ import annotations

from .. import catalogue as cat

# The labels of a two-sided table's items the identities rely on (its totals are the catalogue's). What a side's
# 总计 is checked as: the 本年合计 plus every item printed between the two (named in the check)
TOTAL_SPAN_WORDS = {"income": ("收入总计", "本年收入合计"), "expense": ("支出总计", "本年支出合计")}
PART_OF_ABOVE = "其中"  # a line that is part of the item above it (其中：财政拨款资金结转), as are the lines after it
SEQUENCE = "[一二三四五六七八九十]+、"  # 一、 二、 … before an item of a two-sided table
ITEM_NUMBERING = r"[（(]?[一二三四五六七八九十\d]+[、.．)）]"  # 一、 (一) 1. before an item
# “三公”经费: printed labels with brackets removed; the first three add up to the total, the car parts to the car row.
THREE_PUBLIC_TOTAL = "合计"
THREE_PUBLIC_ITEMS = ("因公出国境费", "公务接待费", "公务用车购置及运行费")
# How a “三公” label is reduced before it is compared: numbering and brackets dropped, then these replacements
THREE_PUBLIC_NUMBERING = (
    r"^(?:其中[:：])?\s*(?:[（(]?\d+[)）]|\d+[、.．]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?\s*"
)
THREE_PUBLIC_SAME = (
    ("经费", "费"),  # 因公出国（境）经费, 公务用车购置经费 (山东)
    ("费支出", "费"),
    ("支出", "费"),
    ("费用", "费"),
    ("运行维护费", "运行费"),
    ("公务用车购置费", "购置费"),
    ("公务用车运行费", "运行费"),
)
THREE_PUBLIC_WITHOUT_FEE = r"(购置|运行维护|运行|接待|因公出国[(（]?境[)）]?)$"  # an item printed without its 费
THREE_PUBLIC_CAR = "公务用车购置及运行费"
THREE_PUBLIC_CAR_PARTS = ("购置费", "运行费")
THREE_PUBLIC_CAR_PART_MARKS = ("①", "②")
# The classification tables whose 类 = Σ款 = Σ项
HIERARCHY_TABLES = (
    "income_summary",
    "expenditure_summary",
    "general_public_expenditure",
    "gov_fund_income",
    "gov_fund_expenditure",
)
# The tables whose rows add up to their 合计 row
ROW_TOTAL_TABLES = ("projects_current", "projects_carryover", "operating_costs", "three_public")
# the columns of a two-sided table's expense side that add up to its 合计: the first set the table prints
TWO_SIDED_PARTS = {
    "budget_summary": (("expense_current", "expense_carryover"), ("expense_basic", "expense_project")),
    "fiscal_summary": (tuple(f"expense_{f}" for f in cat.FISCAL_SOURCES),),
}
# The sources of income a 收入总表 prints as columns, by the words that name them in an income item
INCOME_SOURCES = {
    **cat.FUND_WORDS,
    "special_account": f"{cat.FUND_WORDS['special_account']}(?:管理资金|拨款)?",
    "unit_funds": "单位资金",
    "fiscal_appropriation": "(?:本级)?财政拨款",
    "business_income": "事业",
    "operating_income": "事业单位经营(?:服务)?",
    "other_income": "其[他它]",
    "upper_subsidy": "上级补助",
    "affiliate_remit": "附属单位上缴",
}
# The same figure printed in two tables. What an amount column of an expenditure table stands for: (fund, period,
# part): whose money (all of the unit's, 财政拨款 = FISCAL, or one fund), of which period (all, this year's budget, or
# what was carried over) and which part of it (the whole, 基本支出, 项目支出, 人员经费, 公用经费). A row stands for a
# function class by its code or printed class name, or for the table's total (合计, 本年支出合计); the 基本支出 and
# 项目支出 lines of a 收支总表's expense side stand for those parts of its total. Two cells of one meaning in a
# package must agree.
FISCAL = "fiscal"
_PARTS = ("total", "basic", "project", "personnel", "public_operation")


def _meanings(fund: str, prefix: str = "", split: bool = False) -> dict[str, tuple[str, str, str]]:
    """The columns `<prefix><part>` of a table of `fund`, and, where `split`, their 当年预算/上年结转 parts."""
    out = {f"{prefix}{p}": (fund, "all", p) for p in _PARTS}
    if split:
        out |= {f"{period}_{p}": (fund, period, p) for p in _PARTS for period in ("current", "carryover")}
    return out


FIGURE_MEANINGS: dict[str, dict[str, tuple[str, str, str]]] = {
    "budget_summary": {
        **_meanings("all", "expense_"),
        "expense_current": ("all", "current", "total"),
        "expense_carryover": ("all", "carryover", "total"),
        "dept_economic_amount": ("all", "all", "total"),
    },
    "expenditure_summary": _meanings("all", split=True),
    "fiscal_summary": {
        "expense_total": (FISCAL, "all", "total"),
        "expense_current": (FISCAL, "current", "total"),
        "expense_carryover": (FISCAL, "carryover", "total"),
        "dept_economic_amount": (FISCAL, "all", "total"),
        **{f"expense_{fund}": (fund, "all", "total") for fund in cat.FISCAL_SOURCES},
    },
    "general_public_expenditure": _meanings("general_public", split=True),
    "general_public_basic_economic": {  # its 合计 is the 基本支出 of the 一般公共预算, by kind of cost
        "total": ("general_public", "all", "basic"),
        "personnel": ("general_public", "all", "personnel"),
        "public_operation": ("general_public", "all", "public_operation"),
        **{f"{period}_total": ("general_public", period, "basic") for period in ("current", "carryover")},
        **{
            f"{period}_{p}": ("general_public", period, p)
            for period in ("current", "carryover")
            for p in ("personnel", "public_operation")
        },
    },
    "gov_fund_expenditure": _meanings("gov_fund"),
    "state_capital": _meanings("state_capital", "expense_"),
    # its 合计 row: this year's income from each source, and what was carried over
    "income_summary": {
        **{source: (source, "current", "income") for source in INCOME_SOURCES},
        "carryover": ("all", "carryover", "income"),
    },
}
# The label column of each amount column of a two-sided table (the rest are classification tables: by code)
# the funds whose figures are those of all funds where all spending is 一般公共预算 (the two tables' 合计 are equal)
FIGURE_ONE_FUND = ("general_public", FISCAL)
FIGURE_ONE_FUND_WHY = "（本单位全部支出均为一般公共预算：支出总表与一般公共预算支出表的合计相同，其他资金为零）"
FIGURE_LABELS = {"dept_economic_amount": "dept_economic_item"}
FIGURE_LABEL = "expense_item"
# the label columns that list function classes; the others (西安's 部门预算支出经济科目) list economic classes, whose
# 其他支出 is not the function class 其他支出
FIGURE_CLASS_LABELS = ("expense_item",)
FIGURE_CODES = {"state_capital": "expense_code"}
# tables whose only row another table prints is the 合计: their other rows are economic classes, or income by class
FIGURE_TOTAL_ONLY = ("general_public_basic_economic", "income_summary")
FIGURE_PART_ITEMS = (("basic", cat.BASIC_ITEMS), ("project", cat.PROJECT_ITEMS))
FIGURE_TOTAL_ITEMS = (cat.EXPENSE_SUBTOTAL, cat.EXPENSE_HEADING)
# The income side of a two-sided table: an item naming a source (the whole label after its numbering, e.g.
# 一般公共预算拨款收入, 本级财政拨款收入) is this year's income from it, the 收入总表's column of that name
FIGURE_INCOME_ITEM = ("income_item", "income_amount")
FIGURE_INCOME_TABLE = "income_summary"  # whose column titles name the sources
FIGURE_INCOME_END = "(?:预算)?(?:拨款)?(?:收入)?(?:资金)?"
# the 上年结转 line: all that was carried over in the 收支总表, only the 财政拨款 in the 财政拨款收支总表
FIGURE_INCOME_CARRYOVER = ("上年结转(?:结余)?|上年结余、结转", {"budget_summary": "all", "fiscal_summary": FISCAL})
FIGURE_WORDS = {
    "all": "",
    FISCAL: cat.FISCAL_LABEL,
    **{f: cat.FUND_LABELS[f] for f in cat.FISCAL_SOURCES},
    "current": "当年预算",
    "carryover": "上年结转",
    "total": "",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public_operation": "公用经费",
}

# What the checks between tables say, by the pair of figures they compare.
CROSS_CHECKS = {
    "summary-income": "收支总表的本年收入合计应等于收入总表的合计",
    "summary-income-current": "收支总表的本年收入合计应等于收入总表的本年收入小计",
    "summary-income-grand": "收支总表的收入总计应等于收入总表的合计（含上年结转）",
    "summary-expense": "收支总表的本年支出合计应等于支出总表的合计",
    "summary-classes": "收支总表与支出总表",
    "fiscal-classes": "财政拨款收支总表与一般公共预算支出表",
    "fiscal-income": "财政拨款收支总表的本年收入合计应等于收入总表中三项财政拨款之和",
    "general-public-income": "一般公共预算支出表的合计应等于收入总表中的一般公共预算收入",
    "general-public-income-carryover": "一般公共预算支出表的合计应等于收入总表中本年和上年结转的一般公共预算之和",
    "general-public-basic": "一般公共预算支出表的基本支出应等于基本支出分经济科目表的合计",
    "projects": f"支出总表的项目支出应等于{cat.BY_NAME['projects_current'].title}各项目之和",
    "same-figure": "同一数字印在两处",
    "operating-costs": "机关运行经费应等于一般公共预算基本支出中的公用经费（名词解释：机关运行经费指基本支出中的公用经费）",
}

# ---------------------------------------------------------------------------------------------
# The rows of a 收入支出决算总表 (and 财政拨款收入支出决算总表) its 总计 identities are made of, by their printed words
FINAL_INCOME_CURRENT = "本年收入合计"
FINAL_EXPENSE_CURRENT = "本年支出合计"
FINAL_NONFISCAL_BALANCE = ("使用非财政拨款结余", "用事业基金弥补收支差额")
FINAL_CARRY_IN = "年初"  # 年初结转和结余, 年初财政拨款结转和结余
FINAL_DISTRIBUTION = "结余分配"
FINAL_CARRY_OUT = "年末"  # 年末结转和结余, 年末财政拨款结转和结余
# 决算 checks: the classification tables whose 类 = Σ款 = Σ项, and what each row adds up to (total, parts)
FINAL_HIERARCHY_TABLES = (
    "final_income",
    "final_expenditure",
    "final_general_public_expenditure",
    "final_gov_fund",
    "final_state_capital",
)
FINAL_ROW_SUMS = (
    (
        "final_income",
        "total",
        (
            "fiscal_appropriation",
            "upper_subsidy",
            "business_income",
            "operating_income",
            "affiliate_remit",
            "other_income",
        ),
    ),
    (
        "final_expenditure",
        "total",
        ("basic", "project", "remit_upper", "business_operating", "subsidy_affiliates"),
    ),
    ("final_general_public_expenditure", "total", ("basic", "project")),
    ("final_gov_fund", "expense_total", ("expense_basic", "expense_project")),
    ("final_state_capital", "expense_total", ("expense_basic", "expense_project")),
    ("final_fiscal_summary", "expense_total", tuple(f"expense_{f}" for f in cat.FISCAL_SOURCES)),
)
# 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出, row by row, in the fund tables
FINAL_CARRY_TABLES = ("final_gov_fund", "final_state_capital")
# the income items of a 收入支出决算总表 that are columns of the 收入决算表's 合计 row (the same figure)
FINAL_INCOME_ITEMS = (
    ("上级补助收入", "upper_subsidy"),
    ("事业收入", "business_income"),
    ("经营收入", "operating_income"),
    ("附属单位上缴收入", "affiliate_remit"),
    ("其他收入", "other_income"),
)
FINAL_FISCAL_INCOME = (
    cat.FISCAL_LABEL
)  # 一、一般公共预算财政拨款收入 … 三、国有资本经营预算财政拨款收入: Σ = 财政拨款收入
FINAL_PERSONNEL_TOTAL = "人员经费合计"
FINAL_PUBLIC_TOTAL = "公用经费合计"
# the sides of the 基本支出决算表: (code field, name field, amount field, its 合计 label)
FINAL_ECONOMIC_SIDES = (
    ("personnel_economic_code", "personnel_name", "personnel_amount", FINAL_PERSONNEL_TOTAL),
    ("public_economic_code", "public_name", "public_amount", FINAL_PUBLIC_TOTAL),
)
# the “三公” parts: 合计 = the three items; the car item = its two parts (as three_public_key reads the labels)
FINAL_THREE_PUBLIC_SUMS = (
    ("合计", ("因公出国境费", "公务用车购置及运行费", "公务接待费")),
    ("公务用车购置及运行费", ("购置费", "运行费")),
)
