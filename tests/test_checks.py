from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks import ERROR, PASS, ROUNDING, Cell, identity, run_checks, summary
from generator.checks.numbered import numbered_items
from generator.cli import main
from generator.errors import ValidationFailed
from generator.load import load_packages
from generator.package import Resource, read_package
from tests.conftest import PACKAGE


@pytest.fixture(scope="module")
def results():
    return run_checks(read_package(PACKAGE))


def test_seed_has_no_error(results) -> None:
    assert [r for r in results if r.status == ERROR] == []


def test_seed_rounding_differences(results) -> None:
    """Found by running the checks on the seed: 208 is printed 0.01 above the sum of its 款 in three tables,
    and two economic classes 0.01 above the sum of their items."""
    found = sorted((r.check, r.resource, r.row, r.field, r.difference) for r in results if r.status == ROUNDING)
    d = Decimal("0.01")
    assert found == [
        ("hierarchy-sum", "expenditure_summary", 3, "basic", d),
        ("hierarchy-sum", "expenditure_summary", 3, "total", d),
        ("hierarchy-sum", "general_public_basic_economic", 3, "personnel", d),
        ("hierarchy-sum", "general_public_basic_economic", 3, "total", d),
        ("hierarchy-sum", "general_public_basic_economic", 11, "public_operation", d),
        ("hierarchy-sum", "general_public_basic_economic", 11, "total", d),
        ("hierarchy-sum", "general_public_expenditure", 3, "basic", d),
        ("hierarchy-sum", "general_public_expenditure", 3, "total", d),
        ("hierarchy-sum", "income_summary", 3, "general_public", d),
        ("hierarchy-sum", "income_summary", 3, "total", d),
    ]


def test_seed_summary(results) -> None:
    # 3 of them: the same figure printed twice, 853.77 in each place (一般公共预算 income in the 收支总表, the
    # 财政拨款收支总表 and the 收入总表; its expense total in the 财政拨款收支总表 and the 一般公共预算支出表)
    # 37 more since all its spending is 一般公共预算 (the two tables' 合计 are equal): each code's figures in the 支出总表
    # and the 一般公共预算支出表 are then one figure, compared
    assert summary(results) == {"pass": 282, "rounding": 10, "error": 0, "unchecked": 8, "source-error": 0}


def test_unchecked_figures_are_not_passed(results) -> None:
    unchecked = [r for r in results if r.status == "unchecked"]
    assert {r.resource for r in unchecked} == {"explanation_01", "explanation_05", "explanation_08", "explanation_09"}
    assert all(r.expected is None for r in unchecked)


def test_narrative_ties(results) -> None:
    shares = {(r.resource, r.actual): r.status for r in results if r.check == "narrative-share"}
    assert shares[("explanation_05", Decimal("94.14"))] == PASS
    changes = [r for r in results if r.check == "narrative-change" and r.expected is not None]
    assert sorted((r.resource, r.actual, r.expected) for r in changes) == [
        ("explanation_01", Decimal("28.07"), Decimal("28.07")),
        ("explanation_01", Decimal("28.07"), Decimal("28.07")),
        ("explanation_05", Decimal("28.07"), Decimal("28.07")),
        ("explanation_08", Decimal("12.94"), Decimal("12.94")),
    ]


def _c(value: str) -> Cell:
    d = Decimal(value)
    return Cell(d, Decimal(5) * Decimal(10) ** (d.as_tuple().exponent - 1), ("t", 2, "f"), False, "", "万元")


