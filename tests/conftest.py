from __future__ import annotations

import copy
import hashlib
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

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
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary project (`copy_project`) with a strict build of the bundled packages in its site/, made once for
    the session; the tests that change it change a copy."""
    from generator.build import build

    root = copy_project(tmp_path_factory.mktemp("project"))
    build(root)
    return root


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    """The site directory of `built_project`."""
    return built_project.resolve() / "site"


@pytest.fixture(scope="session")
def site_page(built_site: Path) -> Callable[[Path], BeautifulSoup]:
    """A page of `built_site` parsed as a reader's browser gets it (lxml), each page once for the session:
    `site_page(path)`. The tree is shared by the tests that read the page; a test that changes it parses its own."""
    from bs4 import BeautifulSoup

    parsed: dict[Path, BeautifulSoup] = {}

    def page(path: Path) -> BeautifulSoup:
        path = path.resolve()
        if path not in parsed:
            parsed[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        return parsed[path]

    return page


@pytest.fixture(scope="session", autouse=True)
def one_reading_per_pdf() -> Iterator[None]:
    """Every PDF read once for the session for each set of arguments: generator.importer.pdf.read_pdf (which the
    importer looks up each time it reads a PDF) gives a later call for the same file, with the same bytes, unit
    name, year and `alone`, a deep copy of the first reading and makes the progress calls the first made. A reading
    that fails is not kept: the next call reads the file again."""
    from generator.importer import pdf

    read_pdf = pdf.read_pdf
    readings: dict[tuple[Any, ...], tuple[Any, list[tuple[int, int]]]] = {}

    def read_once(
        path: Path,
        progress: Any = None,
        unit_name: str | None = None,
        year: int | None = None,
        alone: bool = True,
        workers: int | None = None,
    ) -> Any:
        key = (Path(path).resolve(), hashlib.sha256(Path(path).read_bytes()).digest(), unit_name, year, alone)
        if key not in readings:
            calls: list[tuple[int, int]] = []

            def record(done: int, total: int) -> None:
                calls.append((done, total))
                if progress:
                    progress(done, total)

            reading = read_pdf(path, progress=record, unit_name=unit_name, year=year, alone=alone, workers=workers)
            readings[key] = (copy.deepcopy(reading), calls)
            return reading
        reading, calls = readings[key]
        for done, total in calls if progress else ():
            progress(done, total)
        return copy.deepcopy(reading)

    pdf.read_pdf = read_once
    yield
    pdf.read_pdf = read_pdf


@pytest.fixture(autouse=True)
def chromium_only_in_browser_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that launches Chromium is marked `browser` (deselected by `pytest -m "not browser"`): any other test
    that launches it fails, saying so."""
    if request.node.get_closest_marker("browser"):
        return
    from playwright.sync_api import BrowserType

    def unmarked(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} launches Chromium: mark it @pytest.mark.browser")

    monkeypatch.setattr(BrowserType, "launch", unmarked)


READ_TOGETHER = {"test_corpus.py", "test_families.py", "test_pdf_import.py"}  # the same PDFs: one reading each
USES_THE_BUILD = re.compile(r"\b(built_project|built_site|site_page)\b")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With pytest-xdist's `--dist loadfile`, the files whose tests share a session's work go to one worker as if
    they were one file, so that the work is done once: those that use `built_project` (or its site), and those
    that read the corpus."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    shared: dict[str, str] = {}

    def scope(file: str) -> str:
        if file not in shared:
            path = Path(config.rootpath, file)
            if path.name in READ_TOGETHER:
                shared[file] = "the corpus"
            elif path.is_file() and USES_THE_BUILD.search(path.read_text(encoding="utf-8")):
                shared[file] = "built_project"
            else:
                shared[file] = file
        return shared[file]

    class SharedWorkScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope(super()._split_scope(nodeid))

    return SharedWorkScheduling(config, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output, then compare"
    )
