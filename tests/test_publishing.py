"""What publishing gives a reader and a journalist: the publisher and licence (set once in pyproject.toml) on every
page, package and zip; the original document beside its package with its SHA-256, each table linked to the page it
was printed on; and every row the checks name one click away."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.errors import GeneratorError, PackageError
from generator.package import find_packages, read_package
from generator.terms import Terms, project_terms
from tests.conftest import PACKAGE, ROOT

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


def test_every_row_named_in_the_checks_is_a_link_to_that_row(
    built_site: Path, site_page: Callable[[Path], BeautifulSoup]
) -> None:
    """第N行 in the check results opens the table page at the row with that number (its CSV line)."""
    from urllib.parse import urlsplit

    links = 0
    for checks in sorted(built_site.rglob("checks.html")):
        soup = site_page(checks)
        for a in soup.select('a[href*="#row-"]'):
            target = urlsplit(a["href"])
            page = site_page(checks.parent / target.path)
            row = page.find(id=target.fragment)
            assert row is not None and row.name == "tr", (checks, a["href"])
            assert f"第{target.fragment.removeprefix('row-')}行" in a.get_text()
            links += 1
    assert links > 50
    checks = built_site / "2026" / "jilin-changchun-xinfangju-benji" / "checks.html"
    a = site_page(checks).select_one('a[href$="expenditure_summary.html#row-4"]')
    assert a is not None
    page = site_page(checks.parent / "tables" / "expenditure_summary.html")
    assert "20140" in page.find(id="row-4").get_text()


def test_every_package_publishes_its_original_with_its_sha256() -> None:
    for pkg in find_packages(ROOT / "datapackages"):
        d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        assert d["sources"] and all(s.get("path") == f"source/{s['file']}" for s in d["sources"]), pkg
        for s in d["sources"]:
            data = (pkg / s["path"]).read_bytes()
            assert s["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and s["bytes"] == len(data)


def test_a_package_whose_original_was_changed_or_points_outside_is_refused(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    shutil.copytree(PACKAGE, pkg)
    original = next((pkg / "source").iterdir())
    original.write_bytes(original.read_bytes() + b"x")
    with pytest.raises(PackageError, match="does not have the SHA-256"):
        read_package(pkg)
    descriptor = pkg / "datapackage.json"
    d = json.loads(descriptor.read_text(encoding="utf-8"))
    d["sources"][0]["path"] = "../../outside.pdf"
    descriptor.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PackageError, match="must be source/<file name>"):
        read_package(pkg)


def test_each_table_page_links_to_the_page_of_the_original_it_was_printed_on(
    built_site: Path, site_page: Callable[[Path], BeautifulSoup]
) -> None:
    linked = 0
    for pkg in find_packages(ROOT / "datapackages"):
        d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        year, slug = d["budget"]["year"], d["budget"]["unitSlug"]
        for res in d["resources"]:
            page = built_site / str(year) / slug / "tables" / f"{res['name']}.html"
            printed = re.match(r"^(.+?): page (\d+)$", str(res.get("printedAt", "")))
            if not page.is_file() or not printed:
                continue
            a = site_page(page).select_one("a.source-link")
            assert a is not None, page
            href, fragment = a["href"].split("#")
            assert fragment == f"page={printed.group(2)}" and href.endswith("/source/" + printed.group(1))
            assert (page.parent / href).resolve().is_file()
            linked += 1
    assert linked > 100


def test_every_unit_and_table_page_can_be_cited_with_the_sha256_of_its_data(
    built_site: Path, site_page: Callable[[Path], BeautifulSoup]
) -> None:
    cited = 0
    for page in sorted(built_site.glob("20*/*/tables/*.html")):
        soup = site_page(page)
        gbt, bib = [c.get_text() for c in soup.select("pre.citation code")]
        csv_file = page.parent.parent / "data" / (page.stem + ".csv")
        digest = hashlib.sha256(csv_file.read_bytes()).hexdigest()
        address = page.relative_to(built_site).as_posix()
        assert "[DS/OL]" in gbt and f"/{address}" in gbt and digest in gbt, page
        assert bib.startswith("@misc{") and bib.count("{") == bib.count("}") and digest in bib, page
        xlsx = soup.select_one('a[href$=".xlsx"]')
        assert xlsx is not None and (page.parent / xlsx["href"]).is_file()
        cited += 1
    assert cited > 150
    for unit in sorted(built_site.glob("20*/*/index.html")):
        soup = site_page(unit)
        zips = list((unit.parent / "data").glob("*.zip"))
        assert len(zips) == 1
        assert hashlib.sha256(zips[0].read_bytes()).hexdigest() in soup.select_one("pre.citation code").get_text()