@pytest.mark.parametrize(
    ("target", "parts", "status"),
    [
        ("1.00", ["0.50", "0.50"], PASS),
        ("1.01", ["0.50", "0.50"], ROUNDING),  # tolerance 3 × 0.005 = 0.015
        ("1.02", ["0.50", "0.50"], ERROR),
        ("1.01", ["1.00"], ROUNDING),  # tolerance 2 × 0.005 = 0.01
        ("1.02", ["1.00"], ERROR),
        ("1680000", ["1680000"], PASS),
        ("1680001", ["1680000"], ROUNDING),  # whole yuan: 0.5 each
        ("1680002", ["1680000"], ERROR),
    ],
)
def test_rounding_tolerance(target: str, parts: list[str], status: str) -> None:
    r = identity("x", _c(target), [_c(p) for p in parts], "x")
    assert r is not None and r.status == status


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "2023" / "x"
    shutil.copytree(PACKAGE, target)
    return target


def _break_an_amount(pkg: Path) -> None:
    """行政运行's 基本支出 one 万元 too high: its row and its 款 no longer add up."""
    csv = pkg / "data" / "expenditure_summary.csv"
    text = csv.read_text(encoding="utf-8")
    csv.write_text(
        text.replace("2080101,行政运行,项,480.72,480.72,", "2080101,行政运行,项,480.72,481.72,"), encoding="utf-8"
    )


def test_a_wrong_amount_is_an_error_with_location(tmp_path: Path) -> None:
    pkg = _copy(tmp_path)
    _break_an_amount(pkg)
    with pytest.raises(ValidationFailed) as exc:
        load_packages(tmp_path)
    errors = {(f.code, f.resource, f.row, f.field) for f in exc.value.findings}
    assert ("row-sum", "expenditure_summary", 5, "total") in errors
    assert ("hierarchy-sum", "expenditure_summary", 4, "basic") in errors


def test_a_wrong_percentage_in_the_text_is_an_error(tmp_path: Path) -> None:
    pkg = _copy(tmp_path)
    text = pkg / "texts" / "05.md"
    text.write_text(text.read_text(encoding="utf-8").replace("占94.14%", "占94.41%"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as exc:
        load_packages(tmp_path)
    assert [(f.code, f.resource, f.row) for f in exc.value.findings] == [("narrative-share", "explanation_05", 2)]


def test_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PACKAGE)]) == 0
    out = capsys.readouterr().out
    assert "300 checks: 282 通过, 10 舍入差异, 0 不一致, 8 未核对" in out
    pkg = _copy(tmp_path)
    form = pkg / "data" / "performance_projects.csv"
    form.write_text(
        form.read_text(encoding="utf-8").replace(",20000,0,0,20000,", ",20000,0,0,25000,", 1), encoding="utf-8"
    )
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any("performance_projects:3 [year_total]: error" in line and "form-sources" in line for line in err)
    assert err[-1].startswith("error: ")


def test_build_refuses_to_publish_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import copy_project

    root = copy_project(tmp_path)
    csv = root / "datapackages" / "2023" / "xinzhou-shebao" / "data" / "projects_current.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("社会保险业务经费,75.00,75.00", "社会保险业务经费,57.00,57.00"),
        encoding="utf-8",
    )
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert not (root / "site").exists()
    located = [line.split(": error: ")[0].split("/xinzhou-shebao/")[-1] for line in err if ": error: " in line]
    assert located == [
        "expenditure_summary:2 [project]",  # Σ projects ≠ 项目支出
        "performance_projects:4 [year_total]",  # the form says 750,000 元
        "explanation_10:1 [text]",  # 绩效管理：涉及一般公共预算当年拨款283.4万元
    ]
    assert err[-1].startswith("error: ") and "nothing was published" in err[-1]


def test_clean_results_are_remembered_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import load as build

    pkg = _copy(tmp_path)
    cache = tmp_path / "cache"
    first = build.load_packages(tmp_path, cache)
    assert len(list(cache.iterdir())) == 1
    ran: list[Path] = []
    real = build.validate_and_check
    monkeypatch.setattr(build, "validate_and_check", lambda d: ran.append(d) or real(d))
    second = build.load_packages(tmp_path, cache)
    assert ran == [] and second[0].checks == first[0].checks
    # one changed byte and the package is validated and checked again: the new error is found
    _break_an_amount(pkg)
    with pytest.raises(ValidationFailed) as exc:
        build.load_packages(tmp_path, cache)
    assert ran == [pkg] and ("row-sum", "expenditure_summary", 5, "total") in {
        (f.code, f.resource, f.row, f.field) for f in exc.value.findings
    }
    assert len(list(cache.iterdir())) == 1  # a result with an error is not kept


