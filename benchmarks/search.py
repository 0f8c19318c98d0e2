"""Readers' side: what a browser downloads and waits for, on a SYNTHETIC year of N units.

Publishes one year of N synthetic units (copies of the bundled packages under synthetic names, as in scale.py), serves
it, and measures in headless Chromium:

    pages      the first load of each page type (home, unit, table, explanations, checks, glossary, search): bytes as
               a server with gzip (level 6) sends them, and how many of them are the chart runtime
    search     a query on the search page after it has loaded: bytes fetched for the query and the time until the
               first result shows, on a desktop and with a phone profile (CPU slowed 4x)
    --material the same pages built with Material for MkDocs' own search plugin, for comparison: the index every
               page loads, and the time until its first result shows

    python benchmarks/search.py [N ...] [--material] [--query 取暖费]      (default: 100 1000)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.archive as archive  # noqa: E402
import generator.build as build  # noqa: E402
from benchmarks.scale import make_corpus  # noqa: E402
from generator.load import load_packages  # noqa: E402
from generator.settings import Settings  # noqa: E402

YEAR = 2025
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PAGE_TYPES = {
    "home": "index.html",
    "unit": "synthetic-0000/index.html",
    "table": "synthetic-0000/tables/expenditure_summary.html",
    "explanations": "synthetic-0000/explanations.html",
    "checks": "synthetic-0000/checks.html",
    "glossary": "glossary/index.html",
    "search": "search.html",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _gzipped(served: Path, base: str, urls: list[str]) -> tuple[int, int]:
    """Bytes of the files behind `urls` as gzip level 6 sends them, and how many of them are Vega's."""
    total = vega = 0
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        path = served / unquote(urlparse(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            size = len(gzip.compress(path.read_bytes(), 6))
            total += size
            vega += size if "vega" in path.name else 0
    return total, vega


def _page(browser, phone: bool):
    context = browser.new_context(viewport={"width": 375, "height": 800} if phone else {"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4 if phone else 1})
    received: list[int] = [0]
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(0, received[0] + int(e["encodedDataLength"])))
    return context, page, received


def measure_pages(browser, served: Path, base: str) -> None:
    for kind, path in PAGE_TYPES.items():
        context, page, _ = _page(browser, phone=False)
        urls: list[str] = []
        page.on("request", lambda r, urls=urls: urls.append(r.url))
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        total, vega = _gzipped(served, base, urls)
        print(
            f"  page {kind:<13} {total / 1024:7.1f} KB gzipped in {len(urls):>2} requests (Vega {vega / 1024:.1f} KB)"
        )
        context.close()


def measure_pagefind(browser, served: Path, base: str, query: str) -> None:
    for phone in (False, True):
        context, page, received = _page(browser, phone)
        page.goto(base + "search.html")
        page.wait_for_load_state("networkidle")
        urls: list[str] = []
        context.on("request", lambda r, urls=urls: urls.append(r.url))  # the page's and its workers'
        page.fill("#site-search-input", query)
        started = time.perf_counter()
        page.press("#site-search-input", "Enter")
        page.wait_for_selector(".site-search__result", timeout=60000)
        shown = time.perf_counter() - started
        page.wait_for_function("document.querySelector('.site-search__status').textContent.endsWith('。')")
        page.wait_for_load_state("networkidle")
        status = page.locator(".site-search__status").inner_text()
        files = [served / unquote(urlparse(u).path).lstrip("/") for u in dict.fromkeys(urls) if u.startswith(base)]
        size = sum(f.stat().st_size for f in files if f.is_file())  # Pagefind's files are compressed already
        print(
            f"  pagefind {'phone (4x CPU)' if phone else 'desktop':<14} {query}: first result {shown * 1000:5.0f} ms "
            f"after the query is sent from the loaded page; {size / 1024:.1f} KB in {len(files)} files fetched "
            f"for it | {status}"
        )
        context.close()


def measure_material(browser, base: str, query: str) -> None:
    for phone in (False, True):
        context, page, received = _page(browser, phone)
        started = time.perf_counter()
        page.goto(base + "index.html")
        page.keyboard.press("s")  # Material's key for its search box
        page.wait_for_selector("input.md-search__input:focus")
        page.fill("input.md-search__input", query)
        page.press("input.md-search__input", "End")
        page.wait_for_selector(".md-search-result__item", timeout=120000)
        shown = time.perf_counter() - started
        page.wait_for_load_state("networkidle")
        print(
            f"  material {'phone (4x CPU)' if phone else 'desktop':<14} {query}: first result {shown * 1000:5.0f} ms "
            f"after the page is opened, {received[0] / 1024:7.1f} KB fetched with the page"
        )
        context.close()


def material_build(project: Path, out: Path) -> Path:
    """The same year built with Material's search plugin (and no Pagefind), into out/material."""
    config = project / "mkdocs.material.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nplugins:\n  - search:\n"
        "      separator: '[\\s\\u200b\\u3000\\-、。，．？！；：（）《》“”,.;:()\\[\\]]+'\n",
        encoding="utf-8",
    )
    packages = load_packages(project / "datapackages", project / ".cache")
    site = out / "material"
    settings = Settings.load(project)
    build.build_site(
        settings, project, project / "docs", packages, site, config, snapshot_year=YEAR, search_index=False
    )
    return site


def run(n: int, query: str, material: bool) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-") as tmp:
        tmp_path = Path(tmp)
        project = tmp_path / "project"
        (project / "docs").mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        shutil.copy(ROOT / "docs" / "about.md", project / "docs" / "about.md")
        shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
        make_corpus(project / "datapackages", n, [YEAR])
        out = tmp_path / "public"
        started = time.perf_counter()
        archive.publish(project, out)
        wall = time.perf_counter() - started
        snapshot = out / str(YEAR)
        pages = sum(1 for _ in snapshot.rglob("*.html"))
        index = [p for p in (snapshot / "pagefind").rglob("*") if p.is_file()]
        started = time.perf_counter()
        build.engine.index_search(snapshot)
        indexing = time.perf_counter() - started
        print(
            f"N={n} units in {YEAR}: {pages} pages, published in {wall:.1f} s; Pagefind index "
            f"{sum(p.stat().st_size for p in index) / 2**20:.1f} MB in {len(index)} files, built in {indexing:.1f} s",
            flush=True,
        )
        httpd, base = _serve(out)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            measure_pages(browser, out, base + f"{YEAR}/")
            measure_pagefind(browser, out, base + f"{YEAR}/", query)
            if material:
                site = material_build(project, tmp_path / "compare")
                index_file = site / "search" / "search_index.json"
                print(f"  material index {index_file.stat().st_size / 2**20:.1f} MB", flush=True)
                httpd2, base2 = _serve(site)
                measure_material(browser, base2, query)
                httpd2.shutdown()
            browser.close()
        httpd.shutdown()


if __name__ == "__main__":
    args = sys.argv[1:]
    material = "--material" in args
    query = args[args.index("--query") + 1] if "--query" in args else "取暖费"
    sizes = [int(a) for a in args if a.isdigit()] or [100, 1000]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    for n in sizes:
        run(n, query, material)
