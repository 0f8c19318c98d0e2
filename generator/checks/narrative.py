"""Narrative against tables: the amounts and percentages stated in 第三部分, found in the text and compared.

A stated amount is tied to a table figure by the words printed before it (基本支出570.37万元 → the 基本支出 of
the expenditure table). A share (占94.14%) is compared with the amount divided by the paragraph's opening total; a
change (比上年增加187.15万元，增加28.07%) with the change divided by last year's figure it implies. A stated
figure that cannot be tied to any table is listed as unchecked, never as passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .. import catalogue as cat
from ..amounts import grouped, plain, say
from ..explanations import NUMBER, paragraphs
from ..package import Package, Resource
from . import narrative_rules as rules
from . import vocabulary as vocab
from .core import ERROR, PASS, ROUNDING, UNCHECKED, ZERO, Cell, Result, cell, half_unit, identity
from .tables import income_total, project_rows, three_public_key

# not the tail of a longer run of digits (12,34.5 or 2 5 7 . 52 read as 34.5 or 52), nor a signed cell in a line of
# a table read as text (…-352.92 15.45 -160万元)
_FIGURE = re.compile(rf"(?<![\d.,])(?<![\d.,]\s)(?<![\d.,][-+−])(?<![\d.,]\s[-+−]){NUMBER}\s*({cat.UNIT_PATTERN})")
_SHARE = re.compile(r"^\s*[，,]\s*占\s*(\d+(?:\.\d+)?)\s*%")
_CHANGE = re.compile(r"比(上年|\d{4}\s*年)(?:预算|预算执行数)?(增加|减少|增长|下降)$")
_PLAN = re.compile(r"^\d{4}\s*年预算安排$")
# 2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%
_VS_EXECUTION = re.compile(
    rf"执行数为{NUMBER}\s*({cat.UNIT_PATTERN})[，,]\s*\d{{4}}\s*年预算安排{NUMBER}\s*(\2)[，,]\s*"
    r"比\d{4}\s*年预算执行数(增加|减少|增长|下降)(\d+(?:\.\d+)?)\s*%"
)
_CHANGE_PCT = re.compile(r"^\s*[，,]\s*(?:增加|减少|增长|下降|增幅|减幅|降幅)\s*(\d+(?:\.\d+)?)\s*%")
# not the comma of 1,134.87; an opening bracket starts an aside (…6.7万元（公务用车购置费0万元）, unless it closes
# within a few characters as part of a name (因公出国（境）费, 资本性支出（基本建设）, （类）)
_CLAUSE_START = re.compile(r"[，；;。：:、]|,(?!\d{3})|[（(](?![^（）()]{1,4}[)）])")
_HUNDRED = Decimal(100)


@dataclass
class Stated:
    resource: str
    paragraph: int
    value: Decimal
    printed: str
    label: str
    sentence: str
    sentence_start: int
    end: int  # offset just after the unit in the paragraph
    unit: str = ""

    @property
    def text(self) -> str:
        """The figure as the text states it (853.77万元)."""
        return f"{self.printed}{self.unit}"


def stated_figures(res: Resource) -> Iterator[tuple[int, str, list[Stated]]]:
    """Each paragraph of an explanation (numbered from 1), with the figures it states, each with its label."""
    for n, para in enumerate(paragraphs(res.text or ""), start=1):
        figs = []
        for m in _FIGURE.finditer(para):
            before = para[: m.start()]
            start = max((x.end() for x in _CLAUSE_START.finditer(before)), default=0)
            sentence_start = max((x.end() for x in re.finditer(r"[。；;]", before)), default=0)
            label = before[start:].strip()
            figs.append(
                Stated(
                    res.name,
                    n,
                    Decimal(m.group(1).replace(",", "")),
                    m.group(1).replace(",", ""),
                    label,
                    para[sentence_start : m.end()],
                    sentence_start,
                    m.end(),
                    m.group(2),
                )
            )
        yield n, para, figs


def stated_cell(s: Stated) -> Cell:
    """A stated figure as a cell, with half a unit of its last printed digit as its rounding."""
    return Cell(s.value, half_unit(s.printed), (s.resource, s.paragraph, "text"), False, s.label, s.unit)


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


def _carried(pkg: Package, label: str, cells: list[Cell]) -> tuple[list[Cell], Cell | None] | None:
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


def percent_check(check: str, stated: str, num: Cell, den: Cell, what: str, ref: tuple[str, int, str]) -> Result:
    """Stated percentage against num / den × 100, allowing for the rounding of all three printed figures."""
    p = Decimal(stated)
    exact = num.value / den.value * _HUNDRED
    q = Decimal(1).scaleb(int(Decimal(stated).as_tuple().exponent))
    rounded = exact.quantize(q, rounding=ROUND_HALF_UP)
    corners = [
        (num.value + a) / (den.value + b) * _HUNDRED
        for a in (-num.tol, num.tol)
        for b in (-den.tol, den.tol)
        if den.value + b != 0
    ]
    lo, hi = min(corners) - half_unit(stated), max(corners) + half_unit(stated)
    diff = p - rounded
    computed = (
        f"{grouped(plain(num.value))} ÷ {grouped(plain(den.value))} × 100 = "
        f"{plain(exact.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP))}%"
    )
    if diff == 0:
        status, note = PASS, "一致。"
    elif lo <= p <= hi:
        status, note = ROUNDING, f"按印刷数字计算为{plain(rounded)}%，差异在舍入误差以内。"
    else:
        status, note = ERROR, f"按印刷数字计算应为{plain(rounded)}%，说明写作{stated}%，超出舍入误差。"
    return Result(
        check,
        status,
        ref[0],
        ref[1],
        ref[2],
        rounded,
        p,
        diff,
        f"{what}：{computed}。{note}",
        (num.ref, den.ref),
        unit="%",
    )


def narrative_checks(pkg: Package) -> Iterator[Result | None]:
    for res in pkg.texts:
        for n, para, figs in stated_figures(res):
            base = figs[0] if figs else None
            base_found: tuple[str, list[Cell]] | None = None
            for m in _VS_EXECUTION.finditer(para):
                yield _execution_change(m, (res.name, n, "text"))
            for s in figs:
                rest = para[s.end :]
                ref = (res.name, n, "text")
                change, subject, comparable = _change_of(figs, s)
                if change and not comparable:
                    yield Result(
                        "narrative-change",
                        UNCHECKED,
                        *ref,
                        None,
                        s.value,
                        None,
                        f"“{s.sentence}”：增减额所比较的本年数没有在它之前印出，未核对。",
                        (),
                        unit=s.unit,
                    )
                    continue
                if change:
                    yield from _change(s, subject, change.group(2), _CHANGE_PCT.match(rest), ref)
                    continue
                found = (
                    base_found
                    if _PLAN.match(s.label) and base_found is not None
                    else find_figure(
                        pkg, s.label, s.sentence, _column_of(base), _fund_of(base), para[: s.end - len(s.text)]
                    )
                )
                if s is base:
                    base_found = found if isinstance(found, tuple) else None
                stated = stated_cell(s)
                where = f"{res.title}（第{n}段）“{s.label}{s.text}”"
                if isinstance(found, str):
                    if found.startswith("EMPTY:"):
                        status = PASS if s.value == 0 else ERROR
                        note = (
                            "一致：原表为空表（本表无数据），说明称0。"
                            if s.value == 0
                            else "原表为空表（本表无数据），说明却列出金额。"
                        )
                        yield Result(
                            "narrative",
                            status,
                            *ref,
                            ZERO,
                            s.value,
                            s.value,
                            f"{where}：{found[6:]}。{note}",
                            (),
                            unit=s.unit,
                        )
                    else:
                        yield Result(
                            "narrative",
                            UNCHECKED,
                            *ref,
                            None,
                            s.value,
                            None,
                            f"{where}：{found}，未核对。",
                            (),
                            unit=s.unit,
                        )
                elif found is None:
                    yield Result(
                        "narrative",
                        UNCHECKED,
                        *ref,
                        None,
                        s.value,
                        None,
                        f"{where}：相关报表缺失，未核对。",
                        (),
                        unit=s.unit,
                    )
                else:
                    what, cells = found
                    cells = [c.to(s.unit) for c in cells]
                    table_value = sum((c.value for c in cells), ZERO)
                    exponent = Decimal(s.printed).as_tuple().exponent
                    if (
                        table_value != s.value
                        and table_value.quantize(Decimal(1).scaleb(int(exponent)), rounding=ROUND_HALF_UP) == s.value
                    ):
                        # e.g. 164,978,640元 stated as 16497.86万元: the text rounds the table's figure
                        yield Result(
                            "narrative",
                            PASS,
                            *ref,
                            table_value,
                            s.value,
                            ZERO,
                            f"{where}与{what}：表中为{say(table_value, s.unit)}，按说明的精度四舍五入为{say(s.value, s.unit)}，一致。",
                            tuple(c.ref for c in cells),
                            unit=s.unit,
                        )
                        continue
                    step = Decimal(1).scaleb(int(exponent))
                    if table_value != s.value and table_value.quantize(step, rounding=ROUND_DOWN) == s.value:
                        # e.g. 877,080元 stated as 87.70万元: the text cuts the figure off instead of rounding it
                        yield Result(
                            "narrative",
                            ROUNDING,
                            *ref,
                            table_value,
                            s.value,
                            s.value - table_value,
                            f"{where}与{what}：表中为{say(table_value, s.unit)}，说明截去末位以后的数字写作"
                            f"{say(s.value, s.unit)}（截尾，未四舍五入），差额小于末位一个单位。",
                            tuple(c.ref for c in cells),
                            unit=s.unit,
                        )
                        continue
                    carried = _carried(pkg, re.sub(r"\s+", "", s.label), cells) if table_value != s.value else None
                    if carried is not None:
                        more, own = carried
                        with_carried = [*cells, *(c.to(s.unit) for c in more)]
                        r = identity(
                            "narrative",
                            stated,
                            with_carried,
                            f"{where}与{what}（含上年结转）",
                            ("说明写作", "报表中为"),
                        )
                        if own is not None and r is not None and r.status != ERROR:
                            yield _placed(r, ref)
                            continue
                        lump = more[0].to(s.unit)
                        yield Result(
                            "narrative",
                            UNCHECKED,
                            *ref,
                            None,
                            s.value,
                            None,
                            f"{where}："
                            + rules.NARRATIVE_CARRIED_WHY.format(
                                _title_of_ref(pkg, lump), say(lump.value, s.unit), say(table_value, s.unit)
                            )
                            + "，未核对。",
                            (),
                            unit=s.unit,
                        )
                        continue
                    r = identity("narrative", stated, cells, f"{where}与{what}", ("说明写作", "报表中为"))
                    if r is not None:
                        yield _placed(r, ref)
                    else:
                        yield Result(
                            "narrative",
                            PASS,
                            *ref,
                            ZERO,
                            ZERO,
                            ZERO,
                            f"{where}与{what}：一致（表中为空）。",
                            (),
                            unit=s.unit,
                        )
                share = _SHARE.match(rest)
                if not share:
                    continue
                whole = _share_base(para, figs, base)
                if whole is None:
                    yield Result(
                        "narrative-share",
                        UNCHECKED,
                        *ref,
                        None,
                        Decimal(share.group(1)),
                        None,
                        f"{where}占{share.group(1)}%：这一段没有印出占比所对的总数，各项占比之和也不是100%，未核对。",
                        (),
                        unit="%",
                    )
                    continue
                cell_, said = whole
                if cell_.value == 0:
                    continue
                r = percent_check(
                    "narrative-share", share.group(1), stated, cell_, f"{where}占{said}的{share.group(1)}%", ref
                )
                yield _tail_adjusted(r, para, figs, cell_) if r.status == ERROR else r


def _placed(r: Result, ref: tuple[str, int, str]) -> Result:
    """An identity's result, set at the paragraph of the figure the text states."""
    return Result(r.check, r.status, *ref, r.expected, r.actual, r.difference, r.explanation, r.cells, unit=r.unit)