def test_cache_key_covers_every_file_of_the_generator(tmp_path: Path) -> None:
    """A module added to the generator (a new check, say) changes the key, so no older clean result is reused."""
    import generator
    from generator.load import code_stamp

    code = tmp_path / "generator"
    shutil.copytree(Path(generator.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_stamp(code)
    assert code_stamp(code) == before
    (code / "checks" / "new_rule.py").write_text("RULE = 1\n", encoding="utf-8")
    code_stamp.cache_clear()  # read once per process: the code does not change while it runs
    assert code_stamp(code) != before
    (code / "checks" / "new_rule.py").unlink()
    (code / "templates" / "unit.md.j2").write_text("changed", encoding="utf-8")
    code_stamp.cache_clear()
    assert code_stamp(code) != before


def test_no_memory_outlives_a_changed_package(tmp_path: Path) -> None:
    """Within one process, a package edited between two loads is read, checked and rendered afresh."""
    from generator.site.assemble import render_site
    from generator.terms import Terms

    pkg = _copy(tmp_path)
    first = load_packages(tmp_path)
    history_before = render_site(first, Terms()).files["units/xinzhou-shebao.md"]
    text = (pkg / "texts" / "01.md").read_text(encoding="utf-8")
    (pkg / "texts" / "01.md").write_text(
        text.replace("比上年增加187.15万元", "比上年增加100.00万元", 1), encoding="utf-8"
    )
    with pytest.raises(ValidationFailed):
        load_packages(tmp_path)  # the changed increase no longer matches the stated percentage
    from generator.checks.narrative_text import stated_priors
    from generator.package import read_package

    priors = [p.prior for p in stated_priors(read_package(pkg))]
    assert (
        Decimal("753.77") in priors
        and history_before != render_site([read_package(pkg)], Terms()).files["units/xinzhou-shebao.md"]
    )


def test_many_packages_on_the_workers_report_each_error_once(tmp_path: Path) -> None:
    """Ten packages go to the two validation workers while this process reads them: a package that cannot be read
    is reported by its reading error only, and the others' validation and check errors come back with their place."""
    units = []
    for n in range(10):
        target = tmp_path / "2023" / f"unit-{n}"
        shutil.copytree(PACKAGE, target)
        units.append(target)
    _break_an_amount(units[2])
    descriptor = units[5] / "datapackage.json"
    descriptor.write_bytes(b"\xef\xbb\xbf" + descriptor.read_bytes())  # cannot be read
    csv = units[7] / "data" / "expenditure_summary.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",行政运行,项,", ",行政运行,目,", 1), encoding="utf-8")
    with pytest.raises(ValidationFailed) as exc:
        load_packages(tmp_path)
    by_unit: dict[str, set] = {}
    for f in exc.value.findings:
        unit = next(p for p in Path(f.package).parts if p.startswith("unit-"))
        by_unit.setdefault(unit, set()).add((f.code, f.resource, f.row, f.field))
    assert sorted(by_unit) == ["unit-2", "unit-5", "unit-7"]
    assert ("row-sum", "expenditure_summary", 5, "total") in by_unit["unit-2"]
    assert by_unit["unit-5"] == {("package-error", None, None, None)}
    assert by_unit["unit-7"] == {("constraint-error", "expenditure_summary", 5, "level")}


def test_a_text_that_truncates_is_a_rounding_warning_labelled_as_such(tmp_path: Path) -> None:
    """“…项目168万元” for a table figure of 168.60万元 is cut off, not rounded (169): a 截尾 warning, not an error."""
    pkg = _copy(tmp_path)
    csv = pkg / "data" / "projects_current.csv"
    text = csv.read_text(encoding="utf-8")
    assert "资金,168.00,168.00," in text
    csv.write_text(text.replace("资金,168.00,168.00,", "资金,168.60,168.60,", 1), encoding="utf-8")
    results = run_checks(read_package(pkg))
    cut = [r for r in results if r.check == "narrative" and "截尾" in r.explanation]
    assert len(cut) == 2 and all(r.status == ROUNDING and r.difference == Decimal("-0.60") for r in cut)


def _classification(rows: list[tuple[str, str, str]]):
    from generator.package import Resource

    fields = [
        {"name": "code", "type": "string"},
        {"name": "name", "type": "string"},
        {"name": "total", "type": "number"},
    ]
    res = Resource(
        "expenditure_summary", "支出总表", {"type": "table", "amountUnit": "万元", "schema": {"fields": fields}}
    )
    res.rows = [{"code": c, "name": n, "total": t} for c, n, t in rows]
    return res


def test_a_kuan_printed_again_as_its_only_xiang_is_counted_once() -> None:
    """无锡 prints “21999 其他支出 502.00” as the 款 and again as its 项: the class is the 款 alone, the 款 its 项."""
    from generator.checks.sums import hierarchy

    res = _classification(
        [
            ("合计", "", "1502.00"),
            ("219", "援助其他地区支出", "502.00"),
            ("21999", "其他支出", "502.00"),
            ("21999", "其他支出", "502.00"),
            ("221", "住房保障支出", "1000.00"),
            ("22102", "住房改革支出", "1000.00"),
        ]
    )
    found = [(r.row, r.status, r.explanation.split("应等于")[1][:6]) for r in hierarchy(res) if r is not None]
    assert found == [
        (2, PASS, "其下各类之和"),
        (3, PASS, "其下各款之和"),
        (4, PASS, "其下各项之和"),
        (6, PASS, "其下各款之和"),
    ]


def test_a_kuan_printed_again_keeps_a_real_shortfall() -> None:
    """The repeated row is the 款's item: where it prints less than the 款, that is an error, as is a second 款 of
    another name under the same code."""
    from generator.checks.sums import hierarchy

    short = _classification(
        [("219", "援助其他地区支出", "600.00"), ("21999", "其他支出", "600.00"), ("21999", "其他支出", "502.00")]
    )
    assert [(r.row, r.status) for r in hierarchy(short) if r is not None] == [(2, PASS), (3, ERROR)]
    renamed = _classification(
        [("219", "援助其他地区支出", "502.00"), ("21999", "其他支出", "502.00"), ("21999", "对口支援", "502.00")]
    )
    assert [(r.row, r.status) for r in hierarchy(renamed) if r is not None] == [(2, ERROR)]


def _two_sided(rows: list[dict]) -> Resource:
    columns = sorted({k for r in rows for k in r})
    return _table("budget_summary", "表1 收支总表", columns, [tuple(r.get(c, "") for c in columns) for r in rows], "元")


def test_a_numbered_item_is_the_sum_of_the_items_numbered_under_it_in_its_own_block() -> None:
    """西安市科学技术局 2022 表1 (p42) prints 一、部门预算 936647884.33 over its function classes, two of which lost a
    trailing zero (5、教育支出 29440, 17、金融支出 8916000): an error. The economic block beside it is added up on its own,
    and (1)… under 1、 only; 其中 lines and the 本年支出合计 below are no items."""
    rows = [
        {
            "expense_item": "一、部门预算",
            "expense_total": "936647884.33",
            "dept_economic_item": "一、部门预算",
            "dept_economic_amount": "936647884.33",
        },
        {
            "expense_item": "5、教育支出",
            "expense_total": "29440",
            "dept_economic_item": "1、人员经费和公用经费支出",
            "dept_economic_amount": "47137884.33",
        },
        {
            "expense_item": "6、科学技术支出",
            "expense_total": "820196139.30",
            "dept_economic_item": "(1)工资福利支出",
            "dept_economic_amount": "40646542.91",
        },
        {
            "expense_item": "8、社会保障和就业支出",
            "expense_total": "19455802.52",
            "dept_economic_item": "(2)商品和服务支出",
            "dept_economic_amount": "6491341.42",
        },
        {
            "expense_item": "10、卫生健康支出",
            "expense_total": "1830412.95",
            "dept_economic_item": "2、专项业务经费支出",
            "dept_economic_amount": "889510000.00",
        },
        {
            "expense_item": "17、金融支出",
            "expense_total": "8916000",
            "dept_economic_item": "其中：专项资金",
            "dept_economic_amount": "874160000",
        },
        {"expense_item": "20、住房保障支出", "expense_total": "5711129.56"},
        {
            "expense_item": "本年支出合计",
            "expense_total": "936647884.33",
            "dept_economic_item": "本年支出合计",
            "dept_economic_amount": "936647884.33",
        },
        {"expense_item": "1、未安排支出的实户资金", "expense_total": "7217115.63"},
    ]
    results = [r for r in numbered_items(_two_sided(rows)) if r is not None]
    got = sorted((r.row, r.field, r.status, r.expected) for r in results)
    assert got == [
        (2, "dept_economic_amount", PASS, Decimal("936647884.33")),  # 47137884.33 + 889510000.00
        (2, "expense_total", ERROR, Decimal("856138924.33")),
        (3, "dept_economic_amount", PASS, Decimal("47137884.33")),
    ]
    wrong = next(r for r in results if r.status == ERROR)
    assert wrong.explanation.startswith("表1 收支总表：“一、部门预算”应等于其下所列各项之和（教育支出、科学技术支出、")
    rows[1]["expense_total"], rows[5]["expense_total"] = "294400", "89160000"
    assert all(r.status == PASS for r in numbered_items(_two_sided(rows)) if r is not None)


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("公务用车购置", "购置费"),
        ("(1)公务用车购置费", "购置费"),
        ("2、公务用车运行", "运行费"),
        ("公务用车购置及运行费", "公务用车购置及运行费"),
        ("公务接待", "公务接待费"),
        ("因公出国（境）", "因公出国境费"),
    ],
)
def test_a_three_public_item_printed_without_its_fee_is_still_that_item(printed: str, key: str) -> None:
    """“公务用车购置” (without 费) is the 购置费 part of the car item, not an unknown line or the car item itself."""
    from generator.checks.within import three_public_key

    assert three_public_key(printed) == key


