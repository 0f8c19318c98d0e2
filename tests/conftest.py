from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "xinzhou-shebao-2023.txt"
PACKAGE = ROOT / "datapackages" / "2023" / "xinzhou-shebao"


def year_holds(year: str, *words: str) -> bool:
    """Whether a file of the bundled packages of `year` holds one of the words (what a search there can find)."""
    files = [f for f in (ROOT / "datapackages" / year).rglob("*") if f.is_file()]
    return any(w in f.read_text(encoding="utf-8", errors="ignore") for f in files for w in words)


def copy_project(dest: Path) -> Path:
    """The hand-written parts of the project plus the bundled data, to build in isolation."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")  # the project's terms (publisher, licence)
    shutil.copytree(ROOT / "datapackages", dest / "datapackages")
    (dest / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", dest / "docs" / "about.md")
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets", ignore=shutil.ignore_patterns("vendor"))
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A strict build of the bundled packages into a temporary project; returns the site directory."""
    from generator.build import build

    root = copy_project(tmp_path_factory.mktemp("project"))
    result = build(root)
    return result.site_dir


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output, then compare"
    )
