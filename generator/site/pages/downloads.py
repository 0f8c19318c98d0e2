"""The bulk downloads' page, which writes the files it lists."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ...addresses import DOWNLOADS_DIR
from ...amounts import grouped
from ...downloads import registry
from ...downloads.registry import Subject
from ..markup import render
from ..sink import Site


def render_downloads(site: Site, subjects: list[tuple[str, Subject]], jsonld: Markup) -> str:
    """The bulk files (every year-scoped format per year and, on the site, for all years; every all-scoped format
    once) and their page."""
    files: list[dict[str, Any]] = []
    for scope, subject in subjects:
        for f in registry.downloads(scope, subject, DOWNLOADS_DIR):
            content = subject.output(f.format)
            site.data(f.path, content)
            size = len(content) if isinstance(content, bytes) else content.stat().st_size
            files.append({"name": f.file, "what": f.what, "size": grouped(str(size))})
    sqlite = next((f for f in registry.FORMATS if f.name == "sqlite"), None)
    return render("downloads.md.j2", files=files, sqlite_name=sqlite.filename if sqlite else "", jsonld=jsonld)
