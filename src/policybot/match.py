"""The eligibility check: a company profile in, the measures that apply out.

Pure: a ``Profile``, the measures (``measures.extract_all``), the documents
and a date in; ``Eligibility`` records out, each with the amount computed
where the text allows (rate × base, then the cap), the conditions the
profile meets and those still to check, the departments, the document's
validity and the spans every figure comes from. A measure whose conditions
the profile does not settle is ``可能适用`` with the question to answer; one
the profile rules out (another case, another level, another region) is left
out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PolicybotError
from .measure_parse import level_of
from .measures import Measure, Span
from .regions import covers, find_places
from .types import DocumentMeta
from .validity import validity

_NEW = re.compile(r"新获批|新认定|新获得|首次|首笔|新上|新增")
_RANK = {"国家级": 3, "省级": 2, "市级": 1, "区级": 0, "县级": 0}


@dataclass(frozen=True)
class Project:
    kind: str  # e.g. 整车间智能化改造
    investment: float | None = None  # 万元 (equipment investment, software included)


@dataclass(frozen=True)
class Certification:
    name: str  # e.g. 企业技术中心
    level: str = ""  # 国家级 | 省级 | 市级
    new: bool = False  # newly granted


@dataclass(frozen=True)
class Profile:
    region: str = ""
    district: str = ""
    industry: str = ""
    size: str = ""  # 大型 | 中型 | 小型 | 微型 | 中小微 ...
    projects: tuple[Project, ...] = ()
    certifications: tuple[Certification, ...] = ()
    facts: tuple[str, ...] = ()  # anything else true of the company, in words (不裁员, 参保企业)
    revenue: float | None = None  # 营业收入 this year, 万元
    revenue_before: float | None = None  # the year before, 万元 (for 每新上一个…台阶)

    @classmethod
    def from_json(cls, d: dict) -> "Profile":
        try:
            return cls(
                region=d.get("region", ""), district=d.get("district", ""), industry=d.get("industry", ""),
                size=d.get("size", ""),
                projects=tuple(Project(p["kind"], money_wan(p.get("investment"))) for p in d.get("projects") or ()),
                certifications=tuple(Certification(c["name"], c.get("level", ""), bool(c.get("new"))) for c in d.get("certifications") or ()),
                facts=tuple(d.get("facts") or ()),
                revenue=money_wan(d.get("revenue")),
                revenue_before=money_wan(d.get("revenue_before")),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise PolicybotError(
                f"profile not understood ({e}). Expected JSON like "
                '{"region": "济南市", "projects": [{"kind": "整车间智能化改造", "investment": "3000万元"}], '
                '"certifications": [{"name": "企业技术中心", "level": "国家级", "new": true}]}'
            ) from None

    @classmethod
    def load(cls, path: Path) -> "Profile":
        try:
            return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as e:
            raise PolicybotError(f"cannot read the profile {path}: {e}. Give a UTF-8 JSON file.") from None


@dataclass(frozen=True)
class Eligibility:
    measure: Measure
    document: DocumentMeta
    status: str  # 适用 | 可能适用
    amount: str | None  # 450万元, or None when the text gives no figure to compute
    working: str | None  # 设备投资3000万元 × 15% = 450万元，未超过2000万元上限
    met: tuple[str, ...] = ()
    to_check: tuple[str, ...] = ()  # questions to answer
    validity: str = ""
    spans: tuple[Span, ...] = field(default=())  # the text every figure comes from

    def to_json(self) -> dict:
        m = self.measure
        return {
            "status": self.status, "kind": m.kind, "amount": self.amount, "working": self.working,
            "met": list(self.met), "to_check": list(self.to_check),
            "departments": [d.text for d in m.departments], "validity": self.validity,
            "citation": {"clause_id": m.clause_id, "doc_id": m.doc_id, "title": self.document.title,
                         "sentence": m.sentence.text, "spans": [s.to_json() for s in self.spans]},
            "measure": m.to_json(),
        }


def money_wan(text) -> float | None:
    """'3000万元' / '2亿元' / '500元' / 3000 -> 万元."""
    if text is None or text == "":
        return None
    if isinstance(text, (int, float)):
        return float(text)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元)?\s*", str(text).replace(",", ""))
    if not m:
        raise ValueError(f"investment: not an amount: {text!r} (write e.g. 3000万元)")
    n, unit = float(m.group(1)), m.group(2) or "万元"
    return n * 10000 if unit.startswith("亿") else n / 10000 if unit == "元" else n


def rate_of(text: str) -> float | None:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([%％‰])\s*", text)
    if not m:
        return None
    return float(m.group(1)) / (1000 if m.group(2) == "‰" else 100)


def fmt_wan(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") + "万元"


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[^\u4e00-\u9fff]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _overlap(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x) if x else 0.0


_STEP = re.compile(r"每(?:新上|跨上|迈上|上)一个\s*([\d.]+|[一二三四五六七八九十百千]+)\s*(亿元|万元)\s*台阶")
_CN = {"十": 10, "百": 100, "千": 1000, "一": 1, "两": 2, "五": 5}


def steps_crossed(cond: str, p: Profile) -> int | None:
    """「每新上一个 10 亿元台阶」: how many such steps the revenue climbed
    (None when the condition is no step or the profile gives no revenue)."""
    m = _STEP.search(cond)
    if not m or p.revenue is None or p.revenue_before is None:
        return None
    n = float(m.group(1)) if m.group(1)[0].isdigit() else float(_CN.get(m.group(1), 0))
    step = n * (10000 if m.group(2) == "亿元" else 1)
    return int(p.revenue // step - p.revenue_before // step) if step else None


def _check(cond: Span, p: Profile, case: Span | None = None, context: str = "") -> tuple[str, str]:
    """('met' | 'unmet' | 'ask', what)."""
    text = cond.text
    if _STEP.search(text):
        n = steps_crossed(text, p)
        if n is None:
            return "ask", f"{text}（请填写今年和上年的营业收入）"
        return ("met", f"{text}：营业收入从{fmt_wan(p.revenue_before)}到{fmt_wan(p.revenue)}，跨上{n}个台阶") if n > 0 else ("unmet", text)
    level = level_of(text)
    if level:
        at_least = bool(re.search(level + r"(?:及)?以上", text))

        def level_ok(c: Certification) -> bool:
            return c.level == level or (at_least and _RANK.get(c.level, -1) >= _RANK[level])

        # the certificate must be one the clause names (「…企业技术中心…等研发机构」)
        named = [c for c in p.certifications if _overlap(c.name, context or text) > 0.5]
        ok = [c for c in named if level_ok(c) and (not _NEW.search(text) or c.new)]
        if ok:
            return "met", f"{ok[0].level}{ok[0].name}{'（新获批）' if ok[0].new else ''}"
        return ("unmet" if named else "ask"), text
    words = " ".join((*(pr.kind for pr in p.projects), p.industry, p.size, *p.facts, *(c.name for c in p.certifications)))
    if case is not None and case.start >= cond.start and case.end <= cond.end:
        # 「整生产线、整车间和整工厂的智能化改造项目」 for the 整车间 case: the list stands for the case
        items = re.search(r"[^、和及与或]*(?:[、和及与或][^、和及与或的]+)+", text)
        if items and case.text in items.group(0):
            text = text.replace(items.group(0), case.text)
    text = re.sub(r"的|项目$|企业$|单位$", "", text)
    if words.strip() and _overlap(text, words) >= 0.5:
        return "met", cond.text
    return "ask", cond.text


def _project_for(m: Measure, p: Profile) -> Project | None:
    hay = " ".join(c.text for c in m.conditions) + (m.case.text if m.case else "")
    best = None
    for pr in p.projects:
        if m.case is not None and m.case.text not in pr.kind:
            continue
        score = _overlap(pr.kind, hay)
        if best is None or score > best[0]:
            best = (score, pr)
    return best[1] if best and (m.case is not None or best[0] >= 0.3) else None


def _amount(m: Measure, project: Project | None) -> tuple[str | None, str | None, tuple[Span, ...]]:
    cap = money_wan(re.sub(r"\s", "", m.cap.text)) if m.cap is not None and m.cap.text.endswith("元") else None
    if m.rate is not None and project is not None and project.investment is not None:
        r = rate_of(m.rate.text)
        if r is not None:
            raw = project.investment * r
            base = m.base.text if m.base else "投资"
            working = f"{base}{fmt_wan(project.investment)} × {m.rate.text.replace(' ', '')} = {fmt_wan(raw)}"
            spans = tuple(s for s in (m.base, m.rate, m.cap) if s is not None)
            if cap is not None:
                scope = m.cap_scope.text if m.cap_scope else ""
                if raw > cap:
                    return fmt_wan(cap), f"{working}，超过{scope}{fmt_wan(cap)}上限，按{fmt_wan(cap)}计", spans
                return fmt_wan(raw), f"{working}，未超过{scope}{fmt_wan(cap)}上限", spans
            return fmt_wan(raw), working, spans
    if m.amount is not None:
        per = m.per.text if m.per else ""
        return f"{per}{m.amount.text.replace(' ', '')}", None, (m.amount,) + ((m.per,) if m.per else ())
    if m.cap is not None and m.rate is None:
        return f"最高{m.cap.text.replace(' ', '')}", None, (m.cap,)
    return None, None, ()


def match(
    profile: Profile,
    measures: list[Measure],
    documents: dict[str, DocumentMeta],
    today: dt.date,
    clauses: dict[str, str] | None = None,
) -> list[Eligibility]:
    """``clauses`` (clause id -> text) lets a certificate be recognised in the
    whole clause, not only in the measure's sentence."""
    places = find_places(profile.district or profile.region) or find_places(profile.region)
    out: list[Eligibility] = []
    for m in measures:
        doc = documents[m.doc_id]
        if places and doc.region and not any(covers(doc.region, pl) for pl in places):
            continue
        if doc.kind == "评估报告":
            continue  # an evaluation report grants nothing
        met, ask, ruled_out = [], [], False
        if m.case is not None:
            if any(m.case.text in pr.kind for pr in profile.projects):
                met.append(f"项目类型：{m.case.text}")
            elif profile.projects:
                continue
            else:
                ask.append(f"项目是否属于「{m.case.text}」？")
        for c in m.conditions:
            status, what = _check(c, profile, m.case, (clauses or {}).get(m.clause_id, m.sentence.text))
            if status == "unmet":
                ruled_out = True
                break
            (met if status == "met" else ask).append(what if status == "met" else f"是否符合「{what}」？" if "「" not in what else what)
        if ruled_out:
            continue
        if not places:
            ask.append(f"企业是否在{doc.region or '该文件适用的地区'}？")
        project = _project_for(m, profile)
        amount, working, spans = _amount(m, project)
        steps = next((steps_crossed(c.text, profile) for c in m.conditions if _STEP.search(c.text)), None)
        if steps and m.amount is not None and m.amount.text.endswith("元"):
            per = money_wan(re.sub(r"\s", "", m.amount.text))
            amount = fmt_wan(per * steps)
            working = f"跨上{steps}个台阶 × {fmt_wan(per)} = {amount}"
            spans = spans + tuple(c for c in m.conditions if _STEP.search(c.text))
        if m.rate is not None and amount is None:
            ask.append(f"{m.base.text if m.base else '计算基数'}是多少？（按{m.rate.text.replace(' ', '')}计算）")
        v = validity(doc, today)
        out.append(Eligibility(m, doc, "适用" if not ask else "可能适用", amount, working, tuple(met), tuple(ask), v.text,
                               spans + (m.kind_span,)))
    out.sort(key=lambda e: (e.status != "适用", -len(e.met), e.document.region, e.measure.clause_id))
    return out


def details(e: Eligibility) -> list[tuple[str, str]]:
    """What a person checks under one result, in order, as (label, text):
    the working of the amount, the conditions met, those still to confirm,
    the departments. Rendered as text here and as HTML on the page."""
    m = e.measure
    rows = [("计算", e.working), ("已满足", "；".join(e.met)), ("待确认", " ".join(e.to_check)),
            ("联系部门", "、".join(d.text for d in m.departments))]
    return [(label, text) for label, text in rows if text]


def lines(results: list[Eligibility]) -> list[str]:
    """A plain-text rendering for the command line."""
    out = []
    for i, e in enumerate(results, 1):
        m = e.measure
        head = f"{i}. 【{e.status}】{m.kind}" + (f"：{e.amount}" if e.amount else "")
        out.append(head + f"  《{e.document.title}》（{e.validity}）")
        out.extend(f"   {label}：{text}" for label, text in details(e))
        out.append(f"   原文：「{m.sentence.text}」（{m.clause_id}）")
    return out or ["没有找到与该企业情况相符的支持措施。"]
