"""A PDF page's lines as the page shows them (generator/importer/layout.py), on real pages whose text stream has
another order than the print."""

from __future__ import annotations

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from generator.importer.layout import _drawn_once, page_lines
from tests.conftest import ROOT

CORPUS = ROOT / "sources" / "corpus"


def _page(name: str, number: int) -> tuple[list[str], str]:
    """The lines of page `number` (from 1), and the page's text in stream order."""
    doc = pdfium.PdfDocument(CORPUS / name)
    try:
        page = doc[number - 1]
        stream = page.get_textpage().get_text_range()
        return [ln for ln in page_lines(page) if ln.strip()], stream
    finally:
        doc.close()


def test_a_title_printed_above_the_table_comes_first_wherever_the_stream_puts_it() -> None:
    """上海市医疗保险事业管理中心 p7: the stream gives the figures first and the title last; the page prints the title,
    then 编制单位 and 单位 on one line, the header, the rows, and 收入总计 | 支出总计 at the bottom."""
    lines, stream = _page("shanghai-shiji-yibao-zhongxin-2026-danwei-yusuan.pdf", 7)
    assert stream.index("2026年预算单位财务收支预算总表") > stream.index("193,018,000")
    assert lines[0] == "2026年预算单位财务收支预算总表"
    assert lines[1].startswith("编制单位：上海市医疗保险事业管理中心") and lines[1].endswith("单位：元")
    assert lines[2] == "本年收入 本年支出"
    rows = lines[lines.index("人员经费 公用经费") + 1 :]
    assert rows == [
        "一、财政拨款收入 193,018,000 一、一般公共服务支出 7,099,698 6,910,898 188,800",
        "1、一般公共预算 193,018,000 二、卫生健康支出 175,412,674 32,174,674 8,838,000 134,400,000",
        "2、政府性基金预算 三、住房保障支出 10,505,628 10,505,628",
        "3、国有资本经营预算",
        "二、事业收入",
        "三、事业单位经营收入",
        "四、其他收入",
        "收入总计 193,018,000 支出总计 193,018,000 49,591,200 9,026,800 134,400,000",
    ]


def test_a_page_the_stream_gives_as_one_line_is_read_row_by_row() -> None:
    """上海市审计局 p11, the rest of the 支出预算总表: pdfium's stream has no line break on the page; each printed row
    is a line of its own, the 合计 last."""
    lines, stream = _page("shanghai-shiji-shenjiju-2026-danwei-yusuan.pdf", 11)
    assert "\n" not in stream.strip()
    assert lines[0] == "208 08 抚恤 801,000 801,000"
    assert lines[1] == "208 08 01 死亡抚恤 801,000 801,000"
    assert lines[2] == "210 卫生健康支出 6,142,000 6,100,000 42,000"
    assert lines[-1] == "合计 195,774,300 175,071,300 20,703,000"
    assert len(lines) == 12


def test_a_page_turned_by_rotate_reads_across_the_turned_page() -> None:
    """烟台市司法局 p9 is printed sideways (/Rotate 90): its lines run across the page as turned for reading."""
    lines, _ = _page("shandong-yantai-sifaju-2026-bumen-yusuan.pdf", 9)
    assert lines[:3] == ["公开表2", "收入总体情况表", "部门（单位）：烟台市司法局 单位：万元"]
    total = lines.index("合\u3000计 7,370.46 7,367.46 7,367.46 3.00")
    assert (
        lines.index("部门（单位）：烟台市司法局 单位：万元")
        < total
        < lines.index("201 一般公共服务支出 5.00 5.00 5.00")
    )
    assert lines[-1] == "— 8 —"


def test_a_glyph_overprinted_at_its_own_place_is_read_once() -> None:
    """西安市商务局 p36 fakes a bold title and header by drawing each glyph 5–9 times at the same place: the stream
    repeats the title, the page shows it once."""
    lines, stream = _page("shaanxi-xian-shangwuju-2022-bumen-zonghe-yusuan.pdf", 36)
    assert stream.count("2022年部门综合预算收支总表") > 1
    assert lines[:3] == ["表1", "2022年部门综合预算收支总表", "金额单位：元"]
    assert lines[7].startswith("1 一、部门预算 581242867.20 一、部门预算 581242867.20")


def test_the_same_glyph_a_little_apart_or_another_glyph_at_the_same_place_is_kept() -> None:
    boxes = {
        0: (10.0, 5.0, 17.0, 13.0),
        1: (10.02, 5.01, 17.0, 13.0),
        2: (17.0, 5.0, 24.0, 13.0),
        3: (10.0, 5.0, 17.0, 13.0),
    }
    assert _drawn_once("表表表x", boxes.get) == [0, 2, 3]
    assert _drawn_once("11 1", {0: (0.0, 0.0, 4.0, 8.0), 1: (4.0, 0.0, 8.0, 8.0), 3: (0.5, 10.0, 4.5, 18.0)}.get) == [
        0,
        1,
        2,
        3,
    ]
