"""Headless Chromium against the built site: charts draw, Chinese search answers, nothing leaves the site."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ROOT, year_holds

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TABLE = "2023/xinzhou-shebao/tables/expenditure_summary.html"

pytestmark = pytest.mark.browser  # every test here drives Chromium


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed before the file was sent


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Recorder:
    def __init__(self, page: Page):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def test_chart_draws_and_nothing_leaves_the_site(browser: Browser, server: str) -> None:
    page = browser.new_page()
    rec = Recorder(page)
    page.goto(server + TABLE)
    page.wait_for_selector(".vega-chart svg", timeout=15000)
    assert page.locator(".vega-chart svg .mark-rect path").count() > 0
    # instant navigation to another page renders that page's charts too
    page.click("a[href$='index.html'] >> text=忻州市社会保险中心")
    page.wait_for_selector(".kpis", timeout=15000)
    page.wait_for_function("document.querySelectorAll('.vega-chart svg').length === 4", timeout=15000)
    assert rec.requests and all(u.startswith(server) for u in rec.requests), [
        u for u in rec.requests if not u.startswith(server)
    ]
    assert rec.errors == []
    page.close()


def _search(page: Page, server: str, query: str, year: str = "") -> str:
    page.goto(server + "search.html?" + urllib.parse.urlencode({"q": query, "year": year}))
    page.wait_for_function(
        "(document.querySelector('.site-search__status') || {}).textContent?.endsWith('。')", timeout=20000
    )
    return page.locator(".site-search__status").inner_text()


@pytest.mark.parametrize(
    "query", ["取暖费", "社会保险业务经费", "机关运行经费", "法律顾问", "2080505", "三公经费", "政府采购"]
)
def test_chinese_search(browser: Browser, server: str, query: str) -> None:
    page = browser.new_page()
    rec = Recorder(page)
    status = _search(page, server, query)
    assert status.startswith("找到"), status
    results = page.locator(".site-search__result")
    assert results.count() > 0
    for text in results.all_inner_texts():  # only pages that hold the query (punctuation aside: “三公”经费)
        assert query in re.sub(r"[“”\s]", "", text), text
    assert all(u.startswith(server) for u in rec.requests)
    assert rec.errors == []
    page.close()


def test_a_table_hit_shows_its_row_and_links_to_it(browser: Browser, server: str) -> None:
    page = browser.new_page()
    _search(page, server, "法律顾问", "2023")
    row = page.locator(".site-search__rows a", has_text="法律顾问聘用经费").first
    assert row.inner_text() == "法律顾问聘用经费 · 合计：2.00 万元 · 一般公共预算：2.00 万元"
    href = row.get_attribute("href")
    assert re.search(r"2023/xinzhou-shebao/tables/projects_current\.html#row-\d+$", href or ""), href
    row.click()
    page.wait_for_url("**/projects_current.html#row-*")
    assert "法律顾问聘用经费" in page.locator(":target").inner_text()
    page.close()


def _a_year_without(*words: str) -> str:
    """A year of the bundled packages in which no file holds any of the words."""
    for year in sorted((ROOT / "datapackages").iterdir()):
        if not year_holds(year.name, *words):
            return year.name
    raise AssertionError(f"every year of datapackages/ mentions one of {words}")


def test_search_finds_only_pages_that_hold_the_words_and_points_to_other_years(browser: Browser, server: str) -> None:
    page = browser.new_page()
    # a year whose packages never say 社会保险业务经费 or 法律顾问 (2023's do): nothing is found, and no page is offered
    year = _a_year_without("社会保险业务经费", "法律顾问")
    assert _search(page, server, "社会保险业务经费", year) == f"没有找到含“社会保险业务经费”的页面（{year}年）。"
    assert page.locator(".site-search__result").count() == 0
    # 法律顾问 is in no page of that year, but in 2023's: the reader is told and can go there
    assert _search(page, server, "法律顾问", year).startswith("没有找到")
    others = page.locator(".site-search__others")
    others.wait_for(state="visible")
    assert "2023年" in others.inner_text()
    others.locator("a", has_text="2023年").click()
    page.wait_for_url("**year=2023*")
    page.wait_for_function("(document.querySelector('.site-search__status') || {}).textContent?.startsWith('找到')")
    page.close()


def test_the_header_search_box_searches_the_pages_year(browser: Browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + TABLE)
    page.fill(".header-search__input", "取暖费")
    page.press(".header-search__input", "Enter")
    page.wait_for_url("**/search.html?q=*")
    assert "year=2023" in page.url
    page.wait_for_selector(".site-search__result")
    page.close()


def test_charts_render_from_disk(browser: Browser, built_site: Path) -> None:
    page = browser.new_page()
    rec = Recorder(page)
    page.goto((built_site / TABLE).as_uri())
    page.wait_for_selector(".vega-chart svg", timeout=15000)
    assert all(u.startswith("file://") for u in rec.requests)
    page.close()


def test_a_chart_downloads_as_svg_and_png_with_title_source_and_unit(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    page = browser.new_page(accept_downloads=True)
    page.goto(server + TABLE)
    page.wait_for_selector(".chart-export:not([hidden]) button", timeout=15000)
    chart = page.locator(".vega-chart").first
    title, source, unit = (chart.get_attribute(a) for a in ("data-title", "data-source", "data-unit"))
    assert source and source.startswith("来源：忻州市社会保险中心") and unit == "金额单位：万元"
    files = {}
    for fmt in ("svg", "png"):
        with page.expect_download() as download:
            page.click(f".chart-export button[data-format={fmt}]")
        assert download.value.suggested_filename == f"2023-xinzhou-shebao-tables-expenditure_summary.{fmt}"
        files[fmt] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[fmt])
    svg = files["svg"].read_text(encoding="utf-8")
    for text in (title, source, unit, "金额（万元）"):
        assert f">{text}<" in svg, text
    png = files["png"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 1440  # 720 px wide, drawn at twice the resolution
    page.close()


def test_pages_without_a_chart_load_no_chart_library(browser: Browser, server: str) -> None:
    page = browser.new_page()
    rec = Recorder(page)
    page.goto(server + "2023/xinzhou-shebao/checks.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in rec.requests if "vega" in u]
    page.goto(server + TABLE)
    page.wait_for_selector(".vega-chart svg", timeout=15000)
    assert [u for u in rec.requests if u.endswith("assets/vendor/vega.min.js")]
    page.close()


PHONE_PAGES = [
    "index.html",
    "2023/index.html",
    "2023/xinzhou-shebao/index.html",
    TABLE,
    "2026/fujian-quanzhou-zhengfubangongshi/tables/expenditure_summary.html",
    "2023/xinzhou-shebao/explanations.html",
    "units/shanghai-putuo-wanli.html",
]

# every text of every chart, as a box relative to its chart's drawing
_TEXT_BOXES = """() => [...document.querySelectorAll('.vega-chart svg')].flatMap(svg => {
  const frame = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left - frame.left, right: r.right - frame.left, width: frame.width};
  });
})"""


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_a_phone_reads_every_page_without_sideways_scrolling(browser: Browser, server: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if page.locator(".vega-chart").count():
        page.wait_for_function(
            "document.querySelectorAll('.vega-chart svg').length === document.querySelectorAll('.vega-chart').length",
            timeout=15000,
        )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    clipped = [b for b in page.evaluate(_TEXT_BOXES) if b["left"] < -0.5 or b["right"] > b["width"] + 0.5]
    assert clipped == []  # no chart text runs out of its chart
    for box in page.locator("article .table-scroll").all():
        assert box.evaluate("b => getComputedStyle(b).overflowX") == "auto"
        name = box.locator("td.name").first
        if name.count():
            assert name.evaluate("c => getComputedStyle(c).position") == "sticky"
        wide = box.evaluate("b => b.scrollWidth > b.clientWidth")
        hint = box.evaluate("b => b.previousElementSibling.hidden")
        assert hint is not wide  # a wide table says it scrolls
    for cell in page.locator("article td[style*='right']").all()[:30]:
        assert cell.evaluate("c => getComputedStyle(c).whiteSpace") == "nowrap"
    page.close()


ACCESSIBILITY_PAGES = {
    "home": "index.html",
    "year": "2026/index.html",
    "unit": "2023/xinzhou-shebao/index.html",
    "table": TABLE,
    "table-as-printed": "2026/beijing-shenjiju/tables/table_12.html",
    "performance": "2023/xinzhou-shebao/performance/index.html",
    "form": "2023/xinzhou-shebao/performance/form-1.html",
    "form-single": "2023/shanghai-putuo-wanli/performance/form-1.html",
    "overview": "2023/xinzhou-shebao/overview.html",
    "explanations": "2023/xinzhou-shebao/explanations.html",
    "checks": "2023/xinzhou-shebao/checks.html",
    "history": "units/shanghai-putuo-wanli.html",
    "glossary": "glossary/index.html",
    "about": "about.html",
    "search": "search.html?q=取暖费",
    "downloads": "downloads/index.html",
}


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", list(ACCESSIBILITY_PAGES))
def test_no_serious_accessibility_violation(browser: Browser, server: str, kind: str, width: int) -> None:
    """axe-core on every page type on a phone and a desktop, after its charts and search results have drawn."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + ACCESSIBILITY_PAGES[kind])
    page.wait_for_load_state("networkidle")
    if kind == "search":
        page.wait_for_selector(".site-search__result", timeout=30000)
    page.wait_for_timeout(200)  # tables.js marks the scroll boxes once the theme has wrapped the tables
    results = Axe().run(page).response
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious
    page.close()


