"""The publisher and licence, set once in pyproject.toml, on every page, in every package and in every zip."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.package import find_packages
from generator.terms import Terms, project_terms
from tests.conftest import ROOT

TERMS = project_terms(ROOT)


def test_the_terms_come_from_the_project_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.budgetsite.terms]\npublisher = "某某数据工作室"\nlicence = "CC0-1.0"\n', encoding="utf-8"
    )
    (tmp_path / "datapackages").mkdir()
    terms = project_terms(tmp_path / "datapackages")  # found from inside the project
    assert (terms.publisher, terms.licence) == ("某某数据工作室", "CC0-1.0")
    assert terms.licence_title == Terms().licence_title  # what is not given keeps its default
    (tmp_path / "pyproject.toml").write_text("[tool.budgetsite.terms]\npublisher = 1\n", encoding="utf-8")
    with pytest.raises(GeneratorError, match="pyproject.toml: .*text values"):
        project_terms(tmp_path)


def test_every_bundled_package_carries_the_licence_and_publisher() -> None:
    for pkg in find_packages(ROOT / "datapackages"):
        d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        assert d["licenses"] == TERMS.licenses(), pkg
        assert d["contributors"] == [{"title": TERMS.publisher, "role": "publisher"}], pkg


def test_every_page_and_every_zip_states_the_terms(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    missing = [
        p
        for p in pages
        if TERMS.publisher not in p.read_text(encoding="utf-8") or "CC BY 4.0" not in p.read_text(encoding="utf-8")
    ]
    assert missing == []
    zips = sorted(built_site.rglob("*.zip"))
    assert zips
    for z in zips:
        with zipfile.ZipFile(io.BytesIO(z.read_bytes())) as f:
            licence = next(n for n in f.namelist() if n.endswith("/LICENSE.txt"))
            assert TERMS.notice in f.read(licence).decode("utf-8")


def test_every_row_named_in_the_checks_is_a_link_to_that_row(built_site: Path) -> None:
    """第N行 in the check results opens the table page at the row with that number (its CSV line)."""
    from urllib.parse import urlsplit

    from bs4 import BeautifulSoup

    links = 0
    for checks in sorted(built_site.rglob("checks.html")):
        soup = BeautifulSoup(checks.read_text(encoding="utf-8"), "lxml")
        for a in soup.select('a[href*="#row-"]'):
            target = urlsplit(a["href"])
            page = BeautifulSoup((checks.parent / target.path).read_text(encoding="utf-8"), "lxml")
            row = page.find(id=target.fragment)
            assert row is not None and row.name == "tr", (checks, a["href"])
            assert f"第{target.fragment.removeprefix('row-')}行" in a.get_text()
            links += 1
    assert links > 50
    checks = built_site / "2026" / "jilin-changchun-xinfangju-benji" / "checks.html"
    soup = BeautifulSoup(checks.read_text(encoding="utf-8"), "lxml")
    a = soup.select_one('a[href$="expenditure_summary.html#row-4"]')
    assert a is not None
    page = BeautifulSoup((checks.parent / "tables" / "expenditure_summary.html").read_text(encoding="utf-8"), "lxml")
    assert "20140" in page.find(id="row-4").get_text()