def _tail_adjusted(r: Result, para: str, figs: list[Stated], whole: Cell) -> Result:
    """A share one unit of its last digit off the rounding of its figure ÷ the whole, in a paragraph whose shares,
    so adjusted, come nearer to 100% than when each is rounded on its own (61.8 + 11.8 + 26.3 = 99.9 printed as
    61.9 + 11.8 + 26.3 = 100.0): the remainder put on one share, a convention of rounding, not a wrong figure."""
    shared = [(f, Decimal(m.group(1))) for f in figs if (m := _SHARE.match(para[f.end :]))]
    printed = sum((p for _, p in shared), ZERO)
    rounded = ZERO
    for f, p in shared:
        exact = stated_cell(f).to(whole.unit).value / whole.value * _HUNDRED
        rounded += exact.quantize(Decimal(1).scaleb(int(p.as_tuple().exponent)), rounding=ROUND_HALF_UP)
    step = Decimal(1).scaleb(int(r.actual.as_tuple().exponent)) if r.actual is not None else ZERO
    if r.expected is None or r.actual is None or abs(r.actual - r.expected) != step:
        return r
    if abs(printed - _HUNDRED) >= abs(rounded - _HUNDRED):
        return r
    note = rules.NARRATIVE_SHARE_TAIL.format(rounded=plain(rounded), printed=plain(printed))
    return replace(r, status=ROUNDING, explanation=r.explanation.replace("超出舍入误差。", note))