# every table a reader can see: how many scroll boxes hold it, whether it reaches past the inner one, its hint
_TABLE_BOXES = """() => [...document.querySelectorAll('article table')]
  .filter(t => t.offsetParent !== null && !t.closest('details:not([open])')).map(t => {
    const boxes = [];
    for (let e = t.parentElement; e.tagName !== 'ARTICLE'; e = e.parentElement)
      if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) boxes.push(e);
    const box = boxes[0], r = t.getBoundingClientRect();
    const room = box ? box.getBoundingClientRect().left + box.clientLeft + box.clientWidth : Infinity;
    const hint = box && box.previousElementSibling;
    return {boxes: boxes.length, wide: r.right > room + 1, focusable: !!box && box.getAttribute('tabindex') === '0',
            hint: !!hint && hint.classList.contains('scroll-hint') && !hint.hidden};
  })"""


@pytest.mark.parametrize("kind", ["table", "table-as-printed", "performance", "form", "checks", "history", "year"])
def test_a_wide_table_scrolls_in_one_box_by_keyboard(browser: Browser, server: str, kind: str) -> None:
    """On a phone every table sits in one scroll box; a table wider than it says so, takes focus, and the arrow
    keys bring its last column into view. On a desktop a table that fits says nothing and takes no focus."""
    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(server + ACCESSIBILITY_PAGES[kind])
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        tables = page.evaluate(_TABLE_BOXES)
        assert tables and all(t["boxes"] <= 1 for t in tables), tables
        assert all(t["hint"] == t["wide"] and t["focusable"] == t["wide"] for t in tables), tables
        if width == 375:
            assert any(t["wide"] for t in tables), kind
        boxes = page.locator("article [tabindex='0']:is(.table-scroll, .md-typeset__scrollwrap, .form-wrap)")
        for i in range(boxes.count()):
            box = boxes.nth(i)
            box.focus()
            end = box.evaluate("b => b.scrollWidth - b.clientWidth")
            for _ in range(60):
                before = box.evaluate("b => b.scrollLeft")
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    f"(b) => b.scrollLeft > {before} || b.scrollLeft >= {end} - 1", arg=box.element_handle()
                )
                if box.evaluate("b => b.scrollLeft") >= end - 1:
                    break
            assert box.evaluate("b => b.scrollLeft") >= end - 1, (kind, width, i)
        page.close()


