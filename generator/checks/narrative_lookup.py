"""Which table figure a figure stated in the explanation names, by the words printed before it (基本支出570.37万元 →
the 基本支出 of the expenditure table; “A（类）B（款）C（项）” → that row of the function classification; a code, a
project, a “三公” item …), or why it names none: a unit or office of the department, another year, a part of an item
the paragraph breaks down, a figure no table prints; and the carry-over the tables print of a fund whose income the
text states with it."""

from __future__ import annotations

import re
from decimal import Decimal

from .. import catalogue as cat
from ..package import Package, Resource
from . import narrative_rules as rules
from . import vocabulary as vocab
from .core import ZERO, Cell, cell
from .two_sided import income_total
from .within import project_rows, three_public_key

Found = tuple[str, list[Cell]]


def _row(res: Resource | None, field: str, pattern: str) -> int | None:
    if res is None:
        return None
    test = re.compile(pattern)
    return next((i for i, r in enumerate(res.rows) if test.fullmatch(str(r.get(field) or ""))), None)


def _at(res: Resource | None, field: str, pattern: str, column: str, what: str) -> Found | None:
    """The figure in `column` of the first row whose `field` matches `pattern`; None where the table or row is
    missing."""
    if res is None or not any(f["name"] == column for f in res.fields):
        return None
    i = _row(res, field, pattern)
    if i is None:
        return None
    return f"{res.title}：{what}", [cell(res, i, column)]


def _classified(pkg: Package, label: str) -> Found | None:
    """“A（类）B（款）C（项）” names one row of the function classification."""
    m = re.search(rules.NARRATIVE_CLASSIFIED, label)
    if not m:
        return None
    names = m.groups()
    for res in (pkg.table("general_public_expenditure"), pkg.table("expenditure_summary")):
        if res is None:
            continue
        by_code = {str(r.get("code")): str(r.get("name")) for r in res.rows}
        for i, r in enumerate(res.rows):
            code = str(r.get("code") or "")
            if len(code) == 7 and (by_code.get(code[:3]), by_code.get(code[:5]), r.get("name")) == names:
                return f"{res.title}：{code} {r['name']}", [cell(res, i, "total")]
    return None


def _three_public(res: Resource | None, label: str) -> Found | str:
    if res is None:
        return f"没有{cat.BY_NAME['three_public'].title}"
    if not res.rows:
        return f"EMPTY:{res.title}"
    # the most specific row first; labels vary (①公务用车购置费 / 购置费, 因公出国（境）费 / 因公出国(境)费)
    for a, b in vocab.THREE_PUBLIC_SAME:
        label = label.replace(a, b)
    names = next((v for k, v in rules.THREE_PUBLIC_WORDS if k in label), (vocab.THREE_PUBLIC_TOTAL,))
    keys = {re.sub(r"[()（）]", "", n) for n in names} | {three_public_key(n) for n in names}
    i = next((i for i, r in enumerate(res.rows) if three_public_key(str(r.get("item") or "")) in keys), None)
    if i is None:
        return f"{res.title}中没有“{names[0]}”一行"
    return f"{res.title}：{res.rows[i]['item']}", [cell(res, i, "total")]


