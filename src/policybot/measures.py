"""Support measures as data: what a clause grants, to whom, how much.

A clause such as 「对整生产线、整车间和整工厂的智能化改造项目，分别给予设备投资
（含软件）12%、15% 和 20% 的奖补，单个企业最高不超过 2000 万元」 becomes three
``Measure`` records (one per case), each field a ``Span`` of the clause text:
kind 奖补, case 整车间, base 设备投资（含软件）, rate 15%, cap 2000 万元 with its
scope 单个企业. A field the text does not give is ``None``: nothing is guessed.
Sentences that set targets (到2025年…达到…) become ``Target`` records instead.

Definitions (the gold set in ``eval/measures.jsonl`` follows them):
- a *value* is a rate (12%, 1‰, 百分之五) or a fixed amount (200 万元, 500元,
  6个月 for deferrals and exemptions) that the measure grants;
- a *cap* is an amount directly preceded by 最高 / 不超过 / 不高于 / 上限为 /
  最多 (「给予最高 500 万元扶持」 has a cap and no value); a rate is always
  the value, capped or not (「不超过2%的贴息」);
- a number that qualifies the beneficiary (50人以上的, 投资30亿元以上,
  每新上一个百亿元台阶) or reports a statistic (预计, 累计, 超) is neither;
- the *kind* is the support word the text uses for the value (the one after
  it in its phrase, else the nearest before it), folded to a short list.

Pure functions: a ``Clause`` (and its ``DocumentMeta``) in, records out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import CLAUSE, PREAMBLE, Clause, DocumentMeta


@dataclass(frozen=True)
class Span:
    """``text == clause.text[start:end]``, always."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Measure:
    measure_id: str
    clause_id: str
    doc_id: str
    kind: str  # folded: 奖补 | 奖励 | 补助 | 补贴 | 贴息 | 扶持 | 返还 | 减免 | 缓缴 | 基金 | …
    kind_span: Span
    sentence: Span  # the sentence the measure is read from
    conditions: tuple[Span, ...] = ()  # who qualifies and when (对…的…, …的)
    case: Span | None = None  # the item of a parallel list this value is for (整车间)
    base: Span | None = None  # what a rate applies to (设备投资（含软件）)
    rate: Span | None = None  # 15%
    amount: Span | None = None  # 200 万元
    per: Span | None = None  # 每人 / 每家 for a unit amount
    cap: Span | None = None  # 2000 万元
    cap_scope: Span | None = None  # 单个企业
    departments: tuple[Span, ...] = ()  # payer in the sentence, then the clause's 牵头/责任单位
    group: int = 0  # measures read from one phrase (the cases of one list) share it

    @property
    def value(self) -> Span | None:
        return self.rate or self.amount

    def spans(self) -> dict[str, Span]:
        """Every field that the text gives, by name (conditions numbered)."""
        out: dict[str, Span] = {"kind": self.kind_span}
        for name in ("case", "base", "rate", "amount", "per", "cap", "cap_scope"):
            s = getattr(self, name)
            if s is not None:
                out[name] = s
        for i, s in enumerate(self.conditions):
            out[f"condition{i + 1}"] = s
        for i, s in enumerate(self.departments):
            out[f"department{i + 1}"] = s
        return out

    def to_json(self) -> dict:
        def sj(s: Span | None):
            return s.to_json() if s is not None else None

        return {
            "id": self.measure_id,
            "clause_id": self.clause_id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "kind_span": sj(self.kind_span),
            "sentence": sj(self.sentence),
            "conditions": [sj(s) for s in self.conditions],
            "case": sj(self.case),
            "base": sj(self.base),
            "rate": sj(self.rate),
            "amount": sj(self.amount),
            "per": sj(self.per),
            "cap": sj(self.cap),
            "cap_scope": sj(self.cap_scope),
            "departments": [sj(s) for s in self.departments],
        }


@dataclass(frozen=True)
class Target:
    """A goal the document sets (到2025年…达到…), not a support measure."""

    clause_id: str
    doc_id: str
    sentence: Span
    year: Span | None


def extract(clause: Clause, doc: DocumentMeta | None = None) -> tuple[list[Measure], list[Target]]:
    """The measures and the targets of one clause. ``doc`` is accepted so
    callers can pass what they have; validity is judged at match time."""
    from .measure_parse import TARGET, is_target, measures_of_sentence, sentences

    measures: list[Measure] = []
    targets: list[Target] = []
    for sent in sentences(clause.text):
        s = clause.text[sent[0]:sent[1]]
        if is_target(s):
            y = TARGET.search(s)
            targets.append(Target(clause.clause_id, clause.doc_id, Span(sent[0], sent[1], s),
                                  Span(sent[0] + y.start(), sent[0] + y.end(), y.group(0)) if y else None))
            continue
        measures.extend(measures_of_sentence(clause, sent, group0=len(measures)))
    return measures, targets


def extract_all(clauses, documents: dict[str, DocumentMeta] | None = None) -> list[Measure]:
    """Every measure of a list of clauses (only clauses and preambles grant
    anything: headings, duty lines, mastheads and footers are skipped)."""
    out: list[Measure] = []
    for c in clauses:
        if c.kind in (CLAUSE, PREAMBLE):
            out.extend(extract(c, (documents or {}).get(c.doc_id))[0])
    return out
