"""The standard tables of a Chinese unit budget disclosure (单位/部门预算公开) and what they are.

Every disclosure prints the same national set of tables. Each kind of table has one canonical resource name, one
canonical title and one schema here, so that every unit and year lands in the same shape. Field titles in a package
are the column headers as printed in that document; the titles below are the defaults used when a header is missing.
Also here: the funds a unit's money comes from, the amount units, the rows every table of a kind prints (the national
classification, its total rows), and what the site calls each check and its results. How a title or a column is
recognised in print is the importer's (`importer/titles.py`, `importer/columns.py`); what the checks read in the
tables and the explanations is theirs (`checks/vocabulary.py`, `checks/narrative_rules.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Layouts: how the printed rows map onto fields.
CLASSIFICATION = "classification"  # 科目编码 | 科目名称 | amounts…; 类/款/项 hierarchy
TWO_SIDED = "two_sided"  # income side and expenditure side printed next to each other
ECONOMIC = "economic"  # 部门经济科目 | 政府经济科目 | amounts…
LABELLED = "labelled"  # one label column | amounts…
STATE_CAPITAL = "state_capital"  # 国有资本经营 income block | expenditure block

AMOUNT = "amount"
CODE = "code"
LABEL = "label"
LEVEL = "level"
INDEX = "index"


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    role: str
    description: str = ""

    @property
    def type(self) -> str:
        return {AMOUNT: "number", INDEX: "integer"}.get(self.role, "string")


@dataclass(frozen=True)
class TableKind:
    name: str
    number: int  # order in the national set of tables
    title: str  # canonical title, without the year
    layout: str
    fields: tuple[Field, ...]
    description: str
    primary_key: tuple[str, ...] = ()
    amount_unit: str = "万元"
    alternate_keys: tuple[tuple[str, ...], ...] = ()  # used where the primary key is not printed or not unique

    @property
    def amount_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.role == AMOUNT)


# The funds a unit's money comes from, by field name: the word that names each in a printed label or a sentence, and
# what the national tables add to that word in a column's title (政府性基金 + 预算). The first three are 财政拨款.
_FUNDS = (
    ("general_public", "一般公共预算", ""),
    ("gov_fund", "政府性基金", "预算"),
    ("state_capital", "国有资本经营", "预算"),
    ("special_account", "财政专户", "管理资金"),
    ("unit_funds", "单位资金", ""),
)
FUND_WORDS = {name: word for name, word, _ in _FUNDS}
# each fund's label, as the tables title its column and the site shows it: 一般公共预算, 政府性基金预算 …
FUND_LABELS = {name: word + rest for name, word, rest in _FUNDS}
FISCAL_SOURCES = tuple(FUND_LABELS)[:3]  # 财政拨款: 一般公共预算, 政府性基金预算, 国有资本经营预算
FISCAL_LABEL = "财政拨款"  # the three together


def _code(title: str = "科目编码") -> Field:
    return Field("code", title, CODE, "功能分类科目编码：3位为类，5位为款，7位为项；合计行印作“合计”。")


def _name(title: str = "科目名称") -> Field:
    return Field("name", title, LABEL, "功能分类科目名称。")


_LEVEL = Field("level", "层级", LEVEL, "由科目编码长度得出：类（3位）、款（5位）、项（7位）；合计行为“合计”。")


def _amt(name: str, title: str, description: str = "") -> Field:
    return Field(name, title, AMOUNT, description)


def _fund_columns(
    funds: tuple[str, ...], prefix: str = "", title: str = "{}", description: str = "{}。"
) -> tuple[Field, ...]:
    """An amount column for each of `funds`, named `<prefix><fund>`, its title and description made of the fund's
    label (`title` and `description` with {} for the label)."""
    return tuple(_amt(f"{prefix}{f}", title.format(FUND_LABELS[f]), description.format(FUND_LABELS[f])) for f in funds)


# The expense side of a two-sided table printed a second and a third time, by economic classification (陕西)
_ECONOMIC_BLOCKS = (
    Field("dept_economic_item", "部门预算支出经济分类科目", LABEL, "支出方（按部门预算支出经济分类的大类）：项目。"),
    _amt("dept_economic_amount", "预算数", "支出方（按部门预算支出经济分类的大类）：预算数。"),
    Field("gov_economic_item", "政府预算支出经济分类科目", LABEL, "支出方（按政府预算支出经济分类的大类）：项目。"),
    _amt("gov_economic_amount", "预算数", "支出方（按政府预算支出经济分类的大类）：预算数。"),
)


# The 序号 some templates print before each line (西安): kept, last among the columns
SEQ = Field("seq", "序号", LABEL, "原表每行所印序号。")


def _split(*names_titles: tuple[str, str]) -> tuple[Field, ...]:
    """The 当年预算 and 上年结转 parts of amount columns, printed side by side per line (吉林): `current_<name>` and
    `carryover_<name>`."""
    return tuple(
        _amt(f"{part}_{name}", f"{title}（{label}）", f"{label}部分的{title}。")
        for part, label in (("current", "当年预算"), ("carryover", "上年结转"))
        for name, title in names_titles
    )


TABLES: tuple[TableKind, ...] = (
    TableKind(
        name="budget_summary",
        number=1,
        title="预算收支总表",
        layout=TWO_SIDED,
        fields=(
            Field("income_item", "项目", LABEL, "收入方项目。"),
            _amt("income_amount", "金额", "收入方预算数。"),
            Field("expense_item", "项目", LABEL, "支出方项目（按支出功能分类的类级科目及合计行）。"),
            _amt("expense_total", "合计", "支出方预算数合计。"),
            _amt("expense_current", "当年预算安排", "支出方：当年预算安排。"),
            _amt("expense_carryover", "上年结转安排", "支出方：上年结转安排。"),
            _amt("income_current", "编制预算", "收入方：当年编制预算。"),
            _amt("income_carryover", "上年结转", "收入方：上年结转。"),
            _amt("expense_basic", "基本支出", "支出方：基本支出（人员经费和公用经费）。"),
            _amt("expense_personnel", "人员经费", "支出方：基本支出中的人员经费。"),
            _amt("expense_public_operation", "公用经费", "支出方：基本支出中的公用经费。"),
            _amt("expense_project", "项目支出", "支出方：项目支出。"),
            *_ECONOMIC_BLOCKS,
            SEQ,
        ),
        description="全部收入与支出的总表：左侧为收入来源，右侧为按功能分类的支出。",
    ),
    TableKind(
        name="income_summary",
        number=2,
        title="预算收入总表",
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "收入合计（原表“合计”或“总计”栏）。"),
            _amt("general_public", "一般公共预算", "本年收入：一般公共预算拨款。"),
            _amt("gov_fund", "政府性基金", "本年收入：政府性基金预算拨款。"),
            _amt("state_capital", "国有资本经营预算", "本年收入：国有资本经营预算拨款。"),
            _amt("special_account", "财政专户管理资金", "本年收入：财政专户管理资金。"),
            _amt("unit_funds", "单位资金", "本年收入：单位资金。"),
            _amt("carryover", "上年结转", "上年结转收入。"),
            _amt("fiscal_appropriation", "财政拨款收入", "财政拨款收入。"),
            _amt("business_income", "事业收入", "事业收入。"),
            _amt("operating_income", "事业单位经营收入", "事业单位经营收入。"),
            _amt("other_income", "其他收入", "其他收入。"),
            Field("unit_code", "单位编码", LABEL, "预算单位编码（按单位列示的收入表）。"),
            Field("unit_name", "单位名称", LABEL, "预算单位名称（按单位列示的收入表）。"),
            _amt("current_total", "本年收入小计", "本年收入（不含上年结转）小计。"),
            _amt("special_education", "教育收费", "财政专户拨款收入：教育收费。"),
            _amt("special_other", "其他专户收入拨款", "财政专户拨款收入：其他专户收入拨款。"),
            _amt("upper_subsidy", "上级补助收入", "上级补助收入。"),
            _amt("affiliate_remit", "附属单位上缴收入", "附属单位上缴收入。"),
            _amt("nonfiscal_balance", "使用非财政拨款结余", "使用非财政拨款结余。"),
            _amt("account_balance", "上年实户资金余额", "上年实户资金余额。"),
            _amt(
                "general_public_special",
                "其中：专项资金列入部门预算项目",
                "一般公共预算拨款中列入部门预算项目的专项资金（其中数）。",
            ),
            _amt("business_education_fee", "其中：教育收费", "事业收入中的教育收费（其中数）。"),
            _amt("business_fund_offset", "用事业基金弥补收支差额", "用事业基金弥补收支差额。"),
            *_fund_columns(tuple(FUND_LABELS), "carryover_", "上年结转：{}", "上年结转结余中的{}。"),
            SEQ,
        ),
        description="按支出功能分类科目（或按预算单位）列示的收入来源。",
        primary_key=("code",),
    ),
    TableKind(
        name="expenditure_summary",
        number=3,
        title="预算支出总表",
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "支出合计。"),
            _amt("basic", "基本支出", "基本支出：人员经费和公用经费。"),
            _amt("project", "项目支出", "项目支出。"),
            _amt("business_operating", "事业单位经营支出", "事业单位经营支出。"),
            _amt("remit_upper", "上缴上级支出", "上缴上级支出。"),
            _amt("subsidy_affiliates", "对附属单位补助支出", "对附属单位补助支出。"),
            _amt("carry_next", "结转下年", "结转下年。"),
            _amt("personnel", "人员支出", "基本支出中的人员支出。"),
            _amt("public_operation", "日常公用支出", "基本支出中的日常公用支出。"),
            Field("unit_code", "单位编码", LABEL, "预算单位编码（按单位列示的支出表）。"),
            Field("unit_name", "单位名称", LABEL, "预算单位名称（按单位列示的支出表）。"),
            SEQ,
            *_split(
                ("total", "小计"),
                ("basic", "基本支出"),
                ("project", "项目支出"),
                ("business_operating", "事业单位经营支出"),
            ),
        ),
        description="按支出功能分类科目（或按预算单位）列示的全部支出，分基本支出和项目支出。",
        primary_key=("code",),
        alternate_keys=(("unit_code", "unit_name"),),
    ),
    TableKind(
        name="fiscal_summary",
        number=4,
        title="财政拨款收支总表",
        layout=TWO_SIDED,
        fields=(
            Field("income_item", "项目", LABEL, "收入方项目。"),
            _amt("income_amount", "金额", "收入方金额。"),
            Field("expense_item", "项目", LABEL, "支出方项目（按支出功能分类的类级科目及合计行）。"),
            _amt("expense_total", "小计", "支出方金额小计。"),
            *_fund_columns(FISCAL_SOURCES, "expense_", description="支出方：{}。"),
            _amt("income_current", "编制预算", "收入方：当年编制预算。"),
            _amt("income_carryover", "上年结转", "收入方：上年结转。"),
            _amt("expense_current", "编制预算", "支出方：当年编制预算。"),
            _amt("expense_carryover", "上年结转", "支出方：上年结转。"),
            *_ECONOMIC_BLOCKS,
            SEQ,
        ),
        description="财政拨款（一般公共预算、政府性基金预算、国有资本经营预算）的收入与支出。",
    ),
    TableKind(
        name="general_public_expenditure",
        number=5,
        title="一般公共预算支出预算表（不含上年结转）",
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "一般公共预算支出合计。"),
            _amt("basic", "基本支出", "基本支出。"),
            _amt("project", "项目支出", "项目支出。"),
            _amt("personnel", "人员经费", "基本支出中的人员经费。"),
            _amt("public_operation", "日常公用支出", "基本支出中的日常公用支出。"),
            Field("remark", "备注", LABEL, "原表备注栏。"),
            _amt("project_net", "扣除基建项目后预算数", "项目支出中扣除基本建设项目后的预算数。"),
            *_split(
                ("total", "小计"),
                ("basic", "基本支出"),
                ("personnel", "人员经费"),
                ("public_operation", "公用经费"),
                ("project", "项目支出"),
            ),
            SEQ,
        ),
        description="一般公共预算当年拨款按功能分类科目的支出，分基本支出和项目支出。",
        primary_key=("code",),
    ),
    TableKind(
        name="general_public_basic_economic",
        number=6,
        title="一般公共预算安排基本支出分经济科目表（不含上年结转）",
        layout=ECONOMIC,
        fields=(
            Field("economic_code", "编码", CODE, "部门预算经济分类科目编码（类3位，款照原表所印）。"),
            Field(
                "dept_economic_name",
                "部门预算支出经济科目名称",
                LABEL,
                "部门预算支出经济分类科目；类级行的政府预算经济科目为空。",
            ),
            Field("gov_economic_code", "政府预算经济分类科目编码", CODE, "对应的政府预算支出经济分类科目编码。"),
            Field("gov_economic_name", "政府预算支出经济科目名称", LABEL, "对应的政府预算支出经济分类科目。"),
            Field(
                "level", "层级", LEVEL, "“类”为部门预算支出经济分类的类级汇总行，“款”为其下的明细行；合计行为“合计”。"
            ),
            _amt("total", "合计", "基本支出合计。"),
            _amt("personnel", "人员经费", "人员经费。"),
            _amt("public_operation", "公用经费", "公用经费。"),
            Field("remark", "备注", LABEL, "原表备注栏。"),
            *_split(("total", "小计"), ("personnel", "人员经费"), ("public_operation", "公用经费")),
            SEQ,
        ),
        description="一般公共预算安排的基本支出，按支出经济分类科目列示，分人员经费和公用经费。",
        primary_key=("dept_economic_name",),
        alternate_keys=(("economic_code",),),
    ),
    TableKind(
        name="gov_fund_income",
        number=7,
        title="政府性基金预算收入表（不含上年结转）",
        layout=CLASSIFICATION,
        fields=(
            _code("收入科目编码"),
            _name(),
            _LEVEL,
            _amt("amount", "政府性基金收入预算", "政府性基金收入预算。"),
        ),
        description="政府性基金预算收入。",
        primary_key=("code",),
    ),
    TableKind(
        name="gov_fund_expenditure",
        number=8,
        title="政府性基金预算支出表（不含上年结转）",
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "政府性基金预算支出合计。"),
            _amt("basic", "基本支出", "基本支出。"),
            _amt("project", "项目支出", "项目支出。"),
        ),
        description="政府性基金预算支出，按功能分类科目列示。",
        primary_key=("code",),
    ),
    TableKind(
        name="state_capital",
        number=9,
        title="国有资本经营预算收支预算表（不含上年结转）",
        layout=STATE_CAPITAL,
        fields=(
            Field("income_code", "收入科目编码", CODE, "国有资本经营预算收入科目编码。"),
            Field("income_name", "科目名称", LABEL, "收入科目名称。"),
            _amt("income_amount", "国有资本经营收入预算", "国有资本经营收入预算。"),
            Field("expense_code", "科目编码", CODE, "支出功能分类科目编码。"),
            Field("expense_name", "科目名称", LABEL, "支出科目名称。"),
            _amt("expense_total", "合计", "支出合计。"),
            _amt("expense_basic", "基本支出", "基本支出。"),
            _amt("expense_project", "项目支出", "项目支出。"),
        ),
        description="国有资本经营预算的收入与支出。",
    ),
    TableKind(
        name="three_public",
        number=10,
        title="一般公共预算“三公”经费支出预算表",
        layout=LABELLED,
        fields=(
            Field("item", "项目", LABEL, "“三公”经费项目：因公出国（境）费、公务接待费、公务用车购置及运行费。"),
            _amt("total", "合计", "合计。"),
            *_fund_columns(FISCAL_SOURCES),
        ),
        description="“三公”经费（三公经费）：因公出国（境）费、公务接待费、公务用车购置及运行费的预算。",
        primary_key=("item",),
    ),
    TableKind(
        name="operating_costs",
        number=11,
        title="机关运行经费预算财政拨款情况统计表",
        layout=LABELLED,
        fields=(
            Field("unit_name", "单位名称", LABEL, "单位名称；“部门合计”为部门汇总行。"),
            _amt("total", "合计", "合计。"),
            *_fund_columns(FISCAL_SOURCES),
        ),
        description="行政单位和参公事业单位使用财政拨款安排的基本支出中的公用经费（机关运行经费）。",
        primary_key=("unit_name",),
    ),
    TableKind(
        name="projects_current",
        number=12,
        title="项目支出预算表（本年预算）",
        layout=LABELLED,
        fields=(
            Field("unit_name", "单位名称", LABEL, "实施项目的单位。"),
            Field("project_name", "项目名称", LABEL, "项目名称（单元格内折行已合并）。"),
            _amt("total", "合计", "合计。"),
            *_fund_columns(FISCAL_SOURCES, description="财政拨款：{}。"),
            *_fund_columns(("special_account", "unit_funds")),
        ),
        description="本年预算安排的项目支出，逐个项目列示。",
        primary_key=("project_name",),
        alternate_keys=(("unit_name", "project_name"),),
    ),
    TableKind(
        name="projects_carryover",
        number=13,
        title="项目支出预算表（上年结转）",
        layout=LABELLED,
        fields=(
            Field("project_name", "项目名称", LABEL, "项目名称（单元格内折行已合并）。"),
            _amt("total", "合计", "合计。"),
            *_fund_columns(FISCAL_SOURCES, description="财政拨款：{}。"),
        ),
        description="上年结转资金安排的项目支出。",
        primary_key=("project_name",),
    ),
)

# ---------------------------------------------------------------------------------------------
# The national tables of a 部门决算 (final accounts): what a unit received and spent in the year, with what it carried
# in (年初结转和结余) and out (年末结转和结余). Their own kinds and schemas, named final_*; columns keep their meaning.
BUDGET = "预算"
FINAL = "决算"
DOCUMENT_KINDS = (BUDGET, FINAL)
_FINAL_AMOUNT = "决算数"
# 行次: the line number the national 决算 report prints beside each item (广东); kept where printed
_LINE_NOTE = "原表所印行次。"


def _final_side(side: str, label: str) -> tuple[Field, ...]:
    return (
        Field(f"{side}_item", "项目", LABEL, f"{label}项目。"),
        Field(f"{side}_line", "行次", LABEL, _LINE_NOTE),
    )


FINAL_TABLES: tuple[TableKind, ...] = (
    TableKind(
        name="final_summary",
        number=1,
        title="收入支出决算总表",
        layout=TWO_SIDED,
        fields=(
            *_final_side("income", "收入方"),
            _amt("income_amount", _FINAL_AMOUNT, "收入方决算数。"),
            *_final_side("expense", "支出方（按支出功能分类的类级科目及合计、结转结余行）"),
            _amt("expense_amount", _FINAL_AMOUNT, "支出方决算数。"),
        ),
        description="部门本年度的总收支和年末结转结余：左侧为收入来源及年初结转和结余，右侧为按功能分类的支出、"
        "结余分配及年末结转和结余。",
    ),
    TableKind(
        name="final_income",
        number=2,
        title="收入决算表",
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "本年收入合计", "本年收入合计。"),
            _amt("fiscal_appropriation", "财政拨款收入", "财政拨款收入。"),
            _amt("upper_subsidy", "上级补助收入", "上级补助收入。"),
            _amt("business_income", "事业收入", "事业收入。"),
            _amt("operating_income", "经营收入", "事业单位经营收入。"),
            _amt("affiliate_remit", "附属单位上缴收入", "附属单位上缴收入。"),
            _amt("other_income", "其他收入", "其他收入。"),
        ),
        description="按支出功能分类科目列示的本年各项收入。",
        primary_key=("code",),
    ),
    TableKind(
        name="final_expenditure",
        number=3,
        title="支出决算表",
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "本年支出合计", "本年支出合计。"),
            _amt("basic", "基本支出", "基本支出。"),
            _amt("project", "项目支出", "项目支出。"),
            _amt("remit_upper", "上缴上级支出", "上缴上级支出。"),
            _amt("business_operating", "经营支出", "事业单位经营支出。"),
            _amt("subsidy_affiliates", "对附属单位补助支出", "对附属单位补助支出。"),
        ),
        description="按支出功能分类科目列示的本年各项支出，分基本支出、项目支出、上缴上级支出、经营支出和对附属单位补助支出。",
        primary_key=("code",),
    ),
    TableKind(
        name="final_fiscal_summary",
        number=4,
        title="财政拨款收入支出决算总表",
        layout=TWO_SIDED,
        fields=(
            *_final_side("income", "收入方"),
            _amt("income_amount", _FINAL_AMOUNT, "收入方决算数。"),
            *_final_side("expense", "支出方（按支出功能分类的类级科目及合计、结转结余行）"),
            _amt("expense_total", "合计", "支出方决算数合计。"),
            *_fund_columns(FISCAL_SOURCES, "expense_", "{}财政拨款", "支出方：{}财政拨款。"),
        ),
        description="财政拨款（一般公共预算、政府性基金预算、国有资本经营预算）本年度的总收支和年末结转结余。",
    ),
    TableKind(
        name="final_general_public_expenditure",
        number=5,
        title="一般公共预算财政拨款支出决算表",
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "一般公共预算财政拨款支出合计。"),
            _amt("basic", "基本支出", "基本支出。"),
            _amt("project", "项目支出", "项目支出。"),
        ),
        description="一般公共预算财政拨款本年度的实际支出，按功能分类科目列示，分基本支出和项目支出。",
        primary_key=("code",),
    ),
    TableKind(
        name="final_general_public_basic_economic",
        number=6,
        title="一般公共预算财政拨款基本支出决算表",
        layout=LABELLED,
        fields=(
            Field("personnel_economic_code", "科目编码", CODE, "人员经费：经济分类科目编码。"),
            Field("personnel_name", "科目名称", LABEL, "人员经费：经济分类科目名称；末行为“人员经费合计”。"),
            _amt("personnel_amount", _FINAL_AMOUNT, "人员经费：决算数。"),
            Field("public_economic_code", "科目编码", CODE, "公用经费：经济分类科目编码。"),
            Field("public_name", "科目名称", LABEL, "公用经费：经济分类科目名称；末行为“公用经费合计”。"),
            _amt("public_amount", _FINAL_AMOUNT, "公用经费：决算数。"),
        ),
        description="一般公共预算财政拨款基本支出，按经济分类科目列示：左为人员经费，右为公用经费，照原表并排。",
    ),
    TableKind(
        name="final_three_public",
        number=7,
        title="财政拨款“三公”经费支出决算表",
        layout=LABELLED,
        fields=(
            Field(
                "item",
                "项目",
                LABEL,
                "“三公”经费项目：合计、因公出国（境）费、公务用车购置及运行维护费及其两项、公务接待费。",
            ),
            _amt("budget", "预算数", "年初预算数。"),
            _amt("final", _FINAL_AMOUNT, "决算数（实际支出）。"),
        ),
        description="财政拨款“三公”经费的年初预算数与决算数，逐项列示。",
        primary_key=("item",),
    ),
    *(
        TableKind(
            name=name,
            number=number,
            title=f"{fund}财政拨款收入支出决算表",
            layout=CLASSIFICATION,
            fields=(
                _code(),
                _name(),
                _LEVEL,
                _amt("carryover_start", "年初结转和结余", "年初结转和结余。"),
                _amt("income", "本年收入", "本年收入。"),
                _amt("expense_total", "本年支出：合计", "本年支出合计。"),
                _amt("expense_basic", "本年支出：基本支出", "本年支出中的基本支出。"),
                _amt("expense_project", "本年支出：项目支出", "本年支出中的项目支出。"),
                _amt("carryover_end", "年末结转和结余", "年末结转和结余。"),
            ),
            description=f"{fund}财政拨款本年度的收入、支出及结转和结余，按功能分类科目列示。",
            primary_key=("code",),
        )
        for name, number, fund in (
            ("final_gov_fund", 8, FUND_LABELS["gov_fund"]),
            ("final_state_capital", 9, FUND_LABELS["state_capital"]),
        )
    ),
)
ALL_TABLES: tuple[TableKind, ...] = TABLES + FINAL_TABLES
BY_NAME: dict[str, TableKind] = {t.name: t for t in ALL_TABLES}


# What a package of each kind is called on pages, in citations and in linked data
PUBLIC_DATA = {BUDGET: "预算公开数据", FINAL: "决算公开数据"}
KIND_WORDS = {BUDGET: "预算", FINAL: "决算（执行结果）"}

# The table of expenditure by function with 基本支出 and 项目支出 (the unit page's figures and charts), by kind
EXPENDITURE_TABLE = {BUDGET: "expenditure_summary", FINAL: "final_expenditure"}

# The tables an import must read at least one of, by kind of document
ESSENTIAL = {
    BUDGET: ("budget_summary", "income_summary", "expenditure_summary"),
    FINAL: ("final_summary", "final_income", "final_expenditure"),
}
ESSENTIAL_NAMES = {BUDGET: "收支总表, 收入总表 or 支出总表", FINAL: "收入支出决算总表, 收入决算表 or 支出决算表"}
# the tables the fiscal identities start from: a document with neither read in its columns cannot be checked
CHECKABLE = {
    BUDGET: ("budget_summary", "expenditure_summary"),
    FINAL: ("final_summary", "final_expenditure"),
}


def tables_of(document_kind: str | None) -> tuple[TableKind, ...]:
    """The national set of tables of a 预算 or a 决算."""
    return FINAL_TABLES if document_kind == FINAL else TABLES


# Resources that are not among the national tables but are part of every package.
@dataclass(frozen=True)
class ExtraResource:
    name: str
    title: str
    fields: tuple[Field, ...]
    description: str
    primary_key: tuple[str, ...] = ()
    amount_unit: str | None = None


# The money of a 项目支出绩效目标申报表: its two periods, and the sources of each
FORM_MONEY = [
    ("plan", "实施期"),
    ("year", "年度"),
]
FORM_FUND_SOURCES = [
    ("total", "资金总额"),
    ("central", "中央财政资金"),
    ("provincial", "省级财政资金"),
    ("local", "市县（区）财政资金"),
    ("self_raised", "单位自筹"),
    ("other", "其他资金"),
]

PERFORMANCE_PROJECTS = ExtraResource(
    name="performance_projects",
    title="项目支出绩效目标申报表：项目信息",
    fields=(
        Field("form", "表序", INDEX, "绩效目标申报表在文件中的顺序（1起）。"),
        Field("project_name", "项目名称", LABEL, "项目名称。"),
        Field("department", "主管部门及代码", LABEL, "主管部门及代码。"),
        Field("implementer", "实施单位", LABEL, "实施单位。"),
        Field("attribute", "项目属性", LABEL, "项目属性。"),
        Field("period", "项目期", LABEL, "项目期（个别表印作“项目日期”）。"),
        *(
            _amt(f"{p}_{s}", f"{pt}{st}" if s == "total" else st, f"{pt}：{st}（元）。")
            for p, pt in FORM_MONEY
            for s, st in FORM_FUND_SOURCES
        ),
        Field("overview", "项目概况", LABEL, "项目概况。"),
        Field("basis", "立项依据", LABEL, "立项依据。"),
        Field("necessity", "项目设立必要性", LABEL, "项目设立必要性。"),
        Field("safeguards", "保证项目实施的制度、措施", LABEL, "保证项目实施的制度、措施。"),
        Field("plan", "项目实施计划", LABEL, "项目实施计划。"),
        Field("goal_plan", "实施期目标", LABEL, "总体目标：实施期目标。"),
        Field("goal_year", "年度目标", LABEL, "总体目标：年度目标。"),
        Field("category", "项目类别", LABEL, "项目类别。"),
        Field("start_date", "计划开始日期", LABEL, "计划开始日期，照录原文。"),
        Field("end_date", "计划完成日期", LABEL, "计划完成日期，照录原文。"),
        _amt("plan_fiscal", "其中：财政资金", "项目资金总额中的财政资金（元）。"),
        _amt("year_current", "其中：当年财政拨款", "年度资金申请总额中的当年财政拨款（元）。"),
        _amt("year_carryover", "上年结转资金", "年度资金申请总额中的上年结转资金（元）。"),
    ),
    description="每张项目支出绩效目标申报表的项目信息、资金来源（元）和总体目标。",
    primary_key=("form",),
    amount_unit="元",
)

PERFORMANCE_INDICATORS = ExtraResource(
    name="performance_indicators",
    title="项目支出绩效目标申报表：绩效指标",
    fields=(
        Field("form", "表序", INDEX, "所属绩效目标申报表的顺序（对应项目信息表）。"),
        Field("seq", "行序", INDEX, "指标行在表中的顺序（1起）。"),
        Field("level1", "一级指标", LABEL, "一级指标；空白表示与上一行合并（同上），如原表。"),
        Field("plan_level2", "二级指标", LABEL, "实施期：二级指标；空白表示同上。"),
        Field("plan_level3", "三级指标", LABEL, "实施期：三级指标。"),
        Field("plan_value", "指标值", LABEL, "实施期：指标值，照录原文。"),
        Field("year_level2", "二级指标", LABEL, "年度：二级指标；空白表示同上。"),
        Field("year_level3", "三级指标", LABEL, "年度：三级指标（原表栏宽所限，常被截短）。"),
        Field("year_value", "指标值", LABEL, "年度：指标值，照录原文。"),
        Field("level2", "二级指标", LABEL, "二级指标（只列一套指标的表）；空白表示同上。"),
        Field("level3", "三级指标", LABEL, "三级指标。"),
        Field("value", "指标值", LABEL, "指标值，照录原文。"),
    ),
    description="绩效目标申报表中的绩效指标，实施期与年度并列，照原表逐行录入。",
    primary_key=("form", "seq"),
)

DUTIES = ExtraResource(
    name="duties",
    title="本单位职责",
    fields=(
        Field("seq", "序号", LABEL, "原文序号，如“（一）”。"),
        Field("text", "职责", LABEL, "职责内容。"),
    ),
    description="第一部分 概况：本单位职责。",
    primary_key=("seq",),
)

OFFICES = ExtraResource(
    name="offices",
    title="机构设置情况",
    fields=(
        Field("seq", "序号", LABEL, "原文序号，如“（一）”。"),
        Field("name", "内设机构", LABEL, "内设机构名称。"),
        Field("duties", "职责", LABEL, "该机构的职责（跨页处已接续）。"),
    ),
    description="第一部分 概况：机构设置情况。",
    primary_key=("seq",),
)

GLOSSARY = ExtraResource(
    name="glossary",
    title="名词解释",
    fields=(
        Field("seq", "序号", LABEL, "原文序号，如“一”。"),
        Field("term", "名词", LABEL, "名词。"),
        Field("definition", "解释", LABEL, "解释，照录原文（原文无冒号时自“是”字起）。"),
    ),
    description="第四部分 名词解释。",
    primary_key=("seq",),
)

FINAL_STATED = ExtraResource(
    name="final_stated",
    title="情况说明所述：机关运行经费、政府采购和国有资产占用",
    fields=(
        Field("seq", "序号", LABEL, "本站按原文先后所编序号。"),
        Field("subject", "事项", LABEL, "机关运行经费、政府采购或国有资产占用。"),
        Field("item", "项目", LABEL, "数字之前的原文文字（去掉单位名称、年度等不说明数字含义的词）。"),
        Field("figure", "数字", LABEL, "照原文所印的数字（不换算、不舍入）。"),
        Field("unit", "单位", LABEL, "原文所印的计量单位（万元、辆、台（套）、% 等）。"),
        Field("sentence", "原文", LABEL, "数字所在的句子，照录原文。"),
        Field("located", "出处", LABEL, "所在的情况说明部分和段落。"),
    ),
    description="决算情况说明中机关运行经费、政府采购和国有资产占用情况所述的每一个数字：这些事项没有对应的决算报表，"
    "本站照录原文数字，不作换算或更正。",
    primary_key=("seq",),
)

EXTRAS: tuple[ExtraResource, ...] = (
    PERFORMANCE_PROJECTS,
    PERFORMANCE_INDICATORS,
    DUTIES,
    OFFICES,
    GLOSSARY,
    FINAL_STATED,
)


# ---------------------------------------------------------------------------------------------
# Amount units: every figure is shown with the unit of the table it comes from. Converting between them is exact.

UNITS_IN_YUAN: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(10**8),
}
# The unit used where figures of tables or years printed in different units are set side by side (history charts).
COMPARISON_UNIT = "万元"


# The units as a pattern, longest first (so 万元 is not read as 元): the unit of a figure in a sentence, of a table
# (单位：万元) or after a unit's name (…运输局单位：万元)
UNIT_PATTERN = "|".join(sorted(UNITS_IN_YUAN, key=len, reverse=True))


def unit_factor(from_unit: str, to_unit: str) -> Decimal:
    """The exact factor that turns an amount in `from_unit` into `to_unit` (元 → 万元: 0.0001)."""
    return UNITS_IN_YUAN[from_unit] / UNITS_IN_YUAN[to_unit]


# ---------------------------------------------------------------------------------------------
# The rows the tables print: the national classifications, and the labels of their totals and subtotals.

# The classes (类) of the national function classification of expenditure (政府收支分类科目), by printed name: where a
# table prints only the 款 or 项 rows of a class, its rows are found by this code.
FUNCTION_CLASSES = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
}
# The classes (类) of the economic classification of department budget expenditure, by name: a table printing names
# without codes has its 类 rows known by these and its 款 rows are the rest.
ECONOMIC_CLASSES = (
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "债务利息及费用支出",
    "资本性支出（基本建设）",
    "资本性支出",
    "对企业补助（基本建设）",
    "对企业补助",
    "对社会保障基金补助",
    "其他支出",
)

# Row labels of the two-sided tables (收支总表, 财政拨款收支总表).
INCOME_SUBTOTAL = "本年收入合计"  # printed at the start of the label
EXPENSE_SUBTOTAL = "本年支出合计"
# In a 收支总表 whose expense side is also printed by economic classification (陕西 综合预算), the rows that are
# the whole budget's 基本支出 and 项目支出
BASIC_ITEMS = ("人员经费和公用经费支出", "基本支出")
PROJECT_ITEMS = ("专项业务经费支出", "项目支出")
EXPENSE_HEADING = "本年支出"  # 一、本年支出 printed above the classes it adds up (吉林)
INCOME_TOTAL = "收入总计"
EXPENSE_TOTAL = "支出总计"
# where a document has no 总计 row, its grand totals are printed as 收入合计/支出合计 (福建), or as a bare 合计 at the
# top of each side (重庆)
INCOME_TOTALS = (INCOME_TOTAL, "收入合计", "合计")
EXPENSE_TOTALS = (EXPENSE_TOTAL, "支出合计", "合计")
INCOME_CARRYOVER = "上年"  # 上年结转 / 上年财政拨款结转, at the start of the label
INCOME_CARRYOVER_ALL = "上年结转"
# The numbering before an item of a two-sided table or a list (一、 1、 （一） (1)), dropped to compare its name
ITEM_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+、|（[一二三四五六七八九十]+）|[（(]\d+[)）])\s*")
TOTAL_CODE = "合计"  # the code cell of a classification table's total row, and its level
UNIT_TOTALS = ("部门合计", "合计")  # the total row of a table with one row per unit (机关运行经费)
# the total row of a “三公” table: 合计, 总计, “三公”经费合计, …预算总额
THREE_PUBLIC_TOTALS = ("合计", "总计", "总额", "小计")
# the 总计 row of a 收入支出决算总表 (and 财政拨款收入支出决算总表)
FINAL_GRAND_TOTAL = "总计"
# the two measures of the 决算's “三公” table, by the header printed over each column
FINAL_THREE_PUBLIC_MEASURES = {"预算数": "budget", "决算数": "final"}

# ---------------------------------------------------------------------------------------------
# How the columns of a table add up to its 合计.

# The classification tables whose rows split into 基本支出 + 项目支出, and what a row of those tables adds up to:
# 基本支出 + 项目支出, plus the columns some provinces print beside them
BASIC_PROJECT_TABLES = ("expenditure_summary", "general_public_expenditure", "gov_fund_expenditure")
EXPENDITURE_PARTS = ("basic", "project", "business_operating", "remit_upper", "subsidy_affiliates", "carry_next")
# The columns of a 收入总表 that add up to its 合计: this year's sources, then what was carried over (上年结转 or its
# parts); 其中 columns (of which) are parts of the column before them and are not added.
INCOME_CURRENT = (
    "general_public",
    "gov_fund",
    "state_capital",
    "special_account",
    "special_education",
    "special_other",
    "unit_funds",
    "fiscal_appropriation",
    "business_income",
    "operating_income",
    "other_income",
    "upper_subsidy",
    "affiliate_remit",
    "nonfiscal_balance",
    "business_fund_offset",
    "account_balance",
)
INCOME_CARRYOVER_PARTS = tuple(f"carryover_{f}" for f in FUND_LABELS)


def printed_again(rows: list, i: int) -> bool:
    """Row i repeats the row above it, code and name (无锡: “21999 其他支出” printed as the 款 and again as its only
    项): it is that row's one item, not a second row of the level above."""
    if i == 0:
        return False
    here, above = rows[i], rows[i - 1]
    code = str(here.get("code") or "")
    return (
        code.isdigit()
        and code == str(above.get("code") or "")
        and str(here.get("name") or "") == str(above.get("name") or "")
    )


