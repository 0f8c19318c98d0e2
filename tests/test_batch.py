"""Importing a folder of disclosures, and the same work as tasks on a Dask cluster of two local workers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.batch import CHECK_ERRORS, IMPORTED, REFUSED, documents, import_folder
from tests.conftest import ROOT, SEED
from tests.test_build_scale import _tree, synthetic_project


def test_a_folders_documents_are_grouped_and_named_by_their_files(tmp_path: Path) -> None:
    for name in (
        "beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf",
        "beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf",
        "shanghai-putuo-wanli-2024-dept-budget.pdf",
        "shanghai-putuo-wanli-2023-dept-budget.pdf",
        "shanghai-putuo-wanli-2023-copy.pdf",
        "预算公开-2026.pdf",
        "INDEX.tsv",
        "x-2026.discrepancies.json",
    ):
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    docs, refused = documents(tmp_path)
    assert [(d.slug, [f.name for f in d.files]) for d in docs] == [
        (
            "beijing-shenjiju",
            [
                "beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf",
                "beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf",
            ],
        ),
        ("shanghai-putuo-wanli", ["shanghai-putuo-wanli-2023-copy.pdf"]),
        ("shanghai-putuo-wanli", ["shanghai-putuo-wanli-2024-dept-budget.pdf"]),
    ]
    lines = [o.line for o in refused]
    assert len(lines) == 2 and all(o.status == REFUSED for o in refused)
    assert lines[0].startswith(f"{tmp_path / 'shanghai-putuo-wanli-2023-dept-budget.pdf'}: the unit slug")
    assert lines[1].startswith(f"{tmp_path / '预算公开-2026.pdf'}: no unit slug in its name")
    (tmp_path / "units.tsv").write_text("预算公开-2026.pdf\tyusuan-gongkai\t某单位\n", encoding="utf-8")
    docs, _ = documents(tmp_path)
    assert ("yusuan-gongkai", "某单位") in [(d.slug, d.unit_name) for d in docs]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "xinzhou-shebao-2023.txt")
    (folder / "minutes-2023.txt").write_text("会议纪要\n\n今天开会，讨论了工作安排。\n", encoding="utf-8")
    return folder


def test_importing_a_folder_says_what_became_of_each_document(tmp_path: Path) -> None:
    from generator.cli import main

    seen: list[tuple[str, int, int]] = []
    outcomes = import_folder(_folder(tmp_path), tmp_path / "out", each=lambda o, n, t: seen.append((o.status, n, t)))
    assert [n for _, n, _ in seen] == [1, 2] and {t for _, _, t in seen} == {2}
    by_name = {o.document: o for o in outcomes}
    assert by_name["xinzhou-shebao-2023.txt"].status in (IMPORTED, CHECK_ERRORS)
    assert (tmp_path / "out/2023/xinzhou-shebao/datapackage.json").is_file()
    minutes = by_name["minutes-2023.txt"]
    assert minutes.status == REFUSED and minutes.line.startswith(str(tmp_path / "in/minutes-2023.txt") + ": ")
    assert "\n" not in minutes.line
    assert not (tmp_path / "out/2023/minutes").exists()  # nothing written for a refused document
    # the bundled package is what the import gives, so the folder's import is the single import
    assert _tree(tmp_path / "out/2023/xinzhou-shebao") == _tree(ROOT / "datapackages/2023/xinzhou-shebao")
    assert main(["import", str(tmp_path / "in"), "--unit", "x"]) == 2  # a folder's slugs come from its files


def test_the_same_work_on_a_cluster_of_two_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing, checking and building shards as Dask tasks gives what one process gives, errors included."""
    from generator.archive import publish
    from generator.errors import ValidationFailed
    from generator.settings import SHARD_ENV
    from generator.tasks import LOCAL, connect

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv(SHARD_ENV, "1")
    folder = _folder(tmp_path)
    here = import_folder(folder, tmp_path / "here")
    (tmp_path / "project").mkdir()
    project = synthetic_project(tmp_path / "project", 2)
    publish(project, tmp_path / "one", site_url="https://example.org/")
    broken = project / "datapackages/2023/synthetic-0001/data/budget_summary.csv"
    with connect(LOCAL, workers=2) as tasks:
        there = import_folder(folder, tmp_path / "there", tasks)
        shutil.rmtree(project / ".budgetsite-cache")  # the packages are checked and rendered again, as tasks
        publish(project, tmp_path / "two", site_url="https://example.org/", runner=tasks.map)
        text = broken.read_text(encoding="utf-8")
        broken.write_text(text.replace(text.splitlines()[1].split(",")[-1], "12x", 1), encoding="utf-8")
        with pytest.raises(ValidationFailed) as on_cluster:
            publish(project, tmp_path / "three", runner=tasks.map)
    with pytest.raises(ValidationFailed) as in_process:
        publish(project, tmp_path / "three")
    assert [(o.status, o.line.replace("/there/", "/here/")) for o in there] == [(o.status, o.line) for o in here]
    assert _tree(tmp_path / "there") == _tree(tmp_path / "here")
    assert _tree(tmp_path / "two") == _tree(tmp_path / "one")
    lines = [f.line() for f in on_cluster.value.findings]
    assert lines and lines == [f.line() for f in in_process.value.findings]
    assert all(str(broken.parent.parent) in line for line in lines)
    assert not (tmp_path / "three" / "2023").exists()  # nothing published
