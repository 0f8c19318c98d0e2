"""The glossary of every package on the site, and the links from a page's text to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..addresses import glossary_page, rel
from .markup import md


@dataclass
class Glossary:
    """Every term across packages: term -> anchor, and definitions with where they come from."""

    entries: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def anchor(term: str) -> str:
        return "term-" + re.sub(r"[^\w]", "", term)

    def add(self, term: str, definition: str, source: str) -> None:
        self.entries.setdefault(term, []).append((definition, source))
        self._pattern = None

    def link(self, text: str, page: str, seen: list[str] | None = None) -> str:
        """Link the first mention of each term in escaped Markdown text (terms are matched in their escaped form)."""
        if not self.entries:
            return text
        if self._pattern is None:  # the longest term first, so a term inside a longer one is not linked alone
            forms = sorted(((str(md(t)), t) for t in self.entries), key=lambda f: len(f[0]), reverse=True)
            self._by_form = dict(forms)
            self._pattern = re.compile("|".join(re.escape(f) for f, _ in forms))
        done = seen if seen is not None else []
        target = rel(page, glossary_page())

        def sub(m: re.Match[str]) -> str:
            shown = m.group(0)
            term = self._by_form[shown]
            if term in done:
                return shown
            done.append(term)
            return f'[{shown}]({target}#{self.anchor(term)}){{ .glossary-term title="名词解释" }}'

        return self._pattern.sub(sub, text)

    def page_entries(self) -> list[dict[str, Any]]:
        out = []
        for term, defs in self.entries.items():
            groups: dict[str, list[str]] = {}
            for definition, source in defs:
                groups.setdefault(definition, []).append(source)
            plain = re.sub(r"[“”\"]", "", term)
            out.append(
                {
                    "term": term,
                    "anchor": self.anchor(term),
                    "alias": plain if plain != term else "",
                    "definitions": list(groups.items()),
                }
            )
        return out
