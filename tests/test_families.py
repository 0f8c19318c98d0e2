"""Document families (generator/importer/families): each family's fixture is read with that family's layouts, and
what a family implies without printing it is derived exactly and marked as derived."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks.within import three_public_key
from generator.importer.families import ACROSS, FAMILIES, NATIONAL
from generator.ingest import ingest
from tests.conftest import ROOT

SOURCES = ROOT / "sources"
with (SOURCES / "corpus" / "INDEX.tsv").open(encoding="utf-8") as f:
    INDEX = {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}


def _import(fixture: str, out: Path):
    """The fixture imported as tests/test_corpus.py imports it: its unit and year given only to 北京's tables file,
    which prints neither; the year read is the one INDEX.tsv gives."""
    path = SOURCES / fixture
    known = INDEX.get(path.name, {})
    given = known if known and "北京" in known["unit"] else {}
    result = ingest(path, "unit", out, year=int(given["year"]) if given else None, unit_name=given.get("unit"))
    assert not known or result.disclosure.year == int(known["year"])
    return result


@pytest.mark.parametrize(
    ("family", "fixture"),
    [(f, x) for f in FAMILIES for x in (f.fixture, *f.also)],
    ids=lambda v: v.name if hasattr(v, "name") else Path(v).stem,
)
def test_each_family_reads_its_fixture_with_its_own_layouts(tmp_path: Path, family, fixture: str) -> None:
    result = _import(fixture, tmp_path)
    used = {name for name, t in result.disclosure.tables.items() if t.family == family.name}
    assert used == set(family.layouts) | set(family.derivations)
    assert result.findings == []


def test_the_earlier_xian_template_keeps_its_line_numbers(tmp_path: Path) -> None:
    """西安 2022 prints a 序号 before every line of its tables, some lines without a figure (the 收支总表's empty
    classes): every line is read, its 序号 kept as printed."""
    result = _import("corpus/shaanxi-xian-jiaotongju-2022-bumen-zonghe-yusuan.pdf", tmp_path)
    summary = result.disclosure.tables["budget_summary"]
    assert [r["seq"] for r in summary.rows] == [str(k) for k in range(1, 38)]
    assert summary.rows[-1]["income_item"] == "收入总计" and summary.rows[-1]["income_amount"] == "74868.34"


def test_a_fixture_of_the_national_template_uses_no_family(tmp_path: Path) -> None:
    result = ingest(SOURCES / "corpus" / "jiangsu-suzhou-shenjiju-2026-bumen-yusuan.pdf", "unit", tmp_path)
    assert {t.family for t in result.disclosure.tables.values() if t.printed_fields is None and t.family} == {NATIONAL}


def test_a_column_the_document_implies_is_derived_exactly_and_marked(tmp_path: Path) -> None:
    """浙江 prints 人员支出 and 日常公用支出 but no 基本支出: the package has 基本支出 = their sum, row by row, and
    says so in its schema; the classes, printed by name only, get their national codes."""
    result = _import("corpus/zhejiang-hangzhou-sifaju-2026-bumen-yusuan.pdf", tmp_path)
    exp = result.disclosure.tables["expenditure_summary"]
    for row in exp.rows:
        parts = [Decimal(row[p]) for p in ("personnel", "public_operation") if row.get(p) is not None]
        assert row["basic"] == (str(sum(parts[1:], parts[0])) if parts else None)
    assert exp.rows[0]["code"] == "合计" and exp.rows[0]["basic"] == "70724.29"
    assert [r["code"] for r in exp.rows if r["name"] == "公共安全支出"] == ["204"]
    descriptor = json.loads((result.package_dir / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == "expenditure_summary")
    derived = {f["name"] for f in res["schema"]["fields"] if "derived" in f}
    assert derived == {"basic", "code"}


def test_a_table_printed_line_by_line_is_summed_by_function(tmp_path: Path) -> None:
    """北京's 支出总表 prints one line per function, 政府 and 部门 economic code; the 支出总表 by function is their
    sum per code, its 合计 as printed, and the printed lines are kept as they are."""
    result = _import("corpus/beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf", tmp_path)
    tables = result.disclosure.tables
    detail, exp = tables["expenditure_summary_as_printed"], tables["expenditure_summary"]
    lines = [r for r in detail.rows if str(r["col_01"]).startswith("2010801-")]
    item = next(r for r in exp.rows if r["code"] == "2010801")
    assert Decimal(item["total"]) == sum(Decimal(r["col_04"]) for r in lines)
    assert exp.rows[0] == {**exp.rows[0], "code": "合计", "total": "32852.053832", "basic": "25218.537585"}
    classes = [r for r in exp.rows if r["level"] == "类"]
    assert sum(Decimal(r["total"]) for r in classes) == Decimal("32852.053832")


@pytest.mark.parametrize(
    ("fixture", "items"),
    [
        ("corpus/central-guojia-xinfangju-2026-bumen-yusuan.pdf", 6),  # one line of totals
        ("corpus/zhejiang-hangzhou-sifaju-2026-bumen-yusuan.pdf", 6),  # one line per unit and a 合计 line
        ("corpus/shandong-yantai-shenjiju-2026-bumen-yusuan.pdf", 6),  # 2025年预算数 | 2026年预算数: 2026's
    ],
)
def test_a_three_public_table_printed_across_is_read_down(tmp_path: Path, fixture: str, items: int) -> None:
    result = _import(fixture, tmp_path)
    three = result.disclosure.tables["three_public"]
    assert three.family == ACROSS and len(three.rows) == items
    assert three_public_key(str(three.rows[0]["item"])) == "合计"
    assert [r.status for r in result.results if r.resource == "three_public"].count("error") == 0
    assert "three_public_as_printed" in result.disclosure.tables  # the table as printed is kept beside it


def test_a_column_no_field_is_for_is_set_apart_by_its_own_header() -> None:
    """重庆's 一般公共预算支出表: 2025年预算数 beside 2026年预算数 (总计 | 基本支出: 小计 人员经费 公用经费 | 项目支出). The
    earlier year is set apart under its printed title; the rest is read by what each header says, never by position
    (北京's layout of eight columns would put 项目支出 under 公用经费)."""
    from generator import catalogue as cat
    from generator.importer.families import column_headers, layout_for, set_apart

    header = [
        ["功能分类科目", "", "2025年预算数", "2026年预算数", "", "", "", ""],
        ["科目编码", "科目名称", "", "总计", "基本支出", "", "", "项目支出"],
        ["", "", "", "", "小计", "人员经费", "公用经费", ""],
    ]
    kind = cat.BY_NAME["general_public_expenditure"]
    assert layout_for(kind, column_headers(header, 8), 8) is None
    assert set_apart(kind, header, 8) == {2: "2025年预算数"}
    kept = [[c for j, c in enumerate(r) if j != 2] for r in header]
    _family, layout = layout_for(kind, column_headers(kept, 7), 7) or ("", ())
    assert [f.name for f in layout] == ["code", "name", "total", "basic", "personnel", "public_operation", "project"]


@pytest.mark.parametrize(
    ("kind", "header", "apart"),
    [
        # an increase and a share: no field of the kind
        (
            "expenditure_summary",
            [["科目编码", "科目名称", "合计", "基本支出", "项目支出", "比上年增减", "占比%"]],
            {5, 6},
        ),
        # 上年结转 over columns of its own, in a kind without carry-over (吉林's 政府性基金预算支出表)
        (
            "gov_fund_expenditure",
            [
                ["科目编码", "科目名称", "当年预算", "", "", "上年结转结余", "", ""],
                ["", "", "小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出"],
            ],
            {5, 6, 7},
        ),
        # 上年结转 where the kind has it: a field, not set apart
        (
            "income_summary",
            [["单位名称", "总计", "上年结转结余", ""], ["", "", "一般公共预算", "政府性基金预算"]],
            set(),
        ),
    ],
)
def test_set_apart_keeps_what_the_kind_has_a_field_for(kind: str, header: list[list[str]], apart: set[int]) -> None:
    from generator import catalogue as cat
    from generator.importer.families import set_apart

    assert set(set_apart(cat.BY_NAME[kind], header, len(header[-1]))) == apart


def test_the_text_reader_chooses_a_family_layout_by_its_header(tmp_path: Path) -> None:
    """Extracted text is read with the families' layouts too: a 支出总表 printing 基本支出 only as its parts (浙江)
    gets 基本支出 derived exactly, as from a PDF."""
    from generator import catalogue as cat
    from generator.importer.text import _Lines, _read_table

    lines = [
        "支出总表",
        "单位：万元",
        "科目名称\t合计\t人员支出\t日常公用支出\t项目支出\t事业单位经营支出\t上缴上级支出\t对附属单位补助支出",
        "合计\t100.50\t60.25\t10.05\t30.20\t\t\t",
        "一般公共服务支出\t100.50\t60.25\t10.05\t30.20\t\t\t",
    ]
    src = _Lines(tmp_path / "t.txt", "\n".join(lines))
    table = _read_table(src, 0, len(lines), cat.BY_NAME["expenditure_summary"], "支出总表")
    assert table.family == "浙江"
    assert [r["basic"] for r in table.rows] == ["70.30", "70.30"]
    assert "basic" in table.derived


def _printed_totals(result) -> tuple[Decimal, Decimal, Decimal]:
    from generator.analysis import totals
    from generator.package import read_package

    t = totals(read_package(result.package_dir))
    return Decimal(t.income or "nan"), Decimal(t.basic or "nan"), Decimal(t.project or "nan")


@pytest.mark.parametrize(
    "name",
    [
        "shanghai-shiji-zhiye-nengli-kaoshiyuan-2026-danwei-yusuan.pdf",  # 120258,600
        "shaanxi-xian-guoziwei-2022-bumen-zonghe-yusuan.pdf",  # 25180591 .33
        "shanghai-shiji-zuanshi-baoyushi-bangongshi-2026-danwei-yusuan.pdf",  # 单位预算01表 over each title
        "shaanxi-xian-shangwuju-2022-bumen-zonghe-yusuan.pdf",  # titles and headers overprinted 5–9 times
        "shaanxi-xian-gongxinju-2022-bumen-zonghe-yusuan.pdf",  # 表1 over p20–22, white cell fills, wrapped rows
    ],
)
def test_a_document_printed_its_own_way_imports_with_its_printed_totals(tmp_path: Path, name: str) -> None:
    result = _import(f"corpus/{name}", tmp_path)
    want = INDEX[name]
    assert _printed_totals(result) == (Decimal(want["total_income"]), Decimal(want["basic"]), Decimal(want["project"]))
    # the tables agree with each other; a figure the explanations state is the text's own matter (工信局 p7 states
    # 收入 105946.48万元 for 1,059,464,715.06元)
    assert [r.explanation for r in result.results if r.status == "error" and r.check != "narrative"] == []
    assert {"budget_summary", "income_summary"} <= set(result.disclosure.tables)


def test_a_xian_summary_over_pages_without_header_keeps_each_line_whole(tmp_path: Path) -> None:
    """西安市工业和信息化局: 表1 runs over p20–22, whose continuation pages print neither title nor header; a line's
    labels wrap over the page break above the next page's top rule, and 表8's line 23 is printed whole there."""
    result = _import("corpus/shaanxi-xian-gongxinju-2022-bumen-zonghe-yusuan.pdf", tmp_path)
    rows = result.disclosure.tables["budget_summary"].rows
    assert [r["seq"] for r in rows] == [
        str(k) for k in range(1, 41) if k not in (31, 32, 39)
    ]  # 31, 32, 39 print nothing
    line = {r["seq"]: r for r in rows}
    assert line["12"]["dept_economic_item"] == "(5)资本性支出(基本建设)"
    assert line["12"]["gov_economic_item"] == "11、债务利息及费用支出"
    assert line["37"]["income_item"] == "其中：财政拨款资金结转"
    assert line["33"]["expense_item"] == "本年支出合计" and line["33"]["expense_total"] == "1055907667.43"
    economic = {r["seq"]: r for r in result.disclosure.tables["general_public_basic_economic"].rows}
    assert (economic["23"]["economic_code"], economic["23"]["total"]) == ("302", "4706442.50")