def _column_of(base: Stated | None) -> str:
    """The 支出总表 column a paragraph's figures are in: the one its first figure names (基本支出/项目支出)."""
    label = re.sub(r"\s+", "", base.label) if base is not None else ""
    for word, column in rules.EXPENDITURE_COLUMNS:
        if word in label:
            return column
    return "fiscal" if rules.FISCAL_SUBJECT in label else "total"


def _fund_of(base: Stated | None) -> str:
    """The fund a paragraph is about: the one its first figure names (2026年一般公共预算财政拨款收入…)."""
    label = re.sub(r"\s+", "", base.label) if base is not None else ""
    return rules.NARRATIVE_FUND_SUBJECT if rules.NARRATIVE_FUND_SUBJECT in label else ""


def _title_of_ref(pkg: Package, c: Cell) -> str:
    res = pkg.table(c.ref[0])
    return res.title if res is not None else c.ref[0]


def _title_of(res: Resource, field: str) -> str:
    return next((str(f.get("title", field)) for f in res.fields if f["name"] == field), field)


def _share_base(para: str, figs: list[Stated], base: Stated | None) -> tuple[Cell, str] | None:
    """What the shares of a paragraph are shares of: its first figure when that figure is a total (no share of its
    own follows it); otherwise, where the shares stated in the paragraph add up to 100% (within their rounding), the
    sum of the figures they are stated for (基本支出…，占92.7%；项目支出…，占7.3%). None when neither holds."""
    if base is None:
        return None
    shared = [(f, m) for f in figs if (m := _SHARE.match(para[f.end :]))]
    if base not in (f for f, _ in shared):
        return stated_cell(base), say(base.value, base.unit)
    units = {f.unit for f, _ in shared}
    total_pct = sum((Decimal(m.group(1)) for _, m in shared), ZERO)
    slack = sum((half_unit(m.group(1)) for _, m in shared), ZERO)
    if len(shared) < 2 or len(units) != 1 or abs(total_pct - _HUNDRED) > slack:
        return None
    cells = [stated_cell(f) for f, _ in shared]
    value = sum((c.value for c in cells), ZERO)
    tol = sum((c.tol for c in cells), ZERO)
    whole = Cell(value, tol, cells[0].ref, False, "各项之和", cells[0].unit)
    return whole, f"各项之和（{say(value, whole.unit)}，本站按说明中各项相加）"


