from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main, parser
from tests.conftest import ROOT, SEED, copy_project


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
