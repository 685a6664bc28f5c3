"""Text layers with offsets kept.

- ``clean_layout``: reader text -> clean text. Removes layout only (hard line
  wraps, blank lines between wrapped lines, stray ``**``, spaces between Chinese
  characters, web-page widgets); every character left is the original one.
  Paragraphs are separated by a single ``\\n``.
- ``fold``: any text -> a matching form (NFKC, traditional -> simplified,
  unified 〔〕 brackets, lower case, no whitespace). Used to compare, tokenize
  and locate quotes; never shown.

Both return a ``Mapped``: the new text and, for each of its characters, the
offset of the character it came from, so a span found in a derived text can be
located in the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from statistics import median


@dataclass(frozen=True)
class Mapped:
    text: str
    src: tuple[int, ...]  # src[i] = offset in the parent text of text[i]

    def span_to_parent(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span [start, end) of ``text`` to the parent."""
        if start >= end:
            pos = self.src[start] if start < len(self.src) else (self.src[-1] + 1 if self.src else 0)
            return pos, pos
        return self.src[start], self.src[end - 1] + 1

    def compose(self, child: "Mapped") -> "Mapped":
        """``child`` was derived from ``self.text``: map it to self's parent."""
        return Mapped(child.text, tuple(self.src[i] for i in child.src))


# ---------------------------------------------------------------- characters

