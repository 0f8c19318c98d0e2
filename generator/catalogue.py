"""The standard tables of a Chinese unit budget disclosure (单位/部门预算公开).

Every disclosure prints the same national set of tables, under titles that vary a little by province
and year. Each kind of table has one canonical resource name and one schema here, so that every unit
and year lands in the same shape. Field titles in a package are the column headers as printed in that
document; the titles below are the defaults used when a header is missing.
"""

from __future__ import annotations

import functools
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
    aliases: tuple[str, ...] = ()  # other printed titles of this column
    only_where_named: bool = False  # a layout with this column fits only a table whose header names it

    def named_by(self, header: str) -> bool:
        key = normalise_title(header).replace("：", ":")
        return any(key == normalise_title(t).replace("：", ":") for t in (self.title, *self.aliases))

    @property
    def type(self) -> str:
        return {AMOUNT: "number", INDEX: "integer"}.get(self.role, "string")


@dataclass(frozen=True)
class TableKind:
    name: str
    number: int  # order in the national set of tables
    title: str  # canonical title, without the year
    aliases: tuple[str, ...]
    layout: str
    fields: tuple[Field, ...]
    description: str
    primary_key: tuple[str, ...] = ()
    amount_unit: str = "万元"
    # column layouts printed by different templates, as field names; the first is the national default
    layouts: tuple[tuple[str, ...], ...] = ()
    alternate_keys: tuple[tuple[str, ...], ...] = ()  # used where the primary key is not printed or not unique

    def matches(self, printed_title: str) -> bool:
        key = table_key(printed_title)
        return any(key == table_key(t) for t in (self.title, *self.aliases))

    @property
    def printed_fields(self) -> tuple[Field, ...]:
        """Printed columns of the default layout (the derived level is not printed)."""
        return self.all_layouts()[0]

    def all_layouts(self) -> list[tuple[Field, ...]]:
        by_name = {f.name: f for f in self.fields}
        if not self.layouts:
            return [tuple(f for f in self.fields if f.role != LEVEL)]
        return [tuple(by_name[n] for n in layout) for layout in self.layouts]

    @property
    def amount_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.role == AMOUNT)


_YEAR_PREFIX = re.compile(r"^\s*(19|20)\d{2}\s*年(度)?")
_PUNCT = str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"', "〝": '"', "〞": '"'})


def normalise_title(title: str) -> str:
    """Title key for matching: no year prefix, no spaces, ASCII brackets and quotes."""
    t = _YEAR_PREFIX.sub("", title.strip())
    t = re.sub(r"\s+", "", t).translate(_PUNCT)
    return t


# How tables are numbered in print, before or after the title: 公开表1, 部门公开表1, 公开 01 表, 预算01表, 预算表12,
# 表一, 表1：, 表5., 表14-1, 附表3, 一、, (预算表 3); a number glued to the year (表12020年…) is the number alone.
TABLE_NUMBER_BEFORE = re.compile(
    r"^(?:(?:部门)?公开\s*表?\s*0?\d{1,2}\s*表?|(?:部门|单位)?预算\s*0?\d{1,2}\s*表|(?:部门|单位)?预算表\s*\d{1,2}|附?表\s*(?:\d{1,2}(?=(?:19|20)\d\d年)|\d{1,2}(?:-\d{1,2})?(?!\d)|[一二三四五六七八九十]{1,3}(?!般))"
    r"|[一二三四五六七八九十]{1,3}、)\s*[：:.．、]?\s*"
)
TABLE_NUMBER_AFTER = re.compile(r"\s*[（(](?:预算表|公开表|表)\s*\d{1,2}[)）]\s*$")
_NO_CARRYOVER = "(?:[-－—]不含上年结转)?"
# Words that vary between provinces without changing what a table is (部门/单位, 总体情况, 预算, 拨款 …)
_TITLE_WORDS = (
    # a classification named after the title: (按功能分类科目) adds nothing to a table of functions; a 基本支出 table
    # is by economic classification unless it says it is by function
    # (按功能科目分), (按支出经济分类科目-不含上年结转), (支出经济分类科目-不含上年结转): 西安
    (
        re.compile(
            r"(?<!基本支出表)(?<!基本支出明细表)(?<!基本支出情况表)\(按?(?:支出)?功能(?:分类)?(?:科目)?分?"
            rf"{_NO_CARRYOVER}\)$"
        ),
        "",
    ),
    (re.compile(rf"(基本支出(?:明细|情况)?表)\(按?(?:支出)?经济分类(?:科目)?分?{_NO_CARRYOVER}\)$"), r"\1"),
    (re.compile(r"^(?:(?:市级|区级|县级|省级)?部门|单位|预算单位|本年|本级)+"), ""),
    (re.compile(r"^综合预算"), ""),  # 西安: 部门综合预算收支总表
    (re.compile(r"总体情况表$|总体表$"), "总表"),
    (re.compile(r"预算总表$|情况总表$"), "总表"),
    (re.compile(r"(?:预算|情况|明细)表$"), "表"),
    (re.compile(r"财务收支"), "收支"),
    (re.compile(r"拨款支出"), "支出"),
    (re.compile(r"支出功能分类"), "支出"),
    (re.compile(r"安排"), ""),
    (re.compile(r"\(不含上年结转\)"), ""),
)


@functools.lru_cache(maxsize=4096)  # asked of every row of every page, and of every title and alias each time
def table_key(title: str) -> str:
    """What a printed table title names, whatever its numbering, year and province's wording: the key two titles of
    the same kind of table share (收支总体情况表, 收支预算总表, 财务收支预算总表 → 收支总表)."""
    t = re.sub(r"\s+", "", title.strip()).translate(_PUNCT)
    t = TABLE_NUMBER_AFTER.sub("", t)
    t = TABLE_NUMBER_BEFORE.sub("", t)
    t = _YEAR_PREFIX.sub("", t)
    for pattern, repl in _TITLE_WORDS:
        t = pattern.sub(repl, t)
    return t


def _code(title: str = "科目编码") -> Field:
    return Field(
        "code", title, CODE, "功能分类科目编码：3位为类，5位为款，7位为项；合计行印作“合计”。", ("功能分类科目编码",)
    )


def _name(title: str = "科目名称") -> Field:
    return Field("name", title, LABEL, "功能分类科目名称。", ("功能分类科目名称",))


_LEVEL = Field("level", "层级", LEVEL, "由科目编码长度得出：类（3位）、款（5位）、项（7位）；合计行为“合计”。")


def _amt(name: str, title: str, description: str = "", aliases: tuple[str, ...] = ()) -> Field:
    return Field(name, title, AMOUNT, description, aliases)


# The expense side of a two-sided table printed a second and a third time, by economic classification (陕西)
_ECONOMIC_BLOCKS = (
    Field("dept_economic_item", "部门预算支出经济分类科目", LABEL, "支出方（按部门预算支出经济分类的大类）：项目。"),
    _amt("dept_economic_amount", "预算数", "支出方（按部门预算支出经济分类的大类）：预算数。"),
    Field("gov_economic_item", "政府预算支出经济分类科目", LABEL, "支出方（按政府预算支出经济分类的大类）：项目。"),
    _amt("gov_economic_amount", "预算数", "支出方（按政府预算支出经济分类的大类）：预算数。"),
)


