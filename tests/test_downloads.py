"""What a journalist downloads: spreadsheets that state their units and never run a formula from the data."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

from generator.csvfiles import FORMULA_START, excel_csv_records
from generator.downloads.csvs import excel_csv
from generator.downloads.xlsx import package_xlsx, table_xlsx
from generator.package import read_package
from generator.terms import project_terms
from tests.conftest import PACKAGE, ROOT

PAYLOADS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def _poisoned(tmp_path: Path) -> Path:
    """A copy of the seed package whose 职责 texts start like formulas."""
    pkg_dir = tmp_path / "pkg"
    shutil.copytree(PACKAGE, pkg_dir)
    path = pkg_dir / "data" / "duties.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    for k, payload in enumerate(PAYLOADS, start=1):
        rows[k][1] = payload
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    return pkg_dir


def _excel_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_excel_headers_state_the_unit_of_each_amount() -> None:
    for pkg_dir, unit in ((PACKAGE, "万元"), (ROOT / "datapackages" / "2024" / "shanghai-putuo-wanli", "元")):
        res = read_package(pkg_dir).table("expenditure_summary")
        assert res is not None
        header = _excel_rows(excel_csv(res))[0]
        amounts = [f.get("title") for f in res.fields if f.get("type") == "number"]
        assert amounts and all(f"{t}（{unit}）" in header for t in amounts)
        assert all("（" not in h for h in header if "编码" in h or "名称" in h)  # text columns carry no unit


def test_a_cell_that_would_be_a_formula_is_text_in_the_excel_csv_and_as_published_in_the_csv(
    tmp_path: Path,
) -> None:
    pkg_dir = _poisoned(tmp_path)
    path = pkg_dir / "data" / "duties.csv"
    res = read_package(pkg_dir).table("duties")
    assert res is not None
    excel = _excel_rows(excel_csv(res))
    assert [r[1] for r in excel[1 : len(PAYLOADS) + 1]] == ["'" + p for p in PAYLOADS]
    assert not any(cell.startswith(FORMULA_START) for row in excel for cell in row)
    plain = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert [r[1] for r in plain[1 : len(PAYLOADS) + 1]] == PAYLOADS  # the data itself is not changed


def test_negative_amounts_stay_numbers_in_the_excel_csv() -> None:
    """A number column keeps its sign (差额 -3.40); a text column starting with - is text."""
    data = excel_csv_records(["差额", "说明"], [("-3.40", "-3.40元")], numeric={0})
    assert _excel_rows(data)[1] == ["-3.40", "'-3.40元"]


def _sheets(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_an_xlsx_keeps_codes_as_text_amounts_as_numbers_and_states_unit_source_and_terms() -> None:
    pkg = read_package(PACKAGE)
    res = pkg.table("expenditure_summary")
    assert res is not None
    terms = project_terms(ROOT)
    data = table_xlsx(pkg, res, terms)
    assert data == table_xlsx(pkg, res, terms)  # the same bytes on every rebuild
    xml = _sheets(data)
    sheet, strings = xml["xl/worksheets/sheet1.xml"], xml["xl/sharedStrings.xml"]
    assert "<f>" not in sheet and '<pane ySplit="1"' in sheet  # no formula; header row frozen
    assert "合计（万元）" in strings and "2080505" in strings  # the unit in the header; a code is a string
    assert re.search(r'<c r="D2" s="\d+"><v>853\.77</v></c>', sheet)  # 合计 as a number, not a string
    notes = xml["xl/worksheets/sheet2.xml"]
    assert "<f>" not in notes and terms.notice.split("。")[0] in strings
    assert "xinzhou-shebao-2023.txt" in strings  # the original and its SHA-256


def test_a_cell_that_would_be_a_formula_is_a_string_in_the_xlsx(tmp_path: Path) -> None:
    pkg = read_package(_poisoned(tmp_path))
    xml = _sheets(package_xlsx(pkg, project_terms(ROOT)))
    assert not any("<f>" in text for name, text in xml.items() if name.startswith("xl/worksheets/"))
    assert (
        "=cmd|' /C calc'!A0".replace("'", "&apos;") in xml["xl/sharedStrings.xml"]
        or "=cmd|" in xml["xl/sharedStrings.xml"]
    )


def test_codes_stay_text_in_the_excel_csv_of_a_table() -> None:
    """苏州's 收入总表 prints the unit's code 024: Excel would show 24 unless the cell is text (a tab first)."""
    res = read_package(ROOT / "datapackages" / "2026" / "jiangsu-suzhou-shenjiju").table("income_summary")
    assert res is not None and "unit_code" in res.code_fields and "code" in res.code_fields
    rows = _excel_rows(excel_csv(res))
    at = [f["name"] for f in res.fields].index("unit_code")
    assert [r[at] for r in rows[1:]] == ["\t合计", "\t024", "\t024001"]
    code = [f["name"] for f in res.fields].index("code")
    assert rows[1][code] == "\t合计" and rows[2][code] == ""
    plain = (ROOT / "datapackages" / "2026" / "jiangsu-suzhou-shenjiju" / "data" / "income_summary.csv").read_text()
    assert ",024," in plain  # the data itself is not changed


def test_a_code_that_would_start_a_formula_is_still_written_as_text() -> None:
    data = excel_csv_records(["编码", "名称"], [("=1+1", "x"), ("0123", "y")], codes={0})
    assert [r[0] for r in _excel_rows(data)[1:]] == ["'=1+1", "\t0123"]