def _table(name: str, title: str, columns: list[str], rows: list[tuple], unit: str = "万元"):
    """A table as printed: label columns end in _item (or are code/name/level), the rest are amounts; '' = blank."""
    from generator.package import Resource

    text = ("code", "name", "level")
    fields = [{"name": c, "type": "string" if c.endswith("_item") or c in text else "number"} for c in columns]
    res = Resource(name, title, {"type": "table", "amountUnit": unit, "schema": {"fields": fields}})
    res.rows = [{c: (v if v != "" else None) for c, v in zip(columns, r, strict=True)} for r in rows]
    return res


def _errors(results) -> list[tuple]:
    return [(r.check, r.row, r.field, r.actual, r.expected) for r in results if r is not None and r.status == ERROR]


def test_a_grand_total_adds_every_line_printed_below_this_years_total() -> None:
    """烟台 prints 上级补助收入 below 本年收入合计, 西安 未安排支出的实户资金 below 本年支出合计: both are in the 总计."""
    from generator.checks.two_sided import two_sided

    yantai = _table(
        "budget_summary",
        "公开表1 收支总体情况表",
        ["income_item", "income_amount", "expense_item", "expense_total"],
        [
            ("一、财政拨款收入", "45832.29", "一、教育支出", "45967.29"),
            ("五、其他收入", "75.00", "", ""),
            ("本年收入合计", "45907.29", "本年支出合计", "45967.29"),
            ("上级补助收入", "60.00", "", ""),
            ("附属单位上缴收入", "", "对附属单位的补助支出", ""),
            ("使用非财政拨款结余", "", "上缴上级支出", ""),
            ("上年结转", "", "结转下年", ""),
            ("收入总计", "45967.29", "支出总计", "45967.29"),
        ],
    )
    assert _errors(two_sided(yantai, ())) == []
    xian = _table(
        "budget_summary",
        "表1 2022年部门综合预算收支总表",
        ["income_item", "income_amount", "expense_item", "expense_total"],
        [
            ("一、部门预算", "936647884.33", "一、部门预算", "936647884.33"),
            ("本年收入合计", "936647884.33", "本年支出合计", "936647884.33"),
            ("用事业基金弥补收支差额", "", "结转下年", ""),
            ("上年实户资金余额", "7217115.63", "未安排支出的实户资金", "7217115.63"),
            ("上年结转", "90.57", "", ""),
            ("其中：财政拨款资金结转", "90.57", "", ""),  # parts of 上年结转, not added again
            ("非财政拨款资金结余", "", "", ""),
            ("收入总计", "943865090.53", "支出总计", "943864999.96"),
        ],
        unit="元",
    )
    found = [r for r in two_sided(xian, ()) if r is not None and "总计 =" in r.explanation]
    assert [(r.field, r.status) for r in found] == [("income_amount", PASS), ("expense_total", PASS)]


