"""How a printed table title is recognised: its number (公开表1, 预算01表, 表一), its year and the words provinces vary
(部门/单位, 总体情况, 预算, 拨款 …) are set aside, and what is left names one kind of table of the catalogue, by its
canonical title or one of the other titles that kind is printed under. Also how a title or a column header is
normalised to be compared (no year, no spaces, ASCII brackets and quotes)."""

from __future__ import annotations

import functools
import re

from .. import catalogue as cat

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


# The other titles each kind of table is printed under, besides its canonical title (the catalogue's).
VARIANTS: dict[str, tuple[str, ...]] = {
    "budget_summary": (
        "部门收支总表",
        "单位收支总表",
        "部门预算收支总表",
        "收支预算总表",
        "部门财务收支预算总表",
        "部门综合预算收支总表",
    ),
    "income_summary": ("部门收入总表", "单位收入总表", "收入预算总表", "部门预算收入总表", "部门收入预算总表"),
    "expenditure_summary": ("部门支出总表", "单位支出总表", "支出预算总表", "部门预算支出总表", "部门支出预算总表"),
    "fiscal_summary": (
        "部门财政拨款收支总表",
        "单位财政拨款收支总表",
        "财政拨款收支预算总表",
        "部门财政拨款收支预算总表",
    ),
    "general_public_expenditure": (
        "一般公共预算支出预算表",
        "一般公共预算支出表",
        "部门一般公共预算支出表",
        "一般公共预算支出情况表",
        "部门一般公共预算支出功能分类预算表",
    ),
    "general_public_basic_economic": (
        "一般公共预算安排基本支出分经济科目表",
        "一般公共预算基本支出表",
        "一般公共预算基本支出情况表",
        "部门一般公共预算基本支出表",
        "部门一般公共预算基本支出部门预算经济分类预算表",
        "一般公共预算基本支出经济分类表",
    ),
    "gov_fund_income": ("政府性基金预算收入表", "政府性基金收入表"),
    "gov_fund_expenditure": (
        "政府性基金预算支出表",
        "政府性基金支出表",
        "部门政府性基金预算支出表",
        "部门政府性基金预算支出功能分类预算表",
    ),
    "state_capital": (
        "国有资本经营预算收支预算表",
        "国有资本经营预算支出表",
        "部门国有资本经营预算支出表",
        "部门国有资本经营预算支出功能分类预算表",
    ),
    "three_public": (
        "“三公”经费支出预算表",
        "财政拨款“三公”经费支出表",
        "一般公共预算“三公”经费支出表",
        "“三公”经费预算表",
        "一般公共预算“三公”经费预算表",  # 浙江
        "财政拨款预算“三公”经费支出表",
        "财政拨款安排的行政经费及“三公”经费预算表",
    ),
    "operating_costs": ("机关运行经费预算表", "机关运行经费支出预算表", "机关运行经费情况表"),
    "projects_current": (
        "项目支出预算表",
        "项目支出表",
        "部门项目支出预算表",
        "专项业务经费支出表",
    ),  # 专项业务经费: 西安
    "projects_carryover": ("上年结转项目支出预算表", "项目支出预算表（结转）"),
    "final_summary": ("部门收入支出决算总表", "收支决算总表", "部门收支决算总表"),
    "final_income": ("部门收入决算表",),
    "final_expenditure": ("部门支出决算表",),
    "final_fiscal_summary": ("部门财政拨款收入支出决算总表", "财政拨款收支决算总表"),
    "final_general_public_expenditure": ("部门一般公共预算财政拨款支出决算表",),
    "final_general_public_basic_economic": ("部门一般公共预算财政拨款基本支出决算表",),
    "final_three_public": ("一般公共预算财政拨款“三公”经费支出决算表", "部门财政拨款“三公”经费支出决算表"),
    **{
        f"final_{f}": (f"部门{cat.FUND_LABELS[f]}财政拨款收入支出决算表", f"{cat.FUND_LABELS[f]}财政拨款收支决算表")
        for f in ("gov_fund", "state_capital")
    },
}


def names(kind: cat.TableKind, printed_title: str) -> bool:
    """The printed title names this kind of table: its canonical title or one of its variants, as `table_key` reads
    them."""
    key = table_key(printed_title)
    return any(key == table_key(t) for t in (kind.title, *VARIANTS.get(kind.name, ())))


def find_table(printed_title: str) -> cat.TableKind | None:
    """The table kind a printed title names, or None when the title is not a standard table."""
    for kind in cat.ALL_TABLES:
        if names(kind, printed_title):
            return kind
    return None