# The 序号 some templates print before each line (西安): kept, last among the columns
SEQ = Field("seq", "序号", LABEL, "原表每行所印序号。", only_where_named=True)


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
    *(f"carryover_{n}" for n in ("general_public", "gov_fund", "state_capital", "special_account", "unit_funds")),
)


def _split(*names_titles: tuple[str, str]) -> tuple[Field, ...]:
    """The 当年预算 and 上年结转 parts of amount columns, printed side by side per line (吉林): `current_<name>` and
    `carryover_<name>`."""
    return tuple(
        _amt(f"{part}_{name}", f"{title}（{label}）", f"{label}部分的{title}。", aliases)
        for part, label, aliases in (
            ("current", "当年预算", ("编制预算",)),
            ("carryover", "上年结转", ("上年结转结余",)),
        )
        for name, title in names_titles
    )


TABLES: tuple[TableKind, ...] = (
    TableKind(
        name="budget_summary",
        number=1,
        title="预算收支总表",
        aliases=(
            "部门收支总表",
            "单位收支总表",
            "部门预算收支总表",
            "收支预算总表",
            "部门财务收支预算总表",
            "部门综合预算收支总表",
        ),
        layout=TWO_SIDED,
        fields=(
            Field("income_item", "项目", LABEL, "收入方项目。"),
            _amt("income_amount", "金额", "收入方预算数。", ("预算数",)),
            Field("expense_item", "项目", LABEL, "支出方项目（按支出功能分类的类级科目及合计行）。"),
            _amt("expense_total", "合计", "支出方预算数合计。", ("预算数",)),
            _amt("expense_current", "当年预算安排", "支出方：当年预算安排。", ("编制预算",)),
            _amt("expense_carryover", "上年结转安排", "支出方：上年结转安排。", ("上年结转",)),
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
        layouts=(
            ("income_item", "income_amount", "expense_item", "expense_total", "expense_current", "expense_carryover"),
            ("income_item", "income_amount", "expense_item", "expense_total"),
        ),
    ),
    TableKind(
        name="income_summary",
        number=2,
        title="预算收入总表",
        aliases=("部门收入总表", "单位收入总表", "收入预算总表", "部门预算收入总表", "部门收入预算总表"),
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "收入合计（原表“合计”或“总计”栏）。", ("总计",)),
            _amt("general_public", "一般公共预算", "本年收入：一般公共预算拨款。", ("一般公共预算拨款收入",)),
            _amt(
                "gov_fund",
                "政府性基金",
                "本年收入：政府性基金预算拨款。",
                ("政府性基金预算", "政府性基金拨款", "政府性基金预算拨款收入"),
            ),
            _amt(
                "state_capital", "国有资本经营预算", "本年收入：国有资本经营预算拨款。", ("国有资本经营预算拨款收入",)
            ),
            _amt("special_account", "财政专户管理资金", "本年收入：财政专户管理资金。", ("财政专户管理资金收入",)),
            _amt("unit_funds", "单位资金", "本年收入：单位资金。"),
            _amt("carryover", "上年结转", "上年结转收入。", ("上年结转结余",)),
            _amt("fiscal_appropriation", "财政拨款收入", "财政拨款收入。"),
            _amt("business_income", "事业收入", "事业收入。"),
            _amt("operating_income", "事业单位经营收入", "事业单位经营收入。"),
            _amt("other_income", "其他收入", "其他收入。"),
            Field("unit_code", "单位编码", LABEL, "预算单位编码（按单位列示的收入表）。", ("部门（单位）代码",)),
            Field("unit_name", "单位名称", LABEL, "预算单位名称（按单位列示的收入表）。", ("部门（单位）名称",)),
            _amt("current_total", "本年收入小计", "本年收入（不含上年结转）小计。", ("小计",)),
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
            *(
                _amt(f"carryover_{n}", f"上年结转：{t}", f"上年结转结余中的{t}。", aliases)
                for n, t, aliases in (
                    ("general_public", "一般公共预算", ()),
                    ("gov_fund", "政府性基金预算", ()),
                    ("state_capital", "国有资本经营预算", ()),
                    ("special_account", "财政专户管理资金", ("专户资金结转结余",)),
                    ("unit_funds", "单位资金", ("单位资金结转结余",)),
                )
            ),
            SEQ,
        ),
        description="按支出功能分类科目（或按预算单位）列示的收入来源。",
        primary_key=("code",),
        layouts=(
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
    ),
    TableKind(
        name="expenditure_summary",
        number=3,
        title="预算支出总表",
        aliases=("部门支出总表", "单位支出总表", "支出预算总表", "部门预算支出总表", "部门支出预算总表"),
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "支出合计。", ("小计", "总计")),
            _amt("basic", "基本支出", "基本支出：人员经费和公用经费。", ("人员经费和公用经费支出",)),
            _amt("project", "项目支出", "项目支出。", ("专项业务经费支出",)),
            _amt("business_operating", "事业单位经营支出", "事业单位经营支出。"),
            _amt("remit_upper", "上缴上级支出", "上缴上级支出。"),
            _amt("subsidy_affiliates", "对附属单位补助支出", "对附属单位补助支出。"),
            _amt("carry_next", "结转下年", "结转下年。"),
            _amt("personnel", "人员支出", "基本支出中的人员支出。", ("人员经费",)),
            _amt("public_operation", "日常公用支出", "基本支出中的日常公用支出。", ("公用经费",)),
            Field("unit_code", "单位编码", LABEL, "预算单位编码（按单位列示的支出表）。", ("部门（单位）代码",)),
            Field("unit_name", "单位名称", LABEL, "预算单位名称（按单位列示的支出表）。", ("部门（单位）名称",)),
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
        layouts=(
            ("code", "name", "total", "basic", "project"),
            # by unit (西安 2019: 单位编码 | 单位名称, the department's 合计 line first, then each budget unit's)
            ("unit_code", "unit_name", "total", "basic", "project"),
            ("unit_code", "unit_name", "total", "personnel", "public_operation", "project"),
            ("seq", "unit_code", "unit_name", "total", "basic", "project"),  # a 序号 only where the header prints it
            ("seq", "unit_code", "unit_name", "total", "personnel", "public_operation", "project"),
            ("code", "name", "total", "basic", "project", "business_operating", "remit_upper", "subsidy_affiliates"),
            ("code", "name", "total", "basic", "project", "business_operating", "subsidy_affiliates", "remit_upper"),
        ),
    ),
    TableKind(
        name="fiscal_summary",
        number=4,
        title="财政拨款收支总表",
        aliases=("部门财政拨款收支总表", "单位财政拨款收支总表", "财政拨款收支预算总表", "部门财政拨款收支预算总表"),
        layout=TWO_SIDED,
        fields=(
            Field("income_item", "项目", LABEL, "收入方项目。"),
            _amt("income_amount", "金额", "收入方金额。"),
            Field("expense_item", "项目", LABEL, "支出方项目（按支出功能分类的类级科目及合计行）。"),
            _amt("expense_total", "小计", "支出方金额小计。"),
            _amt("expense_general_public", "一般公共预算", "支出方：一般公共预算。"),
            _amt("expense_gov_fund", "政府性基金预算", "支出方：政府性基金预算。"),
            _amt("expense_state_capital", "国有资本经营预算", "支出方：国有资本经营预算。"),
            _amt("income_current", "编制预算", "收入方：当年编制预算。"),
            _amt("income_carryover", "上年结转", "收入方：上年结转。"),
            _amt("expense_current", "编制预算", "支出方：当年编制预算。"),
            _amt("expense_carryover", "上年结转", "支出方：上年结转。"),
            *_ECONOMIC_BLOCKS,
            SEQ,
        ),
        description="财政拨款（一般公共预算、政府性基金预算、国有资本经营预算）的收入与支出。",
        layouts=(
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
    ),
    TableKind(
        name="general_public_expenditure",
        number=5,
        title="一般公共预算支出预算表（不含上年结转）",
        aliases=(
            "一般公共预算支出预算表",
            "一般公共预算支出表",
            "部门一般公共预算支出表",
            "一般公共预算支出情况表",
            "部门一般公共预算支出功能分类预算表",
        ),
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "一般公共预算支出合计。"),
            _amt("basic", "基本支出", "基本支出。"),
            _amt("project", "项目支出", "项目支出。", ("专项业务经费支出",)),
            _amt("personnel", "人员经费", "基本支出中的人员经费。", ("人员支出", "人员经费支出")),
            _amt("public_operation", "日常公用支出", "基本支出中的日常公用支出。", ("公用经费", "公用经费支出")),
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
        layouts=(
            ("code", "name", "total", "basic", "project"),
            ("code", "name", "total", "basic", "personnel", "public_operation", "project"),
        ),
    ),
    TableKind(
        name="general_public_basic_economic",
        number=6,
        title="一般公共预算安排基本支出分经济科目表（不含上年结转）",
        aliases=(
            "一般公共预算安排基本支出分经济科目表",
            "一般公共预算基本支出表",
            "一般公共预算基本支出情况表",
            "部门一般公共预算基本支出表",
            "部门一般公共预算基本支出部门预算经济分类预算表",
            "一般公共预算基本支出经济分类表",
        ),
        layout=ECONOMIC,
        fields=(
            Field(
                "economic_code",
                "编码",
                CODE,
                "部门预算经济分类科目编码（类3位，款照原表所印）。",
                ("部门预算经济分类科目编码", "部门经济科目编码"),
            ),
            Field(
                "dept_economic_name",
                "部门预算支出经济科目名称",
                LABEL,
                "部门预算支出经济分类科目；类级行的政府预算经济科目为空。",
                ("经济分类科目名称", "部门支出经济分类科目", "部门经济科目名称"),
            ),
            Field(
                "gov_economic_code",
                "政府预算经济分类科目编码",
                CODE,
                "对应的政府预算支出经济分类科目编码。",
                ("政府经济科目编码",),
            ),
            Field(
                "gov_economic_name",
                "政府预算支出经济科目名称",
                LABEL,
                "对应的政府预算支出经济分类科目。",
                ("政府支出经济分类科目", "政府经济科目名称"),
            ),
            Field(
                "level", "层级", LEVEL, "“类”为部门预算支出经济分类的类级汇总行，“款”为其下的明细行；合计行为“合计”。"
            ),
            _amt("total", "合计", "基本支出合计。"),
            _amt("personnel", "人员经费", "人员经费。", ("人员经费支出",)),
            _amt("public_operation", "公用经费", "公用经费。", ("公用经费支出",)),
            Field("remark", "备注", LABEL, "原表备注栏。"),
            *_split(("total", "小计"), ("personnel", "人员经费"), ("public_operation", "公用经费")),
            SEQ,
        ),
        description="一般公共预算安排的基本支出，按支出经济分类科目列示，分人员经费和公用经费。",
        primary_key=("dept_economic_name",),
        alternate_keys=(("economic_code",),),
        layouts=(
            ("dept_economic_name", "gov_economic_name", "total", "personnel", "public_operation"),
            ("economic_code", "dept_economic_name", "total", "personnel", "public_operation"),
        ),
    ),
    TableKind(
        name="gov_fund_income",
        number=7,
        title="政府性基金预算收入表（不含上年结转）",
        aliases=("政府性基金预算收入表", "政府性基金收入表"),
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
        aliases=(
            "政府性基金预算支出表",
            "政府性基金支出表",
            "部门政府性基金预算支出表",
            "部门政府性基金预算支出功能分类预算表",
        ),
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
        aliases=(
            "国有资本经营预算收支预算表",
            "国有资本经营预算支出表",
            "部门国有资本经营预算支出表",
            "部门国有资本经营预算支出功能分类预算表",
        ),
        layout=STATE_CAPITAL,
        fields=(
            Field("income_code", "收入科目编码", CODE, "国有资本经营预算收入科目编码。"),
            Field("income_name", "科目名称", LABEL, "收入科目名称。"),
            _amt("income_amount", "国有资本经营收入预算", "国有资本经营收入预算。"),
            Field("expense_code", "科目编码", CODE, "支出功能分类科目编码。", ("功能分类科目编码",)),
            Field("expense_name", "科目名称", LABEL, "支出科目名称。", ("功能分类科目名称",)),
            _amt("expense_total", "合计", "支出合计。"),
            _amt("expense_basic", "基本支出", "基本支出。"),
            _amt("expense_project", "项目支出", "项目支出。"),
        ),
        description="国有资本经营预算的收入与支出。",
        layouts=(
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
    ),
    TableKind(
        name="three_public",
        number=10,
        title="一般公共预算“三公”经费支出预算表",  # also 一般公共预算“三公”经费预算表 (浙江)
        aliases=(
            "“三公”经费支出预算表",
            "财政拨款“三公”经费支出表",
            "一般公共预算“三公”经费支出表",
            "“三公”经费预算表",
            "一般公共预算“三公”经费预算表",
            "财政拨款预算“三公”经费支出表",
            "财政拨款安排的行政经费及“三公”经费预算表",
        ),
        layout=LABELLED,
        fields=(
            Field("item", "项目", LABEL, "“三公”经费项目：因公出国（境）费、公务接待费、公务用车购置及运行费。"),
            _amt("total", "合计", "合计。"),
            _amt("general_public", "一般公共预算", "一般公共预算。"),
            _amt("gov_fund", "政府性基金预算", "政府性基金预算。"),
            _amt("state_capital", "国有资本经营预算", "国有资本经营预算。"),
        ),
        description="“三公”经费（三公经费）：因公出国（境）费、公务接待费、公务用车购置及运行费的预算。",
        primary_key=("item",),
        layouts=(("item", "total", "general_public", "gov_fund", "state_capital"), ("item", "total")),
    ),
    TableKind(
        name="operating_costs",
        number=11,
        title="机关运行经费预算财政拨款情况统计表",
        aliases=("机关运行经费预算表", "机关运行经费支出预算表", "机关运行经费情况表"),
        layout=LABELLED,
        fields=(
            Field("unit_name", "单位名称", LABEL, "单位名称；“部门合计”为部门汇总行。"),
            _amt("total", "合计", "合计。"),
            _amt("general_public", "一般公共预算", "一般公共预算。"),
            _amt("gov_fund", "政府性基金预算", "政府性基金预算。"),
            _amt("state_capital", "国有资本经营预算", "国有资本经营预算。"),
        ),
        description="行政单位和参公事业单位使用财政拨款安排的基本支出中的公用经费（机关运行经费）。",
        primary_key=("unit_name",),
        layouts=(("unit_name", "total", "general_public", "gov_fund", "state_capital"), ("unit_name", "total")),
    ),
    TableKind(
        name="projects_current",
        number=12,
        title="项目支出预算表（本年预算）",
        aliases=("项目支出预算表", "项目支出表", "部门项目支出预算表", "专项业务经费支出表"),  # 专项业务经费: 西安
        layout=LABELLED,
        fields=(
            Field("unit_name", "单位名称", LABEL, "实施项目的单位。"),
            Field("project_name", "项目名称", LABEL, "项目名称（单元格内折行已合并）。"),
            _amt("total", "合计", "合计。", ("总计",)),
            _amt("general_public", "一般公共预算", "财政拨款：一般公共预算。"),
            _amt("gov_fund", "政府性基金预算", "财政拨款：政府性基金预算。", ("政府性基金",)),
            _amt("state_capital", "国有资本经营预算", "财政拨款：国有资本经营预算。"),
            _amt("special_account", "财政专户管理资金", "财政专户管理资金。"),
            _amt("unit_funds", "单位资金", "单位资金。"),
        ),
        description="本年预算安排的项目支出，逐个项目列示。",
        primary_key=("project_name",),
        alternate_keys=(("unit_name", "project_name"),),
        layouts=(
            ("project_name", "total", "general_public", "gov_fund", "state_capital", "special_account", "unit_funds"),
        ),
    ),
    TableKind(
        name="projects_carryover",
        number=13,
        title="项目支出预算表（上年结转）",
        aliases=("上年结转项目支出预算表", "项目支出预算表（结转）"),
        layout=LABELLED,
        fields=(
            Field("project_name", "项目名称", LABEL, "项目名称（单元格内折行已合并）。"),
            _amt("total", "合计", "合计。"),
            _amt("general_public", "一般公共预算", "财政拨款：一般公共预算。"),
            _amt("gov_fund", "政府性基金预算", "财政拨款：政府性基金预算。"),
            _amt("state_capital", "国有资本经营预算", "财政拨款：国有资本经营预算。"),
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
        Field(f"{side}_line", "行次", LABEL, _LINE_NOTE, only_where_named=True),
    )


FINAL_TABLES: tuple[TableKind, ...] = (
    TableKind(
        name="final_summary",
        number=1,
        title="收入支出决算总表",
        aliases=("部门收入支出决算总表", "收支决算总表", "部门收支决算总表"),
        layout=TWO_SIDED,
        fields=(
            *_final_side("income", "收入方"),
            _amt("income_amount", _FINAL_AMOUNT, "收入方决算数。", ("金额",)),
            *_final_side("expense", "支出方（按支出功能分类的类级科目及合计、结转结余行）"),
            _amt("expense_amount", _FINAL_AMOUNT, "支出方决算数。", ("金额",)),
        ),
        description="部门本年度的总收支和年末结转结余：左侧为收入来源及年初结转和结余，右侧为按功能分类的支出、"
        "结余分配及年末结转和结余。",
        layouts=(("income_item", "income_amount", "expense_item", "expense_amount"),),
    ),
    TableKind(
        name="final_income",
        number=2,
        title="收入决算表",
        aliases=("部门收入决算表",),
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "本年收入合计", "本年收入合计。", ("合计",)),
            _amt("fiscal_appropriation", "财政拨款收入", "财政拨款收入。"),
            _amt("upper_subsidy", "上级补助收入", "上级补助收入。"),
            _amt("business_income", "事业收入", "事业收入。"),
            _amt("operating_income", "经营收入", "事业单位经营收入。", ("事业单位经营收入",)),
            _amt("affiliate_remit", "附属单位上缴收入", "附属单位上缴收入。"),
            _amt("other_income", "其他收入", "其他收入。"),
        ),
        description="按支出功能分类科目列示的本年各项收入。",
        primary_key=("code",),
        layouts=(
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
    ),
    TableKind(
        name="final_expenditure",
        number=3,
        title="支出决算表",
        aliases=("部门支出决算表",),
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "本年支出合计", "本年支出合计。", ("合计",)),
            _amt("basic", "基本支出", "基本支出。"),
            _amt("project", "项目支出", "项目支出。"),
            _amt("remit_upper", "上缴上级支出", "上缴上级支出。"),
            _amt("business_operating", "经营支出", "事业单位经营支出。", ("事业单位经营支出",)),
            _amt("subsidy_affiliates", "对附属单位补助支出", "对附属单位补助支出。"),
        ),
        description="按支出功能分类科目列示的本年各项支出，分基本支出、项目支出、上缴上级支出、经营支出和对附属单位补助支出。",
        primary_key=("code",),
        layouts=(
            ("code", "name", "total", "basic", "project", "remit_upper", "business_operating", "subsidy_affiliates"),
        ),
    ),
    TableKind(
        name="final_fiscal_summary",
        number=4,
        title="财政拨款收入支出决算总表",
        aliases=("部门财政拨款收入支出决算总表", "财政拨款收支决算总表"),
        layout=TWO_SIDED,
        fields=(
            *_final_side("income", "收入方"),
            _amt("income_amount", _FINAL_AMOUNT, "收入方决算数。", ("金额",)),
            *_final_side("expense", "支出方（按支出功能分类的类级科目及合计、结转结余行）"),
            _amt("expense_total", "合计", "支出方决算数合计。", ("小计",)),
            _amt(
                "expense_general_public",
                "一般公共预算财政拨款",
                "支出方：一般公共预算财政拨款。",
                ("一般公共预算", "一般公共预算财政拨款支出"),
            ),
            _amt(
                "expense_gov_fund",
                "政府性基金预算财政拨款",
                "支出方：政府性基金预算财政拨款。",
                ("政府性基金预算", "政府性基金预算财政拨款支出"),
            ),
            _amt(
                "expense_state_capital",
                "国有资本经营预算财政拨款",
                "支出方：国有资本经营预算财政拨款。",
                ("国有资本经营预算", "国有资本经营预算财政拨款支出"),
            ),
        ),
        description="财政拨款（一般公共预算、政府性基金预算、国有资本经营预算）本年度的总收支和年末结转结余。",
        layouts=(
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
    ),
    TableKind(
        name="final_general_public_expenditure",
        number=5,
        title="一般公共预算财政拨款支出决算表",
        aliases=("部门一般公共预算财政拨款支出决算表",),
        layout=CLASSIFICATION,
        fields=(
            _code(),
            _name(),
            _LEVEL,
            _amt("total", "合计", "一般公共预算财政拨款支出合计。", ("本年支出合计", "小计")),
            _amt("basic", "基本支出", "基本支出。"),
            _amt("project", "项目支出", "项目支出。"),
        ),
        description="一般公共预算财政拨款本年度的实际支出，按功能分类科目列示，分基本支出和项目支出。",
        primary_key=("code",),
        layouts=(("code", "name", "total", "basic", "project"),),
    ),
    TableKind(
        name="final_general_public_basic_economic",
        number=6,
        title="一般公共预算财政拨款基本支出决算表",
        aliases=("部门一般公共预算财政拨款基本支出决算表",),
        layout=LABELLED,
        fields=(
            Field("personnel_economic_code", "科目编码", CODE, "人员经费：经济分类科目编码。", ("经济分类科目编码",)),
            Field("personnel_name", "科目名称", LABEL, "人员经费：经济分类科目名称；末行为“人员经费合计”。"),
            _amt("personnel_amount", _FINAL_AMOUNT, "人员经费：决算数。", ("金额",)),
            Field("public_economic_code", "科目编码", CODE, "公用经费：经济分类科目编码。", ("经济分类科目编码",)),
            Field("public_name", "科目名称", LABEL, "公用经费：经济分类科目名称；末行为“公用经费合计”。"),
            _amt("public_amount", _FINAL_AMOUNT, "公用经费：决算数。", ("金额",)),
        ),
        description="一般公共预算财政拨款基本支出，按经济分类科目列示：左为人员经费，右为公用经费，照原表并排。",
        layouts=(
            (
                "personnel_economic_code",
                "personnel_name",
                "personnel_amount",
                "public_economic_code",
                "public_name",
                "public_amount",
            ),
        ),
    ),
    TableKind(
        name="final_three_public",
        number=7,
        title="财政拨款“三公”经费支出决算表",
        aliases=("一般公共预算财政拨款“三公”经费支出决算表", "部门财政拨款“三公”经费支出决算表"),
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
            aliases=(f"部门{fund}财政拨款收入支出决算表", f"{fund}财政拨款收支决算表"),
            layout=CLASSIFICATION,
            fields=(
                _code(),
                _name(),
                _LEVEL,
                _amt("carryover_start", "年初结转和结余", "年初结转和结余。"),
                _amt("income", "本年收入", "本年收入。"),
                _amt("expense_total", "本年支出：合计", "本年支出合计。", ("本年支出：小计",)),
                _amt("expense_basic", "本年支出：基本支出", "本年支出中的基本支出。"),
                _amt("expense_project", "本年支出：项目支出", "本年支出中的项目支出。"),
                _amt("carryover_end", "年末结转和结余", "年末结转和结余。"),
            ),
            description=f"{fund}财政拨款本年度的收入、支出及结转和结余，按功能分类科目列示。",
            primary_key=("code",),
            layouts=(
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
            ),
        )
        for name, number, fund in (
            ("final_gov_fund", 8, "政府性基金预算"),
            ("final_state_capital", 9, "国有资本经营预算"),
        )
    ),
)
# The rows of a 收入支出决算总表 (and 财政拨款收入支出决算总表) the 总计 identities are made of, by their printed words
FINAL_GRAND_TOTAL = "总计"
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
    ("final_fiscal_summary", "expense_total", ("expense_general_public", "expense_gov_fund", "expense_state_capital")),
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
FINAL_FISCAL_INCOME = "财政拨款"  # 一、一般公共预算财政拨款收入 … 三、国有资本经营预算财政拨款收入: Σ = 财政拨款收入
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
# 情况说明: sentences and figures of a 决算's explanations
FINAL_PLANNED = r"(?P<which>年初|全年|调整)?预算(?:数)?(?:为|是)?"
FINAL_SPENT = r"(?:支出)?决算(?:数)?(?:为|是)?"
FINAL_COMPLETION = r"完成(?P<which>年初|全年|调整)?预算(?:数)?的"
FINAL_DIRECTION = (
    r"决算数(?:比)?(?:同|与|较)?(?P<which>年初|全年|调整)?(?:预算数)?(?P<word>大于|小于|等于|持平|基本持平)"
)
FINAL_DIRECTION_AFTER = r"决算数(?:同|与)(?P<which>年初|全年|调整)?预算数(?P<word>持平|相等|一致)"
FINAL_ITEM = r"^\s*\d+[、.．]\s*(?P<cls>[^（(]+)[（(]类[)）](?P<kuan>[^（(]+)[（(]款[)）](?P<xiang>[^（(]+)[（(]项[)）]"
FINAL_REASON = r"(?:主要原因|原因)[是为：:]*(?P<reason>[^。]*)"
FINAL_CHANGE = r"(?:与|比|较)\s*(?P<year>(?:19|20)\d{2})\s*年度?(?:相比)?"
FINAL_SUBJECT_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年度(?:部门)?(?:收入支出|财政拨款|“三公”|预算绩效|政府采购|无)"
# the two measures of the 决算's “三公” table, by the header printed over each column
FINAL_THREE_PUBLIC_MEASURES = {"预算数": "budget", "决算数": "final"}
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