def test_a_line_left_out_between_the_totals_is_still_an_error() -> None:
    from generator.checks.two_sided import two_sided

    short = _table(
        "budget_summary",
        "收支总表",
        ["income_item", "income_amount", "expense_item", "expense_total"],
        [
            ("一、财政拨款收入", "100.00", "一、教育支出", "100.00"),
            ("本年收入合计", "100.00", "本年支出合计", "100.00"),
            ("上级补助收入", "60.00", "结转下年", ""),
            ("收入总计", "150.00", "支出总计", "150.00"),
        ],
    )
    assert [(c, row, f) for c, row, f, *_ in _errors(two_sided(short, ()))] == [
        ("total-sum", 5, "income_amount"),
        ("total-sum", 5, "expense_total"),
    ]


def test_an_item_of_two_classification_blocks_is_not_one_figure() -> None:
    """西安 prints the function class 25、其他支出 and the economic class (10)其他支出 side by side: two figures."""
    from generator.checks.figures import printed_figures
    from generator.package import Package

    summary = _table(
        "budget_summary",
        "表1 2021年部门综合预算收支总表",
        ["expense_item", "expense_total", "dept_economic_item", "dept_economic_amount", "gov_economic_item"],
        [
            ("一、部门预算", "167781553.36", "一、部门预算", "167781553.36", "一、部门预算"),
            ("1、一般公共服务支出", "0.00", "1、人员经费和公用经费支出", "167781553.36", "1、机关工资福利支出"),
            ("25、其他支出", "167781553.36", "(10)其他支出", "0.00", "15、其他支出"),
            ("", None, "(1)工资福利支出", "167781553.36", ""),
            ("本年支出合计", "167781553.36", "本年支出合计", "167781553.36", "本年支出合计"),
        ],
        unit="元",
    )
    pkg = Package(Path("."), {}, {"budget_summary": summary})
    other = [refs for meaning, refs in printed_figures(pkg).items() if meaning[3] == "229"]
    assert other == [[("budget_summary", 4, "expense_total")]]
    assert _errors(run_checks(pkg)) == []


