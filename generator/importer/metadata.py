"""Who published a disclosure, for which year, and what it is: read from wherever the document prints it.

The cover (one title, often over several lines: 2026 年度 / 福州市商务局 / 部门预算), a labelled line
(预算主管部门：…, 编制单位：…, 单位名称：…, 部门：…), running titles repeated on every page (苏州市审计局 2026 年度部门预算公开),
or a table caption. An explicit label wins over the cover, the cover over running titles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import catalogue as cat

_LABELLED = re.compile(
    r"^(?:预算主管部门|部门名称|单位名称|预算单位|编制单位|编制部门|部门|单位)\s*[：:]\s*(\S.*?)\s*$"
)
# the amount unit printed on the same line after the unit's name, with or without a gap (…运输局单位：万元)
_AMOUNT_UNIT_AFTER = re.compile(rf"\s*(?:金额)?单位\s*[：:]\s*(?:{cat.UNIT_PATTERN})\s*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_NOISE = re.compile(
    r"^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页|[-—–]\s*\d+\s*[-—–]|目\s*录|[一二三四五六七八九〇零○]{4}年.*|"
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|(?:初|复|终)审[：:].*|\.)$"
)
_DOC_WORDS = re.compile(
    r"(?:年度|年)?\s*(?:部门|单位)?(?:综合)?(?:预算|决算)(?:公开)?(?:说明|报告|情况)?|预算公开|决算公开|公开说明|公开"
)
# The end of a unit's name: an organ or an institution, optionally (本级) or (汇总) after it
_ORGAN = re.compile(
    r"([\u4e00-\u9fff]{2,40}?(?:局|委员会|委|办公室|办|厅|部|署|院|会|中心|政府|街道办事处|办事处|街道|站|所|馆|校|学|队|社|集团|公司|处|室|司)"
    r"(?:（(?:本级|汇总|本部|机关)）|\((?:本级|汇总|本部|机关)\))?)"
)

# a line that names the tables published as a file of their own (附件：北京市审计局 2026 年度部门预算报表)
ATTACHED = re.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[：:]\s*(\S.*?(?:预算|决算)\S*表)\s*$")


@dataclass(frozen=True)
class Metadata:
    unit: str | None
    year: int | None
    kind: str | None  # 预算 or 决算
    level: str  # 部门 or 单位
    title: str


def _lines(page: list[str]) -> list[str]:
    return [ln.strip() for ln in page if ln.strip() and not _NOISE.match(ln.strip())]


def _unit_in(text: str) -> str | None:
    rest = _YEAR.sub(" ", text)
    rest = _DOC_WORDS.sub(" ", rest)
    for chunk in re.split(r"[\s:：]+", rest):
        m = _ORGAN.fullmatch(chunk) or _ORGAN.match(chunk)
        if m and not re.search(r"^第|部分|目录|说明|情况|预算|决算", m.group(1)):
            return m.group(1)
    return None


def metadata(pages: list[list[str]], unit_name: str | None = None, year: int | None = None) -> Metadata:
    """What the first pages say about the document; `unit_name` and `year` are used where given (`year` only where
    the document prints none: a printed year that differs is the caller's to refuse)."""
    cover = _lines(pages[0]) if pages else []
    # the title: the cover's lines up to and including the one that names 预算 or 决算
    upto = next((i for i, ln in enumerate(cover[:8]) if re.search(r"预算|决算", ln)), None)
    title_lines = cover[: upto + 1] if upto is not None else cover[:3]
    title = re.sub(r"\s+", "", "".join(title_lines)) if upto is not None else ""
    title = re.sub(r"^\.+", "", title)
    labelled = None
    for page in pages[:3]:
        for ln in _lines(page)[:12]:
            m = _LABELLED.match(ln)
            name = _AMOUNT_UNIT_AFTER.sub("", m.group(1)) if m else ""
            if name and not re.search(r"万元|元$", name):
                labelled = name.strip()
                break
        if labelled:
            break
    # running titles: a line that names 预算/决算 and recurs at the top of many pages
    tops = Counter(
        re.sub(r"\s+", "", ln) for page in pages[1:40] for ln in _lines(page)[:2] if re.search(r"预算|决算", ln)
    )
    running = next((t for t, n in tops.most_common(3) if n >= 3), "")
    kind = next(
        (k for k in ("决算", "预算") for t in (title, running) if k in t),
        None,
    )
    if kind is None:  # a document that is only tables: the first table's caption (预算01表 收支总表)
        heads = " ".join(ln for page in pages[:2] for ln in _lines(page)[:3])
        kind = "决算" if "决算" in heads else ("预算" if "预算" in heads else None)
    found_year = next((int(m.group(1)) for t in (title, running, " ".join(cover[:10])) if (m := _YEAR.search(t))), None)
    unit = unit_name or labelled or _unit_in(title) or _unit_in(running) or _unit_in(" ".join(cover[:6]))
    if unit is None:  # explanations whose cover names no one: the attachment they announce at the end may
        unit = next((_unit_in(m.group(1)) for page in pages[-2:] for ln in page if (m := ATTACHED.search(ln))), None)
    if not title:
        title = running or f"{found_year or year or ''}年度{kind or '预算'}"
    level = "单位" if re.search(r"单位(?:预算|决算)", title + running) else "部门"
    return Metadata(unit, found_year if found_year is not None else year, kind, level, title)