def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FFFF
    )


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _columns(ch: str) -> int:
    """Printed width: Chinese quotes “” (East-Asian ambiguous) take two."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def display_width(s: str) -> int:
    return sum(_columns(c) for c in s)


_SPACE = " \t\u3000\u00a0\u2002\u2003\u200b\ufeff\r"

# Closing characters after which a line may end a paragraph.
TERMINAL = frozenset("。！？；：!?;:）)〕】]…")

# Structural markers that open a clause node at the start of a paragraph.
CN_NUM = "一二三四五六七八九十"
MARKER_RE = re.compile(
    r"^(?:"
    r"第[一二三四五六七八九十百零〇\d]+[章节条]"
    rf"|[{CN_NUM}]+、"
    rf"|[（(]\s*[{CN_NUM}]+\s*[）)]"
    r"|\d{1,2}\s*[.、．](?!\d)"
    r"|[（(]\s*\d{1,2}\s*[）)]"
    r"|[①-⑳]"
    r"|——"
    r"|(?:牵头单位|责任单位)\s*[:：]"
    r")"
)

# Web-page widgets scraped along with an article.
WIDGET_RE = re.compile(
    r"^(?:分享(?:到)?[:：].{0,30}|分享|【打印此页】.*|【关闭窗口】.*|打印本页.*|关闭窗口.*"
    r"|访问[:：]?\s*\d*(?:次)?|字号[:：].*|【字体[:：].*)$"
)


# ---------------------------------------------------------------- clean

def _clean_line(raw: str, offset: int) -> tuple[str, list[int]]:
    """Strip, drop ``**``, remove spaces between Chinese characters, collapse
    the rest of the whitespace to one space. Returns text and offsets."""
    chars: list[str] = []
    src: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == "*" and i + 1 < n and raw[i + 1] == "*":
            i += 2
            continue
        chars.append(ch)
        src.append(offset + i)
        i += 1
    # strip + collapse whitespace
    out_c: list[str] = []
    out_s: list[int] = []
    k = 0
    m = len(chars)
    while k < m:
        ch = chars[k]
        if ch in _SPACE:
            j = k
            while j < m and chars[j] in _SPACE:
                j += 1
            if out_c and j < m and not (is_wide(out_c[-1]) and is_wide(chars[j])):
                out_c.append(" ")  # keep one space where ASCII stands beside it
                out_s.append(src[k])
            k = j
            continue
        out_c.append(ch)
        out_s.append(src[k])
        k += 1
    return "".join(out_c), out_s


def _split_lines(text: str) -> list[tuple[str, list[int]]]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(_clean_line(raw, pos))
        pos += len(raw) + 1
    return lines


def starts_with_marker(line: str) -> bool:
    return bool(MARKER_RE.match(line))


def is_heading_line(line: str) -> bool:
    """A short line opened by a marker and carrying no sentence: 一、总体要求."""
    if not starts_with_marker(line) or len(line) > 32:
        return False
    if line.endswith(("，", "、", ",")):
        return False
    body = line.rstrip("。：:")
    return "。" not in body


def _wrapped(widths: list[int]) -> tuple[bool, float]:
    """Hard-wrapped text (PDF extraction): most lines fill a fixed width."""
    if len(widths) < 12:
        return False, 0.0
    ws = sorted(widths)
    p90 = ws[int(0.9 * (len(ws) - 1))]
    med = median(widths)
    if not (24 <= med <= 100):
        return False, 0.0
    full = sum(1 for w in widths if w >= 0.85 * p90)
    return full >= 0.5 * len(widths), float(p90)


# Lines that always start a paragraph of their own, and a first line that is a title.
_STANDALONE = re.compile(r"^(?:发布日期|发布时间|成文日期|来源[:：]|[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月)")
TITLE_LINE = re.compile(r"》|(?:意见|方案|计划|报告|通知|办法|规定|细则)$")


def _needs_space(last: str, first: str) -> bool:
    """Western words wrapped across lines keep a space between them
    ("policy,\nthe" -> "policy, the"); a hyphenated break and Chinese do not."""
    return last.isascii() and not last.isspace() and last not in "-/([{" and first.isascii() and first.isalnum()


def clean_layout(text: str) -> Mapped:
    """Re-join hard-wrapped lines into paragraphs; drop layout noise."""
    kept: list[tuple[str, list[int]]] = []
    after_widget: set[int] = set()  # a dropped widget line always ends a paragraph
    for t, s in _split_lines(text):
        if WIDGET_RE.match(t):
            after_widget.add(len(kept))
        elif t:
            kept.append((t, s))
    if not kept:
        return Mapped("", ())
    wrapped, width = _wrapped([display_width(t) for t, _ in kept])

    def full(line: str) -> bool:
        return wrapped and display_width(line) >= 0.85 * width

    def terminal(line: str) -> bool:
        return line[-1] in TERMINAL

    paragraphs: list[tuple[list[str], list[int]]] = []
    cur_c: list[str] = list(kept[0][0])
    cur_s: list[int] = list(kept[0][1])
    prev = kept[0][0]
    for idx, (line, src) in enumerate(kept[1:], start=1):
        if idx in after_widget or _STANDALONE.match(line) or (idx == 1 and TITLE_LINE.search(prev)):
            join = False
        elif starts_with_marker(line):
            join = wrapped and full(prev) and not terminal(prev)
        elif is_heading_line(prev):
            join = False
        elif wrapped:
            join = full(prev)
        else:
            join = not terminal(prev) and len(prev) >= 20
        if join:
            if cur_c and _needs_space(cur_c[-1], line[0]):
                cur_c.append(" ")
                cur_s.append(cur_s[-1] + 1)
            cur_c.extend(line)
            cur_s.extend(src)
        else:
            paragraphs.append((cur_c, cur_s))
            cur_c, cur_s = list(line), list(src)
        prev = line
    paragraphs.append((cur_c, cur_s))

    out_c: list[str] = []
    out_s: list[int] = []
    for i, (c, s) in enumerate(paragraphs):
        if i:
            out_c.append("\n")
            out_s.append(out_s[-1] + 1 if out_s else 0)
        out_c.extend(c)
        out_s.extend(s)
    return Mapped("".join(out_c), tuple(out_s))


# ---------------------------------------------------------------- fold

_BRACKET = str.maketrans({"[": "〔", "【": "〔", "]": "〕", "】": "〕", "［": "〔", "］": "〕"})
_DOCNO_PAREN = re.compile(r"(?<=[\u4e00-\u9fff])\((\d{4})\)(?=\d{1,4}号)")


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC  # opencc-python-reimplemented

    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    if not is_cjk(ch):
        return ch
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def fold(text: str, *, t2s: bool = True) -> Mapped:
    """The matching form of ``text``: NFKC, simplified characters, 〔〕 for
    every bracket around a year in a 文号, lower case, no whitespace, no ``*``.
    """
    chars: list[str] = []
    src: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "*\u200b\ufeff":
            continue
        norm = unicodedata.normalize("NFKC", ch)
        for c in norm:
            if c.isspace():
                continue
            if t2s:
                c = _t2s_char(c)
            chars.append(c.lower())
            src.append(i)
    s = "".join(chars).translate(_BRACKET)
    s = _DOCNO_PAREN.sub(lambda m: "〔" + m.group(1) + "〕", s)
    return Mapped(s, tuple(src))


def fold_text(text: str) -> str:
    return fold(text).text


# the number a heading or item opens with (一、 一是 （一） 1. 第三条)
MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]+[条章节])\s*")


def plain(text: str) -> str:
    """``fold_text`` with letters and digits only (spaces, punctuation, quote
    marks dropped): the form a quoted sentence or an answer span is looked
    for in (「100个高频事项“最多跑一次”」 and 「100个高频事项最多跑一次」 alike)."""
    return "".join(ch for ch in fold_text(text) if unicodedata.category(ch)[0] in "LN")


def char_pairs(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of ``text``, within each run
    of them (a title compared with another, a sentence with its sources)."""
    return {run[i:i + 2] for run in re.findall(r"[\u4e00-\u9fff]+", text) for i in range(len(run) - 1)}


def title_key(title: str) -> str:
    """A title as compared: folded, without spaces, brackets and title marks
    (（2023—2025年） and (2023—2025年) alike)."""
    return re.sub(r"[\s（()）《》]", "", fold_text(title))


def find_folded(haystack: str, needle: str) -> tuple[int, int] | None:
    """Locate ``needle`` in ``haystack`` comparing folded forms; return the
    span in ``haystack`` (verbatim characters), or None."""
    h = fold(haystack)
    n = fold_text(needle)
    if not n:
        return None
    i = h.text.find(n)
    if i < 0:
        return None
    return h.span_to_parent(i, i + len(n))
