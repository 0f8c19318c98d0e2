"""Snapshots per year: frozen, verifiable, reproducible, atomic, and a year selector that keeps the page."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.archive import MANIFEST, publish, verify
from generator.cli import main
from generator.errors import BuildError
from tests.conftest import copy_project, year_holds

EPOCH = "1767225600"


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("archive-project"))


@pytest.fixture(scope="module")
def published(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """2023 published first, then 2024: returns the output and 2023's digests taken before 2024 was added."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("public")
    publish(project, out, [2023])
    before = _digests(out / "2023")
    publish(project, out, [2024])
    mp.undo()
    return out, before


def test_publishing_a_year_changes_no_byte_of_an_earlier_one(published) -> None:
    out, before = published
    assert _digests(out / "2023") == before
    assert (out / "2023.zip").is_file() and (out / "2024.zip").is_file()


def test_versions_and_latest(published) -> None:
    out, _ = published
    versions = json.loads((out / "versions.json").read_text(encoding="utf-8"))
    assert versions == [
        {"version": "2024", "title": "2024年", "aliases": ["latest"]},
        {"version": "2023", "title": "2023年", "aliases": []},
    ]
    assert _digests(out / "latest") == _digests(out / "2024")
    assert "latest/index.html" in (out / "index.html").read_text(encoding="utf-8")


def test_a_published_year_is_frozen(project: Path, published, capsys: pytest.CaptureFixture[str]) -> None:
    out, before = published
    assert main(["publish", "--root", str(project), "--out", str(out), "--year", "2023"]) == 0
    assert "2023: already published, frozen" in capsys.readouterr().out
    assert _digests(out / "2023") == before


def test_snapshot_holds_its_year_only(published) -> None:
    out, _ = published
    assert (out / "2024" / "shanghai-putuo-wanli" / "tables" / "income_summary.html").is_file()
    assert not (out / "2024" / "xinzhou-shebao").exists()
    assert (out / "2023" / "xinzhou-shebao" / "index.html").is_file()
    history = (out / "2024" / "units" / "shanghai-putuo-wanli.html").read_text(encoding="utf-8")
    assert 'href="../../2023/shanghai-putuo-wanli/index.html"' in history  # the earlier year, in its own snapshot


