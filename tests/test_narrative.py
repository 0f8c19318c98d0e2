"""Figures stated in the explanations, read as the page shows them, and compared only with the table figure they
are about. The sentences are those printed in the corpus documents (广州, 重庆, 烟台)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks import ERROR, PASS, UNCHECKED, run_checks
from generator.checks.narrative_text import stated_priors
from generator.checks.within import three_public_key
from generator.explanations import joined_figures
from generator.package import read_package
from tests.conftest import PACKAGE


def _with_text(tmp_path: Path, text: str, tables: dict[str, tuple[str, str]] | None = None) -> Path:
    """The seed package with `text` as its first explanation, and table lines replaced (old line → new line)."""
    pkg = tmp_path / "2023" / "x"
    shutil.copytree(PACKAGE, pkg)
    (pkg / "texts" / "01.md").write_text(text + "\n", encoding="utf-8")
    for name, (old, new) in (tables or {}).items():
        csv = pkg / "data" / f"{name}.csv"
        content = csv.read_text(encoding="utf-8")
        assert old in content
        csv.write_text(content.replace(old, new), encoding="utf-8")
    return pkg


def _narrative(pkg: Path) -> list[tuple[str, str, Decimal | None]]:
    return [
        (r.check, r.status, r.actual)
        for r in run_checks(read_package(pkg))
        if r.check.startswith("narrative") and r.resource == "explanation_01"
    ]


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        # 广州市人民政府办公厅 p24 and 广州市司法局 p48 in pypdfium2's text
        ("2 0 2 6年本部门收入预算 1 6 , 4 1 0 . 7 1万元，比上年减少", "2026年本部门收入预算 16,410.71万元，比上年减少"),
        ("2 0 2 6年本部门收入预算 1 7 4 , 1 7 7 . 8 5万元", "2026年本部门收入预算 174,177.85万元"),
        ("2 5 7 . 52万元，比上年增加9526.47万元", "257.52万元，比上年增加9526.47万元"),
        ("合计 1 , 234.56万元", "合计 1,234.56万元"),
        # not one number: left alone (and read as no figure at all)
        ("基层司法经费 505.00 505.00 505.00 0.00", "基层司法经费 505.00 505.00 505.00 0.00"),
    ],
)
def test_a_letter_spaced_figure_is_one_number(printed: str, read: str) -> None:
    assert joined_figures(printed) == read


def test_a_letter_spaced_figure_is_never_read_as_its_last_digits(tmp_path: Path) -> None:
    """广州市人民政府办公厅: “1 6 , 4 1 0 . 7 1万元，比上年减少11,230.54万元，下降40.6%” is 16,410.71 against last
    year's 27,641.25 (−40.6%), not 71 or 1 against a negative last year."""
    pkg = _with_text(
        tmp_path,
        "2 0 2 6年本部门收入预算 1 6 , 4 1 0 . 7 1万元，比上年减少11,230.54万元，下降40.6%，主要原因是一是根据机构改革方案。",
    )
    package = read_package(pkg)
    priors = [p for p in stated_priors(package) if p.section == package.texts[0].title]
    assert [(p.current, p.prior) for p in priors] == [(Decimal("16410.71"), Decimal("27641.25"))]
    changes = [r for r in _narrative(pkg) if r[0] == "narrative-change" and r[1] != UNCHECKED]
    assert changes == [("narrative-change", PASS, Decimal("40.6"))]


@pytest.mark.parametrize("printed", ["1 2 , 3 4 . 5万元", "505.00 505.00万元", "12,34.5万元"])
def test_a_spaced_run_that_is_not_one_number_states_no_figure(tmp_path: Path, printed: str) -> None:
    pkg = _with_text(tmp_path, f"2023年本部门支出预算{printed}。")
    assert _narrative(pkg) == []


