"""Where rendered pages and files go: the docs folder (or memory), and the cache of what was rendered from content
that has not changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..downloads.registry import Download, Subject
from ..files import write_file


@dataclass
class Site:
    """What the renderer wrote: files (docs-relative path -> bytes, or the path of a source file published as it
    is) and the navigation.

    With `out`, each file is written there as soon as it is rendered and only its path is kept (`written`), so a
    large year is never held in memory whole: for a throwaway docs directory, where a source file may also be
    hard-linked (`link`) instead of copied."""

    files: dict[str, bytes | Path] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    out: Path | None = None
    link: bool = False
    written: list[str] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)  # pages reached through their unit, not the site's nav
    _made: set[Path] = field(default_factory=set, repr=False)
    _held: list[tuple[str, str]] | None = field(default=None, repr=False)

    def page(self, path: str, text: str) -> None:
        if self._held is not None:
            self._held.append((path, text))
            return
        self.data(path, text.encode("utf-8"))

    def hold(self) -> None:
        """Keep the pages rendered from now on until `release`, which writes them with a header."""
        self._held = []

    def release(self, header: str) -> None:
        held, self._held = self._held or [], None
        for path, text in held:
            self.page(path, header + text)

    def data(self, path: str, content: bytes | Path, link: bool = False) -> None:
        if self.out is None:
            self.files[path] = content
            return
        target = self.out / path
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        write_file(target, content, self.link or link)
        self.written.append(path)


def cached(site: Site, cache: Path | None, key: str, produce: Callable[[], Any]) -> Any:
    """What `produce` writes into the site and returns, remembered under a content key: with the same key, its
    files are linked from the cache (not rendered, not rewritten) and its value is read back. The key holds
    everything the output depends on; an entry is written whole and then renamed, so a half-written entry is
    never read."""
    if cache is None or site.out is None or not key:
        return produce()
    entry = cache / key
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = None
    if meta is not None:
        for path in meta["files"]:
            site.data(path, entry / "files" / path, link=True)
        site.not_in_nav += meta["not_in_nav"]
        return meta["value"]
    start, nav_start = len(site.written), len(site.not_in_nav)
    value = produce()
    files = site.written[start:]
    tmp = cache / f".{key}.{os.getpid()}.tmp"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        for path in files:
            target = tmp / "files" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_file(target, site.out / path, link=True)
        meta = {"files": files, "not_in_nav": site.not_in_nav[nav_start:], "value": value}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another process wrote it first, or no room: the build goes on
    return value


def content_key(*parts: object) -> str:
    """A cache key from the parts the output depends on (content keys, settings), or "" when one is unknown."""
    if any(p == "" for p in parts):
        return ""
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode() + b"\0")
    return h.hexdigest()


def write_files(site: Site, files: list[Download], subject: Subject) -> None:
    """Write each file of a subject (made once, through the subject) into the site."""
    for f in files:
        site.data(f.path, subject.output(f.format))