def test_a_kuan_printed_by_name_only_that_its_xiang_do_not_make_is_an_error() -> None:
    """杭州交通局 表5: 公路水路运输 prints 97,402.60 although its 项 add up to 97,453.20; the 款 are known from the
    figures, as the table prints names only under the class."""
    from generator.checks.sums import hierarchy

    res = _table(
        "general_public_expenditure",
        "表5：2026年市级部门一般公共预算支出预算表",
        ["code", "name", "level", "total", "basic", "project"],
        [
            ("合计", "合计", "合计", "165602.60", "51417.49", "114185.11"),
            ("214", "交通运输支出", "类", "165602.60", "51417.49", "114185.11"),
            ("", "公路水路运输", "", "97402.60", "51417.49", "45985.11"),
            ("", "行政运行", "", "43003.71", "43003.71", ""),
            ("", "一般行政管理事务", "", "927.20", "", "927.20"),
            ("", "其他公路水路运输支出", "", "53522.29", "8464.39", "45057.91"),
            ("", "其他交通运输支出", "", "68200.00", "", "68200.00"),
            ("", "公共交通运营补助", "", "68000.00", "", "68000.00"),
            ("", "其他交通运输支出", "", "200.00", "", "200.00"),
        ],
    )
    assert _errors(hierarchy(res)) == [
        ("hierarchy-sum", 4, "total", Decimal("97402.60"), Decimal("97453.20")),
        ("hierarchy-sum", 4, "basic", Decimal("51417.49"), Decimal("51468.10")),
    ]


