"""The explanations of a disclosure (第三部分, a 决算's 情况说明) as paragraphs, numbered from 1 the same way wherever a
paragraph is cited: by the narrative checks, and in what the importer keeps of a 决算's 情况说明."""

from __future__ import annotations

import re

NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # with or without thousands separators
# digits, separators and points with single spaces between them: letter-spaced text (1 6 , 4 1 0 . 7 1)
_SPACED_RUN = re.compile(r"\d(?:\s?[\d,.])*")
_ONE_NUMBER = re.compile(NUMBER)


def paragraphs(text: str) -> list[str]:
    """An explanation's paragraphs as the checks number them (from 1): headings left out, figures joined."""
    plain_text = text.replace("\\", "")
    return [joined_figures(p.strip()) for p in plain_text.split("\n\n") if p.strip() and not p.startswith("#")]


def joined_figures(text: str) -> str:
    """Figures printed with spaces between their digits or around the point (2 5 7 . 52, 1 , 234.56) as the page
    shows them, one number each; a spaced run that is not one number is left alone and read as no number at all."""

    def join(m: re.Match[str]) -> str:
        run = m.group(0)
        whole = re.sub(r"\s", "", run)
        return whole if whole != run and _ONE_NUMBER.fullmatch(whole) else run

    return _SPACED_RUN.sub(join, text)
