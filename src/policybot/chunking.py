"""Long clauses -> retrieval chunks that point back to their clause.

Chunks are verbatim spans of ``Clause.text`` cut at paragraph, then sentence
boundaries; short neighbours are merged. Each chunk is embedded with its
document title and heading path, so "发展目标" under 济宁's 新材料 cluster is
not confused with the one under 医药.
"""

from __future__ import annotations

import re

from .normalize import CN_NUM
from .types import INDEXED_KINDS, Chunk, Clause, DocumentMeta

MAX_CHARS = 300
_SENT_END = re.compile(r"(?<=[。；;！？!?])")


def _pieces(text: str, max_chars: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        a, b = pos, pos + len(para)
        pos = b + 1
        if not para.strip():
            continue
        if b - a <= max_chars:
            spans.append((a, b))
            continue
        start = a
        cur = a
        for sent in _SENT_END.split(para):
            if not sent:
                continue
            end = cur + len(sent)
            if end - start > max_chars and cur > start:
                spans.append((start, cur))
                start = cur
            cur = end
        if cur > start:
            spans.append((start, cur))
    return spans


def chunk_clause(clause: Clause, max_chars: int = MAX_CHARS) -> list[Chunk]:
    spans = _pieces(clause.text, max_chars)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and (b - merged[-1][0]) <= max_chars * 0.6:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    # a hard cut for a single sentence far over the limit
    final: list[tuple[int, int]] = []
    for a, b in merged:
        while b - a > max_chars * 2:
            final.append((a, a + max_chars))
            a += max_chars
        final.append((a, b))
    return [
        Chunk(f"{clause.clause_id}#{i}", clause.clause_id, clause.doc_id, a, b, clause.text[a:b])
        for i, (a, b) in enumerate(final)
    ]


def chunk_document(clauses: list[Clause] | tuple[Clause, ...], max_chars: int = MAX_CHARS) -> list[Chunk]:
    out: list[Chunk] = []
    for c in clauses:
        if c.kind in INDEXED_KINDS:
            out.extend(chunk_clause(c, max_chars))
    return out


def context_line(doc: DocumentMeta, clause: Clause) -> str:
    """Where a chunk stands: region, title and heading path."""
    path = " › ".join(p for p in clause.path if p not in ("前言", "文头"))
    return f"{doc.region}《{doc.title}》 {path}".strip()


def embed_text(doc: DocumentMeta, clause: Clause, chunk: Chunk) -> str:
    return f"{context_line(doc, clause)}\n{chunk.text}"


# ---------------------------------------------------------------- segments

_SEG_END = re.compile(r"[。；;！？!?\n]")
_DUTY_TAIL_RE = re.compile(r"[（(〔\[]\s*(?:牵头单位|责任单位)\s*[:：][^）)〕\]]*[）)〕\]]\s*$")


_NOTE_MAX = 100  # characters of a bracketed note a sentence cut does not enter
_OPEN, _CLOSE = "（(", "）)"
_ENUMERATOR = re.compile(rf"[（(]\s*(?:[{CN_NUM}]{{1,3}}|\d{{1,2}})\s*[）)]")


def _note_end(text: str, i: int) -> int | None:
    """Where the bracketed note opening at ``i`` closes (after its bracket),
    if it closes on the same line within _NOTE_MAX characters."""
    depth = 0
    for j in range(i, min(len(text), i + _NOTE_MAX)):
        ch = text[j]
        if ch == "\n":
            return None
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return j + 1
    return None


def _notes(text: str) -> dict[int, int]:
    """The bracketed notes of a text that close on their line: start -> end."""
    notes: dict[int, int] = {}
    i = 0
    while True:
        i = min((k for k in (text.find(o, i) for o in _OPEN) if k >= 0), default=-1)
        if i < 0:
            return notes
        end = _note_end(text, i)
        if end is None:
            i += 1
            continue
        notes[i] = end
        i = end


def segments(text: str) -> list[tuple[int, int]]:
    """Sentence-level spans of a clause text, the quotable units of an
    answer: cut after 。；！？ and line ends, never inside a bracketed note;
    a note that follows a sentence's end on its line（对接部门：…） belongs
    to that sentence, except a closing （责任单位：…）, a segment of its own,
    and an enumerator （二）, which starts the next. Spans exclude
    surrounding whitespace."""
    notes = _notes(text)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SEG_END.finditer(text):
        if m.start() < start or any(a < m.start() < b for a, b in notes.items()):
            continue  # inside a note (「（对接部门：区科信局；联系人：…）」 is one), or one joined to the sentence before
        end = m.end() if m.group(0) != "\n" else m.start()
        if m.group(0) != "\n":
            k = end
            while k < len(text) and text[k] in " \u3000\t":
                k += 1
            note = notes.get(k)
            if note is not None and not _ENUMERATOR.match(text, k):
                end = note + (note < len(text) and text[note] in "。；;！？!?")
        spans.append((start, end))
        start = end if end > m.end() else m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b <= a:
            continue
        tail = _DUTY_TAIL_RE.search(text, a, b)
        if tail and tail.start() > a and tail.end() >= b:
            out.append((a, tail.start()))
            out.append((tail.start(), b))
        else:
            out.append((a, b))
    return out
