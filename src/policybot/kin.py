"""Terms the documents list side by side (「新一代信息技术、新能源、新材料」):
what a follow-up naming one of them (「新材料呢？」) swaps for another in the
question before it (「济宁新一代信息技术集群2025年营收目标多少？」).

Built once per index from the 、-lists of its clause texts. Pure functions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable, Iterable

_ITEM = r"[\u4e00-\u9fffA-Za-z0-9]{2,16}"
_LIST = re.compile(rf"{_ITEM}(?:、{_ITEM})+")
_MIN = 2  # an item's ending this long or longer stands for it (重点发展智能终端 -> 智能终端)


def siblings(texts: Iterable[str]) -> Callable[[str], frozenset[str]]:
    """``kin(term)``: the other items of every list one of whose items is
    ``term`` or ends with it (a list's first item often carries the words
    before it: 「重点发展智能终端、工业机器人」). Lists are found by their
    items' last two characters: one key per item, whatever the library's size."""
    lists: list[tuple[str, ...]] = []
    by_tail: dict[str, list[int]] = defaultdict(list)
    for text in texts:
        for m in _LIST.finditer(text):
            items = tuple(m.group(0).split("、"))
            for tail in dict.fromkeys(item[-_MIN:] for item in items):
                by_tail[tail].append(len(lists))
            lists.append(items)

    def kin(term: str) -> frozenset[str]:
        out: set[str] = set()
        for k in by_tail.get(term[-_MIN:], ()):
            if any(item.endswith(term) for item in lists[k]):
                out.update(item for item in lists[k] if not item.endswith(term))
        return frozenset(out)

    return kin


def swap(prev: str, term: str, kin: Callable[[str], frozenset[str]]) -> str | None:
    """``prev`` with the item of a list ``term`` shares replaced by ``term``:
    the longest such item (or item ending) ``prev`` says; None when it says none."""
    found = []
    for item in sorted(kin(term)):  # (in one order, whatever the set's: the answer must not vary from run to run)
        for i in range(len(item) - _MIN + 1):
            tail = item[i:]
            if tail in prev and tail != term:
                found.append(tail)
                break
    if not found:
        return None
    old = max(found, key=len)
    # 「化工那块呢」 after 高端装备: the item of that list the term is short for (高端化工)
    full = min((i for i in kin(old) if i.endswith(term) and len(i) <= len(term) + 3), key=lambda i: (len(i), i), default=term)
    return prev.replace(old, full, 1)