def test_the_search_button_looks_like_a_button(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(server + "search.html")
    button = page.locator(".site-search__form button[type=submit]")
    style = button.evaluate(
        "b => { const s = getComputedStyle(b), p = getComputedStyle(document.body);"
        " return [s.borderTopWidth, s.borderTopStyle, s.backgroundColor, p.backgroundColor, s.color]; }"
    )
    width, line, background, page_background, colour = style
    assert float(width.removesuffix("px")) >= 1 and line == "solid", style
    assert background not in ("rgba(0, 0, 0, 0)", "transparent", page_background) and colour != background, style
    page.close()


def test_a_years_page_compares_its_units_in_one_amount_unit(browser: Browser, server: str, built_site: Path) -> None:
    import csv

    rows = json.loads((built_site / "2023" / "compare.json").read_text(encoding="utf-8"))
    names = {r[0]: r for r in rows}
    # 万里街道 prints in 元: 164,978,640 元 is 16,497.8640 万元, exact; 忻州 prints in 万元 and stays as printed
    assert names["上海市普陀区人民政府万里街道办事处"][8] == "16497.8640"
    assert names["忻州市社会保险中心"][8] == "853.77"
    with (built_site / "2023" / "compare.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f))[1] == "收入总计（万元）"
    page = browser.new_page()
    page.goto(server + "2026/index.html")
    assert "金额单位：万元" in page.locator(".compare caption").inner_text()

    def three_public() -> list[Decimal]:
        cells = page.locator(".compare tbody tr td:nth-child(6)").all_inner_texts()
        return [Decimal(t.replace(",", "")) for t in cells if t]

    assert three_public() != sorted(three_public(), reverse=True)  # the page does not start in that order
    # sorting by 三公经费 puts the largest first; a figure links to its table
    page.click(".compare th[data-key='6'] button")
    page.wait_for_function(
        "document.querySelector(\".compare th[data-key='6']\").getAttribute('aria-sort') === 'descending'"
    )
    three = page.locator(".compare tbody tr").first.locator("td").nth(5).locator("a")
    assert re.search(r"/tables/three_public\.html$", three.get_attribute("href") or "")
    assert three_public() == sorted(three_public(), reverse=True)
    # filtering by name, and paging a page at a time
    page.fill(".compare__filter input", "信访")
    named = [
        r for r in json.loads((built_site / "2026" / "compare.json").read_text(encoding="utf-8")) if "信访" in r[0]
    ]
    assert len(named) > 1
    page.wait_for_function(f"document.querySelectorAll('.compare tbody tr').length === {len(named)}")
    page.fill(".compare__filter input", "")
    page.evaluate("document.querySelector('.compare').dataset.pageSize = '5'")
    page.click(".compare th[data-key='8'] button")
    page.wait_for_selector(".compare__pager:not([hidden])")
    assert page.locator(".compare tbody tr").count() == 5
    page.click(".compare__pager [data-step='1']")
    page.wait_for_function("document.querySelector('.compare__pages').textContent.startsWith('第 6–10 个')")
    page.close()


_LABEL_BOXES = """async ({specs, width}) => {
  const out = [];
  for (const spec of specs) {
    const div = document.createElement("div");
    div.style.width = width + "px";
    document.body.appendChild(div);
    const view = new vega.View(vega.parse(JSON.parse(spec)), {renderer: "svg", container: div});
    await view.runAsync();
    const boxes = [];
    const walk = (node, dx, dy) => {
      for (const item of node.items || []) {
        if (node.marktype === "text" && item.text && item.opacity !== 0 && !item.bounds.empty()) {
          const b = item.bounds;
          boxes.push([String(item.text), b.x1 + dx, b.y1 + dy, b.x2 + dx, b.y2 + dy]);
        }
        if (item.items) walk(item, dx + (item.x || 0), dy + (item.y || 0));
      }
    };
    walk(view.scenegraph().root, 0, 0);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5 && a[2] < b[4] - 0.5 && b[2] < a[4] - 0.5) overlaps.push(a[0] + " | " + b[0]);
    }
    out.push({labels: boxes.map(b => b[0]), overlaps: overlaps.slice(0, 3)});
    view.finalize();
    div.remove();
  }
  return out;
}"""


@pytest.fixture(scope="module")
def chart_specs(built_site: Path, site_page: Callable[[Path], BeautifulSoup]) -> dict[str, str]:
    """The compiled Vega spec of every chart of the bundled site, by page and the chart's place on it."""
    specs: dict[str, str] = {}
    for path in sorted(built_site.rglob("*.html")):
        if "vega-chart" not in path.read_text(encoding="utf-8"):
            continue
        for k, el in enumerate(site_page(path).select(".vega-chart[data-spec]")):
            specs[f"{path.relative_to(built_site)}#{k}"] = str(el["data-spec"])
    return specs


@pytest.mark.parametrize("width", [375, 1280])
def test_no_chart_label_overlaps_another_and_none_reads_none(
    browser: Browser, server: str, chart_specs: dict[str, str], width: int
) -> None:
    """Every chart of the bundled site, drawn by the site's Vega at the width its page gives it on a phone and on a
    desktop: no two text labels (bar labels, axis labels, legends) overlap, and no label reads None."""
    assert len(chart_specs) > 100
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server + TABLE)
    page.wait_for_selector(".vega-chart svg", timeout=15000)
    container = page.evaluate("document.querySelector('.vega-chart').getBoundingClientRect().width")
    drawn = page.evaluate(_LABEL_BOXES, {"specs": list(chart_specs.values()), "width": container})
    page.close()
    assert sum(len(d["labels"]) for d in drawn) > 1000
    assert {name: d["overlaps"] for name, d in zip(chart_specs, drawn, strict=True) if d["overlaps"]} == {}
    assert {
        name: [x for x in d["labels"] if re.search(r"\bNone\b|\bnull\b|\bnan\b", x)]
        for name, d in zip(chart_specs, drawn, strict=True)
        if any(re.search(r"\bNone\b|\bnull\b|\bnan\b", x) for x in d["labels"])
    } == {}
