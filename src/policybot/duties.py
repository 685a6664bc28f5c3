"""Which measures of a document a unit is made responsible for: 「区里那个行动
计划，哪几项任务把各街道办事处列成了责任单位？」 is answered by every clause
whose 牵头/责任单位 list that unit, each named by its heading and quoted by
its duty line — the reverse of 「这项任务谁负责」.

A unit is a department the question names (市工信局, 区财政局) or a
collective one (各街道办事处, 各区县政府, 各县市区, 功能区); it is listed when
its characters, without 各 and its kind, appear in order in a listed unit
(区县政府 in 「各区县党委和政府」, 市工信局 in 市工业和信息化局).

Pure: a question, the index and documents in; the duty lines out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .evidence import Evidence, duty_span
from .index import IndexData
from .refusal import DEPARTMENT_NAMED

_COLLECTIVE = re.compile(r"各?(?:街道办事处|街道办|区县(?:党委和)?政府|区县|县市区|县（市、区）|功能区(?:管委会)?|管委会|乡镇政府|乡镇|镇街)")
# which of the measures (哪几项任务, 哪些条款, 几项); not which one (「这项任务谁负责」)
_WHICH = re.compile(r"哪(?:几|些)(?:项|条|个|块)?(?:任务|工作|事|措施|条款|内容|方面|项|条)?|(?:几|多少)(?:项|条)"
                    r"|哪一?(?:项|条)(?:任务|工作|措施|条款)")  # (「统计局是哪一条任务的责任单位」: the measure it is listed for)
# the asker's own office named without its city (「我们统计局…」, 「咱们工信局」)
_OWN_OFFICE = re.compile(r"(?:我们|咱们|我|本)([\u4e00-\u9fff]{2,4}?(?:局|委))")
_DUTY = re.compile(r"责任单位|牵头|负责|承担|列(?:为|成|进|入|了)|参与|落到|落在|涉及|分工|有份|点名")
_KIND = re.compile(r"^各|(?:局|委员会|委|办公室|办|厅|中心|政府|办事处)$")


@dataclass(frozen=True)
class Duty:
    """A measure the unit is listed for: its heading, and the line that lists it."""

    heading: str
    line: Evidence


def asked(question: str) -> str | None:
    """The unit whose measures are asked (「哪几项任务把各街道办事处列成了责任单位」 -> 各街道办事处)."""
    # (in the piece that asks which: not the asker's own office told before, 「区县工信局的问题：…」)
    for piece in re.split(r"[，,。？?！!；;：:]", question):
        units = [m.group(0) for m in (*DEPARTMENT_NAMED.finditer(piece), *_COLLECTIVE.finditer(piece))]
        units = units or [m.group(1) for m in _OWN_OFFICE.finditer(piece)]
        if units and _WHICH.search(piece) and _DUTY.search(piece):
            return max(units, key=len)
    return None


def listed(index: IndexData, unit: str, docs: list[str]) -> tuple[Duty, ...]:
    """Every measure of ``docs`` whose 牵头/责任单位 list ``unit``, in the documents' order, each duty line once."""
    out: list[Duty] = []
    seen: set[tuple[int, int]] = set()
    for doc in docs:
        for cp in index.clauses_of(doc):
            clause = index.clauses[cp]
            if not any(_same(unit, u) for u in (*clause.lead, *clause.responsible)):
                continue
            at = duty_span(index, cp)
            if at is None or (at[0], at[1]) in seen:
                continue
            seen.add((at[0], at[1]))
            # (named by the first clause the line serves: the measure 「4. …」, not its last item 「四是…」 the line closes)
            out.append(Duty(clause.path[-1] if clause.path else clause.label, Evidence(at[0], at[1], at[2], 0.0, 0.0, 0.0, 0)))
    return tuple(out)


def headline(duties: tuple[Duty, ...], unit: str, number: dict[int, int]) -> str:
    """「列有各街道办事处的共8项：1. 优化产业规划布局 [1]；…」; ``number`` gives each line's citation number by its clause."""
    shown = [d for d in duties if d.line.clause_pos in number]
    items = "；".join(f"{d.heading} [{number[d.line.clause_pos]}]" for d in shown)
    return f"牵头或责任单位列有「{unit}」的共{len(shown)}项：{items}"


def _same(asked_unit: str, listed_unit: str) -> bool:
    """The asked unit's characters, without 各 and its kind, in order in the listed one."""
    core, it = _KIND.sub("", asked_unit), iter(_KIND.sub("", listed_unit))
    return len(core) >= 2 and all(ch in it for ch in core)
