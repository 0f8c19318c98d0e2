from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main, parser
from tests.conftest import PACKAGE, ROOT, SEED, copy_project


def _commands() -> dict[str, str]:
    sub = next(a for a in parser()._actions if a.dest == "command")
    return {name: p.description or "" for name, p in sub.choices.items()}


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, description in _commands().items():
        assert description, name
        assert f"budgetsite {name}" in readme, name


def test_build_help_explains_itself() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0
    assert "strict build of the site" in out.stdout and "--site" in out.stdout


def test_import_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(SEED), "--year", "2023", "--unit", "u", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["import", str(SEED), "--year", "2023", "--unit", "u", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"error: {tmp_path / '2023' / 'u'}: a package already exists here; pass --force to replace it"
    assert main(["import", str(SEED), "--year", "2024", "--unit", "u", "--out", str(tmp_path), "--force"]) == 1
    assert "the document is for 2023, not 2024" in capsys.readouterr().err


def test_bad_package_blocks_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    descriptor = root / "datapackages" / "2023" / "xinzhou-shebao" / "datapackage.json"
    d = json.loads(descriptor.read_text(encoding="utf-8"))
    d["resources"][1]["path"] = "../../secret.csv"
    descriptor.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    first = out.stderr.splitlines()[0]
    assert re.search(
        r"datapackage\.json: error: resource 'income_summary' has an unsafe path '\.\./\.\./secret\.csv'", first
    )
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


def test_failed_mkdocs_build_keeps_the_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    (root / "docs" / "about.md").write_text("[broken](missing.md)\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "mkdocs build failed" in out.stderr and "missing.md" in out.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]


def _snapshot_zip(tmp_path: Path) -> Path:
    """A small snapshot with its manifest, archived as publish archives it."""
    from generator.archive import MANIFEST, manifest_text, write_archive

    snap = tmp_path / "2023"
    (snap / "data").mkdir(parents=True)
    (snap / "index.html").write_text("<p>首页</p>\n" * 50, encoding="utf-8")
    (snap / "data" / "a.csv").write_text("code,total\n024,1.00\n" * 50, encoding="utf-8")
    (snap / MANIFEST).write_text(manifest_text(snap), encoding="utf-8")
    write_archive(snap, tmp_path / "2023.zip")
    return tmp_path / "2023.zip"


def _verify(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "verify", str(path)], capture_output=True, text=True, cwd=ROOT
    )


def test_verify_names_a_damaged_archive_and_the_member_it_cannot_read(tmp_path: Path) -> None:
    import zipfile

    archive = _snapshot_zip(tmp_path)
    assert _verify(archive).returncode == 0
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("2023/data/a.csv")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x01  # one byte of the member's compressed data
    changed = tmp_path / "changed.zip"
    changed.write_bytes(bytes(data))
    out = _verify(changed)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    first, last = out.stderr.splitlines()[0], out.stderr.splitlines()[-1]
    assert re.fullmatch(rf"{re.escape(str(changed))}: damaged in the archive: data/a\.csv \(.+\)", first), first
    assert last == "error: damaged archive: 1 member(s) cannot be read, 0 other file(s) differ from the manifest"

    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: len(data) // 2])
    out = _verify(cut)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip() == (
        f"error: {cut}: damaged zip archive: its list of members cannot be read (the file may be cut short)"
    )
    other = tmp_path / "notes.txt"
    other.write_text("not an archive", encoding="utf-8")
    assert _verify(other).stderr.strip() == f"error: {other}: not a snapshot directory or a zip archive"
    assert _verify(tmp_path / "missing").stderr.strip() == (
        f"error: {tmp_path / 'missing'}: no such snapshot directory or archive"
    )


def test_check_says_what_it_checked_and_never_that_it_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--help"], capture_output=True, text=True, cwd=ROOT
    ).stdout
    flat = " ".join(help_text.split())
    assert "without building or publishing anything" in flat and "(default: datapackages" in flat
    assert main(["check", str(PACKAGE)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"checked 1 package(s) under {PACKAGE}: no errors"
    import shutil

    data = tmp_path / "packages"
    shutil.copytree(PACKAGE, data / "2023" / "xinzhou-shebao")
    bad = data / "2023" / "xinzhou-shebao" / "data" / "expenditure_summary.csv"
    bad.write_text(bad.read_text(encoding="utf-8").replace("853.77", "863.77", 1), encoding="utf-8")
    assert main(["check", str(data)]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert re.fullmatch(rf"error: \d+ error\(s\) in 1 data package\(s\) checked under {re.escape(str(data))}", last)
    assert "published" not in last


def test_the_readme_sets_up_in_a_virtual_environment_in_one_command_as_ci_does() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert first == "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && budgetsite build\n"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv\n. .venv/bin/activate\n" in ci and 'pip install -q -e ".[test]"' in ci
    assert "budgetsite check" in readme and "default `datapackages/`" in readme


def test_the_project_metadata_uses_an_spdx_licence_string() -> None:
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"  # a TOML table here is deprecated (setuptools warns)
    assert not any(c.startswith("License ::") for c in meta["project"].get("classifiers", []))
    assert "setuptools>=77" in meta["build-system"]["requires"]  # the first to read PEP 639 licence strings
    imported = {"pandas", "pyarrow"}
    declared = {d.split(">")[0].split("=")[0].split("[")[0].strip() for d in meta["project"]["dependencies"]}
    assert imported <= declared
