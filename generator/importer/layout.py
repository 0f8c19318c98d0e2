"""A PDF page's text as the page shows it: lines found by where their characters are printed, top to bottom and
left to right within a line, whatever the order of the PDF's text stream (which gives some pages' figures before
their title, or a whole page as one line).

pdfium gives each character's box and angle. Runs of characters that follow each other in the stream on one line
keep pdfium's text (and the spaces it puts between words); runs are then grouped into lines by their vertical
position. Text printed at another angle than most of the page (a rotated stamp or label) follows, in stream order.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass, field

_LINE_BREAK = "\r\n"


@dataclass
class _Run:
    """Characters that follow each other in the stream on one line, in page coordinates (top grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float
    text: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _to_page(left: float, bottom: float, right: float, top: float, turn: int) -> tuple[float, float, float, float]:
    """A box in PDF user space → (left, top, right, bottom) as read, the text turned upright by `turn` degrees
    clockwise (top grows downwards); only the order of coordinates matters, not their origin."""
    if turn == 0:
        return left, -top, right, -bottom
    if turn == 90:
        return bottom, left, top, right
    if turn == 180:
        return -right, bottom, -left, top
    return -top, -right, -bottom, -left


def _joined(runs: list[_Run]) -> str:
    """The runs of one line, left to right: a space where the gap between two is wider than a quarter of the
    characters' height (pdfium's own rule for a gap between two text objects)."""
    out = ""
    prev: _Run | None = None
    for r in sorted(runs, key=lambda r: r.left):
        text = "".join(r.text)
        if prev is not None and out and not out[-1].isspace() and not text[:1].isspace():
            if r.left - prev.right > min(r.height, prev.height) / 4:
                out += " "
        out += text
        prev = r if prev is None or r.right > prev.right else prev
    return out


def _lines(runs: list[_Run]) -> list[str]:
    """Runs grouped into lines: a run belongs to the line it overlaps most, by at least half the height of the
    lower of the two; lines ordered by their top."""
    lines: list[tuple[float, float, list[_Run]]] = []
    for r in sorted(runs, key=lambda r: (r.top, r.left)):
        best, share = None, 0.5
        for line in lines[-4:]:  # runs come by their top: only the last lines can reach down to this one
            top, bottom, _ = line
            h = min(r.bottom - r.top, bottom - top)
            if h > 0 and (s := (min(r.bottom, bottom) - max(r.top, top)) / h) >= share:
                best, share = line, s
        if best is None:
            lines.append((r.top, r.bottom, [r]))
        else:
            best[2].append(r)
    return [_joined(members) for _, _, members in lines]


_TOKEN = re.compile(r"[^ \r\n]+| +|[\r\n]+")


def page_lines(page) -> list[str]:
    """The lines of a pypdfium2 page in reading order."""
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = textpage.get_text_range()
        if len(text) != count:  # a character beyond the BMP is two UTF-16 units: one character a call
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, k) or 0xFFFD) for k in range(count))
        turn = (360 - _main_angle(raw, handle, text)) % 360
        rect = raw.FS_RECTF()
        ref = ctypes.byref(rect)

        def box(k: int) -> tuple[float, float, float, float] | None:
            # the loose box (advance × ascent–descent): even heights on a line, no gap between adjacent characters
            if not raw.FPDFText_GetLooseCharBox(handle, k, ref) or rect.right <= rect.left or rect.top <= rect.bottom:
                return None
            return _to_page(rect.left, rect.bottom, rect.right, rect.top, turn)

        index = _drawn_once(text, box)  # the stream index of each character kept
        kept = "".join(text[k] for k in index)
        pieces: list[tuple[int, str, tuple[float, float, float, float] | None]] = []  # (index, text, box)
        for m in _TOKEN.finditer(kept):
            word, k = m.group(), index[m.start()]
            if word[0] in " \r\n":
                pieces.append((k, word, None))
                continue
            first, last = box(k), box(index[m.end() - 1])
            if first and last and _along(first, last, len(word)):
                pieces.append((k, word, (first[0], min(first[1], last[1]), last[2], max(first[3], last[3]))))
            else:  # not one piece on one line: character by character
                pieces.extend((index[m.start() + j], ch, box(index[m.start() + j])) for j, ch in enumerate(word))
        main = (360 - turn) % 360
        runs: list[_Run] = []
        aside: list[str] = [""]  # text at another angle, in stream order
        run: _Run | None = None
        space = ""
        for k, word, b in pieces:
            if word[0] == " ":
                space = word
                continue
            if word[0] in _LINE_BREAK:
                run = None
                if aside[-1]:
                    aside.append("")
                continue
            if b is None:  # a character without a box: kept where the stream has it
                if run is not None:
                    run.text.append(word)
                else:
                    aside[-1] += word
                continue
            left, top, right, bottom = b
            if run is not None:
                h = min(run.bottom - run.top, bottom - top)
                # the run goes on: on its line, neither back nor far ahead of its last character
                if min(run.bottom, bottom) - max(run.top, top) >= h / 2 and run.right - h / 2 <= left <= run.right + h:
                    run.text.extend((space, word))
                    run.right = max(run.right, right)
                    space = ""
                    continue
            space = ""
            if _angle(raw, handle, k) != main:
                run = None
                aside[-1] += word
                continue
            run = _Run(left, top, right, bottom, [word])
            runs.append(run)
    finally:
        textpage.close()
    return _lines(runs) + [a for a in aside if a]


def _drawn_once(text: str, box) -> list[int]:
    """The index of each character of the stream but the copies drawn over it: a bold face faked by printing each
    glyph several times at (nearly) the same place is one character (西安: '表表表表表2222'). The same glyph within an
    eighth of its height (at most 1 pt) of one kept is a copy; a character without a box is kept."""
    boxes: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out = []
    for k, ch in enumerate(text):
        b = None if ch.isspace() else box(k)
        if b is None:
            out.append(k)
            continue
        left, top, _right, bottom = b
        near = min(1.0, (bottom - top) / 8)
        cell = (ch, math.floor(left), math.floor(top))
        around = [(ch, cell[1] + dx, cell[2] + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        if any(abs(x - left) <= near and abs(y - top) <= near for key in around for x, y in boxes.get(key, ())):
            continue
        boxes.setdefault(cell, []).append((left, top))
        out.append(k)
    return out


def _along(first: tuple[float, ...], last: tuple[float, ...], n: int) -> bool:
    """The first and last characters of a word on one line, as close as its length allows (no gap inside)."""
    h = min(first[3] - first[1], last[3] - last[1])
    same_line = min(first[3], last[3]) - max(first[1], last[1]) >= h / 2
    return same_line and first[0] <= last[0] and last[2] - first[0] <= n * 1.2 * h + h


def _angle(raw, handle, k: int) -> int:
    """A character's angle in degrees, a multiple of 90; -1 for any other (a slanted stamp)."""
    degrees = math.degrees(raw.FPDFText_GetCharAngle(handle, k)) % 360
    right = round(degrees / 90) * 90
    return right % 360 if abs(degrees - right) < 5 else -1


def _main_angle(raw, handle, text: str) -> int:
    """The angle of most of a page's characters (a sample of them): 0, or that of a page turned by /Rotate or of
    a table printed sideways."""
    sample = [_angle(raw, handle, k) for k in range(0, len(text), 7) if not text[k].isspace()]
    right = [a for a in sample if a >= 0]
    return max(set(right), key=right.count) if right else 0