CHONGQING = (
    "2026 年一般公共预算财政拨款收入 853.77 万元，一般公共预算财政拨款支出 853.77 万元，比 2025 年增加 2,781.90 万元。"
    "其中：基本支出 570.37 万元，主要用于保障在职人员工资福利及社会保险缴费；项目支出 283.40 万元，主要用于重庆市"
    "“12345 一号通”政务服务便民热线运营、政务服务工作运行分析等重点工作。"
)


def test_a_paragraph_about_the_general_budget_states_its_basic_and_project_spending(tmp_path: Path) -> None:
    """重庆市人民政府办公厅 p3 (“三、财政拨款情况说明”): the paragraph opens on 一般公共预算财政拨款, and its
    “项目支出 9,399.23 万元” is 表五's (一般公共预算), not 表三's 10,211.71 that adds 事业收入-funded projects. Here
    with the seed's figures, its 支出总表 given 16.60 of projects funded otherwise."""
    pkg = _with_text(
        tmp_path,
        CHONGQING,
        {"expenditure_summary": ("合计,,合计,853.77,570.37,283.40", "合计,,合计,870.37,570.37,300.00")},
    )
    stated = {r[2]: r[1] for r in _narrative(pkg) if r[0] == "narrative"}
    assert (stated[Decimal("570.37")], stated[Decimal("283.40")]) == (PASS, PASS)


def test_the_same_words_without_the_fund_are_the_departments(tmp_path: Path) -> None:
    pkg = _with_text(
        tmp_path,
        CHONGQING.replace("一般公共预算财政拨款", "部门"),
        {"expenditure_summary": ("合计,,合计,853.77,570.37,283.40", "合计,,合计,870.37,570.37,300.00")},
    )
    stated = {r[2]: r[1] for r in _narrative(pkg) if r[0] == "narrative"}
    assert (stated[Decimal("570.37")], stated[Decimal("283.40")]) == (PASS, ERROR)


@pytest.mark.parametrize(
    "sentence",
    [
        # 重庆市人民政府办公厅 p4, with a figure
        "重庆市人民政府办公厅文印中心、重庆市政府机关服务中心等 2 个事业单位支出预算 812.48 万元。",
        "所属各预算单位支出预算 812.48 万元。",
        "其中：部门本级支出预算 812.48 万元。",
    ],
)
def test_a_sentence_about_several_units_or_a_part_is_not_compared_with_the_department(
    tmp_path: Path, sentence: str
) -> None:
    pkg = _with_text(tmp_path, sentence)
    assert [r[1] for r in _narrative(pkg)] == [UNCHECKED]


def test_a_sentence_about_the_department_and_its_units_is_the_whole(tmp_path: Path) -> None:
    """烟台市发展和改革委员会 p29: 部门本级和所属单位的收入和支出均包含在部门预算中."""
    pkg = _with_text(tmp_path, "部门本级和所属单位的支出预算853.77万元。")
    assert [r[1] for r in _narrative(pkg)] == [PASS]


YANTAI_THREE_PUBLIC = (
    "item,total,general_public,gov_fund,state_capital\n"
    "合计,{total},{total},,\n"
    "因公出国（境）经费,{abroad},{abroad},,\n"
    "公务用车购置及运行维护费,37.25,37.25,,\n"
    "公务用车购置经费,15.20,15.20,,\n"
    "公务用车运行维护费,22.05,22.05,,\n"
    "公务接待费,5.01,5.01,,\n"
)


def test_the_three_public_labels_shandong_prints() -> None:
    """烟台 公开表7: 因公出国（境）经费, 公务用车购置经费 are the rows 因公出国（境）费 and 购置费."""
    assert three_public_key("因公出国（境）经费") == three_public_key("因公出国（境）费")
    assert three_public_key("公务用车购置经费") == three_public_key("公务用车购置费")
    assert three_public_key("“三公”经费合计") == three_public_key("合计")


