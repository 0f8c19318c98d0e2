from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from generator.errors import ImportFailed
from generator.importer.common import MalformedAmount
from generator.importer.text import _indicator, join_wrapped, parse_amount, read_text
from generator.package_write import write_package
from tests.conftest import PACKAGE, SEED


def test_seed_imports_to_the_committed_package(tmp_path: Path) -> None:
    out = write_package(read_text(SEED), "xinzhou-shebao", tmp_path / "2023" / "xinzhou-shebao", originals=[SEED])
    ours = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*") if p.is_file())
    assert ours == committed
    mismatch = [p for p in ours if not filecmp.cmp(out / p, PACKAGE / p, shallow=False)]
    assert mismatch == []


def test_seed_has_every_part() -> None:
    d = read_text(SEED)
    assert (d.unit, d.year, d.kind) == ("忻州市社会保险中心", 2023, "预算")
    assert len(d.tables["duties"].rows) == 10
    assert len(d.tables["offices"].rows) == 11
    assert len(d.tables["glossary"].rows) == 12
    assert len(d.texts) == 12
    assert len(d.tables["performance_projects"].rows) == 5
    empty = sorted(n for n, t in d.tables.items() if t.published_empty)
    assert empty == ["gov_fund_expenditure", "gov_fund_income", "projects_carryover", "state_capital", "three_public"]


def test_page_break_continues_the_office_before_it() -> None:
    offices = read_text(SEED).tables["offices"].rows
    assert offices[2]["name"] == "参保登记科"
    assert "参保登记和变更等工作" in offices[2]["duties"]
    assert offices[8]["duties"].count("市本级管理基金的保值增值工作") == 1


def test_glossary_terms_without_colon() -> None:
    terms = {r["term"]: r["definition"] for r in read_text(SEED).tables["glossary"].rows}
    assert terms["一般公共预算"].startswith("是指以税收为主体")
    assert terms["国有资本经营预算"] == "是对国有资本收益作出支出安排的收支预算。"
    assert terms["“三公”经费"].startswith("指省直部门")


def test_wrapped_cells_are_joined() -> None:
    assert (
        join_wrapped("企业养老保险全国统筹后新增 退休人员取暖费负担资金")
        == "企业养老保险全国统筹后新增退休人员取暖费负担资金"
    )
    assert join_wrapped("政府性 基金预 算") == "政府性基金预算"
    assert join_wrapped("2023 年") == "2023 年"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("853.77", "853.77"),
        ("283.40", "283.40"),
        ("1,680,000", "1680000"),
        ("0", "0"),
        ("", None),
        ("120258,600", "120258600"),  # 上海 in 元: a comma only before the last three digits
        ("25829,012", "25829012"),
        ("25180591 .33", "25180591.33"),  # 西安: a gap before the decimals
    ],
)
def test_amounts_keep_their_printed_digits(cell: str, expected: str | None) -> None:
    assert parse_amount(cell, "x.txt:3", "total") == expected


@pytest.mark.parametrize(
    "cell", ["一百", "12.3.4", "1,68,000", "12元", "1234,567,890", "12 34", "25180591. 33", "12,34"]
)
def test_bad_amount_names_line_and_column(cell: str) -> None:
    with pytest.raises(ImportFailed) as exc:
        parse_amount(cell, "x.txt:3", "total")
    assert str(exc.value).startswith("x.txt:3 [total]: expected an amount")


def test_a_figure_in_no_printed_format_is_refused_naming_its_page_and_cell() -> None:
    with pytest.raises(MalformedAmount) as exc:
        parse_amount("1,68,000", "doc.pdf: page 7, row 3", "income_amount")
    assert str(exc.value).startswith("doc.pdf: page 7, row 3 [income_amount]: expected an amount, got '1,68,000'")
    assert "\n" not in str(exc.value)


def test_indicator_row_with_drifting_columns() -> None:
    row = _indicator(["资金使用合规率", "100%", "质量指标", "资金使用合规率", "100%"], "x:1", 1, 2)
    assert (row["plan_level2"], row["plan_level3"], row["plan_value"]) == (None, "资金使用合规率", "100%")
    assert (row["year_level2"], row["year_level3"], row["year_value"]) == ("质量指标", "资金使用合规率", "100%")
    row = _indicator(
        ["满意度指标", "服务对象满意度", "服务对象满意度", "≥95%", "服务对象满意度指", "服务对象满意度", "≥95%"],
        "x:1",
        1,
        9,
    )
    assert row["level1"] == "满意度指标" and row["year_level2"] == "服务对象满意度指"


def test_unsplittable_indicator_row_is_refused() -> None:
    with pytest.raises(ImportFailed, match="cannot split the indicator row"):
        _indicator(["数量指标", "数量指标", "数量指标", "数量指标"], "x:1", 1, 1)


def _variant(tmp_path: Path, old: str, new: str, encoding: str = "utf-8") -> Path:
    text = SEED.read_text(encoding="utf-8").replace(old, new, 1)
    p = tmp_path / "doc.txt"
    p.write_bytes(text.encode(encoding))
    return p


def test_final_accounts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="决算"):
        read_text(_variant(tmp_path, "2023年度单位预算公开", "2023年度单位决算公开"))


def test_gbk_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="not UTF-8"):
        read_text(_variant(tmp_path, "x", "x", encoding="gbk"))


def test_unknown_table_title_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="not in the catalogue: '2023年奇怪的汇总表'"):
        read_text(_variant(tmp_path, "2023年预算收入总表\n\n单位名称", "2023年奇怪的汇总表\n\n单位名称"))


def test_bad_cell_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as exc:
        read_text(_variant(tmp_path, "2080101\t行政运行\t480.72", "2080101\t行政运行\t48O.72"))
    assert "doc.txt:" in str(exc.value) and "[total]" in str(exc.value)


def test_empty_note_with_amounts_is_a_contradiction(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="本表无数据"):
        read_text(_variant(tmp_path, "公务接待费\t\t\t\t", "公务接待费\t1.00\t1.00\t\t"))
