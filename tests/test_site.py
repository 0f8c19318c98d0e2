"""A strict build of the bundled data, checked as a reader would see it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup

from generator import catalogue as cat
from generator.package import read_package
from tests.conftest import PACKAGE

UNIT = "2023/xinzhou-shebao"
QUERIES = ["取暖费", "社会保险业务经费", "机关运行经费", "法律顾问", "2080505", "三公经费"]


def _resolve(site: Path, page: str, href: str) -> Path:
    target = urljoin("http://x/" + page, href.split("#")[0])
    return site / unquote(target[len("http://x/") :])


@pytest.mark.parametrize("kind", cat.TABLES, ids=lambda k: k.name)
def test_table_page(built_site: Path, kind: cat.TableKind, site_page: Callable[[Path], BeautifulSoup]) -> None:
    page = f"{UNIT}/tables/{kind.name}.html"
    soup = site_page(built_site / page)
    res = read_package(PACKAGE).resources[kind.name]
    assert soup.h1.get_text(strip=True).startswith(res.title)
    content = soup.select_one("article")
    if res.rows:
        table = next(
            t
            for t in content.find_all("table")
            if t.find_parent("details") is None and "perf-form" not in (t.get("class") or [])
        )
        assert len(table.tbody.find_all("tr")) == len(res.rows)
        charts = content.select(".vega-chart[data-spec]")
        assert len(charts) == 1
        spec = json.loads(charts[0]["data-spec"])  # compiled to Vega, with the rows as its dataset
        assert next(d for d in spec["data"] if d["name"] == "rows")["values"]
        assert charts[0]["data-unit"] == f"金额单位：{res.unit}" and charts[0]["data-source"].startswith("来源：")
        assert content.select_one("figure.chart details table")  # the chart's text alternative
        # amounts are right-aligned
        assert any("right" in (td.get("style") or "") for td in table.tbody.find_all("td"))
    else:
        assert "原表公开为空表" in content.get_text()
        assert not content.select(".vega-chart")
    downloads = [a["href"] for a in content.select("a[download]")]
    # every table-scoped format of the registry, then every unit-scoped one
    assert [h.rsplit(".", 1)[-1] for h in downloads] == ["csv", "csv", "xlsx", "zip", "xlsx"]
    assert [h.rsplit("/", 1)[-1] for h in downloads] == [
        f"{res.name}.csv",
        f"{res.name}.excel.csv",
        f"{res.name}.xlsx",
        "2023-xinzhou-shebao.zip",
        "2023-xinzhou-shebao.xlsx",
    ]
    for href in downloads:
        assert _resolve(built_site, page, href).is_file(), href


def test_excel_copy_has_bom_and_chinese_headers(built_site: Path) -> None:
    raw = (built_site / UNIT / "data" / "income_summary.excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("科目编码,科目名称,层级,合计")
    plain = (built_site / UNIT / "data" / "income_summary.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and plain.startswith(b"code,name,level,total")


def test_pages_for_everything_in_the_seed(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    overview = site_page(built_site / f"{UNIT}/overview.html").get_text()
    assert "（十一）信息统计科" in overview and "（十）完成市人力资源和社会保障局交办的其他任务。" in overview
    explanations = site_page(built_site / f"{UNIT}/explanations.html")
    assert len(explanations.select("article h2")) == 12
    assert "比上年增加187.15万元，增加28.07%" in explanations.get_text()
    for n in range(1, 6):
        form = site_page(built_site / f"{UNIT}/performance/form-{n}.html")
        assert form.select_one("table.perf-form")
    glossary = site_page(built_site / "glossary/index.html")
    anchors = {h.get("id") for h in glossary.select("article h2")}
    terms = [r["term"] for r in read_package(PACKAGE).resources["glossary"].rows]
    assert len(terms) == 12 and all(a.startswith("term-") for a in anchors)
    assert {"term-" + re.sub(r"[^\w]", "", t) for t in terms} <= anchors


def test_glossary_terms_link_to_their_anchor(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    page = f"{UNIT}/explanations.html"
    links = site_page(built_site / page).select("a.glossary-term")
    assert links
    glossary = site_page(built_site / "glossary/index.html")
    ids = {h.get("id") for h in glossary.select("[id]")}
    for a in links:
        path, _, anchor = a["href"].partition("#")
        assert _resolve(built_site, page, path).name == "index.html" and anchor in ids


def test_unit_page_key_figures(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    soup = site_page(built_site / f"{UNIT}/index.html")
    kpis = {k.select_one(".kpi-label").text: k.select_one(".kpi-value").text for k in soup.select(".kpi")}
    assert kpis == {"收入总计": "853.77", "支出总计": "853.77", "基本支出": "570.37", "项目支出": "283.40"}
    assert len(soup.select(".vega-chart[data-spec]")) == 4


def test_no_request_leaves_the_site(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    outside = re.compile(r"^(https?:)?//")
    for html in built_site.rglob("*.html"):
        soup = site_page(html)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("a", "href")):
            for el in soup.find_all(tag):
                value = el.get(attr) or ""
                assert not outside.match(value), f"{html}: {tag} {value}"
    for asset in list(built_site.rglob("*.css")):
        assert not re.search(r"url\((['\"]?)(https?:)?//", asset.read_text(encoding="utf-8")), asset
    assert (built_site / "assets" / "vendor" / "vega.min.js").stat().st_size > 500_000
    assert "Redistribution and use" in (built_site / "assets" / "vendor" / "vega.LICENSE").read_text(encoding="utf-8")


def test_the_vega_runtime_is_the_one_charts_are_compiled_for() -> None:
    import vl_convert

    from generator.build import VEGA_RUNTIME, VEGA_RUNTIME_VERSION

    assert vl_convert.get_vega_version() == VEGA_RUNTIME_VERSION
    assert f't.version="{VEGA_RUNTIME_VERSION}"' in VEGA_RUNTIME.read_text(encoding="utf-8")


def test_site_is_chinese(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    assert site_page(built_site / "index.html").html["lang"] == "zh"


def test_search_is_pagefinds_index_of_the_articles(
    built_site: Path, site_page: Callable[[Path], BeautifulSoup]
) -> None:
    """No whole-site index is loaded by pages: the search index is Pagefind's chunks, and every page of a year
    records its year for the search's year filter."""
    assert not (built_site / "search" / "search_index.json").exists()
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert "zh" in entry["languages"]
    page = site_page(built_site / "2023/xinzhou-shebao/tables/projects_current.html")
    assert page.select_one("[data-pagefind-filter='year']").get_text() == "2023"
    assert page.select_one("[data-pagefind-meta='unit']").get_text() == "忻州市社会保险中心"
    table = page.select_one("article table[data-pagefind-ignore]")
    lines = [li.get_text() for li in page.select("details.table-text li")]
    assert len(lines) == len(table.tbody.find_all("tr"))
    assert any(line.startswith("第") and "法律顾问聘用经费 · 合计：2.00 万元" in line for line in lines), lines


