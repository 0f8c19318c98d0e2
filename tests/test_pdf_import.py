from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import ImportFailed
from generator.importer import pdf as importer_pdf  # read_pdf looked up when called: one reading per PDF (conftest)
from generator.importer.pdf import _read
from generator.importer.pdf_pages import _heading
from generator.package import read_package
from tests.conftest import ROOT

PDFS = {y: ROOT / "sources" / "pdf" / f"shanghai-putuo-wanli-{y}-dept-budget.pdf" for y in (2023, 2024, 2025)}


@pytest.fixture(scope="module")
def imported() -> dict:
    return {y: importer_pdf.read_pdf(p) for y, p in PDFS.items()}


@pytest.mark.parametrize("year", sorted(PDFS))
def test_pdf_imports_to_the_committed_package(year: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["import", str(PDFS[year]), "--year", str(year), "--unit", "shanghai-putuo-wanli", "--out", str(tmp_path)])
        == 0
    )
    out = tmp_path / str(year) / "shanghai-putuo-wanli"
    committed = ROOT / "datapackages" / str(year) / "shanghai-putuo-wanli"
    ours = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert ours == sorted(p.relative_to(committed).as_posix() for p in committed.rglob("*") if p.is_file())
    assert [p for p in ours if not filecmp.cmp(out / p, committed / p, shallow=False)] == []
    summary = capsys.readouterr().out
    assert "missing  项目支出预算表（本年预算）" in summary and " 0 不一致" in summary


def test_every_standard_table_the_documents_print_is_found(imported) -> None:
    for year, (_d, report) in imported.items():
        assert report.missing == [
            "政府性基金预算收入表（不含上年结转）",
            "项目支出预算表（本年预算）",
            "项目支出预算表（上年结转）",
        ], year
        found = {name for name, _ in report.found}
        expected = {
            "budget_summary",
            "income_summary",
            "expenditure_summary",
            "fiscal_summary",
            "general_public_expenditure",
            "gov_fund_expenditure",
            "state_capital",
            "general_public_basic_economic",
            "three_public",
            "operating_costs",
            "glossary",
            "duties",
            "offices",
        }
        if year == 2023:  # only the 2023 document prints performance forms
            expected |= {"performance_projects", "performance_indicators"}
        assert found == expected, year
        assert report.not_imported == [], year


def test_performance_forms(imported) -> None:
    d, _ = imported[2023]
    forms = d.tables["performance_projects"].rows
    assert [f["project_name"] for f in forms] == [
        "新建万里街道社区公共服务中心",
        "就业援助基地补贴",
        "社区环境整治和建设经费",
        "各类工作经费",
        "公共服务设施运行经费",
    ]
    assert (forms[4]["year_total"], forms[4]["year_current"]) == ("10903043.00", "11419043.00")  # as printed
    indicators = [r for r in d.tables["performance_indicators"].rows if r["form"] == "4"]
    assert (
        len(indicators) == 43
        and indicators[1]["level1"] is None
        and indicators[1]["level3"] == "开展特殊对象心理健康教育"
    )


def test_totals_equal_the_printed_ones(imported) -> None:
    printed = {2023: "164978640", 2024: "156211123", 2025: "189767551"}
    for year, (d, _) in imported.items():
        summ = d.tables["budget_summary"].rows
        assert [r["income_amount"] for r in summ if r["income_item"] == "收入总计"] == [printed[year]]
        for name in ("income_summary", "expenditure_summary", "general_public_expenditure"):
            total = [r for r in d.tables[name].rows if r["code"] == "合计"]
            assert [r["total"] for r in total] == [printed[year]], (year, name)


def test_codes_units_and_separators(imported) -> None:
    d, _ = imported[2024]
    inc = d.tables["income_summary"]
    assert inc.amount_unit == "元"
    codes = [r["code"] for r in inc.rows]
    assert codes[:3] == ["201", "20105", "2010507"] and codes[-1] == "合计"
    assert len(codes) == 67 and len(set(codes)) == 67  # four pages, repeated headers skipped
    econ = {r["economic_code"]: r for r in d.tables["general_public_basic_economic"].rows}
    assert econ["3012"]["dept_economic_name"] == "津贴补贴"  # printed “301 2”, kept as printed
    assert econ["3012"]["total"] == "16623810"  # printed 16,623,810
    assert d.tables["gov_fund_expenditure"].published_empty and d.tables["gov_fund_expenditure"].rows == []