def parts_of_total(table: str, present: set[str]) -> list[str]:
    """The printed or derived columns of a table that add up to its 合计, without subtotals, the parts of a
    subtotal shown beside it, or 其中 columns (what a stacked chart stacks)."""
    if table in BASIC_PROJECT_TABLES:
        return [p for p in EXPENDITURE_PARTS if p in present]
    if table == "income_summary":
        carried = ["carryover"] if "carryover" in present else [p for p in INCOME_CARRYOVER_PARTS if p in present]
        return [p for p in INCOME_CURRENT if p in present] + carried
    if table == "general_public_basic_economic":
        return [p for p in ("personnel", "public_operation") if p in present]
    return sorted(present - {"total"}, key=lambda p: p.startswith(("current_", "carryover_")))


# ---------------------------------------------------------------------------------------------
# What the site calls each check and its results.

# Statuses of a check result, and what the pages call them.
PASS, ROUNDING, ERROR, UNCHECKED, SOURCE_ERROR = "pass", "rounding", "error", "unchecked", "source-error"
STATUS_ZH = {PASS: "通过", ROUNDING: "舍入差异", ERROR: "不一致", UNCHECKED: "未核对", SOURCE_ERROR: "原文不一致"}
FINAL_CHECKS = {
    "final-total": "决算总表：本年合计等于各项之和，总计等于本年合计加结转结余",
    "final-same-figure": "表间一致：同一数字在两张决算表中所印相同（不计舍入差异）",
    "final-caption": "报表标题所称单位与封面一致",
    "final-completion": "说明文字中的预算完成率（决算数÷预算数）",
    "final-direction": "说明文字中决算数大于、小于或等于预算数的用词",
    "final-change": "说明文字中与上年相比的增减幅度",
    "final-year": "说明文字所称年度与决算年度一致",
    "final-stated": "说明文字中的金额与决算报表一致",
}
CHECK_ZH = {
    "hierarchy-sum": "科目层级：上级等于下级之和",
    "row-sum": "行内：合计等于各栏之和",
    "total-sum": "合计行等于所合计各行之和",
    "balance": "收支平衡：收入总计等于支出总计",
    "cross-table": "表间一致：同一数字在不同报表中相同",
    "form-sources": "绩效目标表：资金来源之和等于资金总额",
    "form-vs-project": "绩效目标表与项目支出表一致",
    "narrative": "说明文字中的金额与报表一致",
    "narrative-share": "说明文字中的占比",
    "narrative-change": "说明文字中的增减额与增减幅度",
    "confirmation": "原文差异记录",
    **FINAL_CHECKS,
}