@pytest.mark.parametrize(
    ("total", "abroad", "status"), [("52.26", "10.00", PASS), ("42.26", "", PASS), ("53.26", "10.00", ERROR)]
)
def test_a_three_public_table_as_shandong_prints_it_adds_up(
    tmp_path: Path, total: str, abroad: str, status: str
) -> None:
    """烟台市司法局 p21: 合计 42.26 = 37.25 + 5.01 and 37.25 = 15.20 + 22.05 (and with 10.00 for 因公出国（境）经费)."""
    pkg = _with_text(tmp_path, "无。")
    (pkg / "data" / "three_public.csv").write_text(
        YANTAI_THREE_PUBLIC.format(total=total, abroad=abroad), encoding="utf-8"
    )
    results = [r for r in run_checks(read_package(pkg)) if r.resource == "three_public" and r.field == "total"]
    assert [(r.check, r.status) for r in results if r.check != "row-sum"] == [
        ("total-sum", status),
        ("hierarchy-sum", PASS),
    ]


@pytest.mark.parametrize(
    ("text", "current", "prior"),
    [
        # 福州市公安局交通管理支队: the change follows the one part 其中 names, and is that part's
        (
            "2026年预算安排1335.21万元，其中：公务用车运行费1114.17万元，比上年减少30.00万元，下降2.62%；"
            "公务用车购置费221.04万元，比上年增加221.04万元，增长100%。",
            "1114.17",
            "1144.17",
        ),
        # 忻州市社会保险中心: the change follows a list of parts, and is the whole's
        (
            "2023年度预算收入总计853.77万元，其中：本年收入853.77万元，上年结转0.00万元，比上年增加187.15万元，增加28.07%。",
            "853.77",
            "666.62",
        ),
    ],
)
def test_a_change_is_of_the_figure_it_follows(tmp_path: Path, text: str, current: str, prior: str) -> None:
    package = read_package(_with_text(tmp_path, text))
    priors = [(p.current, p.prior) for p in stated_priors(package) if p.section == package.texts[0].title]
    assert priors[0] == (Decimal(current), Decimal(prior))
    changes = [r for r in _narrative(package.path) if r[0] == "narrative-change" and r[1] != UNCHECKED]
    assert changes and all(status == PASS for _, status, _ in changes)


def _statuses(pkg: Path) -> dict[Decimal | None, list[str]]:
    out: dict[Decimal | None, list[str]] = {}
    for check, status, actual in _narrative(pkg):
        if check == "narrative":
            out.setdefault(actual, []).append(status)
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        # 西安市科学技术局 2022 (its 机关运行经费 paragraphs): one subordinate unit's or the office's figure each
        "西安地区科技交流中心公用经费预算 54.76 万元，比 2022 年增加 6.72 万元，主要原因是因公用经费标准提高正常增加。",
        "西安市社会科学院公用经费预算 60.57 万元，比 2022 年减少 5 万元，主要原因是因人员减少费用减少。",
        "局机关日常公用经费87.36万元。",
    ],
)
def test_a_figure_of_one_unit_or_office_is_not_the_departments(tmp_path: Path, sentence: str) -> None:
    """The 公用经费 of a 中心, a 院 or the 局机关 is not the department's 合计 公用经费 (59.61 in the seed)."""
    assert [status for check, status, _ in _narrative(_with_text(tmp_path, sentence)) if check == "narrative"] == [
        UNCHECKED
    ]


