"""How an answer reads in the chat: its first line as the headline, the
quotes grouped under the document they come from, and clickable [n] markers.

The message is one block of HTML (no blank line, so the chat's Markdown
renderer passes it through untouched); every piece of text in it goes
through :func:`render.esc`. The functions are pure: data in, a string out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Answer
from .render import book_titles, esc

_MARKER = re.compile(r"\[(\d{1,3})\]")
_BULLET = re.compile(r"^\s*[·\-•]\s*")


@dataclass(frozen=True)
class Block:
    """One piece of an answer: the headline, a group of quotes under its
    heading (a document), or a free-standing note."""

    kind: str  # "headline" | "group" | "note"
    text: str = ""
    items: tuple[str, ...] = ()
    lead: bool = False  # a group headed by the answer's first line (shown as the headline)


def _is_item(line: str) -> bool:
    return bool(_BULLET.match(line))


def answer_blocks(text: str) -> list[Block]:
    """Split an answer's text into blocks. The first line is the headline,
    whatever it says; a line followed by bullet lines (「· …」 or 「- …」) heads
    a group (when that is the first line, the group is marked ``lead`` and
    its heading shown as the headline); bullets with no heading form a group
    of their own; other lines are notes."""
    lines = [ln.strip() for ln in (text or "").split("\n") if ln.strip()]
    if not lines:
        return []
    blocks: list[Block] = []
    head, items, lead = None, [], False

    def close() -> None:
        nonlocal head, items, lead
        if head is not None or items:
            blocks.append(Block("group", head or "", tuple(items), lead))
        head, items, lead = None, [], False

    first = lines[0]
    rest = lines[1:]
    if _is_item(first):
        blocks.append(Block("headline", _BULLET.sub("", first)))
    elif rest and _is_item(rest[0]):
        head, lead = first, True
    else:
        blocks.append(Block("headline", first))
    for i, line in enumerate(rest):
        if _is_item(line):
            items.append(_BULLET.sub("", line))
            continue
        close()
        if i + 1 < len(rest) and _is_item(rest[i + 1]):
            head = line
        else:
            blocks.append(Block("note", line))
    close()
    return blocks


def markers_html(escaped: str, valid: Sequence[int]) -> str:
    """[n] markers in escaped text -> buttons that open citation n (only for
    numbers that are citations of this answer)."""

    def button(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in valid:
            return m.group(0)
        # the chat's sanitizer drops data-* attributes: the number rides in a class
        return f'<button type="button" class="pb-mk pb-mk-{n}" title="查看引用 [{n}] 的原文">[{n}]</button>'

    return _MARKER.sub(button, escaped)


def answer_html(answer: Answer, note: str = "") -> str:
    """The assistant's chat message. ``note`` says how the filters changed
    the result (see :func:`filter_note`)."""
    valid = [c.n for c in answer.citations]

    def line(text: str, *, title_line: bool = False) -> str:
        # document names get 〈〉 inside 《》; quotes (「…」) stay verbatim
        return markers_html(esc(book_titles(text) if title_line else text), valid)

    out = ['<div class="pb-answer">']  # markers work in the newest answer (its citations are the ones shown)
    if answer.standalone and answer.standalone.strip() != answer.question.strip():
        out.append(f'<p class="pb-understood">理解为：{esc(answer.standalone)}</p>')
    if note:
        out.append(f'<p class="pb-filter-note">{esc(note)}</p>')
    if answer.refused:
        out.append('<p class="pb-refused-head">没有找到能回答这个问题的条款。</p>')
    for b in answer_blocks(answer.answer):
        if b.kind == "headline":
            titled = not b.text.startswith("「")
            out.append(f'<p class="pb-headline">{line(b.text, title_line=titled)}</p>')
        elif b.kind == "note":
            out.append(f'<p class="pb-note">{line(b.text, title_line=True)}</p>')
        else:
            cls = "pb-group-head pb-headline" if b.lead else "pb-group-head"
            head = f'<h4 class="{cls}">{line(b.text, title_line=True)}</h4>' if b.text else ""
            items = "".join(f"<li>{line(t)}</li>" for t in b.items)
            out.append(f'<section class="pb-group">{head}<ul>{items}</ul></section>')
    out.append("</div>")
    return "".join(out)


def filter_note(filtered: Answer, unfiltered: Answer | None, *, region: str = "", doc_title: str = "") -> str:
    """What the active filters did to the answer, or "" when they changed
    nothing worth saying. ``unfiltered`` is the same question asked with no
    filter (None when no filter was active)."""
    scope = []
    if region:
        scope.append(f"地区＝{region}")
    if doc_title:
        scope.append(f"只看{book_titles('《' + doc_title + '》')}")
    if not scope:
        return ""
    where = "、".join(scope)
    others = []
    if unfiltered is not None and not unfiltered.refused:
        mine = {c.document.doc_id for c in filtered.citations}
        seen: set[str] = set()
        for c in unfiltered.citations:
            if c.document.doc_id not in mine and c.document.doc_id not in seen:
                seen.add(c.document.doc_id)
                others.append(book_titles(f"《{c.document.title}》"))
    if filtered.refused:
        tail = f"不加筛选时可以从{'、'.join(others)}中回答，请改为「全部」再问。" if others else "可以改为「全部」再问。"
        return f"当前筛选：{where}，在这个范围内没有找到依据。{tail}"
    if others:
        return f"筛选改变了回答：按{where}只回答了筛选范围内的文件；不加筛选时还会引用{'、'.join(others)}。"
    return ""
