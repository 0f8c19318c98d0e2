"""What the narrative checks read in the explanations (第三部分, a 决算's 情况说明): which figures a sentence states
have no counterpart in the tables and why, the words that name a fund, a year, a unit or a part of the department,
and the rules that tie a stated figure's label to the table figure it names."""

from __future__ import annotations

from dataclasses import dataclass

from .. import catalogue as cat
from .vocabulary import FINAL_PERSONNEL_TOTAL, FINAL_PUBLIC_TOTAL, ITEM_NUMBERING, SEQUENCE

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
NARRATIVE_FISCAL = cat.FISCAL_LABEL  # 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营预算, not all funds
NARRATIVE_FISCAL_SPLIT_WHY = (
    "报表没有印出财政拨款（含政府性基金、国有资本经营预算）的{}，只印了全部资金或一般公共预算的"
)
# A paragraph whose first figure names this fund (2026年一般公共预算财政拨款收入…) states that fund's 基本支出 and 项目支出.
NARRATIVE_FUND_SUBJECT = cat.FUND_WORDS["general_public"]
PERFORMANCE_PROJECTS_SENTENCE = "绩效目标管理的项目"
OPERATING_COSTS_WORD = "机关运行经费"
EXPENDITURE_COLUMNS = (("项目支出", "project"), ("基本支出", "basic"))  # words in a paragraph's subject
FISCAL_SUBJECT = cat.FISCAL_LABEL  # a paragraph about 财政拨款 lists the classes of the 财政拨款收支总表's expense side
# The funds as a label names them (a word searched in it), the column of each, and what the checks call it: the
# fund's label, but 政府性基金 as the word alone
INCOME_FUNDS = tuple((word, f, word if f == "gov_fund" else cat.FUND_LABELS[f]) for f, word in cat.FUND_WORDS.items())
FUNDS = INCOME_FUNDS[: len(cat.FISCAL_SOURCES)]
SUMMARY_INCOME_ITEMS = ("财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")
# In a label, which “三公” row a stated figure names: the most specific first; and what mentions the “三公” costs
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
# A 决算's 情况说明: sentences and figures of its explanations
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