def find_table(printed_title: str) -> TableKind | None:
    """The table kind a printed title names, or None when the title is not a standard table."""
    for kind in ALL_TABLES:
        if kind.matches(printed_title):
            return kind
    return None


# Resources that are not among the national tables but are part of every package.
@dataclass(frozen=True)
class ExtraResource:
    name: str
    title: str
    fields: tuple[Field, ...]
    description: str
    primary_key: tuple[str, ...] = ()
    amount_unit: str | None = None


_FORM_MONEY = [
    ("plan", "实施期"),
    ("year", "年度"),
]
_FUND_SOURCES = [
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
            for p, pt in _FORM_MONEY
            for s, st in _FUND_SOURCES
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

# The national 项目支出绩效目标申报表 (实施期 and 年度 side by side); other templates print other subsets.
NATIONAL_FORM_FIELDS = (
    "form",
    "project_name",
    "department",
    "implementer",
    "attribute",
    "period",
    *(f"{p}_{s}" for p, _ in _FORM_MONEY for s, _ in _FUND_SOURCES),
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

# What a 决算's 情况说明 states of the matters no 决算 table prints: each subject, the words that open a sentence
# about it, and the units a stated figure of it is counted in (a figure is read with the words before it)
FINAL_STATED_SUBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("机关运行经费", ("机关运行经费",)),
    ("政府采购", ("政府采购", "中小企业", "小微企业")),
    ("国有资产占用", ("车辆", "通用设备", "专用设备", "以上设备", "国有资产")),
)
FINAL_STATED_UNITS = ("万元", "元", "辆", "台（套）", "台(套)", "台", "套", "%")
# words around a figure that say nothing of what it is
FINAL_STATED_FILLER = (
    r"^(?:截至\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|其中|合计|共计|共有|总计)|(?:为|是|达|共计|共有|合计)$"
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


def unit_factor(from_unit: str, to_unit: str) -> Decimal:
    """The exact factor that turns an amount in `from_unit` into `to_unit` (元 → 万元: 0.0001)."""
    return UNITS_IN_YUAN[from_unit] / UNITS_IN_YUAN[to_unit]


# ---------------------------------------------------------------------------------------------
# Check vocabulary: the printed row labels the fiscal identities rely on, and what each check is called.

# Statuses of a check result, and what the pages call them.
PASS, ROUNDING, ERROR, UNCHECKED, SOURCE_ERROR = "pass", "rounding", "error", "unchecked", "source-error"
STATUS_ZH = {PASS: "通过", ROUNDING: "舍入差异", ERROR: "不一致", UNCHECKED: "未核对", SOURCE_ERROR: "原文不一致"}
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

# The classes (类) of the national function classification of expenditure (政府收支分类科目), by printed name: where a
# table prints only the 款 or 项 rows of a class, its rows are found by this code.
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
# What a side's 总计 is checked as: the 本年合计 plus every item printed between the two (named in the check)
TOTAL_SPAN_WORDS = {"income": ("收入总计", "本年收入合计"), "expense": ("支出总计", "本年支出合计")}
PART_OF_ABOVE = "其中"  # a line that is part of the item above it (其中：财政拨款资金结转), as are the lines after it
# The numbering before an item of a two-sided table or a list (一、 1、 （一） (1)), dropped to compare its name
ITEM_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+、|（[一二三四五六七八九十]+）|[（(]\d+[)）])\s*")
SEQUENCE = "[一二三四五六七八九十]+、"  # 一、 二、 … before an item of a two-sided table
ITEM_NUMBERING = r"[（(]?[一二三四五六七八九十\d]+[、.．)）]"  # 一、 (一) 1. before an item
TOTAL_CODE = "合计"  # the code cell of a classification table's total row, and its level
UNIT_TOTALS = ("部门合计", "合计")  # the total row of a table with one row per unit (机关运行经费)
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
THREE_PUBLIC_TOTALS = ("合计", "总计", "总额", "小计")  # 合计, 总计, “三公”经费合计, …预算总额
THREE_PUBLIC_CAR = "公务用车购置及运行费"
THREE_PUBLIC_CAR_PARTS = ("购置费", "运行费")
THREE_PUBLIC_CAR_PART_MARKS = ("①", "②")
# In a label, which “三公” row a stated figure names: the most specific first.
THREE_PUBLIC_WORDS = (
    ("购置及运行", ("公务用车购置及运行费",)),
    ("购置费", ("①公务用车购置费", "购置费")),
    ("购置", ("①公务用车购置费", "购置费")),  # 公务用车购置 without its 费
    ("运行", ("②公务用车运行维护费", "运行费")),
    ("因公出国", ("因公出国境费",)),
    ("公务接待", ("公务接待费",)),
    ("公务用车", ("公务用车购置及运行费",)),
)
THREE_PUBLIC_MENTION = "三公|因公出国|公务接待|公务用车"
# The classification tables whose 类 = Σ款 = Σ项, and those whose rows split into 基本支出 + 项目支出.
HIERARCHY_TABLES = (
    "income_summary",
    "expenditure_summary",
    "general_public_expenditure",
    "gov_fund_income",
    "gov_fund_expenditure",
)
BASIC_PROJECT_TABLES = ("expenditure_summary", "general_public_expenditure", "gov_fund_expenditure")
# what a row of those tables adds up to: 基本支出 + 项目支出, plus the columns some provinces print beside them
EXPENDITURE_COLUMNS = (("项目支出", "project"), ("基本支出", "basic"))  # words in a paragraph's subject
FISCAL_SUBJECT = "财政拨款"  # a paragraph about 财政拨款 lists the classes of the 财政拨款收支总表's expense side
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
INCOME_CARRYOVER_PARTS = INCOME_BY_PART[INCOME_BY_PART.index("carryover") + 1 :]


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


FISCAL_SOURCES = ("general_public", "gov_fund", "state_capital")
ROW_TOTAL_TABLES = ("projects_current", "projects_carryover", "operating_costs", "three_public")
# the columns of a two-sided table's expense side that add up to its 合计: the first set the table prints
TWO_SIDED_PARTS = {
    "budget_summary": (("expense_current", "expense_carryover"), ("expense_basic", "expense_project")),
    "fiscal_summary": (("expense_general_public", "expense_gov_fund", "expense_state_capital"),),
}
# The sources of income a 收入总表 prints as columns, by the words that name them in an income item
INCOME_SOURCES = {
    "general_public": "一般公共预算",
    "gov_fund": "政府性基金",
    "state_capital": "国有资本经营",
    "special_account": "财政专户(?:管理资金|拨款)?",
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
        **{f"expense_{fund}": (fund, "all", "total") for fund in FISCAL_SOURCES},
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
FIGURE_PART_ITEMS = (("basic", BASIC_ITEMS), ("project", PROJECT_ITEMS))
FIGURE_TOTAL_ITEMS = (EXPENSE_SUBTOTAL, EXPENSE_HEADING)
# The income side of a two-sided table: an item naming a source (the whole label after its numbering, e.g.
# 一般公共预算拨款收入, 本级财政拨款收入) is this year's income from it, the 收入总表's column of that name
FIGURE_INCOME_ITEM = ("income_item", "income_amount")
FIGURE_INCOME_TABLE = "income_summary"  # whose column titles name the sources
FIGURE_INCOME_END = "(?:预算)?(?:拨款)?(?:收入)?(?:资金)?"
# the 上年结转 line: all that was carried over in the 收支总表, only the 财政拨款 in the 财政拨款收支总表
FIGURE_INCOME_CARRYOVER = ("上年结转(?:结余)?|上年结余、结转", {"budget_summary": "all", "fiscal_summary": FISCAL})
FIGURE_WORDS = {
    "all": "",
    FISCAL: "财政拨款",
    "general_public": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
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
    "projects": "支出总表的项目支出应等于项目支出预算表（本年预算）各项目之和",
    "same-figure": "同一数字印在两处",
    "operating-costs": "机关运行经费应等于一般公共预算基本支出中的公用经费（名词解释：机关运行经费指基本支出中的公用经费）",
}

# ---------------------------------------------------------------------------------------------
# Narrative vocabulary: how the explanations (第三部分) state figures, and which table figure a label names.

# The units an explanation states amounts in, longest first (so 万元 is not read as 元).
TEXT_UNITS = tuple(sorted(UNITS_IN_YUAN, key=len, reverse=True))
# Labels whose figure has no counterpart in the tables, and why.
NARRATIVE_NO_TABLE = (
    ("政府采购", "政府采购预算在公开的报表中没有对应数字"),
    ("执行数|决算数", "上年执行数在本文件的报表中没有对应数字"),
    ("(增加|减少|增长|下降|增减|持平)$", "增减额在本文件的报表中没有对应数字"),
    ("^含|[（(]含", "括号中所含的金额是前一项的一部分，报表中没有对应数字"),
    ("[≤≥<>＜＞=＝]$", "绩效指标的目标值（≤、≥ 之后的数字）在报表中没有对应数字"),
    ("每(辆|人|次|台|套|平方米|天|月|年|个|批)", "单价（每……）在报表中没有对应数字"),
    ("批复额度|控制数", "批复额度（控制数）是核定的额度，不是报表中的预算数"),
)
# money a matter 涉及 (其他运转类项目和特定目标类项目均实行绩效目标管理，涉及一般公共预算当年拨款…): a part of that fund
NARRATIVE_INVOLVED = (
    "^涉及(?!项目)",
    "“涉及”的金额是所述事项（如实行绩效目标管理的项目）所用的资金，是报表中某项资金的一部分，不是其总额",
)
# A sentence about several units or a part of the department (本级; 所属各预算单位; A中心、B中心等2个事业单位): the
# tables are the whole department's, so its figures are not compared with them. 本级和所属单位 is the whole.
NARRATIVE_PART_OF_DEPARTMENT = (
    r"\d+\s*个[^，,；;。]{0,8}单位"
    r"|(?:所属|下属|直属|二级|三级|基层)[^，,；;。]{0,6}单位"
    r"|本级(?!财政|政府|和|及|与|、)"
    r"|[\u4e00-\u9fff]{2,}(?:中心|站|院|队|馆)[、和及与][\u4e00-\u9fff]{2,}(?:中心|站|院|队|馆)"
)
NARRATIVE_WHOLE_DEPARTMENT = r"本级[和及与、][^，,；;。]{0,4}(?:所属|下属|直属|二级)"
NARRATIVE_PART_OF_DEPARTMENT_WHY = "这句说的是几个单位或部门的一部分，不能与全部门的报表相比"
# A label that names one unit or office before what it states (西安市社会科学院日常公用经费, 西安地区科技交流中心公用经费
# 预算, 局机关日常公用经费): that unit's figure, not the department's. Not the unit's own name, nor 本院/本中心.
NARRATIVE_ONE_UNIT = (
    r"(?<!本)[\u4e00-\u9fff]{2,}?(?:中心|研究院|科学院|学院|医院|院|站|队|馆|所|处)"
    r"(?=的?(?:日常|全年|年度)?(?:人员经费|公用经费|基本支出|项目支出|经费|支出|收入|预算))"
)
NARRATIVE_OWN = "本我该"  # 本中心, 我院, 该所: the unit itself
# what stands before a unit's name in a label and is not part of it: the year (2026年…), a joining word (减少…)
NARRATIVE_NAME_SPLIT = r"[年度的和及与、]"
NARRATIVE_NAME_LEAD = r"^(?:减少|增加|其中|包括|主要是|用于)"
NARRATIVE_OFFICE = (
    r"(?:局|委|厅|办|部)机关(?!运行|事业|服务)|机关本级"  # the bureau's own office, a part of the department
)
NARRATIVE_ONE_UNIT_WHY = "这一数字说的是“{}”，是部门中的一个单位或部分，不能与全部门的报表相比"
# A classification code printed with an item (进修及培训（20508）, 2069999-其他科学技术支出, 机关工资福利支出（501））:
# the code, not the name, says which row the figure is.
NARRATIVE_CODE = (
    r"(?:[（(]|(?<![\d.,]))([235]\d{2}(?:\d{2}){0,2})[)）]"
    r"|(?<![\d.,])([235]\d{2}(?:\d{2}){0,2})\s?[-—－、.．:：]?\s?(?=[\u4e00-\u9fff])(?![个人名辆台套项次年月日天万元亿千])"
)
NARRATIVE_NO_CODE_WHY = "科目编码{}在与之口径相同的报表中没有对应的一行"
# “A（类）B（款）C（项）”: an item of the function classification named by its three names
NARRATIVE_CLASSIFIED = r"“?([^“”（）]+)（类）([^“”（）]+)（款）([^“”（）]+)（项）”?$"
NARRATIVE_CLASSIFIED_WHY = "说明按“类、款、项”名称列出的科目，报表中没有按科目编码印出同名的这一项，无法确定对应的行"
# what may follow a project's name before its figure (“某某项目”预算…): the name itself decides
NARRATIVE_PROJECT_END = r"[”\"]?(?:项目)?(?:经费|资金)?(?:预算)?(?:安排)?(?:为|是)?$"
NARRATIVE_SHARE_TAIL = (
    "差一个末位单位：各项占比各自四舍五入合计为{rounded}%，说明调整尾差后合计为{printed}%，属舍入尾差，不是错误。"
)
NARRATIVE_CODE_SCOPE_WHY = "科目编码{}在全部资金和一般公共预算两张表中印的数字不同，说明没有写明是哪一种口径"
# the same code in brackets after an item's name (行政事业单位养老支出（20805）)
NARRATIVE_CODE_IN_BRACKETS = r"[（(][235]\d{2}(?:\d{2}){0,2}[)）]"
NARRATIVE_OTHER_ITEM = "其他"  # 其他科学技术支出 is an item of its own, not the class 科学技术支出
# Words that open a breakdown of the item stated before them (…（20508）102.32万元…具体为：人员经费…；公用经费…).
NARRATIVE_BREAKDOWN = r"具体为|具体是|具体包括|分别为|其中"
NARRATIVE_BREAKDOWN_WHY = "这一数字是“{}”的细分，不是全部门的合计"
# The year a figure is of: the last year named before it in its sentence, unless compared with (比2021年增加…).
NARRATIVE_YEAR = r"(?<![比较与同])(?<![比较与同]\s)(\d{4})\s*年(?!\s*(?:相比|比较|对比))"
NARRATIVE_OTHER_YEAR_WHY = "这一数字说的是{}年，不是本文件所列{}年的数字"
# What may stand before the word of a grand total (收入预算, 支出总计) when the figure is the whole: the year, the
# department or unit, numbering; anything else (上级专项转移支付支出预算, 财政拨款收入预算) names a part of it.
NARRATIVE_WHOLE_SUBJECT = (
    r"(?:\d{4}\s*年度?|本级[和及与、](?:所属|下属|直属|二级)各?(?:预算)?单位|[（(]?[一二三四五六七八九十\d]+[、.．)）]|本部门|本单位|部门|单位|本级|全年|年度|本年|当年|年初|"
    r"综合|全部|总体|相应安排|相应|收入|收支|的|共|合计|预算|\s)*"
)
# the unit named in another form before a grand total (2026年市公安局部门预算收入): the unit itself
NARRATIVE_UNIT_NAME = r"[\u4e00-\u9fff（）()]*(?:局|委员会|委|办公室|办|厅|部|署|中心|院|会|社)(?:[（(]本级[)）])?"
NARRATIVE_PART_OF_TOTAL_WHY = "“{}”是{}中的一部分，不是报表中的{}"
# Figures that may include last year's carry-over (政府性基金预算收入380.00万元 = 本年300.00 + 结转80.00) unless the
# label says this year's.
NARRATIVE_THIS_YEAR = r"当年|本年|年初"
NARRATIVE_CARRIED_WHY = "报表中{}印有上年结转{}，说明的数字可能含上年结转，与本年数{}不同，未能确定口径"
NARRATIVE_FISCAL = "财政拨款"  # 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营预算, not all funds
NARRATIVE_FISCAL_SPLIT_WHY = (
    "报表没有印出财政拨款（含政府性基金、国有资本经营预算）的{}，只印了全部资金或一般公共预算的"
)
# A paragraph whose first figure names this fund (2026年一般公共预算财政拨款收入…) states that fund's 基本支出 and 项目支出.
NARRATIVE_FUND_SUBJECT = "一般公共预算"
PERFORMANCE_PROJECTS_SENTENCE = "绩效目标管理的项目"
OPERATING_COSTS_WORD = "机关运行经费"
FUNDS = (
    ("一般公共预算", "general_public", "一般公共预算"),
    ("政府性基金", "gov_fund", "政府性基金"),
    ("国有资本经营", "state_capital", "国有资本经营预算"),
)
INCOME_FUNDS = (*FUNDS, ("财政专户", "special_account", "财政专户管理资金"), ("单位资金", "unit_funds", "单位资金"))
SUMMARY_INCOME_ITEMS = ("财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")


@dataclass(frozen=True)
class FigureRule:
    """A stated figure whose label matches `label` (a regular expression searched in the label, none of `unless`)
    is the `column` of the first row of `table` whose `row_field` matches `row` (a regular expression matched in
    full); `what` names it on the pages."""

    label: str
    table: str
    row_field: str
    row: str
    column: str
    what: str
    unless: str = ""
    whole: bool = False  # a grand total: only the year, the department and the like may stand before the word


# Tried in order, after the project, function-class and “三公” matches.
FIGURE_RULES = (
    FigureRule(
        "人员经费",
        "general_public_basic_economic",
        "level",
        "合计",
        "personnel",
        "合计的人员经费",
        "(临聘|编外|聘用|派遣|借调)人员经费",  # the cost of one kind of staff, not the total
    ),
    FigureRule("公用经费", "general_public_basic_economic", "level", "合计", "public_operation", "合计的公用经费"),
    FigureRule(
        "一般公共预算.*基本支出|基本支出.*一般公共预算",
        "general_public_expenditure",
        "code",
        "合计",
        "basic",
        "合计的基本支出",
    ),
    FigureRule(
        "一般公共预算.*项目支出|项目支出.*一般公共预算",
        "general_public_expenditure",
        "code",
        "合计",
        "project",
        "合计的项目支出",
    ),
    FigureRule("基本支出", "expenditure_summary", "code", "合计", "basic", "合计的基本支出"),
    # 项目支出 after nothing, a numbering, a year or the unit, not after a project's own name (…评审项目支出)
    FigureRule(
        "(?:^|[）)年中的位门局级算])项目支出", "expenditure_summary", "code", "合计", "project", "合计的项目支出"
    ),
    *(
        FigureRule(
            f"(支出.*{word})|({word}.*支出)",
            "fiscal_summary",
            "expense_item",
            "支出总计",
            f"expense_{col}",
            f"支出总计的{what}",
        )
        for word, col, what in FUNDS
    ),
    FigureRule("财政拨款支出", "fiscal_summary", "expense_item", "支出总计", "expense_total", "支出总计"),
    FigureRule("财政拨款收支", "fiscal_summary", "income_item", "收入总计", "income_amount", "收入总计"),
    *(  # one fund's 当年拨款收入 is that fund's line of the income side, not the side's total
        FigureRule(
            f"{word}.*当年拨款收入",
            "fiscal_summary",
            "income_item",
            f"(?:{ITEM_NUMBERING})?{word}.*",
            "income_amount",
            f"收入方的{what}",
        )
        for word, _, what in FUNDS
    ),
    FigureRule("当年拨款收入", "fiscal_summary", "income_item", "本年收入合计.*", "income_amount", "本年收入合计"),
    FigureRule("上年结转收入", "fiscal_summary", "income_item", "上年.*", "income_amount", "上年财政拨款结转"),
    FigureRule("上年结转", "budget_summary", "income_item", "上年结转.*", "income_amount", "上年结转"),
    FigureRule(
        "本年预算安排",
        "budget_summary",
        "expense_item",
        "本年支出合计.*",
        "expense_current",
        "本年支出合计的当年预算安排",
    ),
    FigureRule("本年收入", "budget_summary", "income_item", "本年收入合计.*", "income_amount", "本年收入合计"),
    *(
        FigureRule(
            f"{item}$",
            "budget_summary",
            "income_item",
            f"(?:{SEQUENCE})?{item}",
            "income_amount",
            item,
            unless="一般公共预算",
        )
        for item in SUMMARY_INCOME_ITEMS
    ),
    FigureRule(
        "收入总计|(预算收入|收入预算)$",
        "budget_summary",
        "income_item",
        "收入总计|收入合计",
        "income_amount",
        "收入总计",
        unless="一般公共预算收入|政府性基金预算收入|国有资本经营预算收入",
        whole=True,
    ),
    FigureRule(
        "支出总计|支出预算$",
        "budget_summary",
        "expense_item",
        "支出总计|支出合计",
        "expense_total",
        "支出总计",
        whole=True,
    ),
    FigureRule(
        "当年拨款.*一般公共预算|一般公共预算.*当年拨款", "general_public_expenditure", "code", "合计", "total", "合计"
    ),
    *(  # the fund named last (…一般公共预算拨款收入), not a use of it (一般公共预算安排委托业务费)
        FigureRule(
            f"{word}[预算拨款收入管理资金]{{0,8}}$", "income_summary", "code", "合计", col, f"合计的{what}", "项目"
        )
        for word, col, what in INCOME_FUNDS
    ),
)

# stated figure → table figure: label (searched), table, row field, row (full match), column, what
FINAL_FIGURE_RULES = (
    FigureRule(
        "财政拨款收入支出总计",
        "final_fiscal_summary",
        "income_item",
        "总计",
        "income_amount",
        "财政拨款收入支出决算总表的总计",
    ),
    FigureRule("收入支出总计", "final_summary", "income_item", "总计", "income_amount", "收入支出决算总表的总计"),
    FigureRule("本年收入合计", "final_summary", "income_item", "本年收入合计", "income_amount", "本年收入合计"),
    FigureRule("本年支出合计", "final_summary", "expense_item", "本年支出合计", "expense_amount", "本年支出合计"),
    FigureRule(
        "^其中[:：]?财政拨款收入$|^财政拨款收入$",
        "final_income",
        "code",
        "合计",
        "fiscal_appropriation",
        "收入决算表合计行的财政拨款收入",
    ),
    FigureRule(
        "一般公共预算财政拨款基本支出",
        "final_general_public_expenditure",
        "code",
        "合计",
        "basic",
        "一般公共预算财政拨款支出决算表合计行的基本支出",
    ),
    FigureRule(
        "一般公共预算财政拨款支出$",
        "final_general_public_expenditure",
        "code",
        "合计",
        "total",
        "一般公共预算财政拨款支出决算表的合计",
    ),
    FigureRule("^(?:其中[:：]?)?基本支出$", "final_expenditure", "code", "合计", "basic", "支出决算表合计行的基本支出"),
    FigureRule("^项目支出$", "final_expenditure", "code", "合计", "project", "支出决算表合计行的项目支出"),
    FigureRule(
        "^(?:其中[:：]?)?人员经费$",
        "final_general_public_basic_economic",
        "personnel_name",
        FINAL_PERSONNEL_TOTAL,
        "personnel_amount",
        "基本支出决算表的人员经费合计",
    ),
    FigureRule(
        "^公用经费$",
        "final_general_public_basic_economic",
        "public_name",
        FINAL_PUBLIC_TOTAL,
        "public_amount",
        "基本支出决算表的公用经费合计",
    ),
)
