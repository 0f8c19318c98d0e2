"""The checks of a 决算 (generator/checks/final.py) on the bundled 决算 packages: a figure changed in a copy is
found where it was changed, and each sentence kind of the 情况说明 is checked against its figures."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from generator.checks import ERROR, PASS, run_checks
from generator.package import read_package
from tests.conftest import ROOT

GUIHUA = ROOT / "datapackages" / "2024" / "shanghai-putuo-guihuaziyuanju-juesuan"
SHGZB = ROOT / "datapackages" / "2024" / "shanghai-putuo-shehuigongzuobu-juesuan"


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copytree(src, dst)
    return dst


def _set(pkg: Path, table: str, row: int, field: str, value: str) -> None:
    """Row `row` as the checks number it (the CSV's header is 1)."""
    path = pkg / "data" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(field)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _errors(pkg: Path) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(r.check, r.resource, r.row, r.field) for r in run_checks(read_package(pkg)) if r.status == ERROR]


def test_the_bundled_final_accounts_have_no_error_but_those_confirmed() -> None:
    for pkg in (GUIHUA, SHGZB):
        results = run_checks(read_package(pkg))
        assert [r.explanation for r in results if r.status == ERROR] == []
        confirmed = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["budget"]
        assert sum(r.status == "source-error" for r in results) == len(confirmed["confirmedDiscrepancies"])


def test_the_grand_total_identities_find_a_changed_carry_over(tmp_path: Path) -> None:
    """总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余: 年初结转和结余 112.88 printed as 112.98."""
    pkg = _copy(GUIHUA, tmp_path)
    rows = list(csv.DictReader((pkg / "data" / "final_summary.csv").open(encoding="utf-8")))
    at = next(i for i, r in enumerate(rows, start=2) if r["income_item"] == "年初结转和结余")
    total = next(i for i, r in enumerate(rows, start=2) if r["income_item"] == "总计")
    _set(pkg, "final_summary", at, "income_amount", "112.98")
    assert ("final-total", "final_summary", total, "income_amount") in _errors(pkg)


def test_a_class_printed_differently_in_two_tables_is_found(tmp_path: Path) -> None:
    """The 支出决算表's 住房保障支出 changed: the 收入支出决算总表 prints another figure, and the 支出决算表's own
    合计 no longer adds up."""
    pkg = _copy(SHGZB, tmp_path)
    rows = list(csv.DictReader((pkg / "data" / "final_expenditure.csv").open(encoding="utf-8")))
    at = next(i for i, r in enumerate(rows, start=2) if r["code"] == "221")
    _set(pkg, "final_expenditure", at, "total", "30.42")
    errors = _errors(pkg)
    assert any(e[0] == "final-same-figure" and e[1] == "final_summary" for e in errors)
    assert ("hierarchy-sum", "final_expenditure", at, "total") in errors


def test_the_completion_and_the_direction_word_are_checked_against_their_figures(tmp_path: Path) -> None:
    pkg = _copy(GUIHUA, tmp_path)
    text = (pkg / "texts").glob("*.md")
    path = next(p for p in text if "完成年初预算的 98.61%" in p.read_text(encoding="utf-8"))
    body = path.read_text(encoding="utf-8")
    assert "决算数小于预算数的主要原因：机构改革" in body
    path.write_text(
        body.replace("完成年初预算的 98.61%", "完成年初预算的 97.61%").replace(
            "决算数小于预算数的主要原因：机构改革", "决算数大于预算数的主要原因：机构改革"
        ),
        encoding="utf-8",
    )
    results = run_checks(read_package(pkg))
    wrong = {(r.check, r.status) for r in results if "446.11" in r.explanation}
    assert ("final-completion", ERROR) in wrong and ("final-direction", ERROR) in wrong
    assert any(r.check == "final-direction" and r.status == PASS for r in results)


def test_a_caption_naming_another_unit_is_an_error_and_the_year_named_is_checked(tmp_path: Path) -> None:
    pkg = _copy(SHGZB, tmp_path)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["budget"]["captions"][0]["unit"] = "上海市某某局"
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    path = next(p for p in (pkg / "texts").glob("*.md") if "与 2023 年度相比" in p.read_text(encoding="utf-8"))
    path.write_text(
        path.read_text(encoding="utf-8").replace("与 2023 年度相比", "与 2022 年度相比", 1), encoding="utf-8"
    )
    checks = {e[0] for e in _errors(pkg)}
    assert {"final-caption", "final-year"} <= checks