def test_checks_page_and_downloads(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    import csv
    import io
    import zipfile

    unit = site_page(built_site / f"{UNIT}/index.html").get_text()
    assert "300 项核对：282 通过，10 舍入差异，8 未核对" in unit
    page = f"{UNIT}/checks.html"
    soup = site_page(built_site / page)
    text = soup.get_text()
    assert "舍入差异（10）" in text and "未核对（8）" in text and "不一致（" not in text
    for a in soup.select("article a[download]"):
        assert _resolve(built_site, page, a["href"]).is_file()
    rows = list(csv.DictReader(io.StringIO((built_site / UNIT / "data" / "checks.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 300  # one row per check the unit page counts
    assert {r["status"] for r in rows} == {"pass", "rounding", "unchecked"}
    with zipfile.ZipFile(built_site / UNIT / "data" / "2023-xinzhou-shebao.zip") as z:
        names = z.namelist()
    assert "2023-xinzhou-shebao/checks.csv" in names and "2023-xinzhou-shebao/datapackage.json" in names


def test_history_pages(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    sh = site_page(built_site / "units/shanghai-putuo-wanli.html")
    years = [a.get_text() for a in sh.select("article table")[0].select("a")]
    assert years == ["2023年", "2024年", "2025年"]
    assert len(sh.select(".vega-chart[data-spec]")) == 2
    priors = sh.select("article table")[-1].get_text()
    # 2024's text says 2023 was 16497.86万元; the 2023 package prints 164,978,640元
    assert "16497.86" in priors and "一致" in priors
    xz = site_page(built_site / "units/xinzhou-shebao.html").get_text()
    assert "666.62" in xz and "68.47" in xz and "上年文件未收录" in xz


def test_a_page_lists_its_own_unit_and_the_way_up(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    """The sidebar of a unit's page: the site, its year and its own unit's pages, no other unit of the year."""
    page = "2026/beijing-shenjiju/tables/budget_summary.html"
    nav = site_page(built_site / page).select_one(".md-sidebar--primary nav")
    targets = {_resolve(built_site, page, a["href"]) for a in nav.select("a[href]") if "#" not in a["href"]}
    units = {p.parent for p in built_site.glob("2026/*/index.html")}
    assert {p.parent for p in targets} & units == {built_site / "2026/beijing-shenjiju"}
    own = built_site / "2026/beijing-shenjiju"
    assert {own / "index.html", own / "overview.html", own / "tables/income_summary.html"} <= targets
    assert {built_site / "index.html", built_site / "2026/index.html", built_site / "units/index.html"} <= targets
    assert nav.select_one(".md-nav__link--active").get_text(strip=True) == "预算01表 收支总表"
    index = site_page(built_site / "units/index.html").select("article table a")
    assert "北京市审计局" in [a.get_text() for a in index]


def test_table_page_compares_with_previous_year(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> None:
    soup = site_page(built_site / "2025/shanghai-putuo-wanli/tables/expenditure_summary.html")
    heading = next(h for h in soup.select("article h2") if "与2024年比较" in h.get_text())
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in heading.find_next("table").tbody.find_all("tr")]
    assert rows[0] == ["201", "一般公共服务支出", "3,296,600", "2,932,700", "363,900", "12.41%"]
    first_year = site_page(built_site / "2023/shanghai-putuo-wanli/tables/expenditure_summary.html")
    assert not any("比较" in h.get_text() for h in first_year.select("article h2"))


_UNSEPARATED = re.compile(r"(?<![\d,.])\d{5,}(?:\.\d+)?(?:万元|千元|亿元|元)")
_WAN_TOO_BIG = re.compile(r"(?<![\d.])\d{6,}(?:\.\d+)?万元")
_QUOTED = re.compile(r"“[^”]*”")  # words quoted from the document, as printed there


@pytest.mark.parametrize(("package", "unit"), [("2023/xinzhou-shebao", "万元"), ("2024/shanghai-putuo-wanli", "元")])
def test_every_amount_has_its_unit_and_separators(built_site: Path, package: str, unit: str) -> None:
    """Every page of a 万元 package and of a 元 package: no figure with the wrong unit (a 元 table's six-digit
    figure shown in 万元), no unseparated figure of five or more digits, and every table amount grouped."""
    pages = sorted((built_site / package).rglob("*.html")) + [built_site / f"units/{package.split('/')[1]}.html"]
    assert len(pages) >= 15
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        article = soup.select_one("article")
        for cell in article.select("table.perf-form td:not(.num)"):
            cell.decompose()  # the forms' indicator values are the document's words (≤20000元), as printed
        text = _QUOTED.sub("", article.get_text(" "))
        if page.name != "explanations.html":  # that page is the document's own text, verbatim
            assert not _UNSEPARATED.findall(text), page
        if unit == "元":
            assert not _WAN_TOO_BIG.findall(text.replace(",", "")), page
        for td in article.select('td[style*="right"]'):
            value = td.get_text(strip=True)
            if re.fullmatch(r"-?[\d,]+(\.\d+)?", value):
                whole = value.lstrip("-").split(".")[0]
                assert len(whole.replace(",", "")) < 4 or "," in whole, (page, value)


_ENGLISH_WHERE = re.compile(r"Permanent link|\b(?:page|line) \d+(?:, (?:table|row) \d+)?")


def test_no_page_shows_an_english_word_for_a_place_or_a_link(
    built_site: Path, site_page: Callable[[Path], BeautifulSoup]
) -> None:
    """A heading's anchor is titled 本节链接, and where a row was printed reads 第6页表1, also for a disclosure printed as
    two files (北京's rows name their file first): never “Permanent link” or “page 6, table 1”."""
    pages = sorted(built_site.rglob("*.html"))
    found = {
        (page.relative_to(built_site).as_posix(), hit)
        for page in pages
        for hit in _ENGLISH_WHERE.findall(page.read_text(encoding="utf-8"))
    }
    assert sorted(found)[:10] == []
    beijing = site_page(built_site / "2026/beijing-shenjiju/tables/general_public_basic_economic.html").get_text()
    assert "beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf 第6页表1" in beijing