def test_combined_three_public_table(imported) -> None:
    d, _ = imported[2024]
    three = d.tables["three_public"]
    assert three.amount_unit == "万元"
    assert [(r["item"], r["total"]) for r in three.rows] == [
        ("合计", "47.91"),
        ("因公出国(境)费", "0"),
        ("公务接待费", "1.35"),
        ("公务用车购置及运行费", "46.56"),
        ("购置费", "25"),
        ("运行费", "21.56"),
    ]
    ops = d.tables["operating_costs"].rows
    assert ops == [{"unit_name": "上海市普陀区人民政府万里街道办事处", "total": "443.18"}]


def test_provenance_names_pages(imported) -> None:
    d, _ = imported[2024]
    inc = d.tables["income_summary"]
    assert inc.sources[0] == "page 11, table 1" and inc.sources[-1] == "page 15, table 1"


def test_source_discrepancies_are_published_not_blocking() -> None:
    pkg = read_package(ROOT / "datapackages" / "2024" / "shanghai-putuo-wanli")
    confirmed = pkg.budget["confirmedDiscrepancies"]
    assert {(c["check"], c["row"]) for c in confirmed} == {("narrative-change", 39), ("narrative", 39)}


def _pages(*lines: str) -> list:
    return [(None, list(lines)), (None, ["目 录"])]


def test_final_accounts_are_read_as_such() -> None:
    """A 决算 is not refused for what it is: one without tables is refused for having none."""
    with pytest.raises(ImportFailed, match="holds only") as exc:
        _read(Path("x.pdf"), _pages("上海市普陀区2023年区级部门决算", "预算主管部门：某单位"))
    assert "决算 (final accounts)" not in str(exc.value)


def test_not_a_budget_is_refused() -> None:
    with pytest.raises(ImportFailed, match="not a budget disclosure"):
        _read(Path("x.pdf"), _pages("2023年工作总结", "某单位"))


def _blank_pdf(path: Path) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_image_only_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no text layer"):
        importer_pdf.read_pdf(_blank_pdf(tmp_path / "scan.pdf"))