def find_figure(
    pkg: Package, label: str, sentence: str = "", column: str = "total", fund: str = "", before: str = ""
) -> Found | None | str:
    """Which table figure a stated figure's label names: (what, the cells it sums), None where the table it
    names is missing, or a string saying why the text names no table figure. `column` is the column of the
    function classes meant (a paragraph about 项目支出 lists its classes' 项目支出); `fund` the fund the paragraph
    is about (its 基本支出 and 项目支出 are that fund's); `before` the paragraph up to the figure."""
    label = re.sub(r"\s+", "", label)
    for pattern, why in rules.NARRATIVE_NO_TABLE:
        if re.search(pattern, label):
            return why
    # the package's own unit, however it is named (无锡市教育局（本级）), is not a part of it
    unit = re.sub(r"\s+", "", str(pkg.budget.get("unit") or ""))
    said = re.sub(r"\s+", "", sentence).replace(unit, "")
    if re.search(rules.NARRATIVE_PART_OF_DEPARTMENT, said) and not re.search(rules.NARRATIVE_WHOLE_DEPARTMENT, said):
        return rules.NARRATIVE_PART_OF_DEPARTMENT_WHY
    reason = (
        _not_the_department(label.replace(unit, "") if unit else label, unit)
        or _other_year(pkg, re.sub(r"\s+", "", sentence))
        or _breakdown(re.sub(r"\s+", "", before), label)
    )
    if reason is not None:
        return reason
    if fund and fund not in label and label.endswith(tuple(w for w, _ in rules.EXPENDITURE_COLUMNS)):
        label = fund + label
    proj = pkg.table("projects_current")
    if rules.PERFORMANCE_PROJECTS_SENTENCE in sentence and proj and proj.rows:
        return f"{proj.title}：各项目合计", [cell(proj, i, "total") for i in project_rows(proj)]
    if re.search(rules.NARRATIVE_INVOLVED[0], label):
        return rules.NARRATIVE_INVOLVED[1]
    if (found := _classified(pkg, label)) is not None:
        return found
    if re.search(rules.NARRATIVE_CLASSIFIED, label):  # a 类、款、项 named, whose row the tables do not show by code
        return rules.NARRATIVE_CLASSIFIED_WHY
    if (code := re.search(rules.NARRATIVE_CODE, label)) is not None:
        return _by_code(pkg, code.group(1) or code.group(2), column, fund or _fund_named(label))
    if rules.NARRATIVE_FISCAL in label and rules.NARRATIVE_FUND_SUBJECT not in label:
        for word, col in rules.EXPENDITURE_COLUMNS:
            if label.endswith(word) or re.search(f"{word}(?:预算)?$", label):
                return _fiscal_part(pkg, word, col)
    if proj:
        for i, r in enumerate(proj.rows):
            name = str(r.get("project_name") or "")
            if name and re.sub(rules.NARRATIVE_PROJECT_END, "", label).endswith(name):  # the figure follows the name
                return f"{proj.title}：{name}", [cell(proj, i, "total")]
    fisc = pkg.table("fiscal_summary")
    if column == "fiscal" and fisc:
        for i, r in enumerate(fisc.rows):
            item = cat.ITEM_NUMBER.sub("", str(r.get("expense_item") or ""))
            if item and label.endswith(item) and r.get("expense_total") is not None:
                return f"{fisc.title}：{item}", [cell(fisc, i, "expense_total")]
    exp = pkg.table("expenditure_summary")
    if exp:
        for i, r in enumerate(exp.rows):
            name = str(r.get("name") or "")
            other = label[: -len(name)].endswith(rules.NARRATIVE_OTHER_ITEM)
            if r.get("level") == "类" and name and label.endswith(name) and not other:
                col = column if any(f["name"] == column for f in exp.fields) else "total"
                what = f"{exp.title}：{r['code']} {r['name']}" + (
                    f"（{_title_of(exp, col)}）" if col != "total" else ""
                )
                return what, [cell(exp, i, col)]
    if re.search(rules.THREE_PUBLIC_MENTION, label):
        return _three_public(pkg.table("three_public"), label)
    if rules.OPERATING_COSTS_WORD in label:
        ops = pkg.table("operating_costs")
        if ops is None:
            return None
        only = len(ops.rows) == 1
        totals = "|".join(map(re.escape, cat.UNIT_TOTALS))
        return _at(ops, "unit_name", ".*" if only else totals, "total", cat.TOTAL_CODE)
    for rule in rules.FIGURE_RULES:
        if (m := re.search(rule.label, label)) and not (rule.unless and re.search(rule.unless, label)):
            if rule.whole and (part := _part_named(label[: m.start()], unit)):
                return rules.NARRATIVE_PART_OF_TOTAL_WHY.format(part, m.group(0), rule.what)
            found = _at(pkg.table(rule.table), rule.row_field, rule.row, rule.column, rule.what)
            if rule.what == cat.INCOME_TOTAL and (found is None or found[1][0].blank):
                if (at := income_total(pkg)) is not None:  # its cell blank on the 收支总表: the 收入总表's 合计
                    res, i, field = at
                    return f"{res.title}：合计", [cell(res, i, field)]
            return found
    return "说明中的这一数字未能对应到任何报表"


def _part_named(prefix: str, unit: str) -> str:
    """What the words before a grand total's word (…年本部门|收入预算) name besides the department and the year: a
    part of the total (上级专项转移支付支出预算), or nothing. Only the words after the last year named count (a
    heading run into the sentence, 第二部分部门预算收支总体情况2026年…, does not)."""
    years = list(re.finditer(r"\d{4}年度?", prefix))
    if years:
        prefix = prefix[years[-1].end() :]
    rest = re.sub(rules.NARRATIVE_WHOLE_SUBJECT, "", prefix.replace(unit, "") if unit else prefix)
    return "" if re.fullmatch(rules.NARRATIVE_UNIT_NAME, rest) else rest