def test_the_units_own_name_before_a_figure_is_the_unit(tmp_path: Path) -> None:
    pkg = _with_text(tmp_path, "忻州市社会保险中心公用经费预算59.61万元。")
    assert _statuses(pkg) == {Decimal("59.61"): [PASS]}


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # 西安市民政局 2021 (PDF p23): the breakdown of one 科目 (its code printed), not the department's 人员经费/公用经费
        (
            "（3）行政事业单位养老支出（20805）39.16 万元，较上年减少 7.45 万元，主要原因是人员变动。具体为：人员经费"
            " 675.90 万元，较上年减少 37.45 万元，主要原因是局属事业单位人员数量减少；公用经费 0.00 万元，较上年无变化；"
            "专项业务经费 30.00 万元，较上年增加 30.00 万元。其中：",
            "675.90",
        ),
        # 西安市科学技术局 2022: a paragraph on one economic class lists its parts
        (
            "②机关商品和服务支出（502）996.33 万元，较上年增加 212.77 万元，其中：2023年专项业务费806.10万元，交通补贴"
            "81.08万元，日常公用经费109.15万元。",
            "109.15",
        ),
    ],
)
def test_the_breakdown_of_a_coded_item_is_not_the_departments_total(tmp_path: Path, text: str, part: str) -> None:
    statuses = _statuses(_with_text(tmp_path, text))
    assert statuses[Decimal(part)] == [UNCHECKED]
    assert ERROR not in {s for v in statuses.values() for s in v}


@pytest.mark.parametrize(
    ("label", "status"),
    [
        # as printed in another document: no row 2069999 here, and never the class 206 科学技术支出 by its name
        ("2069999-其他科学技术支出45,870.00", UNCHECKED),
        # the same form with the seed's figures: its code names the 项 2089999 (0.49), not the class 208 (803.78)
        ("2089999-其他社会保障和就业支出0.49", PASS),
    ],
)
def test_a_printed_code_decides_over_the_name(tmp_path: Path, label: str, status: str) -> None:
    pkg = _with_text(tmp_path, f"{label}万元。")
    assert [s for c, s, _ in _narrative(pkg) if c == "narrative"] == [status]


def test_a_cell_of_an_explanation_table_is_not_a_stated_figure(tmp_path: Path) -> None:
    """西安市科学技术局 2022: a table with a wrapped reason column, read as prose; its cells “-16” and “0” are
    joined into “-160万元”."""
    pkg = _with_text(
        tmp_path,
        "2023 982.05 875.84 106.21 0 0 主要是创新院 2023 年绩效增量标准降低人员经费减机构运行（技术2022 1335.52 "
        "1228.76 90.76 16 0 少 352.92 万元；公用经费因人员增加正常增加 15.45研究与开发）2023 比 2022 -353.47 -352.92 "
        "15.45 -160 万元。",
    )
    assert Decimal(160) not in {actual for _, _, actual in _narrative(pkg)}


SHENZHEN_ABROAD = (
    "1.因公出国（境）费用。2023 年预算数 108.60 万元，较2022 年年初预算增加 56.20 万元，主要是用于 2023 年因公出国"
    "（境），增加的主要原因是按照市财政填报口径，2022 年因公出国（境）费用按执行数统计，2023 年因公出国费按批复额度"
    "89.60 万元在二上时已纳入部门预算。"
)


def test_an_approved_quota_is_not_the_budget_figure(tmp_path: Path) -> None:
    """中共深圳市委宣传部（本级） (第五部分): 89.60 is the 批复额度, a part of 因公出国(境)费 108.60."""
    pkg = _with_text(tmp_path, SHENZHEN_ABROAD)
    (pkg / "data" / "three_public.csv").write_text(
        YANTAI_THREE_PUBLIC.format(total="150.86", abroad="108.60"), encoding="utf-8"
    )
    statuses = _statuses(pkg)
    assert statuses[Decimal("89.60")] == [UNCHECKED]
    assert ERROR not in {s for v in statuses.values() for s in v}


def test_a_part_of_the_spending_is_not_the_total(tmp_path: Path) -> None:
    """中共深圳市委宣传部（本级） (第八部分): 上级专项转移支付 is a part of the 支出总计."""
    pkg = _with_text(
        tmp_path,
        "2023 年本部门上级专项转移支付支出预算 1,610.00 万元（其中 380.00 万元为政府性基金预算、1,230.00 万元为一般公共"
        "预算），较 2022 年年初预算增加 1,210.00 万元。",
    )
    statuses = _statuses(pkg)
    assert statuses[Decimal("1610.00")] == [UNCHECKED]
    assert ERROR not in {s for v in statuses.values() for s in v}