def test_not_a_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("这不是PDF", encoding="utf-8")
    assert main(["import", str(fake), "--unit", "x", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {fake}: not a PDF: it holds plain text (extracted text is read from a file named .txt)\n"
    )


def test_unknown_table_is_imported_as_printed_not_merged() -> None:
    """A table the catalogue does not know becomes a resource of its own, its columns as printed: codes and labels
    as text, amounts as numbers in the table's unit; it is never read as part of the table before it."""

    class FakePage:
        def __init__(self, tables: list) -> None:
            self.tables = tables

        def extract_tables(self) -> list:
            return self.tables

    odd = [["项目", "金额", "备注"], ["会议费", "1,200.50", "含培训"], ["差旅费", "", "无"]]
    pages = [
        (None, ["上海市某区2024年区级部门预算", "预算主管部门：某单位"]),
        (FakePage([odd]), ["2024年部门奇特统计预算表", "编制部门：某单位 单位：元"]),
    ]
    d, report = _read(Path("x.pdf"), pages)
    assert [name for name, _ in report.found] == ["table_01"]
    t = d.tables["table_01"]
    assert t.printed_fields == [
        ("col_01", "项目", "string"),
        ("col_02", "金额", "number"),
        ("col_03", "备注", "string"),
    ]
    assert t.rows == [
        {"col_01": "会议费", "col_02": "1200.50", "col_03": "含培训"},
        {"col_01": "差旅费", "col_02": None, "col_03": "无"},
    ]
    assert t.amount_unit == "元" and t.printed_title == "2024年部门奇特统计预算表"


class _Page:
    def __init__(self, tables: list) -> None:
        self.tables = tables

    def extract_tables(self) -> list:
        return self.tables


def test_why_a_table_is_kept_as_printed_is_said_in_words() -> None:
    """The reason names every header printed over the columns, or says that none was read, or that the page holds no
    table: never an empty list, never a list cut short."""
    odd = [["项目", "预算数", "项目", "预算数", "备注"], ["一、财政拨款", "10", "一、一般公共服务支出", "10", ""]]
    bare = [["10", "5", "5"], ["合计", "10", "5"]]
    pages = [
        (None, ["上海市某区2024年区级部门预算", "预算主管部门：某单位"]),
        (_Page([odd]), ["2024年部门收支预算总表", "单位：元"]),
        (_Page([bare]), ["2024年一般公共预算“三公”经费支出预算表", "单位：元"]),
        (_Page([]), ["2024年部门收入预算总表", "单位：元"]),
    ]
    _, report = _read(Path("x.pdf"), pages)
    assert report.found == [
        (
            "budget_summary_as_printed",
            "page 2 (as printed: the 5 columns of '2024年部门收支预算总表', headed 项目 | 预算数 | 项目 | 预算数 | 备注, "
            "are not a layout of 预算收支总表 this reader knows)",
        ),
        (
            "three_public_as_printed",
            "page 3 (as printed: no column header was read above the figures of "
            "'2024年一般公共预算“三公”经费支出预算表', so its 3 columns cannot be named)",
        ),
    ]
    assert report.not_imported == ["2024年部门收入预算总表 (page 4): no table on the page"]


def test_a_text_without_tables_is_refused_by_what_it_is() -> None:
    """Text without a table: a document that is no budget, or a 决算, is refused as such; a budget's explanations
    alone say what is missing and how to import both; a file read as one of several is not refused."""
    prose = "本部门主要职责是贯彻落实党中央关于信访工作的方针政策，在履行职责过程中坚持党的领导。"
    with pytest.raises(ImportFailed, match="^x.pdf: not a budget disclosure"):
        _read(Path("x.pdf"), [(_Page([]), ["2025年工作总结", prose])])
    with pytest.raises(ImportFailed, match="^x.pdf: holds only"):
        _read(Path("x.pdf"), [(_Page([]), ["某局2025年度部门决算", prose])])
    budget = [
        (_Page([]), ["某局2026年度部门预算", "编制单位：某局"]),
        (_Page([]), ["第一部分 2026年度部门预算情况说明", prose, "第二部分 2026年度部门预算报表"]),
    ]
    with pytest.raises(ImportFailed) as exc:
        _read(Path("x.pdf"), budget)
    assert exc.value.message == (
        "holds only the explanations ('第一部分 2026年度部门预算情况说明', 2 pages) and no table; the tables of "
        "'第二部分 2026年度部门预算报表' are not in it: import both with `budgetsite import x.pdf <tables file> --unit …`"
    )
    d, _ = _read(Path("x.pdf"), budget, alone=False)
    assert d.tables == {} and (d.unit, d.year) == ("某局", 2026)


def test_an_expenditure_table_by_budget_unit_is_read_in_its_columns_with_the_department_line_as_total() -> None:
    """西安 2019 prints its 支出总表 one line per budget unit (单位编码 | 单位名称), the department's 合计 line first:
    that line is the table's total, and every unit's line is kept with its code and name."""
    header = ["单位编码", "单位名称", "合计", "基本支出", "", "项目支出"]
    sub = ["", "", "", "人员经费", "公用经费", ""]
    rows = [
        ["合计", "", "1,000.50", "700.25", "100.25", "200.00"],  # a cell across both label columns
        ["201001", "西安市某局（本级）", "900.50", "600.25", "100.25", "200.00"],
        ["201002", "西安市某中心", "100.00", "100.00", "0.00", ""],
    ]
    pages = [
        (None, ["西安市某局2019年部门综合预算", "预算单位：西安市某局"]),
        (_Page([[header, sub, *rows]]), ["表3 2019年部门综合预算支出总表", "单位：万元"]),
    ]
    d, report = _read(Path("x.pdf"), pages)
    t = d.tables["expenditure_summary"]
    assert [n for n, _ in report.found] == ["expenditure_summary"]
    assert [(r["code"], r["unit_code"], r["unit_name"], r["total"], r["basic"], r["project"]) for r in t.rows] == [
        ("合计", "合计", None, "1000.50", "800.50", "200.00"),
        (None, "201001", "西安市某局（本级）", "900.50", "700.50", "200.00"),
        (None, "201002", "西安市某中心", "100.00", "100.00", None),
    ]
    assert t.derived.keys() == {"basic", "code"}


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            ["单位预算01表", "2026年预算单位财务收支预算总表", "编制单位：某办公室 单位：元"],
            "2026年预算单位财务收支预算总表",
        ),
        (
            ["单位预算表10", "2026年预算单位财政拨款项目支出预算表", "编制单位：某办公室 单位：元"],
            "2026年预算单位财政拨款项目支出预算表",
        ),
        (["部门预算03表", "2026年部门支出预算总表", "单位：万元"], "2026年部门支出预算总表"),
        (["表3", "一般公共预算支出表", "单位：万元"], "一般公共预算支出表"),
        (["21", "表 1", "部门收支总表", "单位：万元"], "部门收支总表"),
    ],
)
def test_a_code_line_above_a_title_is_not_the_title(lines: list[str], title: str) -> None:
    from generator.importer.titles import find_table

    heading = _heading(lines)
    assert heading.endswith(title)
    assert find_table(heading.replace(" ", "")) is find_table(title)