def test_lines_of_one_level_under_a_class_are_its_items() -> None:
    """Where a table prints only 类 and 款, the lines under a class add up to it, and no 项 is looked for."""
    from generator.checks.sums import hierarchy

    res = _table(
        "expenditure_summary",
        "支出总表",
        ["code", "name", "level", "total"],
        [("208", "社会保障和就业支出", "类", "30.00"), ("", "就业补助", "", "10.00"), ("", "抚恤", "", "20.00")],
    )
    assert [(r.row, r.status) for r in hierarchy(res) if r is not None] == [(2, PASS)]
    pairs = _table(  # lines that also pair up as 款 over 项 are still one level where they add up to the class
        "expenditure_summary",
        "支出总表",
        ["code", "name", "level", "total"],
        [("208", "社会保障和就业支出", "类", "16.00")]
        + [("", n, "", v) for n, v in (("甲", "5"), ("乙", "5"), ("丙", "3"), ("丁", "3"))],
    )
    assert _errors(hierarchy(pairs)) == []


def test_a_class_printed_by_name_that_its_lines_do_not_make_is_an_error() -> None:
    """杭州交通局 表1 prints 一般公共服务支出 6651.38 over 款 adding up to 6,701.98: the class and the 本年支出合计
    (the sum of the classes as printed falls 50.60 short of it) are both reported."""
    from generator.checks.two_sided import two_sided

    res = _table(
        "budget_summary",
        "表1：2026年市级部门收支预算总表",
        ["income_item", "income_amount", "expense_item", "expense_total"],
        [
            ("一、财政拨款", "6719.98", "一般公共服务支出", "6651.38"),
            ("", "", "社会工作事务", "1.98"),
            ("", "", "其他社会工作事务支出", "1.98"),
            ("", "", "其他一般公共服务支出", "6700.00"),
            ("", "", "其他一般公共服务支出", "6700.00"),
            ("", "", "国防支出", "18.00"),
            ("", "", "国防动员", "18.00"),
            ("", "", "交通战备", "18.00"),
            ("", "", "其他支出", "0.00"),  # a class, then a 款 and a 项 of its name: one class
            ("", "", "其他支出", "0.00"),
            ("", "", "其他支出", "0.00"),
            ("本年收入合计", "6719.98", "本年支出合计", "6719.98"),
            ("收入总计", "6719.98", "支出总计", "6719.98"),
        ],
    )
    assert _errors(two_sided(res, ())) == [
        ("hierarchy-sum", 2, "expense_total", Decimal("6651.38"), Decimal("6701.98")),
        ("total-sum", 13, "expense_total", Decimal("6719.98"), Decimal("6669.38")),
    ]
