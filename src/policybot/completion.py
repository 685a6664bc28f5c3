"""A selected sentence that only announces what follows is completed.

A heading sentence (「五、优化特种设备检验技术服务。」), a short lead-in
(「四是减轻企业负担。」) or a sentence ending in a colon says where the answer
is, not what it is: the quote then runs on through the sentences after it,
within its clause (or into the first part under a bare heading), up to a
length a person reads at a glance. A question that asks how, or which
measures (``passage_question``), is answered with a passage: the best
sentence and the ones after it; any other best sentence too short to say
enough alone runs on into the next (``run_on``). Pure functions over the
loaded index.
The lengths were set on the dev part of corpus-ncp.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .clauses import cn_int, numbering
from .evidence import Evidence, money
from .index import IndexData
from .types import CLAUSE, HEADING

BUDGET = 160  # characters a completed quote grows to, at most (whole sentences)
PASSAGE = 300  # the same for the passage a how/which-measures question is answered with
SHORT = 20  # a sentence this short, without a figure, only names a topic
ALONE = 60  # a best sentence shorter than this rarely says enough alone...
RUN_ON = 120  # ...so it runs on into the next sentences of its clause up to this

HEAD = 40  # the opening phrase of a part (up to its first ，。；：) quoted as its name
MAX_PARTS = 8  # an enumeration longer than this is a section, not an answer to "which ones"

_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]+[条章节])\s*")


def passage_question(intents: frozenset[str]) -> bool:
    """How / which measures, not an amount or a department (those are one
    sentence and its figure line)."""
    return bool({"list", "procedure"} & intents) and not ({"amount", "department"} & intents)


def announces(text: str, headings: tuple[str, ...] = ()) -> bool:
    """Whether a sentence names a topic and leaves its content to what follows."""
    s = text.strip()
    if not s:
        return False
    if s.rstrip().endswith(("：", ":")):
        return True
    bare = s.rstrip("。；;，, ")
    if any(bare.replace(" ", "") == h.replace(" ", "") for h in headings):
        return True
    body = _MARKER.sub("", bare)
    return len(body) <= SHORT and not money(body) and not re.search(r"\d", body)


def _next_segments(index: IndexData, e: Evidence) -> list[tuple[int, int, int]]:
    """(clause position, start, end) of the sentences after ``e``: the rest of
    its clause, or, when nothing follows in it, the first part under it."""
    own = [index.segments[s] for s in index.segments_of(e.clause_pos)]
    after = [(cp, a, b) for cp, a, b in own if a >= e.end]
    if after:
        return after
    clause = index.clauses[e.clause_pos]
    nxt = e.clause_pos + 1
    if nxt < len(index.clauses):
        child = index.clauses[nxt]
        if child.doc_id == clause.doc_id and child.parent_id == clause.clause_id:
            return [index.segments[s] for s in index.segments_of(nxt)]
    return []


def complete(index: IndexData, e: Evidence, budget: int = BUDGET) -> list[Evidence]:
    """``e`` itself, and the sentences that carry what it announces."""
    clause = index.clauses[e.clause_pos]
    if not announces(e.text(index), clause.path):
        return [e]
    out = [e]
    length = e.end - e.start
    for cp, a, b in _next_segments(index, e):
        text = index.clauses[cp].text[a:b]
        grown = len(out) > 1 or out[0].end > e.end
        if grown and (length + b - a > budget or _MARKER.match(text)):
            break  # long enough, or the next numbered part begins
        last = out[-1]
        if last.clause_pos == cp:
            out[-1] = replace(last, end=b)
        else:
            out.append(replace(e, clause_pos=cp, start=a, end=b))
        length += b - a
    return out


def run_on(index: IndexData, e: Evidence) -> Evidence:
    """A short best sentence with the sentences after it in its clause, up
    to ``RUN_ON`` characters: 「这是该区…第二例签约活动。」 names what the
    next sentence describes."""
    return widen(index, e, RUN_ON) if e.end - e.start < ALONE else e


def widen(index: IndexData, e: Evidence, budget: int = PASSAGE) -> Evidence:
    """``e`` and the sentences after it in its clause, whole sentences, up to
    ``budget`` characters: the passage a how/which-measures question asks
    for (what a sentence opens, the ones after it go on to say)."""
    b = e.end
    for _, x, y in (index.segments[s] for s in index.segments_of(e.clause_pos)):
        if x < e.end:
            continue
        if y - e.start > budget:
            break
        b = y
    return replace(e, end=b)


# ---------------------------------------------------------------- enumerations

_COUNT = re.compile(r"哪\s*([二三四五六七八九十两\d]{1,2}|几)\s*(?:大|个|项|条|类|块|方面|种|家|位)")


def asked_count(question: str) -> int | None:
    """How many items a "which ones" question asks for: 哪四块 -> 4; 0 for
    哪几个 (some); None when it does not ask to name them one by one."""
    m = _COUNT.search(question)
    if not m:
        return None
    n = m.group(1)
    if n == "几":
        return 0
    return int(n) if n.isdigit() else cn_int(n.replace("两", "二"))


def enumeration(index: IndexData, e: Evidence, count: int, words: list[str]) -> list[Evidence]:
    """The opening phrase of every part of the numbered run ``e``'s clause
    belongs to (一是集中攻坚中国算谷, 二是…), when a question asks which
    ``count`` items (0: some), the run has that many parts and each part's
    name carries some of the question's ``words`` (the parts are the things
    asked about, not neighbouring sections); else []."""
    fam = numbering(index.clauses[e.clause_pos].text)
    if fam is None:
        return []
    parts = [i for i in index.siblings(e.clause_pos)
             if index.clauses[i].kind in (CLAUSE, HEADING) and numbering(index.clauses[i].text) == fam]
    if not 2 <= len(parts) <= MAX_PARTS or (count and len(parts) != count):
        return []
    out = []
    for i in parts:
        m = re.search(r"[，,。；;：:]", index.clauses[i].text)
        if m is None or m.start() > HEAD:
            return []  # parts without a short name: nothing to list
        if not any(w in index.clauses[i].text[:m.start()] for w in words):
            return []
        out.append(replace(e, clause_pos=i, start=0, end=m.start()))
    return out