SHENZHEN_FUND = (
    "2023 年本部门政府性基金预算收入 380.00 万元，较 2022年年初预算增加 380.00 万元，主要原因包括：1.根据上级单位安排，"
    "2023 年下达转移支付资金 300.00 万元到我部，纳入部门年初预算并由我部代拨给申报单位；2.结转 2022 年下达的资金 "
    "80.00 万元。"
)
_INCOME_TOTAL = "合计,,合计,853.77,853.77,,,,,"


@pytest.mark.parametrize(
    ("tables", "status"),
    [
        # the 财政拨款收支总表 prints the fund's carry-over apart: 300.00 this year + 80.00 carried over
        (
            {
                "income_summary": (_INCOME_TOTAL, "合计,,合计,1233.77,853.77,300.00,,,,80.00"),
                "fiscal_summary": (
                    "二、政府性基金预算,,,,,,\n三、国有资本经营预算,,,,,,\n收入总计",
                    "二、政府性基金预算,80.00,,,,,\n三、国有资本经营预算,,,,,,\n收入总计",
                ),
            },
            PASS,
        ),
        # a carry-over printed in one sum: how much of it is 政府性基金 is printed nowhere
        ({"income_summary": (_INCOME_TOTAL, "合计,,合计,1253.77,853.77,300.00,,,,100.00")}, UNCHECKED),
        # no carry-over at all: 380.00 is not what the tables print
        ({"income_summary": (_INCOME_TOTAL, "合计,,合计,1153.77,853.77,300.00,,,,")}, ERROR),
    ],
)
def test_a_funds_income_may_include_its_carry_over(
    tmp_path: Path, tables: dict[str, tuple[str, str]], status: str
) -> None:
    """中共深圳市委宣传部（本级） (第八部分): 政府性基金预算收入380.00万元 = 300.00 this year + 80.00 结转."""
    statuses = _statuses(_with_text(tmp_path, SHENZHEN_FUND, tables))
    # the second 380.00 is the change on last year (增加 380.00 万元)
    assert statuses[Decimal("380.00")] == [status, UNCHECKED]


def test_fiscal_basic_spending_is_not_the_all_funds_table(tmp_path: Path) -> None:
    """苏州市审计局: 财政拨款基本支出 is the 一般公共预算支出表's (the only 财政拨款 here), not the 支出总表's,
    which here adds 29.63 of other money."""
    pkg = _with_text(
        tmp_path,
        "忻州市社会保险中心 2023 年度财政拨款基本支出预算570.37万元。",
        {"expenditure_summary": ("合计,,合计,853.77,570.37,283.40", "合计,,合计,883.40,600.00,283.40")},
    )
    assert _statuses(pkg) == {Decimal("570.37"): [PASS]}


def test_a_figure_of_another_year_is_not_this_years(tmp_path: Path) -> None:
    """西安市科学技术局 2022: 2021 年度…日常公用经费 in the 2022 budget is last year's."""
    pkg = _with_text(
        tmp_path,
        "2022 年度专项业务费支出 533 万元，日常公用经费 65.56 万元。2023年公用经费59.61万元，比2022年增加1.00万元。",
    )
    statuses = _statuses(pkg)
    assert (statuses[Decimal("65.56")], statuses[Decimal("59.61")]) == ([UNCHECKED], [PASS])


def test_the_money_of_all_projects_is_not_the_project_spending(tmp_path: Path) -> None:
    """烟台市住房和城乡建设局: the money of its 76 projects is the whole budget (45,967.29), not 项目支出."""
    pkg = _with_text(tmp_path, "涉及一级预算项目76个，预算资金853.77万元。")
    assert ERROR not in {s for v in _statuses(pkg).values() for s in v}


