"""The figures an explanation states, as read from its text: each amount with the words printed before it (its
label) and its sentence, paragraph by paragraph; and which of them state a change on last year (比上年增加187.15万元)
and of which figure, with last year's figure that change implies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .. import catalogue as cat
from ..explanations import NUMBER, paragraphs
from ..package import Package, Resource
from .core import Cell, half_unit

# not the tail of a longer run of digits (12,34.5 or 2 5 7 . 52 read as 34.5 or 52), nor a signed cell in a line of
# a table read as text (…-352.92 15.45 -160万元)
_FIGURE = re.compile(rf"(?<![\d.,])(?<![\d.,]\s)(?<![\d.,][-+−])(?<![\d.,]\s[-+−]){NUMBER}\s*({cat.UNIT_PATTERN})")
_CHANGE = re.compile(r"比(上年|\d{4}\s*年)(?:预算|预算执行数)?(增加|减少|增长|下降)$")
# not the comma of 1,134.87; an opening bracket starts an aside (…6.7万元（公务用车购置费0万元）, unless it closes
# within a few characters as part of a name (因公出国（境）费, 资本性支出（基本建设）, （类）)
_CLAUSE_START = re.compile(r"[，；;。：:、]|,(?!\d{3})|[（(](?![^（）()]{1,4}[)）])")


@dataclass
class Stated:
    resource: str
    paragraph: int
    value: Decimal
    printed: str
    label: str
    sentence: str
    sentence_start: int
    end: int  # offset just after the unit in the paragraph
    unit: str = ""

    @property
    def text(self) -> str:
        """The figure as the text states it (853.77万元)."""
        return f"{self.printed}{self.unit}"


def stated_figures(res: Resource) -> Iterator[tuple[int, str, list[Stated]]]:
    """Each paragraph of an explanation (numbered from 1), with the figures it states, each with its label."""
    for n, para in enumerate(paragraphs(res.text or ""), start=1):
        figs = []
        for m in _FIGURE.finditer(para):
            before = para[: m.start()]
            start = max((x.end() for x in _CLAUSE_START.finditer(before)), default=0)
            sentence_start = max((x.end() for x in re.finditer(r"[。；;]", before)), default=0)
            label = before[start:].strip()
            figs.append(
                Stated(
                    res.name,
                    n,
                    Decimal(m.group(1).replace(",", "")),
                    m.group(1).replace(",", ""),
                    label,
                    para[sentence_start : m.end()],
                    sentence_start,
                    m.end(),
                    m.group(2),
                )
            )
        yield n, para, figs


def stated_cell(s: Stated) -> Cell:
    """A stated figure as a cell, with half a unit of its last printed digit as its rounding."""
    return Cell(s.value, half_unit(s.printed), (s.resource, s.paragraph, "text"), False, s.label, s.unit)


def change_of(figs: list[Stated], s: Stated) -> tuple[re.Match[str] | None, Stated, bool]:
    """Whether a figure is a change on last year (比上年增加X万元), the figure it is a change of, and whether the two
    can be compared: not when the change names a subject of its own (2026年预算比2025年预算增加…) or follows another
    change."""
    label = re.sub(r"\s+", "", s.label)
    change = _CHANGE.search(label)
    subject = _subject(figs, s)
    if change is None or subject is s:
        return None, subject, False
    own_subject = label[: change.start()].strip("，,；;其中")
    return change, subject, not own_subject and not _CHANGE.search(re.sub(r"\s+", "", subject.label))


def _subject(figs: list[Stated], s: Stated) -> Stated:
    """A change is stated against its sentence's subject (the first figure), or else the figure just before. A change
    right after the one part a 其中 names is that part's (…1335.21万元，其中：公务用车运行费1114.17万元，比上年减少
    30.00万元；…); after a list of parts it is the whole's (总计853.77万元，其中：本年收入…，上年结转…，比上年增加…)."""
    k = figs.index(s)
    subject = next(f for f in figs if f.sentence_start == s.sentence_start)
    if subject is s:
        return figs[k - 1] if k > 0 else subject
    before = figs[k - 1]
    whole = s.sentence[subject.end - s.sentence_start : before.end - s.sentence_start]
    parts = whole[whole.rfind("其中") :] if "其中" in whole else ""
    return before if before is not subject and len(_FIGURE.findall(parts)) == 1 else subject


@dataclass(frozen=True)
class StatedPrior:
    """Last year's figure implied by a change the text states (比上年增加187.15万元 → 853.77 − 187.15)."""

    section: str
    subject: str  # as the text states it
    label: str  # the words before the subject's figure
    current: Decimal
    change: str
    prior: Decimal
    unit: str


def stated_priors(pkg: Package) -> list[StatedPrior]:
    out = []
    for res in pkg.texts:
        for _, _, figs in stated_figures(res):
            for s in figs:
                change, subject, comparable = change_of(figs, s)
                if change and comparable:
                    sign = 1 if change.group(2) in ("增加", "增长") else -1
                    out.append(
                        StatedPrior(
                            res.title,
                            f"{subject.label}{subject.text}",
                            subject.label,
                            subject.value,
                            f"{s.label}{s.text}",
                            subject.value - sign * s.value,
                            subject.unit,
                        )
                    )
    return out