def _not_the_department(label: str, unit: str) -> str | None:
    """Why a label names one unit or office of the department (西安市社会科学院日常公用经费, 局机关日常公用经费) and not
    the department; None when it does not."""
    for m in re.finditer(rules.NARRATIVE_ONE_UNIT, label):
        # the name after the year and the words that join it to the sentence (2026年…, 减少…)
        name = re.sub(rules.NARRATIVE_NAME_LEAD, "", re.split(rules.NARRATIVE_NAME_SPLIT, m.group(0))[-1])
        # the unit's own name, or a short form of it (考试院, 忻州市社保中心 for 忻州市社会保险中心)
        own = unit and (name in unit or unit.endswith(name[-3:]) or (name[:3], name[-2:]) == (unit[:3], unit[-2:]))
        if not own and not any(w in name[-4:-1] for w in rules.NARRATIVE_OWN):
            return rules.NARRATIVE_ONE_UNIT_WHY.format(name)
    office = re.search(rules.NARRATIVE_OFFICE, label)
    if office is not None and not re.search("本级|机关", unit):
        return rules.NARRATIVE_ONE_UNIT_WHY.format(office.group(0))
    return None


def _other_year(pkg: Package, sentence: str) -> str | None:
    """Why a figure is of another year than the document's (2021年度工资福利支出822.92万元 in a 2022 budget): the last
    year named in its sentence before it, unless named as the year compared with (比2021年增加)."""
    years = [int(m.group(1)) for m in re.finditer(rules.NARRATIVE_YEAR, sentence)]
    if not years or not pkg.year or years[-1] == pkg.year:
        return None
    return rules.NARRATIVE_OTHER_YEAR_WHY.format(years[-1], pkg.year)


def _breakdown(before: str, label: str) -> str | None:
    """Why a figure is a part of an item its paragraph states under a classification code: the paragraph opens on
    the item (②机关商品和服务支出（502）996.33万元……日常公用经费109.15万元), or the item is named before a 具体为 or
    其中 that the figure follows in its sentence or the next (进修及培训（20508）102.32万元……。具体为：人员经费…；
    公用经费28.32万元), or earlier in the figure's sentence. None where the figure has a code of its own or follows
    no such item."""
    if re.search(rules.NARRATIVE_CODE, label):
        return None
    code = rules.NARRATIVE_CODE_IN_BRACKETS
    items = list(re.finditer(rf"[^，,；;。：:]*?{code}", before))
    if not items:
        return None
    first = re.match(rf"\s*[^，,；;。：:]*?{code}\s*[\d,.]+", before)
    item = items[-1]
    after = before[item.end() :]
    marker = None
    for m in re.finditer(rules.NARRATIVE_BREAKDOWN, after):
        between = after[: m.start()]
        if "。" not in between or between.rstrip().endswith("。") and between.count("。") == 1:
            marker = m
    same_sentence = "。" not in after
    if first is None and not same_sentence and (marker is None or "。" in after[marker.end() :]):
        return None
    if first is not None:
        item = items[0]
    name = cat.ITEM_NUMBER.sub("", item.group(0)).lstrip("①②③④⑤⑥⑦⑧⑨⑩ ")
    return rules.NARRATIVE_BREAKDOWN_WHY.format(name)


def _fund_named(label: str) -> str:
    return rules.NARRATIVE_FUND_SUBJECT if rules.NARRATIVE_FUND_SUBJECT in label else ""


def _by_code(pkg: Package, code: str, column: str, fund: str) -> Found | str:
    """The row a printed classification code names, in the table of the paragraph's fund (一般公共预算) or, where
    the fund is not said, in the tables that print it, when they print the same figure."""
    names = ("general_public_expenditure",) if fund else ("expenditure_summary", "general_public_expenditure")
    found: list[tuple[Resource, int, str]] = []
    for name in names:
        res = pkg.table(name)
        if res is None:
            continue
        col = column if column in ("basic", "project") and any(f["name"] == column for f in res.fields) else "total"
        i = next((i for i, r in enumerate(res.rows) if str(r.get("code") or "") == code), None)
        if i is not None and res.rows[i].get(col) is not None:
            found.append((res, i, col))
    if not found:
        return rules.NARRATIVE_NO_CODE_WHY.format(code)
    values = {cell(res, i, col).value for res, i, col in found}
    if len(values) > 1:
        return rules.NARRATIVE_CODE_SCOPE_WHY.format(code)
    res, i, col = found[0]
    what = f"{res.title}：{code} {res.rows[i].get('name') or ''}".rstrip()
    return what + (f"（{_title_of(res, col)}）" if col != "total" else ""), [cell(res, i, col)]