def _change_of(figs: list[Stated], s: Stated) -> tuple[re.Match[str] | None, Stated, bool]:
    """Whether a figure is a change on last year (比上年增加X万元), the figure it is a change of, and whether the two
    can be compared: not when the change names a subject of its own (2026年预算比2025年预算增加…) or follows another
    change."""
    label = re.sub(r"\s+", "", s.label)
    change = _CHANGE.search(label)
    subject = _subject(figs, s)
    if change is None or subject is s:
        return None, subject, False
    own_subject = label[: change.start()].strip("，,；;其中")
    return change, subject, not own_subject and not _CHANGE.search(re.sub(r"\s+", "", subject.label))


def _subject(figs: list[Stated], s: Stated) -> Stated:
    """A change is stated against its sentence's subject (the first figure), or else the figure just before. A change
    right after the one part a 其中 names is that part's (…1335.21万元，其中：公务用车运行费1114.17万元，比上年减少
    30.00万元；…); after a list of parts it is the whole's (总计853.77万元，其中：本年收入…，上年结转…，比上年增加…)."""
    k = figs.index(s)
    subject = next(f for f in figs if f.sentence_start == s.sentence_start)
    if subject is s:
        return figs[k - 1] if k > 0 else subject
    before = figs[k - 1]
    whole = s.sentence[subject.end - s.sentence_start : before.end - s.sentence_start]
    parts = whole[whole.rfind("其中") :] if "其中" in whole else ""
    return before if before is not subject and len(_FIGURE.findall(parts)) == 1 else subject


