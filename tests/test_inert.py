"""Data is inert: markup, script and links put into every text field of a package come out as text, in every page
(parsed HTML), in the navigation, in chart specs, and in a real browser."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import PACKAGE, copy_project
from tests.test_browser import ARGS, CHROMIUM

PAYLOAD = (
    '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    "[点此](javascript:window.__xss=3)<a href='javascript:window.__xss=4'>a</a>&amp;\"'"
)
MARK = "__xss"


def _poison(pkg: Path) -> None:
    """The payload appended to every string a document could carry: names, titles, cells, terms, texts."""
    d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    b = d["budget"]
    for key in ("unit", "documentTitle", "attribution"):
        b[key] += PAYLOAD
    d["title"] += PAYLOAD
    for res in d["resources"]:
        res["title"] += PAYLOAD
        if "description" in res:
            res["description"] += PAYLOAD
        for f in res.get("schema", {}).get("fields", []):
            f["title"] += PAYLOAD
            f["description"] = f.get("description", "") + PAYLOAD
        if res.get("type") == "text":
            path = pkg / res["path"]
            path.write_text(
                f"{PAYLOAD}\n\n### {PAYLOAD}\n\n" + path.read_text(encoding="utf-8") + f"\n{PAYLOAD}\n",
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
                    row[i] += PAYLOAD
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    (pkg / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import build

    root = copy_project(tmp_path_factory.mktemp("poisoned"))
    shutil.rmtree(root / "datapackages")
    pkg = root / "datapackages" / "2023" / "xinzhou-shebao"
    shutil.copytree(PACKAGE, pkg)
    _poison(pkg)
    return build(root).site_dir


def _live_markup(soup: BeautifulSoup) -> list[str]:
    found = []
    for s in soup.find_all("script"):
        if s.get("type") == "application/ld+json":  # data, never run: it must hold the payload as JSON text only
            data = json.loads(s.string or "")  # a payload that closed the element would leave invalid JSON
            if "<" in (s.string or ""):
                found.append(f"ld+json with a raw '<': {str(s)[:80]}")
            del data
            continue
        if MARK in (s.string or "") or MARK in str(s.get("src", "")):
            found.append(f"script: {str(s)[:80]}")
    for el in soup.find_all(True):
        for attr, value in el.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.startswith("on") and MARK in text:
                found.append(f"{el.name}[{attr}]")
            if attr in ("href", "src", "action", "formaction") and text.strip().lower().startswith("javascript:"):
                found.append(f"{el.name}[{attr}]={text[:40]}")
    return found


def test_no_page_holds_live_markup_from_the_data(poisoned_site: Path) -> None:
    pages = sorted(poisoned_site.rglob("*.html"))
    assert len(pages) > 25
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not _live_markup(BeautifulSoup(html, "lxml")), page
        shown += html.count("window.__xss=1")  # the payload is there, as text
    assert shown > 100


def test_the_payload_reads_as_written(poisoned_site: Path) -> None:
    soup = BeautifulSoup((poisoned_site / "2023/xinzhou-shebao/index.html").read_text(encoding="utf-8"), "lxml")
    h1 = soup.select_one("article h1").get_text()
    assert "<script>window.__xss=1</script>" in h1 and "[点此](javascript:window.__xss=3)" in h1
    nav = " ".join(a.get_text() for a in soup.select("nav a"))
    assert "<script>window.__xss=1</script>" in nav  # the navigation shows the unit's name as written
    spec = soup.select_one(".vega-chart[data-spec]")["data-spec"]
    assert json.loads(spec)  # chart titles and tooltips stay data inside the spec attribute


def test_no_script_runs_in_a_browser(poisoned_site: Path) -> None:
    from playwright.sync_api import sync_playwright

    pages = [
        "index.html",
        "2023/xinzhou-shebao/index.html",
        "2023/xinzhou-shebao/overview.html",
        "2023/xinzhou-shebao/explanations.html",
        "2023/xinzhou-shebao/checks.html",
        "2023/xinzhou-shebao/tables/expenditure_summary.html",
        "2023/xinzhou-shebao/performance/form-1.html",
        "glossary/index.html",
        "units/xinzhou-shebao.html",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for name in pages:
            page.goto((poisoned_site / name).as_uri())
            page.wait_for_timeout(150)
            for link in page.query_selector_all("a"):
                href = (link.get_attribute("href") or "").strip().lower()
                assert not href.startswith("javascript:"), name
            assert page.evaluate(f"typeof window.{MARK}") == "undefined", name
        browser.close()
    assert dialogs == []


def test_markdown_escaping_is_lossless() -> None:
    from generator.render import md

    for text in ("1. 一项", "# 标题", "a*b*_c_ [x](y) `z` | w", "&lt;", "<b>", "- 列表", "!", "\\"):
        out = str(md(text))
        assert "<" not in out and not re.match(r"^\d+\.", out) and not out.startswith(("#", "-"))