def _fiscal_part(pkg: Package, word: str, column: str) -> Found | str:
    """财政拨款基本支出 (or 项目支出): the 一般公共预算支出表's, plus the 政府性基金 table's where it prints the same
    column; not the all-funds 支出总表. Where the package has 政府性基金 or 国有资本经营 money whose part is not
    printed, no figure."""
    gp = pkg.table("general_public_expenditure")
    if gp is None or not any(f["name"] == column for f in gp.fields):
        return rules.NARRATIVE_FISCAL_SPLIT_WHY.format(word)
    i = _row(gp, "code", cat.TOTAL_CODE)
    if i is None:
        return rules.NARRATIVE_FISCAL_SPLIT_WHY.format(word)
    cells = [cell(gp, i, column)]
    what = f"{gp.title}：合计的{word}"
    gf = pkg.table("gov_fund_expenditure")
    if gf is not None and gf.rows and any(f["name"] == column for f in gf.fields):
        j = _row(gf, "code", cat.TOTAL_CODE)
        if j is None:
            return rules.NARRATIVE_FISCAL_SPLIT_WHY.format(word)
        cells.append(cell(gf, j, column))
        what += f"，加{gf.title}合计的{word}"
    elif _fund_money(pkg, "gov_fund"):
        return rules.NARRATIVE_FISCAL_SPLIT_WHY.format(word)
    if _fund_money(pkg, "state_capital"):
        return rules.NARRATIVE_FISCAL_SPLIT_WHY.format(word)
    return what, cells


def _fund_money(pkg: Package, fund: str) -> bool:
    """Whether the 收入总表 (or the 财政拨款收支总表's expense side) prints money of that fund."""
    inc = pkg.table("income_summary")
    if inc is not None and any(f["name"] == fund for f in inc.fields):
        i = _row(inc, "code", cat.TOTAL_CODE)
        if i is not None:
            return cell(inc, i, fund).value != 0
    fisc = pkg.table("fiscal_summary")
    field = f"expense_{fund}"
    if fisc is not None and any(f["name"] == field for f in fisc.fields):
        return any(cell(fisc, i, field).value != 0 for i, r in enumerate(fisc.rows) if r.get(field) is not None)
    return True


def carried_over(pkg: Package, label: str, cells: list[Cell]) -> tuple[list[Cell], Cell | None] | None:
    """For a fund's this-year income (收入总表 合计's 政府性基金) stated without 当年/本年: the carry-over of that fund
    the tables print apart (财政拨款收支总表 “2.政府性基金预算拨款结余、结转 80.00”), or a carry-over they print in one
    sum (the second element None, the first the sum); None where no carry-over is printed."""
    if len(cells) != 1 or re.search(rules.NARRATIVE_THIS_YEAR, label):
        return None
    table, _, field = cells[0].ref
    fund = next((w for w, col, _ in rules.INCOME_FUNDS if col == field), None)
    if table != "income_summary" or fund is None:
        return None
    inc = pkg.table("income_summary")
    i = _row(inc, "code", cat.TOTAL_CODE) if inc is not None else None
    if inc is not None and i is not None and any(f["name"] == f"carryover_{field}" for f in inc.fields):
        own = cell(inc, i, f"carryover_{field}")
        return ([own], own) if own.value != 0 else None
    fisc = pkg.table("fiscal_summary")
    if fisc is not None:
        start = _row(fisc, "income_item", r"(?:[一二三四五六七八九十]+、)?上年.*")
        if start is not None:
            for j in range(start + 1, len(fisc.rows)):
                item = str(fisc.rows[j].get("income_item") or "")
                if fund in item and fisc.rows[j].get("income_amount") is not None:
                    own = cell(fisc, j, "income_amount")
                    return ([own], own) if own.value != 0 else None
    if inc is not None and i is not None and any(f["name"] == "carryover" for f in inc.fields):
        lump = cell(inc, i, "carryover")
        if lump.value != 0:
            return [lump], None
    return None


def stated_value(pkg: Package, label: str, unit: str) -> Decimal | None:
    """The table figure a label names, converted exactly into `unit`; None when none is found."""
    hit = find_figure(pkg, label)
    if not isinstance(hit, tuple):
        return None
    return sum((c.to(unit).value for c in hit[1]), ZERO)


def _title_of(res: Resource, field: str) -> str:
    return next((str(f.get("title", field)) for f in res.fields if f["name"] == field), field)