def test_a_blank_half_as_wide_as_a_printed_column_keeps_its_place() -> None:
    """A continuation page whose income half is an empty grid: its expense items stay in the expense columns; a
    blank column as narrow as a frame's margin is still the margin."""
    from generator.importer.pdf_tables import _without_margins

    rows = [["", "", "公立医院", "9028.85"], ["", "", "综合医院", "2740.02"]]
    assert _without_margins(rows, [175.0, 156.0, 327.0, 89.0]) == rows
    assert _without_margins(rows, [5.4, 5.4, 327.0, 89.0]) == [["公立医院", "9028.85"], ["综合医院", "2740.02"]]
    framed = [["", "合计", "12.00", ""], ["", "201", "10.00", ""]]
    assert _without_margins(framed, [4.0, 100.0, 60.0, 4.0]) == [["合计", "12.00"], ["201", "10.00"]]


def test_a_continuation_page_with_an_empty_income_half_is_read_by_position() -> None:
    """湖州市卫生健康委员会 表04 财政拨款收支总表 goes on on p34, whose left half is an empty grid: its lines are
    expense items, as the page prints them."""
    d, _ = importer_pdf.read_pdf(ROOT / "sources" / "corpus" / "zhejiang-huzhou-weijianwei-2026-bumen-yusuan.pdf")
    table = d.tables["fiscal_summary"]
    on_34 = [r for r, s in zip(table.rows, table.sources, strict=True) if s.startswith("page 34,")]
    assert on_34[0] == {
        "income_item": None,
        "income_amount": None,
        "expense_item": "其他卫生健康管理事务支出",
        "expense_total": "3274.74",
    }
    assert all(r["income_item"] is None and r["income_amount"] is None for r in on_34)
    assert [r["expense_total"] for r in on_34 if r["expense_item"] == "其他支出"] == ["15000.00"]


@pytest.mark.parametrize("line", ["部门名称：杭州市交通运输局单位：万元", "部门名称：杭州市交通运输局 单位:万元"])
def test_a_unit_line_running_on_into_the_amount_unit_names_both(line: str) -> None:
    from generator.importer.common import page_meta
    from generator.importer.metadata import metadata

    page = ["表1：2026年市级部门收支预算总表", line, "收入 支出"]
    assert metadata([["2026年部门预算"], page]).unit == "杭州市交通运输局"
    assert page_meta(page)[0] == "万元"


def test_a_figure_wrapped_in_its_cell_is_one_figure_and_leaves_nothing_on_the_next_line() -> None:
    """杭州市交通运输局 表3 prints 项目支出 576,171.11 as '576,171.1' over '1' in its cell; in the text stream the
    '1' runs into the next line ('1 一般公共服务支出 6,701.98 …')."""
    d, _ = importer_pdf.read_pdf(ROOT / "sources" / "corpus" / "zhejiang-hangzhou-jiaotongju-2026-bumen-yusuan.pdf")
    assert d.unit == "杭州市交通运输局"
    rows = d.tables["expenditure_summary"].rows
    assert (rows[0]["code"], rows[0]["project"], rows[0]["total"]) == ("合计", "576171.11", "665964.37")
    assert (rows[1]["code"], rows[1]["name"], rows[1]["total"]) == ("201", "一般公共服务支出", "6701.98")
    assert not [r["name"] for r in rows if r["name"] and r["name"][0].isdigit()]
    assert d.tables["expenditure_summary"].amount_unit == "万元"


