from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.errors import PackageError
from generator.package import read_package
from generator.validate import validate_package
from tests.conftest import PACKAGE, ROOT


def test_committed_package_passes_frictionless() -> None:
    assert validate_package(PACKAGE) == []


def test_descriptor_metadata() -> None:
    d = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    assert d["budget"]["unit"] == "忻州市社会保险中心"
    assert d["budget"]["year"] == 2023 and d["budget"]["kind"] == "预算" and d["budget"]["amountUnit"] == "万元"
    res = {r["name"]: r for r in d["resources"]}
    assert len([r for r in res.values() if "tableNumber" in r]) == 13
    assert res["three_public"]["publishedEmpty"] is True and res["three_public"]["sourceNote"] == "本表无数据"
    assert res["performance_projects"]["amountUnit"] == "元"
    assert len([r for r in res.values() if r["type"] == "text"]) == 12
    # codes are strings, amounts numbers, titles as printed
    fields = {f["name"]: f for f in res["income_summary"]["schema"]["fields"]}
    assert fields["code"]["type"] == "string" and fields["total"]["type"] == "number"
    assert [f["title"] for f in res["budget_summary"]["schema"]["fields"]] == [
        "项目",
        "2023年",
        "项目",
        "2023年合计",
        "当年预算安排",
        "上年结转安排",
    ]
    assert res["expenditure_summary"]["schema"]["primaryKey"] == ["code"]


def test_empty_tables_have_full_schema_and_no_rows() -> None:
    pkg = read_package(PACKAGE)
    three = pkg.resources["three_public"]
    assert three.rows == [] and [f["name"] for f in three.fields] == [
        "item",
        "total",
        "general_public",
        "gov_fund",
        "state_capital",
    ]


def test_hierarchy_levels() -> None:
    rows = read_package(PACKAGE).resources["expenditure_summary"].rows
    assert [(r["code"], r["level"]) for r in rows[:4]] == [
        ("合计", "合计"),
        ("208", "类"),
        ("20801", "款"),
        ("2080101", "项"),
    ]


@pytest.fixture()
def pkg(tmp_path: Path) -> Path:
    target = tmp_path / "2023" / "x"
    shutil.copytree(PACKAGE, target)
    return target


def _descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def _save(pkg: Path, d: dict) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")


def _set_path(pkg: Path, path: str) -> None:
    d = _descriptor(pkg)
    d["resources"][0]["path"] = path
    _save(pkg, d)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../outside.csv", "unsafe path"),
        ("/etc/passwd.csv", "unsafe path"),
        ("http://example.org/x.csv", "remote file"),
        ("data/nothing.csv", "is missing"),
    ],
)
def test_bad_resource_paths(pkg: Path, path: str, message: str) -> None:
    _set_path(pkg, path)
    with pytest.raises(PackageError, match=message) as exc:
        read_package(pkg)
    assert "datapackage.json" in str(exc.value)


def test_invalid_json(pkg: Path) -> None:
    (pkg / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    with pytest.raises(PackageError, match="invalid JSON"):
        read_package(pkg)


def test_no_resources(pkg: Path) -> None:
    _save(pkg, {"name": "x", "resources": []})
    with pytest.raises(PackageError, match="no resources"):
        read_package(pkg)


def test_bom_gbk_and_empty_files(pkg: Path) -> None:
    csv = pkg / "data" / "budget_summary.csv"
    original = csv.read_bytes()
    csv.write_bytes(b"\xef\xbb\xbf" + original)
    with pytest.raises(PackageError, match="byte-order mark"):
        read_package(pkg)
    csv.write_bytes(original.decode("utf-8").encode("gbk"))
    with pytest.raises(PackageError, match="not UTF-8"):
        read_package(pkg)
    csv.write_bytes(b"")
    with pytest.raises(PackageError, match="empty file"):
        read_package(pkg)


def test_extra_column_and_wrong_type(pkg: Path) -> None:
    csv = pkg / "data" / "expenditure_summary.csv"
    text = csv.read_text(encoding="utf-8")
    csv.write_text(text.replace("project\n", "project,extra\n", 1), encoding="utf-8")
    with pytest.raises(PackageError, match=r"extra \['extra'\]") as exc:
        read_package(pkg)
    assert "expenditure_summary.csv:1" in str(exc.value)
    csv.write_text(text.replace("480.72,480.72,", "480.72,四百,", 1), encoding="utf-8")
    findings = validate_package(pkg)
    assert [(f.code, f.resource, f.row, f.field) for f in findings] == [
        ("type-error", "expenditure_summary", 5, "basic")
    ]


def test_duplicate_primary_key(pkg: Path) -> None:
    csv = pkg / "data" / "expenditure_summary.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(lines + [lines[2]]), encoding="utf-8")
    findings = validate_package(pkg)
    assert [(f.code, f.resource, f.row) for f in findings] == [("primary-key", "expenditure_summary", 17)]


def test_errors_keep_their_location_across_processes() -> None:
    import pickle

    from generator.errors import GeneratorError, ValidationFailed

    err = pickle.loads(pickle.dumps(GeneratorError("bad amount", "pkg/data/x.csv", row=3, field="total")))
    assert str(err) == "pkg/data/x.csv:3 [total]: bad amount"
    failed = pickle.loads(pickle.dumps(ValidationFailed("2 error(s)", ["a", "b"], "datapackages")))
    assert failed.findings == ["a", "b"] and failed.path == "datapackages"


def test_check_results_are_kept_packed() -> None:
    from generator.checks import run_checks

    pkg = read_package(ROOT / "datapackages" / "2023" / "xinzhou-shebao")
    other = read_package(ROOT / "datapackages" / "2024" / "shanghai-putuo-wanli")
    results, other_results = run_checks(pkg), run_checks(other)
    pkg.checks, other.checks = results, other_results
    assert pkg.checks_blob and len(pkg.checks_blob) < 20000
    assert pkg.checks == results and other.checks == other_results and pkg.checks == results
