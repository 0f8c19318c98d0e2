"""Headless Chromium against the built site: charts draw, Chinese search answers, nothing leaves the site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


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


@pytest.mark.parametrize("query", ["取暖费", "社会保险业务经费", "机关运行经费", "法律顾问", "2080505", "三公经费"])
def test_chinese_search(browser: Browser, server: str, query: str) -> None:
    page = browser.new_page()
    rec = Recorder(page)
    page.goto(server + "index.html")
    page.click("label.md-search__icon, .md-search__input")
    # wait for the search worker to load the index ("正在初始化搜索引擎" → "键入以开始搜索")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('键入')", timeout=15000
    )
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material reads the query on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    assert query in page.locator(".md-search-result").inner_text().replace("\u200b", "")
    assert all(u.startswith(server) for u in rec.requests)
    assert rec.errors == []
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