def test_verify_names_what_differs(published, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = published
    assert verify(out / "2023") == [] and verify(out / "2023.zip") == []
    copy = tmp_path / "2023"
    shutil.copytree(out / "2023", copy)
    (copy / "about.html").write_text("changed", encoding="utf-8")
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    (copy / "404.html").unlink()
    assert verify(copy) == ["missing: 404.html", "changed: about.html", "not in the manifest: extra.txt"]
    assert main(["verify", str(copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{copy}: changed: about.html" in err and err[-1] == "error: 3 file(s) differ from the manifest"
    assert main(["verify", str(out / "2023.zip")]) == 0


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    a, b = tmp_path / "a", tmp_path / "b"
    publish(project, a, [2025])
    publish(project, b, [2025])
    assert _digests(a) == _digests(b)
    assert (a / "2025" / MANIFEST).read_bytes() == (b / "2025" / MANIFEST).read_bytes()


def test_where_the_throwaway_project_goes_changes_no_byte(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small year's Markdown is written in memory (/dev/shm) when there is room, else in the temporary directory or
    in $BUDGETSITE_SCRATCH; the snapshot is the same wherever, and nothing is left behind."""
    import generator.archive as archive
    from generator.settings import SCRATCH_ENV, Settings

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv(SCRATCH_ENV, str(scratch))
    assert archive.scratch_dir(10, Settings.load(project).scratch) == str(scratch)
    publish(project, tmp_path / "a", [2025])
    assert list(scratch.iterdir()) == []
    monkeypatch.delenv(SCRATCH_ENV)
    assert Settings.load(project).scratch is None
    monkeypatch.setattr(archive, "SHARED_MEMORY", str(tmp_path))
    assert archive.scratch_dir(10) == str(tmp_path)  # a small year, in memory where there is room
    assert archive.scratch_dir(1000) is None  # a large one on disk: memory does not grow with the units
    monkeypatch.setattr(archive, "SHARED_MEMORY", str(tmp_path / "no-such-dir"))
    assert archive.scratch_dir(10) is None
    publish(project, tmp_path / "b", [2025])
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    publish(project, tmp_path / "c", [2025])
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b") == _digests(tmp_path / "c")


def test_a_failed_build_leaves_the_snapshot_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    out = tmp_path / "out"
    publish(project, out, [2025])
    before = _digests(out)
    (project / "docs" / "about.md").write_text("[broken](missing.md)\n", encoding="utf-8")  # fails the strict build
    with pytest.raises(BuildError, match="missing.md"):
        publish(project, out, [2025], force=True)
    assert _digests(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["2025", "2025.zip", "index.html", "latest", "versions.json"]


@contextlib.contextmanager
def _served(out: Path, port: int = 0) -> Iterator[tuple[Any, str, list[str]]]:
    """`out` served over HTTP, and a Chromium page recording what it requests: (page, base address, requests)."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS, CHROMIUM, _Quiet

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            yield page, f"http://127.0.0.1:{httpd.server_address[1]}/", requests
            browser.close()
    finally:
        httpd.shutdown()


@pytest.mark.browser
def test_year_selector_keeps_the_page(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "public"
    out.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    publish(project, out, [2023, 2024], site_url=base)
    with _served(out, port) as (page, _, requests):
        page.goto(base + "2023/shanghai-putuo-wanli/tables/income_summary.html")
        page.wait_for_selector(".year-select__current", timeout=15000)
        assert page.locator(".year-select__current").inner_text() == "2023年"
        page.click(".year-select__current")
        page.click(".year-select__link >> text=2024年")
        page.wait_for_url("**/2024/**", timeout=15000)
        assert page.url == base + "2024/shanghai-putuo-wanli/tables/income_summary.html"
        assert all(u.startswith(base) for u in requests)


def test_everything_published_is_world_readable(tmp_path: Path) -> None:
    """Whatever the umask, build and publish write directories 755 and files 644, so a web server running as
    another user can serve them."""
    import os
    import stat

    from generator.build import build
    from tests.conftest import copy_project

    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    old = os.umask(0o077)
    try:
        site = build(project).site_dir
        out = tmp_path / "public"
        assert main(["publish", "--root", str(project), "--out", str(out), "--year", "2023"]) == 0
    finally:
        os.umask(old)
    for root in (site, out):
        for p in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(p.stat().st_mode)
            assert mode == (0o755 if p.is_dir() else 0o644), (p, oct(mode))


@pytest.mark.browser
def test_an_unzipped_snapshot_works_from_disk(published, tmp_path: Path) -> None:
    """The year's zip, unzipped and opened as files: every page is a file (no directory listing), navigation,
    table pages, charts and downloads work, and search and the year selector say they need the site served."""
    import zipfile

    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS, CHROMIUM

    out, _ = published
    with zipfile.ZipFile(out / "2023.zip") as z:
        z.extractall(tmp_path)
    root = next(p for p in tmp_path.iterdir() if p.is_dir())
    pages = [p for p in root.rglob("*.html") if p.name != "404.html"]  # 404 links from the root, by design
    hrefs = set()
    for page in pages:
        hrefs |= {(page, h) for h in re.findall(r'href="([^"#:?]+)"', page.read_text(encoding="utf-8"))}
    directories = [(p.relative_to(root), h) for p, h in hrefs if not (p.parent / h).is_file()]
    assert directories == []  # every internal link names a file that exists
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((root / "xinzhou-shebao" / "index.html").as_uri())
        assert "本地文件" in page.locator(".offline-note").inner_text()
        assert page.locator(".header-search__input").is_disabled()
        page.click("a[href$='tables/expenditure_summary.html']")
        page.wait_for_url("**/tables/expenditure_summary.html")
        page.wait_for_selector(".vega-chart svg, .vega-chart canvas", timeout=15000)
        href = page.locator("a[href$='expenditure_summary.xlsx']").get_attribute("href")
        assert href and (root / "xinzhou-shebao" / "tables" / href).resolve().is_file()
        assert all(u.startswith("file://") for u in requests)  # nothing is fetched from a network
        browser.close()


@pytest.mark.browser
def test_an_unzipped_year_is_quiet_from_disk(published, tmp_path: Path) -> None:
    """Every page of an unzipped year opened from disk: no console error (nothing is fetched from outside the
    snapshot: not versions.json, not the search index), and no year selector, which needs the site served."""
    import zipfile

    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS, CHROMIUM

    out, _ = published
    with zipfile.ZipFile(out / "2024.zip") as z:
        z.extractall(tmp_path)
    root = next(p for p in tmp_path.iterdir() if p.is_dir())
    pages = sorted(p for p in root.rglob("*.html") if p.name != "404.html")
    errors: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        logged: list[str] = []
        page.on("console", lambda m: logged.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: logged.append(str(e)))
        for path in pages:
            page.goto(path.as_uri())
            page.wait_for_selector(".offline-note")
            if page.locator(".vega-chart").count():
                page.wait_for_selector(".vega-chart svg", timeout=15000)
            assert page.locator(".year-select, .md-version").count() == 0, path
            if logged:
                errors[str(path.relative_to(root))] = logged[:]
                logged.clear()
        page.goto((root / "search.html").as_uri() + "?q=取暖费")
        assert "本地文件" in page.locator(".site-search__status").inner_text()
        browser.close()
    assert errors == {}
    assert len(pages) > 15
    assert '<meta name="budgetsite:year" content="2024">' in (root / "index.html").read_text(encoding="utf-8")


def test_a_server_running_as_another_user_serves_what_publish_wrote(tmp_path: Path) -> None:
    """Published under umask 077, then served by Python's http.server running as an unprivileged user (nobody):
    every page, download and original answers 200."""
    import os
    import pwd
    import subprocess
    import tempfile
    import time
    import urllib.request

    from tests.conftest import copy_project

    assert os.geteuid() == 0, "the test switches to another user, which needs root (CI runs as root)"
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    served = Path(tempfile.mkdtemp(prefix="budgetsite-served-", dir="/tmp"))  # reachable by any user
    served.chmod(0o755)
    old = os.umask(0o077)
    try:
        assert main(["publish", "--root", str(project), "--out", str(served / "public"), "--year", "2023"]) == 0
    finally:
        os.umask(old)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    nobody = pwd.getpwnam("nobody")
    # the system's Python, which any user may run (a virtual environment under /root or /work may not be)
    python = next(p for p in ("/usr/bin/python3", "/usr/local/bin/python3") if os.access(p, os.X_OK))
    server = subprocess.Popen(
        [python, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(served / "public")],
        user=nobody.pw_uid,
        group=nobody.pw_gid,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        paths = [
            "index.html",
            "2023/index.html",
            "2023/xinzhou-shebao/index.html",
            "2023/xinzhou-shebao/tables/expenditure_summary.html",
            "2023/xinzhou-shebao/data/expenditure_summary.xlsx",
            "2023/xinzhou-shebao/source/xinzhou-shebao-2023.txt",
            "2023/downloads/budget.sqlite",
            "2023/catalog.jsonld",
            "2023.zip",
        ]
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        for path in paths:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
                assert r.status == 200, path
    finally:
        server.terminate()
        server.wait(timeout=5)
        shutil.rmtree(served, ignore_errors=True)


def test_the_manifest_covers_every_new_kind_of_file(published) -> None:
    """verify checks every file of a snapshot: the originals, spreadsheets, bulk files and catalogue included."""
    out, _ = published
    listed = {line.split("  ", 1)[1] for line in (out / "2023" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()}
    for path in (
        "xinzhou-shebao/source/xinzhou-shebao-2023.txt",
        "xinzhou-shebao/data/expenditure_summary.xlsx",
        "xinzhou-shebao/data/2023-xinzhou-shebao.xlsx",
        "downloads/budget-2023.csv",
        "downloads/budget.sqlite",
        "downloads/metadata.json",
        "catalog.jsonld",
    ):
        assert path in listed, path
    assert verify(out / "2023") == []


@pytest.mark.browser
def test_a_snapshot_searches_its_year_and_counts_the_others(published) -> None:
    """Each snapshot has its own index; a search there keeps to its year and asks the other years' indexes (from
    versions.json) whether they hold the query."""
    out, _ = published
    assert (out / "2023" / "pagefind" / "pagefind-entry.json").is_file()
    status = "(document.querySelector('.site-search__status') || {}).textContent?.endsWith('。')"
    with _served(out) as (page, base, requests):
        from axe_playwright_python.sync_playwright import Axe

        page.goto(base + "2024/shanghai-putuo-wanli/index.html")  # a snapshot page has the year selector too
        page.wait_for_selector(".year-select__current", timeout=15000)
        violations = Axe().run(page).response["violations"]
        assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
        word = "社会保险业务经费"  # 2023's packages print it, 2024's do not
        assert year_holds("2023", word) and not year_holds("2024", word)
        page.goto(base + f"2024/search.html?q={word}")
        page.wait_for_function(status, timeout=20000)
        assert page.locator(".site-search__status").inner_text() == f"没有找到含“{word}”的页面。"
        others = page.locator(".site-search__others")
        others.wait_for(state="visible", timeout=15000)
        others.locator("a", has_text="2023年").click()
        page.wait_for_url("**/2023/search.html?q=*")
        page.wait_for_function(status, timeout=20000)
        assert page.locator(".site-search__status").inner_text().startswith("找到")
        links = page.locator(".site-search__result a").evaluate_all("a => a.map(x => x.href)")
        assert links and all("/2023/" in href for href in links)
        assert all(u.startswith(base) for u in requests)


@pytest.mark.browser
def test_the_year_selector_says_when_the_other_year_has_no_such_page(published) -> None:
    """忻州 is in 2023 and not in 2024: choosing 2024 on one of its pages opens 2024's home page, which says so."""
    out, _ = published
    with _served(out) as (page, base, _requests):
        page.goto(base + "2023/xinzhou-shebao/tables/budget_summary.html")
        page.wait_for_selector(".year-select__current", timeout=15000)
        page.click(".year-select__current")
        page.click(".year-select__link >> text=2024年")
        page.wait_for_url("**/2024/index.html?missing=*", timeout=15000)
        note = page.locator(".year-missing")
        note.wait_for(timeout=15000)
        assert "xinzhou-shebao/tables/budget_summary.html" in note.inner_text()
        assert "2024年没有对应的页面" in note.inner_text() and "没有收录该单位" in note.inner_text()
        # a page both years have is kept
        page.goto(base + "2023/shanghai-putuo-wanli/index.html")
        page.wait_for_selector(".year-select__current", timeout=15000)
        page.click(".year-select__current")
        page.click(".year-select__link >> text=2024年")
        page.wait_for_url(base + "2024/shanghai-putuo-wanli/index.html", timeout=15000)
        assert page.locator(".year-missing").count() == 0