@dataclass(frozen=True)
class StatedPrior:
    """Last year's figure implied by a change the text states (比上年增加187.15万元 → 853.77 − 187.15)."""

    section: str
    subject: str  # as the text states it
    label: str  # the words before the subject's figure
    current: Decimal
    change: str
    prior: Decimal
    unit: str


def stated_priors(pkg: Package) -> list[StatedPrior]:
    out = []
    for res in pkg.texts:
        for _, _, figs in stated_figures(res):
            for s in figs:
                change, subject, comparable = _change_of(figs, s)
                if change and comparable:
                    sign = 1 if change.group(2) in ("增加", "增长") else -1
                    out.append(
                        StatedPrior(
                            res.title,
                            f"{subject.label}{subject.text}",
                            subject.label,
                            subject.value,
                            f"{s.label}{s.text}",
                            subject.value - sign * s.value,
                            subject.unit,
                        )
                    )
    return out


def _change(
    s: Stated, current: Stated, direction: str, pct: re.Match[str] | None, ref: tuple[str, int, str]
) -> Iterator[Result]:
    """比上年增加X万元，增加Y%: last year = current ∓ X, and Y = X ÷ last year."""
    sign = Decimal(1) if direction in ("增加", "增长") else Decimal(-1)
    cur, chg = stated_cell(current), stated_cell(s)
    prior = Cell(cur.value - sign * chg.value, cur.tol + chg.tol, cur.ref, False, "上年", cur.unit)
    where = f"“{current.label}{current.text}，{s.label}{s.text}”"
    yield Result(
        "narrative-change",
        UNCHECKED,
        *ref,
        None,
        s.value,
        None,
        f"{where}：上年数{say(prior.value, prior.unit)}由说明推算，本站没有上年数据可核对增减额。",
        (),
        unit=s.unit,
    )
    if pct is not None and prior.value != 0:
        yield percent_check(
            "narrative-change",
            pct.group(1),
            chg,
            prior,
            f"{where}：增减幅度 = 增减额 ÷ 上年数（{say(prior.value, prior.unit)}）",
            ref,
        )


def _execution_change(m: re.Match[str], ref: tuple[str, int, str]) -> Result:
    """比上年执行数增加/减少P%: P = |this year − last year's execution| ÷ last year's execution."""
    executed, unit, planned = m.group(1).replace(",", ""), m.group(2), m.group(3).replace(",", "")
    direction, pct = m.group(5), m.group(6)
    a = Cell(Decimal(executed), half_unit(executed), ref, False, "执行数")
    b = Cell(Decimal(planned), half_unit(planned), ref, False, "预算安排")
    if a.value == 0:
        return Result(
            "narrative-change",
            UNCHECKED,
            *ref,
            None,
            Decimal(pct),
            None,
            f"“{m.group(0)}”：上年执行数为0，增减幅度无法计算，未核对。",
            (),
        )
    sign = 1 if direction in ("增加", "增长") else -1
    change = Cell(sign * (b.value - a.value), a.tol + b.tol, ref, False, "增减额")
    if change.value < 0:
        return Result(
            "narrative-change",
            ERROR,
            *ref,
            None,
            Decimal(pct),
            None,
            f"“{m.group(0)}”：预算安排{planned}{unit}与执行数{executed}{unit}相比是{'减少' if sign > 0 else '增加'}，说明却写作“{direction}”。",
            (),
        )
    return percent_check("narrative-change", pct, change, a, f"“{m.group(0)}”：增减幅度 = 增减额 ÷ 上年执行数", ref)
