"""What a 决算's 情况说明 states of 机关运行经费, 政府采购 and 国有资产占用: matters no 决算 table prints, kept as
data (one row per stated figure, with the words before it, its unit and its sentence, as printed)."""

from __future__ import annotations

import re

from .. import catalogue as cat
from ..explanations import paragraphs
from ..model import Disclosure, Table

# What a 决算's 情况说明 states of the matters no 决算 table prints: each subject, the words that open a sentence
# about it, and the units a stated figure of it is counted in (a figure is read with the words before it)
FINAL_STATED_SUBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("机关运行经费", ("机关运行经费",)),
    ("政府采购", ("政府采购", "中小企业", "小微企业")),
    ("国有资产占用", ("车辆", "通用设备", "专用设备", "以上设备", "国有资产")),
)
FINAL_STATED_UNITS = ("万元", "元", "辆", "台（套）", "台(套)", "台", "套", "%")
# words around a figure that say nothing of what it is
FINAL_STATED_FILLER = (
    r"^(?:截至\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|其中|合计|共计|共有|总计)|(?:为|是|达|共计|共有|合计)$"
)
_FIGURE = re.compile(
    r"(?P<figure>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(FINAL_STATED_UNITS, key=len, reverse=True))
    + ")"
)
_SEPARATORS = re.compile(r"[，,、；;：:（(）)]")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_FILLER = re.compile(FINAL_STATED_FILLER)


def _subject(sentence: str) -> str | None:
    for subject, words in FINAL_STATED_SUBJECTS:
        if any(w in sentence for w in words):
            return subject
    return None


def _item(before: str, unit_name: str) -> str:
    """The words that say what a figure is: the text since the figure before it, without what is in brackets,
    from its last separator on, less the unit's name, the year (unless it is the year a change is on: 比2023年度减少)
    and words such as 为 and 其中."""
    words = re.sub(r"[（(][^（）()]*[）)]", "", before)
    words = re.sub(r"\s+", "", _SEPARATORS.split(words)[-1])
    words = words.replace(re.sub(r"\s+", "", unit_name), "").replace("本部门", "").replace("本单位", "")
    words = re.sub(r"^部门", "", words)
    if not words.startswith("比"):
        words = _YEAR.sub("", words)
    for _ in range(2):
        words = _FILLER.sub("", words)
    return words


def stated_table(d: Disclosure) -> Table | None:
    """Every figure the 情况说明 states in a sentence about one of the subjects, in the order printed."""
    rows: list[dict[str, str | None]] = []
    sources: list[str] = []
    for text in d.texts:
        # numbered as the narrative checks number them, so a row and a check name the same paragraph
        for n, para in enumerate(paragraphs(text.markdown), start=1):
            for sentence in re.findall(r"[^。；;\n]+[。；;]?", para):
                subject = _subject(sentence)
                if subject is None:
                    continue
                start = 0
                for m in _FIGURE.finditer(sentence):
                    rows.append(
                        {
                            "seq": str(len(rows) + 1),
                            "subject": subject,
                            "item": _item(sentence[start : m.start()], d.unit) or None,
                            "figure": m.group("figure"),
                            "unit": m.group("unit"),
                            "sentence": sentence.strip(),
                            "located": f"{text.title}（{text.located}），第{n}段",
                        }
                    )
                    sources.append(text.located)
                    start = m.end()
    if not rows:
        return None
    spec = cat.FINAL_STATED
    return Table(
        name=spec.name,
        printed_title=spec.title,
        titles={f.name: f.title for f in spec.fields},
        header_paths={f.name: f.title for f in spec.fields},
        rows=rows,
        sources=sources,
        located=sources[0],
    )