def test_a_label_clipped_at_its_cells_edge_is_not_read_into_the_figure_beside_it() -> None:
    """西安市民政局 2021 p42: a header label wraps down past its cell's edge, and the text layer puts its last
    character into the figure's cell ('入\\n0.00'); the characters wholly inside the cell's box are the figure."""
    import pdfplumber

    from generator.importer.pdf_cells import _cells

    with pdfplumber.open(ROOT / "sources" / "corpus" / "shaanxi-xian-minzhengju-2021-bumen-zonghe-yusuan.pdf") as pdf:
        line = _cells(pdf.pages[41])[0][3]
    assert line[:4] == ["1", "", "合计", "872,031,967.20"]
    assert line[11] == "0.00"


def test_the_explanations_after_a_table_of_contents_over_two_pages_are_kept() -> None:
    """湖州市卫生健康委员会 prints its 目录 over two pages and its 说明 after them under 一、部门概况, a heading no section
    is named by: the 说明 is text of its own, not a third page of the 目录."""
    prose = [
        "一、部门概况",
        "（一）主要职能",
        "1.贯彻执行国家、省和市有关卫生健康工作的法律法规和政策，组织拟订全市国民健康政策。",
        "2.协调推进深化医药卫生体制改革，研究提出深化医药卫生体制改革重大方针、政策和措施的建议。",
        "3.制定并组织落实疾病预防控制规划，免疫规划以及严重危害人民健康公共卫生问题的干预措施。",
    ]
    pages = [
        (None, ["湖州市某委员会", "2026 年部门预算"]),
        (_Page([]), ["目录", "一、部门概况", "（一）主要职能", "（二）部门机构设置情况"]),
        (_Page([]), ["“三公”经费预算情况说明", "三、名词解释", "四、2026 年部门预算表"]),
        (_Page([]), prose),
        (
            _Page([[["项目", "预算数", "项目", "预算数"], ["一、财政拨款", "10", "一般公共服务支出", "10"]]]),
            ["表01 2026年市级部门收支预算总表", "单位：万元"],
        ),
    ]
    d, _ = _read(Path("x.pdf"), pages)
    assert [t.title for t in d.texts] == ["一、部门概况"]
    assert "疾病预防控制规划" in d.texts[0].markdown


def test_a_budget_unit_table_with_a_line_number_reads_its_number_only_where_the_header_prints_it() -> None:
    """The 序号 of a 支出总表 by budget unit is read where its header prints 序号; a table whose first of three label
    columns is headed otherwise (北京's 支出功能分类科目 | 政府支出经济分类科目 | 部门支出经济分类科目) is no such table."""
    amounts = [["合计", "基本支出", "项目支出"]]
    rows = [["1", "", "合计", "10.00", "6.00", "4.00"], ["2", "201001", "某局（本级）", "10.00", "6.00", "4.00"]]
    numbered = [["序号", "单位编码", "单位名称", *amounts[0]], *rows]
    d, _ = _read(
        Path("x.pdf"),
        [
            (None, ["西安市某局2019年部门综合预算", "预算单位：西安市某局"]),
            (_Page([numbered]), ["表3 2019年部门综合预算支出总表", "单位：万元"]),
        ],
    )
    assert [(r["seq"], r["unit_code"], r["total"]) for r in d.tables["expenditure_summary"].rows] == [
        ("1", None, "10.00"),
        ("2", "201001", "10.00"),
    ]
    coded = [["支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", *amounts[0]]]
    coded.append(["2010801-行政运行", "50101-工资奖金津补贴", "30101-基本工资", "10.00", "6.00", "4.00"])
    cover = ["北京市某局2026年部门预算", "预算单位：北京市某局"]
    d, _ = _read(Path("x.pdf"), [(None, cover), (_Page([coded]), ["预算03表 支出总表", "单位：万元"])])
    assert "expenditure_summary" not in d.tables