@pytest.mark.parametrize("sentence", ["2023年本中心收入预算853.77万元。", "2023年忻州市社保中心收入预算853.77万元。"])
def test_the_unit_named_as_itself_states_the_departments_total(tmp_path: Path, sentence: str) -> None:
    assert _statuses(_with_text(tmp_path, sentence)) == {Decimal("853.77"): [PASS]}


@pytest.mark.parametrize("sentence", ["保障 300 人公用经费59.61万元。", "涉及项目 200 个公用经费59.61万元。"])
def test_a_count_before_a_figure_is_not_a_classification_code(tmp_path: Path, sentence: str) -> None:
    assert _statuses(_with_text(tmp_path, sentence)) == {Decimal("59.61"): [PASS]}


def test_a_class_item_named_by_its_three_names_is_not_matched_to_a_project_of_that_name(tmp_path: Path) -> None:
    """杭州市司法局 (第37段): “（8）公共安全支出（类）司法（款）公共法律服务（项）368.86万元” names a 项 of the function
    classification; where no row of the tables carries that 项 by code, it is 未核对, never compared with the project
    whose name is its last word (表10 “公共法律服务” 196.87)."""
    pkg = _with_text(
        tmp_path, "（8）社会保障和就业支出（类）人力资源和社会保障管理事务（款）社会保险业务经费（项）99.00万元。"
    )
    assert _statuses(pkg) == {Decimal("99.00"): [UNCHECKED]}


def test_a_project_is_named_by_the_words_just_before_its_figure(tmp_path: Path) -> None:
    """A project's name inside a longer sentence (杭州市法律援助中心 … 的机关运行经费 12,237.94万元, 表10 has a project
    法律援助) does not make the figure that project's; the name right before the figure does."""
    pkg = _with_text(
        tmp_path,
        "本部门及社会保险业务经费中心的机关运行经费财政拨款预算59.61万元。社会保险业务经费项目75.00万元。",
    )
    assert _statuses(pkg) == {Decimal("59.61"): [PASS], Decimal("75.00"): [PASS]}


def test_money_a_matter_involves_is_not_the_funds_total(tmp_path: Path) -> None:
    """湖州市卫生健康委员会 (第91段): the projects under 绩效目标管理 “涉及一般公共预算当年拨款 15858.46 万元”, a part of
    the 一般公共预算 37,018.75."""
    pkg = _with_text(
        tmp_path,
        "2023 年本单位其他运转类项目和特定目标类项目均实行绩效目标管理，涉及一般公共预算当年拨款 250.00 万元，一级项目 3 个。",
    )
    assert _statuses(pkg) == {Decimal("250.00"): [UNCHECKED]}


def test_shares_whose_rounding_remainder_is_put_on_one_are_a_rounding_difference(tmp_path: Path) -> None:
    """杭州市公安局 (第24段): 250,110.65 ÷ 404,415.23 = 61.845%, printed 61.9% so that 61.9 + 11.8 + 26.3 = 100.0 (each
    rounded alone they add to 99.9): 舍入差异, not an error. A share two units off stays an error."""
    text = (
        "按支出用途分类，包括人员支出 {a} 万元，占 {p}%；日常公用支出 {b} 万元，占 11.8%；项目支出 {c} 万元，占 26.3%。"
    )
    figures = {"a": "250,110.65", "b": "47,792.58", "c": "106,512.00"}
    shares = [
        r for r in _narrative(_with_text(tmp_path, text.format(p="61.9", **figures))) if r[0] == "narrative-share"
    ]
    assert shares == [
        ("narrative-share", "rounding", Decimal("61.9")),
        ("narrative-share", "pass", Decimal("11.8")),
        ("narrative-share", "pass", Decimal("26.3")),
    ]
    again = tmp_path / "again"
    again.mkdir()
    shares = [r for r in _narrative(_with_text(again, text.format(p="62.0", **figures))) if r[0] == "narrative-share"]
    assert shares[0] == ("narrative-share", "error", Decimal("62.0"))
