"""Data is inert: markup, script, attribute breakouts and Markdown links put into every text of a package come out
as text on every page type (parsed HTML, the navigation, <title>, chart specs, search metadata), and in Chromium
no script runs and no element appears that the same page built from the clean package does not have."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, copy_project
from tests.test_browser import ARGS, CHROMIUM, _Quiet

MARK = "__xss"
# Each piece tries one context: HTML text and <title>, double- and single-quoted attributes, Markdown links,
# images and attribute lists, comments, and the elements whose content is raw text.
PAYLOAD = (
    '</title><script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    '" onmouseover="window.__xss=3" autofocus onfocus="window.__xss=3" x="'
    "' onmouseover='window.__xss=4' x='"
    "'><svg onload=window.__xss=5>"
    "[a](javascript:window.__xss=6) [b](https://evil.example/) ![i](https://evil.example/i.png) <https://evil.example/>"
    ' {: onclick="window.__xss=7" } *em* `code` | cell |'
    "</textarea></style></script>--><!-- &amp; &lt;b&gt;"
)
BREAK = "\n\n[c](javascript:window.__xss=8)\n\n<b>x</b>"  # for cells and descriptions: a blank line inside HTML
# Packages that, together, have every page type: canonical and as-printed tables, both performance forms, a unit
# with several years (history charts), explanations with a chart, glossary, overview.
UNITS = (
    "2023/xinzhou-shebao",
    "2023/shanghai-putuo-wanli",
    "2024/shanghai-putuo-wanli",
    "2025/shanghai-putuo-wanli",
    "2026/beijing-shenjiju",
)


def _poisoned(value: str, payload: str = PAYLOAD) -> str:
    return value + payload


def poison(pkg: Path) -> None:
    """The payload appended to every string a document could carry: names, titles, notes, cells, terms, texts,
    file names of the originals, discrepancy notes."""
    d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    b = d["budget"]
    for key in ("unit", "documentTitle", "attribution"):
        b[key] = _poisoned(b[key])
    b["level"] = _poisoned(b.get("level", "单位"))
    for key in ("notImported", "tablesNotPublished"):
        b[key] = [_poisoned(x) for x in b.get(key, ["未录入的报表"])]
    for c in b.get("confirmedDiscrepancies", []):
        c["note"] = _poisoned(c["note"])
    for key in ("title", "description"):
        d[key] = _poisoned(d[key])
    renamed = {}
    for s in d.get("sources", []):
        s["title"] = _poisoned(s["title"])
        renamed[s["file"]] = _poisoned(s["file"])
        s["file"] = renamed[s["file"]]
    for res in d["resources"]:
        # a table's title without braces: the checks format sentences with it (a crash, not markup)
        res["title"] = _poisoned(res["title"], PAYLOAD.replace("{", "(").replace("}", ")"))
        for key in ("canonicalTitle", "sourceNote", "amountUnitNote", "intro"):
            if key in res:
                res[key] = _poisoned(res[key])
        if "description" in res:
            res["description"] = _poisoned(res["description"], PAYLOAD + BREAK)
        printed = str(res.get("printedAt", ""))
        for old, new in renamed.items():
            if printed.startswith(old + ":"):
                res["printedAt"] = new + printed[len(old) :]
        for f in res.get("schema", {}).get("fields", []):
            f["title"] = _poisoned(f.get("title", f["name"]))
            f["description"] = _poisoned(f.get("description", ""), PAYLOAD + BREAK)
        if res.get("type") == "text":
            path = pkg / res["path"]
            path.write_text(
                path.read_text(encoding="utf-8")
                + f"\n{PAYLOAD}\n\n### {PAYLOAD}\n\n{PAYLOAD}\n",  # rows keep their numbers
                encoding="utf-8",
            )
            continue
        if res["name"] == "provenance":
            continue
        fields = res["schema"]["fields"]
        poisonable = {
            f["name"] for f in fields if f["type"] == "string" and "constraints" not in f and f["name"] != "seq"
        }
        path = pkg / res["path"]
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        header = rows[0]
        for row in rows[1:]:
            for i, name in enumerate(header):
                if name in poisonable and row[i]:
                    row[i] = _poisoned(row[i], PAYLOAD + BREAK)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    (pkg / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    _drop_stale_confirmations(pkg)


def _drop_stale_confirmations(pkg: Path) -> None:
    """A row name with the payload no longer matches the text that states its figure: a confirmed discrepancy
    about that figure has no error left to confirm, and would block the build. Only those still found are kept."""
    from generator.checks import run_checks
    from generator.package import read_package

    path = pkg / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    confirmed = d["budget"].pop("confirmedDiscrepancies", [])
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    errors = {(r.check, r.resource, r.row, r.field) for r in run_checks(read_package(pkg)) if r.status == "error"}
    d["budget"]["confirmedDiscrepancies"] = [
        c for c in confirmed if (c["check"], c["resource"], c["row"], c["field"]) in errors
    ]
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")


def build_pair(tmp: Path) -> tuple[Path, Path]:
    """The same packages built twice, clean and poisoned; returns both site directories."""
    from generator.build import build

    sites = []
    for name in ("clean", "poisoned"):
        root = copy_project(tmp / name)
        shutil.rmtree(root / "datapackages")
        for unit in UNITS:
            shutil.copytree(ROOT / "datapackages" / unit, root / "datapackages" / unit)
            if name == "poisoned":
                poison(root / "datapackages" / unit)
        sites.append(build(root).site_dir)
    return sites[0], sites[1]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("inert")
    (tmp / "clean").mkdir()
    (tmp / "poisoned").mkdir()
    return build_pair(tmp)


def _live_markup(soup: BeautifulSoup) -> list[str]:
    """Elements and attributes that could only have come from the data."""
    found = []
    for s in soup.find_all("script"):
        if s.get("type") == "application/ld+json":  # data, never run: valid JSON, no raw '<'
            json.loads(s.string or "")
            if "<" in (s.string or ""):
                found.append(f"ld+json with a raw '<': {str(s)[:80]}")
            continue
        if MARK in (s.string or "") or MARK in str(s.get("src", "")):
            found.append(f"script: {str(s)[:80]}")
    for el in soup.find_all(True):
        if el.name in ("img", "svg", "iframe", "textarea", "style") and MARK in str(el):
            found.append(f"<{el.name}>: {str(el)[:80]}")
        for attr, value in el.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.startswith("on") or attr in ("x", "autofocus") or not re.fullmatch(r"[a-z][a-z0-9:_-]*", attr):
                found.append(f"{el.name}[{attr}]")
            if attr in ("href", "src", "action", "formaction") and re.match(r"\s*(javascript|https?):", text, re.I):
                if "evil.example" in text or text.strip().lower().startswith("javascript"):
                    found.append(f"{el.name}[{attr}]={text[:40]}")
    title = soup.find("title")
    if title is not None and MARK in title.get_text() and "</title>" not in title.get_text():
        found.append(f"<title> lost the payload's tags: {title.get_text()[:80]}")
    return found


def test_no_page_holds_live_markup_from_the_data(pair: tuple[Path, Path]) -> None:
    clean, poisoned = pair
    pages = sorted(p.relative_to(poisoned) for p in poisoned.rglob("*.html"))
    assert len(pages) > 100
    shown = 0
    for page in pages:
        html = (poisoned / page).read_text(encoding="utf-8")
        assert not _live_markup(BeautifulSoup(html, "lxml")), (page, _live_markup(BeautifulSoup(html, "lxml")))
        shown += html.count("window.__xss=1")  # the payload is there, as text
        assert (clean / page).exists(), page
    assert shown > 500


def test_the_payload_reads_as_written(pair: tuple[Path, Path]) -> None:
    _, poisoned = pair
    titled = ("units/xinzhou-shebao.html", "2023/shanghai-putuo-wanli/performance/index.html")
    for page in ("2023/xinzhou-shebao/index.html", *titled):
        soup = BeautifulSoup((poisoned / page).read_text(encoding="utf-8"), "lxml")
        assert PAYLOAD in soup.select_one("article h1").get_text(), page  # every character, none taken for markup
        if page in titled:
            assert PAYLOAD in soup.title.get_text(), page
            assert PAYLOAD in soup.select(".md-header__topic")[-1].get_text(), page
    soup = BeautifulSoup((poisoned / "2023/xinzhou-shebao/index.html").read_text(encoding="utf-8"), "lxml")
    assert any(PAYLOAD in a.get_text() for a in soup.select("nav a"))  # the navigation shows the name as written
    values = json.loads(soup.select_one(".vega-chart[data-spec]")["data-spec"])["data"][0]["values"]
    assert any(PAYLOAD in v["label"] for v in values)  # chart labels stay data inside the spec
    meta = soup.select_one("[data-pagefind-meta]")
    assert meta.get_text() == "忻州市社会保险中心" + PAYLOAD  # the search index's unit, as text


def test_markdown_escaping_is_lossless() -> None:
    from generator.site.markup import md

    for text in ("1. 一项", "# 标题", "a*b*_c_ [x](y) `z` | w", "&lt;", "<b>", "- 列表", "!", "\\", "{: #x }"):
        out = str(md(text))
        assert "<" not in out and not re.match(r"^\d+\.", out) and not out.startswith(("#", "-"))


# ---------------------------------------------------------------------------------------------
# In Chromium

# every element as its tag and attribute names: what the templates and scripts can write. Left out: what the
# theme and tables.js set as the layout asks (a longer text overflows its box, which then takes focus and says so;
# the theme sizes its sidebars)
_SHAPES = """() => [...new Set([...document.querySelectorAll('*')].map(e =>
  e.tagName.toLowerCase() + '[' + [...e.attributes].map(a => a.name)
    .filter(n => !['tabindex', 'role', 'aria-label', 'title', 'hidden', 'style'].includes(n)).sort().join(',') + ']'))]"""


@pytest.fixture(scope="module")
def servers(pair: tuple[Path, Path]) -> Iterator[tuple[str, str]]:
    urls, stops = [], []
    for site in pair:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        urls.append(f"http://127.0.0.1:{httpd.server_address[1]}/")
        stops.append(httpd.shutdown)
    yield urls[0], urls[1]
    for stop in stops:
        stop()


def _visit(page, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(url)  # waits for the load event: a payload's script or error handler would have run by then
    if page.locator(".vega-chart").count():
        page.wait_for_function(
            "[...document.querySelectorAll('.vega-chart')].every(c => c.querySelector('svg') || !c.dataset.rendered)",
            timeout=15000,
        )
    if "search.html?q=" in url:
        page.wait_for_function(
            "(document.querySelector('.site-search__status') || {}).textContent?.endsWith('。')", timeout=60000
        )
    page.wait_for_timeout(50)  # tables.js marks the boxes after the theme has wrapped the tables
    return sorted(page.evaluate(_SHAPES))


@pytest.mark.browser
def test_no_script_runs_and_no_element_appears_in_a_browser(pair: tuple[Path, Path], servers: tuple[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    clean, poisoned = pair
    pages = sorted(str(p.relative_to(poisoned)) for p in poisoned.rglob("*.html") if "pagefind" not in p.parts)
    pages.append("search.html?q=取暖费")  # results with table rows, in both sites
    runs: dict[str, object] = {}
    injected: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for name in pages:
            expected = set(_visit(page, servers[0] + name))
            shapes = _visit(page, servers[1] + name)
            ran = page.evaluate(f"window.{MARK}")
            if ran is not None:
                runs[name] = ran
            extra = [s for s in shapes if s not in expected]
            if extra:
                injected[name] = extra
            if "?q=" in name:  # a result names its unit as written
                where = page.locator(".site-search__where").all_inner_texts()
                assert any(PAYLOAD in w for w in where), where
        browser.close()
    assert (runs, injected, dialogs) == ({}, {}, [])
